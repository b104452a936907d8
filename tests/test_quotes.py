"""Normalization and matching rule by rule (tests/fixtures/quotes.yml), plus properties."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factsite.quotes import EmptyQuote, compile_quote, find_quote, normalize, normalize_with_map

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "quotes.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("raw,expected", CASES["normalize"])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("case", CASES["match"], ids=[c["quote"] for c in CASES["match"]])
def test_match(case):
    found = find_quote(compile_quote(case["quote"]), normalize_with_map(case["text"]))
    assert (found is not None) == case["found"]


def test_marks_point_at_the_original_words():
    text = "They call it a “golden   opportunity” for peace."
    spans = find_quote(compile_quote("golden opportunity"), normalize_with_map(text))
    assert [text[s:e] for s, e in spans] == ["golden   opportunity"]


def test_marks_of_an_omission_are_its_parts():
    text = "The three groups, meeting online, agreed."
    spans = find_quote(compile_quote("The three groups ... agreed"), normalize_with_map(text))
    assert [text[s:e] for s, e in spans] == ["The three groups", "agreed"]


@pytest.mark.parametrize("quote", ["", "   ", "...", "[…]", "... [...] ..."])
def test_empty_quotes_are_refused(quote):
    with pytest.raises(EmptyQuote):
        compile_quote(quote)


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_normalization_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(TEXT, st.data())
def test_a_quote_cut_from_a_paragraph_is_found_there(text, data):
    norm = normalize(text)
    words = norm.split(" ")
    if not any(w.strip(".[]…") for w in words):
        return
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i + 1, len(words)))
    quote = " ".join(words[i:j])
    if "[" in quote or "..." in quote or not quote.strip():
        return  # markers would change the meaning of the cut
    try:
        pattern = compile_quote(quote)
    except EmptyQuote:
        return
    assert find_quote(pattern, normalize_with_map(text)) is not None


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_joined_normalization_equals_normalizing_the_joined_text(texts):
    from factsite.quotes import join_normalized
    from factsite.sources.whitespace import squash

    texts = [squash(t) for t in texts]
    joined = join_normalized([normalize_with_map(t) for t in texts], [len(t) for t in texts])
    whole = normalize_with_map(" ".join(texts))
    assert joined.text == whole.text


ASCII_WORDS = st.lists(st.sampled_from(["the", "council", "met", "on", "Tuesday", "in", "Kabul", "golden", "peace",
                                         "a", "opportunity", "said", "-", "—", "“x”", "it’s"]), min_size=3, max_size=30)


@settings(max_examples=500, deadline=None)
@given(ASCII_WORDS, st.data())
def test_a_quote_with_a_changed_letter_is_not_found_where_it_is_not(words, data):
    text = " ".join(words)
    norm = normalize(text)
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i + 1, len(words)))
    quote = " ".join(words[i:j])
    letters = [k for k, ch in enumerate(quote) if ch.isascii() and ch.isalpha()]
    if not letters:
        return
    k = data.draw(st.sampled_from(letters))
    new = data.draw(st.sampled_from([c for c in "bcdfghjkmnpqvwxz" if c != quote[k].lower()]))
    changed = quote[:k] + new + quote[k + 1:]
    target = normalize(changed)
    variants = {target, target[:1].swapcase() + target[1:]}
    if any(v in norm for v in variants):
        return  # the changed quote really stands in the text
    assert find_quote(compile_quote(changed), normalize_with_map(text)) is None


@settings(max_examples=1000, deadline=None)
@given(st.one_of(TEXT, ASCII_WORDS.map(" ".join)))
def test_the_fast_path_normalizes_exactly_like_the_slow_one(text):
    from factsite.quotes import _fast, normalize_slowly

    fast = _fast(text)
    slow = normalize_slowly(text)
    if fast is not None:
        assert fast.text == slow.text
        assert [fast.original_span(i, i + 1) for i in range(len(fast.text))] == [
            slow.original_span(i, i + 1) for i in range(len(slow.text))]


# A quote part with insertions is found without compiling a regex per quote: it must
# find what the regex of the same part finds (same spans, same end), and nothing else.
PART_WORDS = st.sampled_from(["a", "b", "ab", "A", "ba", "c"])
PART_BITS = st.one_of(PART_WORDS, st.just(" "), st.just("[x]"), st.just("[]"))
HAYSTACK = st.one_of(
    st.text(alphabet="abAc [x]", max_size=160),
    st.lists(st.one_of(PART_WORDS, st.just(" "), st.just("  "), st.just(" b ")), max_size=40).map("".join),
)


def _insertion_part(bits: list[str]) -> str:
    from factsite.quotes import _INSERTION

    part = " ".join(" ".join(bits).split())  # as compile_quote sees it: normalized, stripped
    return part if _INSERTION.search(part) else part + " [x]"


@settings(max_examples=3000, deadline=None)
@given(st.lists(PART_BITS, min_size=1, max_size=7), HAYSTACK, st.integers(min_value=0, max_value=170))
@example(["a", "[x]", "b"], "a b b", 0)  # both gap forms fit: the longer one is tried first
@example(["a", " [x]b"], "a b ab", 0)
@example(["a", "[x]", "[x]", "b"], "a bb b ab", 0)
def test_insertion_parts_are_found_as_their_regex_finds_them(bits, text, pos):
    import re

    from factsite.quotes import GapPart, _part_elements, _regex_of

    elements, _words = _part_elements(_insertion_part(bits))
    regex = re.compile(_regex_of(elements), re.DOTALL)
    got, want = GapPart(elements).search(text, pos), regex.search(text, pos)
    assert (got is None) == (want is None)
    if want is not None:
        assert got.end() == want.end()
        assert [got.span(g) for g in range(1, regex.groups + 1)] == [want.span(g) for g in range(1, regex.groups + 1)]


def test_insertion_gaps_are_bounded():
    from factsite.quotes import MAX_INSERTION

    pattern = compile_quote("the [long] talks")
    near = normalize_with_map("the " + "x" * (MAX_INSERTION - 2) + " talks")
    far = normalize_with_map("the " + "x" * (MAX_INSERTION + 1) + " talks")
    assert find_quote(pattern, near) == [(0, 3), (near.text.index("talks"), len(near.text))]
    assert find_quote(pattern, far) is None
