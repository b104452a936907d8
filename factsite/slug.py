"""Readable, stable anchors and file names made from text."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def _words(text: str) -> list[str]:
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return [w for w in _NON_WORD.split(text.lower()) if w]


def slugify(text: str, max_words: int = 0) -> str:
    """Lowercase ASCII words joined by '-' (accents dropped), at most `max_words`."""
    if max_words and text.isascii():
        # a claim's anchor needs its first few words: read only those when they are
        # enough (every ASCII whitespace is a word break in the slug too)
        head = text.split(None, max_words)
        if len(head) > max_words:
            words = _words(" ".join(head[:max_words]))
            if len(words) >= max_words:
                return "-".join(words[:max_words])
    words = _words(text)
    if max_words:
        words = words[:max_words]
    return "-".join(words)


class AnchorSet:
    """Hands out unique anchors on one page, suffixing -2, -3 ... on collision."""

    def __init__(self, reserved: set[str] | None = None):
        self.used: set[str] = set(reserved or ())

    def take(self, wanted: str, fallback: str = "x") -> str:
        base = wanted or fallback
        anchor, n = base, 2
        while anchor in self.used:
            anchor = f"{base}-{n}"
            n += 1
        self.used.add(anchor)
        return anchor
