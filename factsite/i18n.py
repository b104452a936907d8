"""The interface in the site's language: message catalogues (gettext .po files read at
build time through Babel, no compile step and no network), numbers and dates in the
locale's digits and words, and the document's direction, installed into the Jinja
environment that renders every page.

Catalogues: `locale/<lang>/LC_MESSAGES/messages.po` in the project (wins), then the
engine's own in factsite/locale. A language without one gets the English strings."""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from collections.abc import Callable
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from . import relation_words
from .bidi import isolate_filter
from .labels import Labels, label_filters
from .script import direction, text_direction
from .slug import url_path

ENGINE_LOCALES = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"

# The digits of the numbering systems CLDR names as a locale's default (Babel formats
# the separators; it does not carry the digits themselves).
DIGITS = {
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
    "deva": "०१२३४५६७८९",
    "beng": "০১২৩৪৫৬৭৮৯",
    "mymr": "၀၁၂၃၄၅၆၇၈၉",
}


def locale_dirs(root: Path) -> list[Path]:
    """Where catalogues are looked for, the project's first."""
    return [root / "locale", ENGINE_LOCALES]


def base_language(language: str | None) -> str:
    return (language or "en").strip().replace("_", "-").split("-")[0].lower() or "en"


def catalogue_files(root: Path, language: str | None) -> list[Path]:
    """The .po files for a language (`fa-AF` falls back to `fa`), the project's first."""
    tag = (language or "en").strip().replace("-", "_")
    names = [tag, base_language(language)] if tag.lower() != base_language(language) else [tag]
    found = []
    for folder in locale_dirs(root):
        for name in names:
            path = folder / name / "LC_MESSAGES" / f"{DOMAIN}.po"
            if path.is_file() and path not in found:
                found.append(path)
    return found


def _translations_of(path: Path, language: str) -> gettext.GNUTranslations:
    """A .po file read and compiled in memory (what `pybabel compile` would write)."""
    with path.open("rb") as f:
        catalog = read_po(f, locale=base_language(language), domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def translations(root: Path, language: str | None) -> gettext.NullTranslations:
    """The catalogues chained: the project's, then the engine's, then the English msgids."""
    chain: gettext.NullTranslations | None = None
    for path in catalogue_files(root, language):
        t = _translations_of(path, language or "en")
        if chain is None:
            chain = t
        else:
            chain.add_fallback(t)
    return chain or gettext.NullTranslations()


def has_catalogue(root: Path, language: str | None) -> bool:
    return base_language(language) == "en" or bool(catalogue_files(root, language))


def locale_of(language: str | None) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


class Formats:
    """Numbers and dates as the site's locale writes them. English keeps the ISO date
    and plain digits the site always had (unambiguous, and English output unchanged)."""

    def __init__(self, language: str | None):
        self.locale = locale_of(language)
        self.plain = self.locale.language == "en"
        # (English digits are Latin: asking CLDR would load its data into every build)
        digits = None if self.plain else DIGITS.get(self.locale.default_numbering_system or "latn")
        self._digits = str.maketrans("0123456789", digits) if digits else None
        self.as_str = self.plain and not digits  # a number reads as str() writes it

    def digits(self, text) -> str:
        text = str(text)
        return text.translate(self._digits) if self._digits else text

    def number(self, value) -> str:
        if self.plain or not isinstance(value, int):
            return self.digits(value)
        return self.digits(format_decimal(value, locale=self.locale, numbering_system="default"))

    def date(self, value) -> str | None:
        """The date part of an ISO date or datetime, for display."""
        if not value:
            return None
        iso = str(value)[:10]
        if self.plain:
            return iso
        try:
            day = dt.date.fromisoformat(iso)
        except ValueError:
            return self.digits(iso)
        # Gregorian on purpose: the sources' own dates are Gregorian (docs/decisions.md)
        return self.digits(format_date(day, "long", locale=self.locale))


def count_words(t: gettext.NullTranslations, fmt: Formats, sources: int, independent: int) -> str:
    """How a count reads, in the site's language: "1 source", "3 independent sources",
    "3 sources, 2 independent" (as independence.count_words says it in English)."""
    if sources <= 1:
        return t.ngettext("%(num)s source", "%(num)s sources", sources) % {"num": fmt.number(sources)}
    if independent == sources:
        return t.ngettext("%(num)s independent source", "%(num)s independent sources", sources) % {
            "num": fmt.number(sources)}
    return t.gettext("%(sources)s sources, %(independent)s independent") % {
        "sources": fmt.number(sources), "independent": fmt.number(independent)}


def source_text_dirs(language: str | None) -> Callable:
    """`source_text_dir(source)`: (lang, dir) of its text (`script.text_direction`),
    worked out once per version of each source, since every citation of it asks."""
    known: dict[tuple[str, str], tuple[str, str]] = {}

    def source_text_dir(source) -> tuple[str, str]:
        key = (source.id, source.digest)
        found = known.get(key)
        if found is None:
            found = known[key] = text_direction(source, language)
        return found

    return source_text_dir


def install(env, root: Path, language: str | None) -> None:
    """Give the templates the site's catalogue, number and date filters, and direction."""
    t = translations(root, language)
    fmt = Formats(language)
    env.install_gettext_translations(t, newstyle=True)
    env.filters["date"] = fmt.date
    # English digits are what str() writes: the filter runs for every marker and paragraph
    number = env.filters["num"] = str if fmt.as_str else fmt.number
    env.globals["site_dir"] = direction(language)
    # (every claim asks; a pair of counts is worded once)
    env.globals["count_label"] = functools.cache(lambda sources, independent: count_words(t, fmt, sources, independent))
    labels = env.globals["labels"] = Labels(t, number)  # the loops' words, translated once (labels.py)
    isolate = env.filters["isolate"] = isolate_filter(language)
    env.filters.update(label_filters(labels, number, isolate))
    env.filters["uri"] = url_path  # non-Latin page names, percent-encoded where a URI is due
    # (a filter: called directly, where a global is a context call; every citation asks)
    env.filters["lang_dir"] = env.globals["source_text_dir"] = source_text_dirs(language)
    relation_words.install(env, t, fmt.number)  # origin labels and relations, in the site's language
