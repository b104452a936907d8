"""`content.parse_page`: a page's text in, its model (claims with their anchors and
references, definitions) and findings out. Cases in tests/fixtures/units/content.md."""

from __future__ import annotations

import pytest

from factsite.content import parse_page
from unit_fixtures import PAGE, cases, finding


def _definition(d) -> str:
    head = f"definition {d.label} {d.line}-{d.end_line}"
    if d.duplicate_of is not None:
        head += f" (again: first on {d.duplicate_of})"
    if d.error is not None:
        return f"{head} error: {d.error.message}\n"
    if d.parsed is not None:
        return f"{head} cites {'; '.join(c.text for c in d.parsed.citations)}" + (
            f" -- {d.parsed.note}\n" if d.parsed.note else "\n")
    return f"{head} plain: {d.raw!r}\n"


def show(text: str) -> str:
    found: list = []
    page = parse_page(text, PAGE, "page", found)
    out = []
    in_claims = set()
    for c in page.claims:
        flags = " editorial" if c.editorial else ""
        attrs = {k: v for k, v in c.attrs.items() if k != "id"}
        flags += f" {attrs}" if attrs else ""
        out.append(f"claim {c.line} #{c.anchor}{flags}: {c.text}\n")
        for r in c.refs:
            in_claims.add(id(r))
            out.append(f"  ref {r.label} {r.line}:{r.column}\n")
    out += [f"ref outside claims {r.label} {r.line}:{r.column}\n" for r in page.refs if id(r) not in in_claims]
    out += [_definition(d) for d in page.all_definitions]
    out += [finding(d) for d in found]
    return "".join(out)


@pytest.mark.parametrize("given,expected", cases("content.md"))
def test_parse_page(given, expected):
    assert show(given) == expected
