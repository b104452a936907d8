"""Evidence checks (SPEC section 6): does a claim say more than the paragraphs it cites?

A found quote proves the words exist, not that the claim keeps to them. These pure
functions compare a claim's plain text with its resolved citations and report the
mechanical signs of a claim that goes further: a number, date or name that stands in
no cited paragraph, an omission that skips a negation, a hedge or an attribution that
the claim drops. Each finding names what is missing, where it looked, and the closest
thing that does stand there. No I/O; what is computed per paragraph is remembered,
so a thousand pages citing the same sources cost little more than one.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterable

from .evidence_words import (
    ATTRIBUTING_VERBS, COMMON_WORDS, DOZEN, HEDGE_BEFORE_TO, HEDGE_WORDS, MONTH_ABBREVIATIONS, MONTHS,
    MULTIPLIERS, NAME_JOINERS, NEGATIONS, REPORTING_VERBS, TENS, UNITS, WEEKDAY_ABBREVIATIONS, WEEKDAYS,
)
from .quotes import normalize

UNSUPPORTED_NUMBER = "unsupported-number"
UNSUPPORTED_DATE = "unsupported-date"
UNSUPPORTED_NAME = "unsupported-name"
OMISSION_DROPS_NEGATION = "omission-drops-negation"
HEDGE_DROPPED = "hedge-dropped"
ATTRIBUTION_DROPPED = "attribution-dropped"
CODES = (UNSUPPORTED_NUMBER, UNSUPPORTED_DATE, UNSUPPORTED_NAME, OMISSION_DROPS_NEGATION, HEDGE_DROPPED,
         ATTRIBUTION_DROPPED)
META_FIELDS = ("title", "publisher", "author", "published")
MAX_CLAIM = 20_000  # characters of a claim looked at (a claim is a paragraph, not a book)
MAX_LOOKED = 4  # places named in a message before "and N more"
SNIPPET = 90

# After normalization (SPEC section 4) every apostrophe is '"': a word is letters,
# possibly joined by such marks ("Taliban"s", "don"t").
_WORD = re.compile(r'[^\W\d_]+(?:"[^\W\d_]+)*')
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
_NUMBER_WORDS = frozenset([*UNITS, *TENS, "dozen", *MULTIPLIERS])
_DIGIT = re.compile(r"\d")
_NOT_A_NUMBER = re.compile(r"\b(?:no one|one another|one or two)\b", re.IGNORECASE)
_ENDS = frozenset(".!?:;")
_SENTENCE_END = re.compile(r'(?<=[.!?])["”’»)\]]*\s+')
_OPENERS = "“„«"
_CLOSERS = "”»"


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    hint: str | None


@dataclass(frozen=True)
class Cited:
    """One resolved citation, as the checks need it: where it points and what it marks."""

    locator: str  # ians#p8 or ians#p8-9
    source_id: str
    paragraphs: tuple  # ((number, original text, its `Normalized`), ...)
    meta: tuple  # ((field, value), ...) of the source's title, publisher, author, published
    quote: str | None
    marks: tuple  # ((number, ((lo, hi), ...)), ...) in original text, in the order found


def cited_from(resolved) -> Cited:
    """A `check.Resolved` (ok) as the checks' `Cited`."""
    source, c = resolved.source, resolved.citation
    paras = tuple((n, source.paragraphs[n - 1].text, source.normalized[n - 1]) for n in resolved.numbers)
    meta = tuple((k, str(source.meta[k])) for k in META_FIELDS if source.meta.get(k))
    marks = tuple((n, tuple(resolved.marks[n])) for n in resolved.numbers if resolved.marks.get(n))
    return Cited(c.locator, source.id, paras, meta, c.quote, marks)


# --- words, numbers and sentences of a text (remembered per text) ------------------

def word_key(word: str) -> str:
    """How words compare: case-insensitively, a trailing 's dropped."""
    w = word.lower()
    if w.endswith('"s') and len(w) > 2:
        w = w[:-2]
    return w


@lru_cache(maxsize=65536)
def _word_keys(norm: str) -> frozenset:
    """The keys (`word_key`) of the words of normalized text."""
    words = _lower_words(norm)
    possessives = [w[:-2] for w in words if w.endswith('"s')]
    return words.union(possessives) if possessives else words


