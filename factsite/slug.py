"""Readable, stable anchors and file names made from text: Latin text as lowercase ASCII
words, other scripts (Persian, Pashto, Arabic...) kept as Unicode words (docs/decisions.md)."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def _words(text: str) -> list[str]:
    if text.isascii():
        return [w for w in _NON_WORD.split(text.lower()) if w]
    words: list[str] = []
    for kept, run in _runs(text):
        if kept:
            word = _script_word(run)
            if word:
                words.append(word)
        else:
            ascii_run = unicodedata.normalize("NFKD", run).encode("ascii", "ignore").decode()
            words.extend(w for w in _NON_WORD.split(ascii_run.lower()) if w)
    return words


def _kept(ch: str) -> bool:
    """A letter or digit of a script with no ASCII spelling (Arabic, Cyrillic, Han...):
    kept as written, since dropping it would leave a Persian heading no slug at all."""
    if ch.isascii() or not (ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc", "Cf")):
        return False
    return not unicodedata.name(ch, "LATIN").startswith("LATIN")


def _runs(text: str):
    """(kept, run) pairs: runs of other-script words, and the text between them."""
    start, state = 0, None
    for i, ch in enumerate(text):
        kept = _kept(ch)
        if state is None:
            state = kept
        elif kept != state:
            yield state, text[start:i]
            start, state = i, kept
    if state is not None:
        yield state, text[start:]


def _script_word(run: str) -> str:
    """One other-script word for a URL: NFC, lowercase, without its invisible joiners
    (ZWNJ), vowel marks or tatweel, its digits as ASCII digits (۱۴۰۳ -> 1403)."""
    out = []
    for ch in unicodedata.normalize("NFC", run).lower():
        cat = unicodedata.category(ch)
        if cat in ("Mn", "Cf") or ch == "\u0640":
            continue
        out.append(str(unicodedata.decimal(ch)) if cat == "Nd" else ch)
    return "".join(out)


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


def url_path(path: str) -> str:
    """A site path for places that want a URI, not an IRI (sitemap.xml): a Persian file
    name percent-encoded as UTF-8, an ASCII one unchanged."""
    from urllib.parse import quote

    return path if path.isascii() else quote(path, safe="/#:?=&~%")
