"""Which input files changed since the last rebuild, as Linux reports them (inotify).

The live preview stat'ed every input after each edit (two files a page; see
bench/README.md for what that cost). With inotify it stats only the files the kernel names (and every link, since
a change behind a link is not reported in the link's folder). It scans everything
whenever it cannot be sure: the first time; when a folder is created, removed or moved;
when the queue overflowed or a watch was lost; and when no event came at all (nothing
changed in content/ or sources/, or a file system that does not report changes, as some
network and container mounts do not). Elsewhere than Linux it always scans.
"""

from __future__ import annotations

import ctypes
import os
import stat
import struct
import sys

from .sources import INPUT_FOLDERS, input_manifests

_IN_MODIFY, _IN_ATTRIB, _IN_CLOSE_WRITE = 0x2, 0x4, 0x8
_IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x40, 0x80, 0x100, 0x200
_IN_DELETE_SELF, _IN_MOVE_SELF = 0x400, 0x800
_IN_Q_OVERFLOW, _IN_IGNORED, _IN_ISDIR = 0x4000, 0x8000, 0x40000000
_IN_NONBLOCK, _IN_CLOEXEC = os.O_NONBLOCK, 0o2000000
_MASK = (_IN_MODIFY | _IN_ATTRIB | _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE
         | _IN_DELETE_SELF | _IN_MOVE_SELF)
_UNSURE = _IN_Q_OVERFLOW | _IN_IGNORED | _IN_DELETE_SELF | _IN_MOVE_SELF | _IN_ISDIR
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, length of the name that follows


class InputWatch:
    """`manifests()` is `input_manifests(root)` as it is now, from the events since the
    last call where they say enough."""

    def __init__(self, root):
        self.root = os.fspath(root)
        self.fd: int | None = None
        self.folders: dict[str, dict] | None = None  # the last answer
        self.watched: dict[int, str] = {}  # watch -> folder, from the root ("content/2025")
        self.links: set[str] = set()  # inputs that are links: stat'ed every time
        self.scans = 0  # full scans made (for tests)

    def manifests(self) -> dict[str, dict]:
        if self.fd is None or self.folders is None:
            return self._rescan()
        events = self._drain()
        if events is None:
            return self._rescan()
        heard, named = events
        if not heard:
            return self._scan()
        folders = {name: dict(entries) for name, entries in self.folders.items()}  # (the caller keeps the last)
        for rel in named | self.links:
            self._restat(folders, rel)
        self.folders = folders
        return folders

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __del__(self):
        self.close()

    def _scan(self) -> dict[str, dict]:
        self.scans += 1
        links: set[str] = set()
        self.folders = input_manifests(self.root, links)
        self.links = links
        return self.folders

    def _rescan(self) -> dict[str, dict]:
        """Watch every folder anew, then scan (a change made meanwhile is reported next time)."""
        self.close()
        self.watched = {}
        self.fd = _watch_folders(self.root, self.watched)
        return self._scan()

    def _drain(self) -> tuple[bool, set[str]] | None:
        """(whether any event came, the inputs they name); None when they do not say enough."""
        named: set[str] = set()
        heard = unsure = False
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                break
            except OSError:
                return None
            if not data:
                break
            heard = True
            at = 0
            while at < len(data):
                wd, mask, _cookie, length = _EVENT.unpack_from(data, at)
                name = os.fsdecode(data[at + _EVENT.size: at + _EVENT.size + length].rstrip(b"\0"))
                at += _EVENT.size + length
                folder = self.watched.get(wd)
                if mask & _UNSURE or folder is None:
                    unsure = True
                elif name and not name.startswith("."):  # (hidden files are no inputs)
                    named.add(f"{folder}/{name}")
        return None if unsure else (heard, named)

    def _restat(self, folders: dict, rel: str) -> None:
        """One input as `input_manifests` lists it: size and time; None, a link to
        nothing; absent, gone or a linked folder."""
        entries = folders[rel.split("/", 1)[0]]
        path = os.path.join(self.root, rel)
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                self.links.add(rel)
            else:
                self.links.discard(rel)
        except OSError:
            self.links.discard(rel)
            entries.pop(rel, None)
            return
        try:
            st = os.stat(path)
        except OSError:
            entries[rel] = None
            return
        if stat.S_ISDIR(st.st_mode):
            entries.pop(rel, None)
        else:
            entries[rel] = (st.st_size, st.st_mtime_ns)


def _watch_folders(root: str, watched: dict[int, str]) -> int | None:
    """An inotify descriptor watching content/, sources/ and the folders below them that
    `input_manifests` enters; None where Linux's inotify is not to be had."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
    except (OSError, AttributeError):
        return None
    if fd < 0:
        return None
    for top in INPUT_FOLDERS:
        for dirpath, dirnames, _files in os.walk(os.path.join(root, top)):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            wd = libc.inotify_add_watch(fd, os.fsencode(dirpath), _MASK)
            if wd < 0:  # (out of watches, say): scanning it is
                os.close(fd)
                return None
            watched[wd] = os.path.relpath(dirpath, root).replace(os.sep, "/")
    return fd
