"""A long fuzz run of each entry point, with hypothesis and a large example budget.

    python bench/fuzz.py [--seconds 180] [--json bench/fuzz.json]

Entry points: the citation parser, the normalizer and matcher, every source reader,
and the whole checker over random projects. Any exception is a failure; the run
records how many inputs each entry point saw.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsite.citations import CitationSyntaxError, parse_definition
from factsite.project import load_project
from factsite.quotes import EmptyQuote, compile_quote, find_quote, normalize, normalize_with_map
from factsite.sources import READERS

REPO = Path(__file__).resolve().parents[1]

PIECES = st.sampled_from([
    "src#p1", "src#p2-3", "#p", "p0", '"', "“", "”", "...", "…", "[", "]", "[x]", "[...]", " -- ", ";", "\n", "\n    ",
    "\n\n", "> ", "- ", "# ", "```", "---\n", "title: x\n", "{.editorial}\n", "{#id}\n", "[^a]", "[^a]: ", "<p>",
    "</p>", "<article>", "<li>", "<script>", "&amp;", "\u200b", "\u0640", "ي", "١", "\x00", "\r\n", "\ufeff", "é",
])
TEXT = st.one_of(st.text(max_size=200), st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=50).map("".join))


def citation_parser(text: str) -> None:
    try:
        parse_definition(text)
    except CitationSyntaxError:
        pass


def matcher(quote: str, text: str) -> None:
    norm = normalize(text)
    assert normalize(norm) == norm
    try:
        pattern = compile_quote(quote)
    except EmptyQuote:
        return
    find_quote(pattern, normalize_with_map(text))


def readers(text: str) -> None:
    for _, read in READERS.values():
        read(text, {})
        read(text, {"paragraphs": "blocks"})


def checker(page: str, source: str, sidecar: str, raw: bytes) -> None:
    root = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        (root / "content").mkdir()
        (root / "sources").mkdir()
        (root / "content" / "p.md").write_text("---\ntitle: t\n---\n" + page, encoding="utf-8", errors="surrogatepass")
        (root / "content" / "raw.md").write_bytes(raw)
        (root / "sources" / "src.txt").write_text(source, encoding="utf-8", errors="surrogatepass")
        (root / "sources" / "src.yml").write_text(sidecar, encoding="utf-8", errors="surrogatepass")
        (root / "sources" / "raw.html").write_bytes(raw)
        load_project(root)
    finally:
        shutil.rmtree(root)


TARGETS = {
    "citation parser": (citation_parser, (TEXT,)),
    "normalizer and matcher": (matcher, (TEXT, TEXT)),
    "source readers": (readers, (TEXT,)),
    "whole checker": (checker, (TEXT, TEXT, TEXT, st.binary(max_size=200))),
}


def fuzz(name: str, seconds: float) -> dict:
    func, strategies = TARGETS[name]
    count = {"n": 0}
    deadline = time.monotonic() + seconds

    @settings(max_examples=2000, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(st.tuples(*strategies))
    def run(args):
        count["n"] += 1
        func(*args)

    start = time.monotonic()
    error = None
    try:
        while time.monotonic() < deadline:
            run()
    except Exception as exc:  # a failure: hypothesis has printed the falsifying example
        error = f"{type(exc).__name__}: {exc}"
    return {"entry point": name, "inputs": count["n"], "seconds": round(time.monotonic() - start, 1), "error": error}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=float, default=180)
    p.add_argument("--json", type=Path)
    args = p.parse_args(argv)
    results = [fuzz(name, args.seconds) for name in TARGETS]
    for r in results:
        print(f"{r['entry point']:<24} {r['inputs']:>9} inputs in {r['seconds']:>6} s  {r['error'] or 'no exception'}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 1 if any(r["error"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
