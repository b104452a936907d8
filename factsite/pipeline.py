"""The build, in one direction: read every input, check every page, render, publish.

Pages are checked and rendered in one pass, in parallel: a page's explainer is
written (into a staging folder that a failed build throws away) right after its own
check, and its tokens are dropped, so memory stays bounded by the largest page. What
the rest of the site needs of a page is its small `PageOutcome`. Nothing is
published unless every page and source passed; `output` does the publishing.

With a cache (the disk cache of `build.py`, the live preview's memory), a page whose
text, cited sources, templates and configuration are unchanged is neither parsed,
checked nor rendered: its outcome is reused and its file taken from the previous site.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .cache import BuildCache, bytes_key, joined, key, short_key, unpack_outcome
from .check import CheckResult, check_page
from .config import SiteConfig, load_config
from .content import PageInput, parse_page, read_pages
from .diagnostics import Diagnostic, has_errors, sorted_diagnostics
from .evidence import alias_index
from .evidence_page import evidence_diagnostics
from .outcome import PageInfo, PageOutcome, dependencies, summarize
from .output import write_file
from .provenance import page_view
from .render import Renderer, page_file, source_file, static_files, templates_key
from .sources import Source, input_manifests, load_sources
from .summary import summary_evidence
from .citedby import CitedBy, Finder, cite_counts
from .provenance_json import NAME as PROVENANCE, EntryFile, provenance_frame, provenance_key, provenance_writer
from .workers import Aside, Workers
from .lock import Lock, LockMemo, cited_ranges, page_uses
from .independence import relate


EVIDENCE_VERSION = 1  # raised when the evidence checks change what they find (cached outcomes go)


def evidence_checks_on() -> bool:
    """FACTSITE_EVIDENCE=off turns the evidence checks off (for measuring their cost)."""
    return os.environ.get("FACTSITE_EVIDENCE", "on").lower() not in ("off", "0", "no")


class ProjectMissing(Exception):
    """The check cannot run at all (exit status 2)."""


@dataclass
class Result:
    root: Path
    config: SiteConfig
    sources: dict[str, Source]
    outcomes: list[PageOutcome]
    diagnostics: list[Diagnostic]
    manifest: dict  # input files as they were when read
    files: dict[str, str] = field(default_factory=dict)  # output file -> render key
    rendered: list[str] = field(default_factory=list)  # output files rendered (not reused)
    provenance: tuple = ()  # (spans of pages in provenance.json, its size)
    sources_stamp: str = ""  # digest of every source's id, path and digest
    looks: str | None = None  # templates and config of this build
    later: Callable[[], tuple] | None = None  # writes provenance.json, returns `provenance` (deferred)
    provenance_frame: tuple = ()  # see `provenance_frame`, when provenance.json was written

    lock: Lock | None = None  # sources.lock as read
    lock_fixes: list = field(default_factory=list)  # citations whose locked text moved (`--fix`)

    @property
    def fixes(self) -> list:
        found = [f for o in self.outcomes for f in o.fixes]
        done = {(f.path, f.line, f.old) for f in found}
        return found + [f for f in self.lock_fixes if (f.path, f.line, f.old) not in done]

    citing: Callable[[str], list] | None = None  # a source -> its citations in full (`_citing`)

    @property
    def cited_ranges(self) -> list:
        return [r for o in self.outcomes for r in o.cited_ranges]

    @property
    def checked(self) -> tuple[int, int, int]:
        """(pages, claims, citations) checked, for the one line of a check with no finding."""
        return (len(self.outcomes), sum(o.checked[0] for o in self.outcomes),
                sum(o.checked[1] for o in self.outcomes))

    @property
    def published_pages(self) -> list[PageOutcome]:
        return [o for o in self.outcomes if not o.info.draft]

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


# --- what forked workers see (set before the pool starts) --------------------------

@dataclass
class _Context:
    sources: dict[str, Source]
    renderer: Renderer | None  # None: check only
    looks: str | None
    folder: str | None  # where explainers are written; None: returned as bytes
    suffix: str = ""
    pages: list[PageInput] = field(default_factory=list)  # the pages to do (workers inherit them)
    parts: EntryFile | None = None  # where provenance.json entries go
    cited_by: "CitedBy | None" = None  # for source pages
    evidence: dict | None = None  # the evidence checks' aliases (`evidence.alias_index`); None: checks off
    evidence_key: str = ""  # what the evidence checks depend on besides the page and its sources


_CTX: _Context | None = None


def _process_page(index: int) -> tuple[bytes, bytes | None, tuple[int, int] | None]:
    """Parse, check and (when building) render one page (`_CTX.pages[index]`, inherited:
    page texts are not sent to workers). Only its outcome survives: (the outcome
    pickled here, in the worker, as the cache will keep it; the explainer when it is
    not written here; where its provenance.json entry was written)."""
    ctx = _CTX
    outcome = _page_outcome(ctx.pages[index])
    html, provenance = outcome.html, outcome.provenance
    outcome.html = outcome.provenance = None
    span = ctx.parts.add(provenance) if provenance is not None else None
    return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL), html, span


def _page_outcome(job: PageInput) -> PageOutcome:
    ctx = _CTX
    found: list[Diagnostic] = []
    page = parse_page(job.text, job.path, job.slug, found)
    page.digest = job.digest
    part = CheckResult([], {})
    check_page(page, ctx.sources, part)
    if ctx.evidence is not None:
        part.diagnostics.extend(evidence_diagnostics(page, part.resolved, ctx.evidence))
        part.diagnostics.extend(summary_evidence(page, part.resolved, ctx.evidence))
    cited = tuple(page.cited_source_ids())
    outcome = PageOutcome(PageInfo(page.path, page.slug, page.meta, page.digest), found + part.diagnostics,
                          part.fixes, cited, dependencies(cited, ctx.sources))
    outcome.evidence_key = ctx.evidence_key
    outcome.checked = (len(page.claims), sum(len(d.parsed.citations) for d in page.all_definitions if d.parsed))
    outcome.cited_ranges = cited_ranges(page)
    if ctx.renderer is None or not outcome.ok or page.draft:
        return outcome
    view = page_view(page, part.resolved)
    html = ctx.renderer.explainer(view)
    if ctx.folder is None:
        outcome.html = html
    else:
        write_file(ctx.folder, page_file(page), html, ctx.suffix)
    outcome.looks = ctx.looks
    outcome.provenance = ctx.renderer.page_provenance(view)
    outcome.provenance_key = bytes_key(outcome.provenance)
    summarize(outcome, view)
    del page, view, part
    gc.collect(0)  # what this page left in reference cycles (see `run`)
    return outcome


def _render_source(sid: str) -> bytes | None:
    """One source page, from what the pages citing it left (`_CTX.cited_by`, set
    before the workers for source pages are forked: nothing is sent to them)."""
    ctx = _CTX
    uses, marks = ctx.cited_by.uses_of(sid)
    html = ctx.renderer.source_page(ctx.sources[sid], uses, marks)
    if ctx.folder is None:
        return html
    write_file(ctx.folder, source_file(sid), html, ctx.suffix)
    return None


class Clock:
    """Phase timings on stderr when FACTSITE_TIMINGS is set (for profiling the build)."""

    def __init__(self):
        import time

        self.now = time.perf_counter
        self.on = bool(os.environ.get("FACTSITE_TIMINGS"))
        self.last = self.now()
        self.cpu = time.process_time()

    def __call__(self, phase: str) -> None:
        if self.on:
            import sys
            import time

            t = self.now()
            try:  # Linux: this process's resident memory
                with open("/proc/self/statm") as fh:
                    memory = f" (this process: {int(fh.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') // 2**20} MB)"
            except OSError:
                memory = ""
            cpu = time.process_time()
            print(f"timing: {phase} {t - self.last:.3f} s, this process's CPU {cpu - self.cpu:.3f} s{memory}",
                  file=sys.stderr)
            self.last, self.cpu = t, cpu


# --- the run ------------------------------------------------------------------------

def _explainer_key(looks: str, outcome: PageOutcome) -> str:
    memo = outcome.__dict__.get("_explainer_key")
    if memo is None or memo[0] != looks:
        memo = (looks, key("explainer", looks, outcome.info.path, outcome.info.slug, outcome.info.digest, outcome.deps))
        outcome.__dict__["_explainer_key"] = memo  # (not pickled: see PageOutcome.__getstate__)
    return memo[1]


def _sources_stamp(sources: dict[str, Source]) -> str:
    return key([(sid, s.path, s.digest) for sid, s in sources.items()])


def _reusable(cached: PageOutcome | None, job: PageInput, sources: dict[str, Source], looks: str | None,
              same_sources: bool, evidence_key: str = "") -> bool:
    """The cached outcome still holds: same text, same cited sources, same looks, same
    evidence checks (and aliases)."""
    if cached is None or cached.info.digest != job.digest or cached.info.slug != job.slug or not cached.ok:
        return False
    if cached.evidence_key != evidence_key:
        return False
    if not same_sources and dependencies(cached.cited, sources) != cached.deps:
        return False
    return looks is None or cached.info.draft or cached.looks == looks


def load_inputs(root: Path, cache: BuildCache | None, overrides: Callable | None = None, watching: bool = False):
    """Config, sources, page files, findings, and the input manifest they were read at.

    `watching` (the live preview): files whose size and modification time are as at
    the last build are not read again, as a file watcher decides what changed, and
    those are learnt from `cache.watch` (an `InputWatch`) when it has one.
    `build.py` always reads and hashes every file.
    """
    root = Path(root)
    missing = [name for name in ("content", "sources") if not (root / name).is_dir()]
    if missing:
        raise ProjectMissing(f"{root}: no {' or '.join(m + '/' for m in missing)} folder; is this a project root?")
    diags: list[Diagnostic] = []
    watch = cache.watch if watching and cache is not None else None
    folders = watch.manifests() if watch is not None else input_manifests(root)
    manifest = {**folders["content"], **folders["sources"]}
    config = load_config(root, diags)
    if overrides is not None:
        config = overrides(config)
    seen = cache.inputs if watching and cache is not None else None
    source_files = folders["sources"]
    if seen is not None and seen.get("sources", (None,))[0] == source_files:
        sources, source_diags = seen["sources"][1]
    else:
        sources, source_diags = load_sources(root, cache.reader_cache() if cache is not None else None)
    memo = seen.get("pages", {}) if seen is not None else None
    page_files = folders["content"]
    jobs, page_diags, listing = read_pages(root, page_files, memo, seen.get("page files") if seen is not None else None)
    if seen is not None:
        seen["sources"] = (source_files, (sources, source_diags))
        seen["pages"] = {job.path: (page_files.get(job.path), job) for job in jobs}
        seen["page files"] = listing
    return config, sources, jobs, diags + source_diags + page_diags, manifest


def run(root: Path, cache: BuildCache | None = None, sink=None, jobs: int | None = None,
        overrides: Callable[[SiteConfig], SiteConfig] | None = None, watching: bool = False,
        defer_provenance: bool = False) -> Result:
    """Check the project; with a `sink` (see `output`), also render the site into it.

    `cache` is read, never written: the caller keeps the result's state only once the
    site is published (`remember`). With `defer_provenance` (the live preview), a
    provenance.json to be rewritten is left to `Result.later`, for the caller to call
    once the rest is in place.
    """
    global _CTX
    root = Path(root)
    clock = Clock()
    config, sources, inputs, diags, manifest = load_inputs(root, cache, overrides, watching)
    diags += relate(sources, cache.readers if cache is not None else None)
    memo = LockMemo(root, cache)
    lock = memo.lock()
    clock("read inputs, sources related")
    stamp = _sources_stamp(sources)
    same_sources = cache is not None and cache.sources_stamp == stamp
    tkey = templates_key(root) if sink is not None else None
    renderer = Renderer(root, config, sources, _environment(root, cache, tkey)) if sink is not None else None
    if renderer is not None:
        renderer.evidence = dict(lock.history_key())  # source pages show the accepted changes
    looks = key(tkey, dataclasses.astuple(config), lock.history_key()) if sink is not None else None
    previous = _Previous(cache, sink, looks)
    aliases = alias_index(config.aliases) if evidence_checks_on() else None
    evidence_key = key("evidence", EVIDENCE_VERSION, aliases is not None, config.aliases)
    outcomes: list[PageOutcome | None] = []
    todo: list[tuple[int, PageInput]] = []
    cached_outcome = cache.outcomes.get if cache is not None else {}.get
    in_place = previous.unchanged_pages_in_place(same_sources)
    for job in inputs:
        cached = cached_outcome(job.path)
        if in_place and cached is not None and cached.info.digest == job.digest and cached.info.slug == job.slug \
                and cached.evidence_key == evidence_key:
            outcomes.append(cached)  # (what `_reusable` and `keep_page` would find, without asking)
        elif _reusable(cached, job, sources, looks, same_sources, evidence_key) and previous.keep_page(cached):
            outcomes.append(cached)
        else:
            outcomes.append(None)
            todo.append((len(outcomes) - 1, job))
    result = Result(root, config, sources, [], [], manifest, sources_stamp=stamp, looks=looks, lock=lock)
    workers = Workers(jobs)
    parts = EntryFile(workers.parallel(len(todo))) if sink is not None else None
    _CTX = _Context(sources, renderer, looks, str(sink.folder) if sink is not None else None,
                    getattr(sink, "suffix", ""), [job for _, job in todo], parts, evidence=aliases,
                    evidence_key=evidence_key)
    spans: dict[str, tuple[int, int]] = {}
    collecting = gc.isenabled()
    # Left on, the cyclic collector rescans the sources and templates over and over
    # (a quarter of a 1000-page build's time) and finds almost nothing: a page's own
    # few cycles are collected after each page, among the youngest objects only.
    gc.disable()
    try:
        with workers:
            if renderer is not None and workers.parallel(len(todo)):
                renderer.compile()
            for (index, _job), (blob, html, span) in zip(todo, workers.map(_process_page, range(len(todo)))):
                outcome = unpack_outcome(blob)
                if html is not None:
                    sink.write(page_file(outcome.info), html)
                if span is not None:
                    spans[outcome.info.path] = span
                if outcome.looks is not None:
                    result.rendered.append(page_file(outcome.info))
                outcomes[index] = outcome
            # The pages' workers end now: alive beside what follows they made the
            # build's peak memory (measured at 1000 pages: 205 MB, 103 MB of it here).
            workers.close()
            result.outcomes = outcomes
            clock(f"pages: {len(todo)} checked" + (" and rendered" if sink is not None else ""))
            result.citing = _citing(inputs)
            lock_diags, result.lock_fixes = memo.compare(sources, outcomes, stamp, manifest, result.citing)
            result.diagnostics = sorted_diagnostics(diags + [d for o in outcomes for d in o.diagnostics] + lock_diags)
            if sink is not None and result.ok:
                changed = {job.path for _, job in todo} | (set(cache.outcomes) - {job.path for job in inputs}
                                                           if cache is not None else set())
                _render_site(result, renderer, looks, previous, workers, sink, parts.file, spans, clock, changed,
                             defer_provenance)
    finally:
        _CTX = None
        if collecting:
            gc.enable()
        if parts is not None and result.later is None:
            parts.close()
    if result.later is not None:
        result.later = _closing(result.later, parts)
    return result


def _citing(inputs: list[PageInput]) -> Callable[[str], list]:
    """Who cites a source, in full (claims, footnote lines, quotes), for the lock's rare
    findings: the pages that mention its id are parsed again (an outcome keeps only
    the cited ranges, so the cache stays small)."""
    def citing(sid: str) -> list:
        found = []
        for job in inputs:
            if sid in job.text:
                found += [u for u in page_uses(parse_page(job.text, job.path, job.slug, [])) if u.source == sid]
        return found
    return citing


def _closing(write: Callable[[], tuple], parts: EntryFile) -> Callable[[], tuple]:
    """`write`, then the entries file it reads is closed."""
    def later() -> tuple:
        try:
            return write()
        finally:
            parts.close()
    return later


def _environment(root: Path, cache: BuildCache | None, tkey: str | None = None):
    """Compiled templates, kept by the live preview while the templates do not change
    (`tkey`: their `templates_key`, when the caller has it)."""
    tkey = tkey or templates_key(root)
    if cache is not None and cache.jinja is not None and cache.jinja[0] == tkey:
        return cache.jinja[1]
    env = Renderer._environment(root, getattr(cache, "bytecode_dir", None))
    if cache is not None:
        cache.jinja = (tkey, env)
    return env


class _Previous:
    """The site on disk from the last build: which files can be kept as they are."""

    def __init__(self, cache: BuildCache | None, sink, looks: str | None):
        self.cache = cache
        self.sink = sink
        self.looks = looks
        self.usable = sink is not None and cache is not None and cache.site_dir and sink.previous is not None \
            and Path(cache.site_dir) == sink.previous
        self.provenance = None
        if self.usable and cache.provenance:
            path = sink.previous / "provenance.json"
            try:
                st = path.stat()
                if (st.st_size, st.st_mtime_ns) == cache.provenance[1]:
                    self.provenance = path
            except OSError:
                pass

    def unchanged_pages_in_place(self, same_sources: bool) -> bool:
        """Every page of the last build whose text is unchanged needs nothing done: same
        sources, templates and config, and the last build's files and provenance.json
        entries are where they were (the live preview's own folder, where keeping a file
        costs nothing). Spares a thousand pages' checks after each edit."""
        return bool(self.usable and same_sources and self.provenance is not None and self.cache.looks == self.looks
                    and getattr(self.sink, "present", None) is not None)

    def keep(self, name: str, k: str) -> bool:
        return bool(self.usable and self.cache.site_manifest.get(name) == k and self.sink.keep(name))

    def unchanged_source_pages(self, result: Result, changed: set[str]) -> dict[str, str]:
        """source -> its page's key, for source pages whose key cannot have changed: same
        templates and config, same source, and no page citing it (before or now) changed.
        Saves hashing what every source page shows of every page after a small edit."""
        cache = self.cache
        if not self.usable or cache.looks != self.looks:
            return {}
        now = {o.info.path: o for o in result.outcomes}
        touched: set[str] = set()
        for path in changed:
            new, old = now.get(path), cache.outcomes.get(path)
            if new is None or old is None or _listed_order(new) != _listed_order(old) or new.info.draft != old.info.draft:
                # added, removed, or moved among the pages a source page lists in order
                for o in (new, old):
                    if o is not None:
                        touched.update(o.shown_in)
                continue
            # otherwise only the sources for which what their page shows of it changed
            # (a heading edit: none; a claim's words: the sources that claim cites)
            new_keys, old_keys = new.source_keys, old.source_keys
            touched.update(sid for sid in new_keys.keys() | old_keys.keys() if new_keys.get(sid) != old_keys.get(sid))
        unchanged = {}
        for sid, source in result.sources.items():
            k = cache.site_manifest.get(source_file(sid))
            if k is not None and sid not in touched and cache.source_states.get(sid) == _state(source):
                unchanged[sid] = k
        return unchanged

    def keep_page(self, outcome: PageOutcome) -> bool:
        """A cached page needs nothing done if its file and provenance entry are reusable."""
        if self.sink is None or outcome.info.draft:
            return True
        if self.provenance is None or outcome.info.path not in self.cache.provenance[0]:
            return False
        return self.keep(page_file(outcome.info), _explainer_key(self.looks, outcome))


