"""Sources and sites in other languages, without a browser: direction and script
detection, the message catalogues, locale numbers and dates, non-Latin slugs, bidi
isolation, and the Persian fixture site checked clean (issue 22)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from factsite.bidi import isolate
from factsite.cli import main
from factsite.i18n import ENGINE_LOCALES, Formats, count_words, translations
from factsite.independence import count_words as english_count_words
from factsite.script import direction, guess_script
from factsite.slug import AnchorSet, slugify, url_path

PERSIAN_SITE = Path(__file__).resolve().parent / "fixtures" / "persian-site"
REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("tag, expected", [
    ("fa", "rtl"), ("ps-AF", "rtl"), ("ar", "rtl"), ("ur", "rtl"), ("he", "rtl"), ("ckb", "rtl"),
    ("ku-Arab", "rtl"), ("pa-Arab", "rtl"), ("az-Latn", "ltr"), ("en", "ltr"), ("de-CH", "ltr"), ("", "ltr"),
    (None, "ltr"),
])
def test_direction_of_a_language_tag(tag, expected):
    assert direction(tag) == expected


@pytest.mark.parametrize("text, script, language, way", [
    ("شهرداری هرات روز دوشنبه اعلام کرد که کار آغاز می‌شود", "Arabic", "fa", "rtl"),
    ("د کابل ښار والي وویل چې کار پیلېږي", "Arabic", "ps", "rtl"),
    ("قال المتحدث باسم الحكومة إن العمل سيبدأ", "Arabic", "ar", "rtl"),
    ("حکومت نے کہا کہ کام شروع ہوگا اور بڑے", "Arabic", "ur", "rtl"),
    ("הממשלה הודיעה היום", "Hebrew", "he", "rtl"),
    ("The council said on Monday", "Latin", None, "ltr"),
])
def test_script_guess(text, script, language, way):
    guess = guess_script(text)
    assert (guess.script, guess.language, guess.direction) == (script, language, way)


def test_no_letters_no_guess():
    assert guess_script("12, 13 -- 2025") is None


def _messages(path: Path) -> dict:
    with path.open("rb") as f:
        return {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(f) if m.id}


def test_the_catalogue_template_lists_every_string_of_the_templates(tmp_path):
    """A string added to a template without `pybabel extract` fails here (and would
    show in English on a Persian site)."""
    out = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run([str(pybabel), "extract", "-F", str(ENGINE_LOCALES / "babel.cfg"), "--no-location",
                    "--sort-output", "--omit-header", "-o", str(out), "."], cwd=REPO, check=True,
                   capture_output=True)
    assert set(_messages(out)) == set(_messages(ENGINE_LOCALES / "messages.pot"))


@pytest.mark.parametrize("language", ["fa", "en"])
def test_every_string_is_translated_with_the_same_placeholders(language):
    wanted = _messages(ENGINE_LOCALES / "messages.pot")
    have = _messages(ENGINE_LOCALES / language / "LC_MESSAGES" / "messages.po")
    assert set(have) == set(wanted)
    for msgid, m in have.items():
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(strings), msgid
        for s in strings:
            assert sorted(re.findall(r"%\(\w+\)s", s)) == sorted(re.findall(r"%\(\w+\)s", msgid)), msgid
            assert sorted(re.findall(r"</?\w+", s)) == sorted(re.findall(r"</?\w+", msgid)), msgid


def test_persian_numbers_and_dates_english_unchanged():
    fa, en = Formats("fa"), Formats("en")
    assert fa.number(1234) == "۱٬۲۳۴"
    assert fa.number(6) == "۶"
    assert fa.date("2025-03-05") == "۵ مارس ۲۰۲۵"  # Gregorian, in Persian words and digits
    assert fa.date("2025-03-05T10:00:00Z") == "۵ مارس ۲۰۲۵"
    assert (en.number(1234), en.date("2025-03-05T10:00:00Z")) == ("1234", "2025-03-05")
    assert Formats("ar").number(12) in ("12", "١٢")  # whatever CLDR says Arabic uses
    assert Formats("ps").number(12) == "۱۲"


def test_counts_read_in_english_as_before_and_in_persian():
    en, fa = translations(PERSIAN_SITE, "en"), translations(PERSIAN_SITE, "fa")
    for sources in range(5):
        for independent in range(1, sources + 1):
            assert count_words(en, Formats("en"), sources, independent) == english_count_words(sources, independent)
    assert count_words(fa, Formats("fa"), 3, 2) == "۳ منبع، ۲ مستقل"
    assert count_words(fa, Formats("fa"), 2, 2) == "۲ منبع مستقل"


def test_a_projects_catalogue_wins_and_a_language_without_one_reads_english(tmp_path):
    po = tmp_path / "locale" / "fa" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
                  'msgid "Sources"\nmsgstr "سرچشمه‌ها"\n', encoding="utf-8")
    fa = translations(tmp_path, "fa-AF")
    assert fa.gettext("Sources") == "سرچشمه‌ها"  # the project's own word
    assert fa.gettext("Explainers") == "توضیح‌نامه‌ها"  # the rest from the engine's catalogue
    assert translations(tmp_path, "de").gettext("Explainers") == "Explainers"


@pytest.mark.parametrize("text, slug", [
    ("شهرداری هرات می‌گوید کار لوله‌کشی آب", "شهرداری-هرات-میگوید-کار-لولهکشی-آب"),  # ZWNJ dropped
    ("هزینهٔ طرح ۱۲۰ میلیون افغانی", "هزینه-طرح-120-میلیون-افغانی"),  # hamza mark dropped, ASCII digits
    ("قالَ المُتحدِّث", "قال-المتحدث"),  # harakat dropped, letters as written
    ("The council’s vote in کابل", "the-councils-vote-in-کابل"),  # Latin as before, Persian kept
    ("Привет, Мир", "привет-мир"),
    ("Café owners say “no”", "cafe-owners-say-no"),
])
def test_non_latin_slugs_are_readable_unicode(text, slug):
    assert slugify(text, 6) == slug


def test_non_latin_anchors_are_unique_and_url_valid():
    anchors = AnchorSet()
    first = anchors.take(slugify("طالبان می‌گویند", 6))
    second = anchors.take(slugify("طالبان میگویند", 6))
    assert (first, second) == ("طالبان-میگویند", "طالبان-میگویند-2")
    assert not re.search(r"[\s\u200c\u200f\u200e]", first)
    assert url_path("آب-هرات.html") == "%D8%A2%D8%A8-%D9%87%D8%B1%D8%A7%D8%AA.html"
    assert url_path("sources/x.html") == "sources/x.html"


def test_isolation_wraps_the_other_directions_runs_only():
    assert isolate("says «طالبان می‌گویند» 25 times & more", "ltr") == \
        "says «<bdi>طالبان می‌گویند</bdi>» 25 times &amp; more"
    assert isolate("سخنگو به BBC News گفت ۲۵ بار", "rtl") == "سخنگو به <bdi>BBC News</bdi> گفت ۲۵ بار"
    assert isolate("plain <b> text", "ltr") == "plain &lt;b&gt; text"
    assert isolate("فقط فارسی", "rtl") == "فقط فارسی"


def test_sources_command_says_the_detected_script(project):
    root = project({
        "sources/herat.txt": (PERSIAN_SITE / "sources" / "shahrdari-herat.txt").read_text(encoding="utf-8"),
        "sources/herat.yml": "title: آغاز لوله‌کشی آب\n",
        "sources/wire.txt": "The council said on Monday that work would start.\n",
        "sources/wire.yml": "title: Wire\nlanguage: en\n",
    })
    for sid, line in [("herat", "  language: not given; detected Arabic script (100% of letters), probably fa, rtl"),
                      ("wire", "  language: en (from the sidecar), left to right")]:
        out = io.StringIO()
        with redirect_stdout(out):
            assert main(["--root", str(root), "sources", sid]) == 0
        assert any(got.startswith(line) for got in out.getvalue().splitlines()), out.getvalue()


def test_the_persian_fixture_site_checks_clean(tmp_path):
    root = shutil.copytree(PERSIAN_SITE, tmp_path / "fa")
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["--root", str(root), "--check"])
    assert code == 0, out.getvalue()
    assert "6 claims and 6 citations: no findings" in out.getvalue()


# the words a Persian page must not show: the relations' and the preview's English ones
ENGLISH_RELATION_WORDS = re.compile(r"one origin|one story|rel(?:y|ies|ied) on|same story|declared|detected| and \d")


def test_a_persian_site_words_relations_json_ld_and_the_preview_in_persian(tmp_path):
    """The fixture's wire report relies on the municipality (its sidecar), and one note
    cites both: the panel's origin label, the sources index's summary and the source
    pages' relations come from the catalogue, as do the preview's "and N more" and the
    JSON-LD's language."""
    import json

    from bs4 import BeautifulSoup
    from rtl_sites import PERSIAN_PAGE, build_persian_site

    site = build_persian_site(tmp_path)

    def soup(name):
        return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")

    page = soup(PERSIAN_PAGE)
    assert [p.get_text() for p in page.select(".origin-label")] == ["شهرداری هرات و Example Wire: یک خاستگاه"]
    assert page.body["data-t-more"] == "و %(num)s مورد دیگر"
    assert any(a["title"].startswith("shahrdari-herat، wire-report (") for a in page.select(".source-count"))
    reviews = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    assert reviews and all(r["inLanguage"] == "fa" for r in reviews)
    index = soup("sources/index.html")
    assert [td.get_text() for td in index.select('td[data-label="پیوندها"]')] == [
        "منبعِ wire-report (اعلام‌شده)", "تکیه دارد بر shahrdari-herat (اعلام‌شده)"]
    wire = soup("sources/wire-report.html")
    assert wire.select_one(".relations li").get_text() == "تکیه دارد بر shahrdari-herat (اعلام‌شده)"
    for name in (PERSIAN_PAGE, "sources/index.html", "sources/wire-report.html", "sources/shahrdari-herat.html"):
        assert not ENGLISH_RELATION_WORDS.search(soup(name).get_text()), name


def test_detected_links_read_in_persian_and_in_english_as_the_findings_say():
    from gettext import NullTranslations

    from factsite.independence import SAME_STORY, Link
    from factsite.relation_words import evidence, how, phrase

    fa = translations(PERSIAN_SITE, "fa")
    said = "4 paragraphs align in order, e.g. a#p1 ~ b#p1, a#p2 ~ b#p2"
    link = Link("b", SAME_STORY, False, said, seen=(True, 4, ("a#p1 ~ b#p1", "a#p2 ~ b#p2")))
    assert (phrase(fa, link), how(fa, link)) == ("همان گزارشِ", "شناسایی‌شده")
    assert evidence(fa, Formats("fa").number, link) == "۴ بند به همان ترتیب با هم می‌خوانند، برای نمونه a#p1 ~ b#p1، a#p2 ~ b#p2"
    assert evidence(NullTranslations(), Formats("en").number, link) == said
