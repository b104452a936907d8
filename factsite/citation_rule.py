"""markdown-it rules that read a page's citations with less work, and the same result.

A block rule reads a one-line citation definition in one step.

A page's citation definitions (`[^c1]: ians#p3 "words"`) are half its lines, and
their Markdown is never rendered: the citation is parsed from the raw text and shown
from resolved data. The footnote plugin's own rule parses each definition's body as
nested blocks and inlines; this rule, placed before it, recognises the common shape
(one line whose body starts like a citation, followed by the end of the page, blank
lines, or the next definition) and emits the same `footnote_reference_open/close`
pair with the same line map and the same footnote data, without the nested parse.
Anything else (notes on following lines, lazy continuation lines, nesting) is left
to the footnote plugin, so what the page means never depends on this rule.

An inline rule reads a footnote reference `[^c1]` before the link rule spends time
trying it as a link that cannot exist.

Another reads, in long inline runs, a `[` that no `]` can close as plain text at once:
markdown-it's link rule and the footnote plugin's reference rule each scan to the end
of the run from every such `[`, so a page of 12,000 unclosed `[^` took minutes
(quadratic); with it, time linear in the page's size (SPEC v2 section 5).
"""

from __future__ import annotations

import bisect
import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.footnote.index import _data_from_env, footnote_def, footnote_ref

_CITATION_BODY = re.compile(r"[A-Za-z0-9][^\s#]*#")


def _is_definition_start(state: StateBlock, line: int, end: int) -> bool:
    return state.sCount[line] < 4 and footnote_def(state, line, end, True)


def citation_definition(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
    if silent or not state.src.startswith("[^", state.bMarks[startLine] + state.tShift[startLine]):
        return False  # (most lines: said as early as possible)
    if state.level != 0 or state.blkIndent != 0 or endLine != state.lineMax:
        return False
    if not _is_definition_start(state, startLine, endLine):
        return False
    src = state.src
    start = state.bMarks[startLine] + state.tShift[startLine]
    maximum = state.eMarks[startLine]
    close = src.index("]", start + 2, maximum)  # footnote_def checked: "]:" follows the label
    body = close + 2
    content = body
    while content < maximum and src[content] == " " and content - body < 3:
        content += 1
    if not _CITATION_BODY.match(src, content, maximum):
        return False
    following = startLine + 1
    if following < endLine and state.isEmpty(following):
        following = state.skipEmptyLines(following)
        if following < endLine and state.sCount[following] >= 4:
            return False  # an indented block after a blank line continues the footnote
    elif following < endLine and not _is_definition_start(state, following, endLine):
        return False  # a continuation line: the footnote plugin decides what it is
    end = min(following, endLine)

    label = src[start + 2 : close]
    _data_from_env(state.env)["refs"][":" + label] = -1
    token = Token("footnote_reference_open", "", 1)
    token.meta = {"label": label}
    token.level = state.level
    token.map = [startLine, end]
    state.tokens.append(token)
    token = Token("footnote_reference_close", "", -1)
    token.level = state.level
    state.tokens.append(token)
    state.line = end
    return True


def early_footnote_ref(state: StateInline, silent: bool) -> bool:
    """`[^label]` read before the link rule tries it as a link and fails.

    Only where no link can start (the next character after `]` is not `(` or `[`,
    no `[` or `\\` in the label can move the link's own `]` further on, and no
    reference definition can have a footnote's label): elsewhere the link rule and
    then the plugin's own reference rule decide, as without this rule.
    """
    src, start, maximum = state.src, state.pos, state.posMax
    if not src.startswith("[^", start):
        return False
    close = src.find("]", start + 2, maximum)
    if close < 0 or (close + 1 < maximum and src[close + 1] in "(["):
        return False
    if src.find("[", start + 2, close) >= 0 or src.find("\\", start + 2, close) >= 0:
        return False
    return footnote_ref(state, silent, always_match=True)


_GUARD_FROM = 1024  # shorter runs cost little whatever they hold: not worth the pass
_STOPS = re.compile(r"[ \n\]]")
_BRACKETS = re.compile(r"[\[\]\\]")


class _Brackets:
    """One pass over an inline run: its `[` that no later `]` balances (backslash escapes
    skipped), and where the footnote reference rule's scan stops (a space, a newline
    or a `]`)."""

    def __init__(self, src: str):
        self.src = src
        open_: list[int] = []
        self.closes: list[int] = []  # every `]`
        skip = -1  # the character a backslash escapes
        for m in _BRACKETS.finditer(src):
            j = m.start()
            ch = src[j]
            if ch == "]":
                self.closes.append(j)  # (escaped too: the reference rule stops at any)
            if j == skip:
                continue
            if ch == "\\":
                skip = j + 1
            elif ch == "[":
                open_.append(j)
            elif open_:
                open_.pop()
        self.unbalanced = set(open_)
        # code spans, autolinks and inline HTML may hide brackets from the link rule:
        # after the last of them, the simple pass above is exact
        self.exact_from = max(src.rfind("`"), src.rfind("<")) + 1
        self.stops = [m.start() for m in _STOPS.finditer(src)]

    def reference_could_match(self, start: int, maximum: int) -> bool:
        """Whether `[^...]` at start can be a footnote reference (as footnote_ref reads it)."""
        at = bisect.bisect_left(self.stops, start + 2)
        stop = self.stops[at] if at < len(self.stops) else maximum
        return stop < maximum and self.src[stop] == "]" and stop > start + 2


def unclosable_bracket(state: StateInline, silent: bool) -> bool:
    """A `[` that starts neither a link nor a footnote reference, read as text in one step."""
    src, start = state.src, state.pos
    if src[start] != "[" or len(src) < _GUARD_FROM:
        return False
    brackets = getattr(state, "_factsite_brackets", None)
    if brackets is None or brackets.src is not src:
        brackets = state._factsite_brackets = _Brackets(src)
    at = bisect.bisect_right(brackets.closes, start)
    if at < len(brackets.closes) and brackets.closes[at] < state.posMax:  # (else nothing can close it)
        if start not in brackets.unbalanced or start < brackets.exact_from:
            return False
        if src.startswith("[^", start) and brackets.reference_could_match(start, state.posMax):
            return False  # the reference rules read it (and consume it)
    if not silent:
        state.pending += "["
    state.pos += 1
    return True


def citation_definition_plugin(md: MarkdownIt) -> None:
    """Use after the footnote plugin (with `always_match_refs=True`)."""
    # First of all block rules: a line it takes starts with "[^" at the top level, is
    # followed by a blank line, another definition or the end, and is not indented,
    # which no rule before the footnote plugin's (table, code, attrs, fence, quote,
    # rule, list) can begin on; so it answers first instead of after seven refusals.
    md.block.ruler.before(md.block.ruler.get_all_rules()[0], "citation_definition", citation_definition)
    md.inline.ruler.before("link", "early_footnote_ref", early_footnote_ref)
    md.inline.ruler.before("early_footnote_ref", "unclosable_bracket", unclosable_bracket)
