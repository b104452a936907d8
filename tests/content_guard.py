"""Proof by construction that engine tests never read the repository's own site.

An audit hook (PEP 578) sees every file opened and every folder listed in this
process; while a test runs, a read below the repository's content/ or sources/ is
recorded, and the test fails at teardown, naming the file. Only tests marked
`sample` (test_sample.py) may read them. Tests that run build.py in a subprocess
pass it their own --root; test_adoption's content swap covers those. The engine
turns the project root into an absolute path (Path.cwd() when none is given), so
checking absolute paths is enough; relative names are those of a folder descriptor.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

EVENTS = {"open", "os.scandir", "os.listdir", "os.walk", "glob.glob"}


class ContentGuard:
    def __init__(self, repo: Path):
        self.guarded = tuple(str(repo / name) + os.sep for name in ("content", "sources"))
        self.exact = {s[:-1] for s in self.guarded}
        self.active = False
        self.reads: list[str] = []
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple) -> None:
        if not self.active or event not in EVENTS or not args:
            return
        path = args[0]
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        elif hasattr(path, "__fspath__"):
            path = os.fspath(path)
        if not isinstance(path, str) or not os.path.isabs(path):
            return  # a file descriptor, or a name relative to one (rmtree's dir_fd): not resolvable here
        full = os.path.normpath(path)
        if full in self.exact or full.startswith(self.guarded):
            self.reads.append(full)

    def start(self) -> None:
        self.reads, self.active = [], True

    def stop(self) -> list[str]:
        self.active = False
        return sorted(set(self.reads))
