"""Extreme and hostile inputs: each must end in findings or a correct build, in bounded
time and memory. Records wall time and peak memory of `build.py --check` and a full
build per case, each in its own process.

    python bench/extreme.py [--scale 1.0] [--json bench/extreme.json]

The tests run the same cases at a small scale (tests/test_extreme.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEAD = "---\ntitle: T\n---\n\n"


def _page(text: str) -> str:
    return HEAD + text


_MAKERS: dict = {}


def _case(name: str):
    """Register the function that writes case `name`: (content/, sources/, root, n), where
    n(full) is a count at the run's scale."""
    def register(make):
        _MAKERS[name] = make
        return make
    return register


def make_case(name: str, root: Path, scale: float = 1.0) -> Path:
    """Write the project of one extreme case into `root`."""
    if name not in _MAKERS:
        raise ValueError(name)
    (root / "content").mkdir(parents=True)
    (root / "sources").mkdir(parents=True)
    _MAKERS[name](root / "content", root / "sources", root, lambda full: max(int(full * scale), 3))
    return root


@_case("50mb-source")
def _case_50mb_source(c: Path, s: Path, root: Path, n) -> None:
    line = ("The council met on Tuesday and said it would speak with one voice. " * 30).strip()
    count = n(50_000_000 // (len(line) + 1))
    with open(s / "big.txt", "w", encoding="utf-8") as fh:
        for _ in range(count - 1):
            fh.write(line + "\n")
        fh.write("The last paragraph names Kabul.\n")
    (c / "p.md").write_text(_page(f'Claim.[^a] Missing.[^b]\n\n[^a]: big#p{count} "names Kabul"\n'
                                  '[^b]: big#p1 "words that stand nowhere in it"\n'))


@_case("100k-paragraphs")
def _case_100k_paragraphs(c: Path, s: Path, root: Path, n) -> None:
    count = n(100_000)
    (s / "many.txt").write_text("".join(f"Paragraph number {i} of many.\n" for i in range(1, count + 1)))
    (c / "p.md").write_text(_page(f'Claim.[^a] Elsewhere.[^b]\n\n[^a]: many#p{count} "number {count} of"\n'
                                  f'[^b]: many#p1 "number {count} of many"\n'))


@_case("10k-footnotes")
def _case_10k_footnotes(c: Path, s: Path, root: Path, n) -> None:
    count = n(10_000)
    (s / "a.txt").write_text("The council met on Tuesday in Kabul.\n")
    claims = "\n\n".join(f"Claim {i}.[^n{i}]" for i in range(count))
    notes = "\n".join(f'[^n{i}]: a#p1 "met on Tuesday"' for i in range(count))
    (c / "p.md").write_text(_page(claims + "\n\n" + notes + "\n"))


@_case("deep-nesting")
def _deep_nesting(c: Path, s: Path, root: Path, n) -> None:
    depth = n(10_000)
    (s / "a.txt").write_text("Text.\n")
    (s / "deep-html.html").write_text("<div>" * depth + "<p>Deep text.</p>" + "</div>" * depth)
    (s / "deep-md.md").write_text("> " * depth + "quoted\n\n" + "".join("  " * i + "- item\n" for i in range(n(2000))))
    (c / "p.md").write_text(_page("> " * depth + "deep claim[^a]\n\n" + "- " * depth + "listed\n\n[^a]: a#p1\n"))


@_case("long-lines")
def _long_lines(c: Path, s: Path, root: Path, n) -> None:
    long = "word " * n(400_000)
    (s / "a.txt").write_text(long + "\nTarget sentence here.\n")
    (c / "p.md").write_text(_page(long + "[^a]\n\n" + f'[^a]: a#p2 "{"Target " + "x" * n(100_000)}"\n'))


@_case("yaml-bomb")
def _yaml_bomb(c: Path, s: Path, root: Path, n) -> None:
    (s / "a.txt").write_text("Text.\n")
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        levels.append(f"{cur}: &{cur} [{', '.join([f'*{prev}'] * 9)}]")
    (s / "a.yml").write_text("\n".join(levels) + "\n")
    (c / "p.md").write_text("---\ntitle: T\n" + "\n".join(levels) + "\n---\n\nClaim.[^a]\n\n[^a]: a#p1\n")
    (root / "site.yml").write_text("\n".join(levels) + "\n")


@_case("yaml-tags")
def _yaml_tags(c: Path, s: Path, root: Path, n) -> None:
    (s / "a.txt").write_text("Text.\n")
    (s / "a.yml").write_text('title: !!python/object/apply:os.system ["touch pwned"]\n')
    (c / "p.md").write_text("---\ntitle: !!python/name:os.system\n---\n\nClaim.[^a]\n\n[^a]: a#p1\n")


@_case("binary-and-broken")
def _binary_and_broken(c: Path, s: Path, root: Path, n) -> None:
    (s / "a.txt").write_bytes(b"\xff\xfe\x00\x00binary" * 1000)
    (s / "b.txt").write_bytes("\ufeffBOM and CRLF\r\nsecond\r\n".encode())
    (c / "p.md").write_bytes(b"\x00\x01\x02")
    (c / "q.md").write_text(_page('Claim.[^a]\n\n[^a]: b#p2 "second"\n'))


@_case("insertions")
def _insertions(c: Path, s: Path, root: Path, n) -> None:
    # issue 15: backtracking insertions took 40-80 s, over 5 minutes, and RecursionError
    words = "the council said that officials in the capital met on tuesday and agreed a plan".split()
    filler = " ".join(words[(i * 7) % len(words)] + ("," if i % 9 == 0 else "") for i in range(230))[:1300]
    para = filler.rsplit(" ", 1)[0] + " officials, aides, ministers, envoys, soldiers, elders, and Abdullah spoke."
    line = "the " * 50 + "end."
    count = n(1500)
    (s / "a.txt").write_text(para + "\n" + line + "\n" + "the " * (2 * count) + "\n")
    many = " ".join(["[x] the"] * count)
    (c / "p.md").write_text(_page(
        "Claim.[^a] Two.[^b] Three.[^c] Four.[^d] Five.[^e]\n\n"
        '[^a]: a#p1 "[a], [b], [c], [d], [e], [f], and Abdullah spoke"\n'
        '[^b]: a#p1 "[a], [b], [c], [d], [e], [f], and Abdulla spoke"\n'
        '[^c]: a#p2 "the [a] [b] [c] [d] [e] zebra"\n'
        f'[^d]: a#p3 "{many}"\n'
        f'[^e]: a#p3 "{many} zebra"\n'))


@_case("missing-in-5000")
def _missing_in_5000(c: Path, s: Path, root: Path, n) -> None:
    # issue 15: every 2- and 3-paragraph window rebuilt per missing quote; a wide
    # range re-joined per citation
    count, wide = n(5000), n(30000)
    (s / "big.txt").write_text("".join(f"Paragraph {i} says the council met on day {i}.\n"
                                       for i in range(1, count + 1)))
    (s / "wide.txt").write_text("".join(f"Line {i} of the wide source.\n" for i in range(1, wide + 1)))
    notes = [f'big#p1 "words that stand nowhere {i}"' for i in range(20)]
    notes += [f'wide#p1-{wide - 1} "Line {1 + (i * 97) % (wide - 2)} of the"' for i in range(50)]
    (c / "p.md").write_text(_page("Claim." + "".join(f"[^n{i}]" for i in range(len(notes))) + "\n\n"
                                  + "\n".join(f"[^n{i}]: {note}" for i, note in enumerate(notes)) + "\n"))


@_case("unclosed-openers")
def _unclosed_openers(c: Path, s: Path, root: Path, n) -> None:
    # issue 15: a 24 KB page of unclosed `[^` took about 38 s (quadratic)
    (s / "a.txt").write_text("Text.\n")
    (c / "p.md").write_text(_page("Claim.[^a]\n\n" + "[^" * n(12000) + "\n\n[^a]: a#p1 \"Text\"\n"))


CASES = ("50mb-source", "100k-paragraphs", "10k-footnotes", "deep-nesting", "long-lines", "yaml-bomb",
         "yaml-tags", "binary-and-broken", "insertions", "missing-in-5000", "unclosed-openers")


def _child(argv: list[str]) -> int:
    """Run build.py in a child and print its peak memory (KiB) as the last line."""
    proc = subprocess.run([sys.executable, str(REPO / "build.py"), *argv], capture_output=True, text=True)
    sys.stdout.write(proc.stdout[-300:])
    sys.stderr.write(proc.stderr[-300:])
    print(f"\nPEAK_KB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
    return proc.returncode


def run_case(name: str, scale: float, timeout: float = 600) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"extreme-{name}-"))
    try:
        root = make_case(name, tmp / "p", scale)
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
        result = {"case": name, "input_mb": round(size / 1e6, 1)}
        for label, argv in (("check", ["--root", str(root), "--check"]),
                            ("build", ["--root", str(root), "--out", str(tmp / "site")])):
            start = time.perf_counter()
            # its own process group, so a step stopped at the timeout ends with its build.py
            proc = subprocess.Popen([sys.executable, __file__, "--child", *argv], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, start_new_session=True)
            try:
                out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                result[label] = {"seconds": f">{timeout:g}", "exit": "stopped", "peak_mb": None, "traceback": False}
                continue
            took = time.perf_counter() - start
            peak = [line for line in out.splitlines() if line.startswith("PEAK_KB")]
            result[label] = {"seconds": round(took, 2), "exit": proc.returncode,
                             "peak_mb": round(int(peak[-1].split()[1]) / 1024, 1) if peak else None,
                             "traceback": "Traceback" in err}
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv=None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--child":
        return _child(sys.argv[2:])
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--json", type=Path, default=None)
    p.add_argument("--case", action="append", choices=CASES)
    p.add_argument("--timeout", type=float, default=600, help="seconds before a step is stopped and recorded so")
    args = p.parse_args(argv)
    results = [run_case(name, args.scale, args.timeout) for name in (args.case or CASES)]
    print(f"{'case':<20}{'input MB':>9}  {'check s':>8} {'MB':>7} {'exit':>4}  {'build s':>8} {'MB':>7} {'exit':>4}")
    for r in results:
        c, b = r["check"], r["build"]
        print(f"{r['case']:<20}{r['input_mb']:>9}  {c['seconds']!s:>8} {c['peak_mb']!s:>7} {c['exit']!s:>4}  "
              f"{b['seconds']!s:>8} {b['peak_mb']!s:>7} {b['exit']!s:>4}")
    if args.json:
        summary = {"cores": os.cpu_count(), "scale": args.scale, "cases": results}
        args.json.write_text(json.dumps(summary, indent=1) + "\n")
    return 1 if any(r[k]["traceback"] for r in results for k in ("check", "build")) else 0


if __name__ == "__main__":
    sys.exit(main())
