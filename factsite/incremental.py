"""Incremental builds: the one place that decides what the last build left can be reused.

A build reads the last published build's `SavedState` (the disk cache of `build.py`,
or the live preview's copy in memory) through `Reuse`, and never writes it: once the
site is published, `remember` replaces it. The live preview also keeps a
`PreviewMemory` (files as last read, compiled templates, the lock as compared): that is
the only state a build updates while it runs, and only the preview has one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .cache import SavedState
from .citedby import Slices
from .content import PageInput
from .keys import key
from .outcome import PageOutcome, dependencies
from .render import Renderer, page_file, source_file
from .sink import Sink
from .sources import Source


@dataclass
class PreviewMemory:
    """What the live preview keeps between rebuilds besides the saved state, updated by
    each build as it reads: never saved, and `build.py` has none."""

    watch: object = None  # `watch.InputWatch`: which input files changed since the last build
    inputs: dict = field(default_factory=dict)  # the files as last read (`load.load_inputs`)
    jinja: tuple | None = None  # (templates key, Environment): compiled templates
    slices: Slices = field(default_factory=Slices)  # what pages show on source pages (`citedby`)
    provenance_frame: tuple = ()  # provenance.json around its entries (`provenance_frame`)
    lock_memo: tuple = ()  # sources.lock as read and compared (`lock.LockMemo`)


def environment(root: Path, tkey: str, state: SavedState | None, memory: PreviewMemory | None):
    """Compiled templates: the preview's while the templates (`tkey`) are the same."""
    if memory is not None and memory.jinja is not None and memory.jinja[0] == tkey:
        return memory.jinja[1]
    bytecode_dir = state.bytecode_dir if state is not None else None
    env = Renderer._environment(root, Path(bytecode_dir) if bytecode_dir else None)
    if memory is not None:
        memory.jinja = (tkey, env)
    return env


def sources_stamp(sources: dict[str, Source]) -> str:
    """Digest of every source's id, path and digest."""
    return key([(sid, s.path, s.digest) for sid, s in sources.items()])


def source_state(source: Source) -> tuple:
    """What a source's page shows of the source itself (its relations are another's too)."""
    return source.path, source.digest, source.relations.key


class Reuse:
    """What this build may take from the last one, given what it is about to build:
    `sink` (None: a check), `looks` (templates and configuration; None: a check),
    the sources (`stamp`) and the evidence checks (`evidence_key`)."""

    def __init__(self, state: SavedState | None, sink: Sink | None, looks: str | None,
                 sources: dict[str, Source], stamp: str, evidence_key: str):
        self.state = state if state is not None else SavedState()
        self.sink, self.looks, self.sources, self.evidence_key = sink, looks, sources, evidence_key
        self.same_sources = state is not None and state.sources_stamp == stamp
        self.usable = bool(sink is not None and state is not None and state.site_dir and sink.previous is not None
                           and Path(state.site_dir) == sink.previous)
        self.provenance = self._previous_provenance()
        # Every unchanged page of the last build needs nothing done when its file and
        # provenance.json entry are where they were (the preview's own folder): this
        # spares the preview a check of every page after each edit.
        self.in_place = bool(self.usable and self.same_sources and self.provenance is not None
                             and self.state.looks == looks and sink.present is not None)

    def _previous_provenance(self) -> Path | None:
        """The last site's provenance.json, if it is as the state recorded it."""
        if not (self.usable and self.state.provenance):
            return None
        path = self.sink.previous / "provenance.json"
        try:
            st = path.stat()
        except OSError:
            return None
        return path if (st.st_size, st.st_mtime_ns) == self.state.provenance[1] else None

    def outcome(self, job: PageInput) -> PageOutcome | None:
        """The last build's outcome of this page, if it still holds and its file and
        provenance entry can be kept; None: the page is to be checked (and rendered)."""
        cached = self.state.outcomes.get(job.path)
        if cached is None or cached.info.digest != job.digest or cached.info.slug != job.slug:
            return None
        if cached.evidence_key != self.evidence_key:
            return None
        if self.in_place:
            return cached  # (everything else below holds for it)
        if not cached.ok or (not self.same_sources and dependencies(cached.cited, self.sources) != cached.deps):
            return None
        if self.looks is not None and not cached.info.draft and cached.looks != self.looks:
            return None
        return cached if self._files_kept(cached) else None

    def _files_kept(self, outcome: PageOutcome) -> bool:
        if self.sink is None or outcome.info.draft:
            return True
        if self.provenance is None or outcome.info.path not in self.state.provenance[0]:
            return False
        return self.keep(page_file(outcome.info), outcome.explainer_key(self.looks))

    def keep(self, name: str, k: str) -> bool:
        """The last site's file `name`, made with key `k`, taken as it is into the sink."""
        return bool(self.usable and self.state.site_manifest.get(name) == k and self.sink.keep(name))

    def gone(self, paths: set[str]) -> set[str]:
        """Pages of the last build that are not among `paths` any more."""
        return set(self.state.outcomes) - paths

    def unchanged_source_pages(self, outcomes: list[PageOutcome], changed: set[str]) -> dict[str, str]:
        """source -> its page's key, for source pages whose key cannot have changed: same
        templates and config, same source, and no page citing it (before or now) changed.
        Saves hashing what every source page shows of every page after a small edit."""
        state = self.state
        if not self.usable or state.looks != self.looks:
            return {}
        touched = self._touched_sources({o.info.path: o for o in outcomes}, changed)
        unchanged = {}
        for sid, source in self.sources.items():
            k = state.site_manifest.get(source_file(sid))
            if k is not None and sid not in touched and state.source_states.get(sid) == source_state(source):
                unchanged[sid] = k
        return unchanged

    def _touched_sources(self, now: dict[str, PageOutcome], changed: set[str]) -> set[str]:
        touched: set[str] = set()
        for path in changed:
            new, old = now.get(path), self.state.outcomes.get(path)
            if new is None or old is None or new.listed_order != old.listed_order or new.info.draft != old.info.draft:
                # added, removed, or moved among the pages a source page lists in order
                for o in (new, old):
                    if o is not None:
                        touched.update(o.shown_in)
                continue
            # otherwise only the sources for which what their page shows of it changed
            # (a heading edit: none; a claim's words: the sources that claim cites)
            new_keys, old_keys = new.source_keys, old.source_keys
            touched.update(sid for sid in new_keys.keys() | old_keys.keys() if new_keys.get(sid) != old_keys.get(sid))
        return touched


def remember(state: SavedState, result, site_dir: Path, memory: PreviewMemory | None = None) -> None:
    """After publishing: what the next build may reuse (`result`: a `build.Result`)."""
    state.outcomes = {o.info.path: o for o in result.outcomes}  # (all passed: the site was published)
    state.site_manifest = dict(result.files)
    state.site_dir = str(site_dir)
    state.provenance = result.provenance
    state.rendered = list(result.rendered)
    state.sources_stamp = result.sources_stamp
    state.source_states = {sid: source_state(s) for sid, s in result.sources.items()}
    state.looks = result.looks
    state.readers = dict(result.readers)  # (only the entries this build used)
    if memory is not None and result.provenance_frame:
        memory.provenance_frame = result.provenance_frame
