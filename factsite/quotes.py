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
} | set("\u200e\u200f\u061c") | {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x206A)}
# (v2: the invisible direction marks too: LRM, RLM, ALM, the embeddings and isolates)
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
    Marks that step 2 removes stay in the run too: NFKC comes first (SPEC 4, v2), so an
    alef followed by a combining hamza composes to أ before the harakat are removed.
    """
    n = len(text)
    i = 0
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
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


def join_normalized(parts: list[Normalized], lengths: list[int], where: list | None = None) -> Normalized:
    """The normalization of the original texts joined by single spaces, built from
    their normalizations (each original text is trimmed, so the only thing that can
    differ at a seam is the space, which goes when a dash stands next to it).

    `where`, when given, gets the position in the result where each part begins.
    """
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    base = 0
    last = ""  # the last non-empty piece so far
    size = 0
    # Positions need a map unless every part is unchanged and every seam keeps its space.
    mapped = any(part.starts is not None or len(part.text) != length or not length for part, length in zip(parts, lengths))
    if not mapped:
        texts = [part.text for part in parts]
        mapped = any(a.endswith("-") or b.startswith("-") for a, b in zip(texts, texts[1:]))
    for part, length in zip(parts, lengths):
        if part.text and last and not (last.endswith("-") or part.text.startswith("-")):
            text.append(" ")
            size += 1
            if mapped:
                starts.append(base - 1)
                ends.append(base)
        if where is not None:
            where.append(size)
        if part.text:
            last = part.text
        text.append(part.text)
        size += len(part.text)
        if mapped:
            if part.starts is None:
                starts.extend(range(base, base + len(part.text)))
                ends.extend(range(base + 1, base + len(part.text) + 1))
            else:
                starts.extend(s + base for s in part.starts)
                ends.extend(e + base for e in part.ends)
        base += length + 1
    joined = "".join(text)
    if not mapped:
        # every part unchanged and every seam one space: the joined text is its own map
        return Normalized(joined, None, None)
    return Normalized(joined, tuple(starts), tuple(ends))


def normalize(text: str) -> str:
    return normalize_with_map(text).text


# --- the quote pattern -------------------------------------------------------
#
# SPEC v2 sections 3-4. A quote is read in two steps:
#
# 1. Brackets bind first: `[...]`, `[....]`, `[ … ]` (a bracket holding only dots; `…`
#    is `...` after NFKC) is an omission; any other bracket is an insertion, dots inside
#    it included. Outside brackets, `...` is an omission. The omissions cut the quote
#    into parts; a run of insertions and the spaces around and between them is one gap.
# 2. A part is found by a bit-parallel automaton over the normalized text (each text
#    position one byte of a Python int), element by element: a literal character is an
#    AND and a shift, a gap a few shifts and ORs. That is time proportional to the
#    quote's length times the text's, whatever the insertions (SPEC v2 section 5): no
#    backtracking, no recursion. Parts are found one after the other, each ending as
#    early as it can after the previous one: if any reading of the quote fits, that
#    one does (an earlier end never leaves less room for the parts after it).

_TOKEN = re.compile(r"\[([^\[\]]*)\]|\.\.\.")
MAX_INSERTION = 60


class EmptyQuote(ValueError):
    """The quote has no words to look for (empty, or only omission and insertion marks)."""


@dataclass(frozen=True)
class Gap:
    """A run of `count` adjacent insertions, with whether the quote has a space right
    before it (`space_left`) and right after it (`space_right`)."""

    count: int
    space_left: bool
    space_right: bool

    @property
    def budget(self) -> int:
        """Most characters the insertions stand for: 60 each, plus the spaces between."""
        return self.count * MAX_INSERTION + self.count - 1


@dataclass(frozen=True)
class Part:
    """A part of a quote between omissions: literal pieces (str) and gaps, alternating."""

    elements: tuple
    free: int  # index in the first literal piece of the letter whose case may differ; -1: none
    variants: tuple = ()  # a literal part as written and with its free letter's other case
    chars: frozenset = frozenset()  # the characters its automaton looks for

    @property
    def literal(self) -> bool:
        return len(self.elements) == 1

    @property
    def most(self) -> int:
        """The longest text the part can match."""
        return sum(len(e) if isinstance(e, str) else e.budget + 2 for e in self.elements)



def _variants(text: str, free: int) -> tuple[str, ...]:
    """A literal part as written, and with its free letter in the other case."""
    out = {text}
    if free >= 0:
        ch = text[free]
        for v in (ch.lower(), ch.upper()):
            if len(v) == 1:
                out.add(text[:free] + v + text[free + 1:])
    return tuple(sorted(out))


@dataclass(frozen=True)
class QuotePattern:
    """A compiled quote: its parts, in order, and its words without markers."""

    parts: tuple  # Part, one per part between omissions
    plain: str  # the quote's words without markers, for fuzzy suggestions


def _first_letter(text: str) -> int:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return i
    return -1


def _tokens(norm: str) -> list[list]:
    """The normalized quote as parts (lists of literal strings and None for an insertion)."""
    parts: list[list] = [[]]
    pos = 0
    for m in _TOKEN.finditer(norm):
        if m.start() > pos:
            parts[-1].append(norm[pos:m.start()])
        inside = m.group(1)
        if inside is None or (inside.strip() and not inside.strip().strip(".")):
            parts.append([])  # an omission: `...`, or a bracket of only dots
        else:
            parts[-1].append(None)  # an insertion
        pos = m.end()
    if pos < len(norm):
        parts[-1].append(norm[pos:])
    return parts


def _part(tokens: list) -> Part | None:
    """One part's tokens as alternating literal pieces and gaps; None if it has no words."""
    elements: list = []  # str, or [count, space_left, space_right] while building
    pending = ""  # literal text not yet placed
    for tok in tokens:
        if tok is not None:
            pending += tok
            continue
        if elements and isinstance(elements[-1], list) and not pending.strip():
            elements[-1][0] += 1  # only spaces since the last insertion: the same gap
            pending = ""
            continue
        if elements and isinstance(elements[-1], list) and pending.startswith(" "):
            elements[-1][2] = True
            pending = pending[1:]
        space_left = pending.endswith(" ")
        if space_left:
            pending = pending[:-1]
        if pending:
            elements.append(pending)
        elements.append([1, space_left, False])
        pending = ""
    if elements and isinstance(elements[-1], list) and pending.startswith(" "):
        elements[-1][2] = True
        pending = pending[1:]
    if pending:
        elements.append(pending)
    # a part's own edges: spaces there stand for nothing
    if elements and isinstance(elements[0], str):
        elements[0] = elements[0].lstrip(" ")
    if elements and isinstance(elements[-1], str):
        elements[-1] = elements[-1].rstrip(" ")
    elements = [e for e in elements if e != ""]
    if not any(isinstance(e, str) for e in elements):
        return None
    out = tuple(e if isinstance(e, str) else Gap(*e) for e in elements)
    # The part's first letter from the cited text: the first of its first literal piece,
    # also after leading insertions ("[He] said" quotes "Said the minister").
    first = 0 if isinstance(out[0], str) else 1
    free = _first_letter(out[first])
    if len(out) == 1:
        return Part(out, free, _variants(out[0], free))
    chars = {" "} | {c for e in out if isinstance(e, str) for c in e}
    if free >= 0:
        ch = out[first][free]
        chars |= {v for v in (ch.lower(), ch.upper()) if len(v) == 1}
    return Part(out, free, (), frozenset(chars))


