"""`factsite init DIR`: a new site that checks and builds as it is.

The skeleton is package data (`factsite/skeleton/`): an example explainer citing an
example source, site.yml, build.py, the two GitHub workflows, .gitignore and a README
for editors. Names starting with "_" there start with "." in the new site (a wheel
does not carry dot-files reliably). requirements.txt is written here: the engine and
the exact versions of its libraries in the environment that ran `init`, so the site's
CI installs what was tried.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from importlib import metadata
from pathlib import Path

SKELETON = Path(__file__).resolve().parent / "skeleton"
PYTHON_MARK = "@PYTHON@"  # in the workflows: the Python that ran init (the pins were made for it)
KEPT = {".git"}  # a folder with only these in it counts as empty (a fresh `git init`)


def _target(rel: Path) -> Path:
    return Path(*[("." + part[1:]) if part.startswith("_") else part for part in rel.parts])


def _requirement_names(dist: str) -> list[str]:
    """The libraries a distribution needs (not its extras)."""
    names = []
    for req in metadata.requires(dist) or []:
        if re.search(r"\bextra\s*==", req):
            continue
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", req)
        if match:
            names.append(match.group(1))
    return names


def _engine_requirement() -> tuple[str, list[str]]:
    """How the site's CI installs this engine, and what it says about it."""
    dist = metadata.distribution("factsite")
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    vcs = direct.get("vcs_info")
    if vcs and direct.get("url", "").startswith(("https://", "ssh://", "git@")):
        return f"factsite @ {vcs.get('vcs', 'git')}+{direct['url']}@{vcs['commit_id']}", []
    return f"factsite=={dist.version}", [
        "# factsite was installed from a local folder or wheel: point the line below at where",
        "# your desk gets it, e.g. factsite @ git+https://github.com/YOUR-ORG/factsite@v" + dist.version,
    ]


def pinned_requirements() -> str:
    """requirements.txt: the engine and every library it needs, at the installed versions."""
    engine, notes = _engine_requirement()
    seen: dict[str, str] = {}
    todo = _requirement_names("factsite")
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            seen[key] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # a library for another platform or Python (its marker is false here)
        todo.extend(_requirement_names(name))
    lines = ["# What this site's workflows install: the engine and the exact library versions",
             "# `factsite init` was run with (same input, same output bytes; paragraph numbers",
             "# stay as they are until you change a version here and the check passes).",
             *notes, engine, *(f"{k}=={v}" for k, v in sorted(seen.items()))]
    return "\n".join(lines) + "\n"


def create_site(dest: Path, out=sys.stdout, err=sys.stderr) -> int:
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(p.name not in KEPT for p in dest.iterdir())):
        print(f"error: {dest} exists and is not empty; init writes a new site only into an empty or new folder",
              file=err)
        return 2
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    files = sorted(p for p in SKELETON.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    try:
        for path in files:
            target = dest / _target(path.relative_to(SKELETON))
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.parent.name == "workflows":
                target.write_text(path.read_text(encoding="utf-8").replace(PYTHON_MARK, python), encoding="utf-8")
            else:
                shutil.copyfile(path, target)
        (dest / "requirements.txt").write_text(pinned_requirements(), encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot write the new site into {dest}: {exc.strerror} ({exc.filename})", file=err)
        return 2
    print(f"created a new site in {dest}:", file=out)
    for name in sorted({_target(p.relative_to(SKELETON)).parts[0] for p in files} | {"requirements.txt"}):
        print(f"  {name}{'/' if (dest / name).is_dir() else ''}", file=out)
    print(f"\nnext: cd {dest} && factsite --check && factsite   (then open site/index.html;"
          " `factsite serve` for a live preview)", file=out)
    return 0
