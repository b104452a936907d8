"""A build, read top to bottom: load, plan, pages, site, publish.

    load     `load.load_inputs`       configuration, sources, pages, as read
    plan     `plan.make_plan`         the looks, and which pages the last build left
                                      that still hold (`incremental.Reuse`)
    pages    `pipeline.run_pages`     each other page checked and rendered, in workers
    site     `sitewide.write_site`    source pages, lists, provenance.json
    publish  `build_site`             the staging folder swapped in (`output.Staging`),
                                      what the next build may reuse kept (`remember`)

`build` does the first four (a check, without a sink, stops after the pages);
`build_site` is the whole of `build.py`; the live preview (`serve`) calls `build` with
its own sink and memory and publishes in place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .cache import CACHE_DIR, SavedState, save_disk_cache
from .config import SiteConfig
from .diagnostics import WARNING, Diagnostic, has_errors, sorted_diagnostics
from .incremental import PreviewMemory, remember
from .load import load_inputs
from .lock import Lock, LockMemo
from .outcome import PageOutcome
from .output import OutputError, Staging
from .pipeline import citing, collector_paused, run_pages
from .plan import make_plan
from .provenance_json import EntryFile
from .sink import Changes, Sink
from .sitewide import NO_SITE, SiteOutput, write_site
from .sources import Source, input_manifest
from .timings import Clock, kill_point
from .workers import Workers

KILL_POINTS = ("pages", "site", "swapped")  # where FACTSITE_KILL_AT may stop `build_site` (tests)


@dataclass(frozen=True)
class Result:
    """What a build found and, when it rendered, what it wrote: made once, at its end."""

    root: Path
    config: SiteConfig
    sources: dict[str, Source]
    outcomes: list[PageOutcome]  # every page's, in the pages' order
    diagnostics: list[Diagnostic]
    manifest: dict  # input files as they were when read
    sources_stamp: str  # digest of every source's id, path and digest
    looks: str | None  # templates and config of this build; None: a check
    lock: Lock  # sources.lock as read
    lock_fixes: list  # citations whose locked text moved (`--fix`)
    citing: Callable[[str], list]  # a source -> its citations in full (`pipeline.citing`)
    readers: dict  # sources as read, for the next build
    site: SiteOutput = NO_SITE  # what was written; NO_SITE: a check, or the build has errors

    files = property(lambda self: self.site.files, doc="output file -> its key")
    rendered = property(lambda self: self.site.rendered, doc="the output files written (not kept)")
    provenance = property(lambda self: self.site.provenance, doc="see `SiteOutput.provenance`")
    later = property(lambda self: self.site.later, doc="writes provenance.json, when left for later")
    provenance_frame = property(lambda self: self.site.provenance_frame)

    @property
    def fixes(self) -> list:
        found = [f for o in self.outcomes for f in o.fixes]
        done = {(f.path, f.line, f.old) for f in found}
        return found + [f for f in self.lock_fixes if (f.path, f.line, f.old) not in done]

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


def build(root: Path, state: SavedState | None = None, sink: Sink | None = None, jobs: int | None = None,
          overrides: Callable[[SiteConfig], SiteConfig] | None = None, memory: PreviewMemory | None = None,
          defer_provenance: bool = False) -> Result:
    """Check the project; with a `sink`, also render the site into it (not published).

    `state` (the last published build's) is read, never written: the caller keeps
    this build's with `remember` once the site is published. `memory` (the live
    preview's) is updated with what was read. With `defer_provenance` (the preview), a
    provenance.json to be rewritten is left to `Result.later`, for the caller to call
    once the rest is in place.
    """
    clock = Clock()
    inputs = load_inputs(Path(root), state, memory, overrides)
    lock = LockMemo(inputs.root, memory)
    clock("read inputs, sources related")
    plan = make_plan(inputs, lock.lock(), state, memory, sink)
    workers = Workers(jobs)
    parts = EntryFile(workers.parallel(len(plan.todo))) if sink is not None else None
    site = NO_SITE
    try:
        with workers, collector_paused():
            pages = run_pages(plan, workers, sink, parts)
            clock(f"pages: {len(plan.todo)} checked" + (" and rendered" if sink is not None else ""))
            kill_point("pages")
            cited_by = citing(inputs.pages)
            lock_diags, lock_fixes = lock.compare(inputs.sources, pages.outcomes, plan.stamp, inputs.manifest, cited_by)
            diagnostics = sorted_diagnostics(inputs.diagnostics + [d for o in pages.outcomes for d in o.diagnostics]
                                             + lock_diags)
            if sink is not None and not has_errors(diagnostics):
                site = write_site(plan, pages, workers, sink, parts, clock, defer_provenance)
    finally:
        if parts is not None and site.later is None:
            parts.close()
    if site.later is not None:
        site = dataclasses.replace(site, later=_closing(site.later, parts))
    return Result(inputs.root, inputs.config, inputs.sources, pages.outcomes, diagnostics, inputs.manifest,
                  plan.stamp, plan.looks, plan.lock, lock_fixes, cited_by, inputs.readers, site)


def _closing(write: Callable[[], tuple], parts: EntryFile) -> Callable[[], tuple]:
    """`write`, then the entries file it reads is closed."""
    def later() -> tuple:
        try:
            return write()
        finally:
            parts.close()
    return later


def build_site(root: Path, out: Path | None = None, state: SavedState | None = None, jobs: int | None = None,
               overrides=None, strict: bool = False) -> tuple[Result, Path | None]:
    """Check, render into a staging folder, publish: the whole of `build.py`.

    Returns (result, published folder or None when the build has errors; with
    `strict`, warnings count as errors)."""
    from jinja2 import TemplateNotFound

    clock = Clock()
    root = Path(root)
    sink = Staging(Path(out) if out is not None else root / "site", root)
    try:
        result = build(root, state, sink, jobs, overrides)
        if not result.ok or (strict and any(d.severity == WARNING for d in result.diagnostics)):
            sink.discard()
            return result, None
        _unchanged_since_check(root, result.manifest)
        result = _search_index(result, sink, clock, root / CACHE_DIR if state is not None else None)
        kill_point("site")
    except TemplateNotFound:
        # (an OSError to Python, but a missing template, not a disk problem: the caller says which)
        sink.discard()
        raise
    except OSError as exc:
        sink.discard()
        raise OutputError(f"could not write the site ({exc.strerror}: {exc.filename}); "
                          "the previous site is unchanged") from None
    except BaseException:
        sink.discard()
        raise
    published = sink.commit(Changes(tuple(result.rendered), result.files))
    clock("published")
    kill_point("swapped")
    if state is not None:
        changed = bool(result.rendered) or state.site_manifest != result.files or state.site_dir != str(published)
        remember(state, result, published)
        if changed or state.stale:
            save_disk_cache(root, state)
            clock("cache saved")
    return result, published


def _search_index(result: Result, sink: Staging, clock: Clock, cache_dir: Path | None) -> Result:
    """The search index of the site in `sink` (`cache_dir`: where its incremental index
    is kept; None: no cache), with its finding if it could not be made."""
    if not result.config.search:
        return result
    from .search import index_site

    finding = index_site(sink.folder, result.config.language, sink.previous, result.rendered, cache_dir)
    clock("search index")
    return result if finding is None else dataclasses.replace(result, diagnostics=[*result.diagnostics, finding])


def _unchanged_since_check(root: Path, manifest: dict) -> None:
    """Publish only what was checked: a file changed or deleted mid-build stops it."""
    now = input_manifest(root)
    if now != manifest:
        changed = sorted(set(now) ^ set(manifest) | {k for k in now if manifest.get(k) != now[k]})
        raise OutputError(
            f"{', '.join(changed[:5])} changed while the site was being built; nothing was written, "
            "the previous site is unchanged: run the build again"
        )
