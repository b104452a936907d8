"""The page model: what an explainer's Markdown says, typed, and the markdown-it core
rule that fills it at the end of the parse (as mdit-py-plugins' footnote plugin fills
`env["footnotes"]`). Rendering reads the model; nothing edits tokens afterwards.

A claim's paragraph tokens and a reference's token carry only their index in the
model (`meta["claim"]`, `meta["ref"]`), as a footnote reference carries its id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from .citations import CitationSyntaxError, ParsedDefinition, looks_like_citation, parse_definition
from .diagnostics import ERROR, Diagnostic
from .keep_with_word import keep_markers_with_words
from .mdtext import inline_text
from .slug import AnchorSet, slugify

EDITORIAL_CLASS = "editorial"
ANCHOR_WORDS = 6
KEPT_HTML_ATTRS = ("id", "class")  # what a block's {attributes} show in the HTML


@dataclass
class FootnoteRef:
    """A `[^label]` in the text. (Its claim lists it, not the other way round: no
    reference cycles, so a page's objects are freed as soon as it is done.)"""

    label: str
    line: int
    column: int


@dataclass
class Definition:
    """A footnote definition `[^label]: ...`, with its citations parsed when it is one."""

    label: str
    line: int
    raw: str
    is_citation: bool
    parsed: ParsedDefinition | None = None
    error: CitationSyntaxError | None = None
    duplicate_of: int | None = None  # line of the first definition of this label
    end_line: int = 0  # last line of the definition (continuation lines included)


@dataclass
class Claim:
    """A paragraph of the page's text (outside footnotes): what the page asserts."""

    anchor: str
    line: int
    text: str
    refs: list[FootnoteRef] = field(default_factory=list)
    editorial: bool = False
    attrs: dict = field(default_factory=dict)

    @property
    def rating(self) -> str | None:
        return self.attrs.get("rating") or None

    @property
    def accepts(self) -> list:
        """The evidence findings an editor checked by hand ({checked="CODE: reason"})."""
        from .accepts import parse_accepts

        return parse_accepts(self.attrs.get("checked"))[0]


@dataclass
class Page:
    """One explainer, parsed: its front matter and what its Markdown says. `check`
    resolves its citations; `provenance` views it for the templates."""

    path: str  # relative to the project root
    slug: str  # output name without .html, e.g. "national-consensus"
    meta: dict
    digest: str = ""
    claims: list[Claim] = field(default_factory=list)
    refs: list[FootnoteRef] = field(default_factory=list)  # in text order; tokens' meta["ref"] indexes it
    definitions: dict[str, Definition] = field(default_factory=dict)  # the first of each label
    all_definitions: list[Definition] = field(default_factory=list)
    body: list = field(default_factory=list)  # the tokens to render: footnote definitions left out
    notes: dict[str, list] = field(default_factory=dict)  # a plain note's tokens, by label
    summary: object = None  # a summary that cites (summary.Summary): its sentences; its refs open `refs`

    @property
    def title(self) -> str:
        return self.meta.get("title") or self.slug

    def cited_source_ids(self) -> list[str]:
        return sorted({c.source_id for d in self.all_definitions if d.parsed for c in d.parsed.citations})

    @property
    def draft(self) -> bool:
        return self.meta.get("draft") is True


_QUOTE_MARKER = re.compile(r"[ \t]{0,3}>[ \t]?")


def _definition_raw(lines: list[str], start: int, end: int, label: str, quotes: int = 0) -> str:
    """The raw text after `[^label]:`, continuation lines included, un-indented, and
    without the `>` markers of the `quotes` block quotes it stands in (SPEC v2: they
    are the container's, not the definition's text)."""
    first = lines[start]
    marker = f"[^{label}]:"
    pos = first.find(marker)
    body = [first[pos + len(marker):] if pos >= 0 else first]
    for line in lines[start + 1 : end]:
        for _ in range(quotes):
            m = _QUOTE_MARKER.match(line)
            if m is None:
                break  # a lazy continuation line
            line = line[m.end():]
        body.append(line)
    while body and not body[-1].strip():
        body.pop()
    return "\n".join(line.strip() for line in body)


class _Reading:
    """One page's walk over its tokens: the block tokens open around the current one,
    and the anchors taken so far."""

    def __init__(self, page: Page, lines: list[str], anchors: AnchorSet):
        self.page, self.lines, self.anchors = page, lines, anchors
        self.stack: list = []

    def definition(self, tok) -> None:
        page, label = self.page, tok.meta["label"]
        start, end = tok.map
        raw = _definition_raw(self.lines, start, end, label, sum(t.type == "blockquote_open" for t in self.stack))
        d = Definition(label, start + 1, raw, looks_like_citation(raw), end_line=max(end, start + 1))
        if d.is_citation:
            try:
                d.parsed = parse_definition(raw)
            except CitationSyntaxError as exc:
                d.error = exc
        if label in page.definitions:
            d.duplicate_of = page.definitions[label].line
        else:
            page.definitions[label] = d
        page.all_definitions.append(d)

    def claim(self, tok, parent, close, line: int) -> Claim:
        """A paragraph outside footnotes: a claim, its anchor the editor's or one made
        from its first words."""
        claims = self.page.claims
        text = " ".join(inline_text(tok.children).split())
        attrs = {k: str(v) for k, v in parent.attrs.items()}
        anchor = attrs.get("id") or self.anchors.take(slugify(text, ANCHOR_WORDS), f"claim-{len(claims) + 1}")
        if anchor[0].isdigit() and not attrs.get("id"):
            self.anchors.used.discard(anchor)
            anchor = self.anchors.take("c-" + anchor)
        editorial = any(EDITORIAL_CLASS in str(t.attrs.get("class", "")).split() for t in self.stack)
        claim = Claim(anchor, line, text, editorial=editorial, attrs=attrs)
        parent.meta["claim"] = close.meta["claim"] = len(claims)
        claims.append(claim)
        return claim

    def references(self, tok, line: int, claim: Claim | None) -> None:
        """The `[^label]` of an inline run, each with its line and column."""
        offset = 0
        seen_on_line: dict[tuple, int] = {}
        for child in tok.children or ():
            if child.type in ("softbreak", "hardbreak"):
                offset += 1
            elif child.type == "footnote_ref":
                label = child.meta["label"]
                ref_line = line + offset
                key = (ref_line, label)
                # from where the same label was last found on the line: linear in the
                # line however often it repeats (SPEC v2 section 5)
                after = seen_on_line.get(key, -1)
                text = self.lines[ref_line - 1] if 0 < ref_line <= len(self.lines) else ""
                at = text.find(f"[^{label}]", after + 1) if after >= -1 else -1
                seen_on_line[key] = at if at >= 0 else -2
                ref = FootnoteRef(label, ref_line, at + 1 if at >= 0 else 1)
                child.meta["ref"] = len(self.page.refs)
                self.page.refs.append(ref)
                if claim is not None:
                    claim.refs.append(ref)


def _explicit_anchors(tokens: list, where: str, diags: list) -> AnchorSet:
    """The editors' `{#anchor}`s, taken first so generated anchors never take their names."""
    anchors = AnchorSet()
    explicit: dict[str, int] = {}
    for tok in tokens:
        if tok.type == "paragraph_open" and tok.attrs.get("id"):
            anchor = str(tok.attrs["id"])
            line = tok.map[0] + 1 if tok.map else 1
            if anchor in explicit:
                diags.append(Diagnostic(where, line, 1, ERROR, "duplicate-anchor",
                                        f"anchor {anchor!r} is already used on line {explicit[anchor]}",
                                        "give each claim its own {#anchor}"))
            else:
                explicit[anchor] = line
                anchors.used.add(anchor)
    return anchors


def read_page_model(state: StateCore) -> None:
    """The core rule: fills `env["page"]` (a `Page`) from the tokens; findings go to
    `env["diags"]`. Without a page in `env` the parse is left as it is."""
    page = state.env.get("page")
    if page is None:
        return
    tokens = state.tokens
    reading = _Reading(page, state.src.split("\n"), _explicit_anchors(tokens, page.path, state.env["diags"]))
    stack = reading.stack
    for index, tok in enumerate(tokens):
        if tok.nesting == 1:
            stack.append(tok)
        elif tok.nesting == -1 and stack:
            stack.pop()
        if tok.type == "footnote_reference_open":
            reading.definition(tok)
        elif tok.type == "inline":
            parent = tokens[index - 1] if index else None
            line = tok.map[0] + 1 if tok.map else (parent.map[0] + 1 if parent is not None and parent.map else 1)
            claim = None
            if (parent is not None and parent.type == "paragraph_open"
                    and not any(t.type == "footnote_reference_open" for t in stack)):
                claim = reading.claim(tok, parent, tokens[index + 1], line)
            reading.references(tok, line, claim)
    _split_notes(tokens, page)


def _split_notes(tokens: list, page: Page) -> None:
    """The body (footnote definitions left out: a citation is shown from its resolved
    data, never its tokens) and each plain note's own tokens. The body's blocks keep
    only the attributes HTML shows: a claim's rating or claimant is the model's data."""
    depth, label, citation = 0, None, False
    definitions = iter(page.all_definitions)  # one for each footnote_reference_open, in order
    for tok in tokens:
        if tok.type == "footnote_reference_open":
            depth += 1
            label = tok.meta["label"]
            definition = next(definitions)
            if depth == 1:
                citation = definition.is_citation
            if not citation:
                page.notes.setdefault(label, [])
        elif tok.type == "footnote_reference_close":
            depth -= 1
        elif not depth:
            if tok.attrs and tok.type != "paragraph_open":
                tok.attrs = {k: v for k, v in tok.attrs.items() if k in KEPT_HTML_ATTRS}
            page.body.append(tok)
        elif not citation:
            page.notes[label].append(tok)
    keep_markers_with_words(page.body)


def page_model_plugin(md: MarkdownIt) -> None:
    """Use last: the rule reads the tokens every other rule has made."""
    md.core.ruler.push("page_model", read_page_model)
