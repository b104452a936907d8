"""Load every source under `sources/`: one reader per format, chosen by extension.

Adding a format is adding a reader to READERS.
"""

from __future__ import annotations

import hashlib
import operator
import os
import re
from pathlib import Path
from typing import Callable

from ..diagnostics import ERROR, INFO, WARNING, Diagnostic
from .decoding import decode
from .markdown import read_markdown
from .model import META_KEYS, RELATION_KEYS, Paragraph, ReadResult, Source
from .sidecar import check_meta, read_sidecar
from .text import read_text

__all__ = ["load_sources", "Source", "Paragraph", "READERS", "ID_PATTERN"]

Reader = Callable[[str, dict], ReadResult]


def read_html(text: str, meta: dict) -> ReadResult:
    """The HTML reader, imported on first use (only projects with HTML sources need it)."""
    from .html import read_html as read

    return read(text, meta)
READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", read_text),
    ".md": ("md", read_markdown),
    ".html": ("html", read_html),
    ".htm": ("html", read_html),
}
SIDECAR_SUFFIX = ".yml"
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
RAW_FOLDER = "raw"  # sources/raw/: the untouched snapshots behind captured sources


def relpath(path: Path, root: Path) -> str:
    p, r = os.fspath(path), os.fspath(root).rstrip(os.sep)
    if p.startswith(r + os.sep):  # the common case, without Path's parsing
        return p[len(r) + 1:].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def walk(folder: Path):
    """Files below `folder`, sorted, hidden ones skipped, symlinked folders not followed.

    Sorted at every level, so the result never depends on the order the file system
    lists a folder in.
    """
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def walk_names(folder: Path):
    """`walk` as (path string, path below `folder` with "/"), without Path objects
    (they cost more than the rest of reading a page list)."""
    top = os.fspath(folder)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        below = dirpath[len(top) + 1:].replace(os.sep, "/")
        for name in sorted(filenames):
            if not name.startswith("."):
                yield os.path.join(dirpath, name), f"{below}/{name}" if below else name


def input_manifest(root: Path) -> dict[str, tuple[int, int] | None]:
    """Size and modification time of every input file (None: a link to nothing): to notice
    a change mid-build, and for the live preview to tell which files changed."""
    folders = input_manifests(root)
    return {**folders["content"], **folders["sources"]}


INPUT_FOLDERS = ("content", "sources")


def input_manifests(root: Path, links: set | None = None) -> dict[str, dict[str, tuple[int, int] | None]]:
    """`input_manifest`, one dict for content/ and one for sources/; `links` gets the
    inputs that are links (to files, or to nothing).

    (Plain strings and os.scandir rather than Path objects: it runs twice per build,
    and after every edit in the live preview.)
    """
    def scan(folder: str, rel: str, manifest: dict) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_name)
        except OSError:
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    if not entry.is_symlink():  # like walk: linked folders are not entered
                        scan(entry.path, f"{rel}/{name}", manifest)
                    continue
                if links is not None and entry.is_symlink():
                    links.add(f"{rel}/{name}")
                st = entry.stat()
            except OSError:  # a broken link: listed all the same, as `walk` lists it
                manifest[f"{rel}/{name}"] = None
                continue
            manifest[f"{rel}/{name}"] = (st.st_size, st.st_mtime_ns)

    folders: dict[str, dict] = {name: {} for name in INPUT_FOLDERS}
    for name, manifest in folders.items():
        scan(os.path.join(root, name), name, manifest)
    return folders


_name = operator.attrgetter("name")


class Containment:
    """Whether files found by `walk(folder)` are inside the project.

    Resolving every path is slow; `walk` never descends into linked folders, so
    only a linked file (or the folder itself) can lead outside: only those are resolved.
    """

    def __init__(self, folder: Path, root: Path):
        self.root = root
        self.folder_inside = inside(folder, root)

    def __call__(self, path) -> bool:
        return (self.folder_inside and not os.path.islink(path)) or inside(Path(path), self.root)


def inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def load_sources(root: Path, cache: dict | None = None) -> tuple[dict[str, Source], list[Diagnostic]]:
    """Read and number every source. Never raises on bad input: it reports."""
    diags: list[Diagnostic] = []
    candidates, sidecars = _source_files(root, diags)
    sources: dict[str, Source] = {}
    for stem in sorted(candidates):
        paths = candidates[stem]
        if _bad_id(stem, paths, root, diags):
            continue
        source = _load_one(paths[0], root, sidecars.pop(paths[0].with_suffix(""), None), diags, cache)
        if source is not None:
            sources[source.id] = source
    for stem_path, sidecar in sorted(sidecars.items()):
        if any(stem_path.with_suffix("") == p.with_suffix("") for ps in candidates.values() for p in ps):
            continue
        diags.append(Diagnostic(relpath(sidecar, root), 1, 1, ERROR, "bad-source",
                                f"sidecar without a source: no {stem_path.name}.txt, .md or .html beside it",
                                "put the sidecar next to its source, with the same name"))
    return sources, diags