def _render_site(result: Result, renderer: Renderer, looks: str, previous: _Previous, workers: Workers,
                 sink, parts, spans: dict, clock: Clock, changed: set[str], defer: bool) -> None:
    """Everything but the explainers (already written): source pages, lists, provenance.json."""
    sources = result.sources
    published = sorted(result.published_pages, key=_listed_order, reverse=True)
    files = result.files
    for o in published:
        files[page_file(o.info)] = _explainer_key(looks, o)

    unchanged = previous.unchanged_source_pages(result, changed)
    wanted = sources.keys() - unchanged.keys()
    citing: dict[str, list[bytes]] = {}  # source -> what its page shows of each page citing it
    citers: list[int] = []  # the pages citing any of them (where `published` has them)
    find = Finder(wanted)
    for n, o in enumerate(published):
        found = find(o.shown_in)
        if found:
            citers.append(n)
            shown = o.shown_keys
            for i in found:
                citing.setdefault(o.shown_in[i], []).append(shown[16 * i: 16 * i + 16])
    todo = []
    for sid in sorted(sources):
        source = sources[sid]
        name = source_file(sid)
        k = unchanged.get(sid) or key("source", looks, source.digest, source.path, joined(citing.get(sid, [])),
                                      source.relations.key)
        files[name] = k
        if not previous.keep(name, k):
            todo.append(sid)
            result.rendered.append(name)
    name = PROVENANCE
    k = files[name] = provenance_key(result, published)
    if previous.provenance is not None and previous.keep(name, k):
        write = None
        result.provenance = previous.cache.provenance
    else:
        result.provenance_frame = provenance_frame(renderer, result.sources_stamp, getattr(previous.cache, "provenance_frame", ()))
        write = provenance_writer(previous, published, sink, parts, spans, result.provenance_frame)
        result.rendered.append(name)
    if write is not None and defer:
        # the live preview: written once the pages are in place (`Result.later`)
        result.later = write
        write = None
    # provenance.json is mostly a kernel copy of the previous one after a small edit:
    # written in a thread meanwhile, unless workers are to be forked (not beside a thread)
    aside = Aside(write) if write is not None and not workers.parallel(len(todo)) else None
    try:
        # (a source page kept by its key may still be rendered: its file is gone)
        _source_pages_and_lists(result, renderer, looks, previous, workers, sink, clock, published, todo,
                                citers if wanted.issuperset(todo) else None)
    except BaseException:
        if aside is not None:
            aside.thread.join()  # nothing may still write into a folder about to be discarded
        raise
    if aside is not None:
        result.provenance = aside.join()
    elif write is not None:
        result.provenance = write()
    clock("provenance.json" + (" (written meanwhile)" if aside is not None else " (left for later)" if result.later else ""))


