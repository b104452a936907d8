"""Quote normalization and matching (SPEC section 4). Pure functions, no I/O.

Normalization keeps, for every character it produces, the span of the original
text it came from, so a match found in normalized text can be marked in the
source's own words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

QUOTE_MARK = '"'
_QUOTE_CHARS = set("'\"‘’‚‛“”„‟«»‹›′″`´")
_DASH_CHARS = set("-‐‑‒–—―−")
_REMOVED = set("\u00ad\u200b\u200c\u200d\u2060\ufeff\u0640\u0670") | {
    chr(c) for c in range(0x064B, 0x0660)
}
_LETTER_MAP = {"ي": "ی", "ى": "ی", "ك": "ک"}
_DIGIT_MAP = {chr(0x0660 + i): str(i) for i in range(10)} | {
    chr(0x06F0 + i): str(i) for i in range(10)
}


def _map_char(ch: str) -> str:
    """Step 2 and 3 for one character: '' when removed."""
    if ch in _REMOVED:
        return ""
    if ch in _QUOTE_CHARS:
        return QUOTE_MARK
    if ch in _DASH_CHARS:
        return "-"
    if ch.isspace():
        return " "
    return _LETTER_MAP.get(ch) or _DIGIT_MAP.get(ch) or ch


def _clusters(text: str):
    """Yield (start, end) of a starter character and the combining marks after it.

    NFKC only composes within such a run, so normalizing run by run gives the same
    letters as normalizing the whole text while keeping track of where each came from.
    """
    n = len(text)
    i = 0
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]) and text[j] not in _REMOVED:
            j += 1
        yield i, j
        i = j


@dataclass(frozen=True)
class Normalized:
    """Normalized text plus, per character, the original span it stands for.

    `starts` and `ends` are None when normalization kept every character in place
    (the usual case), so the map costs nothing.
    """

    text: str
    starts: tuple[int, ...] | None
    ends: tuple[int, ...] | None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original characters behind normalized text[start:end]."""
        if self.starts is None:
            return start, end
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


_ONE_TO_ONE = str.maketrans(
    {**{c: QUOTE_MARK for c in _QUOTE_CHARS}, **{c: "-" for c in _DASH_CHARS}, **_LETTER_MAP, **_DIGIT_MAP,
     "\t": " ", "\n": " ", "\r": " ", "\x0b": " ", "\x0c": " "}
)
_SLOW = re.compile("[" + "".join(sorted(_REMOVED)) + "]|[^\\S ]|  | -|- |^ | $")


def _combining_class() -> re.Pattern:
    """A regex for every combining mark: where the slow path keeps a mark with its letter."""
    points = [c for r in (range(0x300, 0x20000), range(0xE0000, 0xE0200)) for c in r if unicodedata.combining(chr(c))]
    ranges, start, prev = [], points[0], points[0]
    for c in points[1:] + [None]:
        if c != prev + 1 if c is not None else True:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(prev))}" if prev > start else re.escape(chr(start)))
            if c is not None:
                start = c
        if c is not None:
            prev = c
    return re.compile("[" + "".join(ranges) + "]")


_COMBINING = _combining_class()


def _fast(text: str) -> Normalized | None:
    """Normalization as a character-for-character translation, when that is all it is."""
    if not unicodedata.is_normalized("NFKC", text) or (not text.isascii() and _COMBINING.search(text)):
        return None
    out = text.translate(_ONE_TO_ONE)
    if _SLOW.search(out):
        return None
    return Normalized(out, None, None)


def normalize_with_map(text: str) -> Normalized:
    return _fast(text) or normalize_slowly(text)


