"""Names in a claim against its cited text (SPEC section 6): `unsupported-name`, its
suggestion of the closest cited word, and the site's aliases.

Most claims name only what their paragraphs name, so the check first asks, with set
operations made in C, whether every capitalised word of the claim stands in the
cited text; only a claim with a missing one is cut into names. The closest word is
looked for in one search over the claim's cited words, each unit's kept once.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable

from .evidence_text import (
    UNSUPPORTED_NAME, WORD, ClaimWords, CitedText, Finding, claim_norm, claim_words, shown_words, word_key,
)
from .evidence_words import COMMON_WORDS, NAME_JOINERS
from .quotes import normalize

SIMILAR = 70  # the least RapidFuzz ratio of a suggested word


class PageWords:
    """How a page writes its words (its claims' texts), not at a sentence's start:
    read when a check first asks (a page whose names all stand never does)."""

    __slots__ = ("_texts", "_lower", "_capital")

    def __init__(self, texts: Iterable[str]):
        self._texts = list(texts)
        self._lower: frozenset | None = None
        self._capital: frozenset | None = None

    @property
    def lower(self) -> frozenset:
        """Words the page writes in lower case somewhere."""
        if self._lower is None:
            self._read()
        return self._lower

    @property
    def capital(self) -> frozenset:
        """Words it writes capitalised inside a sentence."""
        if self._capital is None:
            self._read()
        return self._capital

    def _read(self) -> None:
        lower, capital = set(), set()
        for text in self._texts:
            cw = claim_words(claim_norm(text))
            if cw.norm.isascii():  # (an ASCII word's first letter is lower case when it sorts from "a" on)
                lower.update([k for w, k in zip(cw.words, cw.keys) if w[0] >= "a"])
            else:
                lower.update([k for w, k in zip(cw.words, cw.keys) if w[0].islower()])
            initial, keys = cw.initial, cw.keys
            capital.update([keys[i] for i in cw.upper if not initial[i]])
        self._lower, self._capital = frozenset(lower), frozenset(capital)


def page_words(texts: Iterable[str]) -> PageWords:
    return PageWords(texts)


@dataclass(frozen=True)
class _Run:
    """What tells a name's words: the claim, how its page writes words, its dates."""

    cw: ClaimWords
    page: PageWords
    dates: set

    def name_word(self, i: int) -> bool:
        cw = self.cw
        if not cw.initial[i]:
            return True
        # A sentence's first word is capitalised anyway: it is a name when it is no
        # common word, the page never writes it in lower case, and either the page
        # writes it capitalised inside a sentence or a capitalised word follows.
        key = cw.keys[i]
        if key in COMMON_WORDS or key in self.page.lower:
            return False
        words = cw.words
        return key in self.page.capital or (i + 1 < len(words) and words[i + 1][0].isupper() and cw.gaps[i + 1] == " ")

    def runs(self) -> list[list[int]]:
        """Runs of capitalised words (joined by of/for/the/...), each a proper name, as
        lists of word indices."""
        cw = self.cw
        words, dates = cw.words, self.dates
        initial = cw.initial
        capitals = [i for i in cw.upper
                    if len(words[i]) > 1 and i not in dates and (not initial[i] or self.name_word(i))]
        runs: list[list[int]] = []
        current: list[int] = []
        for i in capitals:
            if current:
                j = current[-1]
                if cw.joined(i) and all(cw.lower[k] in NAME_JOINERS and cw.joined(k) for k in range(j + 1, i)):
                    current.extend(range(j + 1, i + 1))
                    continue
                runs.append(current)
            current = [i]
        if current:
            runs.append(current)
        return runs


def _missing_capitals(cw: ClaimWords, cited: CitedText, aliases: dict) -> bool:
    """Does a capitalised word of the claim stand nowhere in the cited text (nor any
    spelling the aliases give it)? Only such a word can be a missing name."""
    words, all_keys = cw.words, cw.keys
    keys = {all_keys[i] for i in cw.upper if len(words[i]) > 1}
    if not keys:
        return False
    missing = keys - cited.all_keys()
    if missing and aliases:
        stands = cited.all_keys()
        missing = {k for k in missing if not any(word_key(a) in stands for a in aliases.get(k, ()))}
    return bool(missing)


def check_names(cw: ClaimWords, cited: CitedText, aliases: dict, page: PageWords, dates: set) -> list[Finding]:
    if not _missing_capitals(cw, cited, aliases):
        return []
    stands = cited.all_keys()
    findings, reported = [], set()
    for run in _Run(cw, page, dates).runs():
        for i in run:
            key = cw.keys[i]
            if (cw.lower[i] in NAME_JOINERS and i != run[0]) or key in reported or key in stands:
                continue
            if any(word_key(a) in stands for a in aliases.get(key, ())):
                continue
            reported.add(key)
            word = cw.words[i]
            close = closest_word(word, cited)
            alias_hint = (f"if they are one name, declare it in site.yml: aliases: {{{word}: [{close[0]}]}}"
                          if close else "")
            hint = (f'{close[1]} has "{close[0]}"; {alias_hint}' if close
                    else "cite a paragraph that names it, or take the name out of the claim")
            of_name = f' of the name "{cw.text(run[0], run[-1])}"' if len(run) > 1 else ""
            findings.append(Finding(UNSUPPORTED_NAME,
                                    f'"{word}"{of_name} stands in no cited paragraph (looked in {cited.where})', hint))
    return findings


_EXTRACT = None


def _extract_one():
    """RapidFuzz's best-match search (imported when a name first goes missing)."""
    global _EXTRACT
    if _EXTRACT is None:
        from rapidfuzz import fuzz, process

        def extract(word, pool):
            return process.extractOne(word, pool, scorer=fuzz.ratio, score_cutoff=SIMILAR)

        _EXTRACT = extract
    return _EXTRACT


def closest_word(word: str, cited: CitedText) -> tuple | None:
    """The cited word most like `word` (capitalised words first): (word, where). Of
    equal scores the first wins, so the earliest paragraph does: one search over every
    cited word of a kind in the cited text's order (a claim's pool is made once)."""
    for kind in (0, 1):
        pool, ends, places = cited_pool(cited, kind)
        found = _extract_one()(word, pool) if pool else None
        if found is not None:
            return found[0], places[bisect_right(ends, found[2])]
    return None


def cited_pool(cited: CitedText, kind: int) -> tuple:
    """The distinct words of a kind (0: capitalised, 1: others) of each cited unit, in
    the units' order; where each unit's words end in the pool, and its place."""
    pools = cited.pools
    if pools is None:
        pools = cited.pools = [None, None]
    if pools[kind] is None:
        pool, ends, places = [], [], []
        for where, norm in cited.units:
            words = shown_words(norm)[kind]
            if words:
                pool += words
                ends.append(len(pool))
                places.append(where)
        pools[kind] = (pool, ends, places)
    return pools[kind]


def alias_index(aliases) -> dict:
    """site.yml's aliases ((name, (spelling, ...)), ...) as word key -> other keys:
    word by word when a name and its spelling have as many words, else every word of
    the spelling stands for every word of the name."""
    index: dict = {}
    for name, spellings in aliases:
        name_words = [word_key(w) for w in WORD.findall(normalize(name))]
        for spelling in spellings:
            words = [word_key(w) for w in WORD.findall(normalize(spelling))]
            pairs = zip(name_words, words) if len(words) == len(name_words) else (
                (a, b) for a in name_words for b in words)
            for a, b in pairs:
                if a != b:
                    index.setdefault(a, set()).add(b)
                    index.setdefault(b, set()).add(a)
    return {k: tuple(sorted(v)) for k, v in index.items()}
