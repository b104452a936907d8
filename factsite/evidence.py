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
_NOT_A_NUMBER = re.compile(r"\b(?:no one|one another|one or two)\b", re.IGNORECASE)
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
def _words(norm: str) -> dict:
    """word key -> the word as written (its first occurrence), of normalized text."""
    out: dict = {}
    for m in _WORD.finditer(norm):
        out.setdefault(word_key(m.group()), m.group())
    return out


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
    for m in _NUMBER.finditer(norm):
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
    """(start, end) of each sentence of a paragraph's normalized text."""
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text) or not spans:
        spans.append((pos, len(text)))
    return tuple(spans)


@dataclass(frozen=True)
class SentenceSigns:
    hedges: tuple  # hedge words found, as written
    reports: tuple  # reporting verbs (or "according to") found


@lru_cache(maxsize=65536)
def _signs(norm: str) -> SentenceSigns:
    """The hedges and reporting verbs of a sentence (normalized text)."""
    matches = list(_WORD.finditer(norm))
    words = [m.group() for m in matches]
    lower = [w.lower() for w in words]
    hedges, reports = [], []
    for i, w in enumerate(lower):
        if w == "may" and not _may_hedges(words[i], i == 0, norm[matches[i].end():]):
            continue
        if w in HEDGE_WORDS or (w in HEDGE_BEFORE_TO and i + 1 < len(lower) and lower[i + 1] == "to"):
            hedges.append(words[i] if w in HEDGE_WORDS else f"{words[i]} to")
        if w in REPORTING_VERBS:
            reports.append(words[i])
        elif w == "according" and i + 1 < len(lower) and lower[i + 1] == "to":
            reports.append("according to")
    return SentenceSigns(tuple(hedges), tuple(reports))


def _may_hedges(word: str, initial: bool, after: str) -> bool:
    """"may" hedges; "May" inside a sentence is the month, and so is "May" before a number."""
    return word == "may" or (initial and not after.lstrip()[:1].isdigit())


def _claim_hedges(tokens: list["Token"], claim_norm: str) -> bool:
    words = [t.text.lower() for t in tokens]
    return any((w in HEDGE_WORDS and (w != "may" or _may_hedges(tokens[i].text, tokens[i].initial,
                                                                  claim_norm[tokens[i].end:tokens[i].end + 3])))
               or (w in HEDGE_BEFORE_TO and i + 1 < len(words) and words[i + 1] == "to")
               for i, w in enumerate(words))


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

    def words(self):
        for where, norm in self.units:
            yield where, _words(norm)


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
            for field_name, value in c.meta:
                text = normalize(value)
                if field_name == "published":
                    date = _published_date(value)
                    if date is not None:
                        published.append((c.source_id, date))
                        text = f"{date.year} {date.month} {date.day}"  # (its time is no evidence)
                units.append((f"{c.source_id}'s {field_name}", text))
    return CitedText(units, published, looked)


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


def _date_names(cited: CitedText) -> dict:
    """month or weekday name -> where it stands (abbreviations read in full)."""
    out: dict = {}
    for where, words in cited.words():
        for w in words:
            name = w if w in MONTHS or w in WEEKDAYS else MONTH_ABBREVIATIONS.get(w) or WEEKDAY_ABBREVIATIONS.get(w)
            if name and name not in out:
                out[name] = where  # ("may" too: the word stands there, whatever it meant)
    for sid, date in cited.published:
        out.setdefault(MONTHS[date.month - 1], f"{sid}'s published date ({date.isoformat()})")
        out.setdefault(WEEKDAYS[date.weekday()], f"{sid}'s published date ({date.isoformat()}, a {WEEKDAYS[date.weekday()].title()})")
    return out


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    initial: bool  # begins a sentence


def _tokens(norm: str) -> list[Token]:
    out = []
    for m in _WORD.finditer(norm):
        before = norm[max(0, m.start() - 4): m.start()].rstrip(' "([')
        initial = not norm[: m.start()].strip(' "([') or before[-1:] in (".", "!", "?", ":", ";")
        out.append(Token(m.group(), m.start(), m.end(), initial))
    return out