def normalize_slowly(text: str) -> Normalized:
    """Normalization character by character, with the map back to the original."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, j in _clusters(text):
        chunk = text[i:j]
        if j - i == 1 and chunk.isascii():
            pieces = _map_char(chunk)
        else:
            # Quote marks and dashes are mapped before NFKC too, so that the acute
            # accent and the double prime do not decompose into something else.
            pre = "".join(_map_char(c) if c in _QUOTE_CHARS or c in _DASH_CHARS else c for c in chunk)
            pieces = "".join(_map_char(c) for c in unicodedata.normalize("NFKC", pre))
        for ch in pieces:
            if ch == " ":
                # whitespace runs become one space; none next to a dash
                if not out or out[-1] in " -":
                    if out and out[-1] == " ":
                        ends[-1] = j
                    continue
            elif ch == "-" and out and out[-1] == " ":
                out.pop()
                starts.pop()
                ends.pop()
            out.append(ch)
            starts.append(i)
            ends.append(j)
    if out and out[-1] == " ":
        out.pop()
        starts.pop()
        ends.pop()
    return Normalized("".join(out), tuple(starts), tuple(ends))


def join_normalized(parts: list[Normalized], lengths: list[int]) -> Normalized:
    """The normalization of the original texts joined by single spaces, built from
    their normalizations (each original text is trimmed, so the only thing that can
    differ at a seam is the space, which goes when a dash stands next to it)."""
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    base = 0
    last = ""  # the last non-empty piece so far
    for part, length in zip(parts, lengths):
        if part.text and last and not (last.endswith("-") or part.text.startswith("-")):
            text.append(" ")
            starts.append(base - 1)
            ends.append(base)
        if part.text:
            last = part.text
        text.append(part.text)
        if part.starts is None:
            starts.extend(range(base, base + len(part.text)))
            ends.extend(range(base + 1, base + len(part.text) + 1))
        else:
            starts.extend(s + base for s in part.starts)
            ends.extend(e + base for e in part.ends)
        base += length + 1
    return Normalized("".join(text), tuple(starts), tuple(ends))


def normalize(text: str) -> str:
    return normalize_with_map(text).text


# --- the quote pattern -------------------------------------------------------

_OMISSION = re.compile(r"\[\s*\.\.\.\s*\]|\.\.\.")
_INSERTION = re.compile(r"\[[^\]]*\]")
MAX_INSERTION = 60


class EmptyQuote(ValueError):
    """The quote has no words to look for (empty, or only omission marks)."""


@dataclass(frozen=True)
class QuotePattern:
    """A compiled quote: one regex per part between omissions, each made of literal
    pieces (capturing groups) and bounded insertion gaps."""

    parts: tuple  # LiteralPart or re.Pattern, one per part between omissions
    plain: str  # the quote's words without markers, for fuzzy suggestions


class _Found:
    """What a literal search returns: the same interface as a regex match."""

    __slots__ = ("start", "stop")
    groups = 1

    def __init__(self, start: int, stop: int):
        self.start, self.stop = start, stop

    def span(self, _group: int) -> tuple[int, int]:
        return self.start, self.stop

    def end(self) -> int:
        return self.stop


class LiteralPart:
    """A part without insertions: found with str.find, no regex to compile or run."""

    groups = 1

    def __init__(self, literal: str, first_free: bool):
        variants = {literal}
        if first_free:
            for i, ch in enumerate(literal):
                if ch.isalpha():
                    for v in (ch.lower(), ch.upper()):
                        if len(v) == 1:
                            variants.add(literal[:i] + v + literal[i + 1:])
                    break
        self.variants = tuple(sorted(variants))
        self.size = len(literal)

    def search(self, text: str, pos: int = 0) -> _Found | None:
        best = -1
        for v in self.variants:
            i = text.find(v, pos)
            if i >= 0 and (best < 0 or i < best):
                best = i
        return _Found(best, best + self.size) if best >= 0 else None


def _part_elements(part: str) -> tuple[list, list[str]]:
    """A part with insertions as a sequence: ("lit", variants) for literal pieces
    (the first piece's first letter in either case), ("gap", kind) for insertions:
    "plain" (any 0-60 characters), "before" (an optional space, then 0-60 characters:
    the insertion had a space before it only), "both" (a space, 0-60 characters and a
    space; or a single space: spaces on both sides). Also the literal words."""
    elements: list = []
    words: list[str] = []
    pos = 0
    for m in _INSERTION.finditer(part):
        literal = part[pos : m.start()]
        first_literal = pos == 0
        after = part[m.end() :]
        space_before = literal.endswith(" ")
        space_after = after.startswith(" ")
        if space_before:
            literal = literal[:-1]
        if literal:
            elements.append(("lit", LiteralPart(literal, first_literal).variants))
            words.append(literal)
        if space_before and space_after:
            elements.append(("gap", "both"))
            pos = m.end() + 1
        elif space_before:
            elements.append(("gap", "before"))
            pos = m.end()
        else:
            elements.append(("gap", "plain"))
            pos = m.end()
    literal = part[pos:]
    if literal:
        elements.append(("lit", LiteralPart(literal, pos == 0).variants))
        words.append(literal)
    return elements, words


def _regex_of(elements: list) -> str:
    """The regular expression a part's elements stand for (DOTALL): what `GapPart`
    finds, and the reference it is tested against."""
    pieces = []
    for kind, value in elements:
        if kind == "lit":
            pieces.append("(" + "|".join(re.escape(v) for v in value) + ")")
        elif value == "both":
            pieces.append(f"(?: .{{0,{MAX_INSERTION}}}? | )")
        elif value == "before":
            pieces.append(f" ?.{{0,{MAX_INSERTION}}}?")
        else:
            pieces.append(f".{{0,{MAX_INSERTION}}}?")
    return "".join(pieces)


class _Spans:
    """A `GapPart` match: the same interface as a regex match."""

    __slots__ = ("spans", "stop")

    def __init__(self, spans: list, stop: int):
        self.spans, self.stop = spans, stop

    def span(self, group: int) -> tuple[int, int]:
        return self.spans[group - 1]

    def end(self) -> int:
        return self.stop


def _occurrences(text: str, literal: str, lo: int, hi: int):
    """Where `literal` starts in text, from lo to hi (inclusive), in order."""
    q = text.find(literal, lo, hi + len(literal))
    while q >= 0:
        yield q
        q = text.find(literal, q + 1, hi + len(literal))


class GapPart:
    """A part with insertions ("they [the talks] failed"), found as `_regex_of(elements)`
    finds it (the leftmost start, then the shortest gaps first, backtracking), but with
    str.find: compiling a regex for each such quote cost 160 microseconds, more than
    checking the rest of its page's quotes."""

    def __init__(self, elements: list):
        self.elements = tuple(elements)
        self.groups = sum(1 for kind, _ in elements if kind == "lit")

    def search(self, text: str, pos: int = 0) -> _Spans | None:
        pos = min(pos, len(text))  # (as a regex's search does)
        first_kind, first = self.elements[0]
        if first_kind == "lit":
            start = pos
            while True:
                found = [i for i in (text.find(v, start) for v in first) if i >= 0]
                if not found:
                    return None
                s = min(found)
                m = self._match(text, 0, s)
                if m is not None:
                    return _Spans(*m)
                start = s + 1
        for s in range(pos, len(text) + 1):
            m = self._match(text, 0, s)
            if m is not None:
                return _Spans(*m)
        return None

    def _match(self, text: str, i: int, p: int) -> tuple[list, int] | None:
        """The first way (in the regex's order) elements[i:] match at p: (spans, end)."""
        elements = self.elements
        if i == len(elements):
            return [], p
        kind, value = elements[i]
        if kind == "lit":
            size = len(value[0])
            if not any(text.startswith(v, p) for v in value):
                return None
            rest = self._match(text, i + 1, p + size)
            return None if rest is None else ([(p, p + size)] + rest[0], rest[1])
        for q in self._gap_ends(text, value, p, elements[i + 1] if i + 1 < len(elements) else None):
            rest = self._match(text, i + 1, q)
            if rest is not None:
                return rest
        return None

    @staticmethod
    def _gap_ends(text: str, kind: str, p: int, following):
        """Where an insertion gap starting at p may end, in the regex's order of trying;
        when a literal follows, only where it stands."""
        n, most = len(text), MAX_INSERTION
        if following is not None and following[0] == "lit" and len(following[1]) == 1:
            literal = following[1][0]

            def ends(lo: int, hi: int):
                return _occurrences(text, literal, lo, min(hi, n))
        else:
            def ends(lo: int, hi: int):
                return range(lo, min(hi, n) + 1)
        space = p < n and text[p] == " "
        if kind == "plain":
            yield from ends(p, p + most)
        elif kind == "before":
            if space:
                yield from ends(p + 1, p + 1 + most)
            yield from ends(p, p + most)
        elif space:  # "both": a space, up to 60 characters and a space; else one space
            for q in ends(p + 2, p + 2 + most):
                if text[q - 1] == " ":
                    yield q
            if p + 1 in ends(p + 1, p + 1):
                yield p + 1


@lru_cache(maxsize=1024)
def compile_quote(quote: str) -> QuotePattern:
    """Turn a quote into parts to find, in order, in normalized text.

    Raises EmptyQuote when nothing is left to look for.
    """
    norm = normalize(quote).strip()
    parts = [p.strip() for p in _OMISSION.split(norm)]
    parts = [p for p in parts if p]
    if not parts or not any(_INSERTION.sub("", p).strip() for p in parts):
        raise EmptyQuote(quote)
    compiled: list = []
    plain_words: list[str] = []
    for part in parts:
        if "[" not in part:
            compiled.append(LiteralPart(part, first_free=True))
            plain_words.append(part)
            continue
        elements, words = _part_elements(part)
        compiled.append(GapPart(elements))
        plain_words += words
    return QuotePattern(tuple(compiled), " ".join(plain_words))


def find_quote(pattern: QuotePattern, text: Normalized) -> list[tuple[int, int]] | None:
    """Original-text spans of the quote's literal pieces in `text`, or None.

    Parts between omissions are found one after the other, each at its leftmost
    place after the previous one: that finds the parts in order whenever they are
    there, and never backtracks across omissions (no runaway time on long texts).
    """
    spans = []
    pos = 0
    for part in pattern.parts:
        m = part.search(text.text, pos)
        if m is None:
            return None
        for g in range(1, (part.groups or 0) + 1):
            s, e = m.span(g)
            if e > s:
                spans.append(text.original_span(s, e))
        pos = m.end()
    return spans