@lru_cache(maxsize=4096)
def compile_quote(quote: str) -> QuotePattern:
    """Turn a quote into parts to find, in order, in normalized text.

    Raises EmptyQuote when nothing is left to look for.
    """
    norm = normalize(quote).strip()
    if "[" not in norm and "..." not in norm:  # (most quotes: one literal part)
        if not norm:
            raise EmptyQuote(quote)
        free = _first_letter(norm)
        return QuotePattern((Part((norm,), free, _variants(norm, free)),), norm)
    parts = [p for p in (_part(t) for t in _tokens(norm)) if p is not None]
    if not parts:
        raise EmptyQuote(quote)
    words = [e for p in parts for e in p.elements if isinstance(e, str)]
    return QuotePattern(tuple(parts), " ".join(words))


# --- word boundaries (SPEC v2 section 4) --------------------------------------

@lru_cache(maxsize=4096)
def is_word_char(ch: str) -> bool:
    """Letters, digits, `_` and combining marks (a mark belongs to its letter's word)."""
    return ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M"


def at_boundary(text: str, pos: int, lo: int = 0, hi: int | None = None) -> bool:
    """A word boundary of text[lo:hi]: not between two word characters."""
    return pos <= lo or pos >= (len(text) if hi is None else hi) or not (
        is_word_char(text[pos - 1]) and is_word_char(text[pos]))


