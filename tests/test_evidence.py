"""Evidence checks (SPEC section 6) as pure functions: properties and bad input.
The fixture cases (tests/fixtures/evidence.txt) test each code both ways."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import write_project
from factsite.accepts import parse_accepts
from factsite.diagnostics import EVIDENCE_CODES
from factsite.evidence import CODES, Cited, alias_index, check_claim, page_words
from factsite.evidence_words import HEDGE_ANY, REPORT_ANY
from factsite.project import load_project
from factsite.quotes import normalize_with_map

PLAIN = ["the", "council", "met", "in", "a", "statement", "leaders", "talks", "agreement", "crisis", "and", "of",
         "with", "for", "new", "peace", "on", "at", "people", "after"]
NAMES = ["Kabul", "Ahmad Massoud", "Ata Mohammad Noor", "Tehran", "National Assembly for Salvation", "IANS", "UN",
         "Taliban's", "Council of Elders"]
NUMBERS = ["1,500", "three", "40%", "40 per cent", "1.5 million", "2025", "a dozen", "12", "twenty", "3.5"]
DATES = ["Tuesday", "December", "on Monday", "May 5"]
HEDGES = ["may", "could", "reportedly", "expected to", "would", "likely", "plans to"]
REPORTING = ["said", "according to", "warned", "told", "denied", "announces"]
NEGATIONS = ["not", "never", "didn't", "no", "without"]


def _cited(paragraph: str, quote: str | None = None, marks: tuple = ()) -> Cited:
    return Cited("s#p1", "s", ((1, paragraph, normalize_with_map(paragraph)),), (), quote, marks)


def _signals(phrase: str) -> bool:
    """Does the phrase hold a hedge or a reporting word (a random word may be one:
    "Add", "plans"), or the "to" of "expected to"? The claim keeps it."""
    return any(w in HEDGE_ANY or w in REPORT_ANY or w == "to" for w in phrase.lower().split())


phrase = st.one_of(
    st.sampled_from(PLAIN), st.sampled_from(NAMES), st.sampled_from(NUMBERS), st.sampled_from(DATES),
    st.sampled_from(HEDGES), st.sampled_from(REPORTING), st.sampled_from(NEGATIONS),
    st.from_regex(r"[a-z]{2,9}", fullmatch=True), st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(phrases=st.lists(phrase, min_size=1, max_size=25), keep=st.lists(st.booleans(), min_size=25, max_size=25),
       quoted=st.booleans())
def test_a_claim_made_of_its_cited_sentence_words_never_fires(phrases, keep, quoted):
    """A claim of words (phrases) of its cited sentence, in order, keeping every hedge
    and reporting verb, says nothing its evidence does not: no finding."""
    sentence = " ".join(phrases) + "."
    kept = [p for p, k in zip(phrases, keep) if k or _signals(p)]
    if not kept:
        kept = phrases[:1]
    claim = " ".join(kept) + "."
    marks = ((1, ((0, len(sentence) - 1),)),) if quoted else ()
    cited = _cited(sentence, sentence[:-1] if quoted else None, marks)
    assert check_claim(claim, [cited], {}, page_words([claim])) == []


def test_every_code_is_shown_as_accepted_info_only_under_json():
    assert CODES == EVIDENCE_CODES


def test_accepts_parse_codes_reasons_and_problems():
    accepts, problems = parse_accepts("hedge-dropped: conditional; in all reports;attribution-dropped:  x ; bogus: y")
    assert [tuple(a) for a in accepts] == [("hedge-dropped", "conditional; in all reports"), ("attribution-dropped", "x")]
    assert problems and "bogus" in problems[0]
    assert parse_accepts(None) == ([], [])


def test_aliases_pair_words_both_ways():
    index = alias_index((("Atta Mohammad Noor", ("Ata Mohammad Nur",)), ("Qarluq", ("Karluk", "Qarluk"))))
    assert index["atta"] == ("ata",) and index["ata"] == ("atta",) and index["noor"] == ("nur",)
    assert "mohammad" not in index
    assert index["qarluq"] == ("karluk", "qarluk")


BAD_TEXTS = [
    "",
    " ",
    "word " * 100_000,  # (against the short texts only: see BIG)
    "مجلس ملی در کابل روز سه‌شنبه ۱۵۰۰ نفر را گرد آورد",
    "שלום עולם 1,500",
    "The council 🎉🎉 met 👍🏽 on Tuesday 🇦🇫.",
    "lone \ud800 surrogate \udfff Atta 1,500",
    "...",
    "1" * 5000,
    "May May May 5 May",
    "\u202eevil\u202c Atta",
    "".join(chr(c) for c in range(0x20, 0x3000, 7)),
]


def test_bad_claim_and_source_text_gives_findings_never_a_traceback():
    big = [t for t in BAD_TEXTS if len(t) > 100_000]
    cited = [(source, _cited(source), _cited(source, source[:20], ((1, ((0, min(len(source), 20)),)),)))
             for source in BAD_TEXTS]
    for claim in BAD_TEXTS:
        words = page_words([claim])
        for source, whole, quoted in cited:
            if claim in big and source in big:
                continue  # (each is tried against every other text; both at once only costs time)
            for c in (whole, quoted):
                findings = check_claim(claim, [c], {}, words)
                assert all(f.code in CODES and f.message for f in findings)
                json.dumps([f.message for f in findings])  # (a message a JSON printer can write)


def test_a_long_claim_against_a_long_source_stays_linear(tmp_path):
    """100,000 words of source and a 2,000-word claim through the whole check."""
    source = ("The council met on Tuesday in Kabul and said it could act. " * 8000).strip()
    claim = "The council met on Wednesday in Herat with 1,500 people. " * 200
    root = write_project(tmp_path / "p", {
        "sources/a.txt": source + "\n",
        "content/page.md": f"---\ntitle: T\n---\n\n{claim.strip()}[^a]\n\n[^a]: a#p1 \"The council met on Tuesday\"\n",
    })
    codes = {d.code for d in load_project(root).diagnostics}
    assert {"unsupported-number", "unsupported-date", "unsupported-name", "hedge-dropped",
            "attribution-dropped"} <= codes


ACCEPTED_PAGE = """---
title: T
---

