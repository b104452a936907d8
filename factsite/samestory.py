"""Which sources tell one story: pairs of sources whose paragraphs line up, in order,
although reworded (a syndicated copy rewritten by another outlet), and paragraphs that
carry a passage of another source nearly word for word.

Two steps, so that a site of hundreds of sources stays fast: a cheap filter (sources
that share a few words that few other sources use) picks the candidate pairs,
and only those are aligned. Paragraphs are compared by their words and numbers
(RapidFuzz's token-sort similarity over the words left after dropping function words),
so a rewording keeps them close; an alignment is a chain of similar paragraphs in the
same order in both sources (a longest increasing chain over the similar pairs).

Results depend only on the two sources' texts: `compare` is cached per pair of
source digests by the caller (`detect`'s `memo`).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain, combinations

from .quotes import normalize

_WORD = re.compile(r"\w+")
# English function words: dropped before paragraphs are compared, so that a rewording's
# "the Council, formed as" / "This Council, established as" leans on the words that carry meaning
STOPWORDS = frozenset(
    "a an the of and or to in on at for by with from as is are was were be been being has have had "
    "that this these those it its their they them he she his her we our you your which who whom "
    "said says say also not but into about over after before than then there here will would".split()
)
MIN_SHARED_WORDS = 4  # a candidate pair shares at least this many words ...
MAX_DF = 0.05  # ... among those used by at most this share of the sources (or 2 sources)
GRAM = 4  # word n-grams: paragraphs sharing two are compared for a passage
MIN_CONTENT_WORDS = 5  # shorter paragraphs (headlines kept) are not aligned
PARA_SIM = 65  # token-sort similarity (0-100) at which two paragraphs align
STRONG_SIM = 85  # ... at which two paragraphs match out of order
MIN_ALIGNED = 3  # a pair is one story with at least this many aligned paragraphs ...
ALIGNED_SHARE = 0.4  # ... and this share of the shorter source's paragraphs
PASSAGE_WORDS = 10  # a passage carried nearly word for word: at least this many words in common ...
PASSAGE_DENSITY = 0.75  # ... making up this share of the run on both sides ...
PASSAGE_PROSE = 6  # ... at least this many of them lower-case words that are not function words
PASSAGE_GAP = 3  # words of difference allowed between matching runs of one passage
MAX_PARAGRAPHS = 2000  # sources are compared on their first paragraphs ...
MAX_CHARS = 400_000  # ... and characters (a 50 MB source is not compared whole)


@dataclass(frozen=True)
class Profile:
    """What the comparison needs of one source's text."""

    words: tuple  # per paragraph: its words, case-folded
    prose: tuple  # per paragraph: which of those words are lower-case words that carry meaning
    content: tuple  # per paragraph: its content words joined ("" when too short to align)
    grams: tuple  # per paragraph: its word 4-grams (a frozenset)


def _fold(text: str) -> str:
    """Case-folded text as the checker normalizes it (SPEC section 4); plain ASCII needs
    no more than case folding to split into the same words, and is most of it."""
    return text.casefold() if text.isascii() else normalize(text).casefold()


def profile(paragraphs) -> Profile:
    words, prose, content, grams = [], [], [], []
    budget = MAX_CHARS
    for p in paragraphs[:MAX_PARAGRAPHS]:
        if budget <= 0:
            break
        text = p.text[:budget]
        budget -= len(p.text)
        raw = _WORD.findall(text if text.isascii() else normalize(text))
        folded = tuple(w.casefold() for w in raw)
        words.append(folded)
        prose.append(tuple(not (w[:1].isupper() or w[:1].isdigit() or f in STOPWORDS) for w, f in zip(raw, folded)))
        kept = [w for w in folded if w not in STOPWORDS]
        content.append(" ".join(kept) if len(kept) >= MIN_CONTENT_WORDS else "")
        grams.append(frozenset(zip(*(folded[i:] for i in range(GRAM)))))
    return Profile(tuple(words), tuple(prose), tuple(content), tuple(grams))


def vocabulary(paragraphs) -> frozenset:
    """A source's distinct words (function words and one-digit numbers left out): what
    the filter compares, in a few C-level passes over its text."""
    text = "\n".join(p.text for p in paragraphs[:MAX_PARAGRAPHS])[:MAX_CHARS]
    words = set(_WORD.findall(_fold(text)))
    words -= STOPWORDS
    return frozenset(w for w in words if len(w) > 1)


