"""What detecting reports of one story costs a cold and a warm `--check`, side by side.

    python bench/independence.py --pages 1000 --runs 3 [--baseline ../main] [--json bench/independence.json]

Two projects from `generate.py` (1000 pages, 500 sources): as generated, and the same
with 50 pairs of one story added (a wire story and its reworded rewrite, the fixture
texts of tests/fixtures/samestory, each pair with names and numbers of its own), so that
the filter lets pairs through and they are aligned. For each, medians of `--runs`
fresh processes: a cold `--check` (no cache) of this code, of `--baseline` (a checkout
without the detection) when given, and the detection alone in one process (`relate`,
cold, and warm from its cache), interleaved run after run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

# bench/ is the script's own folder, first on sys.path
from generate import generate
from run import timed

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

FIXTURES = REPO / "tests" / "fixtures" / "samestory"
NAMES = ("Valmora", "Elena", "Ruiz", "Herald", "Lisbon", "CoastWire")

RELATE = r'''
import sys, time
from pathlib import Path
from factsite.sources import load_sources
from factsite.independence import relate
sources, _ = load_sources(Path(sys.argv[2]))
memo = {}
t = time.perf_counter()
found = relate(sources, memo)
cold = time.perf_counter() - t
sources, _ = load_sources(Path(sys.argv[2]))
t = time.perf_counter()
relate(sources, memo)
warm = time.perf_counter() - t
print(cold, warm, sum(d.code == "undeclared-same-story" for d in found))
'''


def add_stories(project: Path, pairs: int) -> None:
    """`pairs` wire stories and their rewrites, each pair with names of its own."""
    wire = (FIXTURES / "wire.txt").read_text(encoding="utf-8")
    rewrite = (FIXTURES / "rewrite.txt").read_text(encoding="utf-8")
    for k in range(pairs):
        def own(text: str) -> str:
            text = re.sub("|".join(NAMES), lambda m: f"{m.group(0)}{k}", text)
            return text.replace("2,400", f"{2400 + k}")
        (project / "sources" / f"story-{k:03d}.txt").write_text(own(wire), encoding="utf-8")
        (project / "sources" / f"story-{k:03d}-rewrite.txt").write_text(own(rewrite), encoding="utf-8")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pages", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--baseline", type=Path, help="a checkout of the engine without the detection")
    p.add_argument("--json", type=Path)
    p.add_argument("--work", type=Path, default=HERE / "out" / "independence")
    args = p.parse_args(argv)
    shutil.rmtree(args.work, ignore_errors=True)
    plain = generate(args.work / "plain", args.pages)
    stories = args.work / "stories"
    shutil.copytree(plain, stories)
    add_stories(stories, 50)
    rows = {}
    for name, project in (("as generated", plain), ("with 50 one-story pairs", stories)):
        ours, base, cold, warm = [], [], [], []
        found = 0
        for _ in range(args.runs):
            ours.append(timed([sys.executable, str(REPO / "build.py"), "--root", str(project), "--check",
                               "--no-cache"]))
            if args.baseline:
                base.append(timed([sys.executable, str(args.baseline / "build.py"), "--root", str(project),
                                   "--check", "--no-cache"]))
            # PYTHONPATH: the probe imports this tree's factsite, whichever one is installed
            out = subprocess.run([sys.executable, "-c", RELATE, str(REPO), str(project)], capture_output=True,
                                 text=True, check=True, env={**os.environ, "PYTHONPATH": str(REPO)}).stdout.split()
            cold.append(float(out[0]))
            warm.append(float(out[1]))
            found = int(out[2])
        med = statistics.median
        row = {"sources": len(list((project / "sources").glob("*.txt"))), "pairs found": found,
               "check, cold": round(med(ours), 3), "detection, cold": round(med(cold), 3),
               "detection, warm": round(med(warm), 4),
               "detection ÷ rest of the cold check": round(med(cold) / (med(ours) - med(cold)), 3)}
        if base:
            row["check, cold, baseline"] = round(med(base), 3)
            row["check ÷ baseline"] = round(med(ours) / med(base), 3)
        rows[name] = row
    print(f"median of {args.runs} runs, {args.pages} pages\n")
    keys = list(next(iter(rows.values())))
    print("| project | " + " | ".join(keys) + " |")
    print("| --- | " + " | ".join("---:" for _ in keys) + " |")
    for name, row in rows.items():
        print(f"| {name} | " + " | ".join(str(row[k]) for k in keys) + " |")
    if args.json:
        args.json.write_text(json.dumps({"pages": args.pages, "runs": args.runs, "rows": rows}, indent=1,
                                        ensure_ascii=False) + "\n")
    shutil.rmtree(args.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