{checked="hedge-dropped: the statement is conditional in all five reports"}
The groups warn that failure will have serious consequences.[^a]

[^a]: a#p1 "failure could have serious consequences"
"""


def test_an_accept_is_info_in_json_only_and_public_on_the_site(tmp_path, capsys):
    from factsite.cli import main

    root = write_project(tmp_path / "p", {"sources/a.txt": "The groups warn that failure could have serious consequences.\n",
                                          "content/page.md": ACCEPTED_PAGE})
    assert main(["--root", str(root), "--check", "--strict"]) == 0
    assert capsys.readouterr().out == "checked 1 page, 1 claim and 1 citation: no findings\n"
    assert main(["--root", str(root), "--check", "--format", "github"]) == 0
    assert "hedge-dropped" not in capsys.readouterr().out
    assert main(["--root", str(root), "--check", "--format", "json"]) == 0
    [info] = json.loads(capsys.readouterr().out)["diagnostics"]
    assert (info["severity"], info["code"], info["line"]) == ("info", "hedge-dropped", 6)
    assert "the statement is conditional in all five reports" in info["message"]

    out = tmp_path / "site"
    assert main(["--root", str(root), "--out", str(out), "--no-cache"]) == 0
    html = (out / "page.html").read_text(encoding="utf-8")
    assert "Checked by hand" in html and "<code>hedge-dropped</code>: the statement is conditional" in html
    claim = json.loads((out / "provenance.json").read_text(encoding="utf-8"))["pages"][0]["claims"][0]
    assert claim["checked"] == [{"code": "hedge-dropped", "reason": "the statement is conditional in all five reports"}]


def test_changed_aliases_are_not_answered_from_the_cache(tmp_path, capsys):
    """The build cache keeps a page's findings; a new alias must still count."""
    from factsite.cli import main

    root = write_project(tmp_path / "p", {
        "sources/a.txt": "The Council includes Ata Mohammad Noor.\n",
        "content/page.md": "---\ntitle: T\n---\n\nThe Council includes Atta Mohammad Noor.[^a]\n\n[^a]: a#p1\n",
        "site.yml": "title: T\n",
    })
    assert main(["--root", str(root), "--out", str(tmp_path / "site")]) == 0  # (writes the cache)
    assert main(["--root", str(root), "--check"]) == 0
    assert "unsupported-name" in capsys.readouterr().out
    (root / "site.yml").write_text("title: T\naliases:\n  Atta: Ata\n", encoding="utf-8")
    assert main(["--root", str(root), "--check"]) == 0
    assert capsys.readouterr().out == "checked 1 page, 1 claim and 1 citation: no findings\n"


