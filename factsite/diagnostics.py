"""The one finding type every stage reports, and the three ways of printing a list of them.

Text, JSON and GitHub output are views of the same list, so a finding never reads
differently depending on where it is shown (SPEC section 5).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Iterable

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
# the evidence checks (SPEC section 6): one of them as `info` is an accepted finding,
# shown only under --format json
EVIDENCE_CODES = ("unsupported-number", "unsupported-date", "unsupported-name", "omission-drops-negation",
                  "hedge-dropped", "attribution-dropped")


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding: where it is, how bad, what it is, and how to fix it."""

    path: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    hint: str | None = None

    def as_dict(self) -> dict:
        return {
            "file": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "suggestion": self.hint,
        }


def sort_key(d: Diagnostic) -> tuple:
    return (d.path, d.line, d.column, d.code, d.message, d.hint or "")


def sorted_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Stable, input-order independent ordering: by file, line, column, code (then
    message and suggestion, as `sort_key`; then severity, so that no tie is left to a
    set's order). Each distinct finding once."""
    # (one tuple a finding, made in a comprehension: a set of the dataclasses would
    # hash each one, and `sort_key` make a key, in a Python call each)
    keyed = {(d.path, d.line, d.column, d.code, d.message, d.hint or "", d.hint is None, d.severity): d
             for d in diags}
    return [keyed[k] for k in sorted(keyed)]


def strict(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """`--strict`: every warning becomes an error."""
    return [replace(d, severity=ERROR) if d.severity == WARNING else d for d in diags]


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diags)


def counts(diags: Iterable[Diagnostic]) -> dict[str, int]:
    result = {s: 0 for s in SEVERITIES}
    for d in diags:
        result[d.severity] += 1
    return result


def accepted(d: Diagnostic) -> bool:
    """An evidence finding an editor accepted: listed as info in JSON only."""
    return d.severity == INFO and d.code in EVIDENCE_CODES


_LINE_BREAK = re.compile(r"[ \t]*[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+[ \t]*")


def one_line(text: str) -> str:
    """Text with its line breaks (and the indentation around them) read as one space: a
    quote may wrap onto continuation lines, a finding still takes one line."""
    # (every line break is unprintable: printable text, most of it, is kept as it is)
    return text if text.isprintable() else _LINE_BREAK.sub(" ", text)


def format_text(diags: list[Diagnostic]) -> str:
    """One line per finding (SPEC section 5), its `help:` line the only continuation."""
    diags = [d for d in diags if not accepted(d)]
    lines = []
    for d in diags:
        # (a line all of whose characters print holds no line break: most do, and are
        # kept as composed, without asking each part)
        line = f"{d.path}:{d.line}:{d.column}: {d.severity}: {d.message} [{d.code}]"
        if not line.isprintable():
            line = f"{one_line(d.path)}:{d.line}:{d.column}: {d.severity}: {one_line(d.message)} [{d.code}]"
        lines.append(line)
        if d.hint:
            lines.append(f"  help: {one_line(d.hint)}")
    if diags:
        c = counts(diags)
        lines.append(
            f"{c[ERROR]} error(s), {c[WARNING]} warning(s), {c[INFO]} info"
        )
    return "\n".join(lines)


def format_json(diags: list[Diagnostic]) -> str:
    return json.dumps(
        {"diagnostics": [d.as_dict() for d in diags], "counts": counts(diags)},
        ensure_ascii=False,
        indent=2,
    )


def _gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(s: str) -> str:
    return _gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def format_github(diags: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands, which show as annotations on pull requests."""
    level = {ERROR: "error", WARNING: "warning", INFO: "notice"}
    lines = []
    for d in diags:
        if accepted(d):
            continue
        body = d.message + (f"\n{d.hint}" if d.hint else "")
        props = (
            f"file={_gh_escape_prop(d.path)},line={d.line},col={d.column},"
            f"title={_gh_escape_prop(d.code)}"
        )
        lines.append(f"::{level[d.severity]} {props}::{_gh_escape_data(body)}")
    return "\n".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
