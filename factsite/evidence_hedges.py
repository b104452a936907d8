"""What the cited sentence says around the quoted words (SPEC section 6):
`hedge-dropped`, `attribution-dropped` and `omission-drops-negation`.

A paragraph's sentences and their hedges and reporting verbs are read once per
paragraph and remembered (a paragraph with neither is not cut at all). A claim then
walks only the sentences its quotes stand in, and stops at the first sentence that
gives each finding it can still have.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Iterable, NamedTuple

from .evidence_text import (
    ATTRIBUTION_DROPPED, HEDGE_DROPPED, OMISSION_DROPS_NEGATION, REMEMBERED, WORD, ClaimWords, Cited, Finding,
    find_words, matches, read, short,
)
from .evidence_words import (
    ATTRIBUTE_ANY, ATTRIBUTING_VERBS, HEDGE_ANY, HEDGE_BEFORE_TO, HEDGE_WORDS, NEGATIONS, REPORT_ANY, REPORTING_VERBS,
)
from .quotes import normalize

# (a sentence ends at a stop; group 1 is what stands between it and the next one.
# The stop is matched, not looked behind for: the engine then skips to each stop)
_SENTENCE_STOP = re.compile(r'[.!?](["”’»)\]]*\s+)')
_OPENERS = "“„«"
_CLOSERS = "”»"
_MARKS = re.compile('[“”„«»"]')
_LETTER = re.compile(r"[^\W\d_]")


class SentenceSigns(NamedTuple):
    """(A named tuple: one is made for every sentence that hedges or reports.)"""

    hedges: tuple  # hedge words found, as written
    reports: tuple  # reporting verbs (or "according to") found


def _alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# (apostrophes are '"' after normalization: "said" must not match inside "don"t")
_HEDGE_RE = re.compile(r'(?<![\w"])(?:(' + _alternation(HEDGE_WORDS) + r')|(' + _alternation(HEDGE_BEFORE_TO)
                       + r')\s+to)(?![\w"])', re.IGNORECASE)
_REPORT_RE = re.compile(r'(?<![\w"])(?:(' + _alternation(REPORTING_VERBS) + r')|according\s+to)(?![\w"])',
                        re.IGNORECASE)
_NO_SIGNS = SentenceSigns((), ())


# --- a paragraph's sentences (remembered per paragraph) ---------------------------------

@lru_cache(maxsize=REMEMBERED)
def sentences(text: str) -> tuple:
    """(start, end, signs) of each sentence of a paragraph's normalized text; a
    paragraph without any hedge or reporting word is not cut at all."""
    reading = read(text)
    words = reading.lower
    if words.isdisjoint(HEDGE_ANY) and words.isdisjoint(REPORT_ANY):
        return ((0, len(text), _NO_SIGNS),)
    cuts, pos = [], 0
    for m in _SENTENCE_STOP.finditer(text):
        cuts.append((pos, m.start(1)))
        pos = m.end()
    if pos < len(text) or not cuts:
        cuts.append((pos, len(text)))
    marked = reading.marked
    if marked is None:
        return tuple([(s, e, _signs(text[s:e])) for s, e in cuts])
    # (each pattern tried only where one of its words begins, over the whole
    # paragraph at once; a match stays inside its sentence, which ends with a stop)
    hedges = list(matches(_HEDGE_RE, text, [p for p, w in marked if w in HEDGE_ANY]))
    reports = list(matches(_REPORT_RE, text, [p for p, w in marked if w in REPORT_ANY]))
    if not hedges and not reports:
        return tuple([(s, e, _NO_SIGNS) for s, e in cuts])
    # (each match handed to the sentence it begins in, found by bisection)
    starts = [s for s, _ in cuts]
    found: list = [None] * len(cuts)
    for kind, ms in ((0, hedges), (1, reports)):
        for m in ms:
            k = bisect_right(starts, m.start()) - 1
            if k >= 0 and m.start() < cuts[k][1]:
                if found[k] is None:
                    found[k] = ([], [])
                found[k][kind].append(m)
    return tuple([(s, e, _NO_SIGNS if got is None else _signs_between(text, s, e, *got))
                  for (s, e), got in zip(cuts, found)])


def _signs_between(text: str, s: int, e: int, hedges: list, reports: list) -> SentenceSigns:
    """The signs of the sentence text[s:e] from the matches that begin in it."""
    found = [_hedge(m, text, s, e) for m in hedges]
    found = [h for h in found if h]
    said = [m.group(1) or "according to" for m in reports]
    return SentenceSigns(tuple(found), tuple(said)) if found or said else _NO_SIGNS


def _hedge(m: re.Match, text: str, s: int, e: int) -> str | None:
    """The hedge a match of `_HEDGE_RE` in the sentence text[s:e] is, if it is one."""
    word = m.group(1)
    if word and word.lower() == "may" and not may_hedges(word, not text[s:m.start()].strip(' "(['), text[m.end():e]):
        return None
    return word or f"{m.group(2)} to"


def _signs(norm: str) -> SentenceSigns:
    """The hedges and reporting verbs of a sentence (normalized text). Its words as a
    set first (in C): most sentences have neither, and the regexes run only if needed."""
    words = set(find_words(norm.lower()))
    hedges = []
    reports = []
    if not words.isdisjoint(HEDGE_ANY):
        hedges = [h for h in (_hedge(m, norm, 0, len(norm)) for m in _HEDGE_RE.finditer(norm)) if h]
    if not words.isdisjoint(REPORT_ANY):
        reports = [m.group(1) or "according to" for m in _REPORT_RE.finditer(norm)]
    if not hedges and not reports:
        return _NO_SIGNS
    return SentenceSigns(tuple(hedges), tuple(reports))


def may_hedges(word: str, initial: bool, after: str) -> bool:
    """"may" hedges; "May" inside a sentence is the month, and so is "May" before a number."""
    return word == "may" or (initial and not after.lstrip()[:1].isdigit())


@lru_cache(maxsize=REMEMBERED)
def _quoted_regions(text: str) -> tuple:
    """(start, end) of the runs of a paragraph inside its own quotation marks."""
    regions, depth, straight, start = [], 0, False, 0
    for m in _MARKS.finditer(text):
        ch, inside = m.group(), depth > 0 or straight
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(depth - 1, 0)
        else:
            straight = not straight
        now = depth > 0 or straight
        if now and not inside:
            start = m.end()
        elif inside and not now:
            regions.append((start, m.start()))
    if depth > 0 or straight:
        regions.append((start, len(text)))
    return tuple(regions)


def _inside_quotation(text: str, spans) -> bool:
    """Does a letter of the quoted spans stand inside the source's own quotation marks?"""
    for lo, hi in _quoted_regions(text):
        for s, e in spans:
            a, b = max(lo, s), min(hi, e)
            if a < b and _LETTER.search(text, a, b):
                return True
    return False


