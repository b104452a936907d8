"""Run independent jobs on every core: forked worker processes that inherit the loaded
sources and compiled templates, or this process alone when forking would not pay.

What the jobs need besides their item is handed to each worker once, as it starts.
Results come back in the order of the jobs, so the output never depends on which
worker finished first. `Aside` runs one function in a thread meanwhile (for work that
is mostly waiting on the kernel).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import partial

MIN_JOBS_PER_WORKER = 8  # below this, starting processes costs more than it saves
CHUNK = 4


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


_context = None  # in a worker process only: what its jobs need, set once as it starts


def _start(context) -> None:
    """A worker process begins: it keeps the context the pool was made with."""
    global _context
    _die_with_parent()
    _context = context


def _call(fn: Callable, item):
    return fn(_context, item)


def _die_with_parent() -> None:
    """A worker whose build was killed must not live on (Linux: PR_SET_PDEATHSIG)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before the signal was armed
        os._exit(1)


class Workers:
    """`map(fn, items, context)`: `fn(context, item)` for each item, in parallel when
    there are enough of them.

    The workers are forked when the first `map` needs them and are handed `context` as
    they start (a pool initializer: under fork it is inherited, never pickled), so a
    job sends only its item. A pool serves one context: `close` it before the next.
    """

    def __init__(self, jobs: int | None = None):
        self.jobs = max(1, jobs if jobs is not None else available_cores())
        self._pool = None
        self._context = None

    def parallel(self, count: int) -> bool:
        """Whether `count` jobs would run in worker processes."""
        return self.jobs > 1 and count >= MIN_JOBS_PER_WORKER * 2 and sys.platform != "win32"

    def map(self, fn: Callable, items: Iterable, context) -> Iterator:
        items = list(items)
        if not self.parallel(len(items)):
            return (fn(context, item) for item in items)
        if self._pool is None:
            import multiprocessing

            # what the workers inherit is never scanned (or copied) by their collector
            # (the caller collects garbage first where there is some to collect)
            gc.freeze()
            self._pool = multiprocessing.get_context("fork").Pool(self.jobs, initializer=_start,
                                                                  initargs=(context,))
            gc.unfreeze()
            self._context = context
        elif self._context is not context:
            raise ValueError("these workers were started for another context: close them first")
        return self._pool.imap(partial(_call, fn), items, chunksize=CHUNK)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
            self._context = None

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, exc_type, *_exc) -> None:
        if exc_type is not None and self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self.close()


class Aside:
    """A function run in a thread while this one goes on; `join` returns its value or
    raises its exception."""

    def __init__(self, fn: Callable):
        self.value, self.error = None, None
        self.thread = threading.Thread(target=self._run, args=(fn,), daemon=True)
        self.thread.start()

    def _run(self, fn: Callable) -> None:
        try:
            self.value = fn()
        except BaseException as exc:  # handed to the caller in join()
            self.error = exc

    def join(self):
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.value
