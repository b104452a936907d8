"""`check.check_citation`: one citation in (written as in a footnote), resolved against
tests/fixtures/units/sources: the words it marks, or the findings with their hints,
and the fix `--fix` would make. Cases in tests/fixtures/units/check.md."""

from __future__ import annotations

import pytest

from factsite.check import check_citation
from factsite.citations import parse_definition
from unit_fixtures import PAGE, cases, finding, sources


def show(written: str) -> str:
    out = []
    for c in parse_definition(written).citations:
        resolved, found, fix = check_citation(c, sources(), PAGE, 7, 8)
        head = f"{c.locator}: {'resolved' if resolved.ok else 'not resolved'}"
        out.append(head + (f" in {resolved.source.id}\n" if resolved.source else "\n"))
        for n, spans in sorted(resolved.marks.items()):
            text = resolved.source.paragraphs[n - 1].text
            out += [f"  marks p{n} {s}-{e}: {text[s:e]}\n" for s, e in spans]
        out += [finding(d) for d in found]
        if fix is not None:
            out.append(f"fix lines {fix.line}-{fix.end_line}: {fix.old} -> {fix.new}\n")
    return "".join(out)


@pytest.mark.parametrize("given,expected", cases("check.md"))
def test_check_citation(given, expected):
    assert show(given) == expected
