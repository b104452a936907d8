"""The build cache is always correct: a warm build's output equals a cold build's, byte
for byte, after every kind of change; a stale or broken cache only costs time."""

from __future__ import annotations

import pytest

from bench.generate import generate
from factsite.cache import CACHE_DIR, CACHE_FILE, load_disk_cache
from sitebuild import build, tree_digest


def cold(root, out):
    assert build(root, out, "--no-cache") == 0
    return tree_digest(out)


@pytest.fixture
def warm(tmp_path):
    root = generate(tmp_path / "p", pages=12, paragraphs=8, seed=3)
    assert build(root, root / "site") == 0
    assert (root / CACHE_DIR / CACHE_FILE).is_file()
    return root


def inodes(folder):
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


CHANGES = {
    "nothing": lambda root: None,
    "one page": lambda root: edit(root / "content" / "explainer-00002.md", "## Section 2", "## Section two"),
    "one source": lambda root: edit(root / "sources" / "source-00001.yml", "language: en", "language: fr"),
    "source text": lambda root: (root / "sources" / "source-00004.txt").write_text(
        (root / "sources" / "source-00004.txt").read_text() + "An added last paragraph.\n"),
    "new page": lambda root: (root / "content" / "zz.md").write_text("---\ntitle: Z\n---\n\n{.editorial}\nNew.\n"),
    "deleted page": lambda root: (root / "content" / "explainer-00005.md").unlink(),
    "template": lambda root: (root / "templates").mkdir() or (root / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Lost</h1>{% endblock %}\n'),
    "config": lambda root: (root / "site.yml").write_text("title: Renamed\nurl: https://example.org/\n"),
    "site moved away": lambda root: (root / "site").rename(root / "elsewhere"),
    "page becomes a draft": lambda root: edit(root / "content" / "explainer-00003.md", "title:", "draft: true\ntitle:"),
    "page date reorders the lists": lambda root: edit(root / "content" / "explainer-00006.md", "date: 2025", "date: 2031"),
    "claim text": lambda root: edit(root / "content" / "explainer-00007.md", ".[^c0-0]", " indeed.[^c0-0]"),
    "source moved to a folder": lambda root: (root / "sources" / "sub").mkdir() or [
        (root / "sources" / f"source-00002{ext}").rename(root / "sources" / "sub" / f"source-00002{ext}")
        for ext in (".txt", ".yml")],
    "cache of another site folder": lambda root: (root / "site").rename(root / "old") or (root / "site").mkdir(),
    "a source page deleted from the site": lambda root: (root / "site" / "sources" / "source-00003.html").unlink(),
    "that and a claim citing source-00001": lambda root: (root / "site" / "sources" / "source-00003.html").unlink()
    or edit(root / "content" / "explainer-00007.md", ".[^c0-0]", " indeed.[^c0-0]"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_warm_build_equals_cold_build(warm, tmp_path, change):
    CHANGES[change](warm)
    assert build(warm, warm / "site") == 0
    assert tree_digest(warm / "site") == cold(warm, tmp_path / "cold")


def test_unchanged_files_are_reused_not_rendered(warm, monkeypatch):
    from factsite import content

    parsed = []
    real = content.parse_page
    monkeypatch.setattr(content, "parse_page", lambda text, where, *a: parsed.append(where) or real(text, where, *a))
    monkeypatch.setattr("factsite.pipeline.parse_page", content.parse_page)
    before = inodes(warm / "site")
    edit(warm / "content" / "explainer-00002.md", "## Section 2", "## Section two")
    assert build(warm, warm / "site") == 0
    assert parsed == ["content/explainer-00002.md"]  # no other page is parsed again
    after = inodes(warm / "site")
    # a heading shows only on its own page (provenance.json holds claims, not headings):
    # every other file is the previous build's file itself, hard-linked, not written again
    # (the search index, pagefind/, is made again whenever a page changes: not counted)
    new = {name for name in after if after[name] != before.get(name) and not name.startswith("pagefind/")}
    assert new == {"explainer-00002.html", ".nojekyll", ".factsite-output"}
    assert {n for n in after if not n.startswith("pagefind/")} == {n for n in before if not n.startswith("pagefind/")}


def test_a_broken_cache_file_means_a_cold_build(warm, tmp_path):
    (warm / CACHE_DIR / CACHE_FILE).write_bytes(b"not a pickle")
    assert load_disk_cache(warm).outcomes == {}
    assert build(warm, warm / "site") == 0
    assert tree_digest(warm / "site") == cold(warm, tmp_path / "cold")


def test_a_cache_from_another_engine_version_is_ignored(warm, monkeypatch):
    from factsite import cache

    monkeypatch.setattr(cache, "engine_fingerprint", lambda: "another version")
    assert load_disk_cache(warm).outcomes == {}


def test_no_cache_writes_no_cache(tmp_path):
    root = generate(tmp_path / "p", pages=2, paragraphs=4, seed=1)
    assert build(root, root / "site", "--no-cache") == 0
    assert not (root / CACHE_DIR).exists()


def test_a_build_reads_the_saved_state_and_never_writes_it(warm, tmp_path):
    """`build` leaves the last build's state as it was, even when it renders into a
    sink and a page changed; only `remember`, after publishing, replaces it."""
    import dataclasses
    import pickle

    from factsite.build import build as build_only
    from factsite.incremental import remember
    from factsite.output import Staging

    state = load_disk_cache(warm)
    edit(warm / "content" / "explainer-00002.md", "## Section 1", "## Section one")

    def snapshot():
        return pickle.dumps(dataclasses.astuple(state))

    before = snapshot()
    assert build_only(warm, state).ok  # a check
    sink = Staging(warm / "site", warm)
    result = build_only(warm, state, sink)
    assert result.ok and "explainer-00002.html" in result.rendered
    assert snapshot() == before
    remember(state, result, sink.commit())
    assert snapshot() != before and state.rendered == result.rendered
