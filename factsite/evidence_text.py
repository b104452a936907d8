"""What the evidence checks read (SPEC section 6): the codes and findings, what a claim
cites, and the words of a claim and of each cited paragraph.

The checks run once per claim and a paragraph is cited by many claims, so what is
read off a paragraph (its words, its numbers, its sentences) is remembered by its
text, once per process, and a claim is cut into words once. Word patterns have an
ASCII twin: on ASCII text it finds the same words, without Unicode category lookups.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from itertools import accumulate, compress
from typing import Iterable, NamedTuple

from .evidence_words import PATTERN_STARTS
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
REMEMBERED = 65536  # paragraphs (and claims' number sets) remembered per process

# After normalization (SPEC section 4) every apostrophe is '"': a word is letters,
# possibly joined by such marks ("Taliban"s", "don"t").
WORD = re.compile(r'[^\W\d_]+(?:"[^\W\d_]+)*+')
_WORD_ASCII = re.compile(r'[A-Za-z]+(?:"[A-Za-z]+)*+')
_SPLIT = re.compile(r'([^\W\d_]+(?:"[^\W\d_]+)*+)')
_SPLIT_ASCII = re.compile(r'([A-Za-z]+(?:"[A-Za-z]+)*+)')
DIGIT = re.compile(r"\d")
ENDS = frozenset(".!?:;")


def find_words(text: str) -> list[str]:
    """The words of normalized text, in order (`WORD`)."""
    return (_WORD_ASCII if text.isascii() else WORD).findall(text)


class Finding(NamedTuple):
    code: str
    message: str
    hint: str | None


class Cited(NamedTuple):
    """One resolved citation, as the checks need it: where it points and what it marks.
    (A named tuple: one is made for every citation of every claim.)"""

    locator: str  # ians#p8 or ians#p8-9
    source_id: str
    paragraphs: tuple  # ((number, original text, its `Normalized`), ...)
    meta: tuple  # ((field, value), ...) of the source's title, publisher, author, published
    quote: str | None
    marks: tuple  # ((number, ((lo, hi), ...)), ...) in original text, in the order found
    units: tuple = ()  # its paragraphs as cited text (`paragraph_units`); made here when empty


# --- words of a cited text (remembered per text) -------------------------------------

def word_key(word: str) -> str:
    """How words compare: case-insensitively, a trailing 's dropped."""
    w = word.lower()
    if w.endswith('"s') and len(w) > 2:
        w = w[:-2]
    return w


# The only letters that lower-case into something else than one letter, or that a
# case-insensitive pattern matches with an ASCII letter (found by trying them all).
_UNSAFE = re.compile("[\u0130\u0131\u017f\u212a]")


def plain(text: str) -> bool:
    """Text without those letters: the lower case of its words is the words of its
    lower case, and a case-insensitive pattern of English words matches only a word
    whose lower case is that word. (So a pattern need only be tried where such a
    word begins.)"""
    return text.isascii() or not _UNSAFE.search(text)


class Reading:
    """What the checks read off one text, in one pass: its words in lower case, their
    keys, where the words that begin a check's pattern stand ((position, word), ...;
    None when the text is not `plain`: the patterns are then run over all of it), and,
    when a suggestion first asks, the distinct words as written."""

    __slots__ = ("norm", "words", "lower", "keys", "marked", "_shown")

    def __init__(self, norm: str):
        parts = (_SPLIT_ASCII if norm.isascii() else _SPLIT).split(norm)
        self.norm = norm
        self.words = parts[1::2]
        if plain(norm):
            lower = lower_each(self.words, norm)
            self.lower = frozenset(lower)
            self.marked = marked_words(parts, lower)
        else:
            self.lower = frozenset(WORD.findall(norm.lower()))
            self.marked = None
        possessives = [w[:-2] for w in self.lower if w.endswith('"s')] if '"' in norm else None
        self.keys = self.lower.union(possessives) if possessives else self.lower
        self._shown: tuple | None = None

    @property
    def shown(self) -> tuple:
        """The distinct words as written: (capitalised ones, others), for suggestions."""
        if self._shown is None:
            seen = dict.fromkeys(self.words)
            if self.norm.isascii():
                self._shown = (tuple([w for w in seen if w[0] < "a"]), tuple([w for w in seen if w[0] >= "a"]))
            else:
                self._shown = (tuple([w for w in seen if w[0].isupper()]),
                               tuple([w for w in seen if not w[0].isupper()]))
        return self._shown


