"""HTML sources: the readable units of the article, and the page's own metadata tags.

The page is parsed as a browser parses HTML5 (selectolax's Lexbor engine, a C
implementation of the WHATWG parsing algorithm), so the tree walked here is the one a
reader's browser builds: CDATA sections and `<?...?>` are comments, misnested tags are
repaired the standard way, and a 10,000-deep page parses in a fraction of a second
(html5lib, in pure Python, took 50 s on it). SPEC v2 section 1.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .model import Paragraph, ReadResult
from .whitespace import squash

UNITS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "figcaption", "dt", "dd"}
SKIPPED = {"script", "style", "nav", "footer", "aside", "form", "template", "noscript"}
# A header is the page's chrome outside the article, the article's own headline and
# standfirst inside it (SPEC v2): skipped only outside an <article> or <main> root.
OUTSIDE_ROOT = SKIPPED | {"header"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(node: LexborNode) -> bool:
    """Not shown (`hidden`, `display:none`, `visibility:hidden`), or marked by the page as
    not part of its meaning (`aria-hidden="true"`: docs/decisions.md)."""
    attrs = node.attributes
    if not attrs:
        return False
    return (
        "hidden" in attrs
        or str(attrs.get("aria-hidden") or "").strip().lower() == "true"
        or bool(_HIDDEN_STYLE.search(str(attrs.get("style") or "")))
    )


def _children(node: LexborNode):
    child = node.child
    while child is not None:
        yield child
        child = child.next


def _has_p(node: LexborNode) -> bool:
    return node.css_first("p") is not None


def _is_unit(node: LexborNode) -> bool:
    if node.tag not in UNITS:
        return False
    if node.tag == "blockquote" and _has_p(node):
        return False
    return True


def _own_text(node: LexborNode, skipped: set) -> str:
    """Text of a unit, without nested units (they are paragraphs of their own).

    Only text nodes count: comments (CDATA and `<?...?>` among them) never do.
    Iterative, so a deeply nested page cannot exhaust the stack.
    """
    out: list[str] = []
    stack = [_children(node)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.is_text_node:
            out.append(child.text(deep=False))
        elif child.is_element_node:
            if child.tag == "br":
                out.append(" ")
            elif not (child.tag in skipped or _hidden(child) or _is_unit(child)):
                stack.append(_children(child))
    return squash("".join(out))


def _meta(tree: LexborHTMLParser) -> tuple[dict, dict]:
    """Metadata from <title>, <link rel=canonical> and <meta> tags."""
    found: dict = {}

    def put(key: str, value) -> None:
        value = squash(str(value or ""))
        if value and key not in found:
            found[key] = value

    metas = {}
    for tag in tree.css("meta"):
        attrs = tag.attributes
        name = str(attrs.get("property") or attrs.get("name") or "").lower()
        if name and name not in metas:
            metas[name] = attrs
    for key, names in (
        ("title", ("og:title",)),
        ("author", ("author", "article:author")),
        ("published", ("article:published_time", "datepublished")),
        ("publisher", ("og:site_name",)),
        ("url", ("og:url",)),
    ):
        for name in names:
            if name in metas:
                put(key, metas[name].get("content"))
    title = tree.css_first("title")
    if title is not None and "title" not in found:
        put("title", title.text(deep=True))
    for link in tree.css("link"):
        rel = str(link.attributes.get("rel") or "").lower().split()
        if "canonical" in rel and link.attributes.get("href"):
            found.pop("url", None)
            put("url", link.attributes.get("href"))
            break
    html = tree.css_first("html")
    if html is not None and html.attributes.get("lang"):
        put("language", html.attributes.get("lang"))
    return found, {key: 1 for key in found}


def _roots(tree: LexborHTMLParser) -> tuple[list[LexborNode], bool]:
    """Every top-level visible <article>, else every top-level visible <main>, else
    <body> (SPEC v2 section 1); and whether the roots are articles or mains (where
    a header is the article's own and is read).

    One iterative walk that never enters skipped or hidden elements, nor an article
    once found (an article inside it is part of it).
    """
    articles: list[LexborNode] = []
    mains: list[LexborNode] = []
    top = tree.css_first("html") or tree.root
    stack = [(_children(top), False)]
    while stack:
        children, in_main = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            continue
        if not child.is_element_node or child.tag in OUTSIDE_ROOT or _hidden(child):
            continue
        if child.tag == "article":
            articles.append(child)
            continue
        if child.tag == "main" and not in_main:
            mains.append(child)  # (articles inside it are looked for too)
        stack.append((_children(child), in_main or child.tag == "main"))
    if articles:
        return articles, True
    if mains:
        return mains, True
    body = tree.body
    if body is None or _hidden(body):
        return [], False
    return [body], False


def _units(root: LexborNode, skipped: set, paragraphs: list[Paragraph]) -> None:
    stack = [_children(root)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if not child.is_element_node or child.tag in skipped or _hidden(child):
            continue
        if _is_unit(child):
            body = _own_text(child, skipped)
            if body:
                paragraphs.append(Paragraph(len(paragraphs) + 1, body, 1))
        stack.append(_children(child))


def read_html(text: str, meta: dict) -> ReadResult:
    tree = LexborHTMLParser(text)
    found, found_lines = _meta(tree)
    roots, headed = _roots(tree)
    paragraphs: list[Paragraph] = []
    for root in roots:
        _units(root, SKIPPED if headed else OUTSIDE_ROOT, paragraphs)
    return ReadResult(paragraphs, found, found_lines)
