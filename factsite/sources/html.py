"""HTML sources: the readable units of the article, and the page's own metadata tags."""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .model import Paragraph, ReadResult
from .whitespace import squash

UNITS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "figcaption", "dt", "dd"}
SKIPPED = {"script", "style", "nav", "header", "footer", "aside", "form", "template", "noscript"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(tag: Tag) -> bool:
    return (
        tag.has_attr("hidden")
        or str(tag.get("aria-hidden", "")).lower() == "true"
        or bool(_HIDDEN_STYLE.search(str(tag.get("style", ""))))
    )


def _is_unit(tag: Tag) -> bool:
    if tag.name not in UNITS:
        return False
    if tag.name == "blockquote" and tag.find("p") is not None:
        return False
    return True


def _own_text(tag: Tag) -> str:
    """Text of a unit, without nested units (they are paragraphs of their own).

    Iterative, so a deeply nested page cannot exhaust the stack.
    """
    out: list[str] = []
    stack = [iter(tag.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif isinstance(child, Comment):
            continue
        elif isinstance(child, NavigableString):
            out.append(str(child))
        elif isinstance(child, Tag):
            if child.name == "br":
                out.append(" ")
            elif not (child.name in SKIPPED or _hidden(child) or _is_unit(child)):
                stack.append(iter(child.children))
    return squash("".join(out))


def _meta(soup: BeautifulSoup) -> tuple[dict, dict]:
    """Metadata from <title>, <link rel=canonical> and <meta> tags, with their lines."""
    found: dict = {}
    lines: dict = {}

    def put(key: str, value, tag: Tag) -> None:
        value = squash(str(value or ""))
        if value and key not in found:
            found[key] = value
            lines[key] = tag.sourceline or 1

    metas = {}
    for tag in soup.find_all("meta"):
        name = str(tag.get("property") or tag.get("name") or "").lower()
        if name and name not in metas:
            metas[name] = tag
    for key, names in (
        ("title", ("og:title",)),
        ("author", ("author", "article:author")),
        ("published", ("article:published_time", "datepublished")),
        ("publisher", ("og:site_name",)),
        ("url", ("og:url",)),
    ):
        for name in names:
            if name in metas:
                put(key, metas[name].get("content"), metas[name])
    title = soup.find("title")
    if title is not None and "title" not in found:
        put("title", title.get_text(), title)
    for link in soup.find_all("link"):
        rel = link.get("rel") or []
        rel = rel if isinstance(rel, list) else [rel]
        if "canonical" in [r.lower() for r in rel] and link.get("href"):
            found.pop("url", None)
            put("url", link.get("href"), link)
            break
    html = soup.find("html")
    if html is not None and html.get("lang"):
        put("language", html.get("lang"), html)
    return found, lines


def read_html(text: str, meta: dict) -> ReadResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        soup = BeautifulSoup(text, "html.parser")
    found, found_lines = _meta(soup)
    root = soup.find("article") or soup.find("main") or soup.find("body") or soup
    paragraphs: list[Paragraph] = []
    stack = [iter(root.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if not isinstance(child, Tag) or child.name in SKIPPED or _hidden(child):
            continue
        if _is_unit(child):
            body = _own_text(child)
            if body:
                paragraphs.append(Paragraph(len(paragraphs) + 1, body, child.sourceline or 1))
        stack.append(iter(child.children))
    return ReadResult(paragraphs, found, found_lines)
