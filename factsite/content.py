"""Explainer pages: front matter, claims, footnote references and definitions, each
with its line, read through markdown-it-py and its plugins (never regexes over Markdown).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .citation_rule import citation_definition_plugin
from .diagnostics import ERROR, INFO, Diagnostic
from .frontmatter import read_front_matter, split_front_matter
from .page_model import Page, page_model_plugin
from .slug import slugify
from .sources import Containment, decode, walk_names

BLOCK_ATTRS = ("id", "class", "rating", "reviewed", "claimant", "checked")
RESERVED_PAGES = {"index", "404", "sources", "provenance", "feed", "sitemap", "static", "corrections", "search",
                  "pagefind"}


_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
LINK_SCHEMES = ("http", "https", "mailto")


def validate_link(url: str) -> bool:
    """Links in pages: web and mail addresses, or relative ones; never other schemes."""
    m = _SCHEME.match(url)
    return m is None or m.group(1).lower() in LINK_SCHEMES


def make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = validate_link
    md.enable("table")
    md.use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
    md.use(attrs_block_plugin, allowed=BLOCK_ATTRS)
    md.use(citation_definition_plugin)
    md.use(page_model_plugin)
    return md


_MD = make_parser()


def parse_page(text: str, where: str, slug: str, diags: list, digest: str = "") -> Page:
    """Read one explainer. Findings go to `diags`; the page is returned regardless."""
    fm = split_front_matter(text)
    page = Page(where, slug, read_front_matter(fm, where, diags), digest)
    from .summary import read_summary

    page.summary = read_summary(fm, page.meta, where)
    page.refs.extend(page.summary.refs if page.summary else ())  # (the summary's markers come first)
    try:
        _MD.parse(fm.body, {"page": page, "diags": diags})  # (the page model's rule fills `page`)
    except RecursionError:
        diags.append(Diagnostic(where, 1, 1, ERROR, "bad-content", "the page is nested too deeply to read",
                                "flatten the deepest lists or block quotes"))
        page = Page(where, slug, page.meta, digest)
    if page.meta.get("corrections"):
        from .corrections import check_claims

        check_claims(page.meta, {c.anchor for c in page.claims}, where, diags)
    return page


@functools.lru_cache(maxsize=65536)
def _slug_of(rel: str) -> str:
    """Output name of a page file (path below content/); the same every time it is asked."""
    stem = rel[: -len(PurePosixPath(rel).suffix) or None]
    return "/".join(slugify(part) or "page" for part in stem.split("/"))


@dataclass
class PageInput:
    """A page file read and decoded, not yet parsed."""

    path: str  # relative to the project root
    slug: str
    text: str
    digest: str


@dataclass
class PageFiles:
    """What `read_pages` made of the names of content/'s files, for the next call (the
    live preview's) to skip when the names are the same."""

    names: dict  # content/'s entries of the input manifest, as they were then
    listed: dict[str, str]  # the files taken as pages, read or not: place in the project -> path
    diags: list[Diagnostic]  # findings about the other files (ignored, reserved, duplicate, linked)


def read_pages(root: Path, files: dict | None = None, memo: dict | None = None, known: PageFiles | None = None
               ) -> tuple[list[PageInput], list[Diagnostic], PageFiles | None]:
    """Every page file of content/, read and decoded; what cannot be a page is a finding.

    `files`: content/'s entries of the input manifest (`input_manifests`). `memo` (path
    -> (size and mtime, PageInput)): a file whose entry in `files` is unchanged is taken
    from it instead of being read again (the live preview), and `known` (the `PageFiles`
    this returned last time) spares looking at the names again while content/ holds the
    same ones.
    """
    folder = root / "content"
    if known is not None and files is not None and _same_names(known, files, folder, root):
        listed, diags = known.listed, list(known.diags)
    else:
        listed, diags = _list_pages(folder, root, files, memo)
    names = PageFiles(files, listed, list(diags)) if files is not None else None
    pages: list[PageInput] = []
    for where, path in listed.items():
        remembered = memo.get(where) if memo is not None and files is not None else None
        if remembered is not None and remembered[0] == files.get(where):
            pages.append(remembered[1])
            continue
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            diags.append(Diagnostic(where, 1, 1, ERROR, "bad-content", f"cannot read page: {exc.strerror}", None))
            continue
        text, problem, line = decode(data)
        if text is None:
            diags.append(Diagnostic(where, line, 1, ERROR, "bad-content", problem, "save the page as UTF-8"))
            continue
        pages.append(PageInput(where, _slug_of(where[len("content/"):]), text, hashlib.sha256(data).hexdigest()))
    return pages, diags, names


def _same_names(known: PageFiles, files: dict, folder: Path, root: Path) -> bool:
    """content/ holds the files it held, and each one changed since is a page still inside
    the project: what `_list_pages` found then still holds."""
    if known.names is None or known.names.keys() != files.keys():
        return False
    changed = [where for where, stat in files.items() if known.names[where] != stat]
    contained = Containment(folder, root) if changed else None
    return all(where in known.listed and contained(known.listed[where]) for where in changed)


def _list_pages(folder: Path, root: Path, files: dict | None, memo: dict | None
                ) -> tuple[dict[str, str], list[Diagnostic]]:
    """content/'s files that are taken as pages (place -> path), and a finding for each other."""
    diags: list[Diagnostic] = []
    listed: dict[str, str] = {}
    seen: dict[str, str] = {}
    contained = Containment(folder, root)
    for path, rel in walk_names(folder):
        where = "content/" + rel
        name = rel.rpartition("/")[2]
        if not name.lower().endswith(".md"):
            diags.append(Diagnostic(where, 1, 1, INFO, "ignored-file", f"not a Markdown page: {name}",
                                    "explainer pages are .md files"))
            continue
        remembered = memo.get(where) if memo is not None and files is not None else None
        if (remembered is None or remembered[0] != files.get(where)) and not contained(path):
            # (a remembered file was inside)
            diags.append(Diagnostic(where, 1, 1, ERROR, "bad-content", "this file links outside the project",
                                    "copy the page into content/ instead of linking to it"))
            continue
        slug = _slug_of(rel)
        if slug in RESERVED_PAGES:
            diags.append(Diagnostic(where, 1, 1, ERROR, "bad-content",
                                    f"the page name {slug!r} is reserved for the site",
                                    f"rename the file; reserved names: {', '.join(sorted(RESERVED_PAGES))}"))
            continue
        if slug in seen:
            diags.append(Diagnostic(where, 1, 1, ERROR, "bad-content",
                                    f"this page would be written to {slug}.html, like {seen[slug]}",
                                    "rename one of the two files"))
            continue
        seen[slug] = where
        listed[where] = path
    return listed, diags
