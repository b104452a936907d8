"""Resolve every citation against the sources: findings, plus the resolved provenance
(which paragraphs, which words to mark) that rendering uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .citations import Citation, mistyped_citation
from .page_model import Definition, Page
from .diagnostics import ERROR, WARNING, Diagnostic
from .quote_diff import first_difference, missing_part
from .independence import single_origin
from .quotes import EmptyQuote, Normalized, QuotePattern, compile_quote, find_quote, join_normalized
from .sources import Source
from .summary import uncited_sentences

MAX_WINDOW = 3  # a quote missing from single paragraphs is looked for across this many
WINDOW_LIMIT = 5000  # ... in sources of at most this many paragraphs (bounded memory: joined once)
JOIN_LIMIT = 20_000_000  # characters of a source searched as one joined text
FUZZY_LIMIT = 100_000  # characters of a paragraph compared for the closest passage
FUZZY_NEEDLE = 400  # characters of the quote compared for it
SUGGEST_IDS = 3
_WORD = re.compile(r"\w(?:\S*\w)?")


@dataclass
class Resolved:
    """One citation, resolved: the source, the paragraphs, and the words to mark."""

    citation: Citation
    source: Source | None
    ok: bool
    marks: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    @property
    def numbers(self) -> range:
        return range(self.citation.start, self.citation.end + 1)


@dataclass
class Fix:
    """A locator that can be rewritten mechanically (`--fix`)."""

    path: str
    line: int  # first line of the footnote definition
    end_line: int  # its last line
    old: str  # the locator as written, e.g. ians#p3
    new: str  # the locator where the quote stands, e.g. ians#p7
    quote: str | None


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic]
    resolved: dict[tuple[str, str], list[Resolved]]  # (page path, label) -> citations
    fixes: list[Fix] = field(default_factory=list)
    mistyped: set = field(default_factory=set)  # (page path, label) of notes that read like citations


def _cited_text(source: Source, start: int, end: int) -> Normalized:
    """Normalized text of paragraphs start..end joined by spaces (for messages only)."""
    if start == end:
        return source.normalized[start - 1]
    parts = source.normalized[start - 1 : end]
    return join_normalized(parts, [len(p.text) for p in source.paragraphs[start - 1 : end]])


def locate(pattern: QuotePattern, source: Source, start: int, end: int) -> dict[int, list[tuple[int, int]]] | None:
    """Spans of the quote per paragraph number, if it stands in paragraphs start..end.

    A range is searched in place in the source's joined paragraphs, built once per
    source (`Source.joined`), not re-joined for every citation.
    """
    if start == end:
        spans = find_quote(pattern, source.normalized[start - 1])
        if spans is None:
            return None
        length = len(source.paragraphs[start - 1].text)
        clipped = [(max(s, 0), min(e, length)) for s, e in spans]
        return {start: [(s, e) for s, e in clipped if e > s]} if any(e > s for s, e in clipped) else {}
    joined = source.joined
    lo, hi = joined.bounds(start, end)
    spans = find_quote(pattern, joined.text, None, lo, hi)
    if spans is None:
        return None
    marks: dict[int, list[tuple[int, int]]] = {}
    for s, e in spans:
        for n in range(max(joined.paragraph_at(s), start), min(joined.paragraph_at(max(e - 1, s)), end) + 1):
            base, length = joined.offsets[n - 1], joined.lengths[n - 1]
            p_lo, p_hi = max(s - base, 0), min(e - base, length)
            if p_hi > p_lo:
                marks.setdefault(n, []).append((p_lo, p_hi))
    return marks


def _range_text(start: int, end: int) -> str:
    return f"p{start}" if start == end else f"p{start}-{end}"


def _joinable(source: Source) -> bool:
    """Whether the source's joined text is worth building (its map can take 16 bytes a
    character: past this size the paragraphs are searched one by one instead)."""
    return sum(len(p.text) for p in source.paragraphs) <= JOIN_LIMIT


def find_elsewhere(pattern: QuotePattern, source: Source, skip: range) -> list[str]:
    """Locators (`p7`, `p7-8`) of the other places in `source` where the quote stands.

    Single paragraphs first; then, only when the quote stands somewhere in the joined
    paragraphs at all (one search), runs of 2 and 3 of them, searched in place.
    """
    count = len(source.paragraphs)
    joined = source.joined if _joinable(source) else None
    if joined is not None and find_quote(pattern, joined.text) is None:
        return []  # (the usual case of a missing quote: one search, no paragraph or window holds it)
    found = [f"p{n}" for n in range(1, count + 1)
             if n not in skip and find_quote(pattern, source.normalized[n - 1]) is not None]
    if found or joined is None or count > WINDOW_LIMIT or count < 2:
        return found
    for width in range(2, MAX_WINDOW + 1):
        for start in range(1, count - width + 2):
            end = start + width - 1
            if start in skip and end in skip:
                continue
            lo, hi = joined.bounds(start, end)
            if find_quote(pattern, joined.text, None, lo, hi) is not None:
                found.append(_range_text(start, end))
        if found:
            return found
    return []


def closest_passage(pattern: QuotePattern, source: Source) -> tuple[str, str, float] | None:
    """(locator, passage, similarity) of the run of words most like the quote.

    The best few paragraphs are picked by partial similarity, then every run of
    about as many words as the quote is scored as a whole, so the passage shown
    is one an editor can compare word for word.
    """
    from rapidfuzz import fuzz

    needle = pattern.plain.lower()[:FUZZY_NEEDLE]
    k = max(len(needle.split()), 1)
    scored = []
    for n, norm in enumerate(source.normalized, start=1):
        if norm.text:
            scored.append((fuzz.partial_ratio(needle, norm.text[:FUZZY_LIMIT].lower()), -n, n))
    best = None
    for _, _, n in sorted(scored, reverse=True)[:3]:
        norm = source.normalized[n - 1]
        words = [m.span() for m in _WORD.finditer(norm.text[:FUZZY_LIMIT])]
        for size in ({k - 1, k, k + 1} if k >= 3 else {k}):
            for i in range(0, max(len(words) - size, 0) + 1):
                s, e = words[i][0], words[min(i + size, len(words)) - 1][1]
                score = fuzz.ratio(needle, norm.text[s:e].lower())
                if best is None or score > best[0]:
                    best = (score, n, s, e)
    if best is None or best[0] < 40:
        return None
    score, n, s, e = best
    lo, hi = source.normalized[n - 1].original_span(s, e)
    return f"{source.id}#p{n}", source.paragraphs[n - 1].text[lo:hi], round(score / 100, 2)


def _other_sources_with(pattern: QuotePattern, sources: dict[str, Source], skip: str) -> list[str]:
    hits = []
    for sid in sorted(sources):
        if sid == skip:
            continue
        source = sources[sid]
        if _joinable(source) and find_quote(pattern, source.joined.text) is None:
            continue  # (one search of the whole source rules out each of its paragraphs)
        for n in range(1, len(source.paragraphs) + 1):
            if find_quote(pattern, source.normalized[n - 1]) is not None:
                hits.append(f"{sid}#p{n}")
                break
    return hits


def _where_quote_stands(c: Citation, source: Source) -> str | None:
    """The locator of the paragraph(s) of `source` where a citation's quote stands."""
    if c.quote is None:
        return None
    try:
        pattern = compile_quote(c.quote)
    except EmptyQuote:
        return None
    found = find_elsewhere(pattern, source, range(0))
    return f"{source.id}#{found[0]}" if found else None


