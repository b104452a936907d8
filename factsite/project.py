"""Load and check a whole project without writing anything (`build.py --check`, tests)."""

from __future__ import annotations

from pathlib import Path

from .build import Result, build
from .cache import SavedState
from .load import ProjectMissing


def load_project(root: Path, state: SavedState | None = None, jobs: int | None = None, overrides=None) -> Result:
    return build(Path(root), state, None, jobs, overrides)


__all__ = ["ProjectMissing", "load_project"]