def lower_each(words: list, norm: str) -> list:
    """Each word in lower case. ASCII words are lowered as one string, in C (a word
    holds no line break, and ASCII lowering keeps every length)."""
    if norm.isascii():
        return "\n".join(words).lower().split("\n") if words else []
    return [w.lower() for w in words]


def marked_words(parts: list, lower: list) -> tuple:
    """(position, word) of the words (`lower`, those of `parts`, an `re.split` by
    words) that begin a check's pattern, in order. A word joined by '"' is looked at
    piece by piece too ("one"s"): a number word's pattern begins after the mark.
    (Word k begins where parts[:2k + 1] end: positions are running sums, and the
    words are picked by `compress`, so no Python step runs per word.)"""
    starts = list(accumulate(map(len, parts)))[0::2]
    if '"' not in "".join(lower):
        flags = list(map(PATTERN_STARTS.__contains__, lower))
        return tuple(zip(compress(starts, flags), compress(lower, flags)))
    marked = []
    for pos, w in zip(starts, lower):
        if '"' not in w:
            if w in PATTERN_STARTS:
                marked.append((pos, w))
            continue
        at = pos
        for piece in w.split('"'):
            if piece in PATTERN_STARTS:
                marked.append((at, piece))
            at += len(piece) + 1
    return tuple(marked)


def matches(pattern: re.Pattern, text: str, positions) -> Iterable[re.Match]:
    """`pattern.finditer(text)`, trying only `positions` (ascending; None: all), where
    the caller knows every match must begin."""
    if positions is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for p in positions:
        if p >= end:
            m = pattern.match(text, p)
            if m:
                yield m
                end = m.end()


@lru_cache(maxsize=REMEMBERED)
def read(norm: str) -> Reading:
    return Reading(norm)


def lower_words(norm: str) -> frozenset:
    """The words of normalized text, in lower case."""
    return read(norm).lower


def word_keys(norm: str) -> frozenset:
    """The keys (`word_key`) of the words of normalized text."""
    return read(norm).keys


def shown_words(norm: str) -> tuple:
    """The distinct words of normalized text as written: (capitalised ones, others)."""
    return read(norm).shown


# --- the cited text of a claim --------------------------------------------------------

class CitedText:
    """Everything a claim's citations cite: paragraphs and the sources' metadata, each
    with the place it comes from (`ians#p8`, `ians's published date`)."""

    __slots__ = ("units", "published", "looked", "pools", "_keys", "_key_sets")

    def __init__(self, units: list, published: list, looked: list, key_sets: list | None = None):
        self.units = units  # (where, normalized text)
        self.published = published  # (source id, datetime.date)
        self.looked = looked  # the places, in order, for messages
        self.pools: list | None = None  # (the suggestions' word pools, made when a name first goes missing)
        self._keys: frozenset | None = None
        # (the keys of a source's metadata units, as one set per source; the
        # paragraphs' are read when first asked)
        self._key_sets = key_sets

    @property
    def where(self) -> str:
        shown = self.looked[:MAX_LOOKED]
        more = len(self.looked) - len(shown)
        return ", ".join(shown) + (f" and {more} more" if more > 0 else "")

    def keys(self):
        for where, norm in self.units:
            yield where, word_keys(norm)

    def all_keys(self) -> frozenset:
        """The keys of every word of the cited text, as one set (made once a claim)."""
        if self._keys is None:
            if self._key_sets is None:
                self._keys = frozenset().union(*[word_keys(norm) for _, norm in self.units])
            else:
                self._keys = frozenset().union(*self._key_sets)
        return self._keys


def published_date(value: str) -> datetime.date | None:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def paragraph_units(source_id: str, paragraphs: tuple) -> tuple:
    """((source id, number), where, normalized text, its word keys) of each paragraph
    of a citation (kept with the cited range: many claims cite it)."""
    return tuple([((source_id, n), f"{source_id}#p{n}", norm.text, word_keys(norm.text))
                  for n, _text, norm in paragraphs])