def _unknown_source(c: Citation, sources: dict[str, Source], diag) -> Diagnostic:
    """An unknown source id, with the closest ids as the hint."""
    from rapidfuzz import fuzz, process

    close = [m[0] for m in process.extract(c.source_id, sorted(sources), scorer=fuzz.ratio, limit=SUGGEST_IDS,
                                           score_cutoff=50)]
    hint = (
        "did you mean " + " or ".join(repr(i) for i in close) + "?"
        if close
        else "run 'python build.py sources' to list the source ids"
    )
    return diag("unknown-source", f"unknown source {c.source_id!r} in {c.text}", hint)


def _bad_paragraphs(c: Citation, source: Source, diag) -> Diagnostic | None:
    """Paragraphs the source does not have: where the quote stands, when it does."""
    count = len(source.paragraphs)
    if c.start < 1 or c.end < 1:
        why = "paragraphs are numbered from 1"
    elif c.last is not None and c.last <= c.start:
        why = "a range #pN-M needs M greater than N"
    elif c.end > count:
        why = f"{source.id} has {count} paragraph{'s' * (count != 1)}"
    else:
        return None
    hint = f"cite a paragraph from 1 to {count}; 'python build.py sources {source.id}' lists them"
    stands = _where_quote_stands(c, source)
    if stands:
        hint = f"the quote stands in {stands}: cite {stands}"
    return diag("bad-paragraph", f"{c.locator} does not exist: {why}", hint)


def _short(quote: str) -> str:
    return quote if len(quote) <= 80 else quote[:77] + "..."


def _quote_missing(c: Citation, pattern: QuotePattern, source: Source, sources: dict[str, Source], diag
                   ) -> Diagnostic:
    """A quote missing from the cited paragraphs: the hint says what an editor can do."""
    short = _short(c.quote)
    hints = []
    part = missing_part(c.quote, _cited_text(source, c.start, c.end))
    if part:
        hints.append(f"in {c.locator}, {part}")
    closest = closest_passage(pattern, source)
    if closest:
        hints.append(f'closest passage is {closest[0]} "{closest[1]}" (similarity {closest[2]:.2f})')
        difference = None if part else first_difference(c.quote, closest[1])
        if difference:
            hints.append(difference)
    others = _other_sources_with(pattern, sources, source.id)
    if others:
        hints.append("the exact quote stands in " + ", ".join(others[:3]))
    return diag("quote-not-found", f"quote not found in {c.locator}: \"{short}\"", "; ".join(hints) or None)


