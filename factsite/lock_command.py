"""What writes `sources.lock`: a build (new entries only) and `build.py lock --reason`."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import ERROR, format_text
from .lock import NAME, Lock, Locked, LockedSource, cited_now, file_sha256, paragraph_hash, write_lock
from .lock_file import today_utc

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


# --- the lock a build records, or `lock --reason` accepts ---------------------------

def updated(root: Path, sources: dict, ranges, lock: Lock, accept: str | None = None,
            today: str | None = None) -> tuple[Lock, list[str]]:
    """The lock with what is cited now. Without `accept`, changed sources keep their
    locked hash and text (only new entries are added, uncited ones dropped); with it,
    every change is taken as it is now and `accept` recorded in its history.
    Returns the new lock and the ids of the sources whose change was accepted."""
    cited = cited_now(sources, ranges)
    new = Lock(exists=True)
    accepted = []
    for sid in sorted(cited):
        source = sources[sid]
        try:
            sha = file_sha256(root, source)
        except OSError:
            continue
        old = lock.sources.get(sid)
        entry = LockedSource(sid, sha, history=list(old.history) if old else [])
        known = old.paragraphs if old is not None else {}
        current = {}
        for n in cited[sid]:
            text = source.paragraphs[n - 1].text
            same = known.get(n)
            current[n] = Locked(n, same.digest, text) if same is not None and same.text == text \
                else Locked(n, paragraph_hash(text), text)
        if old is not None:
            differs = old.sha256 != sha or any(
                n in old.paragraphs and old.paragraphs[n].digest != p.digest for n, p in current.items())
            if accept is None:  # a build: what was locked stays locked
                entry.sha256 = old.sha256
                current = {n: Locked(n, old.paragraphs[n].digest, old.paragraphs[n].text) if n in old.paragraphs
                           else p for n, p in current.items()}
            elif differs:
                entry.history.append((today or today_utc(), " ".join(accept.split())))
                accepted.append(sid)
        entry.paragraphs = current
        new.sources[sid] = entry
    return new, accepted


def renumbered(root: Path, sources: dict, lock: Lock, moved: set[str]) -> Lock:
    """After `--fix` moved citations of the sources in `moved`: their locked paragraphs
    are renumbered to where each text now stands (only where it stands once), so the
    lock follows the citations. The hash stays: the change still needs `lock --reason`."""
    for sid in sorted(moved):
        entry, source = lock.sources.get(sid), sources.get(sid)
        if entry is None or source is None:
            continue
        places: dict[str, list[int]] = {}
        for p in source.paragraphs:
            places.setdefault(paragraph_hash(p.text), []).append(p.number)
        moved_to: dict[int, Locked] = {}
        for n, old in sorted(entry.paragraphs.items()):
            found = places.get(old.digest, [])
            target = found[0] if len(found) == 1 else n
            moved_to.setdefault(target, Locked(target, old.digest, old.text))
        entry.paragraphs = moved_to
    return lock
