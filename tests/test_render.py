"""`render.Renderer`: a page's text in (its citations resolved against
tests/fixtures/units/sources), the HTML of its text out: each claim with its badge,
markers and rating, and each plain note's HTML. Cases in tests/fixtures/units/render.md."""

from __future__ import annotations

import functools

import pytest

from factsite.check import CheckResult, check_page
from factsite.config import SiteConfig
from factsite.content import parse_page
from factsite.provenance import page_view
from factsite.render import Renderer
from unit_fixtures import PAGE, UNITS, cases, finding, sources


@functools.cache
def renderer() -> Renderer:
    return Renderer(UNITS, SiteConfig(), sources())


def show(text: str) -> str:
    found: list = []
    page = parse_page(text, PAGE, "page", found)
    result = CheckResult([], {})
    check_page(page, sources(), result)
    out = [finding(d) for d in found + result.diagnostics]
    body, notes = renderer().body_html(page_view(page, result.resolved))
    html = str(body)
    out.append(html if html.endswith("\n") else html + "\n<!-- (no newline at the end) -->\n")
    out += [f"<!-- plain note {label} -->\n{note}" for label, note in notes.items()]
    return "".join(out)


@pytest.mark.parametrize("given,expected", cases("render.md"))
def test_body_html(given, expected):
    assert show(given) == expected