@lru_cache(maxsize=65536)
def _shown_words(norm: str) -> tuple:
    """The distinct words of normalized text as written: (capitalised ones, others),
    for suggestions."""
    seen = dict.fromkeys(_WORD.findall(norm))
    return tuple(w for w in seen if w[0].isupper()), tuple(w for w in seen if not w[0].isupper())


def _canonical(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Number:
    value: str  # canonical decimal, e.g. "1500000"
    percent: bool
    shown: str  # as written
    start: int


def _numbers_in(norm: str, claim_side: bool) -> list[Number]:
    """Numbers of normalized text: digits (thousands separators dropped, `1.5 million`
    = 1500000), percentages, number words. The cited side also yields the number
    before a multiplier on its own ("2 million" supports "2")."""
    found: list[Number] = []
    taken: list[tuple[int, int]] = []
    for m in (_NUMBER.finditer(norm) if _DIGIT.search(norm) else ()):
        digits, decimals, percent, multiplier = m.groups()
        try:
            base = Decimal(digits.replace(",", "") + (decimals or ""))
        except InvalidOperation:  # (cannot happen for digit runs; a guard, not a path)
            continue
        value = base * MULTIPLIERS[multiplier.lower()] if multiplier else base
        found.append(Number(_canonical(value), bool(percent), m.group().strip(), m.start()))
        if multiplier and not claim_side:
            found.append(Number(_canonical(base), bool(percent), m.group().strip(), m.start()))
            found.append(Number(str(MULTIPLIERS[multiplier.lower()]), False, multiplier, m.start()))
        taken.append(m.span())
    if _NUMBER_WORDS.isdisjoint(_lower_words(norm)):
        return found
    skip = [m.span() for m in _NOT_A_NUMBER.finditer(norm)]
    for m in _NUMBER_WORD.finditer(norm):
        if any(s <= m.start() < e for s, e in skip + taken):
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
    return found


@lru_cache(maxsize=65536)
def _cited_numbers(norm: str) -> tuple:
    return tuple(_numbers_in(norm, claim_side=False))


@lru_cache(maxsize=65536)
def _sentences(text: str) -> tuple:
    """(start, end, signs) of each sentence of a paragraph's normalized text; a
    paragraph without any hedge or reporting word is not cut at all."""
    words = _lower_words(text)
    if words.isdisjoint(_HEDGE_ANY) and words.isdisjoint(_REPORT_ANY):
        return ((0, len(text), _NO_SIGNS),)
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((pos, m.start(), _signs(text[pos:m.start()])))
        pos = m.end()
    if pos < len(text) or not spans:
        spans.append((pos, len(text), _signs(text[pos:])))
    return tuple(spans)


@lru_cache(maxsize=65536)
def _lower_words(norm: str) -> frozenset:
    """The words of normalized text, in lower case."""
    return frozenset(_WORD.findall(norm.lower()))


@dataclass(frozen=True)
class SentenceSigns:
    hedges: tuple  # hedge words found, as written
    reports: tuple  # reporting verbs (or "according to") found


def _alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_HEDGE_ANY = HEDGE_WORDS | HEDGE_BEFORE_TO
_REPORT_ANY = REPORTING_VERBS | {"according"}
# (apostrophes are '"' after normalization: "said" must not match inside "don"t")
_HEDGE_RE = re.compile(r'(?<![\w"])(?:(' + _alternation(HEDGE_WORDS) + r')|(' + _alternation(HEDGE_BEFORE_TO)
                       + r')\s+to)(?![\w"])', re.IGNORECASE)
_REPORT_RE = re.compile(r'(?<![\w"])(?:(' + _alternation(REPORTING_VERBS) + r')|according\s+to)(?![\w"])',
                        re.IGNORECASE)


def _signs(norm: str) -> SentenceSigns:
    """The hedges and reporting verbs of a sentence (normalized text). Its words as a
    set first (in C): most sentences have neither, and the regexes run only if needed."""
    words = set(_WORD.findall(norm.lower()))
    hedges = []
    reports = []
    if not words.isdisjoint(_HEDGE_ANY):
        hedges = _hedges_in(norm)
    if not words.isdisjoint(_REPORT_ANY):
        reports = [m.group(1) or "according to" for m in _REPORT_RE.finditer(norm)]
    return SentenceSigns(tuple(hedges), tuple(reports))


def _hedges_in(norm: str) -> list[str]:
    hedges = []
    for m in _HEDGE_RE.finditer(norm):
        word = m.group(1)
        if word and word.lower() == "may" and not _may_hedges(word, not norm[: m.start()].strip(' "(['),
                                                               norm[m.end():]):
            continue
        hedges.append(word or f"{m.group(2)} to")
    return hedges


_NO_SIGNS = SentenceSigns((), ())


def _may_hedges(word: str, initial: bool, after: str) -> bool:
    """"may" hedges; "May" inside a sentence is the month, and so is "May" before a number."""
    return word == "may" or (initial and not after.lstrip()[:1].isdigit())


def _claim_hedges(cw: "ClaimWords") -> bool:
    words = cw.lower
    for i, w in enumerate(words):
        if w in HEDGE_WORDS and (w != "may" or _may_hedges(cw.words[i], cw.initial[i], cw.gaps[i + 1][:3])):
            return True
        if w in HEDGE_BEFORE_TO and i + 1 < len(words) and words[i + 1] == "to":
            return True
    return False


_ATTRIBUTE_ANY = ATTRIBUTING_VERBS | {"according"}


def _claim_attributes(words: list[str]) -> bool:
    return any(w in ATTRIBUTING_VERBS or (w == "according" and i + 1 < len(words) and words[i + 1] == "to")
               for i, w in enumerate(words))


# --- the cited text of a claim --------------------------------------------------------

@dataclass
class CitedText:
    """Everything a claim's citations cite: paragraphs and the sources' metadata, each
    with the place it comes from (`ians#p8`, `ians's published date`)."""

    units: list  # (where, normalized text)
    published: list  # (source id, datetime.date)
    looked: list  # the places, in order, for messages

    @property
    def where(self) -> str:
        shown = self.looked[:MAX_LOOKED]
        more = len(self.looked) - len(shown)
        return ", ".join(shown) + (f" and {more} more" if more > 0 else "")

    def keys(self):
        for where, norm in self.units:
            yield where, _word_keys(norm)


def _published_date(value: str) -> datetime.date | None:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def cited_text(citations: Iterable[Cited]) -> CitedText:
    units, published, looked, seen = [], [], [], set()
    for c in citations:
        if c.locator not in looked:
            looked.append(c.locator)
        for n, _text, norm in c.paragraphs:
            if (c.source_id, n) not in seen:
                seen.add((c.source_id, n))
                units.append((f"{c.source_id}#p{n}", norm.text))
        if c.source_id not in seen:
            seen.add(c.source_id)
            meta_units, date = _meta_units(c.source_id, c.meta)
            units.extend(meta_units)
            if date is not None:
                published.append((c.source_id, date))
    return CitedText(units, published, looked)


@lru_cache(maxsize=65536)
def _meta_units(source_id: str, meta: tuple) -> tuple:
    """A source's metadata as cited text ((where, normalized text), ...), and its
    published date (remembered: every citation of the source asks)."""
    units, date = [], None
    for field_name, value in meta:
        text = normalize(value)
        if field_name == "published":
            date = _published_date(value)
            if date is not None:
                text = f"{date.year} {date.month} {date.day}"  # (its time is no evidence)
        units.append((f"{source_id}'s {field_name}", text))
    return tuple(units), date


# --- the checks ------------------------------------------------------------------------

def _short(text: str, limit: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def check_numbers(claim_norm: str, cited: CitedText) -> list[Finding]:
    available = [(where, n) for where, norm in cited.units for n in _cited_numbers(norm)]
    values = {(n.value, n.percent) for _, n in available} | {(n.value, False) for _, n in available}
    findings, reported = [], set()
    for num in _numbers_in(claim_norm, claim_side=True):
        if (num.value, num.percent) in values or (num.value, num.percent) in reported:
            continue
        reported.add((num.value, num.percent))
        plain = re.sub(r"[,%]|(?i:per ?cent)", "", num.shown).strip()
        what = f'number "{num.shown}"' + (f" ({num.value})" if plain != num.value else "")
        hint = None
        close = _closest_number(num, available)
        if close is not None:
            hint = f'{close[0]} has "{close[1].shown}"; correct the claim, or cite the paragraph that gives {num.shown}'
        else:
            hint = f"cite the paragraph that gives {num.shown}, or take the number out of the claim"
        findings.append(Finding(UNSUPPORTED_NUMBER, f"{what} stands in no cited paragraph (looked in {cited.where})", hint))
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


_DATE_KEYS = frozenset([*MONTHS, *WEEKDAYS, *MONTH_ABBREVIATIONS, *WEEKDAY_ABBREVIATIONS])


def _date_names(cited: CitedText) -> dict:
    """month or weekday name -> where it stands (abbreviations read in full)."""
    out: dict = {}
    for where, keys in cited.keys():
        for w in keys & _DATE_KEYS:
            name = w if w in MONTHS or w in WEEKDAYS else MONTH_ABBREVIATIONS.get(w) or WEEKDAY_ABBREVIATIONS.get(w)
            if name not in out:
                out[name] = where  # ("may" too: the word stands there, whatever it meant)
    for sid, date in cited.published:
        out.setdefault(MONTHS[date.month - 1], f"{sid}'s published date ({date.isoformat()})")
        out.setdefault(WEEKDAYS[date.weekday()], f"{sid}'s published date ({date.isoformat()}, a {WEEKDAYS[date.weekday()].title()})")
    return out


class ClaimWords:
    """A claim's words (normalized text), with what lies between them: the checks
    read names, dates and hedges off these lists. Cut in C by one `re.split`."""

    __slots__ = ("words", "gaps", "lower", "keys", "initial")

    def __init__(self, norm: str):
        parts = _SPLIT.split(norm)
        self.words = parts[1::2]
        self.gaps = parts[0::2]  # gaps[i]: the text before words[i]; the last one, after the last word
        self.lower = [w.lower() for w in self.words]
        self.keys = [w[:-2] if w.endswith('"s') and len(w) > 2 else w for w in self.lower]
        stripped = [g.rstrip(' "([') for g in self.gaps]
        self.initial = [g[-1:] in _ENDS or (i == 0 and not g) for i, g in enumerate(stripped[:len(self.words)])]

    def joined(self, i: int) -> bool:
        """words[i] continues the words before it: one space or a hyphen, same sentence."""
        return i > 0 and self.gaps[i] in (" ", "-") and not self.initial[i]

    def text(self, a: int, b: int) -> str:
        """words[a..b] as written, with what stands between them."""
        return "".join(self.words[k] + self.gaps[k + 1] for k in range(a, b)) + self.words[b]


_SPLIT = re.compile(r'([^\W\d_]+(?:"[^\W\d_]+)*)')


@lru_cache(maxsize=4096)
def _claim_words(norm: str) -> ClaimWords:
    """(Remembered: the page's words are read from the same claims just before they
    are checked.)"""
    return ClaimWords(norm)


@lru_cache(maxsize=4096)
def _claim_norm(text: str) -> str:
    return normalize(text[:MAX_CLAIM])


def _is_month(cw: ClaimWords, i: int) -> bool:
    w = cw.lower[i]
    if w not in MONTHS or not cw.words[i][0].isupper():
        return False
    if w != "may":
        return True
    # "May" is a month beside a number ("May 5", "5 May 2024"), else the hedge at a
    # sentence's start, and a month inside one.
    return bool(_DIGIT.search(cw.gaps[i][-6:]) or _DIGIT.search(cw.gaps[i + 1][:6])) or not cw.initial[i]


def _is_day(cw: ClaimWords, i: int) -> bool:
    return cw.lower[i] in WEEKDAYS and cw.words[i][0].isupper()


def check_dates(cw: ClaimWords, date_index: list, cited: CitedText) -> list[Finding]:
    names = _date_names(cited)
    findings, reported = [], set()
    for i in date_index:
        w, is_day = cw.lower[i], _is_day(cw, i)
        if w in names or w in reported:
            continue
        reported.add(w)
        kind = WEEKDAYS if is_day else MONTHS
        present = [(n, where) for n, where in names.items() if n in kind]
        hint = (f'{present[0][1]} has "{present[0][0].title()}"' if present
                else f"cite the paragraph that dates it, or take the {'day' if is_day else 'month'} out of the claim")
        findings.append(Finding(UNSUPPORTED_DATE,
                                f'"{cw.words[i]}" stands in no cited paragraph (looked in {cited.where}) and is not the '
                                f"{'weekday' if is_day else 'month'} of a cited source's published date", hint))
    return findings


def _name_runs(cw: ClaimWords, page: "PageWords", dates: set) -> list[list[int]]:
    """Runs of capitalised words (joined by of/for/the/...), each a proper name, as
    lists of word indices."""
    words = cw.words

    def name_word(i: int) -> bool:
        if not cw.initial[i]:
            return True
        # A sentence's first word is capitalised anyway: it is a name when it is no
        # common word, the page never writes it in lower case, and either the page
        # writes it capitalised inside a sentence or a capitalised word follows.
        key = cw.keys[i]
        if key in COMMON_WORDS or key in page.lower:
            return False
        return key in page.capital or (i + 1 < len(words) and words[i + 1][0].isupper() and cw.gaps[i + 1] == " ")

    capitals = [i for i, w in enumerate(words) if w[0].isupper() and len(w) > 1 and i not in dates and name_word(i)]
    runs: list[list[int]] = []
    current: list[int] = []
    for i in capitals:
        if current:
            j = current[-1]
            if cw.joined(i) and all(cw.lower[k] in NAME_JOINERS and cw.joined(k) for k in range(j + 1, i)):
                current.extend(range(j + 1, i + 1))
                continue
            runs.append(current)
        current = [i]
    if current:
        runs.append(current)
    return runs


def check_names(cw: ClaimWords, cited: CitedText, aliases: dict, page: "PageWords", dates: set) -> list[Finding]:
    runs = _name_runs(cw, page, dates)
    if not runs:
        return []
    unit_words = [keys for _, keys in cited.keys()]

    def stands(key: str) -> bool:
        for keys in unit_words:
            if key in keys:
                return True
        return False

    findings, reported = [], set()
    for run in runs:
        for i in run:
            key = cw.keys[i]
            if (cw.lower[i] in NAME_JOINERS and i != run[0]) or key in reported or stands(key):
                continue
            if any(stands(word_key(a)) for a in aliases.get(key, ())):
                continue
            reported.add(key)
            word = cw.words[i]
            close = _closest_word(word, cited)
            alias_hint = f"if they are one name, declare it in site.yml: aliases: {{{word}: [{close[0]}]}}" if close else ""
            hint = (f'{close[1]} has "{close[0]}"; {alias_hint}' if close
                    else "cite a paragraph that names it, or take the name out of the claim")
            of_name = f' of the name "{cw.text(run[0], run[-1])}"' if len(run) > 1 else ""
            findings.append(Finding(UNSUPPORTED_NAME,
                                    f'"{word}"{of_name} stands in no cited paragraph (looked in {cited.where})', hint))
    return findings


def _closest_word(word: str, cited: CitedText) -> tuple | None:
    """The cited word most like `word` (capitalised words first): (word, where)."""
    from rapidfuzz import fuzz, process

    for kind in (0, 1):
        best = None
        for where, norm in cited.units:
            pool = _shown_words(norm)[kind]
            found = process.extractOne(word, pool, scorer=fuzz.ratio, score_cutoff=70) if pool else None
            if found and (best is None or found[1] > best[0]):
                best = (found[1], found[0], where)
        if best:
            return best[1], best[2]
    return None


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
                    f'the omission in the quote of {c.locator} skips "{negation}": "...{_short(skipped, 70)}..."',
                    f'quote the skipped words too, or check that the claim does not say the opposite of {c.locator}'))
                break
    return findings


