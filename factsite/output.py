"""Write the rendered site: into a temporary folder first, then swap it in.

A failed or killed build leaves the previous site complete. The output folder is
guarded like MkDocs does: the tool only ever deletes a folder it created itself
(it carries a marker file), and never the project, its content or its sources.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import threading
from pathlib import Path

from .sink import Changes


MARKER = ".factsite-output"
MARKER_TEXT = b"This folder is build output of factsite; the next build replaces it whole.\n"
TEMP_PREFIX = ".factsite-tmp-"
OLD_PREFIX = ".factsite-old-"


class OutputError(Exception):
    """The output folder cannot or must not be written."""


def _is_within(path: Path, parent: Path) -> bool:
    try:
        path.relative_to(parent)
        return True
    except ValueError:
        return False


def guard(out: Path, root: Path) -> None:
    """Refuse an output folder whose replacement could lose work."""
    out, root = out.resolve(), root.resolve()
    protected = [root, root / "content", root / "sources", root / "templates", root / "static"]
    if out == Path(out.anchor) or out == Path.home().resolve():
        raise OutputError(f"refusing to write the site into {out}")
    for p in protected:
        if out == p or _is_within(p, out):
            raise OutputError(f"refusing to use {out} as output: it is or contains {p}")
    for p in protected[1:]:
        if _is_within(out, p):
            raise OutputError(f"refusing to write the site inside {p}")
    if out.exists():
        if not out.is_dir():
            raise OutputError(f"{out} exists and is not a folder")
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise OutputError(
                f"{out} is not empty and was not made by this tool (no {MARKER} in it); "
                "remove it yourself or choose another --out"
            )


def clean_leftovers(out: Path) -> None:
    """Temporary folders of builds that were killed before they finished.

    If a build died between its two renames (only where an atomic exchange is not
    available), the previous site is put back first.
    """
    parent = out.parent
    if not parent.is_dir():
        return
    for child in sorted(parent.iterdir()):
        if not child.name.startswith((TEMP_PREFIX, OLD_PREFIX)) or not child.is_dir():
            continue
        if child.name.startswith(OLD_PREFIX) and not out.exists() and (child / "site" / MARKER).is_file():
            os.rename(child / "site", out)
        if (child / MARKER).is_file() or not any(child.iterdir()):
            remove_build_folder(child)


def remove_build_folder(folder: Path) -> None:
    """Remove one of our build folders, its marker last: a build killed halfway through
    the removal leaves a folder that the next build still knows as its own and removes."""
    try:
        children = list(folder.iterdir())
    except OSError:
        return
    for child in children:
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            try:
                child.unlink()
            except OSError:
                pass
    shutil.rmtree(folder, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where unsupported."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return rc == 0


def _replace_in_two_steps(tmp: Path, out: Path) -> None:
    """Where no atomic exchange is to be had: the old site is moved aside (into a folder
    that `clean_leftovers` puts back if the build dies here), then the new one in."""
    old = Path(tempfile.mkdtemp(prefix=OLD_PREFIX, dir=out.parent))
    os.rename(out, old / "site")
    (old / MARKER).write_bytes(MARKER_TEXT)
    os.rename(tmp, out)
    remove_build_folder(old)


def write_file(folder, rel: str, data: bytes, suffix: str = "") -> None:
    """Write one output file below `folder` (also called in worker processes)."""
    folder = Path(folder)
    target = folder / (rel + suffix)
    if ".." in Path(rel).parts or Path(rel).is_absolute():
        raise OutputError(f"refusing to write {rel}: outside the output folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as fh:
        fh.write(data)


class Staging:
    """A new site written beside the old one and swapped in whole (`build.py`).

    Unchanged files are hard links to the previous site's. Until `commit`, the
    previous site is untouched; `discard` removes every trace of the new one.
    """

    suffix = ""
    present = None  # (what the previous site holds is looked up on disk)

    def __init__(self, out: Path, root: Path):
        guard(out, root)
        self.out = out.resolve()
        parent = self.out.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            clean_leftovers(self.out)
            self.folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=parent))
            (self.folder / MARKER).write_bytes(MARKER_TEXT)
        except OSError as exc:
            raise OutputError(f"cannot create a build folder in {parent}: {exc.strerror}") from None
        self.previous = self.out if (self.out / MARKER).is_file() else None

    def write(self, rel: str, data: bytes) -> None:
        write_file(self.folder, rel, data)

    def open(self, rel: str):
        target = self.folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        return open(target, "wb")

    def stat(self, rel: str) -> os.stat_result:
        return (self.folder / rel).stat()

    def keep(self, rel: str) -> bool:
        """Take the previous site's file as it is."""
        if self.previous is None:
            return False
        target = self.folder / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(self.previous / rel, target)
            return True
        except OSError:
            return False

    def commit(self, changes: Changes = Changes()) -> Path:
        """Swap the new site in whole (`changes` are all in the folder already)."""
        tmp, out = self.folder, self.out
        try:
            os.chmod(tmp, 0o755)
            if out.exists() and _exchange(tmp, out):
                remove_build_folder(tmp)  # it now holds the previous site
            elif out.exists():
                _replace_in_two_steps(tmp, out)
            else:
                os.rename(tmp, out)
        except OSError as exc:
            self.discard()
            raise OutputError(f"could not write the site ({exc.strerror}: {exc.filename}); "
                              "the previous site is unchanged") from None
        return out

    def discard(self) -> None:
        remove_build_folder(self.folder)


