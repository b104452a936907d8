"""Readable, stable anchors and file names made from text."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_words: int = 0) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in _NON_WORD.split(ascii_text.lower()) if w]
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
