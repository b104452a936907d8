"""Every fixture case in tests/fixtures/*.txt: files in, exact findings and paragraphs out."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import write_project
from fixture_format import read_cases
from factsite.project import load_project

FIXTURES = Path(__file__).parent / "fixtures"
CASES = [c for f in sorted(FIXTURES.glob("*.txt")) for c in read_cases(f)]


def _key(d) -> str:
    return f"{d.path}:{d.line}:{d.column} {d.severity} {d.code}"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.file}:{c.line}:{c.name}" for c in CASES])
def test_fixture(case, tmp_path):
    root = write_project(tmp_path / "proj", case.files)
    project = load_project(root)
    if case.has_expect:
        wanted = [line.partition("|")[0].strip() for line in case.expect]
        got = [_key(d) for d in project.diagnostics]
        assert Counter(got) == Counter(wanted), "\n".join(
            f"{_key(d)} | {d.message} | {d.hint}" for d in project.diagnostics
        )
        for line in case.expect:
            key, _, text = line.partition("|")
            if text.strip():
                texts = [f"{d.message} {d.hint}" for d in project.diagnostics if _key(d) == key.strip()]
                assert any(text.strip() in t for t in texts), (text.strip(), texts)
    for sid, expected in case.paragraphs.items():
        source = project.sources[sid]
        got = [f"{p.number}: {p.text}" for p in source.paragraphs]
        assert got == expected
    for sid, expected in case.meta.items():
        source = project.sources[sid]
        want = dict(line.split(": ", 1) for line in expected)
        assert {k: source.meta.get(k) for k in want} == want
