"""The citation grammar (SPEC section 3): a footnote definition's raw text in,
parsed citations (or the reason they do not parse) out.

    citation := SOURCE-ID "#p" N [ "-" M ] [ SPACE QUOTE ]

Several citations are separated by ";", an editor's note follows " -- " or stands
on the following indented lines. Quotes are straight "..." or curly “...”.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LOOKS_LIKE_CITATION = re.compile(r"^[^\s#]+#")
_ID = re.compile(r"[^\s#;\"“”]+")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Citation:
    source_id: str
    start: int  # first paragraph, 1-based
    last: int | None  # M of #pN-M, None for a single paragraph
    quote: str | None
    text: str  # the citation as written, for messages

    @property
    def end(self) -> int:
        return self.start if self.last is None else self.last

    @property
    def locator(self) -> str:
        rng = f"p{self.start}" if self.last is None else f"p{self.start}-{self.last}"
        return f"{self.source_id}#{rng}"


@dataclass(frozen=True)
class ParsedDefinition:
    citations: tuple[Citation, ...]
    note: str | None


class CitationSyntaxError(ValueError):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message = message
        self.hint = hint


_MISTYPED = re.compile(
    r"([A-Za-z0-9][\w-]*)\s*[,:]?\s*(?:p|pp|para|paragraph|¶)\.?\s*(\d+)(?:\s*[-–]\s*(\d+))?(?!\w)(.*)",
    re.IGNORECASE | re.DOTALL,
)
_FIRST_WORD = re.compile(r"[^\s,;:.]+")


def mistyped_citation(raw: str, source_ids) -> tuple[str, str] | None:
    """A plain note that reads like a mistyped citation: (message, the corrected form).

    `ians p8 "..."`, `ians, para 8` and `IANS p8` (any case) name a paragraph the
    wrong way; a note whose first word is a source id as written (`ians said ...`)
    was meant to cite it."""
    text = " ".join(raw.split())
    m = _MISTYPED.fullmatch(text)
    if m and m.group(1).lower() in source_ids:
        sid, first, last, rest = m.group(1).lower(), m.group(2), m.group(3), m.group(4).strip()
        corrected = f"{sid}#p{first}" + (f"-{last}" if last else "") + (f" {rest}" if rest else "")
        return (f"footnote reads like a citation of {sid} but is not one: {text[:60]!r}",
                f"write it as {corrected}")
    m = _FIRST_WORD.match(text)
    if m and m.group() in source_ids:
        sid = m.group()
        return (f"footnote begins with the source id {sid!r} but cites no paragraph: {text[:60]!r}",
                f'write it as {sid}#pN "quoted words" (\'python build.py sources {sid}\' numbers the paragraphs), '
                "or begin the note with other words")
    return None


def looks_like_citation(raw: str) -> bool:
    """A definition that begins with non-space characters and a `#` must be a citation."""
    return bool(_LOOKS_LIKE_CITATION.match(raw.lstrip()))


_CLOSERS = {'"': '"', "“": "”"}
_CURLY = re.compile("[“”]")


def _read_quote(text: str, pos: int) -> tuple[str, int]:
    """Read a quote opening at text[pos]; return its content and the index after it.

    Straight quotes do not nest; curly ones do (“a “b” c”), so only the curly marks
    between the opener and its closer are visited.
    """
    opener = text[pos]
    closer = _CLOSERS[opener]
    if opener == '"':
        end = text.find('"', pos + 1)
        if end >= 0:
            return text[pos + 1 : end], end + 1
    else:
        depth = 1
        for m in _CURLY.finditer(text, pos + 1):
            depth += 1 if m.group() == "“" else -1
            if depth == 0:
                return text[pos + 1 : m.start()], m.end()
    raise CitationSyntaxError(
        "unterminated quote in citation",
        f"close the quote with {closer}",
    )


def _skip_spaces(text: str, pos: int, newlines: bool = True) -> int:
    while pos < len(text) and text[pos] in (" \t\n" if newlines else " \t"):
        pos += 1
    return pos


def _parse_one(text: str, pos: int) -> tuple[Citation, int]:
    start_pos = pos
    m = _ID.match(text, pos)
    if not m or m.end() >= len(text) or text[m.end()] != "#":
        raise CitationSyntaxError(
            f"expected SOURCE-ID#pN at {text[pos:pos + 30]!r}",
            'write a citation as source-id#p3 "quoted words"',
        )
    source_id = m.group()
    pos = m.end() + 1
    if pos >= len(text) or text[pos] not in "pP":
        raise CitationSyntaxError(
            f"citation of {source_id!r} has no paragraph: expected '#p' and a number",
            f"write {source_id}#p3 to cite paragraph 3",
        )
    pos += 1
    m = _DIGITS.match(text, pos)
    if not m:
        raise CitationSyntaxError(
            f"citation of {source_id!r} has no paragraph number after '#p'",
            f"write {source_id}#p3 to cite paragraph 3, or {source_id}#p3-5 for a range",
        )
    first = int(m.group())
    last = None
    pos = m.end()
    if pos < len(text) and text[pos] in "-–":
        m = _DIGITS.match(text, pos + 1)
        if not m:
            raise CitationSyntaxError(
                f"bad paragraph range in citation of {source_id!r}",
                f"write a range as {source_id}#p{first}-{first + 1}",
            )
        last = int(m.group())
        pos = m.end()
    quote = None
    # A quote opens on its locator's line: a line after a complete citation is a note,
    # even when it begins with a quoted word (SPEC v2 section 3).
    after = _skip_spaces(text, pos, newlines=False)
    if after < len(text) and text[after] in _CLOSERS:
        if after == pos:
            opener, closer = text[after], _CLOSERS[text[after]]
            words = text[after + 1:].split(closer, 1)[0]
            shown = words if len(words) <= 20 else words[:20] + "..."
            raise CitationSyntaxError("a space is needed between the paragraph and the quote",
                                      f"write {text[start_pos:pos]} {opener}{shown}{closer}")
        quote, pos = _read_quote(text, after)
        if not quote.strip():
            raise CitationSyntaxError("empty quote in citation",
                                      "quote the words the claim relies on, or drop the quotes")
    elif after < len(text) and text[after] in "”":
        raise CitationSyntaxError("a quote closes that was never opened", "open the quote with \" or “")
    return Citation(source_id, first, last, quote, " ".join(text[start_pos:pos].split())), pos


def parse_definition(raw: str) -> ParsedDefinition:
    """Parse a citation footnote's raw text. Raises CitationSyntaxError."""
    text = raw.strip()
    citations: list[Citation] = []
    pos = 0
    while True:
        citation, pos = _parse_one(text, pos)
        citations.append(citation)
        same_line = _skip_spaces(text, pos, newlines=False)
        nxt = _skip_spaces(text, pos)
        if nxt >= len(text):
            return ParsedDefinition(tuple(citations), None)
        if text[nxt] == ";":
            pos = _skip_spaces(text, nxt + 1)
            if pos >= len(text):
                return ParsedDefinition(tuple(citations), None)
            continue
        if text.startswith("--", nxt) and (nxt > pos) and (nxt + 2 >= len(text) or text[nxt + 2] in " \t\n"):
            note = text[nxt + 2 :].strip()
            return ParsedDefinition(tuple(citations), " ".join(note.split()) or None)
        if same_line < len(text) and text[same_line] == "\n":
            note = text[nxt:].strip()
            return ParsedDefinition(tuple(citations), " ".join(note.split()) or None)
        raise CitationSyntaxError(
            f"unexpected text after {citation.text!r}: {text[nxt:nxt + 30]!r}",
            'separate citations with ";" and put a note after " -- "; '
            "a quote that contains straight double quotes needs curly outer quotes “...”",
        )
