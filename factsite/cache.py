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


@dataclass
class BuildCache:
    """What one process keeps between builds (the live preview, the benchmark)."""

    readers: dict = field(default_factory=dict)  # source file -> ReadResult
    pages: dict = field(default_factory=dict)  # content file -> (Page, findings)
    checks: dict = field(default_factory=dict)  # page + cited sources -> CheckResult part
    views: dict = field(default_factory=dict)  # page + cited sources + templates -> PageView
    renders: dict = field(default_factory=dict)  # output file inputs -> bytes
    rendered: list = field(default_factory=list)  # output files rendered (not reused) by the last build
    site_manifest: dict = field(default_factory=dict)  # output file -> render key, of the site on disk
    site_dir: str = ""  # where that site is
    jinja: tuple | None = None  # (templates key, Environment): compiled templates, never saved

    def prune(self, live: dict[str, set]) -> None:
        """Forget entries no longer used, so a long preview session does not grow."""
        for name, keep in live.items():
            store = getattr(self, name)
            for k in list(store):
                if k not in keep:
                    del store[k]


CACHE_DIR = ".factsite-cache"
CACHE_FILE = "state.pickle"


@dataclass(frozen=True)
class Linked:
    """An output file identical to one in the previous site: linked, not rewritten."""

    path: str  # absolute path of the previous file

    def read(self) -> bytes:
        with open(self.path, "rb") as fh:
            return fh.read()


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
            cache.rendered = []
            cache.loaded_state = key(sorted(map(repr, cache.readers)), sorted(map(repr, cache.pages)), sorted(cache.checks),
                                     sorted(cache.site_manifest.items()), cache.site_dir)
            return cache
    except Exception:  # noqa: BLE001 - any unreadable cache means a cold build
        pass
    return BuildCache()


def save_disk_cache(root, cache: BuildCache, site_manifest: dict[str, str], site_dir) -> None:
    """Keep parse and check results; for rendered files keep only their keys, since
    the published site itself holds the bytes (reused by linking)."""
    import os
    import pickle
    import tempfile
    from pathlib import Path

    folder = Path(root) / CACHE_DIR
    folder.mkdir(exist_ok=True)
    fingerprint = key(sorted(map(repr, cache.readers)), sorted(map(repr, cache.pages)), sorted(cache.checks), sorted(site_manifest.items()),
                      str(site_dir))
    if fingerprint == getattr(cache, "loaded_state", None):
        return  # nothing new to remember
    for page, _ in cache.pages.values():
        page.tokens = None  # re-parsed only if the page has to be rendered again
    slim = BuildCache(cache.readers, cache.pages, cache.checks, {}, {}, [])
    slim.site_manifest = dict(site_manifest)
    slim.site_dir = str(site_dir)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".state-")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump((engine_fingerprint(), slim), fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, folder / CACHE_FILE)


engine_fingerprint()  # at import: the code this process runs
