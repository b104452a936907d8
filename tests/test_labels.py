"""The loops' labels (factsite/labels.py) render exactly what the `_()` and `ngettext()`
calls they replace rendered, in every language we ship, so moving a word out of a loop
never changes a byte; and the English `num` filter writes what `str` writes."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import Environment
from markupsafe import Markup

from factsite.i18n import Formats, install, translations
from factsite.labels import Labels

ROOT = Path(__file__).resolve().parent / "fixtures" / "persian-site"  # (only its locale/ is read)

WORDS = {
    "citation": "Citation", "our_rating": "Our rating:", "sources_differ": "Sources differ", "analysis": "Analysis",
    "comma": ", ", "one_origin": "(one origin)", "semicolon": "; ", "link_to_claim": "Link to this claim",
    "checked_by_hand": "Checked by hand",
    "checked_by_hand_note": "An editor checked this claim against its sources by hand:",
    "checked_by_hand_colon": "Checked by hand:", "editors_note": "Editor's note:", "paragraph": "Paragraph",
    "original": "Original", "archived_copy": "Archived copy", "back_to_text": "Back to text",
    "back_to_text_colon": "Back to text:", "mention": "mention", "dot": " · ",
}
FORMS = {
    "paragraph_of": ("%(title)s, paragraph %(num)s", {"title": "<Tom & Jerry's>", "num": "12"}),
    "note_number": ("Note %(num)s", {"num": "3"}),
    "claims_citing": ("Claims citing paragraph %(num)s", {"num": "7"}),
    "in_title": ("in %(title)s", {"title": 'A "quoted" <b>title</b>'}),
}


def _env(language: str) -> Environment:
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    install(env, ROOT, language)
    return env


@pytest.mark.parametrize("language", ["en", "fa"])
def test_each_label_renders_as_the_gettext_call_it_replaces(language):
    env = _env(language)
    for name, msgid in WORDS.items():
        old = env.from_string("{{ _(msgid) }}").render(msgid=msgid)
        new = env.from_string("{{ label }}").render(label=getattr(env.globals["labels"], name))
        assert new == old, name
    for name, (msgid, values) in FORMS.items():
        old = env.from_string("{{ _(msgid, **values) }}").render(msgid=msgid, values=values)
        new = env.from_string("{{ form % values }}").render(form=getattr(env.globals["labels"], name), values=values)
        assert new == old, name
    if language == "fa":  # (a translated site: the labels are not the English msgids)
        assert str(env.globals["labels"].paragraph) != "Paragraph"


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("count", [0, 1, 2, 1234])
def test_counted_claims_read_as_ngettext_did(language, count):
    env = _env(language)
    old = env.from_string('{{ ngettext("%(num)s claim", "%(num)s claims", count, num=count | num) }}')
    new = env.from_string("{{ labels.n_claims[count] }}")
    assert new.render(count=count) == old.render(count=count)


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("title", ["<Tom & Jerry's>", "Plain title", "گزارش Kabul", Markup("<b>marked</b>")])
def test_label_filters_read_as_the_forms_they_fill(language, title):
    """`paragraph_label` and `in_title` remember each title's label: the same bytes as
    the form filled in the template, twice over (the second from memory)."""
    env = _env(language)
    citation = SimpleNamespace(source=SimpleNamespace(title=title), locator="ians#p12-13")
    old = env.from_string('''{{ labels.paragraph_of % {"title": c.source.title, "num": c.locator.split('#p', 1)[1] | num} }}
{{ labels.in_title % {"title": c.source.title | isolate} }}''')
    new = env.from_string("{{ c | paragraph_label }}\n{{ c.source.title | in_title }}")
    for _ in range(2):
        assert new.render(c=citation) == old.render(c=citation)


def test_english_num_is_str_and_persian_keeps_its_digits():
    assert _env("en").filters["num"] is str
    fa = Formats("fa")
    assert _env("fa").filters["num"](1234) == fa.number(1234) == "۱٬۲۳۴"


def test_labels_are_read_only():
    labels = Labels(translations(ROOT, "en"), str)
    with pytest.raises(AttributeError):
        labels.paragraph = "changed"
