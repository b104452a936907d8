"""Site search for a static host: Pagefind indexes the built site at build time.

Pagefind's binary comes from the `pagefind-bin` package (a registry package, never
downloaded at run time). It reads the pages' `data-pagefind-body` parts (an
explainer's claims, a source page's paragraphs), cut out of each page and kept by the
page's digest between builds (`search_records`), and writes `pagefind/` into the new
site before it is published; the search page loads that index only when a reader
searches. Without the package the site is built as before and has no index: the search
page then says so and points to the lists, and a finding says how to install it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .diagnostics import INFO, WARNING, Diagnostic

BUNDLE = "pagefind"
# what a result's words never come from: markers, badges, paragraph numbers, the claims listed under a passage
IGNORED = "sup.cite, .claim-meta, .pnum, .cited-by"
TIMEOUT = 600  # seconds: a thousand-page site indexes in a few


def pagefind_executable() -> Path | None:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return get_executable()
    except FileNotFoundError:
        return None


def index_site(folder: Path, language: str, previous: Path | None = None, rendered=(),
               cache_dir: Path | None = None) -> Diagnostic | None:
    """Write the search index into `folder` (the site about to be published); a finding
    when there is no index (no Pagefind, or it failed: the site is published without).
    `previous`: the site it replaces; its index is taken as it is (hard links) when no
    page was rendered again (`rendered`) and the same pages are there. `cache_dir`: where
    the pages' search records are kept between builds (`search_records`)."""
    if previous is not None and _same_pages(folder, previous, rendered):
        if _link_tree(previous / BUNDLE, folder / BUNDLE):
            return None
    exe = pagefind_executable()
    if exe is None:
        return Diagnostic("pyproject.toml", 1, 1, INFO, "no-search",
                          "the site has no search index: Pagefind is not installed",
                          "pip install 'pagefind[bin]' (it is one of factsite's dependencies)")
    shutil.rmtree(folder / BUNDLE, ignore_errors=True)
    if os.environ.get("FACTSITE_SEARCH", "").strip().lower() == "whole":  # (the benchmark's "before")
        failed = _pagefind(exe, folder, folder / BUNDLE, language)
    else:
        from .search_records import write_index

        def run(site: Path) -> str | bool:
            return _pagefind(exe, site, folder / BUNDLE, language)

        try:
            failed, _ = write_index(folder, IGNORED, cache_dir, run)
        except OSError as exc:
            failed = str(exc)
    if failed is False:
        return None
    shutil.rmtree(folder / BUNDLE, ignore_errors=True)
    return Diagnostic("site.yml", 1, 1, WARNING, "no-search", f"the search index could not be built: {failed}",
                      "the site is published without search; run the build again, or report the message")


def _pagefind(exe: Path, site: Path, out: Path, language: str) -> str | bool:
    """Pagefind's command line on `site`, writing the index to `out`: False when it went
    well, else what went wrong."""
    cmd = [str(exe), "--site", str(site), "--output-path", str(out), "--silent", "--exclude-selectors", IGNORED]
    if language:
        cmd += ["--force-language", language.split("-")[0].lower()]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        said = (done.stderr or done.stdout).strip()[-300:]
        return done.returncode != 0 and (said or f"exit status {done.returncode}")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)


def _pages(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.html") if not p.is_relative_to(folder / BUNDLE)}


def _same_pages(folder: Path, previous: Path, rendered) -> bool:
    if any(name.endswith(".html") for name in rendered) or not (previous / BUNDLE / "pagefind.js").is_file():
        return False
    return _pages(folder) == _pages(previous)


def _link_tree(src: Path, dest: Path) -> bool:
    """The previous index, file by file as hard links (as the build keeps other files)."""
    try:
        for path in sorted(src.rglob("*")):
            target = dest / path.relative_to(src)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(path, target)
        return True
    except OSError:
        shutil.rmtree(dest, ignore_errors=True)
        return False
