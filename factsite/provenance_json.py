"""provenance.json, written from the pages' entries: new ones from the file the workers
wrote them into, unchanged ones copied from the previous site's provenance.json by
offset (in the kernel where it can), so an edit does not re-encode every page."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable

from .keys import joined, key

NAME = "provenance.json"


class EntryFile:
    """One temporary file that every worker writes pages' provenance.json entries
    into (at offsets handed out in turn), so the entries never cross a pipe;
    provenance.json is assembled from it."""

    def __init__(self, shared: bool):
        self.file = tempfile.TemporaryFile()  # unlinked at once: nothing left if killed
        if shared:
            import multiprocessing

            self._end = multiprocessing.get_context("fork").Value("q", 0)
        else:
            self._end = None
            self._size = 0

    def add(self, data: bytes) -> tuple[int, int]:
        """Write `data`; (offset, length) of it in the file."""
        if self._end is None:
            offset, self._size = self._size, self._size + len(data)
        else:
            with self._end.get_lock():
                offset = self._end.value
                self._end.value = offset + len(data)
        view, at = memoryview(data), offset
        while view:  # (a write may be cut short)
            done = os.pwrite(self.file.fileno(), view, at)
            view, at = view[done:], at + done
        return offset, len(data)

    def close(self) -> None:
        self.file.close()


def provenance_key(sources_stamp: str, published: list) -> str:
    """What provenance.json holds: its pages' entries in order, and the sources."""
    # (a path holds no NUL and the digests are 16 bytes: the joined bytes are unambiguous)
    return key(NAME, joined([o.info.path.encode() + b"\0" + o.provenance_key for o in published]),
               sources_stamp)


def provenance_frame(renderer, sources_stamp: str, kept: tuple = ()) -> tuple:
    """(sources stamp, (head, tail)): what provenance.json holds around its pages'
    entries, which shows only the sources. `kept` (the live preview's last one) is
    reused while the sources are the same: a writer thread would otherwise spend that
    time holding the interpreter while the browser is to reload."""
    if kept and kept[0] == sources_stamp:
        return kept
    head, tail = renderer.provenance_json([b"\0"]).split(b"\0")
    return sources_stamp, (head, tail)


def provenance_writer(old_spans: dict, old_path, published: list, sink, parts, spans: dict,
                      frame: tuple) -> Callable[[], tuple]:
    """A function that writes provenance.json into `sink` from the pages' entries: new
    ones from this build's `parts` (at `spans`), unchanged ones copied from the previous
    site's file (`old_path`, at `old_spans`).
    It returns where each page's entry is in it and the file's (size, mtime), as the
    cache keeps them. Everything it needs of the previous build is looked up now, so it
    may run later, in a thread of its own (the live preview's, after the pages are in
    place and the cache is updated). `frame`: the file around the entries (`provenance_frame`)."""
    pieces = []
    for o in published:
        if o.info.path in spans:
            pieces.append((o.info.path, parts, *spans[o.info.path]))
        else:
            pieces.append((o.info.path, None, *old_spans[o.info.path]))

    head, tail = frame[1]

    def write() -> tuple:
        return _write(sink, head, tail, pieces, old_path)
    return write


def _write(sink, head: bytes, tail: bytes, pieces: list, old_path) -> tuple:
    new_spans: dict[str, tuple[int, int]] = {}
    old = open(old_path, "rb") if old_path is not None else None
    try:
        with sink.open(NAME) as out:
            out.write(head)
            i = 0
            while i < len(pieces):
                if i:
                    out.write(b",")
                path, source, offset, length = pieces[i]
                if source is not None:  # a new entry
                    new_spans[path] = (out.tell(), length)
                    source.seek(offset)
                    out.write(source.read(length))
                    i += 1
                    continue
                # a run of unchanged entries that follow each other in the old file
                # (with their commas) is copied in one piece
                j, end = i, offset + length
                while j + 1 < len(pieces) and pieces[j + 1][1] is None and pieces[j + 1][2] == end + 1:
                    j += 1
                    end = pieces[j][2] + pieces[j][3]
                at = out.tell()
                for m in range(i, j + 1):
                    new_spans[pieces[m][0]] = (at + pieces[m][2] - offset, pieces[m][3])
                copy_range(old, out, offset, end - offset)
                i = j + 1
            out.write(tail)
    finally:
        if old is not None:
            old.close()
    st = sink.stat(NAME)
    return new_spans, (st.st_size, st.st_mtime_ns)


def copy_range(src, out, offset: int, length: int) -> None:
    """Copy bytes of one open file into another, in the kernel where it can
    (copy_file_range: a large provenance.json never passes through Python)."""
    out.flush()
    try:
        while length > 0:
            done = os.copy_file_range(src.fileno(), out.fileno(), length, offset)
            if done <= 0:
                break
            offset += done
            length -= done
    except (AttributeError, OSError):
        pass
    out.seek(0, os.SEEK_END)
    if length > 0:  # not supported here, or cut short: the rest the plain way
        src.seek(offset)
        while length > 0:
            chunk = src.read(min(length, 1 << 20))
            if not chunk:
                raise OSError(f"{src.name} is shorter than recorded")
            out.write(chunk)
            length -= len(chunk)
