"""Numbers and dates in a claim against its cited text (SPEC section 6):
`unsupported-number` and `unsupported-date`.

A number compares by value however it is written (`1,500`, `1500`, `fifteen hundred`
are one), so both sides are read into canonical values; the cited side's values are
remembered per paragraph, since many claims cite the same paragraph. The closest
cited number (for the hint) is looked for only when a claim's number is missing.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from .evidence_text import (
    DIGIT, REMEMBERED, UNSUPPORTED_DATE, UNSUPPORTED_NUMBER, ClaimWords, CitedText, Finding, find_words, matches, read,
    word_keys,
)
from .evidence_words import (
    DOZEN, MONTH_ABBREVIATIONS, MONTHS, MULTIPLIERS, NUMBER_WORDS, TENS, UNITS, WEEKDAY_ABBREVIATIONS, WEEKDAYS,
)

_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?(?!\w)"
    r"(?:\s*(%|per ?cent\b))?(?:\s+(hundred|thousand|million|billion)\b)?",
    re.IGNORECASE,
)
_NUMBER_WORD = re.compile(
    r"\b(?:(a|an)\s+)?(" + "|".join(sorted([*UNITS, *TENS, "dozen", *MULTIPLIERS], key=len, reverse=True)) + r")"
    r"(?:-(" + "|".join(k for k, v in UNITS.items() if 0 < v < 10) + r"))?\b"
    r"(?:\s+(hundred|thousand|million|billion)\b)?(?:\s*(%|per ?cent\b))?",
    re.IGNORECASE,
)
_ARTICLES = frozenset({"a", "an"})
_NOT_A_NUMBER_STARTS = frozenset({"no", "one"})
_NOT_A_NUMBER = re.compile(r"\b(?:no one|one another|one or two)\b", re.IGNORECASE)
_PLAIN = re.compile(r"[,%]|(?i:per ?cent)")
DATE_WORDS = frozenset([*MONTHS, *WEEKDAYS])
_DATE_KEYS = frozenset([*MONTHS, *WEEKDAYS, *MONTH_ABBREVIATIONS, *WEEKDAY_ABBREVIATIONS])


class Number(NamedTuple):
    """(A named tuple: one is made for every number read.)"""

    value: str  # canonical decimal, e.g. "1500000"
    percent: bool
    shown: str  # as written
    start: int


def _canonical(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=4096)
def _digit_values(digits: str, decimals: str | None, multiplier: str | None) -> tuple | None:
    """(value, value before the multiplier) of digits as canonical decimals."""
    try:
        base = Decimal(digits.replace(",", "") + (decimals or ""))
    except InvalidOperation:  # (cannot happen for digit runs; a guard, not a path)
        return None
    value = base * MULTIPLIERS[multiplier.lower()] if multiplier else base
    return _canonical(value), _canonical(base)


def _digit_numbers(norm: str, claim_side: bool, found: list, taken: list) -> None:
    for m in _NUMBER.finditer(norm):
        digits, decimals, percent, multiplier = m.groups()
        values = _digit_values(digits, decimals, multiplier)
        if values is None:
            continue
        shown, start, percent = m.group().strip(), m.start(), bool(percent)
        found.append(Number(values[0], percent, shown, start))
        if multiplier and not claim_side:
            found.append(Number(values[1], percent, shown, start))
            found.append(Number(str(MULTIPLIERS[multiplier.lower()]), False, multiplier, start))
        taken.append(m.span())


def _word_numbers(norm: str, claim_side: bool, marked, found: list, taken: list) -> None:
    if marked is None:
        skipping, starts = None, None
    else:
        skipping = [p for p, w in marked if w in _NOT_A_NUMBER_STARTS]
        starts = _number_starts(marked)
    skip = [m.span() for m in matches(_NOT_A_NUMBER, norm, skipping)] + taken
    for m in matches(_NUMBER_WORD, norm, starts):
        if skip and any(s <= m.start() < e for s, e in skip):
            continue
        article, word, unit, multiplier, percent = m.groups()
        word = word.lower()
        if word == "dozen":
            value = DOZEN
        elif word in MULTIPLIERS:
            value = MULTIPLIERS[word]
        else:
            value = UNITS.get(word, TENS.get(word, 0)) + (UNITS[unit.lower()] if unit else 0)
        base = value
        if multiplier:
            value *= MULTIPLIERS[multiplier.lower()]
        shown = m.group()[len(article) + 1:].strip() if article else m.group().strip()
        found.append(Number(str(value), bool(percent), shown, m.start()))
        if multiplier and not claim_side:
            found.append(Number(str(base), bool(percent), shown, m.start()))
            found.append(Number(str(MULTIPLIERS[multiplier.lower()]), False, multiplier, m.start()))


def _number_starts(marked: tuple) -> list:
    """Where a number word's pattern may begin: at a number word, or at "a"/"an" when
    the next marked word is one (the pattern wants "a" + spaces + a number word)."""
    starts = []
    last = len(marked) - 1
    for k, (p, w) in enumerate(marked):
        if w in NUMBER_WORDS or (w in _ARTICLES and k < last and marked[k + 1][1] in NUMBER_WORDS):
            starts.append(p)
    return starts


def numbers_in(norm: str, claim_side: bool, lower=None, marked=None) -> list[Number]:
    """Numbers of normalized text: digits (thousands separators dropped, `1.5 million`
    = 1500000), percentages, number words. The cited side also yields the number
    before a multiplier on its own ("2 million" supports "2"). `lower` and `marked`:
    the text's `Reading` (or the claim's), read here when not given."""
    if lower is None:
        reading = read(norm)
        lower, marked = reading.lower, reading.marked
    found: list[Number] = []
    taken: list[tuple[int, int]] = []
    if DIGIT.search(norm):
        _digit_numbers(norm, claim_side, found, taken)
    if not NUMBER_WORDS.isdisjoint(lower):
        _word_numbers(norm, claim_side, marked, found, taken)
    return found


@lru_cache(maxsize=REMEMBERED)
def _cited_numbers(norm: str) -> tuple:
    return tuple(numbers_in(norm, claim_side=False))


@lru_cache(maxsize=REMEMBERED)
def _cited_values(norm: str) -> frozenset:
    """(value, percent) pairs a paragraph supports; a percentage supports the bare
    number too."""
    numbers = _cited_numbers(norm)
    return frozenset([(n.value, n.percent) for n in numbers] + [(n.value, False) for n in numbers])


def check_numbers(cw: ClaimWords, cited: CitedText) -> list[Finding]:
    values = frozenset().union(*[_cited_values(norm) for _, norm in cited.units])
    findings, reported, available = [], set(), None
    for num in numbers_in(cw.norm, True, cw.lower_words(), cw.marked):
        pair = (num.value, num.percent)
        if pair in values or pair in reported:
            continue
        reported.add(pair)
        plain = _PLAIN.sub("", num.shown).strip()
        what = f'number "{num.shown}"' + (f" ({num.value})" if plain != num.value else "")
        if available is None:
            available = [(where, n) for where, norm in cited.units for n in _cited_numbers(norm)]
        close = _closest_number(num, available)
        if close is not None:
            hint = f'{close[0]} has "{close[1].shown}"; correct the claim, or cite the paragraph that gives {num.shown}'
        else:
            hint = f"cite the paragraph that gives {num.shown}, or take the number out of the claim"
        findings.append(Finding(UNSUPPORTED_NUMBER, f"{what} stands in no cited paragraph (looked in {cited.where})",
                                hint))
    return findings


def _closest_number(num: Number, available: list) -> tuple | None:
    target = Decimal(num.value)
    best = None
    for where, n in available:
        d = abs(Decimal(n.value) - target) / max(abs(target), Decimal(1))
        if d > Decimal("0.5"):
            continue  # not close enough to be the number meant
        score = (n.percent != num.percent, d)
        if best is None or score < best[0]:
            best = (score, where, n)
    return None if best is None else (best[1], best[2])


# --- dates -------------------------------------------------------------------------

def _date_names(cited: CitedText) -> dict:
    """month or weekday name -> where it stands (abbreviations read in full)."""
    out: dict = {}
    for where, norm in cited.units:
        if word_keys(norm).isdisjoint(_DATE_KEYS):
            continue
        for w in _date_keys_in_order(norm):
            name = w if w in MONTHS or w in WEEKDAYS else MONTH_ABBREVIATIONS.get(w) or WEEKDAY_ABBREVIATIONS.get(w)
            if name not in out:
                out[name] = where  # ("may" too: the word stands there, whatever it meant)
    for sid, date in cited.published:
        day = WEEKDAYS[date.weekday()]
        out.setdefault(MONTHS[date.month - 1], f"{sid}'s published date ({date.isoformat()})")
        out.setdefault(day, f"{sid}'s published date ({date.isoformat()}, a {day.title()})")
    return out


def _date_keys_in_order(norm: str) -> list[str]:
    """The month and weekday words of cited text in the order they stand (so that the
    hint names the same one on every run, whatever the order of a set)."""
    keys = []
    for w in find_words(norm.lower()):
        keys.append(w)
        if w.endswith('"s'):
            keys.append(w[:-2])
    return [k for k in dict.fromkeys(keys) if k in _DATE_KEYS]


def is_month(cw: ClaimWords, i: int) -> bool:
    w = cw.lower[i]
    if w not in MONTHS or not cw.words[i][0].isupper():
        return False
    if w != "may":
        return True
    # "May" is a month beside a number ("May 5", "5 May 2024"), else the hedge at a
    # sentence's start, and a month inside one.
    return bool(DIGIT.search(cw.gaps[i][-6:]) or DIGIT.search(cw.gaps[i + 1][:6])) or not cw.initial[i]


def is_day(cw: ClaimWords, i: int) -> bool:
    return cw.lower[i] in WEEKDAYS and cw.words[i][0].isupper()


def date_words(cw: ClaimWords) -> list[int]:
    """Indices of the claim's words that name a month or weekday."""
    if cw.lowers.isdisjoint(DATE_WORDS):
        return []
    return [i for i, w in enumerate(cw.lower) if w in DATE_WORDS and (is_day(cw, i) or is_month(cw, i))]


def check_dates(cw: ClaimWords, date_index: list, cited: CitedText) -> list[Finding]:
    names = _date_names(cited)
    findings, reported = [], set()
    for i in date_index:
        w, day = cw.lower[i], is_day(cw, i)
        if w in names or w in reported:
            continue
        reported.add(w)
        kind = WEEKDAYS if day else MONTHS
        present = [(n, where) for n, where in names.items() if n in kind]
        hint = (f'{present[0][1]} has "{present[0][0].title()}"' if present
                else f"cite the paragraph that dates it, or take the {'day' if day else 'month'} out of the claim")
        findings.append(Finding(
            UNSUPPORTED_DATE, f'"{cw.words[i]}" stands in no cited paragraph (looked in {cited.where}) and is not the '
            f"{'weekday' if day else 'month'} of a cited source's published date", hint))
    return findings