def cited_text(citations: Iterable[Cited]) -> CitedText:
    units, published, looked, seen, key_sets = [], [], [], set(), []
    for c in citations:
        if c.locator not in looked:
            looked.append(c.locator)
        sid = c.source_id
        for at, where, text, keys in c.units or paragraph_units(sid, c.paragraphs):
            if at not in seen:
                seen.add(at)
                units.append((where, text))
                key_sets.append(keys)
        if sid not in seen:
            seen.add(sid)
            meta_units, date, meta_keys = _meta_units(sid, c.meta)
            units.extend(meta_units)
            key_sets.append(meta_keys)
            if date is not None:
                published.append((sid, date))
    return CitedText(units, published, looked, key_sets)


@lru_cache(maxsize=REMEMBERED)
def _meta_units(source_id: str, meta: tuple) -> tuple:
    """A source's metadata as cited text ((where, normalized text), ...), its
    published date, and the keys of its words (remembered: every citation of the
    source asks)."""
    units, date = [], None
    for field_name, value in meta:
        text = normalize(value)
        if field_name == "published":
            date = published_date(value)
            if date is not None:
                text = f"{date.year} {date.month} {date.day}"  # (its time is no evidence)
        units.append((f"{source_id}'s {field_name}", text))
    return tuple(units), date, frozenset().union(*[word_keys(text) for _, text in units])


def short(text: str, limit: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


# --- a claim's words -------------------------------------------------------------------

class ClaimWords:
    """A claim's words (normalized text), with what lies between them: the checks
    read names, dates and hedges off these lists. Cut in C by one `re.split`."""

    __slots__ = ("norm", "parts", "words", "gaps", "lower", "keys", "initial", "lowers", "upper", "_marked")

    def __init__(self, norm: str):
        self.norm = norm
        self.parts = parts = (_SPLIT_ASCII if norm.isascii() else _SPLIT).split(norm)
        self.words = words = parts[1::2]
        self.gaps = gaps = parts[0::2]  # gaps[i]: the text before words[i]; the last one, after the last word
        self.lower = lower = lower_each(words, norm)
        self.keys = [w[:-2] if w.endswith('"s') and len(w) > 2 else w for w in lower] if '"' in norm else lower
        # (a word begins a sentence when what stands before it, its quotes and
        # brackets aside, ends with a stop; or when nothing stands before it)
        self.initial = [g != " " and _initial_gap(g) for g in gaps[:len(words)]]
        if words and not gaps[0].rstrip(' "(['):
            self.initial[0] = True
        self.lowers = set(lower)
        # the capitalised words' indices (an ASCII word's first letter is a capital
        # when it sorts before "a": a comparison, not a method call)
        self.upper = ([i for i, w in enumerate(words) if w[0] < "a"] if norm.isascii()
                      else [i for i, w in enumerate(words) if w[0].isupper()])
        self._marked: tuple | None | bool = False

    @property
    def marked(self) -> tuple | None:
        """`Reading.marked` of the claim."""
        if self._marked is False:
            self._marked = marked_words(self.parts, self.lower) if plain(self.norm) else None
        return self._marked

    def lower_words(self) -> frozenset | set:
        """`lower_words` of the claim (its words' lower case, when that is the same)."""
        return self.lowers if plain(self.norm) else lower_words(self.norm)

    def joined(self, i: int) -> bool:
        """words[i] continues the words before it: one space or a hyphen, same sentence."""
        return i > 0 and self.gaps[i] in (" ", "-") and not self.initial[i]

    def text(self, a: int, b: int) -> str:
        """words[a..b] as written, with what stands between them."""
        return "".join(self.words[k] + self.gaps[k + 1] for k in range(a, b)) + self.words[b]


@lru_cache(maxsize=4096)
def _initial_gap(gap: str) -> bool:
    """Does a word after this gap begin a sentence? (Few distinct gaps: remembered.)"""
    return gap.rstrip(' "([')[-1:] in ENDS


@lru_cache(maxsize=4096)
def claim_words(norm: str) -> ClaimWords:
    """(Remembered: the page's words are read from the same claims just before they
    are checked.)"""
    return ClaimWords(norm)


@lru_cache(maxsize=4096)
def claim_norm(text: str) -> str:
    return normalize(text[:MAX_CLAIM])
