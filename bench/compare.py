"""This code against an older revision, side by side in one run: the four measures
issue 17 promised to keep (cold build, warm one-page build, live-preview edit, peak
memory of a cold build), old and new run alternately, medians, ratios new / old.

    python bench/compare.py --base 876eb75 [--new HEAD] [--pages 1000] [--pairs 3] [--sites | --sites-only]

REV is checked out into a temporary git worktree (removed at the end), and so is --new's
(without it, this working tree is the new side). Each side builds its own copy of one
generated project, so neither reads the other's cache. `--sites` also checks that both
sides' cold builds wrote the same bytes, file by file; `--sites-only` does only that.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# bench/ is the script's own folder, first on sys.path
from generate import generate  # noqa: E402
from run import PREVIEW_EDITS, peak_memory, preview_times, timed  # noqa: E402

MEASURES = ("build, cold", "build, warm: one page changed", "live preview: one claim changed", "peak MB, cold build")


def _worktree(rev: str, where: Path) -> Path:
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(where), rev], check=True)
    return where


def _preview(code: Path, project: Path, work: Path, edits: int) -> float:
    """Median seconds from a claim edit to the preview's pages being ready (see run.py)."""
    old, new = PREVIEW_EDITS["live preview: one claim changed"]
    ready, _settled = preview_times(project, work, old, new, edits, code=code)
    shutil.rmtree(work / "preview-out", ignore_errors=True)
    return statistics.median(ready)


def _cold(project: Path) -> None:
    shutil.rmtree(project / "site", ignore_errors=True)
    shutil.rmtree(project / ".factsite-cache", ignore_errors=True)


def one_side(code: Path, project: Path, work: Path, run: int, edits: int) -> dict[str, float]:
    """The four measures of one side, once; the project ends as it began."""
    build = [sys.executable, str(code / "build.py"), "--root", str(project)]
    page = project / "content" / "explainer-00001.md"
    text = page.read_text()
    _cold(project)
    got = {"build, cold": timed(build)}
    page.write_text(text + f"\n{{.editorial}}\nEdit {run}.\n")
    try:
        got["build, warm: one page changed"] = timed(build)
    finally:
        page.write_text(text)
    got["live preview: one claim changed"] = _preview(code, project, work, edits)
    _cold(project)
    got["peak MB, cold build"] = peak_memory(build)
    return got


def same_trees(a: Path, b: Path) -> list[str]:
    """Files that differ, or exist on one side only (the build marker aside)."""
    files = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files |= {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    return sorted(f for f in files
                  if not ((a / f).is_file() and (b / f).is_file() and filecmp.cmp(a / f, b / f, shallow=False)))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", required=True, help="the revision to compare with (e.g. main, 876eb75)")
    p.add_argument("--new", help="a revision to measure instead of this working tree (checked out the same way)")
    p.add_argument("--pages", type=int, default=1000)
    p.add_argument("--pairs", type=int, default=3, help="old/new pairs (at least 3)")
    p.add_argument("--edits", type=int, default=5, help="preview edits per probe")
    p.add_argument("--sites", action="store_true", help="also compare both sides' sites byte for byte")
    p.add_argument("--sites-only", action="store_true", help="only compare the sites (no timings)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factsite-compare-") as tmp:
        tmp = Path(tmp)
        trees = [_worktree(args.base, tmp / "base")]
        if args.new:
            trees.append(_worktree(args.new, tmp / "head"))
        try:
            return _compare(args, {"old": trees[0], "new": trees[-1] if args.new else REPO}, tmp)
        finally:
            for tree in trees:
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=False)


def _compare(args, sides: dict[str, Path], tmp: Path) -> int:
    generated = generate(tmp / "generated", args.pages)
    projects = {}
    for name in sides:
        projects[name] = tmp / name / "project"
        shutil.copytree(generated, projects[name])
    if not args.sites_only:
        _timings(args, sides, projects, tmp)
    if args.sites or args.sites_only:
        for name in sides:
            _cold(projects[name])
            timed([sys.executable, str(sides[name] / "build.py"), "--root", str(projects[name])])
        differ = same_trees(projects["old"] / "site", projects["new"] / "site")
        count = sum(1 for f in (projects["new"] / "site").rglob("*") if f.is_file())
        print(f"\nsites of {args.pages} pages: {count} files, {len(differ)} differ"
              + (": " + ", ".join(differ[:10]) if differ else ""))
        return 1 if differ else 0
    return 0


def _timings(args, sides: dict[str, Path], projects: dict[str, Path], tmp: Path) -> None:
    figures: dict[str, dict[str, list[float]]] = {name: {m: [] for m in MEASURES} for name in sides}
    for run in range(max(3, args.pairs)):
        order = ["old", "new"] if run % 2 == 0 else ["new", "old"]  # neither always goes first
        for name in order:
            for measure, value in one_side(sides[name], projects[name], tmp / name, run, args.edits).items():
                figures[name][measure].append(value)
            print(f"pair {run + 1}, {name}: " + ", ".join(f"{v[-1]:.3f}" for v in figures[name].values()),
                  file=sys.stderr, flush=True)
    print(f"\n{args.pages} pages, base {args.base}, {max(3, args.pairs)} pairs, medians\n")
    print("| measure | old | new | new / old |")
    print("| --- | ---: | ---: | ---: |")
    for measure in MEASURES:
        old, new = (statistics.median(figures[s][measure]) for s in ("old", "new"))
        print(f"| {measure} | {old:.3f} | {new:.3f} | {new / old:.3f} |")


if __name__ == "__main__":
    sys.exit(main())
