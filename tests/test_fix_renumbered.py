"""v2 reads an article's own <header>: the paragraphs after it renumber, and `--fix`
moves each citation whose quote now stands one paragraph further."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO
from sitebuild import tree_digest

ARTICLE = """<!doctype html><html lang="en"><head><title>T</title></head><body>
<header><p>Site chrome</p></header>
<article><header><h1>Groups unite</h1></header>
<p>Three groups said they now speak with one voice.</p>
<p>They call it a golden opportunity.</p></article></body></html>
"""


def test_fix_moves_citations_of_a_renumbered_html_source(project):
    # written against v1's numbering, where the article's header was skipped
    page = ("---\ntitle: T\n---\n\nOne voice.[^a] Golden.[^b] Headline.[^c]\n\n"
            '[^a]: a#p1 "speak with one voice"\n'
            '[^b]: a#p2 "a golden opportunity"\n'
            '[^c]: a#p1 "Groups unite"\n')
    root = project({"sources/a.html": ARTICLE, "content/p.md": page})
    sources_before = tree_digest(root / "sources")
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "--fix"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    fixed = (root / "content" / "p.md").read_text()
    assert '[^a]: a#p2 "speak with one voice"' in fixed
    assert '[^b]: a#p3 "a golden opportunity"' in fixed
    assert '[^c]: a#p1 "Groups unite"' in fixed  # the headline: now citable, and where it was cited
    assert tree_digest(root / "sources") == sources_before
    check = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "--check"],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout
