"""The site as a reader uses it, in Debian's Chromium: panels, keyboard, anchors, no-JS,
sub-paths, file://, accessibility (axe-core) and screenshots on phone and desktop."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import serve
from sitebuild import build, copy_sample, world_readable_tmp

SCREENSHOTS = Path(__file__).parent / "screenshots"
PAGE = "national-consensus.html"


@pytest.fixture(scope="module")
def site():
    base = world_readable_tmp("factsite-browser-")
    project = copy_sample(base / "project")
    assert build(project, base / "site") == 0
    return base / "site"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield pg
    context.close()
    assert errors == []


def test_click_opens_panel_with_marked_quote_and_escape_closes_it(page, base_url):
    page.goto(f"{base_url}/{PAGE}")
    marker = page.locator("#ref-golden")
    marker.click()
    panel = page.locator(".cite-panel")
    assert panel.count() == 1 and panel.is_visible()
    assert marker.get_attribute("aria-expanded") == "true"
    assert "They describe the agreement as a “golden opportunity” for lasting peace" in panel.locator("mark").all_inner_texts()
    assert "Defence Talks" in panel.inner_text() and panel.locator("a.pnum").first.inner_text().replace("\n", "") == "¶Paragraph3"
    assert panel.locator('a[href="sources/defence-talks.html#p3"]').count() >= 1
    assert page.evaluate("document.activeElement.classList.contains('cite-panel')")
    page.keyboard.press("Escape")
    assert page.locator(".cite-panel").count() == 0
    assert page.evaluate("document.activeElement.id") == "ref-golden"
    assert marker.get_attribute("aria-expanded") == "false"


def test_keyboard_opens_a_citation(page, base_url):
    page.goto(f"{base_url}/{PAGE}")
    page.locator("#ref-one-voice").focus()
    page.keyboard.press("Enter")
    panel = page.locator(".cite-panel")
    assert panel.is_visible()
    assert page.url.endswith(f"{PAGE}#cite-one-voice"), "the panel opens in place, with its own address"
    page.keyboard.press("Tab")  # focus moves within the panel: the close button first
    assert page.evaluate("document.activeElement.className") == "close"
    page.keyboard.press("Enter")
    assert page.locator(".cite-panel").count() == 0
    assert page.evaluate("document.activeElement.id") == "ref-one-voice"


def test_original_link_carries_a_text_fragment(page, tmp_path):
    project = copy_sample(tmp_path / "p")
    (project / "sources" / "ians.yml").write_text(
        (project / "sources" / "ians.yml").read_text() + "url: https://example.org/ians-story\n")
    assert build(project, tmp_path / "out") == 0
    with serve(tmp_path / "out") as url:
        page.goto(f"{url}/{PAGE}")
        page.locator("#ref-disclaimer").click()
        href = page.locator(".cite-panel a", has_text="Original").get_attribute("href")
    assert href == ("https://example.org/ians-story#:~:text=This%20post%20has%20been%20auto%2Dpublished%20from%20an%20"
                    "agency%20feed%20without%20any%20modifications%20to%20the%20text%20and%20has%20not%20been%20"
                    "reviewed%20by%20an%20editor")


def test_paragraph_link_lands_on_the_paragraph(page, base_url):
    page.goto(f"{base_url}/{PAGE}")
    page.locator("#ref-golden").click()
    page.locator(".cite-panel a.pnum").first.click()
    page.wait_for_url("**/sources/defence-talks.html#p3")
    target = page.locator(":target")
    assert target.get_attribute("id") == "p3"
    assert target.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    assert any("“golden opportunity”" in m for m in target.locator("mark").all_inner_texts())
    back = target.locator(".cited-by a").first
    back.click()
    page.wait_for_url(f"**/{PAGE}#*")
    assert page.locator(":target").evaluate("el => el.classList.contains('claim')")


def test_without_javascript_the_footnotes_hold_the_provenance(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/{PAGE}")
    page.locator("#ref-historic").click()
    assert page.url.endswith("#fn-historic")
    note = page.locator(":target")
    assert "historic opportunity for achieving lasting peace" in note.locator("mark").inner_text()
    assert "NationPress" in note.inner_text()
    assert page.locator(".cite-panel").count() == 0
    assert page.locator(".footnotes li.note").count() == page.locator("a.cite-ref").evaluate_all(
        "els => new Set(els.map(e => e.getAttribute('href'))).size")
    context.close()


def test_site_works_under_a_sub_path(page, site, tmp_path):
    root = tmp_path / "pages"
    shutil.copytree(site, root / "my-repo")
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    with serve(root) as url:
        page.goto(f"{url}/my-repo/index.html")
        page.locator(".explainer-list a").first.click()
        page.wait_for_url(f"{url}/my-repo/{PAGE}")
        assert page.evaluate("getComputedStyle(document.querySelector('.cite-ref')).borderTopStyle") == "solid"
        page.locator("#ref-golden").click()
        assert page.locator(".cite-panel").is_visible()
        page.locator("nav a", has_text="Sources").click()
        page.wait_for_url(f"{url}/my-repo/sources/index.html")
        page.locator("tbody a").first.click()
        page.wait_for_url(f"{url}/my-repo/sources/blocs-unite.html")
        page.wait_for_load_state("load")  # before the server stops
        assert "/my-repo/sources/" in page.url
    assert failed == []


def test_site_works_from_disk(page, site):
    page.goto((site / "index.html").as_uri())
    page.locator(".explainer-list a").first.click()
    assert page.url == (site / PAGE).as_uri()
    page.locator("#ref-golden").click()
    assert page.locator(".cite-panel mark").count() >= 1


def test_phone_width_has_no_sideways_scrolling(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True)
    page = context.new_page()
    for path in ("index.html", PAGE, "sources/index.html", "sources/un-talks-call.html"):
        page.goto(f"{base_url}/{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()


@pytest.mark.parametrize("path", ["index.html", PAGE, f"{PAGE}#panel", "sources/index.html", "sources/ians.html", "404.html"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations(browser, base_url, path, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{base_url}/{path.replace('#panel', '')}")
    if path.endswith("#panel"):
        page.locator("#ref-golden").click()
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


@pytest.mark.parametrize("name,options", [
    ("phone", {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}),
    ("desktop", {"viewport": {"width": 1280, "height": 900}}),
])
def test_screenshots(browser, base_url, name, options):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(**options)
    page = context.new_page()
    page.goto(f"{base_url}/{PAGE}")
    page.screenshot(path=SCREENSHOTS / f"explainer-{name}.png")
    page.locator("#ref-headline").scroll_into_view_if_needed()
    page.locator("#ref-headline").click()
    page.locator(".cite-panel").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / f"explainer-panel-{name}.png")
    page.goto(f"{base_url}/sources/ians.html#p10")
    page.screenshot(path=SCREENSHOTS / f"source-{name}.png")
    context.close()
    for shot in ("explainer", "explainer-panel", "source"):
        assert (SCREENSHOTS / f"{shot}-{name}.png").stat().st_size > 10_000


def test_print_shows_the_footnotes_with_their_sources(page, base_url):
    page.goto(f"{base_url}/{PAGE}")
    page.locator("#ref-golden").click()
    page.emulate_media(media="print")
    assert page.locator(".footnotes").is_visible()
    assert page.locator("#fn-golden mark").first.is_visible()
    assert not page.locator(".cite-panel").is_visible()
    assert not page.locator(".site-header nav").is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
