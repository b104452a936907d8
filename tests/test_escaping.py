"""Text from content, sources and metadata is always text: no markup, no unsafe links."""

from __future__ import annotations

from bs4 import BeautifulSoup

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
        assert all(s.get("src", "").endswith("static/site.js") and not s.string for s in scripts), page
        assert not soup.find_all(["iframe", "img"]), page
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.startswith("on")], (page, tag)
        for a in soup.find_all("a", href=True):
            assert not a["href"].lower().startswith(("javascript:", "data:", "vbscript:")), (page, a)
    text = (out / "page.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    src = (out / "sources" / "evil.html").read_text(encoding="utf-8")
    assert "javascript:alert(6) (not a web link)" in src