def _source_pages_and_lists(result: Result, renderer: Renderer, looks: str, previous: _Previous, workers: Workers,
                            sink, clock: Clock, published: list[PageOutcome], todo: list[str],
                            citers: list[int] | None) -> None:
    """The source pages in `todo`, the lists, 404, sitemap, feed and static files
    (`citers`: the published pages that may cite those sources; None: any may)."""
    sources, files = result.sources, result.files
    # (new workers for source pages, forked after this: they see what cites what)
    _CTX.cited_by = CitedBy(todo, published, getattr(previous.cache, "slices", None), citers) if todo else None
    clock("source pages: what to render")
    if workers.parallel(len(todo)):
        # A full collection (and the free lists it empties) before this fork lowers the
        # peak memory of all processes by 9 MB (PSS, measured), for 65 ms; before the
        # first fork it made no difference.
        gc.collect()
    for sid, html in zip(todo, workers.map(_render_source, todo)):
        if html is not None:
            sink.write(source_file(sid), html)
    _CTX.cited_by = None
    clock(f"source pages: {len(todo)} rendered")

    def one(name: str, inputs, make) -> None:
        k = key(name, looks, inputs)
        files[name] = k
        if not previous.keep(name, k):
            sink.write(name, make())
            result.rendered.append(name)

    listing = joined([_listing_key(o) for o in published])
    one("index.html", listing, lambda: renderer.index([o.entry for o in published]))
    one("sources/index.html", (result.sources_stamp, joined([o.cites_key for o in published])),
        lambda: renderer.sources_index(cite_counts(sources, published)))
    one("404.html", (), renderer.not_found)
    # (what it shows: the corrected pages' corrections, addresses and titles)
    corrected = [(o.info.slug, o.info.title, o.info.meta["corrections"]) for o in published if o.info.meta.get("corrections")]
    one("corrections.html", corrected, lambda: renderer.corrections([o.entry for o in published]))
    if result.config.search:
        one("search.html", (), renderer.search_page)
    sink.write(".nojekyll", b"")
    files[".nojekyll"] = key("")
    if result.config.url:
        listed = sorted(f for f in files if f.endswith(".html") and f != "404.html")
        one("sitemap.xml", listed, lambda: renderer.sitemap(listed))
        one("feed.xml", (listing, os.environ.get("SOURCE_DATE_EPOCH", "")),
            lambda: renderer.feed([o.entry for o in published]))
    for name, body in static_files(result.root).items():
        files[name] = key(body)
        if not previous.keep(name, files[name]):
            sink.write(name, body)
    clock("lists and static files")


