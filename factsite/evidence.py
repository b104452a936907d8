"""Evidence checks (SPEC section 6): does a claim say more than the paragraphs it cites?

A found quote proves the words exist, not that the claim keeps to them. These pure
functions compare a claim's plain text with its resolved citations and report the
mechanical signs of a claim that goes further: a number, date or name that stands in
no cited paragraph, an omission that skips a negation, a hedge or an attribution that
the claim drops. Each finding names what is missing, where it looked, and the closest
thing that does stand there. No I/O.

The checks live by job in `evidence_numbers` (numbers, dates), `evidence_names`
(names, suggestions, aliases) and `evidence_hedges` (hedges, attribution,
omissions), on what `evidence_text` reads; this module runs them on one claim.
"""

from __future__ import annotations

from .evidence_hedges import check_hedges_and_attribution, check_omissions
from .evidence_names import PageWords, alias_index, check_names, page_words
from .evidence_numbers import check_dates, check_numbers, date_words
from .evidence_text import (
    CODES, DIGIT, META_FIELDS, REMEMBERED, Cited, Finding, claim_norm, claim_words, cited_text,
    paragraph_units,
)
from .evidence_words import NUMBER_WORDS

__all__ = ["CODES", "Cited", "Finding", "PageWords", "alias_index", "check_claim", "cited_from", "page_words"]


def cited_from(resolved) -> Cited:
    """A `check.Resolved` (ok) as the checks' `Cited`."""
    source, c = resolved.source, resolved.citation
    paras, fields, units = _cited_range(source, c.start, c.end)
    marks = resolved.marks
    marked = tuple([(n, tuple(marks[n])) for n in range(c.start, c.end + 1) if marks.get(n)]) if marks else ()
    return Cited(c.locator, source.id, paras, fields, c.quote, marked, units)


# (source's id(), start, end) -> (the source, its paragraphs' view, its metadata's, its
# units as cited text):
# the same ranges are cited by many claims; the source is kept, so its id stays its own
_RANGES: dict = {}


def _cited_range(source, start: int, end: int) -> tuple:
    key = (id(source), start, end)
    got = _RANGES.get(key)
    if got is not None and got[0] is source:
        return got[1:]
    if len(_RANGES) >= REMEMBERED:
        _RANGES.clear()
    paragraphs, normalized = source.paragraphs, source.normalized
    paras = tuple([(n, paragraphs[n - 1].text, normalized[n - 1]) for n in range(start, end + 1)])
    meta = source.meta
    fields = tuple([(k, str(meta[k])) for k in META_FIELDS if meta.get(k)])
    units = paragraph_units(source.id, paras)
    _RANGES[key] = (source, paras, fields, units)
    return paras, fields, units


def check_claim(claim_text: str, citations: list[Cited], aliases: dict | None = None,
                page: PageWords | None = None) -> list[Finding]:
    """Every evidence finding of one claim against its (resolved, error-free) citations.

    `aliases`: word key -> other spellings' keys (`alias_index`); `page`: how the
    page writes its words (`page_words`), which tells a name at a sentence's start."""
    if not citations:
        return []
    norm = claim_norm(claim_text)
    cited = cited_text(citations)
    cw = claim_words(norm)
    lowers = cw.lowers
    findings = []
    # (each check first asks, in C, whether the claim has anything it looks at)
    if not lowers.isdisjoint(NUMBER_WORDS) or DIGIT.search(norm):
        findings += check_numbers(cw, cited)
    dates = date_words(cw)
    if dates:
        findings += check_dates(cw, dates, cited)
    findings += check_names(cw, cited, aliases or {}, page or page_words([claim_text]), set(dates))
    findings += check_omissions(citations)
    findings += check_hedges_and_attribution(cw, citations)
    return findings
