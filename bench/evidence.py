"""The evidence checks' cost (SPEC section 6): a cold `--check` of the generated
benchmark project with and without them, interleaved in one run.

    python bench/evidence.py --pages 1000 --runs 5 [--json bench/evidence.json] [--realistic]

Without them is `FACTSITE_EVIDENCE=off` (the switch exists for this measurement).
Each figure is a median of --runs fresh processes by wall clock, alternating on and
off run by run so that a slow spell of the machine falls on both.

The generated claims are random words, so most of them say more than their sources
(a finding-heavy worst case). `--realistic` rewrites each claim from the words its
citations quote (or, without a quote, the cited paragraph's first words), as an
editor's claims mostly are: the same pages, sources and citations, few findings.
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
import time
from pathlib import Path

# bench/ is the script's own folder, first on sys.path
from generate import generate

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


# what a check that ran to its end prints last: its count line, or, with no finding,
# the one line of what it checked
_LAST_LINE = re.compile(r"^(\d+ error\(s\), \d+ warning\(s\), \d+ info|checked \d+ pages?, .*)$")


def timed(cmd: list[str], env: dict) -> tuple[float, str]:
    """Wall clock of one check, and its last line. A run that did not reach its
    summary (a crash, a python without the dependencies) is no timing: it stops the
    benchmark, whatever its exit status."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    lines = proc.stdout.strip().splitlines()
    last = lines[-1] if lines else ""
    if proc.returncode not in (0, 1) or not _LAST_LINE.match(last):
        raise RuntimeError(f"check failed (exit {proc.returncode}, last line {last!r}):\n{proc.stderr[-2000:]}")
    return took, last


_NOTE = re.compile(r'^\[\^(c\d+-\d)\]: (source-\d+)#p(\d+)(?:-\d+)?(?: "(.*)")?', re.MULTILINE)
_CLAIM = re.compile(r"^.*\[\^(c\d+)-0\].*\[\^c\d+-1\]$", re.MULTILINE)


def quote_claims(project: Path) -> None:
    """Rewrite every claim from its citations' quoted words (`--realistic`)."""
    paragraphs = {p.stem: p.read_text(encoding="utf-8").splitlines() for p in (project / "sources").glob("*.txt")}

    def words(label: str, notes: dict) -> str:
        source, n, quote = notes[label]
        text = quote if quote else " ".join(paragraphs[source][int(n) - 1].split()[:8]).rstrip(".?!")
        text = " ".join(w for w in text.split() if w not in ("...", "[they]"))
        return text[0].upper() + text[1:] + "."

    for page in (project / "content").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        notes = {m.group(1): (m.group(2), m.group(3), m.group(4)) for m in _NOTE.finditer(text)}
        text = _CLAIM.sub(lambda m: f"{words(m.group(1) + '-0', notes)}[^{m.group(1)}-0] "
                                    f"{words(m.group(1) + '-1', notes)}[^{m.group(1)}-1]", text)
        page.write_text(text, encoding="utf-8")


def fresh_project(work: Path, pages: int, realistic: bool) -> Path:
    """The generated project of `pages` pages in `work` (emptied first); with
    `realistic`, its claims made of the words they quote."""
    shutil.rmtree(work, ignore_errors=True)
    project = generate(work / "project", pages)
    if realistic:
        quote_claims(project)
    return project


def cold_check(project: Path) -> list[str]:
    """The command of a cold check (as run.py's "check, cold": text output, which is
    what an editor or CI reads)."""
    return [sys.executable, str(REPO / "build.py"), "--root", str(project), "--check", "--no-cache"]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pages", type=int, default=1000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--json", type=Path)
    p.add_argument("--work", type=Path, default=HERE / "out")
    p.add_argument("--realistic", action="store_true", help="claims made of the words they quote")
    args = p.parse_args(argv)
    project = fresh_project(args.work / f"evidence-{args.pages}{'-realistic' if args.realistic else ''}",
                            args.pages, args.realistic)
    cmd = cold_check(project)
    envs = {"on": dict(os.environ, FACTSITE_EVIDENCE="on"), "off": dict(os.environ, FACTSITE_EVIDENCE="off")}
    times: dict[str, list[float]] = {"on": [], "off": []}
    findings = {}
    for run in range(args.runs):
        for name in (("off", "on") if run % 2 else ("on", "off")):
            took, findings[name] = timed(cmd, envs[name])
            times[name].append(took)
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["on"] / med["off"]
    print(f"{args.pages} pages{' (realistic claims)' if args.realistic else ''}, cold --check, "
          f"{os.cpu_count()} cores, median of {args.runs} runs")
    print(f"without evidence checks: {med['off']:.3f} s  {findings['off']}")
    print(f"with evidence checks:    {med['on']:.3f} s  {findings['on']}")
    print(f"with / without: {ratio:.3f} (+{(ratio - 1) * 100:.1f}%)")
    if args.json:
        args.json.write_text(json.dumps({
            "pages": args.pages, "realistic": args.realistic, "cores": os.cpu_count(), "runs": args.runs,
            "medians_seconds": {k: round(v, 4) for k, v in med.items()}, "ratio": round(ratio, 4),
            "all_seconds": {k: [round(t, 4) for t in v] for k, v in times.items()}, "counts": findings,
        }, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
