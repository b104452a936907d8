"""Whatever an editor feeds the checker, it answers with findings, never a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import write_project
from factsite.diagnostics import SEVERITIES
from factsite.project import load_project

PIECES = st.sampled_from([
    "[^a]", "[^b]", "[^a]: ", "[^b]: ", "src#p1 ", "src#p2-3 ", "src#p0", "nope#p1", '"', "“", "”", "...", "[", "]",
    " -- ", ";", "\n", "\n\n", "    ", "> ", "- ", "# ", "```\n", "---\n", "title: x\n", "{.editorial}\n", "{#id}\n",
    "words ", "Kabul ", "é", "\u200b", "\x00", "&amp;", "*", "\\", "|", "<script>", "#",
])
MARKDOWN = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)
SOURCE_TEXT = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=40).map("".join))
SOURCE_NAME = st.sampled_from(["src.txt", "src.md", "src.html", "src.htm", "Bad Name.txt", "src.yml", "src.pdf"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=MARKDOWN, source=SOURCE_TEXT, name=SOURCE_NAME, sidecar=st.one_of(st.none(), SOURCE_TEXT),
       raw=st.binary(max_size=64))
def test_random_input_gives_findings_not_exceptions(page, source, name, sidecar, raw):
    root = Path(tempfile.mkdtemp())
    try:
        files = {"content/page.md": "---\ntitle: t\n---\n" + page, "content/raw.md": raw, f"sources/{name}": source}
        if sidecar is not None:
            files["sources/src.yml"] = sidecar
        write_project(root, files)
        project = load_project(root)
        for d in project.diagnostics:
            assert d.path and d.line >= 1 and d.column >= 1
            assert d.severity in SEVERITIES and d.code and d.message
    finally:
        shutil.rmtree(root)


def _codes(root):
    return sorted((d.path, d.code) for d in load_project(root).diagnostics)


PAGE = '---\ntitle: T\n---\n\nA claim.[^a]\n\n[^a]: a#p1 "claim"\n'


def test_links_leading_out_of_the_project_are_findings(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("A secret claim.\n")
    (outside / "page.md").write_text(PAGE)
    (outside / "folder").mkdir()
    (outside / "folder" / "b.txt").write_text("Hidden.\n")
    root = write_project(tmp_path / "p", {"content/page.md": PAGE, "sources/a.txt": "A claim.\n"})
    (root / "sources" / "secret.txt").symlink_to(outside / "secret.txt")
    (root / "content" / "linked.md").symlink_to(outside / "page.md")
    (root / "sources" / "folder").symlink_to(outside / "folder", target_is_directory=True)
    (root / "sources" / "again.txt").symlink_to(root / "sources" / "a.txt")  # inside: fine
    codes = _codes(root)
    assert ("sources/secret.txt", "bad-source") in codes and ("content/linked.md", "bad-content") in codes
    assert not any("folder" in path for path, _ in codes)  # a linked folder is not followed
    project = load_project(root)
    assert sorted(project.sources) == ["a", "again"]


def test_a_linked_sources_folder_outside_the_project_is_refused(tmp_path):
    elsewhere = write_project(tmp_path / "elsewhere", {"sources/a.txt": "A claim.\n"})
    root = write_project(tmp_path / "p", {"content/page.md": PAGE})
    (root / "sources").rmdir()
    (root / "sources").symlink_to(elsewhere / "sources", target_is_directory=True)
    assert ("sources/a.txt", "bad-source") in _codes(root)


def test_pages_leave_no_garbage_behind_with_the_collector_off(tmp_path):
    """The build turns the cyclic garbage collector off while it checks and renders
    pages (it cost a quarter of the time) and collects each page's own cycles among
    the youngest objects: nothing may pile up."""
    import gc

    from factsite.load import load_inputs
    from factsite.pipeline import PageContext, page_outcome
    from factsite.render import Renderer

    root = Path(__file__).resolve().parent / "fixtures" / "explainer-site"  # the engine's test project
    inputs = load_inputs(root)
    renderer = Renderer(root, inputs.config, inputs.sources)
    ctx = PageContext(inputs.sources, renderer, "looks", None, "", inputs.pages, None, None, "")
    try:
        page_outcome(ctx, inputs.pages[0])  # warm up what is built lazily
        gc.collect()
        gc.disable()
        for _ in range(3):
            outcome, html, provenance = page_outcome(ctx, inputs.pages[0])
            assert outcome.ok and html and provenance and outcome.entry.claims
        del outcome, html, provenance
        assert gc.collect() == 0
    finally:
        gc.enable()
