"""The `sources.lock` file: its entries, and reading and writing its line-based format.

What the lock holds and why: see `factsite.lock`. A line it cannot read is a `bad-lock`
error naming the line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import ERROR, Diagnostic
from .quotes import normalize

NAME = "sources.lock"
HEADER = (
    "# sources.lock: the cited evidence as last accepted; see docs/sources.md, \"What the lock protects\".\n"
    "# `build.py` adds new sources and newly cited paragraphs; `build.py lock --reason \"...\"` accepts changes.\n"
    "# Do not edit by hand: `build.py --check` compares the sources with it, line by line.\n"
)
_SOURCE = re.compile(r"source ([a-z0-9]+(?:-[a-z0-9]+)*) sha256 ([0-9a-f]{64})\Z")
_PARAGRAPH = re.compile(r"  p([1-9][0-9]*) ([0-9a-f]{16}) (.+)\Z")
_ACCEPTED = re.compile(r"  accepted (\d{4}-\d{2}-\d{2}) (.+)\Z")

def paragraph_hash(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:16]


@dataclass
class Locked:
    number: int
    digest: str
    text: str
    line: int = 0


@dataclass
class LockedSource:
    id: str
    sha256: str
    line: int = 0
    paragraphs: dict[int, Locked] = field(default_factory=dict)
    history: list[tuple[str, str]] = field(default_factory=list)  # (date, reason)


@dataclass
class Lock:
    sources: dict[str, LockedSource] = field(default_factory=dict)
    exists: bool = False
    problems: list[Diagnostic] = field(default_factory=list)

    def history_key(self) -> tuple:
        """What source pages show of the lock (their cache key)."""
        return tuple((sid, tuple(s.history)) for sid, s in sorted(self.sources.items()) if s.history)


def read_lock(root: Path) -> Lock:
    """The lock as written; a line it cannot read is a `bad-lock` error naming it."""
    path = Path(root) / NAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Lock()
    except OSError as exc:
        return Lock(exists=True, problems=[bad_lock(1, f"cannot read {NAME}: {exc.strerror}")])
    lock = Lock(exists=True)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        lock.problems.append(bad_lock(data.count(b"\n", 0, exc.start) + 1, "not valid UTF-8"))
        return lock
    current: LockedSource | None = None
    for n, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if line.strip() and not line.startswith("#"):
            current = _read_line(lock, current, n, line)
    return lock


def _read_line(lock: Lock, current: LockedSource | None, n: int, line: str) -> LockedSource | None:
    """Line `n` into `lock`; returns the source entry the lines after it belong to."""
    if m := _SOURCE.match(line):
        sid = m.group(1)
        if sid in lock.sources:
            lock.problems.append(bad_lock(n, f"source {sid} is listed twice (first on line {lock.sources[sid].line})"))
            return None
        current = lock.sources[sid] = LockedSource(sid, m.group(2), n)
        return current
    m = _PARAGRAPH.match(line) or _ACCEPTED.match(line)
    if m is None:
        lock.problems.append(bad_lock(n, f"line not understood: {line[:60]!r}"))
    elif current is None:
        lock.problems.append(bad_lock(n, "an indented line outside a 'source' entry"))
    elif line.startswith("  accepted"):
        try:
            dt.date.fromisoformat(m.group(1))
            current.history.append((m.group(1), m.group(2)))
        except ValueError:
            lock.problems.append(bad_lock(n, f"{m.group(1)!r} is not a date"))
    else:
        number, digest, para = int(m.group(1)), m.group(2), m.group(3)
        if number in current.paragraphs:
            lock.problems.append(bad_lock(n, f"{current.id}#p{number} is listed twice"))
        else:  # (its hash is verified when the text differs from the source's: `lock._verified`)
            current.paragraphs[number] = Locked(number, digest, para, n)
    return current


def bad_lock(line: int, message: str) -> Diagnostic:
    return Diagnostic(NAME, line, 1, ERROR, "bad-lock", message,
                      f"restore {NAME} from version control (git checkout {NAME}), or delete it and accept the "
                      "sources as they are with: build.py lock --reason \"...\"")


def format_lock(lock: Lock) -> str:
    out = [HEADER]
    for sid in sorted(lock.sources):
        s = lock.sources[sid]
        out.append(f"\nsource {sid} sha256 {s.sha256}\n")
        for number in sorted(s.paragraphs):
            p = s.paragraphs[number]
            out.append(f"  p{number} {p.digest} {p.text}\n")
        for date, reason in s.history:
            out.append(f"  accepted {date} {' '.join(reason.split())}\n")
    return "".join(out)


def write_lock(root: Path, lock: Lock) -> bool:
    """Write the lock (atomically) if its text changed; True when written."""
    path = Path(root) / NAME
    text = format_lock(lock)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    fd, tmp = tempfile.mkstemp(dir=root, prefix=".sources.lock-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True


def today_utc() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch and epoch.isdigit() \
        else dt.datetime.now(dt.timezone.utc)
    return moment.date().isoformat()
