"""Extreme and hostile inputs (bench/extreme.py cases, at a small scale): findings or a
correct build, never a traceback. The full-size run records time and memory."""

from __future__ import annotations

import pytest

from bench.extreme import CASES, make_case
from factsite.cli import main
from factsite.project import load_project

EXPECTED = {
    "50mb-source": {"quote-not-found"},
    "100k-paragraphs": {"quote-elsewhere"},
    "10k-footnotes": set(),
    "deep-nesting": set(),
    "long-lines": {"quote-not-found"},
    "yaml-bomb": {"bad-front-matter", "bad-source", "bad-config"},
    "yaml-tags": {"bad-front-matter", "bad-source"},
    "binary-and-broken": {"bad-source", "bad-content"},
    "insertions": {"quote-not-found"},
    "missing-in-5000": {"quote-not-found"},
    "unclosed-openers": set(),
}


@pytest.mark.parametrize("case", CASES)
def test_extreme_case_ends_in_findings_or_a_build(case, tmp_path):
    root = make_case(case, tmp_path / "p", scale=0.01)
    project = load_project(root)
    assert {d.code for d in project.diagnostics if d.severity == "error"} == EXPECTED[case]
    status = main(["--root", str(root), "--out", str(tmp_path / "site")])
    assert status == (1 if EXPECTED[case] else 0)
    assert not (tmp_path / "pwned").exists() and not (root / "pwned").exists()


def test_deeply_nested_html_is_read_not_refused(tmp_path):
    root = make_case("deep-nesting", tmp_path / "p", scale=1.0)
    project = load_project(root)
    assert [p.text for p in project.sources["deep-html"].paragraphs] == ["Deep text."]
    # markdown-it stops nesting block quotes at depth 20 (docs/decisions.md); the lists still read
    assert [p.text for p in project.sources["deep-md"].paragraphs][:2] == ["item", "item"]


def test_ten_thousand_footnotes_on_one_page_build(tmp_path):
    root = make_case("10k-footnotes", tmp_path / "p", scale=0.2)
    assert main(["--root", str(root), "--out", str(tmp_path / "site")]) == 0
    html = (tmp_path / "site" / "p.html").read_text()
    assert html.count('class="cite-ref"') == 2000
