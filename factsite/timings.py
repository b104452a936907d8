"""Phase timings of a build on stderr, for profiling (FACTSITE_TIMINGS=1), and the
named points where a build may be made to kill itself, for testing (FACTSITE_KILL_AT)."""

from __future__ import annotations

import os
import signal
import sys
import time


class Clock:
    """`clock(phase)`: the time and CPU since the last call, and this process's memory,
    on stderr when FACTSITE_TIMINGS is set; nothing otherwise."""

    def __init__(self):
        self.on = bool(os.environ.get("FACTSITE_TIMINGS"))
        self.last = time.perf_counter()
        self.cpu = time.process_time()

    def __call__(self, phase: str) -> None:
        if not self.on:
            return
        t, cpu = time.perf_counter(), time.process_time()
        print(f"timing: {phase} {t - self.last:.3f} s, this process's CPU {cpu - self.cpu:.3f} s{_memory()}",
              file=sys.stderr)
        self.last, self.cpu = t, cpu


def _memory() -> str:
    try:  # Linux: this process's resident memory
        with open("/proc/self/statm") as fh:
            return f" (this process: {int(fh.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') // 2**20} MB)"
    except OSError:
        return ""


def kill_point(name: str) -> None:
    """SIGKILL this process here when FACTSITE_KILL_AT names this point: the tests kill
    builds at known moments (before and after the site is swapped in), not at random."""
    if os.environ.get("FACTSITE_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
