"""The search index's cost on a built site: Pagefind on the whole pages (as before) and
through the pages' records (`factsite/search_records.py`), cold and after one page
changed, interleaved in one run.

    python bench/search.py SITE --runs 3 [--json bench/search.json]

SITE is a site built by factsite (for example the generated benchmark project, built
with `search: true`); it is copied, never changed. Each round times, on fresh copies:
"whole" (the Pagefind command line on the site, what every changed build paid before),
"records, cold" (no record kept: Pagefind reads the whole pages while every page is
cut down for the next build) and "records, one page changed" (the records of the cold
build kept, one explainer changed). Figures are medians of --runs rounds by wall
clock; ratios are against "whole".
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from factsite.search import BUNDLE, IGNORED, _pagefind, pagefind_executable
from factsite.search_records import write_index


def _copy(site: Path, scratch: Path, name: str) -> Path:
    target = scratch / name
    shutil.copytree(site, target, ignore=shutil.ignore_patterns(BUNDLE))
    return target


def _timed(step) -> float:
    start = time.perf_counter()
    failed = step()
    if failed not in (False, None) and not (isinstance(failed, tuple) and failed[0] is False):
        raise RuntimeError(f"indexing failed: {failed}")
    return time.perf_counter() - start


def one_round(site: Path, language: str, scratch: Path) -> dict:
    exe = pagefind_executable()
    whole = _copy(site, scratch, "whole")
    rec = _copy(site, scratch, "records")
    cache = scratch / "cache"
    shutil.rmtree(cache, ignore_errors=True)

    def run(folder):
        return lambda s: _pagefind(exe, s, folder / BUNDLE, language)

    out = {"whole": _timed(lambda: _pagefind(exe, whole, whole / BUNDLE, language))}
    out["records, cold"] = _timed(lambda: write_index(rec, IGNORED, cache, run(rec)))
    page = sorted(rec.glob("*.html"))[len(list(rec.glob("*.html"))) // 2]
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('class="claim"', 'class="claim" data-changed', 1), encoding="utf-8")
    shutil.rmtree(rec / BUNDLE)
    out["records, one page changed"] = _timed(lambda: write_index(rec, IGNORED, cache, run(rec)))
    shutil.rmtree(whole)
    shutil.rmtree(rec)
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("site", type=Path)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--language", default="en")
    p.add_argument("--json", type=Path)
    args = p.parse_args(argv)
    pages = sum(1 for f in args.site.rglob("*.html") if not f.is_relative_to(args.site / BUNDLE))
    rounds = []
    with tempfile.TemporaryDirectory(prefix="factsite-bench-search-") as scratch:
        for _ in range(args.runs):
            rounds.append(one_round(args.site, args.language, Path(scratch)))
    medians = {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}
    print(f"{pages} pages, median of {args.runs} rounds")
    for name, seconds in medians.items():
        print(f"  {name:28} {seconds:7.2f} s   {seconds / medians['whole']:.2f}x of whole")
    if args.json:
        args.json.write_text(json.dumps({"pages": pages, "runs": rounds, "median": medians}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
