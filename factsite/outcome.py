"""What one checked (and rendered) page leaves behind for the rest of the build.

A page's tokens and views are dropped as soon as its own file is written; the lists,
the source pages and provenance.json need only these small summaries, which are also
what the build cache keeps between builds. Five types, one job each: `PageInfo` (the
page as lists show it), `PageOutcome` (what is kept of it), `Entry` (its row on the
home page and in the feed), `ClaimInfo` and `Use` (a claim, and a claim citing a
paragraph, under that paragraph on its source page).
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from .keys import key, short_key
from .diagnostics import ERROR, Diagnostic
from .independence import count_words
from .provenance import PageView


@dataclass
class PageInfo:
    """A page as the lists and source pages show it (templates read `.title`, `.meta`, `.slug`)."""

    path: str
    slug: str
    meta: dict
    digest: str

    @property
    def title(self) -> str:
        return self.meta.get("title") or self.slug

    @property
    def draft(self) -> bool:
        return self.meta.get("draft") is True


class ClaimInfo(NamedTuple):
    """One claim as the source pages list it under a paragraph."""

    anchor: str
    text: str


class Entry:
    """One explainer in the home page and the feed (templates call it `view`)."""

    def __init__(self, outcome: "PageOutcome"):
        self.page = outcome.info
        self.source_ids = outcome.source_ids
        self._outcome = outcome
        self.count_text = count_words(len(outcome.source_ids), outcome.origin_count)
        self.origin_count = outcome.origin_count  # the count in the site's language (i18n.count_words)

    @property
    def claims(self) -> list[ClaimInfo]:
        """Unpacked only when a template asks (the home page counts them)."""
        return [ClaimInfo(*c) for c in self._outcome.unpacked()[0]]


@dataclass
class Use:
    """One claim citing a paragraph of a source (listed under that paragraph)."""

    page: PageInfo
    claim: ClaimInfo

    @property
    def target(self) -> str:
        """The claim's address from the site's root: page.html#anchor."""
        return f"{self.page.slug}.html#{self.claim.anchor}"


@dataclass
class PageOutcome:
    """What a checked page leaves for the rest of the build and the next one (the build
    cache keeps it): small, with what only some files need (claims, uses, marks) packed
    until they are rendered. Made whole by `page_outcome`; never changed after."""

    info: PageInfo
    diagnostics: list[Diagnostic]
    fixes: list = field(default_factory=list)
    cited: tuple = ()  # ids of every source the page cites
    deps: str = ""  # digest of those sources' digests: the page is checked against them
    looks: str | None = None  # templates and config it was rendered with; None: not rendered
    claim_count: int = 0
    source_ids: list[str] = field(default_factory=list)  # sources its claims cite successfully
    origin_count: int = 0  # how many independent origins those are
    shown_in: tuple = ()  # sources whose pages show something of this page
    shown_keys: bytes = b""  # for each, 16 bytes: digest of what its page shows of this one
    cites: tuple = ()  # (source, claims citing it, paragraphs cited), for the sources index
    cites_key: bytes = b""  # digest of `cites`
    packed: bytes | None = None  # pickled (claims, rows by source, marks by source): see `unpacked`
    provenance_key: bytes = b""  # digest of its provenance.json entry
    evidence_key: str = ""  # the evidence checks (and aliases) it was checked with
    checked: tuple = (0, 0)  # (claims, citations) it holds, for the check's summary line
    cited_ranges: tuple = ()  # (source, first, last paragraph) of its citations: what sources.lock guards

    @classmethod
    def from_blob(cls, blob: bytes) -> "PageOutcome":
        """An outcome from its pickle, remembering the pickle (saved again as it is)."""
        outcome = pickle.loads(blob).intern()
        outcome._blob = blob
        return outcome

    def blob(self) -> bytes:
        """Its pickle: the one it was read from, when it was."""
        return self.__dict__.get("_blob") or pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    @property
    def source_keys(self) -> dict[str, bytes]:
        """source -> digest of what that source's page shows of this page."""
        k = self.shown_keys
        return {sid: k[16 * i: 16 * i + 16] for i, sid in enumerate(self.shown_in)}

    def intern(self) -> "PageOutcome":
        """Share source ids between outcomes (a thousand pages cite the same few hundred)."""
        self.cited = tuple(map(sys.intern, self.cited))
        self.cites = tuple((sys.intern(sid), n, numbers) for sid, n, numbers in self.cites)
        self.shown_in = tuple(map(sys.intern, self.shown_in))
        self.source_ids = [sys.intern(s) for s in self.source_ids]
        return self

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        for memo in _MEMOS:
            state.pop(memo, None)
        return state

    @property
    def ok(self) -> bool:
        return not any(d.severity == ERROR for d in self.diagnostics)

    @property
    def entry(self) -> Entry:
        return Entry(self)

    # (memos: the live preview keeps outcomes across rebuilds and sorts and keys a
    # thousand of them after each edit)
    @cached_property
    def listed_order(self) -> tuple:
        """Pages are listed newest first (home page, feed, under a source's paragraphs)."""
        return (self.info.meta.get("date") or "", self.info.title, self.info.slug)

    @cached_property
    def listing_key(self) -> bytes:
        """What the home page and the feed show of the page."""
        return short_key(self.info.slug, self.info.meta, self.claim_count, self.source_ids, self.origin_count)

    def explainer_key(self, looks: str) -> str:
        """What its explainer depends on, rendered with `looks`."""
        memo = self.__dict__.get("_explainer_key")
        if memo is None or memo[0] != looks:
            info = self.info
            memo = self._explainer_key = (looks, key("explainer", looks, info.path, info.slug, info.digest, self.deps))
        return memo[1]

    def unpacked(self) -> tuple[list, dict, dict]:
        """(claims as (anchor, text) tuples, source -> [(paragraph, claim index)] in the
        page's order, source -> paragraph -> quoted spans), without keeping them (for a
        pass over many pages). Plain tuples: unpickling named ones took twice as long."""
        return pickle.loads(self.packed) if self.packed else ([], {}, {})


