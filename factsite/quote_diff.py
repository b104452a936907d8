"""What an editor needs to see when a quote is not found: where it first differs from
the closest passage, whether only case or punctuation differ, and which part of a
quote with omissions is missing. Uses only the matcher's public API."""

from __future__ import annotations

import re

from .quotes import EmptyQuote, Normalized, compile_quote, find_quote, normalize

_OMISSION = re.compile(r"\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…")
_LETTERS = re.compile(r"[\W_]+")
CONTEXT = 3  # words shown before the difference


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def first_difference(quote: str, passage: str) -> str | None:
    """`... agreement as a [-historic-]{+golden+} opportunity`: the first word where the
    quote and the passage part, in the passage's words; or a plain statement when
    only letter case or punctuation differ."""
    q, p = normalize(quote), normalize(passage)
    if q == p:
        return None
    if _LETTERS.sub("", q).lower() == _LETTERS.sub("", p).lower():
        return "the only difference is letter case or punctuation"
    qw, pw = q.split(), p.split()
    i = 0
    while i < len(qw) and i < len(pw) and qw[i] == pw[i]:
        i += 1
    if i < len(qw) and i < len(pw) and _LETTERS.sub("", qw[i]).lower() == _LETTERS.sub("", pw[i]).lower():
        what = "letter case or punctuation"
    else:
        what = None
    before = " ".join(pw[max(0, i - CONTEXT): i])
    old = qw[i] if i < len(qw) else ""
    new = pw[i] if i < len(pw) else ""
    after = " ".join(pw[i + 1: i + 1 + CONTEXT])
    marked = (("[-" + old + "-]") if old else "") + (("{+" + new + "+}") if new else "")
    shown = " ".join(x for x in ("..." if i > CONTEXT else "", before, marked, after) if x)
    return f"first difference at word {i + 1}: {shown}" + (f" (only {what} differ there)" if what else "")


def missing_part(quote: str, text: Normalized) -> str | None:
    """For a quote with omissions: which part does not stand in `text` (or that the
    parts stand there, but not in the quote's order)."""
    parts = [p.strip() for p in _OMISSION.split(quote) if p.strip()]
    if len(parts) < 2:
        return None
    for n, part in enumerate(parts, start=1):
        try:
            pattern = compile_quote(part)
        except EmptyQuote:
            continue
        if find_quote(pattern, text) is None:
            return f'part {n} of {len(parts)} of the quote, "{_short(part)}", is not there'
    return "each part of the quote is there, but not in the quote's order"
