"""The command's edges: --help names itself and says how to cite, the preview's port,
add-source on a page that already is a source."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import REPO

SOURCE = "The council met on Tuesday.\nIt approved the budget.\n"
PAGE = '---\ntitle: Budget\n---\n\nThe council approved the budget.[^a]\n\n[^a]: council#p2 "approved the budget"\n'


def _factsite() -> str:
    exe = shutil.which("factsite", path=str(Path(sys.executable).parent))
    assert exe, "the factsite command is installed with the package"
    return exe


def test_help_names_the_command_that_ran_and_shows_the_citation_syntax():
    for cmd, name in (([_factsite()], "factsite"), ([sys.executable, str(REPO / "build.py")], "build.py")):
        result = subprocess.run([*cmd, "--help"], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0
        assert result.stdout.startswith(f"usage: {name} ")
        assert '[^label]: source-id#p3 "the quoted words"' in result.stdout
        assert "docs/README.md" in result.stdout and "factsite init DIR" in result.stdout


def test_a_taken_port_is_one_line_and_exit_2(project):
    root = project({"sources/council.txt": SOURCE, "content/budget.md": PAGE})
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen(1)
        port = held.getsockname()[1]
        result = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "serve", "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: port {port} on 127.0.0.1 is already in use (another preview?): "
        "choose another with --port N, or --port 0 for any free one"]
    assert "serving" not in result.stdout


def test_port_0_picks_a_free_port_and_prints_it(project):
    root = project({"sources/council.txt": SOURCE, "content/budget.md": PAGE})
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(root), "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = ""
        deadline = time.monotonic() + 60
        while "serving" not in line and time.monotonic() < deadline:
            line = proc.stdout.readline()
        found = re.match(r"serving http://127\.0\.0\.1:(\d+)/ ", line)
        assert found, line
        port = int(found.group(1))
        assert port != 0
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/budget.html", timeout=5) as r:
                    assert "approved the budget" in r.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the preview did not answer on the printed port")
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


SAVED = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Budget passes</title>
<link rel="canonical" href="https://example.org/budget-passes"></head>
<body><article><h1>Budget passes</h1><p>The council approved the budget.</p>{extra}</article></body></html>
"""


def _add(root: Path, file: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "add-source", str(file)],
                          capture_output=True, text=True, timeout=120)


def test_add_source_warns_when_the_page_already_is_a_source(project, tmp_path):
    root = project({"content/.keep": ""})
    first = tmp_path / "first.html"
    first.write_text(SAVED.format(extra=""), encoding="utf-8")
    result = _add(root, first)
    assert result.returncode == 0 and "warning" not in result.stdout
    # the same file again: same URL, same bytes; still added (a warning, not a refusal)
    again = _add(root, first)
    assert again.returncode == 0
    assert ("warning: sources/budget-passes.html (budget-passes) already is this source: "
            "the same URL (https://example.org/budget-passes) and the same file") in again.stdout
    # saved again with other scripts: other bytes, the same text
    resaved = tmp_path / "resaved.html"
    resaved.write_text(SAVED.format(extra="<script>track()</script>").replace(
        '<link rel="canonical" href="https://example.org/budget-passes">', ""), encoding="utf-8")
    out = _add(root, resaved).stdout
    assert "warning: sources/budget-passes.html (budget-passes) already is this source: the same text" in out
    # the same address, another text (the story was updated)
    updated = tmp_path / "updated.html"
    updated.write_text(SAVED.format(extra="<p>A correction was added.</p>"), encoding="utf-8")
    out = _add(root, updated).stdout
    assert "already is this source: the same URL (https://example.org/budget-passes)" in out
    assert "the same text" not in out
    # another page altogether: no warning
    other = tmp_path / "other.html"
    other.write_text(SAVED.format(extra="").replace("budget-passes", "parking").replace(
        "The council approved the budget.", "Parking fees go up."), encoding="utf-8")
    assert "warning" not in _add(root, other).stdout
