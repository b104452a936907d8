"""Content-addressed caches: work is keyed by the hashes of everything it depends on,
so a rebuild redoes only what changed and its output is the same as a full build's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def key(*parts) -> str:
    """A stable digest of strings, bytes, numbers and nested tuples or lists."""
    h = hashlib.sha256()

    def feed(part) -> None:
        if isinstance(part, (tuple, list)):
            h.update(b"(")
            for p in part:
                feed(p)
            h.update(b")")
        elif isinstance(part, bytes):
            h.update(b"b%d:" % len(part) + part)
        else:
            text = repr(part).encode("utf-8")
            h.update(b"s%d:" % len(text) + text)

    feed(parts)
    return h.hexdigest()


@dataclass
class BuildCache:
    """What one process keeps between builds (the live preview, the benchmark)."""

    readers: dict = field(default_factory=dict)  # source file -> ReadResult
    pages: dict = field(default_factory=dict)  # content file -> (Page, findings)
    checks: dict = field(default_factory=dict)  # page + cited sources -> CheckResult part
    renders: dict = field(default_factory=dict)  # output file inputs -> bytes
    rendered: list = field(default_factory=list)  # output files rendered (not reused) by the last build

    def prune(self, live: dict[str, set]) -> None:
        """Forget entries no longer used, so a long preview session does not grow."""
        for name, keep in live.items():
            store = getattr(self, name)
            for k in list(store):
                if k not in keep:
                    del store[k]
