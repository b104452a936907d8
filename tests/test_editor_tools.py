"""--fix, add-source, --site-url, the GitHub workflows and the pre-commit hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO
from sitebuild import tree_digest

SOURCE = "One.\nThe spokesman was Abdullah Qarluq.\nThree, and a golden opportunity.\nA golden opportunity again.\n"


def run(root, *args, cwd=None):
    return subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), *args],
                          capture_output=True, text=True, timeout=120, cwd=cwd)


def test_fix_moves_a_locator_to_the_one_paragraph_holding_the_quote(project):
    page = ("---\r\ntitle: T\r\n---\r\n\r\nClaim.[^x] Two.[^y]\r\n\r\n"
            '[^x]: a#p1 "The spokesman was Abdullah Qarluq" -- see a#p1 for context\r\n'
            '[^y]: a#p1 "golden opportunity"\r\n')
    root = project({"sources/a.txt": SOURCE, "content/p.md": page})
    sources_before = tree_digest(root / "sources")
    result = run(root, "--fix")
    assert result.stdout.startswith("--- a/content/p.md\n+++ b/content/p.md\n")
    assert '-[^x]: a#p1 "The spokesman was Abdullah Qarluq" -- see a#p1 for context' in result.stdout
    assert '+[^x]: a#p2 "The spokesman was Abdullah Qarluq" -- see a#p1 for context' in result.stdout
    fixed = (root / "content" / "p.md").read_bytes()
    assert fixed == page.replace('[^x]: a#p1 "The', '[^x]: a#p2 "The').encode()
    # the quote of [^y] stands in two paragraphs: not fixed, still reported
    assert "content/p.md:8:1: error: quote not in a#p1 but in a#p3 and a#p4" in result.stdout
    assert result.returncode == 1
    assert tree_digest(root / "sources") == sources_before


def test_fix_without_errors_changes_nothing(project):
    page = '---\ntitle: T\n---\n\nClaim.[^x]\n\n[^x]: a#p2 "The spokesman"\n'
    root = project({"sources/a.txt": SOURCE, "content/p.md": page})
    before = tree_digest(root)
    result = run(root, "--fix")
    assert (result.returncode, result.stdout) == (0, "checked 1 page, 1 claim and 1 citation: no findings\n")
    assert tree_digest(root) == before


SAVED_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Afghan groups unite - Example Times</title>
<meta property="article:published_time" content="2025-12-10T09:30:00+00:00">
<link rel="canonical" href="https://example.org/afghan-groups-unite"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Afghan groups unite</h1><p class="byline">By Sam Reporter</p>
<p>Three groups said they now speak with one voice.</p><p>They call it a golden opportunity.</p></article></body></html>
"""


def test_add_source_keeps_the_page_and_writes_a_sidecar(project, tmp_path):
    root = project({"content/.keep": ""})
    saved = tmp_path / "Saved Page.html"
    saved.write_text(SAVED_PAGE, encoding="utf-8")
    os.utime(saved, (1765357200, 1765357200))  # 2025-12-10
    result = run(root, "add-source", str(saved))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "sources" / "afghan-groups-unite.html").read_bytes() == saved.read_bytes()
    meta = yaml.safe_load((root / "sources" / "afghan-groups-unite.yml").read_text())
    assert meta == {
        "title": "Afghan groups unite",
        "author": "Sam Reporter",
        "published": "2025-12-10T09:30:00+00:00",
        "url": "https://example.org/afghan-groups-unite",
        "language": "en",
        "retrieved": "2025-12-10",
    }
    assert "   #p3 Three groups said they now speak with one voice." in result.stdout.splitlines()
    # the new source checks clean, and a second add proposes another id
    assert run(root, "--check", "--strict").returncode == 0
    again = run(root, "add-source", str(saved))
    assert "sources/afghan-groups-unite-2.html" in again.stdout


def test_add_source_refuses_bad_ids_and_non_utf8(project, tmp_path):
    root = project({})
    saved = tmp_path / "p.html"
    saved.write_text(SAVED_PAGE)
    assert run(root, "add-source", str(saved), "--id", "Bad Id").returncode == 2
    latin = tmp_path / "latin.html"
    latin.write_bytes(b"<p>Caf\xe9</p>")
    result = run(root, "add-source", str(latin))
    assert result.returncode == 1 and "UTF-8" in result.stdout
    assert list((root / "sources").iterdir()) == []


def test_site_url_flag_enables_sitemap_and_feed(project, tmp_path):
    root = project({"sources/a.txt": SOURCE, "content/p.md": '---\ntitle: T\n---\n\nX.[^x]\n\n[^x]: a#p1\n'})
    assert run(root, "--site-url", "https://owner.github.io/repo", "--out", str(tmp_path / "o")).returncode == 0
    assert "<loc>https://owner.github.io/repo/p.html</loc>" in (tmp_path / "o" / "sitemap.xml").read_text()
    assert run(root, "--site-url", "javascript:alert(1)", "--out", str(tmp_path / "o")).returncode == 2


def test_workflows_pass_actionlint():
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert actionlint, "actionlint is installed by the test extra"
    files = sorted(str(p) for p in (REPO / ".github" / "workflows").glob("*.yml"))
    assert {Path(f).name for f in files} >= {"check.yml", "pages.yml", "tests.yml"}
    result = subprocess.run([actionlint, "-color=false", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pages_workflow_deploys_with_the_official_actions():
    flow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text())
    steps = [s.get("uses", "") for job in flow["jobs"].values() for s in job["steps"]]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert any(s.startswith(action + "@") for s in steps), action
    runs = " ".join(s.get("run", "") for s in flow["jobs"]["build"]["steps"])
    assert "--site-url" in runs and "--check --strict" in runs
    check = yaml.safe_load((REPO / ".github" / "workflows" / "check.yml").read_text())
    assert "pull_request" in check[True] and "--format github" in str(check)


def test_pre_commit_hook_runs_the_check(project):
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    hook = hooks[0]
    assert hook["id"] == "factsite-check" and hook["language"] == "python" and hook["pass_filenames"] is False
    # the entry point it names works from a project's root, as pre-commit runs it
    root = project({"sources/a.txt": SOURCE, "content/p.md": '---\ntitle: T\n---\n\nX.[^x]\n\n[^x]: a#p9\n'})
    entry = hook["entry"].split()
    exe = shutil.which(entry[0], path=str(Path(sys.executable).parent))
    result = subprocess.run([exe, *entry[1:]], cwd=root, capture_output=True, text=True)
    assert result.returncode == 1 and "bad-paragraph" in result.stdout
