"""Independent origins: which sources are one story (declared in their sidecars or
detected by `samestory`) or rely on one outlet, so that a claim backed by a wire story
and its rewrite counts one origin, not two.

`relate` checks the declared relations, runs the detection and gives every source its
`Relations` (its family and how it is linked); the pages' checks, the templates and
provenance.json read them from the sources. Nothing here depends on a page.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .keys import key
from .diagnostics import ERROR, INFO, WARNING, Diagnostic
from .sources.model import RELATION_KEYS
from .samestory import detect

SAME_STORY, RELIES_ON, RELIED_ON_BY, PASSAGE = "same story", "relies on", "relied on by", "passage"
KINDS = (SAME_STORY, RELIES_ON, RELIED_ON_BY, PASSAGE)  # the order a source page lists them in
SETTLED_CLASS = "settled"  # `{.settled}` on a claim: the desk states it as established


@dataclass(frozen=True)
class Link:
    """One relation of a source, as its page lists it."""

    other: str  # a source id, or the name of an outlet outside sources/
    kind: str  # SAME_STORY, RELIES_ON, RELIED_ON_BY or PASSAGE
    declared: bool  # written in a sidecar; False: detected
    evidence: str = ""  # what the detection saw (detected links only)
    outside: bool = False  # `other` is an outlet's name, not a source
    seen: tuple = ()  # (in order, paragraphs, ("a#p1 ~ b#p2", ...)): `evidence` as parts, for other languages

    @property
    def how(self) -> str:
        return "declared" if self.declared else "detected"

    @property
    def phrase(self) -> str:
        """"Same story as", "Relies on", "Relied on by": how a source page lists it."""
        return {SAME_STORY: "Same story as"}.get(self.kind, self.kind.capitalize())


@dataclass(frozen=True)
class Family:
    """Sources that count as one origin: one story, or relying on one outlet."""

    id: str  # its first member's id
    members: tuple  # source ids, sorted
    outlets: tuple  # outlets outside sources/ that its members rely on

    @property
    def independent(self) -> bool:
        """A source on its own, relying on no one: its own origin."""
        return len(self.members) == 1 and not self.outlets

    def as_dict(self) -> dict:
        return {"id": self.id, "members": list(self.members), "relies_on": list(self.outlets)}


@dataclass(frozen=True)
class Relations:
    family: Family
    links: tuple = ()  # Link, sorted
    passages: tuple = ()  # (own paragraph, other source, its paragraph, words in common)

    @functools.cached_property  # (asked for every cited source of every page)
    def key(self) -> str:
        """Digest of everything pages show of this source's relations (cache keys)."""
        return key(repr(self))

    def as_dict(self) -> dict:
        return {
            "family": self.family.as_dict(),
            "links": [{"source" if not ln.outside else "outlet": ln.other, "relation": ln.kind, "how": ln.how,
                       **({"evidence": ln.evidence} if ln.evidence else {})} for ln in self.links],
            "passages": [{"paragraph": own, "source": other, "its_paragraph": theirs, "words": n}
                         for own, other, theirs, n in self.passages],
        }


def is_id(name: str) -> bool:
    from .sources import ID_PATTERN

    return bool(ID_PATTERN.match(name))


def relate(sources: dict, memo: dict | None = None) -> list[Diagnostic]:
    """Give every source its `Relations`; the findings about them (unknown ids, pairs
    that look like one story but are not declared, passages carried word for word)."""
    diags: list[Diagnostic] = []
    graph = _Graph(sources)
    for sid in sorted(sources):
        graph.declare(sid, diags)
    for (a, b), found in sorted(detect(sources, memo).items()):
        graph.detected(a, b, found, diags)
    graph.give_relations()
    return diags


