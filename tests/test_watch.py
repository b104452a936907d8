"""The live preview's InputWatch: after any change, what it answers from inotify's events
is what a full scan of the inputs finds, and it scans whenever the events do not say
enough."""

from __future__ import annotations

import os
import sys

import pytest

from factsite.sources import input_manifests
from factsite.watch import InputWatch

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "content" / "2025").mkdir(parents=True)
    (root / "sources").mkdir()
    for i in range(5):
        (root / "content" / f"page-{i}.md").write_text(f"# Page {i}\n")
        (root / "sources" / f"source-{i}.txt").write_text(f"Paragraph {i}.\n")
    (root / "content" / "2025" / "old.md").write_text("# Old\n")
    (tmp_path / "elsewhere.md").write_text("# Linked\n")
    (root / "content" / "linked.md").symlink_to(tmp_path / "elsewhere.md")
    return root


def answers_as_a_scan(watch: InputWatch, root) -> dict:
    got = watch.manifests()
    assert got == input_manifests(root)
    return got


def change(root, tmp_path, kind):
    if kind in ("edit", "touch", "add", "delete", "rename", "atomic save", "in a subfolder"):
        change_a_file(root, kind)
    else:
        change_links_or_folders(root, tmp_path, kind)


def change_a_file(root, kind):
    content = root / "content"
    if kind == "edit":
        (content / "page-1.md").write_text("# Page 1, longer now\n")
    elif kind == "touch":
        os.utime(content / "page-2.md", ns=(1, 1))
    elif kind == "add":
        (root / "sources" / "source-9.txt").write_text("New.\n")
    elif kind == "delete":
        (root / "sources" / "source-0.txt").unlink()
    elif kind == "rename":
        (content / "page-3.md").rename(content / "page-30.md")
    elif kind == "atomic save":  # as editors save: a temporary file renamed over the page
        (content / "page-4.md.tmp").write_text("# Page 4, saved whole\n")
        (content / "page-4.md.tmp").replace(content / "page-4.md")
    elif kind == "in a subfolder":
        (content / "2025" / "old.md").write_text("# Old, edited\n")
    else:
        raise AssertionError(kind)


def change_links_or_folders(root, tmp_path, kind):
    content = root / "content"
    if kind == "behind a link":  # no event in content/: the link is stat'ed each time
        (tmp_path / "elsewhere.md").write_text("# Linked, and edited elsewhere\n")
    elif kind == "broken link":
        (content / "gone.md").symlink_to("missing.md")
    elif kind == "link to a folder":  # not an input (not entered, as folders linked are not)
        (content / "folder-link").symlink_to(content / "2025")
    elif kind == "hidden file":
        (content / ".page-1.md.swp").write_text("swap")
    elif kind == "new folder":
        (content / "2026").mkdir()
        (content / "2026" / "new.md").write_text("# New\n")
    elif kind == "folder removed":
        (content / "2025" / "old.md").unlink()
        (content / "2025").rmdir()
    else:
        raise AssertionError(kind)


KINDS = ["edit", "touch", "add", "delete", "rename", "atomic save", "in a subfolder", "behind a link",
         "broken link", "link to a folder", "hidden file", "new folder", "folder removed"]


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_change_is_answered_as_a_full_scan_finds_it(project, tmp_path, kind):
    watch = InputWatch(project)
    answers_as_a_scan(watch, project)
    (project / "content" / "page-0.md").write_text("# Page 0, meanwhile\n")  # (an event, whatever the kind)
    change(project, tmp_path, kind)
    answers_as_a_scan(watch, project)
    (project / "content" / "page-0.md").write_text("# Page 0, after\n")  # and the next change too
    answers_as_a_scan(watch, project)
    watch.close()


def test_changes_in_a_row_are_answered_without_scanning(project, tmp_path):
    watch = InputWatch(project)
    answers_as_a_scan(watch, project)
    scans = watch.scans
    for kind in ["edit", "touch", "add", "delete", "rename", "atomic save", "in a subfolder", "broken link",
                 "link to a folder", "hidden file"]:
        change(project, tmp_path, kind)
        answers_as_a_scan(watch, project)
    assert watch.scans == scans  # the events said enough each time
    change(project, tmp_path, "new folder")
    answers_as_a_scan(watch, project)
    assert watch.scans == scans + 1  # a folder: watched anew, and scanned


def test_no_event_means_a_full_scan(project, tmp_path):
    """A file system that reports nothing, a change behind a link, or outside the
    inputs: scanned."""
    watch = InputWatch(project)
    answers_as_a_scan(watch, project)
    scans = watch.scans
    answers_as_a_scan(watch, project)
    assert watch.scans == scans + 1
    change(project, tmp_path, "behind a link")
    answers_as_a_scan(watch, project)
    assert watch.scans == scans + 2


def test_without_inotify_it_always_scans(project, monkeypatch):
    import factsite.watch as module

    monkeypatch.setattr(module, "_watch_folders", lambda root, watched: None)
    watch = InputWatch(project)
    answers_as_a_scan(watch, project)
    (project / "content" / "page-1.md").write_text("# Changed\n")
    answers_as_a_scan(watch, project)
    assert watch.scans == 2