def _source_files(root: Path, diags: list) -> tuple[dict[str, list[Path]], dict[Path, Path]]:
    """The files under sources/: sources by stem (their id) and sidecars by their
    source's path without suffix; links out of the project and other files reported."""
    folder = root / "sources"
    candidates: dict[str, list[Path]] = {}
    sidecars: dict[Path, Path] = {}
    contained = Containment(folder, root)
    raw = os.path.join(folder, RAW_FOLDER, "")
    for path in walk(folder):
        if os.fspath(path).startswith(raw):
            continue  # SPEC v2 section 1: snapshots a capture fetched, not sources
        where = relpath(path, root)
        if not contained(path):
            diags.append(Diagnostic(where, 1, 1, ERROR, "bad-source", "this file links outside the project",
                                    "copy the source into sources/ instead of linking to it"))
            continue
        suffix = path.suffix.lower()
        if suffix == SIDECAR_SUFFIX:
            sidecars[path.with_suffix("")] = path
        elif suffix in READERS:
            candidates.setdefault(path.stem, []).append(path)
        else:
            diags.append(Diagnostic(where, 1, 1, INFO, "ignored-file", f"not a source format: {path.name}",
                                    "sources are .txt, .md, .html or .htm files; sidecars are .yml"))
    return candidates, sidecars


def _bad_id(stem: str, paths: list[Path], root: Path, diags: list) -> bool:
    """Whether files named `stem` cannot be a source: a malformed or duplicate id."""
    if not ID_PATTERN.match(stem):
        for path in paths:
            diags.append(Diagnostic(relpath(path, root), 1, 1, ERROR, "bad-source", f"bad source id {stem!r}",
                                    "rename the file: ids are lower-case letters and digits joined by single "
                                    "hyphens, e.g. " + _suggest_id(stem)))
        return True
    if len(paths) > 1:
        names = " and ".join(relpath(p, root) for p in paths)
        for path in paths:
            diags.append(Diagnostic(relpath(path, root), 1, 1, ERROR, "bad-source",
                                    f"duplicate source id {stem!r}: {names}",
                                    "ids are unique across sources/ and its sub-folders; rename one file"))
        return True
    return False


def _suggest_id(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return repr(slug or "my-source")


def _load_one(path: Path, root: Path, sidecar: Path | None, diags: list, cache: dict | None = None) -> Source | None:
    where = relpath(path, root)
    fmt, reader = READERS[path.suffix.lower()]
    try:
        data = path.read_bytes()
    except OSError as exc:
        diags.append(Diagnostic(where, 1, 1, ERROR, "bad-source", f"cannot read source: {exc.strerror}", None))
        return None
    text, problem, line = decode(data)
    if text is None:
        diags.append(Diagnostic(where, line, 1, ERROR, "bad-source", problem, "save the source as UTF-8 "
                                "(it is evidence: convert a copy, keep the original elsewhere)"))
        return None
    side_meta, side_lines, side_bytes = ({}, {}, b"")
    side_where = None
    if sidecar is not None:
        side_where = relpath(sidecar, root)
        side_meta, side_lines, side_bytes = read_sidecar(sidecar, side_where, diags, cache)
    meta = check_meta(side_meta, side_lines, side_where or where, diags)
    read_key = (fmt, hashlib.sha256(data).hexdigest(), meta.get("paragraphs"))
    try:
        result = cache[read_key] if cache is not None and read_key in cache else reader(text, meta)
    except RecursionError:
        diags.append(Diagnostic(where, 1, 1, ERROR, "bad-source", "the document is nested too deeply to read",
                                "save a simpler copy of the page"))
        return None
    if cache is not None:
        cache[read_key] = result
    for f_line, severity, code, message, hint in result.findings:
        diags.append(Diagnostic(where, f_line, 1, severity, code, message, hint))
    own = check_meta(result.meta, result.meta_lines, where, diags) if fmt == "md" else {
        k: v for k, v in result.meta.items() if k in META_KEYS
    }
    merged = {**own, **meta}
    if not result.paragraphs:
        diags.append(Diagnostic(where, 1, 1, WARNING, "empty-source", "this source has no paragraphs to cite",
                                "check that the file holds the saved text"))
    digest = hashlib.sha256(data + b"\0" + side_bytes).hexdigest()
    lines = {k: (side_where, side_lines.get(k, 1)) if k in meta else (where, result.meta_lines.get(k, 1))
             for k in RELATION_KEYS if k in merged}
    return Source(path.stem, where, fmt, merged, result.paragraphs, side_where, digest, lines)
