"""Explainer pages: front matter, claims, footnote references and definitions, each
with its line, read through markdown-it-py and its plugins (never regexes over Markdown).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .citation_rule import citation_definition_plugin
from .citations import CitationSyntaxError, ParsedDefinition, looks_like_citation, parse_definition
from .diagnostics import ERROR, INFO, Diagnostic
from .frontmatter import read_front_matter, split_front_matter
from .mdtext import inline_text
from .slug import AnchorSet, slugify
from .sources import Containment, decode, walk_names

EDITORIAL_CLASS = "editorial"
BLOCK_ATTRS = ("id", "class", "rating", "reviewed", "claimant", "checked")
RESERVED_PAGES = {"index", "404", "sources", "provenance", "feed", "sitemap", "static", "corrections", "search", "pagefind"}
ANCHOR_WORDS = 6


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
    return md


_MD = make_parser()


@dataclass
class FootnoteRef:
    """A `[^label]` in the text. (Its claim lists it, not the other way round: no
    reference cycles, so a page's objects are freed as soon as it is done.)"""

    label: str
    line: int
    column: int


@dataclass
class Definition:
    label: str
    line: int
    raw: str
    is_citation: bool
    parsed: ParsedDefinition | None = None
    error: CitationSyntaxError | None = None
    duplicate_of: int | None = None  # line of the first definition of this label
    end_line: int = 0  # last line of the definition (continuation lines included)


@dataclass
class Claim:
    anchor: str
    line: int
    text: str
    refs: list[FootnoteRef] = field(default_factory=list)
    editorial: bool = False
    attrs: dict = field(default_factory=dict)

    @property
    def rating(self) -> str | None:
        return self.attrs.get("rating") or None

    @property
    def accepts(self) -> list:
        """The evidence findings an editor checked by hand ({checked="CODE: reason"})."""
        from .accepts import parse_accepts

        return parse_accepts(self.attrs.get("checked"))[0]


@dataclass
class Page:
    path: str  # relative to the project root
    slug: str  # output name without .html, e.g. "national-consensus"
    meta: dict
    tokens: list
    claims: list[Claim]
    refs: list[FootnoteRef]
    definitions: dict[str, Definition]
    all_definitions: list[Definition]
    digest: str = ""

    @property
    def title(self) -> str:
        return self.meta.get("title") or self.slug

    def cited_source_ids(self) -> list[str]:
        return sorted({c.source_id for d in self.all_definitions if d.parsed for c in d.parsed.citations})

    @property
    def draft(self) -> bool:
        return self.meta.get("draft") is True


_QUOTE_MARKER = re.compile(r"[ \t]{0,3}>[ \t]?")


def _definition_raw(lines: list[str], start: int, end: int, label: str, quotes: int = 0) -> str:
    """The raw text after `[^label]:`, continuation lines included, un-indented, and
    without the `>` markers of the `quotes` block quotes it stands in (SPEC v2: they
    are the container's, not the definition's text)."""
    first = lines[start]
    marker = f"[^{label}]:"
    pos = first.find(marker)
    body = [first[pos + len(marker):] if pos >= 0 else first]
    for line in lines[start + 1 : end]:
        for _ in range(quotes):
            m = _QUOTE_MARKER.match(line)
            if m is None:
                break  # a lazy continuation line
            line = line[m.end():]
        body.append(line)
    while body and not body[-1].strip():
        body.pop()
    return "\n".join(line.strip() for line in body)


def _is_editorial(attrs: dict) -> bool:
    return EDITORIAL_CLASS in str(attrs.get("class", "")).split()


def parse_page(text: str, where: str, slug: str, diags: list) -> Page:
    """Read one explainer. Findings go to `diags`; the page is returned regardless."""
    fm = split_front_matter(text)
    meta = read_front_matter(fm, where, diags)
    lines = fm.body.split("\n")
    try:
        env: dict = {}
        tokens = _MD.parse(fm.body, env)
    except RecursionError:
        diags.append(Diagnostic(where, 1, 1, ERROR, "bad-content", "the page is nested too deeply to read",
                                "flatten the deepest lists or block quotes"))
        tokens = []
    anchors = AnchorSet()
    claims: list[Claim] = []
    refs: list[FootnoteRef] = []
    definitions: dict[str, Definition] = {}
    all_defs: list[Definition] = []
    explicit: dict[str, int] = {}
    # explicit anchors first, so generated ones never take an editor's name
    for tok in tokens:
        if tok.type == "paragraph_open" and tok.attrs.get("id"):
            anchor = str(tok.attrs["id"])
            line = tok.map[0] + 1 if tok.map else 1
            if anchor in explicit:
                diags.append(Diagnostic(where, line, 1, ERROR, "duplicate-anchor",
                                        f"anchor {anchor!r} is already used on line {explicit[anchor]}",
                                        "give each claim its own {#anchor}"))
            else:
                explicit[anchor] = line
                anchors.used.add(anchor)
    stack: list = []  # open block tokens
    for index, tok in enumerate(tokens):
        if tok.nesting == 1:
            stack.append(tok)
        elif tok.nesting == -1 and stack:
            stack.pop()
        if tok.type == "footnote_reference_open":
            label = tok.meta["label"]
            start, end = tok.map
            raw = _definition_raw(lines, start, end, label, sum(t.type == "blockquote_open" for t in stack))
            d = Definition(label, start + 1, raw, looks_like_citation(raw), end_line=max(end, start + 1))
            tok.meta["citation"] = d.is_citation
            if d.is_citation:
                try:
                    d.parsed = parse_definition(raw)
                except CitationSyntaxError as exc:
                    d.error = exc
            if label in definitions:
                d.duplicate_of = definitions[label].line
            else:
                definitions[label] = d
            all_defs.append(d)
            continue
        if tok.type != "inline":
            continue
        parent = tokens[index - 1] if index else None
        in_footnote = any(t.type == "footnote_reference_open" for t in stack)
        line = tok.map[0] + 1 if tok.map else (parent.map[0] + 1 if parent is not None and parent.map else 1)
        claim = None
        if parent is not None and parent.type == "paragraph_open" and not in_footnote:
            claim_text = " ".join(inline_text(tok.children).split())
            attrs = {k: str(v) for k, v in parent.attrs.items()}
            anchor = attrs.get("id") or anchors.take(slugify(claim_text, ANCHOR_WORDS), f"claim-{len(claims) + 1}")
            if anchor[0].isdigit() and not attrs.get("id"):
                anchors.used.discard(anchor)
                anchor = anchors.take("c-" + anchor)
            parent.attrs["id"] = anchor
            editorial = any(_is_editorial(t.attrs) for t in stack)
            claim = Claim(anchor, line, claim_text, editorial=editorial, attrs=attrs)
            claims.append(claim)
            parent.meta["claim"] = claim
            tokens[index + 1].meta["claim"] = claim
        offset = 0
        seen_on_line: dict[tuple, int] = {}
        for child in tok.children or ():
            if child.type in ("softbreak", "hardbreak"):
                offset += 1
            elif child.type == "footnote_ref":
                label = child.meta["label"]
                ref_line = line + offset
                key = (ref_line, label)
                # from where the same label was last found on the line: linear in the
                # line however often it repeats (SPEC v2 section 5)
                after = seen_on_line.get(key, -1)
                text = lines[ref_line - 1] if 0 < ref_line <= len(lines) else ""
                at = text.find(f"[^{label}]", after + 1) if after >= -1 else -1
                seen_on_line[key] = at if at >= 0 else -2
                col = at + 1 if at >= 0 else 1
                ref = FootnoteRef(label, ref_line, col)
                child.meta["ref"] = ref
                refs.append(ref)
                if claim is not None:
                    claim.refs.append(ref)
    if meta.get("corrections"):
        from .corrections import check_claims

        check_claims(meta, {c.anchor for c in claims}, where, diags)
    return Page(where, slug, meta, _without_citation_definitions(tokens), claims, refs, definitions, all_defs)


def _without_citation_definitions(tokens: list) -> list:
    """The tokens rendering needs: a citation's definition is shown from its resolved
    data, never from its tokens, so they are not kept (most of a page's tokens)."""
    kept, skipping, depth = [], False, 0
    for tok in tokens:
        if tok.type == "footnote_reference_open":
            depth += 1
            if depth == 1:
                skipping = tok.meta.get("citation", False)
        if not skipping:
            kept.append(tok)
        if tok.type == "footnote_reference_close":
            depth -= 1
            if depth == 0:
                skipping = False
    return kept


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
            diags.append(Diagnostic(where, 1, 1, ERROR, "bad-content", f"the page name {slug!r} is reserved for the site",
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
