"""`sources.lock`: the cited evidence as it stood when it was last accepted.

For each source that claims cite: the SHA-256 of its file and, for each cited paragraph,
a hash of its normalized text (SPEC section 4) with the text itself (so a change can be
shown as a diff), and the history of accepted changes. `build.py --check` compares the
sources with it; a build adds what is missing (a new source, a newly cited paragraph)
and drops what nothing cites any more; only `build.py lock --reason` accepts a change.

The file is line-based, sorted, and hashed line by line, so a review shows what changed
and a hand edit or a broken merge is found and named by its line:

    source council sha256 3f2a...
      p2 9f86d081884c7d65 The city council agreed on Tuesday to back a ceasefire plan ...
      accepted 2026-12-03 the publisher fixed a typo in p5
"""

from __future__ import annotations

import difflib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import ERROR, INFO, WARNING, Diagnostic
from .lock_file import (NAME, Lock, Locked, LockedSource, bad_lock, format_lock, paragraph_hash, read_lock,
                        write_lock)

__all__ = [
    "NAME", "Lock", "LockFix", "LockMemo", "Locked", "LockedSource", "Use", "check_snapshots", "cited_now",
    "cited_ranges", "compare", "file_sha256", "format_lock", "page_uses", "paragraph_hash", "read_lock", "short_diff",
    "users", "write_lock",
]
DIFF_CONTEXT = 4  # words shown either side of a change


# --- what is cited now --------------------------------------------------------------

@dataclass(frozen=True)
class Use:
    """One citation of a source's paragraphs by a claim (kept in a page's outcome)."""

    source: str
    start: int
    end: int
    page: str  # content/... path
    anchor: str  # the claim's anchor
    claim_line: int
    line: int  # the footnote definition's first line
    end_line: int  # its last line
    locator: str  # as written, e.g. council#p3
    quote: str | None

    def claim(self) -> str:
        return f"{self.page}:{self.claim_line} (#{self.anchor})"


def page_uses(page) -> tuple:
    """Every (claim, citation) of a parsed page, as `Use`s."""
    out = []
    for claim in page.claims:
        for ref in claim.refs:
            d = page.definitions.get(ref.label)
            if d is None or d.parsed is None:
                continue
            for c in d.parsed.citations:
                if c.start >= 1 and c.end >= c.start:
                    out.append(Use(c.source_id, c.start, c.end, page.path, claim.anchor, claim.line, d.line,
                                   d.end_line, c.locator, c.quote))
    return tuple(dict.fromkeys(out))


def cited_ranges(page) -> tuple:
    """(source, first, last paragraph) of each citation of a page's claims, once each:
    all that a page's outcome keeps for the lock (who cites what, in full, is found
    again by parsing the pages only when a finding needs it: see `pipeline.citing`)."""
    import sys

    return tuple(dict.fromkeys((sys.intern(u.source), u.start, u.end) for u in page_uses(page)))


def cited_now(sources: dict, ranges) -> dict[str, set[int]]:
    """source -> the numbers of its paragraphs that are cited (and exist), from
    (source, first, last) ranges. (Plain sets: this runs over every citation of the
    site at every check.)"""
    out: dict[str, set[int]] = {}
    for sid, start, end in ranges:
        numbers = out.get(sid)
        if numbers is None:
            numbers = out[sid] = set()
        if start == end:
            numbers.add(start)
        else:
            numbers.update(range(start, end + 1))
    for sid in list(out):
        source = sources.get(sid)
        if source is None:
            del out[sid]
            continue
        count = len(source.paragraphs)
        if max(out[sid]) > count:
            out[sid] = {n for n in out[sid] if n <= count}
            if not out[sid]:
                del out[sid]
    return out


def users(uses, sid: str, n: int) -> list[Use]:
    return [u for u in uses if u.source == sid and u.start <= n <= u.end]


def file_sha256(root: Path, source) -> str:
    return hashlib.sha256((Path(root) / source.path).read_bytes()).hexdigest()


# --- the comparison (--check and every build) ----------------------------------------

@dataclass
class LockFix:
    """A citation to move where the text it cited now stands (`--fix`), as `check.Fix`."""

    path: str
    line: int
    end_line: int
    old: str
    new: str
    quote: str | None


