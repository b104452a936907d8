"""Isolating text of the other direction: a Persian quote in an English claim, or an
English name in a Persian one, wrapped in <bdi> so the Unicode bidi algorithm cannot
move the neighbouring numbers and punctuation across it (a number after Arabic letters
otherwise joins the right-to-left run and is shown before it)."""

from __future__ import annotations

import re

from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

from .script import direction

_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_LATIN = "A-Za-z\u00c0-\u024f"
# a run starts and ends with a strong letter of the other direction; anything but a
# letter of this direction may come between (spaces, ZWNJ, digits, punctuation)
_RTL_RUN = re.compile(f"[{_RTL}](?:[^{_LATIN}<>&]*[{_RTL}])?")
_LTR_RUN = re.compile(f"[{_LATIN}](?:[^{_RTL}<>&]*[{_LATIN}])?")
_HAS_RTL = re.compile(f"[{_RTL}]")
_HAS_LATIN = re.compile(f"[{_LATIN}]")


def isolate(text: str, page_dir: str) -> str:
    """The text as HTML, its runs of the other direction in <bdi> (escaped: the runs
    never contain <, > or &, so escaping each piece is escaping the whole)."""
    has, run = (_HAS_RTL, _RTL_RUN) if page_dir == "ltr" else (_HAS_LATIN, _LTR_RUN)
    if not has.search(text):
        return escapeHtml(text)
    out, last = [], 0
    for m in run.finditer(text):
        out.append(escapeHtml(text[last:m.start()]))
        out.append(f"<bdi>{escapeHtml(m.group())}</bdi>")
        last = m.end()
    out.append(escapeHtml(text[last:]))
    return "".join(out)


def text_rule(language: str | None):
    """markdown-it's `text` render rule for a page in `language`."""
    page_dir = direction(language)

    def render_text(_renderer, tokens, idx, options, env):
        return isolate(tokens[idx].content, page_dir)

    return render_text


def isolate_filter(language: str | None):
    """The same for templates: `{{ claim.text | isolate }}`."""
    page_dir = direction(language)

    def isolate_markup(value) -> Markup:
        if isinstance(value, Markup):
            return value
        return Markup(isolate(str(value), page_dir))

    return isolate_markup
