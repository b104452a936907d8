"""Markdown sources: each heading and paragraph, as plain text, in document order.

HTML is parsed as HTML (SPEC v2 section 1): an HTML block (a comment among them) is
no paragraph, and inline tags are dropped with their text kept, so the words a
reader sees are the words that can be quoted.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from ..frontmatter import split_front_matter
from ..mdtext import inline_text
from ..yamlutil import YamlProblem, load_mapping
from .model import Paragraph, ReadResult
from .whitespace import squash

_md = MarkdownIt("commonmark", {"html": True}).enable("table")
_BREAK = re.compile(r"<br\s*/?>\Z", re.I)


def _visible(children) -> list:
    """Inline tokens with HTML tags left out (a `<br>` read as a break)."""
    out = []
    for tok in children or ():
        if tok.type == "html_inline":
            if _BREAK.match(tok.content):
                out.append(tok.__class__(type="softbreak", tag="br", nesting=0))
            continue
        out.append(tok)
    return out


def read_markdown(text: str, meta: dict) -> ReadResult:
    fm = split_front_matter(text)
    result = ReadResult([])
    if fm.yaml_text is not None:
        if fm.unterminated:
            result.findings.append(
                (1, "error", "bad-source", "front matter is not closed", "end the front matter with a line '---'")
            )
        else:
            try:
                parsed = load_mapping(fm.yaml_text)
                result.meta = parsed.data
                result.meta_lines = {k: v + fm.first_line - 1 for k, v in parsed.key_lines.items()}
            except YamlProblem as exc:
                result.findings.append(
                    (exc.line + fm.first_line - 1, "error", "bad-source",
                     f"front matter: {exc.message}", "front matter must be a YAML mapping such as 'title: ...'")
                )
    tokens = _md.parse(fm.body)
    for i, tok in enumerate(tokens):
        if tok.type in ("heading_open", "paragraph_open") and i + 1 < len(tokens):
            body = squash(inline_text(_visible(tokens[i + 1].children)))
            if body:
                line = tok.map[0] + 1 if tok.map else 1
                result.paragraphs.append(Paragraph(len(result.paragraphs) + 1, body, line))
    return result
