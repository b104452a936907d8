"""Load and check a whole project without writing anything (`build.py --check`, tests)."""

from __future__ import annotations

from pathlib import Path

from .cache import BuildCache
from .pipeline import ProjectMissing, Result, run

Project = Result


def load_project(root: Path, cache: BuildCache | None = None, jobs: int | None = None, overrides=None) -> Result:
    return run(Path(root), cache, None, jobs, overrides)


__all__ = ["Project", "ProjectMissing", "load_project"]
