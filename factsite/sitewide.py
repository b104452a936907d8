"""The site step of a build: every file but the explainers (the pages step wrote
those): source pages, the lists, 404, sitemap, feed, static files, provenance.json.

Each file has a key, a digest of everything it shows; a file whose key is the one the
last build recorded is kept as it is (`Reuse.keep`) instead of being rendered.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from dataclasses import dataclass

from .citedby import CitedBy, Finder, cite_counts
from .keys import joined, key
from .outcome import PageOutcome
from .pipeline import PagesDone, SourceContext, render_source
from .plan import Plan
from .provenance_json import NAME as PROVENANCE, EntryFile, provenance_frame, provenance_key, provenance_writer
from .render import page_file, source_file, static_files
from .sink import Sink
from .workers import Aside, Workers


@dataclass(frozen=True)
class SiteOutput:
    """What writing the site left, for publishing it and for the next build."""

    files: dict[str, str]  # output file -> its key
    rendered: list[str]  # the files written (not kept from the last build)
    provenance: tuple  # (page -> (offset, length) of its entry in provenance.json, (size, mtime_ns)); () if later
    later: Callable[[], tuple] | None  # writes provenance.json and returns `provenance`, when left for later
    provenance_frame: tuple  # provenance.json around its entries, when it was written


NO_SITE = SiteOutput({}, [], (), None, ())


def write_site(plan: Plan, pages: PagesDone, workers: Workers, sink: Sink, parts: EntryFile, clock,
               defer_provenance: bool) -> SiteOutput:
    """Everything but the explainers, into `sink`. With `defer_provenance` (the live
    preview), provenance.json is left to `SiteOutput.later`, to be written once the
    rest is in place."""
    site = _Site(plan, pages, sink)
    published = sorted((o for o in pages.outcomes if not o.info.draft), key=lambda o: o.listed_order, reverse=True)
    for o in published:
        site.files[page_file(o.info)] = o.explainer_key(plan.looks)
    todo, citers = site.source_pages_to_render(published)
    write, frame = site.provenance_writer(published, parts)
    later = write if defer_provenance else None
    if later is not None:
        write = None
    # provenance.json is mostly a kernel copy of the previous one after a small edit:
    # written in a thread meanwhile, unless workers are to be forked (not beside a thread)
    aside = Aside(write) if write is not None and not workers.parallel(len(todo)) else None
    try:
        # (the lists are rendered here while the workers render the source pages)
        site.source_pages(published, todo, citers, workers, clock, meanwhile=lambda: site.lists(published))
    except BaseException:
        if aside is not None:
            aside.thread.join()  # nothing may still write into a folder about to be discarded
        raise
    provenance = aside.join() if aside is not None else write() if write is not None else site.kept_provenance
    clock("provenance.json" + (" (written meanwhile)" if aside is not None else " (left for later)" if later else ""))
    return SiteOutput(site.files, pages.rendered + site.rendered, provenance, later, frame)


class _Site:
    """The files of one build's site as they are decided: their keys, those written."""

    def __init__(self, plan: Plan, pages: PagesDone, sink: Sink):
        self.plan, self.pages, self.sink = plan, pages, sink
        self.sources = plan.inputs.sources
        self.reuse, self.looks, self.renderer = plan.reuse, plan.looks, plan.renderer
        self.files: dict[str, str] = {}
        self.rendered: list[str] = []
        self.kept_provenance: tuple = ()

    def source_pages_to_render(self, published: list[PageOutcome]) -> tuple[list[str], list[int] | None]:
        """The sources whose page is to be rendered, and the published pages that may
        cite them (places in `published`; None: any may)."""
        unchanged = self.reuse.unchanged_source_pages(self.pages.outcomes, self.pages.changed)
        wanted = self.sources.keys() - unchanged.keys()
        citing: dict[str, list[bytes]] = {}  # source -> what its page shows of each page citing it
        citers: list[int] = []
        find = Finder(wanted)
        for n, o in enumerate(published):
            found = find(o.shown_in)
            if found:
                citers.append(n)
                shown = o.shown_keys
                for i in found:
                    citing.setdefault(o.shown_in[i], []).append(shown[16 * i: 16 * i + 16])
        todo = []
        for sid in sorted(self.sources):
            source = self.sources[sid]
            name = source_file(sid)
            k = unchanged.get(sid) or key("source", self.looks, source.digest, source.path,
                                          joined(citing.get(sid, [])), source.relations.key)
            self.files[name] = k
            if not self.reuse.keep(name, k):
                todo.append(sid)
                self.rendered.append(name)
        # (a source page kept by its key may still be rendered: its file is gone)
        return todo, citers if wanted.issuperset(todo) else None

    def provenance_writer(self, published: list[PageOutcome], parts: EntryFile) -> tuple[Callable | None, tuple]:
        """A function writing provenance.json (None: the last one is kept), and the
        file around its entries."""
        k = self.files[PROVENANCE] = provenance_key(self.plan.stamp, published)
        if self.reuse.provenance is not None and self.reuse.keep(PROVENANCE, k):
            self.kept_provenance = self.reuse.state.provenance
            return None, ()
        memory = self.plan.memory
        frame = provenance_frame(self.renderer, self.plan.stamp, memory.provenance_frame if memory else ())
        old_spans = self.reuse.state.provenance[0] if self.reuse.state.provenance else {}
        self.rendered.append(PROVENANCE)
        return provenance_writer(old_spans, self.reuse.provenance, published, self.sink, parts.file,
                                 self.pages.spans, frame), frame

    def source_pages(self, published: list[PageOutcome], todo: list[str], citers: list[int] | None,
                     workers: Workers, clock, meanwhile: Callable[[], None]) -> None:
        """The source pages in `todo`, in new workers (forked now: they see what cites what),
        and `meanwhile` done here while they work."""
        memory = self.plan.memory
        cited_by = CitedBy(todo, published, memory.slices if memory else None, citers) if todo else None
        clock("source pages: what to render")
        if workers.parallel(len(todo)):
            # (a full collection before this fork lowers all processes' peak memory:
            # see bench/README.md)
            gc.collect()
        sink = self.sink
        ctx = SourceContext(self.sources, self.renderer, str(sink.folder), sink.suffix, cited_by)
        pages = workers.map(render_source, todo, ctx)  # (forked workers start now; alone, it is lazy)
        meanwhile()
        clock("lists and static files")
        for sid, html in zip(todo, pages):
            if html is not None:
                sink.write(source_file(sid), html)
        workers.close()
        clock(f"source pages: {len(todo)} rendered")

    def _one(self, name: str, inputs, make: Callable[[], bytes]) -> None:
        k = self.files[name] = key(name, self.looks, inputs)
        if not self.reuse.keep(name, k):
            self.sink.write(name, make())
            self.rendered.append(name)

    def lists(self, published: list[PageOutcome]) -> None:
        """The lists, 404, sitemap, feed and static files."""
        renderer, files, config = self.renderer, self.files, self.plan.inputs.config
        listing = joined([o.listing_key for o in published])
        self._one("index.html", listing, lambda: renderer.index([o.entry for o in published]))
        self._one("sources/index.html", (self.plan.stamp, joined([o.cites_key for o in published])),
                  lambda: renderer.sources_index(cite_counts(self.sources, published)))
        self._one("404.html", (), renderer.not_found)
        # (what it shows: the corrected pages' corrections, addresses and titles)
        corrected = [(o.info.slug, o.info.title, o.info.meta["corrections"])
                     for o in published if o.info.meta.get("corrections")]
        self._one("corrections.html", corrected, lambda: renderer.corrections([o.entry for o in published]))
        if config.search:
            self._one("search.html", (), renderer.search_page)
        self.sink.write(".nojekyll", b"")
        files[".nojekyll"] = key("")
        if config.url:
            listed = sorted(f for f in files if f.endswith(".html") and f != "404.html")
            self._one("sitemap.xml", listed, lambda: renderer.sitemap(listed))
            self._one("feed.xml", (listing, os.environ.get("SOURCE_DATE_EPOCH", "")),
                      lambda: renderer.feed([o.entry for o in published]))
        for name, body in static_files(self.plan.inputs.root).items():
            files[name] = key(body)
            if not self.reuse.keep(name, files[name]):
                self.sink.write(name, body)