def compare(root: Path, sources: dict, ranges, lock: Lock, citing) -> tuple[list[Diagnostic], list[LockFix]]:
    """Findings about the cited evidence against the lock, and the fixes it offers.
    `ranges`: every citation's (source, first, last); `citing(sid)`: the `Use`s of
    a source, asked only for a source with a finding."""
    diags: list[Diagnostic] = list(lock.problems)
    fixes: list[LockFix] = []
    diags += check_snapshots(root, sources)
    if lock.problems or not lock.exists:
        return diags, fixes  # nothing to compare with (a build writes the lock first)
    cited = cited_now(sources, ranges)
    for sid in sorted(cited):
        source = sources[sid]
        entry = lock.sources.get(sid)
        if entry is None:
            diags.append(Diagnostic(source.path, 1, 1, INFO, "lock-missing",
                                    f"{NAME} has no entry for {sid} yet (a newly cited source)",
                                    "a build (build.py) records it; --check never writes"))
            continue
        _SourceAgainstLock(root, sid, source, entry, citing, diags, fixes).compare(cited[sid])
    return sorted(set(diags), key=lambda d: (d.path, d.line, d.code, d.message)), fixes


class _SourceAgainstLock:
    """One cited source against its lock entry: its findings go to `diags`, fixes to `fixes`.
    Who cites it and where each text stands now are found only once a paragraph differs."""

    def __init__(self, root: Path, sid: str, source, entry: LockedSource, citing, diags: list, fixes: list):
        self.root, self.sid, self.source, self.entry = root, sid, source, entry
        self.citing, self.diags, self.fixes = citing, diags, fixes
        self._uses = None
        self._by_digest: dict[str, list[int]] = {}

    def compare(self, numbers: set[int]) -> None:
        source, entry, sid = self.source, self.entry, self.sid
        missing = sorted(n for n in numbers if n not in entry.paragraphs)
        if missing:
            self.diags.append(Diagnostic(
                source.path, source.paragraphs[missing[0] - 1].line, 1, INFO, "lock-missing",
                f"{NAME} has no entry for newly cited {', '.join(f'{sid}#p{n}' for n in missing)}",
                "a build (build.py) records it; --check never writes"))
        try:
            sha = file_sha256(self.root, source)
        except OSError:
            return
        differing = 0
        for n in sorted(numbers):
            old = entry.paragraphs.get(n)
            now = source.paragraphs[n - 1] if n <= len(source.paragraphs) else None
            if old is not None and self._differs(old, now):
                differing += 1
                self._report(n, old, now)
        if not differing and sha != entry.sha256:
            self.diags.append(Diagnostic(
                source.path, 1, 1, WARNING, "source-updated",
                f"{source.path} changed since it was locked (sha256 {sha[:12]}..., locked {entry.sha256[:12]}...); "
                f"the {len(numbers)} cited paragraph(s) still read the same at the same numbers",
                "read the change (git diff), then accept it: build.py lock --reason \"...\""))

    def _differs(self, old: Locked, now) -> bool:
        """Whether the cited text is no longer what was locked (spacing, quote marks and
        invisible characters aside); a locked line whose hash is not its text's is reported."""
        if now is not None and now.text == old.text:
            return False  # (the common case, without normalizing)
        if not _verified(old, self.sid, self.diags):
            return False
        return now is None or paragraph_hash(now.text) != old.digest

    def _by_digest_now(self) -> dict[str, list[int]]:
        if not self._by_digest:
            for p in self.source.paragraphs:
                self._by_digest.setdefault(paragraph_hash(p.text), []).append(p.number)
        return self._by_digest

    def _report(self, n: int, old: Locked, now) -> None:
        """source-renumbered (and its fixes) when the locked text stands elsewhere, else source-changed."""
        sid, by_digest = self.sid, self._by_digest_now()
        if self._uses is None:
            self._uses = self.citing(sid)
        who = users(self._uses, sid, n)
        claims = ", ".join(sorted({u.claim() for u in who}))
        line = now.line if now is not None else 1
        elsewhere = by_digest.get(old.digest, [])
        if not elsewhere:
            self.diags.append(Diagnostic(
                self.source.path, line, 1, ERROR, "source-changed",
                f"{sid}#p{n} changed since it was locked; cited by {claims}",
                f"{short_diff(old.text, now.text if now is not None else '')}; read the change, re-capture or "
                "fix the claims, then accept it: build.py lock --reason \"...\""))
            return
        target = min(elsewhere, key=lambda m: abs(m - n))
        self.diags.append(Diagnostic(
            self.source.path, line, 1, WARNING, "source-renumbered",
            f"the text cited as {sid}#p{n} is now {sid}#p{target} (paragraphs were added or removed "
            f"before it): {', '.join(sorted({u.locator for u in who}))} in {claims} now point at other text",
            "run build.py --fix to move the citations to the paragraph their text is in, then "
            "build.py lock --reason \"...\""))
        self.fixes += [f for f in (_shifted(u, self.entry, by_digest) for u in who) if f is not None]


