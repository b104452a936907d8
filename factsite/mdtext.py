"""Plain text of markdown-it inline tokens: markup removed, link text kept."""

from __future__ import annotations


def inline_text(children) -> str:
    out = []
    for tok in children or ():
        if tok.type in ("text", "code_inline"):
            out.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif tok.children:
            out.append(inline_text(tok.children))
    return "".join(out)