def _negation(text: str) -> str | None:
    for m in _WORD.finditer(normalize(text)):
        w = m.group().lower()
        if w in NEGATIONS or w.endswith('n"t'):
            return m.group().replace('"', "'")
    return None


def _cited_sentences(c: Cited):
    """(paragraph number, normalized text, sentence start, end, its signs, inside the
    source's quotation marks) of a citation's cited sentences: those holding its
    quote, or every sentence of the cited paragraphs."""
    marks = dict(c.marks) if c.quote is not None else None
    for n, text, norm in c.paragraphs:
        sentences = _sentences(norm.text)
        if marks is None:
            for s, e, signs in sentences:
                yield n, norm.text, s, e, signs, False
            continue
        spans = marks.get(n)
        if not spans:
            continue
        lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
        inside = _inside_quotation(text, spans)
        for s, e, signs in sentences:
            start, end = norm.original_span(s, e)  # (marks are in the source's own text)
            if start < hi and end > lo:
                yield n, norm.text, s, e, signs, inside


_MARKS = re.compile('[“”„«»"]')
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=65536)
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


def check_hedges_and_attribution(cw: "ClaimWords", citations: Iterable[Cited], lowers: set) -> list[Finding]:
    hedged = not lowers.isdisjoint(_HEDGE_ANY) and _claim_hedges(cw)
    attributes = not lowers.isdisjoint(_ATTRIBUTE_ANY) and _claim_attributes(cw.lower)
    if hedged and attributes:
        return []
    hedge_finding = attribution_finding = None
    for c in citations:
        for n, text, s, e, signs, quoted in _cited_sentences(c):
            if not (signs.hedges or signs.reports or quoted):
                continue
            where, sentence = f"{c.source_id}#p{n}", text[s:e]
            if not hedged and hedge_finding is None and signs.hedges:
                hedge_finding = Finding(
                    HEDGE_DROPPED,
                    f'{where} hedges ("{signs.hedges[0]}": "{_short(sentence)}") and the claim does not',
                    f'keep the hedge ("{signs.hedges[0]}") in the claim, or cite a paragraph that states it plainly')
            if not attributes and attribution_finding is None and (signs.reports or quoted):
                why = f'"{signs.reports[0]}"' if signs.reports else "its own quotation marks"
                attribution_finding = Finding(
                    ATTRIBUTION_DROPPED,
                    f'{where} reports someone\'s words or view ({why}: "{_short(sentence)}") and the claim '
                    "attributes them to no one",
                    "say whose words they are (\"X says\", \"according to X\"), or cite a paragraph that states it "
                    "as fact")
    return [f for f in (hedge_finding, attribution_finding) if f is not None]


