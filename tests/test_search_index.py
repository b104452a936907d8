"""The search index (Pagefind) in the build: written with the site, the same bytes each
time, reused when no page changed and made again when one did."""

from __future__ import annotations

import os

from reader_site import LONG_ID, build_reader_site
from sitebuild import build, tree_digest


def _index_inodes(site):
    return {p.relative_to(site).as_posix(): os.stat(p).st_ino for p in (site / "pagefind").rglob("*") if p.is_file()}


def test_the_index_is_built_reused_and_rebuilt(tmp_path):
    site = build_reader_site(tmp_path)
    assert (site / "pagefind" / "pagefind.js").is_file() and list((site / "pagefind" / "fragment").iterdir())
    first = _index_inodes(site)
    digest = tree_digest(site / "pagefind")
    assert build(tmp_path / "project", site) == 0
    assert _index_inodes(site) == first, "nothing changed: the previous index is kept as it is"
    page = tmp_path / "project" / "content" / "harbour.md"
    page.write_text(page.read_text().replace("A public meeting is planned", "A public hearing is planned"))
    assert build(tmp_path / "project", site) == 0
    assert tree_digest(site / "pagefind") != digest
    assert not set(_index_inodes(site).values()) & set(first.values())


def test_the_index_is_the_same_bytes_from_a_fresh_build(tmp_path):
    one = build_reader_site(tmp_path / "a")
    two = build_reader_site(tmp_path / "b")
    assert tree_digest(one / "pagefind") == tree_digest(two / "pagefind")


def test_without_the_setting_there_is_no_search(tmp_path):
    site = build_reader_site(tmp_path)
    yml = tmp_path / "project" / "site.yml"
    yml.write_text(yml.read_text().replace("search: true", "search: false"))
    assert build(tmp_path / "project", site) == 0
    assert not (site / "pagefind").exists() and not (site / "search.html").exists()
    assert "search.html" not in (site / "harbour.html").read_text()


def test_a_search_setting_that_is_not_true_or_false_is_a_finding(tmp_path, capsys):
    build_reader_site(tmp_path)
    yml = tmp_path / "project" / "site.yml"
    yml.write_text(yml.read_text().replace("search: true", "search: sometimes"))
    assert build(tmp_path / "project", tmp_path / "out") == 1
    assert "site.yml:3:1: error: 'search' must be true or false [bad-config]" in capsys.readouterr().out


def _fragments(site):
    """The index's pages by address: what each holds, decoded (the bytes differ with
    anchor texts the results never show)."""
    import gzip
    import json

    pages = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        page = json.loads(data[data.index(b"{"):])
        page["anchors"] = [(a["element"], a["id"], a["location"]) for a in page["anchors"]]
        pages[page.pop("url")] = page
    return pages


def test_the_index_of_the_pages_records_holds_what_an_index_of_the_whole_pages_holds(tmp_path, monkeypatch):
    records = build_reader_site(tmp_path / "records")
    page = tmp_path / "records" / "project" / "content" / "harbour.md"
    page.write_text(page.read_text().replace("A public meeting is planned", "A public hearing is planned"))
    assert build(tmp_path / "records" / "project", records) == 0  # (the records of the first build are kept)
    monkeypatch.setenv("FACTSITE_SEARCH", "whole")
    whole = build_reader_site(tmp_path / "whole")
    page = tmp_path / "whole" / "project" / "content" / "harbour.md"
    page.write_text(page.read_text().replace("A public meeting is planned", "A public hearing is planned"))
    assert build(tmp_path / "whole" / "project", whole) == 0
    got, want = _fragments(records), _fragments(whole)
    assert sorted(got) == ["/harbour.html", "/sources/courier.html", "/sources/gazette.html",
                           "/sources/harbour-authority-minutes-of-the-extraordinary-general-meeting-2025.html"]
    assert got == want
    assert "A public hearing is planned" in got["/harbour.html"]["content"]


def test_a_pages_record_is_its_searched_part_kept_by_digest(tmp_path):
    from factsite.search import IGNORED
    from factsite.search_records import write_index

    site, cache = build_reader_site(tmp_path), tmp_path / "cache"
    seen, read = {}, []

    def run(folder):
        read.append(folder)
        seen.clear()
        seen.update({p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*.html")})
        return False

    # no record kept: Pagefind reads the whole site, and every page is cut down meanwhile
    assert write_index(site, IGNORED, cache, run) == (False, 9) and read == [site]
    # then it reads the records: the pages with something to search, cut down
    assert write_index(site, IGNORED, cache, run) == (False, 0) and read[-1] != site
    assert sorted(seen) == ["harbour.html", "sources/courier.html", "sources/gazette.html",
                            f"sources/{LONG_ID}.html"]
    harbour = seen["harbour.html"]
    assert "documents give April as the start" in harbour
    assert 'data-pagefind-meta="title"' in harbour
    # not searched: the notes, the summary box, markers, badges
    assert "Sources and notes" not in harbour and "In short" not in harbour and "Citation" not in harbour
    assert "Sources differ" not in harbour
    page = site / "harbour.html"
    page.write_text(page.read_text().replace("give April as the start", "give April as the start date"))
    assert write_index(site, IGNORED, cache, run) == (False, 1)  # the changed page only
    assert "give April as the start date" in seen["harbour.html"]
    assert write_index(site, IGNORED, None, run) == (False, 0) and read[-1] == site  # no cache: the whole site


def test_only_the_search_page_lets_webassembly_run(tmp_path):
    site = build_reader_site(tmp_path)
    allowing = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                      if "'wasm-unsafe-eval'" in p.read_text())
    assert allowing == ["search.html"]
