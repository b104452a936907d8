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
