"""How a page tells a reader about sources' relations, in the site's language: the
origin label over citations of one origin, a source's one-line summary in the sources
index, and each relation on a source page. `independence` works out the relations;
this only words them, through the site's catalogue (`i18n.install` hands the templates
these functions bound to it). In English they read byte for byte as they always have."""

from __future__ import annotations

import gettext

from .independence import RELIED_ON_BY, RELIES_ON, SAME_STORY, Family, Link, Relations


def and_join(t: gettext.NullTranslations, names: list) -> str:
    """"A, B and C" ("الف، ب و ج")."""
    if len(names) < 2:
        return "".join(names)
    return t.gettext(", ").join(names[:-1]) + t.gettext(" and ") + names[-1]


def origin_label(t: gettext.NullTranslations, family: Family, cited) -> str:
    """What a reader is told about citations of one origin shown together ("" for an
    independent source): "IANS and NationPress: one story; they rely on Afghanistan International"."""
    unique = list({s.id: s for s in cited}.values())
    if family.independent or len(unique) == 1:
        return ""  # (a lone citation of a larger family: its source page says the rest)
    who = and_join(t, [s.meta.get("publisher") or s.title for s in unique])
    ids = {s.id for s in unique}
    one_story = any(ln.kind == SAME_STORY and ln.other in ids for s in unique
                    for ln in getattr(s.relations, "links", ()))
    if family.outlets:
        outlets = t.gettext(" and ").join(family.outlets)
        if one_story:
            return t.gettext("%(who)s: one story; they rely on %(outlets)s") % {"who": who, "outlets": outlets}
        return t.gettext("%(who)s: one origin; they rely on %(outlets)s") % {"who": who, "outlets": outlets}
    if one_story:
        return t.gettext("%(who)s: one story") % {"who": who}
    return t.gettext("%(who)s: one origin") % {"who": who}


def how(t: gettext.NullTranslations, link: Link) -> str:
    return t.gettext("declared") if link.declared else t.gettext("detected")


def phrase(t: gettext.NullTranslations, link: Link) -> str:
    """"Same story as", "Relies on", "Relied on by": how a source page lists a link."""
    if link.kind == SAME_STORY:
        return t.gettext("Same story as")
    if link.kind == RELIES_ON:
        return t.gettext("Relies on")
    if link.kind == RELIED_ON_BY:
        return t.gettext("Relied on by")
    return link.phrase


def _summary_part(t: gettext.NullTranslations, link: Link) -> str:
    values = {"other": link.other, "how": how(t, link)}
    if link.kind == SAME_STORY:
        return t.gettext("same story as %(other)s (%(how)s)") % values
    if link.kind == RELIES_ON:
        return t.gettext("relies on %(other)s (%(how)s)") % values
    if link.kind == RELIED_ON_BY:
        return t.gettext("relied on by %(other)s (%(how)s)") % values
    return f"{link.phrase.lower()} {link.other} ({values['how']})"


def summary(t: gettext.NullTranslations, relations: Relations, own: str) -> str:
    """One line for the sources index: "same story as nationpress (declared); relies
    on Afghanistan International (declared)", or "independent"."""
    parts = [_summary_part(t, ln) for ln in relations.links]
    listed = {ln.other for ln in relations.links}
    rest = [m for m in relations.family.members if m != own and m not in listed]
    if rest:
        parts.append(t.gettext("one origin with %(sources)s") % {"sources": t.gettext(", ").join(rest)})
    return t.gettext("; ").join(parts) or t.gettext("independent")


def evidence(t: gettext.NullTranslations, number, link: Link) -> str:
    """What the detection saw of a detected link ("" for a declared one); `number`
    writes a count in the locale's digits."""
    if not link.seen:
        return link.evidence
    in_order, count, pairs = link.seen
    values = {"num": number(count), "pairs": t.gettext(", ").join(pairs)}
    if in_order:
        return t.gettext("%(num)s paragraphs align in order, e.g. %(pairs)s") % values
    return t.gettext("%(num)s paragraphs match closely (not in order), e.g. %(pairs)s") % values


def install(env, t: gettext.NullTranslations, number) -> None:
    """The functions above as template globals, bound to the site's catalogue."""
    env.globals["origin_label"] = lambda family, cited: origin_label(t, family, cited)
    env.globals["relations_summary"] = lambda relations, own: summary(t, relations, own)
    env.globals["link_phrase"] = lambda link: phrase(t, link)
    env.globals["link_how"] = lambda link: how(t, link)
    env.globals["link_evidence"] = lambda link: evidence(t, number, link)
