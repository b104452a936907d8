"""The live preview: incremental rebuilds equal full builds; the real server reloads,
shows findings in an overlay, and survives broken input."""

from __future__ import annotations

import http.client
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

from browser import launch
from conftest import REPO
from factsite.diagnostics import format_text
from factsite.project import load_project
from factsite.serve import Preview
from sitebuild import build, copy_sample

PAGE = "content/national-consensus.md"


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".factsite-output"}


def full_build(root):
    """What `build.py` makes of the project now, from nothing."""
    out = root.parent / "full-build"
    shutil.rmtree(out, ignore_errors=True)
    assert build(root, out, "--no-cache") == 0
    # (the live preview writes no search index: pagefind/ is build.py's alone)
    return {name: body for name, body in tree(out).items() if not name.startswith("pagefind/")}


@pytest.fixture
def live(tmp_path):
    root = copy_sample(tmp_path / "project")
    shutil.copy2(root / PAGE, root / "content" / "second.md")
    text = (root / "content" / "second.md").read_text().replace("title: \"What", "title: \"Second: what")
    (root / "content" / "second.md").write_text(text)
    preview = Preview(root, tmp_path / "out", preview=False, stream=io.StringIO())
    assert preview.rebuild()
    return root, preview


def built(preview):
    """The preview's folder once the last rebuild's provenance.json is written too."""
    preview.settle()
    return tree(preview.out)


def assert_same_as_full_build(root, preview):
    assert built(preview) == full_build(root)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_changing_one_page_rerenders_only_what_lists_or_cites_it(live):
    root, preview = live
    edit(root / "content" / "second.md", "The three are the", "The three movements are the")
    assert preview.rebuild()
    # the claim's text is listed on the source page of the paragraph it cites
    assert set(preview.cache.rendered) == {"second.html", "provenance.json", "sources/defence-talks.html"}
    assert_same_as_full_build(root, preview)
    edit(root / "content" / "second.md", '[^dostum]: ians#p15 "Dostum', '[^dostum]: ians#p15-16 "Dostum')
    assert preview.rebuild()
    # one more paragraph cited: its source page and the count on the sources index change
    assert set(preview.cache.rendered) == {"second.html", "provenance.json", "sources/ians.html", "sources/index.html"}
    assert_same_as_full_build(root, preview)
    edit(root / "content" / "second.md", "title: \"Second: what", "title: \"Second, renamed: what")
    assert preview.rebuild()
    # the title shows on the home page and beside every claim listed on a source page
    cited = {f"sources/{s}.html" for s in ("blocs-unite", "defence-talks", "ians", "nationpress", "un-talks-call")}
    assert set(preview.cache.rendered) == {"second.html", "provenance.json", "index.html"} | cited
    assert_same_as_full_build(root, preview)


def test_changing_one_source_rerenders_only_the_pages_citing_it(live):
    root, preview = live
    (root / "sources" / "extra.txt").write_text("A source nobody cites.\n")
    assert preview.rebuild()
    assert set(preview.cache.rendered) == {"sources/extra.html", "sources/index.html", "provenance.json"}
    edit(root / "sources" / "extra.txt", "nobody", "still nobody")
    assert preview.rebuild()
    assert set(preview.cache.rendered) == {"sources/extra.html", "sources/index.html", "provenance.json"}
    assert_same_as_full_build(root, preview)
    assert preview.rebuild()  # nothing changed: nothing written
    assert preview.cache.rendered == []
    assert_same_as_full_build(root, preview)
    edit(root / "sources" / "blocs-unite.yml", "language: en", "language: en\npublisher: Somebody")
    assert preview.rebuild()
    assert "sources/blocs-unite.html" in preview.cache.rendered
    assert {"national-consensus.html", "second.html"} <= set(preview.cache.rendered)
    assert_same_as_full_build(root, preview)


