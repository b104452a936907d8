"""Faults and reproducibility: killed builds, failing writes, inputs changing mid-build,
file listing order, hash seeds, working directories."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys

import pytest

from bench.generate import generate
from conftest import REPO
from factsite import output
from factsite.build import KILL_POINTS
from factsite.cli import main
from factsite.output import OLD_PREFIX, TEMP_PREFIX
from sitebuild import build, copy_sample, tree_digest


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((TEMP_PREFIX, OLD_PREFIX)))


def _killed_build(root, out, point: str) -> int:
    """A build that SIGKILLs itself at `point` (`build.KILL_POINTS`); its exit status."""
    env = {**os.environ, "FACTSITE_KILL_AT": point}
    proc = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "--out", str(out)],
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    return proc.returncode


@pytest.mark.slow
def test_sigkill_before_and_after_the_swap_never_leaves_a_mixed_site(tmp_path):
    """A build killed at each named point, before the new site is swapped in and after,
    leaves site/ as one complete build: the old one before the swap, the new one after;
    the next build cleans up and publishes the new site."""
    root = generate(tmp_path / "big", pages=40, paragraphs=20, seed=7)
    out = root / "site"
    assert build(root, out) == 0
    old = tree_digest(out)
    page = root / "content" / "explainer-00003.md"
    page.write_text(page.read_text().replace("## Section 1", "## Section one"))
    assert build(root, tmp_path / "reference", "--no-cache") == 0
    new = tree_digest(tmp_path / "reference")
    assert old != new
    landed = {}
    for point in KILL_POINTS:
        assert _killed_build(root, out, point) == -signal.SIGKILL, f"the build was not killed at {point}"
        state = tree_digest(out)
        assert state in (old, new), f"killed at {point}: site/ must be one complete build"
        landed[point] = "new" if state == new else "old"
    assert landed == {"pages": "old", "site": "old", "swapped": "new"}
    assert build(root, out) == 0
    assert tree_digest(out) == new
    assert leftovers(root) == []


def test_a_write_failure_mid_build_leaves_the_previous_site(tmp_path, monkeypatch, capsys):
    root = copy_sample(tmp_path / "p")
    out = root / "site"
    assert build(root, out) == 0
    before = tree_digest(out)
    (root / "content" / "national-consensus.md").write_text(
        (root / "content" / "national-consensus.md").read_text().replace("Who the three", "Who the 3"))
    real_open = open
    written = {"n": 0}

    def failing_open(path, mode="r", *args, **kwargs):
        if "w" in mode and TEMP_PREFIX in str(path):
            written["n"] += 1
            if written["n"] > 3:
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", failing_open)
    assert build(root, out, "--no-cache") == 1
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert "No space left on device" in err and "previous site is unchanged" in err
    assert tree_digest(out) == before
    assert leftovers(root) == []


def test_an_unwritable_output_folder_is_a_clear_error(tmp_path, monkeypatch, capsys):
    root = copy_sample(tmp_path / "p")
    out = root / "site"
    assert build(root, out) == 0
    before = tree_digest(out)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(root))

    monkeypatch.setattr(output.tempfile, "mkdtemp", refuse)
    assert build(root, out) == 1
    assert "cannot create a build folder" in capsys.readouterr().err
    monkeypatch.undo()
    assert tree_digest(out) == before


def test_a_source_deleted_between_check_and_render_stops_the_publish(tmp_path, monkeypatch, capsys):
    root = copy_sample(tmp_path / "p")
    out = root / "site"
    assert build(root, out) == 0
    before = tree_digest(out)
    from factsite import build as build_module

    real = build_module.build

    def build_then_delete(*args, **kwargs):
        result = real(*args, **kwargs)
        (root / "sources" / "ians.txt").unlink()
        return result

    monkeypatch.setattr(build_module, "build", build_then_delete)
    assert build(root, out) == 1
    assert "sources/ians.txt changed while the site was being built" in capsys.readouterr().err
    assert tree_digest(out) == before


def test_output_does_not_depend_on_directory_listing_order(monkeypatch, tmp_path):
    root = copy_sample(tmp_path / "p")
    (root / "sources" / "sub").mkdir()
    (root / "sources" / "sub" / "extra.txt").write_text("Extra.\n")
    assert build(root, tmp_path / "a") == 0
    real_scandir = os.scandir

    class Reversed:
        """os.scandir listing every folder backwards."""

        def __init__(self, path="."):
            with real_scandir(path) as it:
                self.entries = iter(list(it)[::-1])

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def __iter__(self):
            return self

        def __next__(self):
            return next(self.entries)

        def close(self):
            pass

    monkeypatch.setattr(os, "scandir", Reversed)
    assert build(root, tmp_path / "b") == 0
    monkeypatch.undo()
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


@pytest.mark.parametrize("seed", ["0", "1", "4242"])
def test_output_does_not_depend_on_hash_seed_or_working_directory(tmp_path, seed):
    root = copy_sample(tmp_path / "project")
    assert build(root, tmp_path / "ref") == 0
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "--out", str(tmp_path / "o")],
                            env=env, cwd=str(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert tree_digest(tmp_path / "ref") == tree_digest(tmp_path / "o")


def test_check_writes_nothing(tmp_path):
    root = copy_sample(tmp_path / "p")
    before = tree_digest(root)
    assert main(["--root", str(root), "--check", "--strict"]) == 0
    assert tree_digest(root) == before


def test_output_does_not_depend_on_the_number_of_worker_processes(tmp_path, monkeypatch):
    root = generate(tmp_path / "p", pages=40, paragraphs=6, seed=11)
    (root / "site.yml").write_text("title: T\nurl: https://example.org/\n")
    from factsite import workers

    started = []
    real_map = workers.Workers.map
    monkeypatch.setattr(workers.Workers, "map",
                        lambda self, fn, items, ctx: started.append(self.jobs) or real_map(self, fn, items, ctx))
    sites = {}
    for jobs in ("1", "2", "3"):
        assert build(root, tmp_path / f"site-{jobs}", "--no-cache", "--jobs", jobs) == 0
        sites[jobs] = tree_digest(tmp_path / f"site-{jobs}")
    assert set(started) == {1, 2, 3}
    assert sites["1"] == sites["2"] == sites["3"]
    assert len(sites["1"]) > 40 + 20


def test_a_failing_check_in_a_worker_is_reported_like_any_other(tmp_path, capsys):
    root = generate(tmp_path / "p", pages=40, paragraphs=6, seed=12)
    page = root / "content" / "explainer-00031.md"
    page.write_text(page.read_text().replace('#p', '#p99', 1))
    assert build(root, root / "site", "--jobs", "2") == 1
    out = capsys.readouterr().out
    assert "content/explainer-00031.md:" in out and "[bad-paragraph]" in out
    assert not (root / "site").exists()


def test_strict_build_with_warnings_publishes_nothing(tmp_path, capsys):
    root = copy_sample(tmp_path / "p")
    assert build(root, root / "site") == 0
    before = tree_digest(root / "site")
    page = root / "content" / "national-consensus.md"
    page.write_text(page.read_text() + "\nAn uncited claim added at the end.\n")
    assert build(root, root / "site", "--strict") == 1
    assert "uncited-claim" in capsys.readouterr().out
    assert tree_digest(root / "site") == before


def test_a_build_killed_while_removing_the_previous_site_leaves_nothing_behind(tmp_path, monkeypatch):
    """The previous site is removed after the swap; a kill in the middle of that removal
    must leave a folder the next build still knows as its own (its marker goes last)."""
    from pathlib import Path

    from factsite import output

    out = tmp_path / "site"
    out.mkdir()
    (out / output.MARKER).write_bytes(output.MARKER_TEXT)
    folder = tmp_path / (output.TEMP_PREFIX + "killed")
    (folder / "sources").mkdir(parents=True)
    for name in ("a.html", "b.html", output.MARKER, "sources/c.html"):
        (folder / name).write_text("x")
    removed = []
    real_unlink = Path.unlink

    def dying_unlink(self, *args, **kwargs):
        if removed:
            raise KeyboardInterrupt("killed")  # the process dies after its first removal
        removed.append(self.name)
        return real_unlink(self, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", dying_unlink)
    with pytest.raises(KeyboardInterrupt):
        output.remove_build_folder(folder)
    monkeypatch.undo()
    assert removed and (folder / output.MARKER).is_file()  # half removed, still marked ours
    output.clean_leftovers(out)
    assert not folder.exists() and out.is_dir()
