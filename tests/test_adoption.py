"""A desk adopts the repository: replaces the sample site with its own and keeps CI
green; installs pinned versions; runs the engine's tests on every supported Python."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from conftest import REPO
from content_guard import ContentGuard
from factsite.cli import main

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    from pip._vendor import tomli as tomllib

_BUILD_LEFTOVERS = shutil.ignore_patterns(".git", ".venv", "site", ".factsite-cache", "__pycache__", ".pytest_cache",
                                         ".hypothesis", "build", "dist", "*.egg-info", "out", "screenshots", ".site-*")


def _not_copied(folder: str, names: list[str]) -> set[str]:
    """Build leftovers, and the repository's own site: it is replaced, so never read."""
    skip = set(_BUILD_LEFTOVERS(folder, names))
    if Path(folder).resolve() == REPO:
        skip |= {"content", "sources", "site.yml"}
    return skip
# the tests that build a whole site or read pages: where a sample-bound test would live
# (the HTML validators are left out: they read the built files, not where they came from)
SWAPPED_RUN = ["tests/test_sample.py", "tests/test_site.py", "tests/test_citation_rule.py", "tests/test_cli_check.py",
               "tests/test_citedby.py", "tests/test_theme.py",
               "tests/test_robustness.py::test_pages_leave_no_garbage_behind_with_the_collector_off",
               "-k", "not nu_checker and not link_checker"]


def test_the_guard_sees_a_read_of_the_repository_site(tmp_path):
    """The construction proof (content_guard) catches what it must: files opened and
    folders listed below a repository's content/ or sources/, nothing else."""
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    (repo / "content" / "page.md").write_text("x\n")
    (repo / "contents.md").write_text("not the content folder\n")
    guard = ContentGuard(repo)
    guard.start()
    (repo / "contents.md").read_text()
    assert guard.reads == []
    (repo / "content" / "page.md").read_text()
    list((repo / "content").iterdir())
    assert guard.stop() == [str(repo / "content"), str(repo / "content" / "page.md")]
    (repo / "content" / "page.md").read_text()  # stopped: not recorded
    assert guard.reads == [str(repo / "content" / "page.md"), str(repo / "content")]


@pytest.mark.slow
def test_engine_tests_pass_with_another_site_in_place_of_the_sample(tmp_path):
    """A copy of the repository whose content/, sources/ and site.yml are replaced by a
    different small site (the one `factsite init` writes) passes the test files that
    build sites, and the sample's own test checks the new site."""
    copy = tmp_path / "repo"
    shutil.copytree(REPO, copy, ignore=_not_copied, symlinks=True)
    new = tmp_path / "new"
    assert main(["init", str(new)]) == 0
    for name in ("content", "sources"):
        shutil.copytree(new / name, copy / name)
    shutil.copy2(new / "site.yml", copy / "site.yml")
    assert {p.name for p in (copy / "content").iterdir()} == {"school-repairs.md"}
    env = {**os.environ, "PYTHONPATH": str(copy)}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-m", "not slow",
                             *SWAPPED_RUN], cwd=copy, env=env, capture_output=True, text=True, timeout=1500)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout) and " failed" not in result.stdout


def _pins() -> dict[str, list[tuple[str, str]]]:
    """constraints.txt as {name: [(version, marker)]}."""
    pins: dict[str, list[tuple[str, str]]] = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        if not line or line.startswith(("#", " ")):
            continue
        req = Requirement(line)
        (version,) = [s.version for s in req.specifier if s.operator == "=="]
        pins.setdefault(req.name.lower().replace("_", "-"), []).append((version, str(req.marker or "")))
    return pins


def test_every_dependency_is_pinned_within_its_range():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    runtime = [Requirement(r) for r in project["dependencies"]]
    test = [Requirement(r) for r in project["optional-dependencies"]["test"]]
    pins = _pins()
    for req in runtime + test:
        name = req.name.lower().replace("_", "-")
        assert name in pins, f"{req.name} is not in constraints.txt: run bash .ci/lock"
        for version, _marker in pins[name]:
            assert req.specifier.contains(version, prereleases=True), (req, version)
    for req in runtime:  # a new major release reaches a desk only through the lock
        assert any(s.operator in ("<", "<=", "~=", "==") for s in req.specifier), f"{req} has no upper bound"


def test_ci_pages_and_readme_install_the_locked_versions():
    assert "-c constraints.txt -e '.[test]'" in (REPO / ".ci" / "run").read_text()
    for flow in ("check.yml", "pages.yml"):
        runs = [s.get("run", "") for job in yaml.safe_load((REPO / ".github" / "workflows" / flow).read_text())[
            "jobs"].values() for s in job["steps"]]
        assert "pip install -c constraints.txt -e ." in runs, flow
    assert "pip install -c constraints.txt -e ." in (REPO / "README.md").read_text()
    assert (REPO / "constraints.txt").read_text().startswith(
        "# This file was autogenerated by uv via the following command:\n#    bash .ci/lock\n")


def test_pull_request_check_keeps_the_build_cache_and_tests_run_on_every_python():
    check = yaml.safe_load((REPO / ".github" / "workflows" / "check.yml").read_text())
    steps = check["jobs"]["check"]["steps"]
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert ".factsite-cache" in cache["with"]["path"]
    assert "hashFiles('constraints.txt')" in cache["with"]["key"] and "factsite/**" in cache["with"]["key"]
    assert steps.index(cache) < next(i for i, s in enumerate(steps) if "build.py" in s.get("run", ""))
    tests = yaml.safe_load((REPO / ".github" / "workflows" / "tests.yml").read_text())
    job = tests["jobs"]["tests"]
    assert job["strategy"]["matrix"]["python"] == ["3.10", "3.11", "3.12", "3.13"]
    assert "${{ matrix.python }}" in job["container"]
    assert [s.get("run") for s in job["steps"] if s.get("run")] == ["bash .ci/run"]
    requires = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.10"


def test_gitignore_covers_build_output():
    ignored = (REPO / ".gitignore").read_text().split()
    for pattern in ("build/", "dist/", "*.egg-info/", "site/", ".factsite-cache/"):
        assert pattern in ignored
    assert not list(REPO.glob("*.whl"))
