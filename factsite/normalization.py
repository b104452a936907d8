"""Quote and source text normalization (SPEC section 4). Pure functions, no I/O.

Normalization keeps, for every character it produces, the span of the original
text it came from, so a match found in normalized text can be marked in the
source's own words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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
    if out.isascii() and out.isprintable():
        # (no removed character is printable ASCII: only the spaces can be slow, and
        # `in` asks that faster than the pattern tried at every character)
        if "  " in out or " -" in out or "- " in out or out[:1] == " " or out[-1:] == " ":
            return None
    elif _SLOW.search(out):
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
    mapped = any(part.starts is not None or len(part.text) != length or not length
                 for part, length in zip(parts, lengths))
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
