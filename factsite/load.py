"""The first step of a build: read every input (configuration, sources, pages) once,
with the findings of what could not be read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .cache import ReaderCache, SavedState
from .config import SiteConfig, load_config
from .content import PageInput, read_pages
from .diagnostics import Diagnostic
from .incremental import PreviewMemory
from .independence import relate
from .sources import Source, input_manifests, load_sources


class ProjectMissing(Exception):
    """The check cannot run at all (exit status 2)."""


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, as it was when read."""

    root: Path
    config: SiteConfig
    sources: dict[str, Source]  # numbered and related to each other
    pages: list[PageInput]
    diagnostics: list[Diagnostic]  # what could not be read
    manifest: dict  # input file -> (size, mtime) when read: the site publishes only if unchanged
    readers: dict  # sources as read, for the next build (`SavedState.readers`)


def load_inputs(root: Path, state: SavedState | None = None, memory: PreviewMemory | None = None,
                overrides: Callable[[SiteConfig], SiteConfig] | None = None) -> Inputs:
    """Config, sources, pages and the findings about them.

    With `memory` (the live preview), files whose size and modification time are as at
    the last build are not read again, as a file watcher decides what changed, and
    those are learnt from `memory.watch` (an `InputWatch`) when it has one; `memory`
    then holds what was read. `build.py` always reads and hashes every file.
    """
    root = Path(root)
    missing = [name for name in ("content", "sources") if not (root / name).is_dir()]
    if missing:
        raise ProjectMissing(f"{root}: no {' or '.join(m + '/' for m in missing)} folder; is this a project root?")
    diags: list[Diagnostic] = []
    folders = memory.watch.manifests() if memory is not None and memory.watch is not None else input_manifests(root)
    config = load_config(root, diags)
    if overrides is not None:
        config = overrides(config)
    previous = state.readers if state is not None else {}
    seen = memory.inputs if memory is not None else None
    source_files = folders["sources"]
    if seen is not None and seen.get("sources", (None,))[0] == source_files:
        sources, source_diags = seen["sources"][1]
        readers = dict(previous)  # (all of it still in use; a plain dict is the faster to look up)
    else:
        # what this build reads, looked up in what the last one read: the next keeps only that
        readers = ReaderCache(previous)
        sources, source_diags = load_sources(root, readers)
    page_files = folders["content"]
    jobs, page_diags, listing = read_pages(root, page_files, seen.get("pages", {}) if seen is not None else None,
                                           seen.get("page files") if seen is not None else None)
    if seen is not None:
        seen["sources"] = (source_files, (sources, source_diags))
        seen["pages"] = {job.path: (page_files.get(job.path), job) for job in jobs}
        seen["page files"] = listing
    related = relate(sources, readers)
    return Inputs(root, config, sources, jobs, diags + source_diags + page_diags + related,
                  {**folders["content"], **source_files}, dict(readers))