def check_citation(c: Citation, sources: dict[str, Source], where: str, line: int,
                   end_line: int = 0) -> tuple[Resolved, list[Diagnostic], Fix | None]:
    """One citation against the sources: resolved (the paragraphs and the words to
    mark), the findings, and a mechanical fix when the quote stands in one other place."""
    def diag(code: str, message: str, hint: str | None, severity: str = ERROR) -> Diagnostic:
        return Diagnostic(where, line, 1, severity, code, message, hint)

    source = sources.get(c.source_id)
    if source is None:
        return Resolved(c, None, False), [_unknown_source(c, sources, diag)], None
    bad = _bad_paragraphs(c, source, diag)
    if bad is not None:
        return Resolved(c, source, False), [bad], None
    if c.quote is None:
        return Resolved(c, source, True), [], None
    try:
        pattern = compile_quote(c.quote)
    except EmptyQuote:
        empty = diag("bad-citation", f"empty quote in {c.text}", "quote the words the claim relies on")
        return Resolved(c, source, False), [empty], None
    marks = locate(pattern, source, c.start, c.end)
    if marks is not None:
        return Resolved(c, source, True, marks), [], None
    elsewhere = find_elsewhere(pattern, source, range(c.start, c.end + 1))
    if not elsewhere:
        return Resolved(c, source, False), [_quote_missing(c, pattern, source, sources, diag)], None
    short = _short(c.quote)
    where_list = " and ".join(f"{source.id}#{loc}" for loc in elsewhere[:5])
    fix = None
    if len(elsewhere) == 1:
        fix = Fix(where, line, max(end_line, line), c.locator, f"{source.id}#{elsewhere[0]}", c.quote)
    return Resolved(c, source, False), [
        diag("quote-elsewhere", f"quote not in {c.locator} but in {where_list}: \"{short}\"",
             f"cite {source.id}#{elsewhere[0]}" + (" (it stands in more than one place)" if len(elsewhere) > 1 else ""))
    ], fix


def _check_definition(d: Definition, page: Page, sources, out: CheckResult) -> None:
    if d.duplicate_of is not None:
        out.diagnostics.append(Diagnostic(page.path, d.line, 1, ERROR, "duplicate-footnote",
                                          f"footnote [^{d.label}] is defined twice (first on line {d.duplicate_of})",
                                          "give each footnote its own label, or merge the two definitions"))
        return
    if not d.is_citation:
        out.resolved[(page.path, d.label)] = []
        mistyped = mistyped_citation(d.raw, sources)
        if mistyped is not None:
            out.mistyped.add((page.path, d.label))
            out.diagnostics.append(Diagnostic(page.path, d.line, 1, ERROR, "bad-citation", mistyped[0], mistyped[1]))
        return
    if d.error is not None:
        out.diagnostics.append(Diagnostic(page.path, d.line, 1, ERROR, "bad-citation", d.error.message, d.error.hint))
        out.resolved[(page.path, d.label)] = []
        return
    results = []
    for c in d.parsed.citations:
        resolved, diags, fix = check_citation(c, sources, page.path, d.line, d.end_line)
        results.append(resolved)
        out.diagnostics.extend(diags)
        if fix:
            out.fixes.append(fix)
    out.resolved[(page.path, d.label)] = results


def check_page(page: Page, sources: dict[str, Source], out: CheckResult) -> None:
    for d in page.all_definitions:
        _check_definition(d, page, sources, out)
    referenced = {r.label for r in page.refs}
    for r in page.refs:
        if r.label not in page.definitions:
            out.diagnostics.append(Diagnostic(page.path, r.line, r.column, ERROR, "undefined-footnote",
                                              f"footnote [^{r.label}] has no definition on this page",
                                              f"add a line '[^{r.label}]: source-id#pN \"quoted words\"'"))
    for label, d in page.definitions.items():
        if label not in referenced:
            out.diagnostics.append(Diagnostic(page.path, d.line, 1, WARNING, "unused-footnote",
                                              f"footnote [^{label}] is defined but never referenced",
                                              f"put [^{label}] after the words it backs, or delete the definition"))
    out.diagnostics.extend(single_origin(page, out.resolved))
    out.diagnostics.extend(uncited_sentences(page, out.mistyped))
    for claim in page.claims:
        if claim.editorial:
            continue
        cited = any(
            r.label not in page.definitions or page.definitions[r.label].is_citation
            or (page.path, r.label) in out.mistyped for r in claim.refs
        )
        if not cited:
            more = "..." if len(claim.text) > 60 else ""
            out.diagnostics.append(Diagnostic(page.path, claim.line, 1, WARNING, "uncited-claim",
                                              f"claim has no citation: \"{claim.text[:60]}{more}\"",
                                              "cite a source paragraph with [^label], or mark the paragraph "
                                              "editorial with a line {.editorial} above it"))
