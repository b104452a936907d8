"""A page's summary as cited sentences: "the answer in a few cited sentences".

The front matter's `summary` may carry the page's footnote references (`[^3]`). Each
sentence of such a summary is a claim of its own: its references are resolved against
the page's own definitions, checked like the body's (undefined, unused, quote, evidence
checks), with findings at the sentence's line and column inside the front matter, and
rendered with the same markers and panel as the body's claims. A summary without a
reference stays the plain text it always was.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.footnote import footnote_plugin

from .page_model import Claim, FootnoteRef, Page
from .diagnostics import WARNING, Diagnostic
from .keep_with_word import keep_markers_with_words

# a summary is plain text plus markers: no emphasis or links, as a plain summary shows none
_MD = MarkdownIt("zero").use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
_KEY = re.compile(r"summary\s*:")
# a sentence ends with . ! or ? (a closing quote or bracket may follow) and a space
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")
SENTENCE = "summary_sentence"  # the token that holds a sentence (a span the panel script finds)


@dataclass
class Summary:
    """The summary's inline token (rendered like a claim's) and its sentences, each a
    `Claim` whose refs point into the front matter."""

    tokens: list
    sentences: list[Claim]
    line: int  # the front matter line of `summary:`

    @property
    def refs(self) -> list[FootnoteRef]:
        return [r for s in self.sentences for r in s.refs]

    @property
    def cited(self) -> bool:
        return bool(self.refs)


class _Places:
    """Finds each `[^label]` (and each sentence's first words) in the front matter's
    lines, in order, from the `summary:` line on: file line and column."""

    def __init__(self, fm, key_line: int):
        self.lines = (fm.yaml_text or "").split("\n")
        self.first = fm.first_line
        self.row, self.col = key_line - fm.first_line, 0

    def find(self, text: str, advance: bool, start: tuple[int, int] | None = None) -> tuple[int, int] | None:
        row, col = start or (self.row, self.col)
        while 0 <= row < len(self.lines):
            at = self.lines[row].find(text, col)
            if at >= 0:
                if advance:
                    self.row, self.col = row, at + len(text)
                return row + self.first, at + 1
            row, col = row + 1, 0
        return None


def _key_line(fm) -> int:
    for index, line in enumerate((fm.yaml_text or "").split("\n")):
        if _KEY.match(line):
            return index + fm.first_line
    return fm.first_line


def read_summary(fm, meta: dict, where: str) -> Summary | None:
    """The cited summary of a page (None when it cites nothing). `meta["summary"]`
    becomes its plain text, markers removed, for the home page, feed and description."""
    text = meta.get("summary")
    if not text or "[^" not in text:
        return None
    tokens = _MD.parseInline(text, {})
    key_line = _key_line(fm)
    reader = _Sentences(_Places(fm, key_line), key_line)
    for child in tokens[0].children or ():
        if child.type == "footnote_ref":
            reader.ref(child)
        else:
            reader.text(child)
    tokens[0].children = reader.finish()
    keep_markers_with_words(tokens)
    meta["summary"] = " ".join(s.text for s in reader.sentences if s.text)
    return Summary(tokens, reader.sentences, key_line)


class _Sentences:
    """Reads a summary's inline tokens into sentences (`Claim`s), and gives the tokens
    back with each sentence in a `claim` span: the panel repeats the sentence, and
    arriving from its note highlights it."""

    def __init__(self, places: _Places, key_line: int):
        self.places, self.key_line = places, key_line
        self.sentences: list[Claim] = []
        self.words: list[str] = []
        self.refs: list[FootnoteRef] = []
        self.begun = (places.row, places.col)  # where the sentence being read is looked for
        self.out: list[Token] = [_span(1)]
        self.count = 0  # references read so far

    def ref(self, child: Token) -> None:
        label = child.meta["label"]
        line, column = self.places.find(f"[^{label}]", True) or (self.key_line, 1)
        child.meta["ref"] = self.count  # (its index in the page's refs, which the summary's open)
        self.count += 1
        self.refs.append(FootnoteRef(label, line, column))
        self.out.append(child)

    def text(self, child: Token) -> None:
        piece = " " if child.type in ("softbreak", "hardbreak") else child.content
        # (a space between two markers, "[^a] [^b]", keeps them in one sentence)
        if self.refs and piece[:1].isspace() and piece.strip() and _ENDS_SENTENCE.search("".join(self.words).rstrip()):
            self.flush()  # (the markers closed the sentence before this text)
        if child.type != "text":
            self.words.append(piece)
            self.out.append(child)
            return
        pos = 0
        for end in _SENTENCE_END.finditer(piece):
            self.words.append(piece[pos:end.end()])
            self.out.append(_text(piece[pos:end.end()]))
            pos = end.end()
            self.flush()
        self.words.append(piece[pos:])
        self.out.append(_text(piece[pos:]))

    def flush(self) -> None:
        said = " ".join("".join(self.words).split())
        if said or self.refs:
            # (found by its first word: the YAML may have folded the line after it)
            first = said.split(" ", 1)[0]
            start = self.places.find(first, False, self.begun) if said else None
            line = start[0] if start else (self.refs[0].line if self.refs else self.key_line)
            self.sentences.append(Claim(f"summary-{len(self.sentences) + 1}", line, said, list(self.refs)))
            if start:  # the next sentence is looked for after this one's first word
                self.begun = max(self.begun, (start[0] - self.places.first, start[1] - 1 + len(first)))
        self.words.clear()
        self.refs.clear()
        self.begun = max(self.begun, (self.places.row, self.places.col))
        self.out += [_span(-1), _span(1)]

    def finish(self) -> list[Token]:
        self.flush()
        self.out.pop()  # (the span the last flush opened)
        kept: list[Token] = []
        for tok in self.out:  # without empty spans, and the spaces between sentences outside them
            if tok.type == "text" and kept and kept[-1].type == SENTENCE and kept[-1].nesting == 1:
                lead = tok.content[: len(tok.content) - len(tok.content.lstrip())]
                if lead:
                    kept.insert(len(kept) - 1, _text(lead))
                    tok = _text(tok.content[len(lead):])
            if tok.type == SENTENCE and tok.nesting == -1 and kept and kept[-1].type == "text":
                trail = kept[-1].content[len(kept[-1].content.rstrip()):]
                if trail:
                    kept[-1] = _text(kept[-1].content.rstrip())
                    kept += [tok, _text(trail)]
                    continue
            if tok.type == "text" and not tok.content:
                continue
            if tok.nesting == -1 and kept and kept[-1].nesting == 1 and kept[-1].type == SENTENCE:
                kept.pop()
                continue
            kept.append(tok)
        return kept


def _span(nesting: int) -> Token:
    tok = Token(SENTENCE, "span", nesting)
    if nesting == 1:
        tok.attrs = {"class": "claim summary-sentence"}
    return tok


def _text(content: str) -> Token:
    tok = Token("text", "", 0)
    tok.content = content
    return tok


def uncited_sentences(page: Page, mistyped: set) -> list[Diagnostic]:
    """A cited summary's sentences that cite nothing (as `uncited-claim` for a claim)."""
    summary = getattr(page, "summary", None)
    if summary is None:
        return []
    out = []
    for s in summary.sentences:
        if any(r.label not in page.definitions or page.definitions[r.label].is_citation
               or (page.path, r.label) in mistyped for r in s.refs):
            continue
        short = s.text[:60] + ("..." if len(s.text) > 60 else "")
        out.append(Diagnostic(page.path, s.line, 1, WARNING, "uncited-claim",
                              f"summary sentence has no citation: \"{short}\"",
                              "end the sentence with the [^label] of the note that backs it, as in the body"))
    return out


def summary_evidence(page: Page, resolved: dict, aliases: dict) -> list[Diagnostic]:
    """The evidence checks of the summary's sentences, as the body's claims get them:
    each sentence says no more than the paragraphs it cites."""
    summary = getattr(page, "summary", None)
    if summary is None:
        return []
    from .evidence_page import evidence_diagnostics

    return evidence_diagnostics(dataclasses.replace(page, claims=summary.sentences), resolved, aliases)


def summary_html(md: MarkdownIt, view, path: str) -> Markup | None:
    """The cited summary rendered by the body's renderer (`md`): the same markers."""
    summary = getattr(view.page, "summary", None)
    if summary is None:
        return None
    env = {"view": view, "claims": {}, "page_file": path, "corrected": {}}
    return Markup(md.renderer.render(summary.tokens, md.options, env).strip())
