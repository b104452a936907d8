"""The pages step of a build: each page parsed, checked and (when building) rendered in
one pass, in worker processes (`workers`), and what a worker does for one source page.

A page's explainer is written (into the sink's folder, which a failed build throws
away) right after its own check, and its tokens are dropped, so memory stays bounded
by the largest page. What the rest of the site needs of a page is its small
`PageOutcome`. The jobs get what they need as a context handed to the workers when
they start (`PageContext`, `SourceContext`): page texts are never sent to them.
"""

from __future__ import annotations

import contextlib
import gc
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass


from .check import CheckResult, check_page
from .citedby import CitedBy
from .content import PageInput, parse_page
from .diagnostics import Diagnostic, has_errors
from .evidence_page import evidence_diagnostics
from .evidence_text import claim_words
from .keys import bytes_key
from .lock import cited_ranges, page_uses
from .outcome import PageInfo, PageOutcome, dependencies, summarize
from .output import write_file
from .plan import Plan
from .provenance import page_view
from .provenance_json import EntryFile
from .render import Renderer, page_file, source_file
from .sink import Sink
from .sources import Source
from .summary import summary_evidence
from .workers import Workers


@dataclass(frozen=True)
class PageContext:
    """What every page job needs besides its index, the same for the whole run."""

    sources: dict[str, Source]
    renderer: Renderer | None  # None: check only
    looks: str | None  # templates and config the pages are rendered with
    folder: str | None  # where explainers are written; None: returned as bytes
    suffix: str  # added to each file name written (see `Sink.suffix`)
    pages: list[PageInput]  # the pages to do: a job is an index into it
    parts: EntryFile | None  # where provenance.json entries go
    evidence: dict | None  # the evidence checks' aliases (`evidence.alias_index`); None: checks off
    evidence_key: str  # what the evidence checks depend on besides the page and its sources


@dataclass(frozen=True)
class SourceContext:
    """What every source page job needs besides the source's id."""

    sources: dict[str, Source]
    renderer: Renderer
    folder: str | None
    suffix: str
    cited_by: CitedBy  # what the pages citing each source left for its page


@dataclass(frozen=True)
class PagesDone:
    """What the pages step leaves: every page's outcome, in the pages' order."""

    outcomes: list[PageOutcome]
    spans: dict[str, tuple[int, int]]  # page -> where its new provenance.json entry is in `parts`
    rendered: list[str]  # the explainers written
    changed: set[str]  # the pages done now, or gone since the last build


def run_pages(plan: Plan, workers: Workers, sink: Sink | None, parts: EntryFile | None) -> PagesDone:
    """Every page not reused checked (and rendered into `sink`), in the workers; they
    are closed after, since alive beside what follows they would make the peak memory."""
    todo, pages = plan.todo, plan.inputs.pages
    ctx = PageContext(plan.inputs.sources, plan.renderer, plan.looks, str(sink.folder) if sink is not None else None,
                      sink.suffix if sink is not None else "", [pages[i] for i in todo], parts, plan.evidence,
                      plan.evidence_key)
    if plan.renderer is not None and workers.parallel(len(todo)):
        plan.renderer.compile()
    outcomes = list(plan.kept)
    spans: dict[str, tuple[int, int]] = {}
    rendered: list[str] = []
    for index, (blob, html, span) in zip(todo, workers.map(process_page, range(len(todo)), ctx)):
        outcome = PageOutcome.from_blob(blob)
        if html is not None:
            sink.write(page_file(outcome.info), html)
        if span is not None:
            spans[outcome.info.path] = span
        if outcome.looks is not None:
            rendered.append(page_file(outcome.info))
        outcomes[index] = outcome
    workers.close()
    changed = {pages[i].path for i in todo} | plan.reuse.gone({job.path for job in pages})
    return PagesDone(outcomes, spans, rendered, changed)


def process_page(ctx: PageContext, index: int) -> tuple[bytes, bytes | None, tuple[int, int] | None]:
    """One page (`ctx.pages[index]`), in a worker. Only its outcome survives: (the
    outcome pickled here, as the cache will keep it; the explainer when it is not
    written here; where its provenance.json entry was written)."""
    outcome, html, provenance = page_outcome(ctx, ctx.pages[index])
    span = ctx.parts.add(provenance) if provenance is not None else None
    return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL), html, span


def page_outcome(ctx: PageContext, job: PageInput) -> tuple[PageOutcome, bytes | None, bytes | None]:
    """Parse, check and (when building, and the page passed) render one page: its
    outcome, its explainer when `ctx.folder` is None, its provenance.json entry."""
    found: list[Diagnostic] = []
    page = parse_page(job.text, job.path, job.slug, found)
    page.digest = job.digest
    part = CheckResult([], {})
    check_page(page, ctx.sources, part)
    if ctx.evidence is not None:
        part.diagnostics.extend(evidence_diagnostics(page, part.resolved, ctx.evidence))
        part.diagnostics.extend(summary_evidence(page, part.resolved, ctx.evidence))
        claim_words.cache_clear()  # a page's claims are read again only while it is checked: kept, they fill a worker
    cited = tuple(page.cited_source_ids())
    info = PageInfo(page.path, page.slug, page.meta, page.digest)
    fields = dict(
        info=info, diagnostics=found + part.diagnostics, fixes=part.fixes, cited=cited,
        deps=dependencies(cited, ctx.sources), evidence_key=ctx.evidence_key, cited_ranges=cited_ranges(page),
        checked=(len(page.claims), sum(len(d.parsed.citations) for d in page.all_definitions if d.parsed)))
    if ctx.renderer is None or page.draft or has_errors(fields["diagnostics"]):
        return PageOutcome(**fields), None, None
    view = page_view(page, part.resolved)
    html = ctx.renderer.explainer(view)
    if ctx.folder is not None:
        write_file(ctx.folder, page_file(page), html, ctx.suffix)
        html = None
    provenance = ctx.renderer.page_provenance(view)
    outcome = PageOutcome(**fields, looks=ctx.looks, provenance_key=bytes_key(provenance), **summarize(info, view))
    del page, view, part
    gc.collect(0)  # what this page left in reference cycles (see `collector_paused`)
    return outcome, html, provenance


def render_source(ctx: SourceContext, sid: str) -> bytes | None:
    """One source page, from what the pages citing it left (`ctx.cited_by`); its bytes
    when `ctx.folder` is None, else written there."""
    uses, marks = ctx.cited_by.uses_of(sid)
    html = ctx.renderer.source_page(ctx.sources[sid], uses, marks)
    if ctx.folder is None:
        return html
    write_file(ctx.folder, source_file(sid), html, ctx.suffix)
    return None


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the pages and the site: left on, it rescans
    the sources and templates over and over and finds almost nothing (a page's own few
    cycles are collected after each page, among the youngest objects only)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def citing(pages: list[PageInput]) -> Callable[[str], list]:
    """Who cites a source, in full (claims, footnote lines, quotes), for the lock's rare
    findings: the pages that mention its id are parsed again (an outcome keeps only
    the cited ranges, so the cache stays small)."""
    def cited_by(sid: str) -> list:
        found = []
        for job in pages:
            if sid in job.text:
                found += [u for u in page_uses(parse_page(job.text, job.path, job.slug, [])) if u.source == sid]
        return found
    return cited_by
