"""What a reader takes in at a glance, computed for the templates: a cited paragraph cut
down to its quoted sentences, a note's citations as one card per source, whether a
claim's sources differ, and which pages a source page is cited in. Data only, no HTML.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .provenance import segments

# the end of a sentence: . ! or ? (a closing quote or bracket may follow), then space
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
# a hidden stretch shorter than this is shown: an ellipsis would save nothing
_MIN_CUT = 40
# an editor's note that opens with one of these records a disagreement between sources
DIFFER_OPENINGS = ("sources differ", "conflict", "disagree")
DIFFER_CLASS = "differ"


class Run(NamedTuple):
    """A run of a cited paragraph: `kind` is "mark" (quoted), "" (shown) or "ctx"
    (the rest of the paragraph around the quoted sentences, one action away)."""

    text: str
    kind: str


def excerpt(segments) -> list[Run]:
    """The paragraph's runs with the text before the first quoted sentence and after
    the last one set apart as context. A paragraph with nothing quoted is all shown."""
    segs = list(segments)
    marked = [i for i, (_, m) in enumerate(segs) if m]
    if not marked:
        return [Run(t, "") for t, _ in segs]
    first, last = marked[0], marked[-1]
    runs: list[Run] = []
    for i, (text, m) in enumerate(segs):
        if m:
            runs.append(Run(text, "mark"))
        elif i < first:
            runs += _split_before(text)
        elif i > last:
            runs += _split_after(text)
        else:
            runs.append(Run(text, ""))
    return [r for r in runs if r.text]


def _split_before(text: str) -> list[Run]:
    """Before the quote: hide up to the last sentence end (the quote's sentence shows)."""
    ends = list(_SENTENCE_END.finditer(text))
    if not ends or ends[-1].end() < _MIN_CUT:
        return [Run(text, "")]
    cut = ends[-1].end()
    return [Run(text[:cut], "ctx"), Run(text[cut:], "")]


def _split_after(text: str) -> list[Run]:
    """After the quote: show up to the end of its sentence, hide the rest."""
    end = _SENTENCE_END.search(text)
    if end is None or len(text) - end.end() < _MIN_CUT:
        return [Run(text, "")]
    cut = end.end()
    return [Run(text[:cut], ""), Run(text[cut:], "ctx")]


class Card(NamedTuple):
    """One source's part of a note: its cited paragraphs, each once (marks of several
    citations of one paragraph merged), in paragraph order, and the citations."""

    source: object
    paragraphs: list
    citations: list


class CardParagraph(NamedTuple):
    number: int
    segments: list


def cards(citations) -> list[Card]:
    """A note's citations grouped by source, in the order they are cited: one card per
    source, one entry per paragraph however many citations quote it."""
    grouped: dict[str, tuple] = {}
    for c in citations:
        grouped.setdefault(c.source.id, (c.source, []))[1].append(c)
    out = []
    for source, cs in grouped.values():
        if len(cs) == 1:
            out.append(Card(source, cs[0].paragraphs, cs))
            continue
        spans: dict[int, list] = {}
        texts: dict[int, str] = {}
        for c in cs:
            for p in c.paragraphs:
                texts[p.number] = p.text
                spans.setdefault(p.number, []).extend(_marked_spans(p.segments))
        paras = [CardParagraph(n, segments(texts[n], spans[n])) for n in sorted(texts)]
        out.append(Card(source, paras, cs))
    return out


def _marked_spans(segs) -> list[tuple[int, int]]:
    out, pos = [], 0
    for text, marked in segs:
        if marked:
            out.append((pos, pos + len(text)))
        pos += len(text)
    return out


def records_conflict(note_text: str | None) -> bool:
    return bool(note_text) and note_text.strip().lower().startswith(DIFFER_OPENINGS)


def sources_differ(cv) -> bool:
    """The claim's sources disagree: the page marks the claim `{.differ}`, or an
    editor's note on one of its citations opens with "Sources differ:" (or "Conflict:")."""
    if DIFFER_CLASS in str(cv.claim.attrs.get("class", "")).split():
        return True
    return any(records_conflict(n.note) for n in cv.notes)


def cited_in(paragraphs) -> list[tuple]:
    """Which pages cite a source, from its paragraphs' uses: [(page, claim count,
    first target), ...] in the order of the first paragraph each page cites."""
    pages: dict[str, list] = {}
    for _p, _segs, uses in paragraphs:
        for use in uses:
            entry = pages.setdefault(use.page.slug, [use.page, set(), use.target])
            entry[1].add(use.claim.anchor)
    return [(page, len(claims), target) for page, claims, target in pages.values()]