# --- the matcher ---------------------------------------------------------------

class MatchStats:
    """Work counter for one or more matches (passed in by tests and benchmarks): `steps`
    counts text positions visited, so a bound on it is a bound on time."""

    def __init__(self) -> None:
        self.steps = 0


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote stands, in normalized text: its literal pieces, and what each
    insertion run (`inserted`) and omission (`omitted`) stood for."""

    pieces: tuple[tuple[int, int], ...]
    inserted: tuple[tuple[int, int], ...]
    omitted: tuple[tuple[int, int], ...]

    @property
    def span(self) -> tuple[int, int]:
        return self.pieces[0][0], self.pieces[-1][1]


class _WordTable(dict):
    """str.translate table: a word character to byte 1, any other to byte 0."""

    def __missing__(self, key: int) -> int:
        value = self[key] = 1 if is_word_char(chr(key)) else 0
        return value


_WORD_TABLE = _WordTable()


_PICK = [bytes(1 if b == k else 0 for b in range(256)) for k in range(256)]  # byte k to 1, others to 0


class _Lanes:
    """Text positions lo..hi as the bytes of Python ints (one byte a position, value 0 or
    1): a set of positions is one int, and a step of the automaton over all positions
    at once is a C-speed AND, OR or shift."""

    def __init__(self, text: str, lo: int, hi: int, stats: MatchStats | None, edges: tuple[int, int] | None = None):
        self.text, self.lo, self.hi = text, lo, hi
        self.edges = edges or (0, len(text))  # the bounds of the text searched: boundaries
        self.n = hi - lo
        self.stats = stats
        self.all = int.from_bytes(b"\x01" * (self.n + 1), "little")
        self._masks: dict[str, int] = {}
        self._wb: int | None = None
        self._alphabet: set | None = None

    @property
    def alphabet(self) -> set:
        """The distinct characters of the text's lanes."""
        if self._alphabet is None:
            self._alphabet = set(self.text[self.lo:self.hi])
        return self._alphabet

    def count(self, ops: int) -> None:
        if self.stats is not None:
            self.stats.steps += ops * (self.n + 1)

    def masks(self, chars) -> None:
        """Build the position sets of `chars` (up to 255 at a time, one translate each)."""
        todo = sorted(set(chars) - self._masks.keys())
        seg = self.text[self.lo:self.hi]
        for at in range(0, len(todo), 255):
            chunk = todo[at:at + 255]
            # every character of the text to byte 0, then these to their class bytes
            table = dict.fromkeys(map(ord, self.alphabet), 0)
            table.update({ord(c): k + 1 for k, c in enumerate(chunk)})
            classes = seg.translate(table).encode("latin-1")
            for k, c in enumerate(chunk):
                self._masks[c] = int.from_bytes(classes.translate(_PICK[k + 1]), "little")
            self.count(len(chunk) + 1)

    def mask(self, ch: str) -> int:
        if ch not in self._masks:
            self.masks(ch)
        return self._masks[ch]

    @property
    def boundaries(self) -> int:
        """Positions that are word boundaries."""
        if self._wb is None:
            t, lo, hi = self.text, self.lo, self.hi
            words = t[lo:hi].translate(_WORD_TABLE).encode("latin-1")
            pre = 1 if lo > self.edges[0] and is_word_char(t[lo - 1]) else 0
            post = 1 if hi < self.edges[1] and is_word_char(t[hi]) else 0
            full = pre | (int.from_bytes(words, "little") << 8) | (post << (8 * (self.n + 1)))
            self._wb = self.all & ~(full & (full >> 8))  # not a word character on both sides
            self.count(4)
        return self._wb

    def from_(self, pos: int) -> int:
        """Positions pos..hi."""
        return self.all & ~((1 << (8 * (pos - self.lo))) - 1) if pos > self.lo else self.all


