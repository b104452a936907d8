"""Where a build writes: one protocol for the staging folder of `build.py` and the
live preview's folder updated in place, so the build never asks which one it has."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable


@dataclass(frozen=True)
class Changes:
    """What a build changed, handed to `Sink.commit` (a staging folder, swapped in
    whole, needs none of it; a folder updated in place needs all of it)."""

    rendered: tuple[str, ...] = ()  # files this build wrote (not kept from the last one)
    files: Mapping[str, str] | None = None  # every file the site now holds; None: unknown
    before: Mapping[str, str] | None = None  # the last build's files: those gone are removed
    held: tuple[str, ...] = ()  # written, but still being finished: committed later on their own


@runtime_checkable
class Sink(Protocol):
    """A site being written: files go to `folder` (each name + `suffix`), unchanged ones
    are taken from `previous` by `keep`, and `commit` publishes them all at once."""

    folder: Path  # where files are written
    previous: Path | None  # the last published site, whose files `keep` takes; None: none
    suffix: str  # added to each name written, until `commit`
    present: set[str] | None  # the files `previous` holds, when known without looking

    def write(self, rel: str, data: bytes) -> None: ...

    def open(self, rel: str) -> BinaryIO: ...

    def stat(self, rel: str) -> os.stat_result: ...

    def keep(self, rel: str) -> bool: ...

    def commit(self, changes: Changes = Changes()) -> Path: ...

    def discard(self) -> None: ...
