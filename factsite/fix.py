"""`build.py --fix`: move a citation to the paragraph where its quote really stands.

Only locators of `quote-elsewhere` findings whose quote stands in exactly one other
place are rewritten; nothing else in the file changes (line ends, BOM, spacing), and
`sources/` is never written.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path

from .check import Fix


def _apply(text: str, fixes: list[Fix]) -> str:
    lines = text.split("\n")
    for fix in fixes:
        start, end = fix.line - 1, min(fix.end_line, len(lines))
        region = "\n".join(lines[start:end])
        locator = re.escape(fix.old) + r"(?![0-9-])"
        pattern = None
        if fix.quote:
            head = re.escape(fix.quote[:20])
            pattern = re.compile(locator + r"(?=\s+[\"“]" + head + ")")
        match = (pattern.search(region) if pattern else None) or re.compile(locator).search(region)
        if match is None:
            continue
        region = region[: match.start()] + fix.new + region[match.end():]
        lines[start:end] = region.split("\n")
    return "\n".join(lines)


def apply_fixes(root: Path, fixes: list[Fix], out) -> int:
    """Rewrite the files; print each change as a unified diff; return files changed."""
    by_file: dict[str, list[Fix]] = defaultdict(list)
    for fix in fixes:
        by_file[fix.path].append(fix)
    changed = 0
    for rel in sorted(by_file):
        path = (root / rel).resolve()
        if not rel.startswith("content/") or (root / "sources").resolve() in path.parents:
            continue
        raw = path.read_bytes()
        text = raw.decode("utf-8")  # the check read it, so it decodes
        if "\r" in text.replace("\r\n", ""):
            print(f"{rel}: not fixed: the file has old Mac (CR) line ends", file=out)
            continue
        new = _apply(text, sorted(by_file[rel], key=lambda f: f.line, reverse=True))
        if new == text:
            continue
        diff = difflib.unified_diff(
            text.replace("\r\n", "\n").splitlines(keepends=True),
            new.replace("\r\n", "\n").splitlines(keepends=True),
            fromfile=f"a/{rel}", tofile=f"b/{rel}",
        )
        out.write("".join(diff))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".fix-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(new.encode("utf-8"))
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
        changed += 1
    return changed