def _cited_sentences(c: Cited):
    """(paragraph number, normalized text, sentence start, end, its signs, inside the
    source's quotation marks) of a citation's cited sentences that hedge, report or
    quote: those holding its quote, or every sentence of the cited paragraphs."""
    marks = dict(c.marks) if c.quote is not None else None
    for n, text, norm in c.paragraphs:
        cut = sentences(norm.text)
        if marks is None:
            for s, e, signs in cut:
                if signs is not _NO_SIGNS:
                    yield n, norm.text, s, e, signs, False
            continue
        spans = marks.get(n)
        if not spans:
            continue
        inside = _inside_quotation(text, spans)
        lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
        # (the marks are in the source's own text: a sentence's span is mapped to it
        # only when the sentence counts, unless normalization kept every character)
        same = norm.starts is None
        for s, e, signs in cut:
            if signs is _NO_SIGNS and not inside:
                continue
            start, end = (s, e) if same else norm.original_span(s, e)
            if start < hi and end > lo:
                yield n, norm.text, s, e, signs, inside


# --- the checks ---------------------------------------------------------------------

_SURE_HEDGES = HEDGE_WORDS - {"may"}


def claim_hedges(cw: ClaimWords) -> bool:
    words = cw.lower
    if not cw.lowers.isdisjoint(_SURE_HEDGES):  # (one of these hedges wherever it stands)
        return True
    for i, w in enumerate(words):
        if w == "may" and may_hedges(cw.words[i], cw.initial[i], cw.gaps[i + 1][:3]):
            return True
        if w in HEDGE_BEFORE_TO and i + 1 < len(words) and words[i + 1] == "to":
            return True
    return False


