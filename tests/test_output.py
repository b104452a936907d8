"""Nothing is lost: a failed build leaves the old site, and the guard refuses dangerous --out."""

from __future__ import annotations

import os

from pathlib import Path

import pytest

from factsite.output import MARKER, OLD_PREFIX, TEMP_PREFIX, OutputError, Staging, guard, write_file
from sitebuild import build, tree_digest

SOURCE = "The council met on Tuesday in Kabul.\n"
GOOD = '---\ntitle: T\n---\n\nThe council met.[^a]\n\n[^a]: council#p1 "met on Tuesday"\n'


@pytest.fixture
def proj(project):
    return project({"sources/council.txt": SOURCE, "content/page.md": GOOD})


def test_failed_build_leaves_previous_site_untouched(proj, capsys):
    out = proj / "site"
    assert build(proj, out) == 0
    before = tree_digest(out)
    (proj / "content" / "page.md").write_text(GOOD.replace("met on Tuesday", "met on Friday"))
    assert build(proj, out) == 1
    printed = capsys.readouterr().out
    assert "content/page.md:7:1: error: quote not found in council#p1" in printed
    assert tree_digest(out) == before
    assert not [p for p in proj.iterdir() if p.name.startswith((TEMP_PREFIX, OLD_PREFIX))]


def test_build_output_matches_check_output_exactly(proj, capsys):
    from factsite.cli import main

    (proj / "content" / "page.md").write_text(GOOD + "\nUncited [^zz].\n")
    main(["--root", str(proj), "--check"])
    checked = capsys.readouterr().out
    build(proj, proj / "site")
    built = capsys.readouterr().out
    assert checked == built and "undefined-footnote" in built


def test_successful_build_replaces_the_site_and_leaves_no_temp_folders(proj):
    out = proj / "site"
    assert build(proj, out) == 0
    (out / "stale.html").write_text("old")
    assert build(proj, out) == 0
    assert not (out / "stale.html").exists()
    assert (out / MARKER).is_file()
    assert sorted(p.name for p in proj.iterdir() if p.name != ".factsite-cache") == ["content", "site", "sources", "sources.lock"]


def test_leftovers_of_a_killed_build_are_cleaned_and_a_lost_site_restored(proj):
    out = proj / "site"
    assert build(proj, out) == 0
    before = tree_digest(out)
    # a build killed between its two renames (where no atomic exchange exists)
    old = proj / f"{OLD_PREFIX}x"
    old.mkdir()
    os.rename(out, old / "site")
    (old / MARKER).write_text("")
    tmp = proj / f"{TEMP_PREFIX}y"
    tmp.mkdir()
    (tmp / MARKER).write_text("")
    assert build(proj, out) == 0
    assert tree_digest(out) == before
    assert sorted(p.name for p in proj.iterdir() if p.name != ".factsite-cache") == ["content", "site", "sources", "sources.lock"]


@pytest.mark.parametrize("where", [".", "content", "sources", "..", "content/site", "sources/out"])
def test_guard_refuses_project_folders(proj, where):
    out = (proj / where)
    before = tree_digest(proj)
    with pytest.raises(OutputError):
        guard(out, proj)
    assert build(proj, out) == 1
    assert tree_digest(proj) == before


def test_guard_refuses_a_foreign_non_empty_folder(proj, tmp_path):
    foreign = tmp_path / "precious"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("years of work")
    assert build(proj, foreign) == 1
    assert (foreign / "thesis.txt").read_text() == "years of work"


def test_an_empty_folder_is_fine_and_gets_the_marker(proj, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(proj, empty) == 0
    assert (empty / MARKER).is_file() and (empty / "page.html").is_file()


def test_publish_never_writes_outside_its_folder(proj, tmp_path):
    sink = Staging(tmp_path / "out", proj)
    for name in ("../escape.html", "/tmp/escape.html", "a/../../escape.html"):
        with pytest.raises(OutputError):
            sink.write(name, b"x")
        with pytest.raises(OutputError):
            write_file(tmp_path / "out", name, b"x", ".new")
    sink.discard()
    assert not (tmp_path / "escape.html").exists() and not Path("/tmp/escape.html").exists()


def test_both_writers_are_one_sink_with_one_commit(tmp_path):
    import inspect

    from factsite.output import InPlace
    from factsite.sink import Changes, Sink

    root = tmp_path / "p"
    (root / "content").mkdir(parents=True)
    staging, in_place = Staging(root / "site", root), InPlace(tmp_path / "preview")
    assert isinstance(staging, Sink) and isinstance(in_place, Sink)
    assert inspect.signature(Staging.commit) == inspect.signature(InPlace.commit)
    for sink in (staging, in_place):
        sink.write("a.html", b"new")
        assert (sink.commit(Changes(("a.html",), {"a.html": "k"})) / "a.html").read_bytes() == b"new"
    assert not list((tmp_path / "preview").rglob("*" + InPlace.suffix))
