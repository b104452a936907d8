"""What source pages list of the claims citing them (factsite/citedby.py)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from factsite.citedby import Texts
from sitebuild import build, copy_sample

# any code point, lone surrogates included
any_text = st.text(st.characters(codec=None, exclude_categories=()))


@given(st.lists(st.tuples(any_text, any_text), max_size=20), st.lists(st.tuples(any_text, any_text), max_size=5))
@example([("claim-1", "Naïve café ‘quoted’ 😀"), ("", "")], [("a\ud800", "\udfff b")])
def test_packed_claims_come_back_as_they_were(first, second):
    texts = Texts()
    at = texts.add_claims(first), texts.add_claims(second)
    texts.seal()
    assert at == (0, len(first))
    assert [tuple(texts.claim(k)) for k in range(len(first) + len(second))] == first + second


def test_a_source_page_lists_a_claim_in_any_script(tmp_path):
    """The listed claim's text, packed into one string for the source pages' workers, is shown as written."""
    root = copy_sample(tmp_path / "project")
    page = root / "content" / "national-consensus.md"
    claim = "The Afghanistan National Movement for Peace and Justice, reportedly part of the agreement, is led by Hanif Atmar."
    text = page.read_text(encoding="utf-8")
    assert claim in text
    page.write_text(text.replace(claim, "Ḥanīf Atmar (حنیف اتمر) leads <the> movement 😀."), encoding="utf-8")
    assert build(root, tmp_path / "site") == 0
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "site" / "sources").glob("*.html")]
    # (the Persian words isolated from the English around them: issue 22)
    assert sum("Ḥanīf Atmar (<bdi>حنیف اتمر</bdi>) leads &lt;the&gt; movement 😀." in p for p in pages) >= 1