def claim_attributes(words: list[str], lowers: set | None = None) -> bool:
    """(`lowers`: the words as a set, when the caller has it.)"""
    if not (set(words) if lowers is None else lowers).isdisjoint(ATTRIBUTING_VERBS):
        return True
    return any(w == "according" and i + 1 < len(words) and words[i + 1] == "to" for i, w in enumerate(words))


def check_hedges_and_attribution(cw: ClaimWords, citations: Iterable[Cited]) -> list[Finding]:
    lowers = cw.lowers
    hedged = not lowers.isdisjoint(HEDGE_ANY) and claim_hedges(cw)
    attributes = not lowers.isdisjoint(ATTRIBUTE_ANY) and claim_attributes(cw.lower, lowers)
    if hedged and attributes:
        return []
    hedge_finding = attribution_finding = None
    for c in citations:
        for n, text, s, e, signs, quoted in _cited_sentences(c):
            where, sentence = f"{c.source_id}#p{n}", text[s:e]
            if not hedged and hedge_finding is None and signs.hedges:
                hedge_finding = Finding(
                    HEDGE_DROPPED,
                    f'{where} hedges ("{signs.hedges[0]}": "{short(sentence)}") and the claim does not',
                    f'keep the hedge ("{signs.hedges[0]}") in the claim, or cite a paragraph that states it plainly')
            if not attributes and attribution_finding is None and (signs.reports or quoted):
                why = f'"{signs.reports[0]}"' if signs.reports else "its own quotation marks"
                attribution_finding = Finding(
                    ATTRIBUTION_DROPPED,
                    f'{where} reports someone\'s words or view ({why}: "{short(sentence)}") and the claim '
                    "attributes them to no one",
                    "say whose words they are (\"X says\", \"according to X\"), or cite a paragraph that states it "
                    "as fact")
            if (hedged or hedge_finding) and (attributes or attribution_finding):
                return [f for f in (hedge_finding, attribution_finding) if f is not None]
    return [f for f in (hedge_finding, attribution_finding) if f is not None]


def check_omissions(citations: Iterable[Cited]) -> list[Finding]:
    """What an omission skips (or an insertion stands for) between the marked pieces
    of a quote, read in the source's own words."""
    findings = []
    for c in citations:
        if c.quote is None:
            continue
        pieces = [(n, lo, hi) for n, spans in c.marks for lo, hi in spans]
        if len(pieces) < 2:
            continue
        texts = {n: text for n, text, _ in c.paragraphs}
        for (n1, _lo1, hi1), (n2, lo2, _hi2) in zip(pieces, pieces[1:]):
            skipped = texts[n1][hi1:lo2] if n1 == n2 else texts[n1][hi1:] + " " + texts[n2][:lo2]
            if len(skipped.strip()) == 0:
                continue
            negation = _negation(skipped)
            if negation:
                findings.append(Finding(
                    OMISSION_DROPS_NEGATION,
                    f'the omission in the quote of {c.locator} skips "{negation}": "...{short(skipped, 70)}..."',
                    f'quote the skipped words too, or check that the claim does not say the opposite of {c.locator}'))
                break
    return findings


def _negation(text: str) -> str | None:
    # (the words of the text; its spaces at either end, which send normalization down
    # its slow path, change no word)
    for m in WORD.finditer(normalize(text.strip())):
        w = m.group().lower()
        if w in NEGATIONS or w.endswith('n"t'):
            return m.group().replace('"', "'")
    return None
