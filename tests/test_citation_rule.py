"""The one-step citation-definition rule must read every page exactly as the footnote
plugin alone does: same claims, references, definitions (lines, extents, raw text),
same kept tokens, same findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factsite import content

from fixture_format import read_cases

HERE = Path(__file__).parent
FAST = content.make_parser()
PLAIN = content.make_parser()
PLAIN.disable(["citation_definition", "early_footnote_ref", "unclosable_bracket"])


def reading(md, text: str):
    saved = content._MD
    content._MD = md
    try:
        found: list = []
        page = content.parse_page(text, "content/x.md", "x", found)
    finally:
        content._MD = saved
    return (
        page.meta,
        [(c.anchor, c.line, c.text, [(r.label, r.line, r.column) for r in c.refs], c.editorial, c.attrs)
         for c in page.claims],
        [(r.label, r.line, r.column) for r in page.refs],
        [(d.label, d.line, d.raw, d.is_citation, d.parsed, d.error and d.error.message, d.duplicate_of, d.end_line)
         for d in page.all_definitions],
        [(t.type, t.map, t.content, t.attrs, t.level) for t in page.body],
        {label: [(t.type, t.map, t.content, t.attrs, t.level) for t in tokens] for label, tokens in page.notes.items()},
        found,
    )


def test_the_rule_is_used():
    tokens = FAST.parse('A claim.[^a]\n\n[^a]: ians#p3 "words"\n')
    assert [t.type for t in tokens][-2:] == ["footnote_reference_open", "footnote_reference_close"]
    assert tokens[-2].map == [2, 3]


def _real_pages() -> list:
    pages = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((HERE / "fixtures" / "explainer-site" / "content").glob("*.md"))]
    for path in sorted((HERE / "fixtures").glob("*.txt")):
        for case in read_cases(path):
            for name, body in case.files.items():
                if name.startswith("content/") and isinstance(body, str):
                    pages.append((f"{case.name}: {name}", body))
    return pages


REAL = _real_pages()


def test_fixture_pages_are_read():
    assert len(REAL) > 30


@pytest.mark.parametrize("name,text", REAL, ids=[n for n, _ in REAL])
def test_same_reading_of_real_pages(name, text):
    assert reading(FAST, text) == reading(PLAIN, text)


LINES = st.sampled_from([
    "", "", "   ", "A claim.[^a]", "Another claim.[^b] and[^c]", "{.editorial}", "lazy text after",
    '[^a]: ians#p3 "quoted words"', "[^b]: ians#p1-2", '[^c]: ians#p2 "x"; bbc#p4 "y" -- a note',
    "[^a]:ians#p3", '[^b]:   ians#p3 "z"', '[^c]:    ians#p3 "four spaces"', "[^d]:\tians#p3",
    '   [^e]: ians#p9 "indented three"', '    [^f]: ians#p9 "indented four"', "[^g]: a plain note",
    "[^h]: >ians#p1", "[^i]: - ians#p1", "[^j]: ```x#p1", "[^k]: # ians#p1", "[^ l]: ians#p1", "[^]: ians#p1",
    "    an indented continuation", "        deeper", "- a list item[^a]", "> quoted[^b]", "## Heading",
    "---", "===", "| a | b |", "|---|---|", "```", "<div>", "[^a]: ians#p3 \"unterminated",
    "Claim[^a](http://x.org) text", "[^a][b] and [^c][] and [^d]", "see [a link [^a]](http://y.org)",
    "[^b]: http://example.org/ref", "[b]: http://example.org/ref", "[^a b] [^] [^a", "*[^a]* `[^b]` [^c]!",
])


COMMON = st.sampled_from(["", "", '[^a]: ians#p3 "quoted words"', "[^b]: ians#p1-2", "    an indented continuation",
                          "lazy text after", "A claim.[^a]", "        deeper", "   ", "- a list item[^a]"])


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(COMMON, LINES), max_size=12))
def test_same_reading_of_random_pages(lines):
    text = "---\ntitle: T\n---\n" + "\n".join(lines) + "\n"
    assert reading(FAST, text) == reading(PLAIN, text)


# v2: a `[` that nothing can close is read as text in one step, in long inline runs
# (the guard starts at 1,024 characters): same reading as without the rule, and the
# page of unclosed `[^` openers never reaches the link rule at all (linear time).

BRACKETY = st.sampled_from(["[", "]", "[^a", "[^a]", "[^a]:", "(", ")", " ", "\n", "x", "\\[", "\\]", "`", "<",
                            "[^a b]", "[^]", "[x](y)", "![i](j)", "[^", "]("])


@settings(max_examples=300, deadline=None)
@given(st.lists(BRACKETY, min_size=1, max_size=120), st.lists(BRACKETY, max_size=30))
def test_same_reading_of_long_bracket_runs(head, tail):
    text = "---\ntitle: T\n---\n\nClaim " + "".join(head) + "y" * 1100 + "".join(tail) + "\n\n[^a]: a#p1\n"
    assert reading(FAST, text) == reading(PLAIN, text)


def test_unclosed_openers_never_reach_the_link_rule():
    md = content.make_parser()
    calls = {"link": 0}
    original = md.inline.ruler.__rules__[md.inline.ruler.__find__("link")].fn

    def counted(state, silent):
        calls["link"] += state.src[state.pos] == "["  # (every rule is asked at each `^` too)
        return original(state, silent)

    md.inline.ruler.at("link", counted)
    for body in ("[^" * 12000, "[^a " * 6000, "x [^ab]( [^" * 2000):
        calls["link"] = 0
        text = "---\ntitle: T\n---\n\n" + body + "\n"
        assert reading(md, text)[1]  # read as a claim
        assert calls["link"] <= body.count("]")  # only where a `]` can close a link