class _Graph:
    """The sources' relations while `relate` gathers them: links, passages, and the
    families (a union-find over source ids and outlet names)."""

    def __init__(self, sources: dict):
        self.sources = sources
        self.parent: dict[str, str] = {}
        self.links: dict[str, set] = {sid: set() for sid in sources}
        self.declared_pairs: set[frozenset] = set()
        self.independent_pairs: set[frozenset] = set()
        self.outlets_of: dict[str, set] = {sid: set() for sid in sources}
        self.passages: dict[str, list] = {sid: [] for sid in sources}

    def find(self, x: str) -> str:
        parent = self.parent
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def declare(self, sid: str, diags: list) -> None:
        """The relations a source's sidecar declares."""
        source, links = self.sources[sid], self.links
        for rel in RELATION_KEYS:
            for name in source.meta.get(rel, ()):
                where, line = source.meta_lines.get(rel, (source.sidecar or source.path, 1))
                if rel == "relies_on" and not is_id(name):
                    self.outlets_of[sid].add(name)
                    links[sid].add(Link(name, RELIES_ON, True, outside=True))
                    continue
                problem = _unknown(name, rel, sid, self.sources)
                if problem:
                    diags.append(Diagnostic(where, line, 1, ERROR, "bad-source", problem[0], problem[1]))
                    continue
                pair = frozenset((sid, name))
                if rel == "independent_of":
                    self.independent_pairs.add(pair)
                    continue
                self.declared_pairs.add(pair)
                self.union(sid, name)
                if rel == "same_story_as":
                    links[sid].add(Link(name, SAME_STORY, True))
                    links[name].add(Link(sid, SAME_STORY, True))
                else:
                    links[sid].add(Link(name, RELIES_ON, True))
                    links[name].add(Link(sid, RELIED_ON_BY, True))

    def detected(self, a: str, b: str, found, diags: list) -> None:
        """What `samestory.detect` found of a pair, unless declared already (or independent)."""
        pair = frozenset((a, b))
        if found.same_story:
            if pair in self.declared_pairs or pair in self.independent_pairs:
                return
            evidence, seen = _evidence(a, b, found)
            diags.append(_undeclared(self.sources[a], b, evidence))
            self.union(a, b)
            self.links[a].add(Link(b, SAME_STORY, False, evidence, seen=seen))
            self.links[b].add(Link(a, SAME_STORY, False, evidence, seen=seen))
        elif found.passages and pair not in self.independent_pairs:
            for own, theirs, n in found.passages:
                self.passages[a].append((own, b, theirs, n))
                self.passages[b].append((theirs, a, own, n))
            diags.append(_shared_passage(self.sources[a], b, found.passages))

    def give_relations(self) -> None:
        """Each source's `Relations`: its family, its links in listing order, its passages."""
        sources, find = self.sources, self.find
        for sid, names in self.outlets_of.items():
            for name in names:
                self.union(sid, "\0" + name.casefold())  # (an outlet: a node no source id can be)
        members: dict[str, list[str]] = {}
        for sid in sorted(sources):
            members.setdefault(find(sid), []).append(sid)
        families = {}
        for group in members.values():
            outlets = sorted({n for sid in group for n in self.outlets_of[sid]}, key=str.casefold)
            families[group[0]] = Family(group[0], tuple(group), tuple(outlets))
        for sid, source in sources.items():
            source.relations = Relations(families[members[find(sid)][0]],
                                         tuple(sorted(self.links[sid], key=_link_order)),
                                         tuple(sorted(self.passages[sid])))


def _link_order(link: Link) -> tuple:
    return KINDS.index(link.kind), link.other, link.declared


def _unknown(name: str, rel: str, sid: str, sources: dict) -> tuple[str, str] | None:
    """(message, hint) when a declared relation names no source (or the source itself)."""
    if name == sid:
        return f"{rel!r} names this source itself ({sid!r})", f"remove {sid!r} from {rel}"
    if name in sources:
        return None
    from rapidfuzz import fuzz, process

    close = [m[0] for m in process.extract(name, sorted(sources), scorer=fuzz.ratio, limit=3, score_cutoff=50)]
    hint = ("did you mean " + " or ".join(repr(c) for c in close) + "?") if close else \
        "'python build.py sources' lists the source ids"
    if rel == "relies_on":
        hint += (" An outlet with no saved source is written by its name, as it is spelled: "
                 "\"Afghanistan International\".")
    return f"{rel!r} names no source {name!r}", hint


def _evidence(a: str, b: str, found) -> tuple[str, tuple]:
    """What the detection saw, in English (findings) and as parts (pages in other languages)."""
    pairs = tuple(f"{a}#p{i} ~ {b}#p{j}" for i, j in found.examples)
    count = len(found.aligned) if found.in_order else found.matched
    how = "align in order" if found.in_order else "match closely (not in order)"
    return f"{count} paragraphs {how}, e.g. {', '.join(pairs)}", (bool(found.in_order), count, pairs)


