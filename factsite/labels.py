"""The interface words that the per-claim, per-citation and per-paragraph loops of the
templates repeat, translated once per build instead of once per use.

Each `_()` in a template is three context calls, a catalogue lookup and Markup formatting;
in the citation loops that was most of a page's rendering time. A label here is exactly
what `{{ _("...") }}` renders (Jinja's newstyle gettext under autoescape: the translation
as Markup, formatted with its variables); a `form` is the translation not yet formatted,
which the template fills with `%` and a dict, escaping the values as `_()` would. The
msgids are extracted from this file with the templates' (locale/babel.cfg)."""

from __future__ import annotations

import functools
import gettext
from typing import Callable

from markupsafe import Markup


class Labels:
    """The site's labels in its language, read-only; templates use `labels.<name>`."""

    __slots__ = ("citation", "our_rating", "sources_differ", "analysis", "comma", "one_origin", "semicolon",
                 "link_to_claim", "checked_by_hand", "checked_by_hand_note", "checked_by_hand_colon",
                 "editors_note", "paragraph", "original", "archived_copy", "back_to_text", "back_to_text_colon",
                 "mention", "dot", "paragraph_of", "note_number", "claims_citing", "in_title", "n_claims")

    def __init__(self, t: gettext.NullTranslations, number: Callable[[int], str]):
        """`number`: the site's `num` filter (a count in the locale's digits)."""
        def _(msgid: str) -> Markup:
            return Markup(t.gettext(msgid)) % {}

        def form(msgid: str) -> Markup:
            return Markup(t.gettext(msgid))

        set_ = object.__setattr__  # (the instance is read-only afterwards)
        for name, value in {
            "citation": _("Citation"), "our_rating": _("Our rating:"), "sources_differ": _("Sources differ"),
            "analysis": _("Analysis"), "comma": _(", "), "one_origin": _("(one origin)"), "semicolon": _("; "),
            "link_to_claim": _("Link to this claim"), "checked_by_hand": _("Checked by hand"),
            "checked_by_hand_note": _("An editor checked this claim against its sources by hand:"),
            "checked_by_hand_colon": _("Checked by hand:"), "editors_note": _("Editor's note:"),
            "paragraph": _("Paragraph"), "original": _("Original"), "archived_copy": _("Archived copy"),
            "back_to_text": _("Back to text"), "back_to_text_colon": _("Back to text:"), "mention": _("mention"),
            "dot": _(" · "),
            # forms, filled in the template: labels.paragraph_of % {"title": ..., "num": ...}
            "paragraph_of": form(N_("%(title)s, paragraph %(num)s")), "note_number": form(N_("Note %(num)s")),
            "claims_citing": form(N_("Claims citing paragraph %(num)s")), "in_title": form(N_("in %(title)s")),
            # counts: labels.n_claims[count]
            "n_claims": Counted(lambda n: Markup(t.ngettext("%(num)s claim", "%(num)s claims", n))
                                % {"num": number(n)}),
        }.items():
            set_(self, name, value)

    def __setattr__(self, name, value):
        raise AttributeError("labels are read-only")


class Counted:
    """A count in words, worded once per count: `labels.n_claims[3]` reads as
    `ngettext("%(num)s claim", "%(num)s claims", 3, num=3 | num)` does."""

    __slots__ = ("_words",)

    def __init__(self, words: Callable[[int], Markup]):
        self._words = functools.cache(words)

    def __getitem__(self, count: int) -> Markup:
        return self._words(count)


def label_filters(labels: Labels, number: Callable, isolate: Callable) -> dict[str, Callable]:
    """The forms the loops fill with a value that repeats (a source's title, a page's
    title), as filters remembering each value's label: `{{ c | paragraph_label }}` reads
    as `labels.paragraph_of % {"title": c.source.title, "num": <its paragraph> | num}`,
    `{{ title | in_title }}` as `labels.in_title % {"title": title | isolate}`."""
    @functools.lru_cache(maxsize=65536, typed=True)  # (typed: a Markup title is not escaped, a str one is)
    def paragraph_of(title: str, num: str) -> Markup:
        return labels.paragraph_of % {"title": title, "num": number(num)}

    def paragraph_label(citation) -> Markup:
        return paragraph_of(citation.source.title, citation.locator.split("#p", 1)[1])

    @functools.lru_cache(maxsize=4096, typed=True)
    def in_title(title: str) -> Markup:
        return labels.in_title % {"title": isolate(title)}

    return {"paragraph_label": paragraph_label, "in_title": in_title}


def N_(msgid: str) -> str:
    """Marks a msgid for extraction (pybabel's a default keyword of `pybabel extract`)."""
    return msgid