# --- one claim ---------------------------------------------------------------------

def check_claim(claim_text: str, citations: list[Cited], aliases: dict | None = None,
                page: "PageWords | None" = None) -> list[Finding]:
    """Every evidence finding of one claim against its (resolved, error-free) citations.

    `aliases`: word key -> other spellings' keys (`alias_index`); `page`: how the
    page writes its words (`page_words`), which tells a name at a sentence's start."""
    if not citations:
        return []
    claim_norm = _claim_norm(claim_text)
    cited = cited_text(citations)
    cw = _claim_words(claim_norm)
    lowers = set(cw.lower)
    findings = []
    # (each check first asks, in C, whether the claim has anything it looks at)
    if not lowers.isdisjoint(_NUMBER_WORDS) or _DIGIT.search(claim_norm):
        findings += check_numbers(claim_norm, cited)
    dates: list = []
    if not lowers.isdisjoint(_DATE_WORDS):
        dates = [i for i, w in enumerate(cw.lower) if w in _DATE_WORDS and (_is_day(cw, i) or _is_month(cw, i))]
        if dates:
            findings += check_dates(cw, dates, cited)
    findings += check_names(cw, cited, aliases or {}, page or page_words([claim_text]), set(dates))
    findings += check_omissions(citations)
    findings += check_hedges_and_attribution(cw, citations, lowers)
    return findings


_DATE_WORDS = frozenset([*MONTHS, *WEEKDAYS])


@dataclass(frozen=True)
class PageWords:
    lower: frozenset  # words the page writes in lower case somewhere
    capital: frozenset  # words it writes capitalised inside a sentence


def page_words(texts: Iterable[str]) -> PageWords:
    """How a page writes its words (its claims' texts), not at a sentence's start."""
    lower, capital = set(), set()
    for text in texts:
        cw = _claim_words(_claim_norm(text))
        lower.update(k for w, k in zip(cw.words, cw.keys) if w[0].islower())
        capital.update(k for w, k, first in zip(cw.words, cw.keys, cw.initial) if not first and w[0].isupper())
    return PageWords(frozenset(lower), frozenset(capital))


def alias_index(aliases) -> dict:
    """site.yml's aliases ((name, (spelling, ...)), ...) as word key -> other keys:
    word by word when a name and its spelling have as many words, else every word of
    the spelling stands for every word of the name."""
    index: dict = {}
    for name, spellings in aliases:
        name_words = [word_key(w) for w in _WORD.findall(normalize(name))]
        for spelling in spellings:
            words = [word_key(w) for w in _WORD.findall(normalize(spelling))]
            pairs = zip(name_words, words) if len(words) == len(name_words) else (
                (a, b) for a in name_words for b in words)
            for a, b in pairs:
                if a != b:
                    index.setdefault(a, set()).add(b)
                    index.setdefault(b, set()).add(a)
    return {k: tuple(sorted(v)) for k, v in index.items()}
