"""The search index in proportion to what changed: each page's searchable part, kept by
the page's digest, fed to Pagefind's Python API.

Pagefind cannot update an index: any changed page means a new one. What a changed
build need not pay again is reading every page in full: an explainer is mostly its
notes, which are not searched. So each page is cut down once (selectolax, in C) to
what Pagefind reads of it (its `data-pagefind-body` part, without the ignored parts,
and its title), that record is kept by the page's digest between builds, and Pagefind
indexes the small records instead of the whole site (a build with no records kept
indexes the whole pages, and makes the records meanwhile) (through its command line: its Python API waits a
tenth of a second for each answer, one answer a page). The index holds what an index
of the whole pages holds (tests/test_search_index.py compares them).
"""

from __future__ import annotations

import hashlib
import html
import pickle
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

RECORDS_FILE = "search-records.pickle"
VERSION = 1  # raised when a record's form changes (kept records are then dropped)


def page_record(data: bytes, ignored: str) -> str | None:
    """What Pagefind reads of a page, as a small page of its own; None when the page has
    nothing to search (no `data-pagefind-body`)."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(data)
    for node in tree.css(ignored):
        node.decompose()
    bodies = [n for n in tree.css("[data-pagefind-body]") if not _inside_body(n)]
    if not bodies:
        return None
    # the metadata outside the searched parts (the page's title), then the parts
    parts = [n.html for n in tree.css("[data-pagefind-meta]")
             if "data-pagefind-body" not in n.attributes and not _inside_body(n)]
    parts += [n.html for n in bodies]
    root = tree.css_first("html")
    lang = root.attributes.get("lang") if root is not None else None
    title = tree.css_first("title")
    head = f"<title>{html.escape(title.text())}</title>" if title is not None else ""
    lang_attr = f' lang="{html.escape(lang)}"' if lang else ""
    return f"<!DOCTYPE html><html{lang_attr}><head>{head}</head><body>{''.join(parts)}</body></html>"


def _inside_body(node) -> bool:
    parent = node.parent
    while parent is not None:
        if "data-pagefind-body" in (parent.attributes or {}):
            return True
        parent = parent.parent
    return False


class RecordCache:
    """Records by page digest, on disk between builds (None folder: this build only).
    Only the records of the pages the last build had are written back."""

    def __init__(self, folder: Path | None):
        self.path = folder / RECORDS_FILE if folder is not None else None
        self.kept: dict[str, str | None] = {}
        self.used: dict[str, str | None] = {}
        self.made = 0
        if self.path is not None and self.path.is_file():
            try:
                version, kept = pickle.loads(self.path.read_bytes())
                self.kept = kept if version == VERSION else {}
            except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
                self.kept = {}

    def record(self, data: bytes, ignored: str) -> str | None:
        digest = hashlib.sha256(data).hexdigest()
        if digest in self.used:
            return self.used[digest]
        if digest in self.kept:
            found = self.kept[digest]
        else:
            found = page_record(data, ignored)
            self.made += 1
        self.used[digest] = found
        return found

    def save(self) -> None:
        if self.path is None or (not self.made and self.used.keys() == self.kept.keys()):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp = self.path.with_suffix(".tmp")
            temp.write_bytes(pickle.dumps((VERSION, self.used), protocol=pickle.HIGHEST_PROTOCOL))
            temp.replace(self.path)
        except OSError:
            pass  # (a cache: the next build cuts the pages down again)


def records(folder: Path, ignored: str, cache: RecordCache) -> list[tuple[str, str]]:
    """(path in the site, record) of every page with something to search, in path order."""
    out = []
    for path in sorted(folder.rglob("*.html")):
        rel = path.relative_to(folder).as_posix()
        record = cache.record(path.read_bytes(), ignored)
        if record is not None:
            out.append((rel, record))
    return out


def write_index(folder: Path, ignored: str, cache_dir: Path | None, run) -> tuple[str | bool, int]:
    """Index the site in `folder`; `run(site)` runs Pagefind on `site`, writing the index
    into `folder`. With records kept from a build before, Pagefind reads them, written
    to a scratch folder in the cache under the same paths (so the same addresses).
    Without (a first or cold build), it reads the whole pages, as fast as it ever did,
    while the records are made for the next build. Returns what `run` returned (False:
    it went well) and the number of pages cut down anew."""
    if cache_dir is None:
        return run(folder), 0  # (nothing would keep the records)
    cache = RecordCache(cache_dir)
    if not cache.kept:
        with ThreadPoolExecutor(1) as pool:
            whole = pool.submit(run, folder)
            records(folder, ignored, cache)
            failed = whole.result()
    else:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="search-", dir=cache_dir) as scratch:  # (git ignores the cache)
            for rel, record in records(folder, ignored, cache):
                target = Path(scratch) / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(record, encoding="utf-8")
            failed = run(Path(scratch))
    if failed is False:
        cache.save()
    return failed, cache.made
