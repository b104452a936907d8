"""Is a page about to be added already a source? (`add-source` warns, then adds it.)

The same address, or the same text: the same bytes, or the same paragraphs once read
(a page saved twice differs in its scripts and tracking tags, not in its text).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def _address(url: str | None) -> str | None:
    """A URL as compared: scheme and host in lower case, no fragment, no trailing slash."""
    if not url:
        return None
    parts = urlsplit(str(url).strip())
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def already_sources(root: Path, sources: dict, data: bytes, url: str | None, paragraphs: list) -> list[str]:
    """One line per existing source the page repeats, naming it and what is the same."""
    found = []
    address = _address(url)
    digest = hashlib.sha256(data).digest()
    texts = [p.text for p in paragraphs]
    for sid, src in sorted(sources.items()):
        same = []
        if address and _address(src.meta.get("url")) == address:
            same.append(f"the same URL ({url})")
        try:
            same_bytes = hashlib.sha256((Path(root) / src.path).read_bytes()).digest() == digest
        except OSError:
            same_bytes = False
        if same_bytes:
            same.append("the same file")
        elif texts and [p.text for p in src.paragraphs] == texts:
            same.append("the same text")
        if same:
            found.append(f"warning: {src.path} ({sid}) already is this source: {' and '.join(same)}")
    return found
