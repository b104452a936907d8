"""`citations.parse_definition`: a footnote's raw text in, its citations and note (or
the error and its hint) out. Cases in tests/fixtures/units/citations.md."""

from __future__ import annotations

import json

import pytest

from factsite.citations import CitationSyntaxError, parse_definition
from unit_fixtures import cases


def show(raw: str) -> str:
    try:
        parsed = parse_definition(raw)
    except CitationSyntaxError as exc:
        return f"error: {exc.message}\n  hint: {exc.hint}\n"
    out = []
    for c in parsed.citations:
        quote = f" {json.dumps(c.quote, ensure_ascii=False)}" if c.quote is not None else ""
        out.append(f"{c.locator}{quote}  (written {c.text!r})\n")
    if parsed.note is not None:
        out.append(f"note: {parsed.note}\n")
    return "".join(out)


@pytest.mark.parametrize("given,expected", cases("citations.md"))
def test_parse_definition(given, expected):
    assert show(given) == expected
