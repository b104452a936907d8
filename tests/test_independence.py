"""Independent origins: pairs of sources detected as one story (or sharing a passage),
both ways; the sample's reports (copied into tests/fixtures/samestory/sample); what the
site shows and counts; the detection's cache."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import write_project
from factsite import samestory
from factsite.independence import relate
from factsite.project import load_project
from factsite.sources import load_sources
from factsite.sources.model import Paragraph, Source
from sitebuild import build

TEXTS = Path(__file__).parent / "fixtures" / "samestory"

# (first text, second text, what the pair is): "same" one story, "passage" a paragraph
# carried nearly word for word, "quiet" nothing to report
PAIRS = [
    ("wire", "copy", "same"),  # a verbatim copy (with a line added)
    ("wire", "rewrite", "same"),  # reworded, the paragraph order kept
    ("wire", "reordered", "same"),  # the paragraphs in another order
    ("wire", "quoting", "passage"),  # another story quoting one paragraph of it
    ("independent-a", "independent-b", "quiet"),  # one event, same names and numbers, written apart
    ("wire", "independent-a", "quiet"),
    ("wire", "independent-b", "quiet"),
    ("rewrite", "independent-a", "quiet"),
    ("quoting", "independent-b", "quiet"),
    ("fa-wire", "fa-rewrite", "same"),  # Persian: a reworded copy
    ("fa-wire", "fa-independent", "quiet"),  # Persian: another report of the event
    ("fa-rewrite", "fa-independent", "quiet"),
]


def _project(tmp_path: Path, named: dict[str, str], sidecars: dict[str, str] | None = None) -> Path:
    """A project with the fixture texts under the given ids (id -> fixture name)."""
    files = {f"sources/{sid}.txt": (TEXTS / f"{name}.txt").read_text(encoding="utf-8") for sid, name in named.items()}
    files.update({f"sources/{sid}.yml": body for sid, body in (sidecars or {}).items()})
    return write_project(tmp_path / "proj", files)


def _findings(root: Path, *codes: str) -> list:
    return [d for d in load_project(root).diagnostics if d.code in codes]


@pytest.mark.parametrize("first, second, kind", PAIRS, ids=[f"{a}~{b}" for a, b, _ in PAIRS])
@pytest.mark.parametrize("way", ["as given", "reversed"])
def test_pairs_both_ways(tmp_path, first, second, kind, way):
    # the ids decide which source comes first: both orders are checked
    ids = ("a-src", "b-src") if way == "as given" else ("b-src", "a-src")
    root = _project(tmp_path, {ids[0]: first, ids[1]: second})
    same = _findings(root, "undeclared-same-story")
    passages = _findings(root, "shared-passage")
    if kind == "same":
        assert len(same) == 1 and not passages, same + passages
        d = same[0]
        assert d.severity == "warning" and d.path == "sources/a-src.txt" and d.line == 1
        assert "a-src and b-src look like one story" in d.message
        assert d.message.count(" ~ ") == 2  # two example pairs, as a-src#pN ~ b-src#pM
        assert "same_story_as: [b-src]" in d.hint
    elif kind == "passage":
        assert not same and len(passages) == 1, same + passages
        assert passages[0].severity == "info" and "nearly word for word" in passages[0].message
    else:
        assert not same and not passages, same + passages


def test_passage_is_listed_on_both_source_pages(tmp_path):
    root = _project(tmp_path, {"harbour": "wire", "seagrass": "quoting"})
    (passage,) = _findings(root, "shared-passage")
    assert (passage.path, passage.line) == ("sources/harbour.txt", 5)  # the paragraph's own line
    assert "harbour#p5 and seagrass#p3 share a passage" in passage.message
    assert build(root, tmp_path / "site") == 0
    for sid, own, other in (("harbour", 5, "seagrass"), ("seagrass", 3, "harbour")):
        page = BeautifulSoup((tmp_path / "site" / "sources" / f"{sid}.html").read_text(encoding="utf-8"), "html.parser")
        items = [li.get_text(" ", strip=True) for li in page.select("ul.relations li")]
        assert any(f"¶{own} carries a passage of {other}" in item for item in items), items
        assert "An independent report" in page.select_one("dl.meta").get_text()  # a passage is no family


def test_a_declared_pair_is_quiet_and_counts_as_one_origin(tmp_path):
    root = _project(tmp_path, {"wire": "wire", "rewrite": "rewrite"}, {"rewrite": "same_story_as: [wire]\n"})
    assert _findings(root, "undeclared-same-story") == []
    project = load_project(root)
    assert project.sources["wire"].relations.family is project.sources["rewrite"].relations.family
    # declared independent: quiet, and two origins
    root = _project(tmp_path / "2", {"wire": "wire", "rewrite": "rewrite"}, {"rewrite": "independent_of: [wire]\n"})
    assert _findings(root, "undeclared-same-story") == []
    project = load_project(root)
    assert project.sources["wire"].relations.family.id != project.sources["rewrite"].relations.family.id


SAMPLE = ["blocs-unite", "defence-talks", "ians", "nationpress", "un-talks-call"]


def test_sample_reports_ians_and_nationpress_before_declaring_and_nothing_else(tmp_path):
    """The five sample reports (copied): IANS and NationPress are one reworded story,
    found though they share few five-word runs; blocs-unite and un-talks-call stay quiet."""
    files = {f"sources/{sid}.txt": (TEXTS / "sample" / f"{sid}.txt").read_bytes() for sid in SAMPLE}
    root = write_project(tmp_path / "proj", files)
    found = [d for d in load_project(root).diagnostics if d.code in ("undeclared-same-story", "shared-passage")]
    assert [(d.path, d.line, d.code) for d in found] == [("sources/ians.txt", 1, "undeclared-same-story")]
    assert "ians and nationpress look like one story" in found[0].message
    assert "ians#p8 ~ nationpress#p10" in found[0].message
    assert not any(sid in f"{d.message} {d.hint}" for d in found for sid in ("blocs-unite", "un-talks-call"))
    (root / "sources" / "nationpress.yml").write_text('same_story_as: [ians]\nrelies_on: ["Afghanistan International"]\n')
    assert _findings(root, "undeclared-same-story", "shared-passage") == []


def _harbour_site(tmp_path: Path) -> Path:
    """A page citing a story, its rewrite (detected, not declared) and an independent report."""
    root = _project(tmp_path, {"wire": "wire", "rewrite": "rewrite", "radio": "independent-a"})
    (root / "site.yml").write_text('title: T\nurl: https://example.org/\n')
    (root / "content" / "page.md").write_text(
        "---\ntitle: Harbour\n---\n\n"
        '{rating="True"}\nThe harbour gets 2,400 metres of quay.[^a]\n\n'
        "Three banks pay.[^b]\n\n"
        "[^a]: wire#p2 \"2,400 metres of quay\"; radio#p2 \"2,400 metres of quay\"; rewrite#p3 \"2,400 metres of quay\"\n"
        "[^b]: wire#p4 \"three regional banks\"; rewrite#p5 \"three regional banks\"\n", encoding="utf-8")
    assert build(root, tmp_path / "site") == 0  # (a warning about the undeclared pair does not stop it)
    return tmp_path / "site"


def test_the_panel_shows_one_origin_together(tmp_path):
    """In Chromium: the citation panel holds the story and its rewrite in one group."""
    from playwright.sync_api import sync_playwright

    from browser import launch, serve

    site = _harbour_site(tmp_path)
    with serve(site) as url, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.goto(f"{url}/page.html")
            page.locator("#ref-a").click()
            panel = page.locator(".cite-panel")
            group = panel.locator(".origin-group")
            assert group.is_visible()
            assert group.locator(".origin-label").inner_text() == "wire and rewrite: one story"
            assert group.locator(".card").count() == 2 and panel.locator(".card").count() == 3
            # the group's citations come first and together, the independent report after them
            firsts = panel.locator(".card").evaluate_all(
                "cards => cards.map(c => c.querySelector('a.pnum').getAttribute('href').split('/').pop().split('.')[0])")
            assert firsts == ["wire", "rewrite", "radio"]
        finally:
            browser.close()


def test_site_counts_independent_origins_and_groups_them(tmp_path):
    """The claim's badge, the page's header, the home page, the footnote (the panel's
    content), provenance.json, ClaimReview, the sources index and the source pages."""
    site = _harbour_site(tmp_path)
    page = BeautifulSoup((site / "page.html").read_text(encoding="utf-8"), "html.parser")
    badges = [b.get_text() for b in page.select(".source-count")]
    assert badges == ["3 sources, 2 independent", "2 sources, 1 independent"]
    assert "3 sources, 2 independent" in page.select_one("article p.stats").get_text()
    note = page.select_one("#fn-a .note-body")
    group = note.select_one(".origin-group")  # the two reports of one story together, radio apart
    assert group.select_one(".origin-label").get_text() == "wire and rewrite: one story"  # (no sidecar: ids)
    assert len(group.select(".card")) == 2 and len(note.select(".card")) == 3
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "3 sources, 2 independent" in home.select_one(".stats").get_text()
    prov = json.loads((site / "provenance.json").read_text(encoding="utf-8"))
    claim = prov["pages"][0]["claims"][0]
    assert claim["origins"] == [["radio"], ["rewrite", "wire"]] and claim["independent"] == 2
    assert prov["sources"]["rewrite"]["relations"]["family"]["members"] == ["rewrite", "wire"]
    assert prov["sources"]["rewrite"]["relations"]["links"][0]["how"] == "detected"
    review = json.loads(page.select_one('script[type="application/ld+json"]').string)
    appearances = review["itemReviewed"]["appearance"]
    assert [a["name"] for a in appearances] == ["wire", "radio"]  # one per origin: not rewrite
    index = BeautifulSoup((site / "sources" / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = {tr.select_one("code").get_text(): tr.select("td")[-1].get_text() for tr in index.select("tbody tr")}
    assert rows == {"radio": "independent", "rewrite": "same story as wire (detected)",
                    "wire": "same story as rewrite (detected)"}
    source = BeautifulSoup((site / "sources" / "wire.html").read_text(encoding="utf-8"), "html.parser")
    item = source.select_one("ul.relations li").get_text(" ", strip=True)
    assert item.startswith("Same story as rewrite (detected:") and "paragraphs align in order" in item


def test_detection_is_cached_per_pair_of_digests(tmp_path, monkeypatch):
    root = _project(tmp_path, {"wire": "wire", "rewrite": "rewrite", "radio": "independent-a", "bank": "independent-b"})
    calls = []
    real = samestory.compare
    monkeypatch.setattr(samestory, "compare", lambda a, b: calls.append(1) or real(a, b))
    memo: dict = {}
    relate(load_sources(root)[0], memo)
    cold = len(calls)
    assert cold >= 1
    relate(load_sources(root)[0], memo)  # nothing changed: the whole answer is reused
    assert len(calls) == cold
    (root / "sources" / "bank.yml").write_text("title: Banks\n")  # a source in no candidate pair changed
    relate(load_sources(root)[0], memo)
    assert len(calls) == cold  # (its pairs were filtered out, the others' comparisons reused)
    (root / "sources" / "rewrite.yml").write_text("title: Rewrite\n")  # one of the one-story pair
    relate(load_sources(root)[0], memo)
    assert len(calls) == cold + 1  # that pair only, again


def test_build_cache_keeps_comparisons_for_warm_checks(tmp_path, monkeypatch):
    root = _project(tmp_path, {"wire": "wire", "rewrite": "rewrite"})
    assert build(root, tmp_path / "site") == 0  # writes .factsite-cache
    calls = []
    monkeypatch.setattr(samestory, "compare", lambda a, b: calls.append(1))
    from factsite.cli import main

    assert main(["--root", str(root), "--check"]) == 0
    assert calls == []


def test_build_cache_keeps_each_pair_through_warm_builds(tmp_path, monkeypatch):
    """A warm build reuses the whole answer and still keeps every pair's comparison:
    after it, a changed source makes only its own pairs compared again."""
    root = _project(tmp_path, {"wire": "wire", "rewrite": "rewrite", "copy": "copy", "radio": "independent-a"})
    assert build(root, tmp_path / "site") == 0
    assert build(root, tmp_path / "site") == 0  # warm: nothing compared, the cache written again
    (root / "sources" / "radio.yml").write_text("title: Radio\n")
    calls, read = [], []
    real, words = samestory.compare, samestory.vocabulary
    monkeypatch.setattr(samestory, "compare", lambda a, b: calls.append(1) or real(a, b))
    monkeypatch.setattr(samestory, "vocabulary", lambda paragraphs: read.append(1) or words(paragraphs))
    from factsite.cli import main

    assert main(["--root", str(root), "--check"]) == 0
    assert len(read) == 1  # the filter read the changed source's words only
    monkeypatch.setattr(samestory, "vocabulary", words)
    pairs = samestory.candidates([samestory.vocabulary(s.paragraphs) for _, s in
                                  sorted(load_sources(root)[0].items())])
    radio = sorted(["copy", "radio", "rewrite", "wire"]).index("radio")
    assert len(calls) == sum(1 for pair in pairs if radio in pair)


_paragraph = st.text(alphabet=st.sampled_from("abcdefgh ij.,ساکن"), min_size=0, max_size=60)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.lists(_paragraph, min_size=1, max_size=6), min_size=1, max_size=4), copy=st.booleans())
def test_a_source_is_never_reported_against_itself(texts, copy):
    """Whatever the texts (identical ones under two ids included), no pair and no link
    names one source twice."""
    sources = {}
    for n, paras in enumerate(texts + ([texts[0]] if copy else [])):
        numbered = [Paragraph(i + 1, " ".join(t.split()) or "x", i + 1) for i, t in enumerate(paras)]
        sources[f"s{n}"] = Source(f"s{n}", f"sources/s{n}.txt", "txt", {}, numbered, None, f"digest-{n}")
    for (a, b) in samestory.detect(sources):
        assert a != b
    for d in relate(sources):
        assert d.code in ("undeclared-same-story", "shared-passage")
        named = re.match(r"(s\d+)(?:#p\d+)? and (s\d+)", d.message)
        assert named and named.group(1) != named.group(2)
    for sid, source in sources.items():
        assert all(link.other != sid for link in source.relations.links)
        assert all(other != sid for _, other, _, _ in source.relations.passages)