def candidates(vocabularies: list[frozenset]) -> list[tuple[int, int]]:
    """Pairs (i < j) of sources sharing enough uncommon words to be worth aligning.

    A word is uncommon when few sources use it (at most MAX_DF of them, or 2): in a
    large archive the names, numbers and turns of phrase of one story; in an archive of
    one story (a handful of sources) every pair ends up compared, which costs little."""
    df = Counter(chain.from_iterable(vocabularies))
    cap = max(2, int(MAX_DF * len(vocabularies)))
    rare = {w for w, n in df.items() if 1 < n <= cap}
    postings: dict[str, list[int]] = {}
    for i, vocab in enumerate(vocabularies):
        for w in vocab & rare:
            postings.setdefault(w, []).append(i)
    shared: Counter = Counter()
    for owners in postings.values():
        shared.update(combinations(owners, 2))
    return sorted(pair for pair, n in shared.items() if n >= MIN_SHARED_WORDS)


@dataclass(frozen=True)
class Comparison:
    """Two sources compared (paragraph numbers from 1)."""

    aligned: tuple  # ((paragraph of the first, paragraph of the second, similarity), ...) in order
    matched: int  # paragraphs matched one to one, strongly, in any order
    needed: int  # how many make one story, for these two sources' lengths
    passages: tuple  # ((paragraph of the first, of the second, words in common), ...)
    examples: tuple = ()  # two aligned pairs to show: the closest of the longer paragraphs


    @property
    def in_order(self) -> bool:
        return len(self.aligned) >= self.needed

    @property
    def same_story(self) -> bool:
        return self.in_order or self.matched >= self.needed

    def swapped(self) -> "Comparison":
        return Comparison(tuple((b, a, s) for a, b, s in self.aligned), self.matched, self.needed,
                          tuple((b, a, n) for a, b, n in self.passages), tuple((b, a) for a, b in self.examples))


def compare(a: Profile, b: Profile) -> Comparison:
    from rapidfuzz import fuzz, process

    edges = []  # (i, j, similarity) of paragraphs alike enough to align
    targets = {j: text for j, text in enumerate(b.content) if text}
    for i, text in enumerate(a.content):
        if text:
            for _, score, j in process.extract(text, targets, scorer=fuzz.token_sort_ratio,
                                               score_cutoff=PARA_SIM, limit=None):
                edges.append((i, j, round(score)))
    aligned = _chain(edges)
    matched = _one_to_one([e for e in edges if e[2] >= STRONG_SIM])
    needed = max(MIN_ALIGNED, math.ceil(ALIGNED_SHARE * min(_count(a.content), _count(b.content))))
    pairs = aligned if len(aligned) >= needed else sorted(
        [e for e in edges if e[2] >= STRONG_SIM], key=lambda e: (-e[2], e[0], e[1]))[:matched]
    # shown: the two most alike of the paragraphs of some length (not the headlines)
    shown = sorted(pairs, key=lambda e: (-(e[2] >= 75 and len(a.content[e[0]]) >= 80), -e[2], e[0]))[:2]
    examples = tuple(sorted((i + 1, j + 1) for i, j, _ in shown))
    comparison = Comparison(tuple((i + 1, j + 1, s) for i, j, s in aligned), matched, needed, (), examples)
    if comparison.same_story:
        return comparison  # (its passages are the story itself: not listed)
    return Comparison(comparison.aligned, matched, needed, tuple(_passages(a, b)), examples)


def _count(content: tuple) -> int:
    return sum(1 for text in content if text)


