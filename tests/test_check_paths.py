"""The checker's slow paths, made linear and cached (SPEC v2 section 5): a range is
searched in the source's joined paragraphs, built once per source; a missing quote
costs one search of a source, not one per paragraph and per 2- and 3-paragraph window.
Work is counted (calls), never timed."""

from __future__ import annotations

from factsite import check
from factsite.quotes import compile_quote
from factsite.project import load_project
from factsite.sources import joined


def _page(notes: list[str]) -> str:
    refs = "".join(f"[^n{i}]" for i in range(len(notes)))
    return "---\ntitle: T\n---\n\nClaim." + refs + "\n\n" + "\n".join(
        f"[^n{i}]: {note}" for i, note in enumerate(notes)) + "\n"


def _count(monkeypatch, module, name):
    calls = {"n": 0}
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls["n"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_wide_ranges_are_joined_once_per_source(project, monkeypatch):
    source = "".join(f"Line {i} of the wide source.\n" for i in range(1, 3001))
    notes = [f'wide#p1-2999 "Line {i * 50} of the wide"' for i in range(1, 40)]
    notes.append('wide#p2-3 "source. Line 3 of"')
    root = project({"sources/wide.txt": source, "content/p.md": _page(notes)})
    builds = _count(monkeypatch, joined.JoinedParagraphs, "__init__")
    p = load_project(root, jobs=1)
    assert [d.code for d in p.diagnostics] == []
    assert builds["n"] == 1
    # the words marked in each paragraph of a range, from the joined text's spans
    marks = check.locate(compile_quote("source. Line 3 of"), p.sources["wide"], 2, 3)
    assert marks == {2: [(19, 26)], 3: [(0, 9)]}
    assert check.locate(compile_quote("source. Line 3 of"), p.sources["wide"], 3, 4) is None


def test_a_missing_quote_is_one_search_of_a_big_source(project, monkeypatch):
    source = "".join(f"Paragraph {i} says the council met on day {i}.\n" for i in range(1, 5001))
    notes = ['big#p1 "words that stand nowhere"', 'big#p7 "met on day 4999"', 'big#p1 "day 17. Paragraph 18"']
    root = project({"sources/big.txt": source, "content/p.md": _page(notes)})
    p = load_project(root, jobs=1)
    got = sorted((d.code, d.hint) for d in p.diagnostics)
    assert got == [("quote-elsewhere", "cite big#p17-18"), ("quote-elsewhere", "cite big#p4999"),
                   ("quote-not-found", got[2][1])]
    searches = _count(monkeypatch, check, "find_quote")
    assert check.find_elsewhere(compile_quote("words that stand nowhere"), p.sources["big"], range(1, 2)) == []
    assert searches["n"] == 1  # the whole source, once: no paragraph, no window rebuilt
