"""What the evidence checks' bound (issue 16: at most +15% on a cold `--check`) leaves
them, against the least a pure-Python implementation of SPEC section 6 that reads
text as words must do.

    python bench/evidence_floor.py --pages 1000 --runs 3 [--realistic] [--json FILE]

Three figures, on the generated project:

- the budget: 15% of a cold `--check --no-cache` without the checks
  (`FACTSITE_EVIDENCE=off`), wall clock, median of --runs fresh processes;
- the floor, on one worker's share of the pages (every --workers-th page; the workers
  run side by side, one a core, so a worker's CPU time is what its share adds to the
  wall clock): normalize each claim and cut it into words, cut each cited paragraph
  into words once, and compare the claim's words with its paragraphs' as sets. No
  sentence, hedge, number, name run, suggestion, message or finding: checks that
  read words need at least this, and more;
- the checks themselves on the same share (`evidence_diagnostics` and
  `summary_evidence` of each page, per-paragraph memory emptied first, collector off
  as in the workers).

Both in-process figures are the least CPU time of --runs, each run on the same pages
already parsed and resolved (that part is the check without the evidence checks).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

# bench/ is the script's own folder, first on sys.path
from evidence import cold_check, fresh_project, timed

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from factsite import evidence, evidence_hedges, evidence_numbers, evidence_text  # noqa: E402
from factsite.evidence import alias_index  # noqa: E402
from factsite.check import CheckResult, check_page  # noqa: E402
from factsite.evidence_page import evidence_diagnostics  # noqa: E402
from factsite.load import load_inputs  # noqa: E402
from factsite.pipeline import parse_page  # noqa: E402

from factsite.quotes import normalize  # noqa: E402
from factsite.summary import summary_evidence  # noqa: E402

BOUND = 0.15
_WORD = re.compile(r'[^\W\d_]+(?:"[^\W\d_]+)*+')


def resolved_share(project: Path, workers: int) -> tuple[list, dict]:
    """One worker's pages, parsed and with their citations resolved, and the aliases."""
    inputs = load_inputs(project)
    share = []
    for job in inputs.pages[::workers]:
        page = parse_page(job.text, job.path, job.slug, [])
        part = CheckResult([], {})
        check_page(page, inputs.sources, part)
        share.append((page, part.resolved))
    return share, alias_index(inputs.config.aliases)


def claims_and_paragraphs(share: list) -> list:
    """(claim text, ((source id, paragraph number, its normalized text), ...)) of every
    claim whose citations resolved."""
    out = []
    for page, resolved in share:
        for claim in page.claims:
            paras = []
            for ref in claim.refs:
                for r in resolved.get((page.path, ref.label), ()):
                    if r.ok and r.source is not None:
                        c = r.citation
                        paras += [(r.source.id, n, r.source.normalized[n - 1].text) for n in range(c.start, c.end + 1)]
            out.append((claim.text, paras))
    return out


def floor(items: list) -> int:
    """The least work: each claim normalized and cut once, each paragraph cut once."""
    words_of: dict = {}
    left = 0
    for text, paras in items:
        claim = set(_WORD.findall(normalize(text).lower()))
        sets = []
        for sid, n, para in paras:
            got = words_of.get((sid, n))
            if got is None:
                got = words_of[(sid, n)] = frozenset(_WORD.findall(para.lower()))
            sets.append(got)
        left += len(claim.difference(*sets))
    return left


def forget() -> None:
    """Empty what the checks remember per paragraph (a worker starts with nothing)."""
    evidence._RANGES.clear()
    for module in (evidence_text, evidence_numbers, evidence_hedges):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def checks(share: list, aliases: dict) -> int:
    found = 0
    for page, resolved in share:
        found += len(evidence_diagnostics(page, resolved, aliases)) + len(summary_evidence(page, resolved, aliases))
        evidence_text.claim_words.cache_clear()
    return found


def least_cpu(step, runs: int, before=None) -> float:
    best = float("inf")
    for _ in range(runs):
        if before:
            before()
        gc.disable()
        start = time.process_time()
        step()
        best = min(best, time.process_time() - start)
        gc.enable()
    return best


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pages", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="the check's workers (default: cores)")
    p.add_argument("--realistic", action="store_true", help="claims made of the words they quote")
    p.add_argument("--json", type=Path)
    p.add_argument("--work", type=Path, default=HERE / "out")
    args = p.parse_args(argv)
    project = fresh_project(args.work / f"evidence-floor-{args.pages}{'-realistic' if args.realistic else ''}",
                            args.pages, args.realistic)
    off = dict(os.environ, FACTSITE_EVIDENCE="off")
    without = statistics.median(timed(cold_check(project), off)[0] for _ in range(args.runs))
    budget = BOUND * without

    share, aliases = resolved_share(project, args.workers)
    items = claims_and_paragraphs(share)
    least = least_cpu(lambda: floor(items), args.runs)
    actual = least_cpu(lambda: checks(share, aliases), args.runs, before=forget)

    print(f"{args.pages} pages{' (realistic claims)' if args.realistic else ''}, {args.workers} workers, "
          f"one worker's share: {len(items)} claims")
    print(f"cold --check without the checks: {without:.3f} s; the bound's budget (+{BOUND:.0%}): {budget:.3f} s")
    print(f"floor (claims normalized and cut, paragraphs cut once, sets compared): {least:.3f} s "
          f"= {least / budget:.2f} of the budget")
    print(f"the checks on the same share: {actual:.3f} s = {actual / budget:.2f} of the budget")
    if args.json:
        args.json.write_text(json.dumps({
            "pages": args.pages, "realistic": args.realistic, "workers": args.workers, "runs": args.runs,
            "claims_in_share": len(items), "check_without_seconds": round(without, 4),
            "budget_seconds": round(budget, 4), "floor_cpu_seconds": round(least, 4),
            "checks_cpu_seconds": round(actual, 4), "floor_of_budget": round(least / budget, 3),
            "checks_of_budget": round(actual / budget, 3),
        }, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
