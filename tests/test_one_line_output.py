"""Plain-text output keeps one line per finding, its `help:` line the only continuation,
even when the quote in the message wraps over lines (SPEC section 5)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

from factsite.diagnostics import Diagnostic, format_text

PAGE = """---
title: T
---

Claim.[^x] Other.[^y]

[^x]: a#p1 "issued a joint
    statement calling for elections"
[^y]: a#p1 "a joint\r
    statement\u2028for none"
"""


def test_a_wrapped_quote_is_reported_on_one_line(project):
    root = project({"sources/a.txt": "It issued a statement calling for elections.\n", "content/p.md": PAGE})
    out = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "--check"],
                         capture_output=True, text=True, timeout=120).stdout
    lines = out.splitlines()
    findings = [line for line in lines if line.startswith("content/")]
    assert len(findings) == 2
    assert 'quote not found in a#p1: "issued a joint statement calling for elections" [quote-not-found]' in findings[0]
    for i, line in enumerate(lines[:-1]):
        assert line.startswith("content/") or line.startswith("  help: "), line
        if line.startswith("  help: "):
            assert lines[i - 1].startswith("content/")


def test_every_line_break_is_one_space():
    d = Diagnostic("content/p.md", 3, 1, "error", "quote-not-found", "a\n  b\r\nc\u2028d\x85e", "f\n g")
    assert format_text([d]).splitlines()[:2] == [
        "content/p.md:3:1: error: a b c d e [quote-not-found]", "  help: f g"]
