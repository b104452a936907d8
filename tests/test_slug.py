"""Anchors and file names from text: the shortcut for a claim's first words gives the
same slug as reading the whole text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factsite.slug import AnchorSet, slugify


def whole_text_slug(text: str, max_words: int = 0) -> str:
    """The definition: every word of the whole text, then the first `max_words`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_text.lower()) if w]
    return "-".join(words[:max_words] if max_words else words)


WORDY = st.text(alphabet=st.sampled_from(list("abcXYZ019 .,-—'\t\n\x1c\x1fé\u00a0\u1680ﬁ")), max_size=80)


@settings(max_examples=2000, deadline=None)
@given(WORDY, st.integers(min_value=0, max_value=8))
@example("U.S.-led talks -- on 3 fronts", 6)
@example("-- -- a b c d e f g", 6)
@example("a\u1680b c d e f g h", 6)
def test_slug_is_the_first_words_of_the_whole_text(text, max_words):
    assert slugify(text, max_words) == whole_text_slug(text, max_words)


def test_slug_examples():
    assert slugify("Café owners say “no”, again!", 3) == "cafe-owners-say"
    assert slugify("The U.S.-led talks broke down on Friday night", 6) == "the-u-s-led-talks-broke"
    assert slugify("   ") == ""


def test_anchor_set_suffixes_collisions():
    anchors = AnchorSet({"a"})
    assert [anchors.take("a"), anchors.take("a"), anchors.take(""), anchors.take("", "fallback")] == \
        ["a-2", "a-3", "x", "fallback"]
