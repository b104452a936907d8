"""Load and check a whole project: everything is read and checked before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .cache import BuildCache
from .check import CheckResult, check
from .config import SiteConfig, load_config
from .content import Page, load_pages
from .diagnostics import Diagnostic, sorted_diagnostics
from .sources import Source, input_manifest, load_sources


class ProjectMissing(Exception):
    """The check cannot run at all (exit status 2)."""


@dataclass
class Project:
    root: Path
    config: SiteConfig
    sources: dict[str, Source]
    pages: list[Page]
    checked: CheckResult
    diagnostics: list[Diagnostic]
    manifest: dict = field(default_factory=dict)  # input files as they were when read


def load_project(root: Path, cache: BuildCache | None = None) -> Project:
    root = Path(root)
    missing = [name for name in ("content", "sources") if not (root / name).is_dir()]
    if missing:
        raise ProjectMissing(f"{root}: no {' or '.join(m + '/' for m in missing)} folder; is this a project root?")
    diags: list[Diagnostic] = []
    manifest = input_manifest(root)
    config = load_config(root, diags)
    sources, source_diags = load_sources(root, cache.readers if cache else None)
    pages, page_diags = load_pages(root, cache.pages if cache else None)
    checked = check(pages, sources, cache.checks if cache else None)
    diags += source_diags + page_diags + checked.diagnostics
    return Project(root, config, sources, pages, checked, sorted_diagnostics(diags), manifest)
