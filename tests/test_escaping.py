"""Text from content, sources and metadata is always text: no markup, no unsafe links."""

from __future__ import annotations

import base64
import hashlib
import re

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from sitebuild import build

EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_hostile_text_is_escaped_everywhere(project, tmp_path):
    root = project({
        "sources/evil.html": (
            "<html><head><title>T <script>x</script></title></head><body><article>"
            f"<p>Para {EVIL} end.</p><script>alert(3)</script><iframe src='javascript:alert(4)'></iframe>"
            "<p onclick='alert(5)'>Clickable</p></article></body></html>"
        ),
        "sources/plain.txt": f"Plain {EVIL} text.\n",
        "sources/evil.yml": f'title: "{EVIL}"\nurl: "javascript:alert(6)"\narchive_url: "data:text/html,<script>alert(7)</script>"\nnotes: "{EVIL}"\n',
        "content/page.md": (
            f'---\ntitle: "{EVIL}"\nsummary: "{EVIL}"\nauthors: ["{EVIL}"]\n---\n\n'
            f"Claim {EVIL} [link](javascript:alert(8)).[^a]\n\n"
            f'[^a]: evil#p1 "Para"; plain#p1 "Plain <script>alert(1)</script>" -- note {EVIL}\n'
        ),
    })
    out = tmp_path / "out"
    assert build(root, out) == 0
    for page in out.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
        assert all((s.get("src", "").endswith("static/site.js") and not s.string) or _allowed_by_hash(s, soup)
                   for s in scripts), page
        assert not soup.find_all(["iframe", "img"]), page
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.startswith("on")], (page, tag)
        for a in soup.find_all("a", href=True):
            assert not a["href"].lower().startswith(("javascript:", "data:", "vbscript:")), (page, a)
    text = (out / "page.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    src = (out / "sources" / "evil.html").read_text(encoding="utf-8")
    assert "javascript:alert(6) (not a web link)" in src


def test_odd_url_schemes_never_become_links(project, tmp_path):
    urls = ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
            "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd", "//evil.example/x",
            "https://ok.example/\"onmouseover=\"alert(1)", "ftp://example.org/x"]
    files = {"content/page.md": "---\ntitle: T\n---\n\n" + "\n\n".join(
        f"Claim {i}.[^s{i}] [md link](<{u}>) <{u}>" for i, u in enumerate(urls)) + "\n\n" + "\n".join(
        f"[^s{i}]: s{i}#p1" for i in range(len(urls)))}
    for i, u in enumerate(urls):
        files[f"sources/s{i}.txt"] = "Text.\n"
        files[f"sources/s{i}.yml"] = f"url: '{u}'\narchive_url: '{u}'\n"
    root = project(files)
    assert build(root, tmp_path / "out") == 0
    for page in (tmp_path / "out").rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            href = a["href"]
            scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", href.strip())
            assert scheme is None or scheme.group(1).lower() in ("http", "https"), (page.name, href)
            assert not [k for k in a.attrs if k.startswith("on")], (page.name, a)


def test_block_attributes_cannot_add_handlers_or_styles(project, tmp_path):
    root = project({
        "sources/a.txt": "Text.\n",
        "content/page.md": ('---\ntitle: T\n---\n\n{#x" onclick="alert(1) onclick="alert(2)" style="color:red" '
                            'rating="</script><script>alert(3)</script>"}\nClaim.[^a]\n\n'
                            '{onmouseover="alert(4)" .editorial}\n- item\n\n[^a]: a#p1\n'),
    })
    assert build(root, tmp_path / "out") == 0
    soup = BeautifulSoup((tmp_path / "out" / "page.html").read_text(), "html.parser")
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.startswith("on") or a == "style"], tag
    scripts = soup.find_all("script")
    assert all(s.get("type") == "application/ld+json" or s.get("src") for s in scripts)
    assert len(soup.find_all("script", src=True)) == 1


def test_every_published_page_has_a_strict_content_security_policy(project, tmp_path):
    root = project({"sources/a.txt": "Text.\n", "content/page.md": "---\ntitle: T\n---\n\nX.[^a]\n\n[^a]: a#p1\n"})
    assert build(root, tmp_path / "out") == 0
    for page in (tmp_path / "out").rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert "unsafe-inline" not in csp and "default-src 'none'" in csp
        # site.js, and on the 404 page of a site whose URL is unknown one inline script, by its hash
        assert re.search(r"script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')?;", csp), (page, csp)
        if "sha256-" in csp:
            assert page.name == "404.html"
            assert all(_allowed_by_hash(s, soup) for s in soup.find_all("script") if not s.get("src"))


def _allowed_by_hash(script, soup) -> bool:
    """An inline script the page's Content-Security-Policy allows by its SHA-256 (the 404
    page's root finder), and nothing else."""
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    digest = base64.b64encode(hashlib.sha256((script.string or "").encode("utf-8")).digest()).decode("ascii")
    return not script.get("src") and f"'sha256-{digest}'" in csp


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=60) | st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_text_fragments_are_percent_encoded_as_quote_does(text):
    """The quick encoding of a quote for `#:~:text=` equals urllib's, dash included."""
    from urllib.parse import quote

    from factsite.provenance import fragment_quote

    assert fragment_quote(text) == quote(text, safe="").replace("-", "%2D")
