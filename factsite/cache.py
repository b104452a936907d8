"""Content-addressed caches: work is keyed by the hashes of everything it depends on,
so a rebuild redoes only what changed and its output is the same as a full build's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def key(*parts) -> str:
    """A stable digest of strings, bytes, numbers, None and nested tuples or lists.

    repr() of such values is deterministic and unambiguous (strings are quoted and
    escaped), and computed in C, so hashing it is fast even for large inputs.
    """
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def short_key(*parts) -> bytes:
    """`key` as 16 raw bytes: for the many small digests kept in the cache."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).digest()[:16]


def bytes_key(data: bytes) -> bytes:
    """`short_key` of bytes already made (an output file): hashed as they are, since
    repr() of a large byte string costs more than hashing it."""
    return hashlib.sha256(data).digest()[:16]


def joined(digests: list[bytes]) -> str:
    """One digest of many short ones (hashing their bytes, not their repr)."""
    return hashlib.sha256(b"".join(digests)).hexdigest()


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
class BuildCache:
    """What is kept between builds: on disk for `build.py`, in memory for the preview."""

    readers: dict = field(default_factory=dict)  # source bytes -> ReadResult, sidecar bytes -> YAML
    outcomes: dict = field(default_factory=dict)  # page path -> PageOutcome (error-free ones)
    site_manifest: dict = field(default_factory=dict)  # output file -> render key, of the site on disk
    site_dir: str = ""  # where that site is
    provenance: tuple = ()  # (page path -> (offset, length) in its provenance.json, (size, mtime_ns))
    rendered: list = field(default_factory=list)  # output files rendered (not reused) by the last build
    sources_stamp: str = ""  # the sources of the last build (id, path, digest of each)
    source_states: dict = field(default_factory=dict)  # source id -> (path, digest) at the last build
    looks: str | None = None  # the templates and config of the last build
    jinja: tuple | None = None  # (templates key, Environment): compiled templates, never saved
    inputs: dict = field(default_factory=dict)  # the live preview's files as last read, never saved
    slices: object = None  # the live preview's `citedby.Slices`, never saved
    provenance_frame: tuple = ()  # provenance.json around its entries (`provenance_frame`), never saved
    watch: object = None  # the live preview's `watch.InputWatch`, never saved
    lock_memo: tuple = ()  # the live preview's sources.lock as read and compared (`lock.LockMemo`), never saved

    def reader_cache(self) -> ReaderCache:
        self.readers = ReaderCache(self.readers)
        return self.readers

    def prune_readers(self) -> None:
        """Keep only the entries this build used (see ReaderCache)."""
        if isinstance(self.readers, ReaderCache):
            self.readers = dict(self.readers)


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
    from pathlib import Path

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


def load_disk_cache(root) -> BuildCache:
    """The cache a previous build left in ROOT/.factsite-cache, or an empty one.

    A cache from another engine version, or one that cannot be read, is ignored:
    the build is then simply cold.
    """
    import pickle
    from pathlib import Path

    path = Path(root) / CACHE_DIR / CACHE_FILE
    try:
        with open(path, "rb") as fh:
            fingerprint, cache = pickle.load(fh)
        if (fingerprint == engine_fingerprint() and isinstance(cache, BuildCache)
                and all(hasattr(cache, name) for name in BuildCache.__dataclass_fields__)):
            cache.outcomes = {path: unpack_outcome(blob) for path, blob in cache.outcomes.items()}
            cache.rendered = []
            cache.bytecode_dir = path.parent / TEMPLATES_DIR
            return cache
    except Exception:  # noqa: BLE001 - any unreadable cache means a cold build
        pass
    cache = BuildCache()
    cache.stale = path.exists()
    cache.bytecode_dir = path.parent / TEMPLATES_DIR
    return cache


_BLOB = "_blob"  # an outcome's pickled bytes as loaded: saved again as they are


def unpack_outcome(blob: bytes):
    """A page's outcome from its pickle, remembering the pickle (saved as it is)."""
    import pickle

    outcome = pickle.loads(blob).intern()
    outcome.__dict__[_BLOB] = blob
    return outcome


def save_disk_cache(root, cache: BuildCache) -> None:
    """Keep the pages' outcomes, the sources as read and the published site's manifest
    (the site itself holds the bytes, reused by linking). Each outcome is pickled on
    its own, so the unchanged ones are written back as the bytes they were read from."""
    import os
    import pickle
    import tempfile
    from pathlib import Path

    folder = Path(root) / CACHE_DIR
    folder.mkdir(exist_ok=True)
    outcomes = {path: o.__dict__.get(_BLOB) or pickle.dumps(o, protocol=pickle.HIGHEST_PROTOCOL)
                for path, o in cache.outcomes.items()}
    slim = BuildCache(dict(cache.readers), outcomes, cache.site_manifest, cache.site_dir, cache.provenance,
                      sources_stamp=cache.sources_stamp, source_states=cache.source_states, looks=cache.looks)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".state-")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((engine_fingerprint(), slim), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / CACHE_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


engine_fingerprint()  # at import: the code this process runs