TRASH_SUFFIX = ".replaced"  # beside the folder: old copies of replaced files, unlinked in the background


_REPLACED = itertools.count()


def trash_folder(out: Path) -> Path:
    return Path(out).resolve().with_name(Path(out).name + TRASH_SUFFIX)


def _unlink_all(paths) -> None:
    for path in paths:
        try:
            os.unlink(path)
        except OSError:
            pass


class InPlace:
    """Updates a private output folder file by file (the live preview's): new files are
    written beside the old ones and renamed over them only on `commit`."""

    suffix = ".factsite-new"

    def __init__(self, out: Path, present: set[str] | None = None):
        """`present`: the files the folder holds (the last build's), when known: then
        keeping one needs no look at the disk (the preview would stat every file after each edit)."""
        self.out = self.folder = self.previous = Path(out).resolve()
        self.out.mkdir(parents=True, exist_ok=True)
        self._out = os.fspath(self.out)
        self.trash = trash_folder(self.out)
        self.written: set[str] = set()
        self.present = present

    def write(self, rel: str, data: bytes) -> None:
        write_file(self.out, rel, data, self.suffix)
        self.written.add(rel)

    def open(self, rel: str):
        self.written.add(rel)
        return open(self.out / (rel + self.suffix), "wb")

    def stat(self, rel: str) -> os.stat_result:
        return (self.out / (rel + self.suffix)).stat()

    def keep(self, rel: str) -> bool:
        if self.present is not None:
            return rel in self.present
        return os.path.isfile(os.path.join(self._out, rel))

    def commit(self, changes: Changes = Changes()) -> Path:
        """Put the new files in place, but those `held` (still being written: committed
        later on their own); remove the files of `before` (the previous build's) that
        `files` no longer has, or, without `before`, every other file."""
        trash = [moved for rel in sorted((self.written | set(changes.rendered)) - set(changes.held))
                 if (moved := self._rename_in(rel)) is not None]
        if trash:
            threading.Thread(target=_unlink_all, args=(trash,), daemon=True).start()
        if changes.files is not None and changes.before is not None:
            self._remove_gone(set(changes.before) - set(changes.files))
        elif changes.files is not None:
            self._remove_all_but(changes.files)
        self.written = set()
        return self.out

    def _rename_in(self, rel: str) -> Path | None:
        """The new file renamed over the old one; where the old one was moved to."""
        target = self.out / rel
        new = self.out / (rel + self.suffix)
        # The old file is moved aside (freeing a large file's blocks is slow: done in
        # the background), not renamed over: on ext4 that first writes the new file
        # to disk (auto_da_alloc).
        moved = None
        if target.is_file():
            aside = self.trash / str(next(_REPLACED))
            aside.parent.mkdir(exist_ok=True)
            try:
                os.rename(target, aside)
                moved = aside
            except OSError:
                pass
        try:
            os.rename(new, target)
        except OSError:
            if moved is not None:
                os.rename(moved, target)  # the old one back
            raise
        return moved

    def _remove_gone(self, gone: set[str]) -> None:
        for rel in sorted(gone):
            (self.out / rel).unlink(missing_ok=True)
            parent = (self.out / rel).parent
            while parent != self.out and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent

    def _remove_all_but(self, files) -> None:
        for path in sorted(self.out.rglob("*"), reverse=True):
            rel = path.relative_to(self.out).as_posix()
            if path.is_file() and rel not in files:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()

    def discard(self) -> None:
        for path in self.out.rglob("*" + self.suffix):
            path.unlink(missing_ok=True)
        self.written = set()
