"""`build.py add-source URL`: capture from a local server the test starts (never the internet)."""

from __future__ import annotations

import hashlib
import os

import pytest
import yaml

from conftest import write_project
from factsite import capture as capture_module
from factsite.cli import main
from factsite.project import load_project
from pageserver import ACCENTS, ARTICLE, PageServer


@pytest.fixture
def server():
    with PageServer() as s:
        yield s


@pytest.fixture
def root(tmp_path):
    return write_project(tmp_path / "proj", {})


def add(root, capsys, *args):
    code = main(["--root", str(root), "add-source", *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def files_under(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_capture_writes_raw_readable_and_sidecar(root, server, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    code, out = add(root, capsys, server.url("/article"), "--allow-private")
    assert code == 0, out
    assert files_under(root) == ["sources/council-agrees-ceasefire-plan.txt", "sources/council-agrees-ceasefire-plan.yml",
                                 "sources/raw/council-agrees-ceasefire-plan.html"]
    raw = (root / "sources/raw/council-agrees-ceasefire-plan.html").read_bytes()
    assert raw == ARTICLE.encode("utf-8")  # untouched
    side = yaml.safe_load((root / "sources/council-agrees-ceasefire-plan.yml").read_text())
    assert side == {
        "url": server.url("/article"),
        "title": "Council agrees ceasefire plan",
        "author": "Jane Roe",
        "publisher": "Daily Gazette",
        "published": "2026-11-30T10:00:00Z",
        "language": "en",
        "retrieved": "2025-12-01T00:00:00Z",
        "http_status": 200,
        "content_type": "text/html; charset=utf-8",
        "sha256": hashlib.sha256(raw).hexdigest(),
    }
    text = (root / "sources/council-agrees-ceasefire-plan.txt").read_text().splitlines()
    assert text[0] == "Council agrees ceasefire plan"
    assert text[1].startswith("The city council agreed on Tuesday")
    assert len(text) == 5 and not any("Most read" in t or "Home" in t or "Ten things" in t for t in text)
    # the loader reads the readable text and skips the snapshot (SPEC v2 section 1)
    project = load_project(root)
    assert list(project.sources) == ["council-agrees-ceasefire-plan"]
    assert project.sources["council-agrees-ceasefire-plan"].path == "sources/council-agrees-ceasefire-plan.txt"
    assert not [d for d in project.diagnostics if d.severity != "info"], project.diagnostics


def test_page_without_article_loses_read_more_and_most_read(root, server, capsys):
    code, out = add(root, capsys, server.url("/messy"), "--allow-private", "--id", "floods")
    assert code == 0, out
    text = (root / "sources/floods.txt").read_text()
    for chrome in ("Read more", "Most read", "Mayor resigns", "Ten things", "All rights reserved", "Home", "Sport"):
        assert chrome not in text, (chrome, text)
    assert text.splitlines() == [
        "Floods close the coast road",
        "The coast road between the two harbours was closed on Sunday after the river burst its banks for the "
        "second time this month.",
        "Engineers said the road would stay closed until the water level drops below the warning mark, which could "
        "take a week.",
        "About 300 households have been asked to leave their homes, and a school has been opened as a shelter for them.",
    ]
    assert "left out 1 link-only paragraph" in out


def test_redirects_are_followed_and_both_addresses_recorded(root, server, capsys):
    code, out = add(root, capsys, server.url("/redirect"), "--allow-private", "--id", "council")
    assert code == 0, out
    side = yaml.safe_load((root / "sources/council.yml").read_text())
    assert side["url"] == server.url("/redirect") and side["final_url"] == server.url("/article")
    # the same address, or one leading to a captured one, is refused without --force
    code, out = add(root, capsys, server.url("/article"), "--allow-private")
    assert code == 1 and "captured already" in out
    code, out = add(root, capsys, server.url("/redirect"), "--allow-private")
    assert code == 1 and "captured already, as council" in out and "--force" in out
    code, out = add(root, capsys, server.url("/redirect"), "--allow-private", "--force", "--id", "council-2")
    assert code == 0, out
    assert (root / "sources/raw/council-2.html").is_file() and (root / "sources/raw/council.html").is_file()


def test_wrong_charset_header_and_latin1_page(root, server, capsys):
    code, out = add(root, capsys, server.url("/wrong-charset"), "--allow-private", "--id", "cafe")
    assert code == 0, out
    assert "the server said iso-8859-1" in out
    text = (root / "sources/cafe.txt").read_text(encoding="utf-8")
    assert "caf\u00e9 owners\u2019 association" in text and "\u201cna\u00efve\u201d" in text and "\u20ac2,000" in text
    assert (root / "sources/raw/cafe.html").read_bytes() == ACCENTS.encode("utf-8")
    code, out = add(root, capsys, server.url("/latin1"), "--allow-private", "--id", "cafe-latin")
    assert code == 0, out
    assert "caf\u00e9 owners' association" in (root / "sources/cafe-latin.txt").read_text(encoding="utf-8")
    # the snapshot keeps the page's own bytes (Latin-1), the readable text is UTF-8
    assert b"caf\xe9" in (root / "sources/raw/cafe-latin.html").read_bytes()


def test_gzip_body_is_decoded(root, server, capsys):
    code, out = add(root, capsys, server.url("/gzip"), "--allow-private", "--id", "zipped")
    assert code == 0, out
    assert (root / "sources/raw/zipped.html").read_bytes() == ARTICLE.encode("utf-8")


@pytest.mark.parametrize("path, args, message", [
    ("/missing", (), "the server answered 404 Not Found"),
    ("/broken", (), "the server answered 500 Internal Server Error"),
    ("/pdf", (), "not a web page (Content-Type application/pdf)"),
    ("/huge", ("--max-bytes", "20000"), "over the limit of 20,000"),
    ("/huge-unannounced", ("--max-bytes", "20000"), "over the limit of 20,000 bytes"),
    ("/gzip-bomb", ("--max-bytes", "100000"), "over the limit of 100,000 bytes"),
    ("/loop-a", (), "redirect loop"),
    ("/to-ftp", (), "only http and https addresses are captured, not 'ftp'"),
    ("/slow", ("--timeout", "0.5"), "timed out"),
])
def test_refusals_write_nothing(root, server, capsys, path, args, message):
    code, out = add(root, capsys, server.url(path), "--allow-private", *args)
    assert code == 1, out
    assert message in out and "nothing was written" in out
    assert files_under(root) == [] and not (root / "sources/raw").exists()


def test_schemes_and_private_addresses_are_refused(root, server, capsys):
    code, out = add(root, capsys, server.url("/article"))  # no --allow-private
    assert code == 1 and "private, loopback or reserved address (127.0.0.1)" in out and "--allow-private" in out
    code, out = add(root, capsys, "file:///etc/passwd")
    assert code == 1 and "only http and https" in out
    code, out = add(root, capsys, "http://[::1]:1/x")
    assert code == 1 and "private, loopback" in out
    assert files_under(root) == []


def test_bad_ids_are_refused(root, server, capsys):
    code, out = add(root, capsys, server.url("/article"), "--allow-private", "--id", "../../etc")
    assert code == 2 and "bad source id" in out
    (root / "sources/taken.txt").write_text("x\n")
    code, out = add(root, capsys, server.url("/article"), "--allow-private", "--id", "taken")
    assert code == 1 and "exists already" in out
    assert files_under(root) == ["sources/taken.txt"]


def test_an_interrupted_capture_leaves_nothing(root, server, capsys, monkeypatch):
    real = os.replace
    calls = []

    def interrupted(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(capture_module.os, "replace", interrupted)
    code = main(["--root", str(root), "add-source", server.url("/article"), "--allow-private", "--id", "council"])
    assert code == 130 and len(calls) == 2
    assert files_under(root) == []
    assert not (root / "sources/raw").exists()


def test_a_capture_never_writes_outside_sources(root, server, capsys, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "sources/raw").symlink_to(elsewhere)
    code, out = add(root, capsys, server.url("/article"), "--allow-private", "--id", "council")
    assert code == 1 and "links elsewhere" in out
    assert list(elsewhere.iterdir()) == [] and not (root / "sources/council.txt").exists()


def test_saved_file_import_still_works_beside_captures(root, server, capsys, tmp_path):
    saved = tmp_path / "saved.html"
    saved.write_text(ARTICLE)
    code, out = add(root, capsys, str(saved), "--id", "saved")
    assert code == 0, out
    assert (root / "sources/saved.html").read_text() == ARTICLE and (root / "sources/saved.yml").is_file()
    assert not (root / "sources/raw").exists()