def _listed_order(o: PageOutcome) -> tuple:
    """Pages are listed newest first (home page, feed, under a source's paragraphs)."""
    memo = o.__dict__.get("_listed_order")
    if memo is None:  # (kept on the outcome: the live preview sorts a thousand after each edit)
        memo = o.__dict__["_listed_order"] = (o.info.meta.get("date") or "", o.info.title, o.info.slug)
    return memo


def _listing_key(o: PageOutcome) -> bytes:
    """What the home page and the feed show of a page (kept on the outcome)."""
    memo = o.__dict__.get("_listing_key")
    if memo is None:
        memo = o.__dict__["_listing_key"] = short_key(o.info.slug, o.info.meta, o.claim_count, o.source_ids,
                                                      o.origin_count)
    return memo


def _state(source: Source) -> tuple:
    """What a source's page shows of the source itself (its relations are another's too)."""
    return source.path, source.digest, source.relations.key


def remember(cache: BuildCache, result: Result, site_dir: Path) -> None:
    """After publishing: what the next build may reuse."""
    cache.outcomes = {o.info.path: o for o in result.outcomes}  # (all passed: the site was published)
    cache.site_manifest = dict(result.files)
    cache.site_dir = str(site_dir)
    cache.provenance = result.provenance
    cache.rendered = list(result.rendered)
    cache.sources_stamp = result.sources_stamp
    cache.source_states = {sid: _state(s) for sid, s in result.sources.items()}
    cache.looks = result.looks
    if result.provenance_frame:
        cache.provenance_frame = result.provenance_frame
    cache.prune_readers()