_MEMOS = ("_blob", "_explainer_key", "listing_key", "listed_order")


def dependencies(cited, sources: dict) -> str:
    """Digest of the cited sources as they are now (None for a missing one), with their
    relations (a page counts its sources' independent origins)."""
    return key([(sid, sources[sid].digest, getattr(sources[sid].relations, "key", None)) if sid in sources
                else (sid, None) for sid in cited])


def summarize(info: PageInfo, view: PageView) -> dict:
    """The `PageOutcome` fields other files need of a rendered page, from its view."""
    claims = [ClaimInfo(cv.claim.anchor, cv.claim.text) for cv in view.claims]
    rows_of = _rows_of(view)
    marks = _marks_of(view)
    shown_in = tuple(sorted(set(rows_of) | set(marks)))
    cites = tuple((sid, len(rows), tuple(sorted({n for n, _ in rows}))) for sid, rows in sorted(rows_of.items()))
    return {
        "shown_in": shown_in,
        "shown_keys": b"".join(
            short_key(info.slug, info.title, [(n, *claims[i]) for n, i in rows_of.get(sid, [])],
                      sorted(marks.get(sid, {}).items()))
            for sid in shown_in),
        "cites": cites,
        "cites_key": short_key(cites),
        "claim_count": len(claims),
        "source_ids": view.source_ids,
        "origin_count": len(view.origins),
        "packed": pickle.dumps(([tuple(c) for c in claims], rows_of, marks), protocol=pickle.HIGHEST_PROTOCOL),
    }


def _rows_of(view: PageView) -> dict[str, list]:
    """source -> [(paragraph, claim index)], each once, in page order."""
    rows_of: dict[str, list] = {}
    seen: set = set()
    for index, cv in enumerate(view.claims):
        for note in cv.notes:
            for c in note.citations:
                for p in c.paragraphs:
                    use = (c.source.id, p.number, index)
                    if use not in seen:
                        seen.add(use)
                        rows_of.setdefault(c.source.id, []).append((p.number, index))
    return rows_of


def _marks_of(view: PageView) -> dict:
    """source -> paragraph -> the (start, end) of each quoted span in it."""
    marks: dict = {}
    for note in view.notes.values():
        for c in note.citations:
            for p in c.paragraphs:
                pos = 0
                bucket = marks.setdefault(c.source.id, {}).setdefault(p.number, [])
                for text, marked in p.segments:
                    if marked:
                        bucket.append((pos, pos + len(text)))
                    pos += len(text)
    return marks
