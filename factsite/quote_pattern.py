"""A quote compiled into the parts a matcher looks for (SPEC v2 sections 3-4), and
the word boundaries a match must respect. Pure functions, no I/O."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .normalization import normalize


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
    elements = _elements(tokens)
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


def _elements(tokens: list) -> list:
    """Literal strings and gaps as [count, space_left, space_right]: adjacent insertions
    (only spaces between them) are one gap, which owns the spaces at its sides."""
    elements: list = []
    pending = ""  # literal text not yet placed
    for tok in tokens:
        if tok is not None:
            pending += tok
            continue
        gap_before = bool(elements) and isinstance(elements[-1], list)
        if gap_before and not pending.strip():
            elements[-1][0] += 1  # only spaces since the last insertion: the same gap
            pending = ""
            continue
        pending = _space_after_gap(elements, pending)
        space_left = pending.endswith(" ")
        if space_left:
            pending = pending[:-1]
        if pending:
            elements.append(pending)
        elements.append([1, space_left, False])
        pending = ""
    pending = _space_after_gap(elements, pending)
    if pending:
        elements.append(pending)
    return elements


def _space_after_gap(elements: list, pending: str) -> str:
    """A space right after a gap belongs to the gap: mark it there, drop it from the text."""
    if elements and isinstance(elements[-1], list) and pending.startswith(" "):
        elements[-1][2] = True
        return pending[1:]
    return pending


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
