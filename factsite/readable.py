"""The readable text of a captured page: the article itself, one paragraph per line.

trafilatura finds the main content (it drops navigation, "Most read" and "Read more"
lists, footers and comments, with or without an `<article>`); its XML is then read
unit by unit (headings, paragraphs, list items, quotes, table rows) into lines, the
`.txt` shape SPEC section 1 numbers one paragraph per line. A paragraph that is only a
link behind a short label ("Read more: ...", "See also: ...") is a teaser, not text.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from .sources.whitespace import squash

UNIT_TAGS = {"head", "p", "item", "quote", "row"}
TEASER_LABEL = 40  # at most this many characters of a teaser stand outside its link


@dataclass
class Readable:
    paragraphs: list[str]
    dropped: list[str] = field(default_factory=list)  # teasers left out


def _text_of(element, skip_units: bool) -> tuple[str, int]:
    """(text, characters inside links) of an element, nested units left out."""
    parts: list[str] = []
    linked = 0

    def walk(el, in_link: bool) -> None:
        nonlocal linked
        if el.text:
            parts.append(el.text)
            if in_link:
                linked += len(el.text.strip())
        for child in el:
            if child.tag == "lb":
                parts.append(" ")
            elif child.tag == "cell":
                parts.append(" | " if parts and "".join(parts).strip() else "")
                walk(child, in_link)
            elif skip_units and (child.tag in UNIT_TAGS or child.tag == "list"):
                pass
            else:
                walk(child, in_link or child.tag == "ref")
            if child.tail:
                parts.append(child.tail)
                if in_link:
                    linked += len(child.tail.strip())

    walk(element, element.tag == "ref")
    return squash("".join(parts)), linked


def _is_teaser(text: str, linked: int) -> bool:
    if not linked:
        return False
    letters = len(text.replace(" ", ""))
    return linked >= 0.6 * letters and letters - linked <= TEASER_LABEL


def extract(html: str, url: str | None = None) -> Readable | None:
    """The article's paragraphs, or None when trafilatura finds no main content."""
    import trafilatura
    from lxml import etree

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        xml = trafilatura.extract(html, url=url, output_format="xml", include_comments=False, include_tables=True,
                                  include_links=True, include_images=False, include_formatting=False,
                                  favor_precision=True, deduplicate=False)
    if not xml:
        return None
    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    main = root.find("main")
    if main is None:
        main = root
    out = Readable([])
    for el in main.iter():
        if el.tag not in UNIT_TAGS:
            continue
        if el.tag == "quote" and el.find(".//p") is not None:
            continue  # its paragraphs are units of their own
        text, linked = _text_of(el, skip_units=True)
        if not text:
            continue
        if el.tag in ("p", "item") and _is_teaser(text, linked):
            out.dropped.append(text)
            continue
        out.paragraphs.append(text)
    return out
