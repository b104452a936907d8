"""Quote matching (SPEC section 4): where a compiled quote stands in normalized text.
Pure functions, no I/O.

Normalization is in `normalization`, compiling a quote in `quote_pattern`; their public
names are re-exported here, the one module the checker imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from .normalization import (Normalized, join_normalized, normalize, normalize_slowly,
                            normalize_with_map)
from .quote_pattern import (MAX_INSERTION, EmptyQuote, Gap, Part, QuotePattern, at_boundary,
                            compile_quote, is_word_char)

__all__ = [
    "EmptyQuote", "Gap", "MAX_INSERTION", "MatchStats", "Normalized", "Part", "QuoteMatch", "QuotePattern",
    "at_boundary", "compile_quote", "find_quote", "gap_fits", "is_word_char", "join_normalized", "match_quote",
    "normalize", "normalize_slowly", "normalize_with_map",
]


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