def test_successive_claim_edits_reuse_what_other_pages_show_and_match_a_full_build(live):
    """After an edit, what the other pages show on the re-rendered source pages is kept
    (citedby.Slices); the next edits must still give a full build's bytes."""
    root, preview = live
    second, first = root / "content" / "second.md", root / PAGE
    edit(second, "The three are the", "The three movements are the")
    assert preview.rebuild()
    kept = preview.memory.slices.of["defence-talks"]
    assert {o.info.path for o, _ in kept.values()} == {"content/national-consensus.md", "content/second.md"}
    for path, old, new in [(second, "The three movements are the", "The three blocs are the"),  # the same claim
                           (first, "The three are the", "All three are the"),  # another page's claim citing it
                           (first, 'defence-talks#p1 "three major', 'defence-talks#p1-2 "three major')]:  # what it cites
        edit(path, old, new)
        assert preview.rebuild()
        assert "sources/defence-talks.html" in preview.cache.rendered
        assert_same_as_full_build(root, preview)
    (root / "content" / "third.md").write_text(second.read_text().replace("Second: what", "Third: what"))
    assert preview.rebuild()  # a new page citing it
    assert_same_as_full_build(root, preview)
    second.unlink()
    assert preview.rebuild()  # and one gone
    assert_same_as_full_build(root, preview)
    assert "content/second.md" not in {o.info.path for o, _ in preview.memory.slices.of["defence-talks"].values()}


def test_provenance_json_that_cannot_be_written_is_reported_and_written_next_time(live, monkeypatch):
    """provenance.json is written after the pages are in place (Preview.settle waits
    for it); if that fails, the preview says so and the next rebuild writes it again."""
    from factsite.output import InPlace

    root, preview = live
    before = built(preview)["provenance.json"]
    real_open = InPlace.open

    def full_disk(self, rel):
        if rel == "provenance.json":
            raise OSError(28, "No space left on device")
        return real_open(self, rel)

    monkeypatch.setattr(InPlace, "open", full_disk)
    edit(root / "content" / "second.md", "The three are the", "The three movements are the")
    assert preview.rebuild()
    preview.settle()
    assert "could not write provenance.json" in preview.stream.getvalue()
    assert (preview.out / "provenance.json").read_bytes() == before  # the last one written stays
    assert not list(preview.out.rglob("*" + InPlace.suffix))
    monkeypatch.setattr(InPlace, "open", real_open)
    assert preview.rebuild()  # nothing else changed: its entries are made again, and it is written
    assert "provenance.json" in preview.cache.rendered
    assert_same_as_full_build(root, preview)


@pytest.mark.parametrize("change", ["template", "static", "config", "delete-page", "delete-source-uncited"])
def test_every_kind_of_change_matches_a_full_build(live, change):
    root, preview = live
    if change == "template":  # the site's own template appears, over the package's
        from factsite.theme_dirs import THEME

        (root / "templates").mkdir()
        shutil.copy2(THEME / "templates" / "explainer.html", root / "templates" / "explainer.html")
        edit(root / "templates" / "explainer.html", "Sources and notes", "Sources &amp; notes")
    elif change == "static":
        (root / "static").mkdir()
        (root / "static" / "site.css").write_text("body { color: red; }\n")
    elif change == "config":
        (root / "site.yml").write_text("title: Another title\nurl: https://example.org/x/\n")
    elif change == "delete-page":
        (root / "content" / "second.md").unlink()
    else:
        (root / "sources" / "x.txt").write_text("x\n")
        assert preview.rebuild()
        (root / "sources" / "x.txt").unlink()
    assert preview.rebuild()
    assert_same_as_full_build(root, preview)


def test_broken_citation_keeps_last_good_site_with_overlay_then_recovers(live):
    root, preview = live
    good = built(preview)
    edit(root / PAGE, '[^golden]: defence-talks#p3 "They describe the agreement as a “golden opportunity” for lasting peace"',
         '[^golden]: defence-talks#p3 "They describe the agreement as a platinum opportunity"')
    assert not preview.rebuild()
    page = (preview.out / "national-consensus.html").read_text()
    assert 'class="build-errors"' in page and "content/national-consensus.md:" in page and "quote-not-found" in page
    assert "class=\"build-errors\"" in (preview.out / "sources" / "ians.html").read_text()
    edit(root / PAGE, "platinum opportunity", "“golden opportunity” for lasting peace")
    assert preview.rebuild()
    assert built(preview) == good


