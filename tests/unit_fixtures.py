"""The unit fixture files, tests/fixtures/units/*.md, in markdown-it-py's own format:

    title
    .
    input
    .
    expected output
    .

One parametrized test per module (test_citations, test_content, test_check,
test_render) reads its file: a string in, findings or HTML out, nothing on disk.

    python tests/unit_fixtures.py check.md    # rewrite a file's expected outputs

(for a new case or a deliberate change of output: read the diff before committing.)
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

UNITS = Path(__file__).parent / "fixtures" / "units"
PAGE = "content/page.md"


def cases(name: str) -> list:
    return [pytest.param(given, expected, id=f"{name}:{line}:{title}")
            for line, title, given, expected in read_fixture_file(UNITS / name)]


@functools.cache
def sources() -> dict:
    """The sources in tests/fixtures/units/sources, read and related as a build does."""
    from factsite.independence import relate
    from factsite.sources import load_sources

    found, diags = load_sources(UNITS)
    diags += relate(found)
    assert not diags, diags
    return found


def finding(d) -> str:
    text = f"finding {d.line}:{d.column} {d.severity} {d.code}: {d.message}\n"
    return text + (f"  hint: {d.hint}\n" if d.hint else "")


def update(name: str, show) -> None:
    """Rewrite the expected outputs of `name` with what `show(input)` gives now."""
    path = UNITS / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out, last = [], 0
    for line, _title, given, _expected in read_fixture_file(path):
        closing = line + given.count("\n") + 1  # the `.` after the input (`line`: the one after the title)
        end = closing + _expected.count("\n") + 1  # the `.` after the output
        out += lines[last:closing + 1]
        out.append(show(given))
        out.append(lines[end])
        last = end + 1
    out += lines[last:]
    path.write_text("".join(out), encoding="utf-8")


if __name__ == "__main__":
    import importlib

    for arg in sys.argv[1:]:
        module = importlib.import_module(f"test_{Path(arg).stem}")
        update(arg, module.show)
