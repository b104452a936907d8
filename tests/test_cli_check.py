"""`build.py --check` as an editor runs it: a subprocess on a small project folder."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO

SOURCE = "The council met on Tuesday in Kabul.\nLeaders called it a golden opportunity.\n"
PAGE = """---
title: Test page
---

The council met.[^met]

It was historic.[^hist]

[^met]: council#p1 "met on Tuesday"
[^hist]: council#p2 "a historic opportunity"
"""


def run(root, *args):
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), *args],
        capture_output=True, text=True, timeout=60,
    )


def test_json_findings_and_exit_status(project):
    root = project({"sources/council.txt": SOURCE, "content/page.md": PAGE})
    result = run(root, "--check", "--format", "json")
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout) == {
        "diagnostics": [
            {
                "file": "content/page.md",
                "line": 10,
                "column": 1,
                "severity": "error",
                "code": "quote-not-found",
                "message": 'quote not found in council#p2: "a historic opportunity"',
                "suggestion": 'closest passage is council#p2 "a golden opportunity" (similarity 0.71); '
                              "first difference at word 2: a [-historic-]{+golden+} opportunity",
            }
        ],
        "counts": {"error": 1, "warning": 0, "info": 0},
    }


def test_text_format_and_github_format(project):
    root = project({"sources/council.txt": SOURCE, "content/page.md": PAGE})
    text = run(root, "--check")
    assert text.stdout.splitlines()[:2] == [
        'content/page.md:10:1: error: quote not found in council#p2: "a historic opportunity" [quote-not-found]',
        '  help: closest passage is council#p2 "a golden opportunity" (similarity 0.71); '
        'first difference at word 2: a [-historic-]{+golden+} opportunity',
    ]
    gh = run(root, "--check", "--format", "github")
    assert gh.stdout.startswith("::error file=content/page.md,line=10,col=1,title=quote-not-found::quote not found")
    assert gh.returncode == 1


def test_clean_project_exits_zero_and_says_what_it_checked(project):
    """SPEC section 5: a check with no finding prints one line, as linters do."""
    root = project({"sources/council.txt": SOURCE, "content/page.md": PAGE.replace("a historic", "a golden")})
    result = run(root, "--check")
    assert (result.returncode, result.stdout) == (0, "checked 1 page, 2 claims and 2 citations: no findings\n")
    assert json.loads(run(root, "--check", "--format", "json").stdout)["diagnostics"] == []


def test_warnings_pass_unless_strict(project):
    root = project({"sources/council.txt": SOURCE, "content/page.md": PAGE.replace("a historic", "a golden") + "\nUncited.\n"})
    assert run(root, "--check").returncode == 0
    strict = run(root, "--check", "--strict", "--format", "json")
    assert strict.returncode == 1
    assert json.loads(strict.stdout)["diagnostics"][0]["severity"] == "error"


def test_cannot_run_exits_two(tmp_path):
    result = run(tmp_path, "--check")
    assert result.returncode == 2
    assert "no content/ or sources/" in result.stderr
    assert run(tmp_path, "--check", "--format", "yaml").returncode == 2


def test_sources_command_lists_numbered_paragraphs(project):
    root = project({"sources/council.txt": SOURCE, "content/page.md": PAGE})
    listing = run(root, "sources")
    assert listing.returncode == 0
    assert "council" in listing.stdout and "2 paragraphs" in listing.stdout
    one = run(root, "sources", "council")
    assert "   #p2 Leaders called it a golden opportunity." in one.stdout.splitlines()
    missing = run(root, "sources", "councl")
    assert missing.returncode == 1 and "did you mean council" in missing.stdout