def _is_month_token(tokens: list[Token], i: int, norm: str) -> bool:
    t = tokens[i]
    w = t.text.lower()
    if w not in MONTHS or not t.text[0].isupper():
        return False
    if w != "may":
        return True
    # "May" is a month beside a number ("May 5", "5 May 2024"), else the hedge at a
    # sentence's start, and a month inside one.
    near = norm[max(0, t.start - 6): t.end + 6]
    return bool(re.search(r"\d", near)) or not t.initial


def check_dates(claim_norm: str, tokens: list[Token], cited: CitedText) -> list[Finding]:
    names = None
    findings, reported = [], set()
    for i, t in enumerate(tokens):
        w = t.text.lower()
        is_day = w in WEEKDAYS and t.text[0].isupper()
        if not (is_day or _is_month_token(tokens, i, claim_norm)) or w in reported:
            continue
        if names is None:
            names = _date_names(cited)
        if w in names:
            continue
        reported.add(w)
        kind = WEEKDAYS if is_day else MONTHS
        present = [(n, where) for n, where in names.items() if n in kind]
        hint = (f'{present[0][1]} has "{present[0][0].title()}"' if present
                else f"cite the paragraph that dates it, or take the {'day' if is_day else 'month'} out of the claim")
        findings.append(Finding(UNSUPPORTED_DATE,
                                f'"{t.text}" stands in no cited paragraph (looked in {cited.where}) and is not the '
                                f"{'weekday' if is_day else 'month'} of a cited source's published date", hint))
    return findings


def _name_runs(tokens: list[Token], claim_norm: str, page: "PageWords", date_tokens: set) -> list[list[Token]]:
    """Runs of capitalised words (joined by of/for/the/...), each a proper name."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    pending: list[Token] = []  # joiners after the current run, kept if a capital follows

    def capital(i: int) -> bool:
        t = tokens[i]
        if len(t.text) < 2 or not t.text[0].isupper() or i in date_tokens:
            return False
        if t.initial:
            # A sentence's first word is capitalised anyway: it is a name when it is no
            # common word, the page never writes it in lower case, and either the page
            # writes it capitalised inside a sentence or a capitalised word follows.
            key = word_key(t.text)
            if key in COMMON_WORDS or key in page.lower:
                return False
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            return key in page.capital or bool(
                following and following.text[:1].isupper() and claim_norm[t.end: following.start] == " ")
        return True

    for i, t in enumerate(tokens):
        contiguous = i > 0 and claim_norm[tokens[i - 1].end: t.start] in (" ", "-") and not t.initial
        if capital(i):
            if current and contiguous:
                current.extend(pending)
                current.append(t)
            else:
                if current:
                    runs.append(current)
                current = [t]
            pending = []
        elif current and contiguous and t.text.lower() in NAME_JOINERS:
            pending.append(t)
        else:
            if current:
                runs.append(current)
            current, pending = [], []
    if current:
        runs.append(current)
    return runs


def check_names(claim_norm: str, tokens: list[Token], cited: CitedText, aliases: dict, page: "PageWords",
                date_tokens: set) -> list[Finding]:
    runs = _name_runs(tokens, claim_norm, page, date_tokens)
    if not runs:
        return []
    known: dict = {}
    for where, words in cited.words():
        for k, shown in words.items():
            known.setdefault(k, (shown, where))
    findings, reported = [], set()
    for run in runs:
        name = claim_norm[run[0].start: run[-1].end]
        for t in run:
            key = word_key(t.text)
            if t.text.lower() in NAME_JOINERS and t is not run[0] or key in known or key in reported:
                continue
            if any(word_key(a) in known for a in aliases.get(key, ())):
                continue
            reported.add(key)
            close = _closest_word(t.text, known)
            alias_hint = f"if they are one name, declare it in site.yml: aliases: {{{t.text}: [{close[0]}]}}" if close else ""
            hint = (f'{close[1]} has "{close[0]}"; {alias_hint}' if close
                    else "cite a paragraph that names it, or take the name out of the claim")
            of_name = f' of the name "{name}"' if len(run) > 1 else ""
            findings.append(Finding(UNSUPPORTED_NAME,
                                    f'"{t.text}"{of_name} stands in no cited paragraph (looked in {cited.where})', hint))
    return findings


def _closest_word(word: str, known: dict) -> tuple | None:
    """The cited word most like `word` (capitalised words first): (word, where)."""
    from rapidfuzz import fuzz, process

    capitalised = {shown: where for shown, where in known.values() if shown[:1].isupper()}
    for pool in (capitalised, {shown: where for shown, where in known.values()}):
        if pool:
            best = process.extractOne(word, list(pool), scorer=fuzz.ratio, score_cutoff=70)
            if best:
                return best[0], pool[best[0]]
    return None


def check_omissions(citations: Iterable[Cited]) -> list[Finding]:
    """What an omission skips (or an insertion stands for) between the marked pieces
    of a quote, read in the source's own words."""
    findings = []
    for c in citations:
        if c.quote is None:
            continue
        texts = {n: text for n, text, _ in c.paragraphs}
        pieces = [(n, lo, hi) for n, spans in c.marks for lo, hi in spans]
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