def _chain(edges: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The longest chain of edges increasing in both paragraphs (a monotone alignment),
    by patience sorting: O(E log E), however long the sources."""
    order = sorted(edges, key=lambda e: (e[0], -e[1]))  # (within a paragraph, one edge at most in a chain)
    tails: list[int] = []  # smallest j ending a chain of each length
    ends: list[int] = []  # which edge that is
    back = [-1] * len(order)
    for k, (_, j, _) in enumerate(order):
        at = bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            ends.append(k)
        else:
            tails[at] = j
            ends[at] = k
        back[k] = ends[at - 1] if at else -1
    chain = []
    k = ends[-1] if ends else -1
    while k >= 0:
        chain.append(order[k])
        k = back[k]
    return chain[::-1]


def _one_to_one(edges: list[tuple[int, int, int]]) -> int:
    """Paragraph pairs matched one to one, best first (order not required)."""
    left, right, n = set(), set(), 0
    for i, j, _ in sorted(edges, key=lambda e: (-e[2], e[0], e[1])):
        if i not in left and j not in right:
            left.add(i)
            right.add(j)
            n += 1
    return n


def _passages(a: Profile, b: Profile):
    """Paragraph pairs holding one run of words nearly word for word."""
    for i, ga in enumerate(a.grams):
        if len(ga) < PASSAGE_WORDS - GRAM:
            continue
        for j, gb in enumerate(b.grams):
            if len(ga & gb) < 2:
                continue
            # (both ways: SequenceMatcher's blocks depend on which side is first)
            n = max(_passage(a.words[i], a.prose[i], b.words[j]), _passage(b.words[j], b.prose[j], a.words[i]))
            if n:
                yield i + 1, j + 1, n


def _passage(wa: tuple, prose: tuple, wb: tuple) -> int:
    """Words in common of the best near-verbatim run, or 0 when there is none."""
    blocks = [m for m in SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks() if m.size]
    best, k = 0, 0
    while k < len(blocks):
        first = last = k
        while (last + 1 < len(blocks) and blocks[last + 1].a - (blocks[last].a + blocks[last].size) <= PASSAGE_GAP
               and blocks[last + 1].b - (blocks[last].b + blocks[last].size) <= PASSAGE_GAP):
            last += 1
        run = blocks[first:last + 1]
        common = sum(m.size for m in run)
        span_a = run[-1].a + run[-1].size - run[0].a
        span_b = run[-1].b + run[-1].size - run[0].b
        meaning = sum(sum(prose[m.a:m.a + m.size]) for m in run)
        if (common >= PASSAGE_WORDS and common >= PASSAGE_DENSITY * max(span_a, span_b)
                and meaning >= PASSAGE_PROSE):
            best = max(best, common)
        k = last + 1
    return best


def _vocabulary(source, memo: dict) -> frozenset:
    """`vocabulary`, kept in `memo` by the source's digest as one string (a cache of a
    few hundred sources then loads in milliseconds), so a warm check after one source
    changed reads only that one."""
    k = ("same-story-words", source.digest)
    if k in memo:
        words = memo[k] = memo[k]
        return frozenset(words.split("\n")) if words else frozenset()
    found = vocabulary(source.paragraphs)
    memo[k] = "\n".join(sorted(found))
    return found


def detect(sources: dict, memo: dict | None = None) -> dict[tuple[str, str], Comparison]:
    """(id, id) in id order -> their comparison, for every candidate pair that is one
    story or shares a passage. `memo` (a cache's dict) keeps comparisons by the two
    sources' digests, and the whole answer by every source's digest."""
    memo = {} if memo is None else memo
    ids = sorted(sources)
    whole = ("same-story", "all", tuple((sid, sources[sid].digest) for sid in ids))
    if whole in memo:
        found, used = memo[whole] = memo[whole]  # (kept: a cache keeps what this build used ...)
        for pair in used:
            if pair in memo:
                memo[pair] = memo[pair]  # (... and the pairs, for when a source changes)
        return found
    profiles: dict[int, Profile] = {}

    def profile_of(i: int) -> Profile:
        if i not in profiles:
            profiles[i] = profile(sources[ids[i]].paragraphs)
        return profiles[i]

    found: dict[tuple[str, str], Comparison] = {}
    used = [("same-story-words", sources[sid].digest) for sid in ids]
    for i, j in candidates([_vocabulary(sources[sid], memo) for sid in ids]):
        a, b = sources[ids[i]], sources[ids[j]]
        pair = ("same-story", a.digest, b.digest)
        used.append(pair)
        comparison = memo[pair] = memo[pair] if pair in memo else compare(profile_of(i), profile_of(j))
        if comparison.same_story or comparison.passages:
            found[(ids[i], ids[j])] = comparison
    memo[whole] = (found, tuple(used))
    return found
