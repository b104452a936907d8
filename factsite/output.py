"""Write the rendered site: into a temporary folder first, then swap it in.

A failed or killed build leaves the previous site complete. The output folder is
guarded like MkDocs does: the tool only ever deletes a folder it created itself
(it carries a marker file), and never the project, its content or its sources.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .cache import Linked

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
            shutil.rmtree(child, ignore_errors=True)


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


def write_tree(folder: Path, files: dict[str, bytes]) -> None:
    for rel in sorted(files):
        target = (folder / rel).resolve()
        if not _is_within(target, folder.resolve()):
            raise OutputError(f"refusing to write {rel}: outside the output folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        body = files[rel]
        if isinstance(body, Linked):
            try:
                os.link(body.path, target)  # the previous site's identical file
                continue
            except OSError:
                body = body.read()
        with open(target, "wb") as fh:
            fh.write(body)


def publish(files: dict[str, bytes], out: Path, root: Path) -> Path:
    """Write `files` as the new content of `out`, atomically from a reader's view."""
    guard(out, root)
    out = out.resolve()
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(out)
        tmp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=parent))
    except OSError as exc:
        raise OutputError(f"cannot create a build folder in {parent}: {exc.strerror}") from None
    try:
        (tmp / MARKER).write_bytes(MARKER_TEXT)
        write_tree(tmp, {k: v for k, v in files.items() if k != MARKER})
        os.chmod(tmp, 0o755)
        if out.exists() and _exchange(tmp, out):
            shutil.rmtree(tmp, ignore_errors=True)  # it now holds the previous site
        elif out.exists():
            old = Path(tempfile.mkdtemp(prefix=OLD_PREFIX, dir=parent))
            os.rename(out, old / "site")
            (old / MARKER).write_bytes(MARKER_TEXT)
            os.rename(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"could not write the site ({exc.strerror}: {exc.filename}); the previous site is unchanged") from None
    return out


def build_site(project, out: Path | None = None, cache=None) -> Path:
    from .render import render_site

    out = out if out is not None else project.root / "site"
    if cache is not None and Path(cache.site_dir or "/nonexistent") != out.resolve():
        cache.site_manifest = {}  # the previous site is elsewhere: nothing to link to
    files = render_site(project, cache, keep_bytes=False)
    _unchanged_since_check(project)
    published = publish(files, out, project.root)
    if cache is not None:
        from .cache import save_disk_cache

        save_disk_cache(project.root, cache, getattr(cache, "last_manifest", {}), published)
    return published


def _unchanged_since_check(project) -> None:
    """Publish only what was checked: a file changed or deleted mid-build stops it."""
    from .sources import input_manifest

    now = input_manifest(project.root)
    if now != project.manifest:
        changed = sorted(set(now) ^ set(project.manifest) | {k for k in now if project.manifest.get(k) != now[k]})
        raise OutputError(
            f"{', '.join(changed[:5])} changed while the site was being built; nothing was written, "
            "the previous site is unchanged: run the build again"
        )