def _verified(old: Locked, sid: str, diags: list) -> bool:
    """A locked line's hash is its text's (else the line was edited: `bad-lock`)."""
    if paragraph_hash(old.text) == old.digest:
        return True
    diags.append(bad_lock(old.line, f"the text of {sid}#p{old.number} does not match its hash: "
                               "the line was edited by hand"))
    return False


def _shifted(use: Use, entry: LockedSource, by_digest: dict) -> LockFix | None:
    """The citation moved to where each of its paragraphs' locked text now stands, when
    every one moved by the same distance and stands at one place only."""
    shifts = set()
    for n in range(use.start, use.end + 1):
        old = entry.paragraphs.get(n)
        places = by_digest.get(old.digest, []) if old is not None else []
        if len(places) != 1:
            return None
        shifts.add(places[0] - n)
    if len(shifts) != 1 or 0 in shifts:
        return None
    d = shifts.pop()
    start, end = use.start + d, use.end + d
    new = f"{use.source}#p{start}" + (f"-{end}" if end != start else "")
    return LockFix(use.page, use.line, use.end_line, use.locator, new, use.quote)


def short_diff(old: str, new: str) -> str:
    """The changed words with a few words either side: `was "...30 days..." now "...60 days..."`."""
    a, b = old.split(), new.split()
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops:
        return "only spacing or invisible characters changed"
    _, i1, i2, j1, j2 = ops[0][0], ops[0][1], ops[-1][2], ops[0][3], ops[-1][4]
    lo_a, hi_a = max(i1 - DIFF_CONTEXT, 0), min(i2 + DIFF_CONTEXT, len(a))
    lo_b, hi_b = max(j1 - DIFF_CONTEXT, 0), min(j2 + DIFF_CONTEXT, len(b))

    def clip(words, lo, hi, total):
        text = " ".join(words[lo:hi])
        if len(text) > 160:
            text = text[:157] + "..."
        return ("..." if lo else "") + text + ("..." if hi < total else "")

    if not b:
        return f'was "{clip(a, lo_a, hi_a, len(a))}", now the paragraph is gone'
    return f'was "{clip(a, lo_a, hi_a, len(a))}", now "{clip(b, lo_b, hi_b, len(b))}"'


def check_snapshots(root: Path, sources: dict) -> list[Diagnostic]:
    """A captured source's snapshot (sources/raw/<id>.html) must still be the bytes the
    sidecar's sha256 names."""
    from .capture import raw_path

    out = []
    for sid, source in sorted(sources.items()):
        want = source.meta.get("sha256")
        if not want:
            continue
        where = source.sidecar or source.path
        raw = raw_path(root, sid)
        try:
            got = hashlib.sha256(raw.read_bytes()).hexdigest()
        except OSError:
            out.append(Diagnostic(where, 1, 1, ERROR, "snapshot-missing",
                                  f"the sidecar names a captured snapshot, but sources/raw/{sid}.html is missing",
                                  "restore it from version control; it is the evidence behind this source"))
            continue
        if got != want:
            out.append(Diagnostic(where, 1, 1, ERROR, "snapshot-changed",
                                  f"sources/raw/{sid}.html is not the page that was captured (sha256 {got[:12]}..., "
                                  f"the sidecar says {want[:12]}...)",
                                  "snapshots are never edited: restore it, or capture the page again with "
                                  "add-source URL --force"))
    return out


class LockMemo:
    """The lock read and compared, remembered in the live preview's memory (`PreviewMemory.
    lock_memo`) while the lock file, the sources, the pages and the snapshots are the
    same: an edit elsewhere then costs no pass over every citation of the site."""

    def __init__(self, root: Path, cache):
        self.root = Path(root)
        self.cache = cache
        try:
            st = os.stat(self.root / NAME)
            self.stat = (st.st_size, st.st_mtime_ns, st.st_ino)
        except OSError:
            self.stat = None
        self.memo = cache.lock_memo if cache is not None else ()

    def lock(self) -> Lock:
        if self.memo and self.memo[0] == self.stat:
            return self.memo[1]
        lock = read_lock(self.root)
        self.memo = (self.stat, lock, None, None)
        if self.cache is not None:
            self.cache.lock_memo = self.memo
        return lock

    def compare(self, sources: dict, outcomes, stamp: str, manifest: dict, citing) -> tuple[list, list]:
        lock = self.lock()
        snapshots = [(k, v) for k, v in manifest.items() if k.startswith("sources/raw/")]
        k = (stamp, [(o.info.path, o.info.digest) for o in outcomes], snapshots)
        if self.memo[2] == k:
            return self.memo[3]
        found = compare(self.root, sources, [r for o in outcomes for r in o.cited_ranges], lock, citing)
        self.memo = (self.stat, lock, k, found)
        if self.cache is not None:
            self.cache.lock_memo = self.memo
        return found
