"""What writes `sources.lock`: a build (new entries only) and `build.py lock --reason`."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import ERROR, format_text
from .lock import NAME, updated, write_lock

LOCK_CODES = {"source-changed", "source-renumbered", "source-updated", "lock-missing"}


def record(root: Path, project, out) -> None:
    """After a successful build: add new sources and newly cited paragraphs, drop what
    nothing cites; a change to what was locked is never taken here."""
    lock = project.lock
    if lock is None or lock.problems:
        return
    new, _ = updated(root, project.sources, project.cited_ranges, lock)
    if write_lock(root, new):
        print(f"{NAME}: recorded the cited evidence ({len(new.sources)} source(s))", file=out)


def accept(root: Path, reason: str, out) -> int:
    """`build.py lock --reason "..."`: take the sources as they are now into the lock."""
    from .project import ProjectMissing, load_project

    if not reason.strip():
        print("error: --reason is empty: say why the change is accepted (it is shown on the source's page)", file=out)
        return 2
    try:
        project = load_project(root)
    except ProjectMissing as exc:
        print(f"error: {exc}", file=out)
        return 2
    if project.lock.problems:
        print(format_text(project.lock.problems), file=out)
        print(f"error: {NAME} cannot be read; nothing was accepted", file=out)
        return 1
    blocking = [d for d in project.diagnostics if d.severity == ERROR and d.code not in LOCK_CODES]
    if blocking:
        print(format_text(blocking), file=out)
        print("error: fix the errors above before accepting the sources as they are; nothing was accepted", file=out)
        return 1
    lock, accepted = updated(root, project.sources, project.cited_ranges, project.lock, accept=reason)
    write_lock(root, lock)
    if accepted:
        for sid in accepted:
            date, why = lock.sources[sid].history[-1]
            print(f"accepted {sid} on {date}: {why}", file=out)
    else:
        print(f"{NAME}: no locked source had changed; new entries recorded, nothing accepted", file=out)
    return 0
