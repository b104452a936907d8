"""Corrections: an explainer's public record of what was corrected, and when.

Front matter:

    updated: 2026-12-05
    corrections:
      - date: 2026-12-05
        text: An earlier version said 60 days; the plan says 30.
        claim: both-sides-must-withdraw    # optional: the anchor of the claim it concerns

Each correction gets the anchor `correction-N` (N counts from the oldest, so it never
changes when a newer one is added). A correction makes the page updated: `updated` is
at least its newest correction's date. Bad entries are findings with their line.
"""

from __future__ import annotations

import datetime as dt

import yaml

from .diagnostics import ERROR, WARNING, Diagnostic

KEYS = ("date", "text", "claim")
HINT = "write corrections as a list of entries: '- date: 2026-12-05' and 'text: what was corrected'"


def _item_lines(yaml_text: str) -> tuple[int, list[tuple[int, dict]]]:
    """(line of the `corrections` key's value, [(line of each item, {key: line})])."""
    try:
        node = yaml.compose(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return 1, []
    for key, value in getattr(node, "value", []):
        if getattr(key, "value", None) == "corrections":
            items = []
            for item in getattr(value, "value", []) if isinstance(value, yaml.SequenceNode) else []:
                keys = {}
                if isinstance(item, yaml.MappingNode):
                    keys = {k.value: k.start_mark.line + 1 for k, _ in item.value if isinstance(k, yaml.ScalarNode)}
                items.append((item.start_mark.line + 1, keys))
            return value.start_mark.line + 1, items
    return 1, []


def as_date(value) -> str | None:
    """YYYY-MM-DD from a YAML date or an ISO date text, else None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat() if len(value.strip()) >= 10 else None
        except ValueError:
            return None
    return None


def read_corrections(value, yaml_text: str, first_line: int, key_line: int, where: str, diags: list) -> list[dict]:
    """The page's corrections, oldest first, each {number, date, text, claim, line}."""
    offset = first_line - 1
    if not isinstance(value, list):
        diags.append(Diagnostic(where, key_line, 1, ERROR, "bad-front-matter",
                                "'corrections' must be a list of entries with a date and a text", HINT))
        return []
    _, lines = _item_lines(yaml_text)
    found = []
    for i, item in enumerate(value):
        line, key_lines = lines[i] if i < len(lines) else (key_line - offset, {})
        line += offset
        if not isinstance(item, dict):
            diags.append(Diagnostic(where, line, 1, ERROR, "bad-front-matter",
                                    f"correction {i + 1} is not an entry with a date and a text", HINT))
            continue
        ok = True
        for key in item:
            if key not in KEYS:
                diags.append(Diagnostic(where, key_lines.get(key, line - offset) + offset, 1, WARNING,
                                        "unknown-metadata", f"unknown key {key!r} in correction {i + 1}",
                                        f"known keys: {', '.join(KEYS)}"))
        date = as_date(item.get("date"))
        if date is None:
            diags.append(Diagnostic(where, key_lines.get("date", line - offset) + offset, 1, ERROR, "bad-front-matter",
                                    f"correction {i + 1} needs a date as YYYY-MM-DD"
                                    + (f", not {item.get('date')!r}" if item.get("date") is not None else ""),
                                    "write date: 2026-12-05 (the day the correction was published)"))
            ok = False
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            diags.append(Diagnostic(where, key_lines.get("text", line - offset) + offset, 1, ERROR, "bad-front-matter",
                                    f"correction {i + 1} needs a text saying what was corrected",
                                    "write text: An earlier version said ...; it is ..."))
            ok = False
        claim = item.get("claim")
        if claim is not None and not isinstance(claim, str):
            diags.append(Diagnostic(where, key_lines.get("claim", line - offset) + offset, 1, ERROR,
                                    "bad-front-matter", f"correction {i + 1}: 'claim' must be a claim's anchor",
                                    "copy the anchor from the claim's # link, e.g. claim: the-council-backed-the-plan"))
            ok = False
        if ok:
            found.append({"date": date, "text": " ".join(text.split()), "claim": claim.strip() if claim else None,
                          "line": line, "claim_line": key_lines.get("claim", line - offset) + offset})
    found.sort(key=lambda c: (c["date"], c["line"]))
    for n, c in enumerate(found, start=1):
        c["number"] = n
        c["anchor"] = f"correction-{n}"
    return found


def settle_dates(meta: dict, lines: dict, where: str, diags: list) -> None:
    """`updated` is a date no older than `date`, and at least the newest correction's date."""
    date, updated = as_date(meta.get("date")), meta.get("updated")
    if updated is not None and as_date(updated) is None:
        diags.append(Diagnostic(where, lines.get("updated", 1), 1, ERROR, "bad-front-matter",
                                f"'updated' must be a date as YYYY-MM-DD, not {updated!r}", None))
        meta.pop("updated")
        updated = None
    if updated and date and as_date(updated) < date:
        diags.append(Diagnostic(where, lines.get("updated", 1), 1, WARNING, "bad-front-matter",
                                f"'updated' ({as_date(updated)}) is before 'date' ({date})", None))
    corrections = meta.get("corrections") or []
    for c in corrections:
        if date and c["date"] < date:
            diags.append(Diagnostic(where, c["line"], 1, WARNING, "bad-front-matter",
                                    f"correction {c['number']} is dated {c['date']}, before the page's date ({date})",
                                    "a correction is dated the day it was published"))
    if corrections:
        newest = corrections[-1]["date"]
        if updated is None or as_date(updated) < newest:
            if updated is not None:
                diags.append(Diagnostic(where, lines.get("updated", 1), 1, WARNING, "bad-front-matter",
                                        f"'updated' ({as_date(updated)}) is older than the newest correction "
                                        f"({newest}); the page shows {newest}", f"write updated: {newest}"))
            meta["updated"] = newest


def check_claims(meta: dict, anchors: set[str], where: str, diags: list) -> None:
    """A correction's `claim` must name a claim of the page."""
    for c in meta.get("corrections") or []:
        if c["claim"] and c["claim"] not in anchors:
            diags.append(Diagnostic(where, c["claim_line"], 1, ERROR, "bad-front-matter",
                                    f"correction {c['number']} names claim {c['claim']!r}, which is not on this page",
                                    "use the anchor of the claim's # link (or set one with {#name} above it)"))
            c["claim"] = None


def by_claim(corrections) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for c in corrections or []:
        if c.get("claim"):
            out.setdefault(c["claim"], []).append(c)
    return out


def site_corrections(entries) -> list[tuple]:
    """(correction, page) for every published page's corrections, newest first."""
    rows = [(c, e.page) for e in entries for c in e.page.meta.get("corrections") or []]
    rows.sort(key=lambda r: (r[0]["date"], r[1].slug, r[0]["number"]), reverse=True)
    return rows
