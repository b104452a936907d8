"""The evidence checks of one page: each cited claim against what its citations
resolved to, with the editor's accepts applied. Findings come out as Diagnostics on
the claim's first line; an accepted one as `info`, a stale accept as `unused-check`."""

from __future__ import annotations

from .accepts import ATTRIBUTE, parse_accepts
from .page_model import Claim, Page
from .diagnostics import INFO, WARNING, Diagnostic
from .evidence import Cited, check_claim, cited_from, page_words

UNUSED_CHECK = "unused-check"


def _claim_citations(claim: Claim, page: Page, resolved: dict) -> list[Cited] | None:
    """The claim's resolved citations; None when one of them has an error (reported
    already: one finding per problem)."""
    cites: list[Cited] = []
    seen: set = set()
    definitions, path = page.definitions, page.path
    for ref in claim.refs:
        label = ref.label
        if label in seen:
            continue
        seen.add(label)
        d = definitions.get(label)
        if d is None:
            return None
        if not d.is_citation:
            continue
        results = resolved.get((path, label))
        if d.error is not None or results is None:
            return None
        for r in results:
            if not r.ok or r.source is None:
                return None
            cites.append(cited_from(r))
    return cites


def evidence_diagnostics(page: Page, resolved: dict, aliases: dict) -> list[Diagnostic]:
    """Every evidence finding of the page's claims (`aliases`: `evidence.alias_index`)."""
    out: list[Diagnostic] = []
    words = None
    for claim in page.claims:
        checked = claim.attrs.get(ATTRIBUTE)
        accepts, problems = parse_accepts(checked) if checked else ((), ())
        cites = _claim_citations(claim, page, resolved)
        if cites is None:
            continue
        for problem in problems:
            out.append(Diagnostic(page.path, claim.line, 1, WARNING, UNUSED_CHECK, f"accept ignored: {problem}",
                                  'write {checked="hedge-dropped: the reason an editor checked by hand"}'))
        findings = []
        if cites:
            if words is None:
                words = page_words(c.text for c in page.claims)
            findings = check_claim(claim.text, cites, aliases, words)
        if not accepts:
            out += [Diagnostic(page.path, claim.line, 1, WARNING, f.code, f.message, f.hint) for f in findings]
            continue
        reasons = {a.code: a.reason for a in accepts}
        for f in findings:
            if f.code in reasons:
                out.append(Diagnostic(page.path, claim.line, 1, INFO, f.code,
                                      f"accepted by an editor ({reasons[f.code]}): {f.message}", f.hint))
            else:
                out.append(Diagnostic(page.path, claim.line, 1, WARNING, f.code, f.message, f.hint))
        found = {f.code for f in findings}
        for a in accepts:
            if a.code not in found:
                out.append(Diagnostic(page.path, claim.line, 1, WARNING, UNUSED_CHECK,
                                      f"checked={a.code} accepts a finding this claim no longer has",
                                      f"delete \"{a.code}: {a.reason}\" from the claim's checked= attribute"))
    return out
