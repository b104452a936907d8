"""Paragraph text is trimmed and its internal whitespace runs become one space."""

import re

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub(" ", text).strip()