def test_findings_about_content_files_match_a_full_check_as_files_come_and_go(live, tmp_path):
    """The preview looks at content/'s names again only when they change, and at a
    changed file's link: each step's findings are a fresh check's."""
    root, preview = live

    def same_findings_as_a_fresh_check(ok):
        assert preview.rebuild() is ok
        assert format_text(preview.diagnostics) == format_text(load_project(root).diagnostics)
        return format_text(preview.diagnostics)

    (root / "content" / "gone.md").symlink_to("missing.md")  # a link to nothing
    assert "content/gone.md:1:1: error: cannot read page" in same_findings_as_a_fresh_check(False)
    (root / "content" / "gone.md").unlink()
    same_findings_as_a_fresh_check(True)
    (tmp_path / "outside.md").write_text((root / "content" / "second.md").read_text() + "\nMore.\n")
    (root / "content" / "second.md").unlink()
    (root / "content" / "second.md").symlink_to(tmp_path / "outside.md")  # same name, now a link outside
    assert "content/second.md:1:1: error: this file links outside" in same_findings_as_a_fresh_check(False)
    (root / "content" / "second.md").unlink()
    (root / "content" / "second.md").write_text((root / PAGE).read_text().replace("title: \"What", "title: \"Again: what"))
    (root / "content" / "notes.txt").write_text("not a page\n")
    assert "content/notes.txt:1:1: info: not a Markdown page" in same_findings_as_a_fresh_check(True)
    edit(root / "content" / "second.md", "Again: what", "Once more: what")  # names as before: not looked at
    same_findings_as_a_fresh_check(True)
    assert_same_as_full_build(root, preview)


def test_bad_front_matter_never_raises(live):
    root, preview = live
    (root / "content" / "broken.md").write_bytes(b"---\ntitle: [\n---\n\xff\xfe")
    assert not preview.rebuild()
    (root / "content" / "broken.md").unlink()
    assert preview.rebuild()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def test_real_server_reloads_the_browser_and_shows_the_overlay(tmp_path):
    root = copy_sample(tmp_path / "project")
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(root), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    url = f"http://127.0.0.1:{port}/national-consensus.html"
    try:
        assert "They describe the agreement" in wait_for(lambda: fetch(url))
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page()
            frames = []
            page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
            page.goto(url)
            for _ in range(100):  # the server's hello: from now on a change reloads the page
                if frames:
                    break
                page.wait_for_timeout(100)
            assert frames, "the live-reload connection did not open"
            edit(root / PAGE, "The three are the", "Live edit: the three are the")
            page.wait_for_selector("text=Live edit: the three are the", timeout=20_000)
            # provenance.json follows the pages (written after them): the served one has the edit
            wait_for(lambda: "Live edit: the three are the" in (fetch(f"http://127.0.0.1:{port}/provenance.json") or ""))
            edit(root / PAGE, '[^dostum]: ians#p15 "Dostum', '[^dostum]: ians#p15 "Dustom')
            page.wait_for_selector(".build-errors", timeout=20_000)
            assert "quote-not-found" in page.locator(".build-errors").inner_text()
            assert "content/national-consensus.md:" in page.locator(".build-errors").inner_text()
            assert "Live edit" in page.inner_text(".body"), "the last good page is still shown under the overlay"
            assert proc.poll() is None
            edit(root / PAGE, '"Dustom', '"Dostum')
            page.wait_for_selector(".build-errors", state="detached", timeout=20_000)
            browser.close()
        assert proc.poll() is None
        for path in ("/../build.py", "/%2e%2e/build.py", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd",
                     "/..%2fbuild.py", "/" + str(REPO / "build.py"), "/static/../../build.py"):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)  # sent as written: http.client does not normalize the path
            response = conn.getresponse()
            body = response.read()
            conn.close()
            assert response.status in (400, 403, 404), (path, response.status)
            assert b"root:" not in body and b"def main" not in body and b"import sys" not in body
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
        print(out)
    assert "error: quote not found" in out


def test_server_binds_to_localhost_only_by_default():
    from factsite.cli import _parser

    args = _parser(REPO).parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
