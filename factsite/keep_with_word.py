"""Keep each citation marker on the line of the word before it.

A marker is an inline block, and a browser may break the line just before one, so a
marker could wrap alone onto the next line, away from the words it backs. The last
word before a run of markers (and the spaces between those markers) goes into one
`cite_keep` span that the stylesheet keeps from wrapping. Applied by the page model's
core rule (`page_model`) to the tokens it keeps for rendering, as part of the parse.
"""

from __future__ import annotations

import copy

from markdown_it.token import Token

OPEN, CLOSE = "cite_keep_open", "cite_keep_close"


def keep_markers_with_words(tokens: list) -> None:
    """Each inline token's markers kept with their word (its children regrouped)."""
    for tok in tokens:
        if tok.type == "inline" and tok.children and any(c.type == "footnote_ref" for c in tok.children):
            tok.children = _grouped(tok.children)


def _grouped(children: list) -> list:
    out: list = []
    i, n = 0, len(children)
    while i < n:
        child = children[i]
        if child.type != "footnote_ref":
            out.append(child)
            i += 1
            continue
        # the run: this marker, then any markers separated from it by spaces only
        run, j = [child], i + 1
        while j < n:
            if children[j].type == "footnote_ref":
                run.append(children[j])
                j += 1
            elif (children[j].type == "text" and not children[j].content.strip() and j + 1 < n
                  and children[j + 1].type == "footnote_ref"):
                run += [children[j], children[j + 1]]
                j += 2
            else:
                break
        word = _split_last_word(out)
        out.append(Token(OPEN, "span", 1))
        if word is not None:
            out.append(word)
        out += run
        out.append(Token(CLOSE, "span", -1))
        i = j
    return out


def _split_last_word(out: list):
    """Take the last word off the text token just before the marker (a copy is
    shortened), as its own text token; None when no text stands right before."""
    if not out or out[-1].type != "text" or not out[-1].content or out[-1].content[-1].isspace():
        return None
    prev = out[-1]
    cut = max(prev.content.rfind(" "), prev.content.rfind("\n")) + 1
    word = copy.copy(prev)
    word.content = prev.content[cut:]
    if cut:
        head = copy.copy(prev)
        head.content = prev.content[:cut]
        out[-1] = head
    else:
        out.pop()
    return word


def render_open(_renderer, tokens, idx, options, env) -> str:
    return '<span class="cite-keep">'


def render_close(_renderer, tokens, idx, options, env) -> str:
    return "</span>"
