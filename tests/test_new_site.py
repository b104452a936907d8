"""A desk's new site: `factsite init` writes one that checks and builds as it is, and a
wheel of the project, installed into a fresh virtual environment, carries everything
it needs (the theme and the skeleton as package data)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO
from factsite.cli import main


def _check_new_site(site: Path) -> None:
    """The example site as built: home page, the example explainer, its source page."""
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "What the new city budget does for schools" in home.get_text()
    assert home.select_one('a[href="school-repairs.html"]') is not None
    page = BeautifulSoup((site / "school-repairs.html").read_text(encoding="utf-8"), "html.parser")
    marks = [m.get_text() for m in page.select("mark")]
    assert "12 million euros for school repairs, twice the amount of last year" in marks
    assert page.select_one('a[href^="sources/city-budget.html#p3"]') is not None
    source = BeautifulSoup((site / "sources" / "city-budget.html").read_text(encoding="utf-8"), "html.parser")
    assert source.select_one("#p3") is not None and "school-repairs.html" in str(source.select_one("#p3").parent)
    assert (site / "static" / "site.css").is_file() and (site / "static" / "site.js").is_file()


def test_init_writes_a_site_that_checks_and_builds(tmp_path, capsys):
    site = tmp_path / "desk"
    assert main(["init", str(site)]) == 0
    printed = capsys.readouterr().out
    assert f"created a new site in {site}" in printed
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert names == {
        ".gitignore", ".github/workflows/check.yml", ".github/workflows/pages.yml", "README.md", "build.py",
        "content/school-repairs.md", "requirements.txt", "site.yml", "sources/city-budget.txt",
        "sources/city-budget.yml"}
    assert main(["--root", str(site), "--check", "--strict"]) == 0
    assert main(["--root", str(site)]) == 0
    _check_new_site(site / "site")
    assert "site/" in (site / ".gitignore").read_text().split()
    # the pins: the engine and the libraries it runs with here, exact versions
    pins = [line for line in (site / "requirements.txt").read_text().splitlines() if line and line[0] != "#"]
    assert pins[0].startswith("factsite") and all("==" in p for p in pins)
    assert any(p.startswith("markdown-it-py==") for p in pins) and any(p.startswith("beautifulsoup4==") for p in pins)
    # the workflows install those pins with the Python that made them, and the check keeps its cache
    check = yaml.safe_load((site / ".github/workflows/check.yml").read_text())
    steps = check["jobs"]["check"]["steps"]
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert steps[1]["with"]["python-version"] == python
    assert any(s.get("run") == "pip install -r requirements.txt" for s in steps)
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert ".factsite-cache" in cache["with"]["path"] and "hashFiles('requirements.txt')" in cache["with"]["key"]
    assert "pages" in yaml.safe_load((site / ".github/workflows/pages.yml").read_text())["concurrency"]["group"]


def test_init_workflows_pass_actionlint(tmp_path):
    assert main(["init", str(tmp_path / "s")]) == 0
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    files = sorted(str(p) for p in (tmp_path / "s" / ".github" / "workflows").glob("*.yml"))
    result = subprocess.run([actionlint, "-color=false", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_init_refuses_a_folder_with_work_in_it(tmp_path, capsys):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.md").write_text("mine\n")
    assert main(["init", str(tmp_path / "busy")]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "busy").iterdir()] == ["notes.md"]
    (tmp_path / "fresh" / ".git").mkdir(parents=True)  # a new repository is fine
    assert main(["init", str(tmp_path / "fresh")]) == 0


def _run(cmd: list, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.mark.slow
def test_a_wheel_in_a_fresh_environment_starts_and_builds_a_site(tmp_path):
    """pip install of the project gives `factsite`, with the theme inside it, and nothing
    from this repository's folder. Offline: the wheel is built without build isolation,
    installed with --no-index --no-deps, and the libraries come from this test run's
    environment through a .pth file (a pip install of them would need the network)."""
    # built from a copy of what the wheel is made of: setuptools leaves build/ and *.egg-info beside it
    src = tmp_path / "src"
    shutil.copytree(REPO / "factsite", src / "factsite", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "-w", wheels, src], cwd=tmp_path)
    wheel = next(wheels.glob("factsite-*.whl"))
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    here_libs = sysconfig.get_paths()["purelib"]
    env_libs = _run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path).stdout.strip()
    Path(env_libs, "test-run-libraries.pth").write_text(here_libs + "\n")
    _run([py, "-m", "pip", "install", "-q", "--no-index", "--no-deps", wheel], cwd=tmp_path)
    where = _run([py, "-c", "import factsite; print(factsite.__file__)"], cwd=tmp_path).stdout.strip()
    assert where.startswith(env_libs), where  # the installed wheel, not this checkout
    factsite = env_dir / "bin" / "factsite"
    desk = tmp_path / "desk"
    _run([factsite, "init", desk], cwd=tmp_path)
    assert _run([factsite, "--check", "--strict"], cwd=desk).stdout.endswith(": no findings\n")  # one summary line, no finding
    built = _run([factsite], cwd=desk).stdout
    assert built.strip() == f"built 1 page(s) and 1 source(s) into {desk / 'site'}"
    _check_new_site(desk / "site")
    # the site's own build.py runs the installed engine too
    _run([py, desk / "build.py", "--check", "--strict"], cwd=tmp_path)
