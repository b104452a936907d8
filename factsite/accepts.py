"""An editor's accepts of evidence findings: `{checked="CODE: reason; CODE: reason"}`
on a claim (SPEC section 6). Public: the page and provenance.json show them."""

from __future__ import annotations

import re
from typing import NamedTuple

from .evidence import CODES

ATTRIBUTE = "checked"
# accepts are separated by ";" before the next "code:"; a ";" inside a reason stays
_NEXT = re.compile(r";\s*(?=[A-Za-z][\w-]*\s*:)")


class Accept(NamedTuple):
    code: str
    reason: str


def parse_accepts(value: str | None) -> tuple[list[Accept], list[str]]:
    """The accepts written in a claim's `checked` attribute, and what is wrong with the
    others (an unknown code, no reason), for messages."""
    accepts: list[Accept] = []
    problems: list[str] = []
    for piece in _NEXT.split(value or ""):
        piece = piece.strip().strip(";").strip()
        if not piece:
            continue
        code, _, reason = piece.partition(":")
        code, reason = code.strip(), " ".join(reason.split())
        if code not in CODES:
            problems.append(f"{code!r} is not an evidence check (one of {', '.join(CODES)})")
        elif not reason:
            problems.append(f"the accept of {code} gives no reason: write {code}: and why the claim holds")
        else:
            accepts.append(Accept(code, reason))
    return accepts, problems
