"""What one checked (and rendered) page leaves behind for the rest of the build.

A page's tokens and views are dropped as soon as its own file is written; the lists,
the source pages and provenance.json need only these small summaries, which are also
what the build cache keeps between builds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cache import key
from .diagnostics import ERROR, Diagnostic
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


@dataclass(frozen=True)
class ClaimInfo:
    anchor: str
    text: str


@dataclass
class Entry:
    """One explainer in the home page and the feed (templates call it `view`)."""

    page: PageInfo
    claims: list[ClaimInfo]
    source_ids: list[str]


@dataclass
class Use:
    """One claim citing a paragraph of a source (listed under that paragraph)."""

    page: PageInfo
    claim: ClaimInfo


@dataclass
class PageOutcome:
    info: PageInfo
    diagnostics: list[Diagnostic]
    fixes: list = field(default_factory=list)
    deps: tuple = ()  # ((source id, digest or None), ...) of every source the page cites
    looks: str | None = None  # templates and config it was rendered with; None: not rendered
    claims: list[ClaimInfo] = field(default_factory=list)
    source_ids: list[str] = field(default_factory=list)
    uses: list[tuple[str, int, int]] = field(default_factory=list)  # (source, paragraph, claim index)
    marks: dict = field(default_factory=dict)  # source -> paragraph -> [(start, end)] quoted
    source_keys: dict = field(default_factory=dict)  # source -> digest of its uses and marks here
    provenance: bytes | None = None  # its provenance.json entry, only on the way to the main process
    html: bytes | None = None  # its explainer, only when the worker does not write it itself

    @property
    def ok(self) -> bool:
        return not any(d.severity == ERROR for d in self.diagnostics)

    @property
    def entry(self) -> Entry:
        return Entry(self.info, self.claims, self.source_ids)


def summarize(outcome: PageOutcome, view: PageView) -> None:
    """Fill in what other files need of this page, from its view."""
    outcome.claims = [ClaimInfo(cv.claim.anchor, cv.claim.text) for cv in view.claims]
    outcome.source_ids = view.source_ids
    seen: set = set()
    for index, cv in enumerate(view.claims):
        for note in cv.notes:
            for c in note.citations:
                for p in c.paragraphs:
                    use = (c.source.id, p.number, index)
                    if use not in seen:
                        seen.add(use)
                        outcome.uses.append(use)
    for note in view.notes.values():
        for c in note.citations:
            for p in c.paragraphs:
                pos = 0
                bucket = outcome.marks.setdefault(c.source.id, {}).setdefault(p.number, [])
                for seg in p.segments:
                    if seg.marked:
                        bucket.append((pos, pos + len(seg.text)))
                    pos += len(seg.text)
    by_source: dict[str, list] = {}
    for sid, number, index in outcome.uses:
        claim = outcome.claims[index]
        by_source.setdefault(sid, []).append((number, claim.anchor, claim.text))
    for sid in sorted(set(by_source) | set(outcome.marks)):
        outcome.source_keys[sid] = key(by_source.get(sid, []), sorted(outcome.marks.get(sid, {}).items()))
