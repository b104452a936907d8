"""Which way a text runs: a language's direction, and a script guessed from the letters
when a source does not say its language. The templates ask these to set `dir` and
`lang` on source pages and to isolate quoted text of the other direction."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Languages written right to left (ISO 639-1 or -3 codes); any other language written
# in an RTL script is recognized by its script subtag (`ku-Arab`, `pa-Arab`, `az-Arab`).
RTL_LANGUAGES = frozenset({
    "ar", "arc", "ckb", "dv", "fa", "prs", "he", "iw", "ks", "ku-arab", "lrc", "mzn", "nqo", "pnb", "ps", "sd",
    "syr", "ug", "ur", "yi", "bal", "bqi", "glk", "haz",
})
RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "samr", "mand"})

# Letters that tell the Arabic-script languages apart (a guess, for a sidecar without `language`)
_PASHTO = set("ټډړږښګڼېۍ")
_URDU = set("ٹڈڑےںھ")
_PERSIAN = set("پچژگیک")


def direction(language: str | None) -> str:
    """"rtl" or "ltr" for a BCP 47 tag such as `fa`, `ps-AF`, `ku-Arab`."""
    tag = (language or "").strip().lower().replace("_", "-")
    if not tag:
        return "ltr"
    parts = tag.split("-")
    if any(len(p) == 4 and p in RTL_SCRIPTS for p in parts[1:]):
        return "rtl"
    if any(len(p) == 4 and p.isalpha() for p in parts[1:]):
        return "ltr"  # an explicit other script: `az-Latn`, `ku-Latn`
    return "rtl" if parts[0] in RTL_LANGUAGES else "ltr"


@dataclass(frozen=True)
class Guess:
    script: str  # ISO 15924 name: "Arabic", "Hebrew", "Latin", "Cyrillic"...
    language: str | None  # a language tag the letters point to, or None
    direction: str  # "rtl" or "ltr"
    share: float  # the script's share of the letters, 0..1

    def describe(self) -> str:
        lang = f", probably {self.language}" if self.language else ""
        return f"{self.script} script ({round(self.share * 100)}% of letters){lang}, {self.direction}"


def _script_of(ch: str) -> str:
    """The script of one letter, from its Unicode name (enough for a guess)."""
    name = unicodedata.name(ch, "")
    word = name.split(" ", 1)[0]
    return {"ARABIC": "Arabic", "HEBREW": "Hebrew", "LATIN": "Latin", "CYRILLIC": "Cyrillic", "GREEK": "Greek",
            "SYRIAC": "Syriac", "THAANA": "Thaana", "NKO": "Nko", "DEVANAGARI": "Devanagari"}.get(word, word.title())


def guess_script(text: str) -> Guess | None:
    """The script most of the letters are written in, with a language guess for
    Arabic-script text (Pashto, Urdu or Persian letters, else Arabic). None: no letters."""
    counts: dict[str, int] = {}
    letters = [ch for ch in text if ch.isalpha()]
    for ch in letters:
        script = _script_of(ch)
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    script = max(sorted(counts), key=counts.get)
    share = counts[script] / len(letters)
    rtl = script in ("Arabic", "Hebrew", "Syriac", "Thaana", "Nko")
    language = None
    if script == "Arabic":
        found = set(letters)
        language = "ps" if found & _PASHTO else "ur" if found & _URDU else "fa" if found & _PERSIAN else "ar"
    elif script == "Hebrew":
        language = "he"
    return Guess(script, language, "rtl" if rtl else "ltr", share)


def text_direction(source, site_language: str | None) -> tuple[str, str]:
    """(lang, dir) of a source's text: its sidecar's `language`, else what its letters
    point to; a Latin-script source without a language in an RTL site gets lang=""
    (unknown, as HTML allows) rather than the site's language."""
    declared = source.meta.get("language")
    if declared:
        return str(declared), direction(str(declared))
    guess = guess_source(source)
    if guess is None:
        return site_language or "", direction(site_language)
    if guess.language:
        return guess.language, guess.direction
    if guess.direction == direction(site_language):
        return site_language or "", guess.direction
    return "", guess.direction


def guess_source(source) -> Guess | None:
    """The script guess for a source, from its title and first paragraphs (the
    templates' `source_text_dir` remembers it per source: `i18n.source_text_dirs`)."""
    return guess_script(" ".join([source.meta.get("title") or ""] + [p.text for p in source.paragraphs[:20]]))


def language_line(source) -> str:
    """What `build.py sources ID` says about a source's language and direction."""
    declared = source.meta.get("language")
    if declared:
        way = "right to left" if direction(str(declared)) == "rtl" else "left to right"
        return f"{declared} (from the sidecar), {way}"
    guess = guess_source(source)
    if guess is None:
        return "not given, and no letters to detect it from"
    return f"not given; detected {guess.describe()} (add 'language:' to the sidecar to say it)"