def _smear(p: int, width: int, lanes: _Lanes) -> int:
    """Every position of p, and up to `width` positions after each."""
    width = min(width, lanes.n)
    covered = 1  # p now holds shifts 0..covered-1
    ops = 0
    while covered < width + 1:
        step = min(covered, width + 1 - covered)
        p |= p << (8 * step)
        covered += step
        ops += 2
    lanes.count(ops + 1)
    return p & lanes.all


def _gap_sides(part: Part, i: int) -> tuple[bool, bool, bool]:
    """(space needed on the left, on the right, one space when the gap is empty)."""
    gap = part.elements[i]
    has_left, has_right = i > 0, i + 1 < len(part.elements)
    sl, sr = gap.space_left and has_left, gap.space_right and has_right
    return sl, sr, (sl or sr) and has_left and has_right


def _gap_step(p: int, part: Part, i: int, lanes: _Lanes) -> int:
    """Positions after the gap elements[i], from positions p before it."""
    sl, sr, one_space = _gap_sides(part, i)
    space = lanes.mask(" ")
    empty = ((p & space) << 8) if one_space else p
    q = ((p & space) << 8) if sl else p
    q = _smear(q << 8, part.elements[i].budget - 1, lanes)  # 1..budget characters
    if sr:
        q = (q & space) << 8
    lanes.count(6)
    return (empty | q) & lanes.all


def gap_fits(text: str, start: int, end: int, part: Part, i: int) -> bool:
    """Whether text[start:end] is a run the gap elements[i] stands for (the rule that
    `_gap_step` computes for all positions at once, read for one run)."""
    sl, sr, one_space = _gap_sides(part, i)
    run = text[start:end]
    if run == "":
        return not one_space
    if run == " " and one_space:
        return True
    if sl:
        if not run.startswith(" "):
            return False
        run = run[1:]
    if sr:
        if not run.endswith(" "):
            return False
        run = run[:-1]
    return 1 <= len(run) <= part.elements[i].budget


def _literal_step(p: int, piece: str, free: int, lanes: _Lanes) -> int:
    for k, ch in enumerate(piece):
        m = lanes.mask(ch)
        if k == free:
            for v in {ch.lower(), ch.upper()} - {ch}:
                if len(v) == 1:
                    m |= lanes.mask(v)
        p = (p & m) << 8
        if not p:
            break
    lanes.count(2 * len(piece))
    return p


def _run_part(part: Part, lanes: _Lanes, start: int, keep: list | None = None) -> int:
    """Positions where `part` can end, starting from positions `start`; `keep` gets the
    positions before each element (to read the match back)."""
    lanes.masks(part.chars)  # all at once: one pass over the text for up to 255 of them
    p = start
    for i, el in enumerate(part.elements):
        if keep is not None:
            keep.append(p)
        if not p:
            return 0
        if isinstance(el, str):
            p = _literal_step(p, el, part.free if i <= 1 else -1, lanes)
        else:
            p = _gap_step(p, part, i, lanes)
    return p & lanes.boundaries


def _lowest(p: int) -> int:
    """The lowest position in a set (its byte index)."""
    return ((p & -p).bit_length() - 1) // 8


def _find_literal(part: Part, text: str, pos: int, lo: int, hi: int,
                  stats: MatchStats | None) -> tuple[int, int] | None:
    """A part without insertions, with str.find: the first place at or after pos where
    it stands on word boundaries of text[lo:hi]."""
    best = None
    size = len(part.elements[0])
    for v in part.variants:
        q = text.find(v, pos, hi)
        seen = 1
        while q >= 0 and (best is None or q < best):
            if at_boundary(text, q, lo, hi) and at_boundary(text, q + size, lo, hi):
                best = q
                break
            q = text.find(v, q + 1, hi)
            seen += 1
        if stats is not None:
            stats.steps += (hi if q < 0 else q) - pos + seen * size
    return None if best is None else (best, best + size)


_KEEP_ALL = 4096  # text length up to which the first pass keeps its position sets