def _cited_sentences(c: Cited) -> list[tuple[str, str, bool]]:
    """(where, sentence, inside the source's quotation marks) of a citation: the
    sentences holding its quote, or every sentence of the cited paragraphs."""
    out = []
    marks = dict(c.marks)
    for n, text, norm in c.paragraphs:
        where = f"{c.source_id}#p{n}"
        spans = marks.get(n)
        sentences = _sentences(norm.text)
        if c.quote is None:
            out.extend((where, norm.text[s:e], False) for s, e in sentences)
            continue
        if not spans:
            continue
        lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
        inside = None
        for s, e in sentences:
            start, end = norm.original_span(s, e)  # (marks are in the source's own text)
            if start < hi and end > lo:
                if inside is None:
                    inside = _inside_quotation(text, spans)
                out.append((where, norm.text[s:e], inside))
    return out


def _inside_quotation(text: str, spans) -> bool:
    """Does a letter of the quoted spans stand inside the source's own quotation marks?"""
    end = max(e for _, e in spans)
    depth, straight = 0, False
    marked = sorted(spans)
    k = 0
    for i, ch in enumerate(text[:end]):
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(depth - 1, 0)
        elif ch == '"':
            straight = not straight
        elif ch.isalpha() and (depth or straight):
            while k < len(marked) and marked[k][1] <= i:
                k += 1
            if k < len(marked) and marked[k][0] <= i:
                return True
    return False


def check_hedges_and_attribution(tokens: list["Token"], claim_norm: str, citations: Iterable[Cited]) -> list[Finding]:
    hedged = _claim_hedges(tokens, claim_norm)
    attributes = _claim_attributes([t.text.lower() for t in tokens])
    if hedged and attributes:
        return []
    hedge_finding = attribution_finding = None
    for c in citations:
        for where, sentence, quoted in _cited_sentences(c):
            signs = _signs(sentence)
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
    claim_norm = normalize(claim_text[:MAX_CLAIM])
    cited = cited_text(citations)
    tokens = _tokens(claim_norm)
    date_tokens = {i for i, t in enumerate(tokens)
                   if (t.text.lower() in WEEKDAYS and t.text[0].isupper()) or _is_month_token(tokens, i, claim_norm)}
    findings = []
    findings += check_numbers(claim_norm, cited)
    findings += check_dates(claim_norm, tokens, cited)
    findings += check_names(claim_norm, tokens, cited, aliases or {}, page or page_words([claim_text]), date_tokens)
    findings += check_omissions(citations)
    findings += check_hedges_and_attribution(tokens, claim_norm, citations)
    return findings


@dataclass(frozen=True)
class PageWords:
    lower: frozenset  # words the page writes in lower case somewhere
    capital: frozenset  # words it writes capitalised inside a sentence


def page_words(texts: Iterable[str]) -> PageWords:
    """How a page writes its words (its claims' texts), not at a sentence's start."""
    lower, capital = set(), set()
    for text in texts:
        for t in _tokens(normalize(text[:MAX_CLAIM])):
            if t.text[:1].islower():
                lower.add(word_key(t.text))
            elif not t.initial and t.text[:1].isupper():
                capital.add(word_key(t.text))
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
