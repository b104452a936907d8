"""Who cites what: the checked project turned into views the templates and
provenance.json read. No HTML here, no I/O; only data, in a stable order.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import quote as urlquote
from urllib.parse import urlsplit, urlunsplit

from .check import Resolved
from .page_model import Claim, Page
from .independence import count_words, family_of, origins
from .slug import AnchorSet, slugify
from .sources import Source

SAFE_SCHEMES = ("http", "https")


@functools.lru_cache(maxsize=4096)
def safe_url(url: str | None) -> str | None:
    """The URL if it is an http(s) link a reader can follow, else None (never a link).

    (Remembered: every citation of a source asks about the same address.)"""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc or any(c in url for c in "\x00\n\r\t <>\"'`"):
        return None
    return url


def text_fragment_url(url: str, quote_parts: list[str]) -> str:
    """The original's URL with a `#:~:text=` fragment that scrolls to the quote."""
    if not quote_parts:
        return url
    enc = [fragment_quote(p) for p in quote_parts]
    directive = enc[0] if len(enc) == 1 else f"{enc[0]},{enc[-1]}"
    return f"{_without_fragment(url)}#:~:text={directive}"


_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~"
_PERCENT = {c: (chr(c) if chr(c) in _SAFE else f"%{c:02X}") for c in range(128)}


def fragment_quote(text: str) -> str:
    """Percent-encoding for a text fragment: `quote(text, safe="")` with `-` encoded
    too (a dash is the directive's own syntax). ASCII text by one table lookup per
    character, in C (quote works byte by byte in Python: 80 links a page)."""
    if text.isascii():
        return text.translate(_PERCENT)
    return urlquote(text, safe="").replace("-", "%2D")


@functools.lru_cache(maxsize=4096)
def _without_fragment(url: str) -> str:
    """The address without its fragment (remembered: every citation of a source links
    to the same original)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


class Segment(NamedTuple):
    """A run of a paragraph; a tuple, so templates unpack it (`for text, marked in ...`)
    instead of looking up two attributes per run."""

    text: str
    marked: bool


def segments(text: str, spans) -> list[Segment]:
    """A paragraph cut into marked and unmarked runs (overlapping spans merged)."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        if s > pos:
            out.append(Segment(text[pos:s], False))
        out.append(Segment(text[s:e], True))
        pos = e
    if pos < len(text) or not out:
        out.append(Segment(text[pos:], False))
    return out


@dataclass
class ParagraphView:
    """A cited paragraph of a source, cut into runs (the quoted ones marked)."""

    number: int
    segments: list[Segment]
    text: str

    @property
    def digest(self) -> str:
        return _text_digest(self.text)


@functools.lru_cache(maxsize=65536)
def _text_digest(text: str) -> str:
    """A paragraph's digest, once per paragraph however many pages cite it."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class CitationView:
    """One citation as a reader sees it: the source, its paragraphs, the links."""

    source: Source
    locator: str
    quote: str | None
    paragraphs: list[ParagraphView]
    original_url: str | None
    archive_url: str | None
    quote_parts: list[str]

    @property
    def paragraph_label(self) -> str:
        """"¶3" or "¶3-5": the paragraphs, as the citation names them."""
        return "¶" + self.locator.split("#p", 1)[1]

    @property
    def original_link(self) -> str | None:
        """The original's address, scrolled to the first quoted words where browsers can."""
        return text_fragment_url(self.original_url, self.quote_parts[:1]) if self.original_url else None


@dataclass
class NoteView:
    """One footnote of a page as the reader sees it: its number, its anchor, the ids of
    the markers pointing at it, and its citations (none for a plain note)."""

    label: str
    number: int
    anchor: str
    ref_ids: list[str]
    citations: list[CitationView]
    note: str | None

    @functools.cached_property  # (asked by the templates, the summary and provenance.json)
    def sources(self) -> list[str]:
        return sorted({c.source.id for c in self.citations})

    @functools.cached_property
    def groups(self) -> list[tuple]:
        """The citations grouped by origin, in order: (family, citations) pairs; the
        panel shows copies of one story, or reports relying on one outlet, together
        (under `relation_words.origin_label`)."""
        by: dict[str, tuple] = {}
        for c in self.citations:
            family = family_of(c.source)
            by.setdefault(family.id, (family, []))[1].append(c)
        return list(by.values())

    @property
    def label_text(self) -> str:
        """What a screen reader hears for the note: its sources and paragraphs."""
        if not self.citations:
            return f"Note {self.number}"
        return "; ".join(f"{c.source.title}, paragraph {c.locator.split('#p', 1)[1]}" for c in self.citations)


