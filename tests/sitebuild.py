"""Build sites for tests: the engine's test project, or a scratch one, into folders the tests own."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from factsite.cli import main


# The Nu checker's Content-Security-Policy grammar predates CSP level 3: it refuses
# 'wasm-unsafe-eval' (the search page's Pagefind runs WebAssembly), a valid keyword.
NU_CHECKER_IGNORE = ["--ignore-re", "Expecting source-expression but found .'wasm-unsafe-eval'."]


def world_readable_tmp(prefix: str) -> Path:
    """A scratch folder other users can read (LinkChecker drops root privileges)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    os.chmod(path, 0o755)
    return path


def build(root: Path, out: Path, *extra: str) -> int:
    return main(["--root", str(root), "--out", str(out), *extra])


SAMPLE = Path(__file__).resolve().parent / "fixtures" / "explainer-site"


def copy_sample(dest: Path) -> Path:
    """The engine's test project (tests/fixtures/explainer-site: content, sources,
    site.yml), never the repository's own content, which a desk replaces with its own."""
    for name in ("content", "sources", "templates", "static"):
        if (SAMPLE / name).is_dir():
            shutil.copytree(SAMPLE / name, dest / name)
    shutil.copy2(SAMPLE / "site.yml", dest / "site.yml")
    return dest


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
