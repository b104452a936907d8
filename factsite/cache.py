"""The build cache: what a published build leaves for the next one (`SavedState`),
kept on disk between runs of `build.py` (ROOT/.factsite-cache) and in memory by the
live preview. Work is keyed by the hashes of everything it depends on (`keys`), so a
rebuild redoes only what changed and its output is the same as a full build's.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .keys import bytes_key, joined, key, short_key  # noqa: F401 (the keys were here before `keys`)
from .outcome import PageOutcome


class ReaderCache(dict):
    """Sources as read before: looked up in the previous build's entries, and holding
    only what this build used (so the cache never grows with deleted sources)."""

    def __init__(self, previous: dict | None = None):
        super().__init__()
        self.previous = previous or {}

    def __contains__(self, k) -> bool:
        return dict.__contains__(self, k) or k in self.previous

    def __getitem__(self, k):
        if dict.__contains__(self, k):
            return dict.__getitem__(self, k)
        return self.previous[k]


@dataclass
class SavedState:
    """What a published build leaves for the next one to reuse: kept on disk by
    `build.py` (`save_disk_cache`), in memory by the live preview. A build reads it and
    never writes it; `incremental.remember` replaces it once the site is published."""

    readers: dict = field(default_factory=dict)  # source bytes -> ReadResult, sidecar bytes -> YAML
    outcomes: dict = field(default_factory=dict)  # page path -> PageOutcome (error-free ones)
    site_manifest: dict = field(default_factory=dict)  # output file -> render key, of the site on disk
    site_dir: str = ""  # where that site is
    provenance: tuple = ()  # (page path -> (offset, length) in its provenance.json, (size, mtime_ns))
    sources_stamp: str = ""  # the sources of the last build (id, path, digest of each)
    source_states: dict = field(default_factory=dict)  # source id -> (path, digest) at the last build
    looks: str | None = None  # the templates and config of the last build
    # (not saved)
    rendered: list = field(default_factory=list)  # output files rendered (not reused) by the last build
    bytecode_dir: str | None = None  # where Jinja keeps compiled templates between processes
    stale: bool = False  # a cache file was there but could not be used: write a new one


CACHE_DIR = ".factsite-cache"
CACHE_FILE = "state.pickle"
TEMPLATES_DIR = "templates"  # Jinja's compiled templates


def engine_fingerprint() -> str:
    """Changes whenever the engine or a library that shapes the output changes.

    Computed once per process, from the code as it was when the process started."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        _FINGERPRINT = _compute_fingerprint()
    return _FINGERPRINT


_FINGERPRINT: str | None = None


def _compute_fingerprint() -> str:
    import sys
    from importlib import metadata

    here = Path(__file__).resolve().parent
    parts: list = [sys.version]
    for name in ("markdown-it-py", "mdit-py-plugins", "jinja2", "beautifulsoup4", "pyyaml", "rapidfuzz"):
        try:
            parts.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            parts.append((name, None))
    for path in sorted(here.rglob("*.py")):
        parts.append((path.relative_to(here).as_posix(), path.read_bytes()))
    return key(parts)


def load_disk_cache(root) -> SavedState:
    """The cache a previous build left in ROOT/.factsite-cache, or an empty one.

    A cache from another engine version, or one that cannot be read, is ignored:
    the build is then simply cold.
    """
    path = Path(root) / CACHE_DIR / CACHE_FILE
    bytecode_dir = str(path.parent / TEMPLATES_DIR)
    try:
        with open(path, "rb") as fh:
            fingerprint, state = pickle.load(fh)
        if fingerprint == engine_fingerprint() and type(state) is SavedState:
            return dataclasses.replace(
                state, outcomes={page: PageOutcome.from_blob(blob) for page, blob in state.outcomes.items()},
                rendered=[], bytecode_dir=bytecode_dir, stale=False)
    except Exception:  # noqa: BLE001 - any unreadable cache means a cold build
        pass
    return SavedState(bytecode_dir=bytecode_dir, stale=path.exists())


def save_disk_cache(root, state: SavedState) -> None:
    """Keep the pages' outcomes, the sources as read and the published site's manifest
    (the site itself holds the bytes, reused by linking). Each outcome is pickled on
    its own, so the unchanged ones are written back as the bytes they were read from."""
    folder = Path(root) / CACHE_DIR
    folder.mkdir(exist_ok=True)
    slim = SavedState(dict(state.readers), {path: o.blob() for path, o in state.outcomes.items()},
                      state.site_manifest, state.site_dir, state.provenance, state.sources_stamp,
                      state.source_states, state.looks)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".state-")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((engine_fingerprint(), slim), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / CACHE_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


engine_fingerprint()  # at import: the code this process runs