def test_the_date_hint_names_the_first_date_of_the_cited_text():
    """(It named the first of a set before, and so changed from run to run.)"""
    cited = _cited("The council met in March, then in June, in July and in May 2025.")
    [finding] = check_claim("The council met in December.", [cited], {}, page_words(["The council met in December."]))
    assert finding.code == "unsupported-date" and finding.hint == 's#p1 has "March"'


PIECES = ["a", "an", "A", "one", "One", "no one", "one another", "three", "twenty-five", "a dozen", "two hundred",
          "40 per cent", "may", "May", "might", "expected to", "Expected  to", "plans to", "said", "according to",
          "According\tto", "denied", "don't", 'one"s', 'x"one', 'said"', '"would"', "would_", "3would", "council",
          "met", "the", ".", "!", "?", ",", "-", " ", "\n", "1,500", "İt", "ı", "é"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.lists(st.sampled_from([" ", "", ". ", '" ', "-"]),
                                                               min_size=30, max_size=30))
def test_patterns_tried_where_their_words_begin_find_what_a_scan_finds(pieces, gaps):
    """The number, hedge and reporting patterns, tried only where one of their words
    begins (`Reading.marked`), find every match a scan of the whole text finds."""
    from factsite.evidence_hedges import _HEDGE_RE, _REPORT_RE
    from factsite.evidence_numbers import _NOT_A_NUMBER, _NOT_A_NUMBER_STARTS, _NUMBER_WORD, _number_starts
    from factsite.evidence_text import Reading, matches
    from factsite.evidence_words import HEDGE_ANY, REPORT_ANY
    from factsite.quotes import normalize

    text = normalize("".join(p + g for p, g in zip(pieces, gaps)))
    marked = Reading(text).marked
    if marked is None:
        assert any(c in text for c in "İı")  # (the only letters that send a text to the whole scan here)
        return
    # (a number word's pattern is tried at "a"/"an" only before a number word)
    for pattern, starts in ((_NUMBER_WORD, None), (_NOT_A_NUMBER, _NOT_A_NUMBER_STARTS),
                            (_HEDGE_RE, HEDGE_ANY), (_REPORT_RE, REPORT_ANY)):
        positions = _number_starts(marked) if starts is None else [p for p, w in marked if w in starts]
        assert [m.span() for m in matches(pattern, text, positions)] == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "B", " ", "  ", "-", " -", "- ", "'", "`", '"', "\t", "\n", "\r", "\x0b",
                                 "\x0c", "\x1c", "\x1f", "\x00", "\x7f", ".", "3", "\u00ad", "\u2019", "é", "\u200e"]),
                max_size=20))
def test_the_plain_text_normalization_is_normalization(pieces):
    """Normalization's fast path (plain ASCII asked with `in`, not the general pattern)
    gives what normalization character by character gives, on every text."""
    from factsite.normalization import normalize_slowly
    from factsite.quotes import normalize

    text = "".join(pieces)
    assert normalize(text) == normalize_slowly(text).text


def test_the_cost_benchmark_stops_on_a_run_without_its_summary_line(monkeypatch):
    """bench/evidence.py times only checks that ran to their end: a crash (exit 1, no
    count line, as from a python without the dependencies) is no timing."""
    import importlib.util
    import os
    import sys
    from pathlib import Path

    import pytest

    bench = Path(__file__).resolve().parent.parent / "bench"
    monkeypatch.syspath_prepend(str(bench))
    spec = importlib.util.spec_from_file_location("bench_evidence_cost", bench / "evidence.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    env = dict(os.environ)

    def run(code: str):
        return module.timed([sys.executable, "-c", code], env)

    assert run("print('x'); print('0 error(s), 3 warning(s), 0 info'); raise SystemExit(1)")[1] == \
        "0 error(s), 3 warning(s), 0 info"
    assert run("print('checked 2 pages, 3 claims and 4 citations: no findings')")[1].startswith("checked 2 pages")
    for crash in ("import no_such_module_here", "raise SystemExit(1)", "print('checked'); raise SystemExit(3)"):
        with pytest.raises(RuntimeError, match="check failed"):
            run(crash)