@dataclass
class ClaimView:
    """A claim with the notes its references point at, in order, each once."""

    claim: Claim
    notes: list[NoteView]

    @functools.cached_property  # (asked by the templates, the summary and provenance.json)
    def source_ids(self) -> list[str]:
        return sorted({sid for n in self.notes for sid in n.sources})

    @functools.cached_property
    def origins(self) -> list[list[str]]:
        """The cited sources' ids grouped by independent origin (see `independence`)."""
        return _origin_ids(c.source for n in self.notes for c in n.citations)

    @property
    def count_text(self) -> str:
        """"2 sources, 1 independent": how the claim's badge counts its sources."""
        return count_words(len(self.source_ids), len(self.origins))


@dataclass
class PageView:
    """A checked page with its citations resolved: what its explainer template and
    its provenance.json entry are rendered from."""

    page: Page
    notes: dict[str, NoteView]  # by label, in number order
    claims: list[ClaimView]  # as `page.claims`: a claim token's meta["claim"] indexes both
    ref_ids: dict[int, str] = field(default_factory=dict)  # index in `page.refs` -> its marker's element id

    @functools.cached_property  # (asked by the templates, the summary and provenance.json)
    def source_ids(self) -> list[str]:
        return sorted({sid for c in self.claims for sid in c.source_ids})

    @functools.cached_property
    def origins(self) -> list[list[str]]:
        return _origin_ids(c.source for cv in self.claims for n in cv.notes for c in n.citations)

    @property
    def count_text(self) -> str:
        """The header's count: "5 sources, 4 independent"."""
        return count_words(len(self.source_ids), len(self.origins))


def _origin_ids(sources) -> list[list[str]]:
    """Source ids grouped by origin, each group and the groups sorted."""
    unique = {s.id: s for s in sources}
    return sorted(sorted(s.id for s in group) for group in origins(unique.values()))


def _citation_view(r: Resolved) -> CitationView:
    source, marks = r.source, r.marks
    paras, quote_parts = [], []
    for n in r.numbers:
        text = source.paragraphs[n - 1].text
        spans = marks.get(n, ())
        paras.append(ParagraphView(n, segments(text, spans), text))
        if spans:
            quote_parts += [text[s:e].strip() for s, e in sorted(spans)]
    return CitationView(
        source,
        r.citation.locator,
        r.citation.quote,
        paras,
        safe_url(source.meta.get("url")),
        safe_url(source.meta.get("archive_url")),
        [p for p in quote_parts if p],
    )


def page_view(page: Page, resolved: dict) -> PageView:
    anchors = AnchorSet({c.anchor for c in page.claims})
    notes: dict[str, NoteView] = {}
    view = PageView(page, notes, [])
    for index, ref in enumerate(page.refs):
        if ref.label not in page.definitions:
            continue
        note = notes.get(ref.label)
        if note is None:
            d = page.definitions[ref.label]
            cites = [_citation_view(r) for r in resolved.get((page.path, ref.label), []) if r.ok and r.source]
            note = NoteView(
                ref.label,
                len(notes) + 1,
                anchors.take("fn-" + (slugify(ref.label) or str(len(notes) + 1))),
                [],
                cites,
                d.parsed.note if d.parsed else None,
            )
            notes[ref.label] = note
        ref_id = anchors.take(f"ref-{note.anchor[3:]}" + (f"-{len(note.ref_ids) + 1}" if note.ref_ids else ""))
        note.ref_ids.append(ref_id)
        view.ref_ids[index] = ref_id
    for claim in page.claims:
        claim_notes = []
        for ref in claim.refs:
            n = notes.get(ref.label)
            if n is not None and n not in claim_notes:
                claim_notes.append(n)
        view.claims.append(ClaimView(claim, claim_notes))
    return view
