"""The search index (Pagefind) in the build: written with the site, the same bytes each
time, reused when no page changed and made again when one did."""

from __future__ import annotations

import os

from reader_site import build_reader_site
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