def _find_gapped(part: Part, text: str, pos: int, lanes: _Lanes,
                 stats: MatchStats | None) -> tuple[list, list, int] | None:
    """A part with insertions: (piece spans, gap spans, end) of the reading that ends
    first at or after pos, or None."""
    small = lanes.n <= _KEEP_ALL  # (then keeping every position set costs little)
    kept: list[int] = []
    ends = _run_part(part, lanes, lanes.boundaries & lanes.from_(pos), kept if small else None)
    if not ends:
        return None
    end = lanes.lo + _lowest(ends)
    if small:
        lo, at = lanes.lo, end - lanes.lo
    else:
        # Read the match back over a window no longer than the part can be: recompute
        # the position sets there, keeping each, and walk them from the end.
        lo = max(pos, end - part.most)
        window = _Lanes(text, lo, end, stats, lanes.edges)
        last = _run_part(part, window, window.boundaries, kept)
        if not last >> (8 * window.n) & 1:
            return None  # (cannot be: the first pass found it)
        at = window.n
    pieces, gaps = [], []
    for i in range(len(part.elements) - 1, -1, -1):
        el, before = part.elements[i], kept[i]
        if isinstance(el, str):
            pieces.append((lo + at - len(el), lo + at))
            at -= len(el)
            continue
        for q in range(at, max(at - el.budget - 2, 0) - 1, -1):
            if before >> (8 * q) & 1 and gap_fits(text, lo + q, lo + at, part, i):
                gaps.append((lo + q, lo + at))
                at = q
                break
        if stats is not None:
            stats.steps += el.budget + 2
    pieces.reverse()
    gaps.reverse()
    return pieces, gaps, end


def _present(part: Part, text: str, pos: int, hi: int, stats: MatchStats | None) -> bool:
    """Every literal piece stands somewhere in text[pos:hi] (a cheap test before the automaton)."""
    for i, el in enumerate(part.elements):
        if isinstance(el, str):
            probe = el[part.free + 1:] if i <= 1 and part.free >= 0 else el
            if stats is not None:
                stats.steps += hi - pos + len(probe)
            if probe and text.find(probe, pos, hi) < 0:
                return False
    return True


def match_quote(pattern: QuotePattern, text: Normalized, stats: MatchStats | None = None,
                lo: int = 0, hi: int | None = None) -> QuoteMatch | None:
    """Where the quote stands in `text` (normalized spans), or None; only in
    text[lo:hi] when given (a range of a source's joined paragraphs, without copying).

    Parts between omissions are found one after the other, each ending as early as it
    can after the previous one: the quote matches when some reading fits (SPEC v2
    section 3), in time proportional to quote length times text length.
    """
    t = text.text
    hi = len(t) if hi is None else hi
    pos = lo
    pieces: list = []
    inserted: list = []
    omitted: list = []
    lanes = None
    for part in pattern.parts:
        if part.literal:
            found = _find_literal(part, t, pos, lo, hi, stats)
            if found is None:
                return None
            spans, gaps, end = [found], [], found[1]
        else:
            if not _present(part, t, pos, hi, stats):
                return None
            if lanes is None:
                lanes = _Lanes(t, lo, hi, stats, (lo, hi))
            got = _find_gapped(part, t, pos, lanes, stats)
            if got is None:
                return None
            spans, gaps, end = got
        start = gaps[0][0] if gaps and gaps[0][0] < spans[0][0] else spans[0][0]
        if pieces:
            omitted.append((pos, start))
        pieces += spans
        inserted += gaps
        pos = end
    return QuoteMatch(tuple(pieces), tuple(inserted), tuple(omitted))


def find_quote(pattern: QuotePattern, text: Normalized, stats: MatchStats | None = None,
               lo: int = 0, hi: int | None = None) -> list[tuple[int, int]] | None:
    """Original-text spans of the quote's literal pieces in `text` (or text[lo:hi]), or None."""
    if len(pattern.parts) == 1 and pattern.parts[0].literal:  # (most quotes: no match object)
        found = _find_literal(pattern.parts[0], text.text, lo, lo, len(text.text) if hi is None else hi, stats)
        return None if found is None else ([text.original_span(*found)] if found[1] > found[0] else [])
    m = match_quote(pattern, text, stats, lo, hi)
    if m is None:
        return None
    return [text.original_span(s, e) for s, e in m.pieces if e > s]