def _undeclared(source, other: str, evidence: str) -> Diagnostic:
    where = source.sidecar or source.path
    sidecar = source.sidecar or f"a sidecar {source.path.rsplit('.', 1)[0]}.yml"
    return Diagnostic(where, 1, 1, WARNING, "undeclared-same-story",
                      f"{source.id} and {other} look like one story: {evidence}",
                      f"if one copies or rewrites the other, add 'same_story_as: [{other}]' to {sidecar} "
                      f"(they then count as one origin); if they are independent reports, add "
                      f"'independent_of: [{other}]'")


def _shared_passage(source, other: str, found: tuple) -> Diagnostic:
    own, theirs, n = found[0]
    more = f" (and {len(found) - 1} more paragraph{'s' * (len(found) > 2)})" if len(found) > 1 else ""
    line = source.paragraphs[own - 1].line if 0 < own <= len(source.paragraphs) else 1
    return Diagnostic(source.path, line, 1, INFO, "shared-passage",
                      f"{source.id}#p{own} and {other}#p{theirs} share a passage nearly word for word "
                      f"({n} words){more}",
                      "listed on both source pages; nothing to do unless one is a copy of the other "
                      f"(then declare 'same_story_as: [{other}]')")


# --- claims -------------------------------------------------------------------

def family_of(source) -> Family:
    relations = getattr(source, "relations", None)
    return relations.family if relations is not None else Family(source.id, (source.id,), ())


def origins(cited_sources) -> list[list]:
    """The cited sources grouped by origin, in the order they are first cited."""
    groups: dict[str, dict] = {}
    for source in cited_sources:
        groups.setdefault(family_of(source).id, {}).setdefault(source.id, source)  # (by id: no deep comparison)
    return [list(group.values()) for group in groups.values()]


def count_words(sources: int, independent: int) -> str:
    """How a count reads: "1 source", "3 independent sources", "3 sources, 2 independent"."""
    if sources <= 1:
        return f"{sources} source{'s' * (sources != 1)}"
    if independent == sources:
        return f"{sources} independent sources"
    return f"{sources} sources, {independent} independent"


def settled(claim) -> bool:
    """A claim the desk gives a verdict on (`rating=`) or states as settled (`{.settled}`)."""
    return bool(claim.rating) or SETTLED_CLASS in str(claim.attrs.get("class", "")).split()


def single_origin(page, resolved: dict) -> list[Diagnostic]:
    """`single-origin` warnings: a rated or settled claim all of whose citations come
    from one origin, unless the claim is about what that origin itself said (its
    `claimant` is one of the family's sources or outlets): see docs/decisions.md."""
    out = []
    for claim in page.claims:
        if not settled(claim):
            continue
        cited = [r.source for ref in claim.refs for r in resolved.get((page.path, ref.label), ())
                 if r.ok and r.source is not None]
        groups = origins(cited)
        if len(groups) != 1:
            continue
        family = family_of(groups[0][0])
        if _claimant_is(claim.attrs.get("claimant"), family, groups[0]):
            continue
        ids = sorted(s.id for s in groups[0])
        what = (f"{' and '.join(ids)} are one story" if len(ids) > 1 and not family.outlets else
                f"{', '.join(ids)} rel{'y' if len(ids) > 1 else 'ies'} on {', '.join(family.outlets)}"
                if family.outlets else f"only {ids[0]} is cited")
        out.append(Diagnostic(page.path, claim.line, 1, WARNING, "single-origin",
                              f"{'rated' if claim.rating else 'settled'} claim rests on one origin: {what}",
                              "cite an independent source too, or say in the claim that one report is all there is"))
    return out


def _claimant_is(claimant: str | None, family: Family, cited) -> bool:
    if not claimant:
        return False
    name = claimant.strip().casefold()
    names = {n.casefold() for n in family.outlets}
    for s in cited:
        names.update(str(s.meta.get(k, "")).casefold() for k in ("publisher", "author"))
        names.add(s.id)
    return name in names
