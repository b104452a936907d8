"""Reader for the fixture files in tests/fixtures/*.txt (markdown-it-py style).

    === case name
    >>> file sources/a.txt
    ...file body...
    >>> file content/page.md
    ...
    >>> bytes sources/b.txt
    b"exact bytes, as a Python literal\r\n"
    >>> expect
    content/page.md:5:1 error quote-not-found | text the message or hint contains
    >>> paragraphs a
    1: expected text of a#p1
    >>> meta a
    title: expected metadata value

An empty `expect` section means: no findings at all.
"""

from __future__ import annotations

import ast

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Case:
    name: str
    file: str
    line: int
    files: dict = field(default_factory=dict)
    expect: list = field(default_factory=list)
    paragraphs: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    has_expect: bool = False


def read_cases(path: Path) -> list[Case]:
    cases: list[Case] = []
    case = None
    target = None
    for lineno, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.startswith("=== "):
            case = Case(line[4:].strip(), path.name, lineno)
            cases.append(case)
            target = None
            continue
        if case is None:
            continue
        if line.startswith(">>> "):
            kind, _, arg = line[4:].partition(" ")
            if kind in ("file", "bytes"):
                target = (kind, arg.strip())
                case.files[arg.strip()] = []
            elif kind == "expect":
                target = ("expect", None)
                case.has_expect = True
            elif kind == "paragraphs":
                target = ("paragraphs", arg.strip())
                case.paragraphs[arg.strip()] = []
            elif kind == "meta":
                target = ("meta", arg.strip())
                case.meta[arg.strip()] = []
            else:
                raise ValueError(f"{path}:{lineno}: unknown section {kind!r}")
            continue
        if target is None:
            continue
        kind, arg = target
        if kind == "file":
            case.files[arg].append(line)
        elif kind == "bytes":
            if line.strip():
                case.files[arg] = ast.literal_eval(line.strip())
        elif line.strip():
            bucket = {"expect": case.expect, "paragraphs": case.paragraphs, "meta": case.meta}[kind]
            (bucket if kind == "expect" else bucket[arg]).append(line.strip())
    for c in cases:
        c.files = {k: v if isinstance(v, bytes) else "\n".join(v).rstrip("\n") + "\n" for k, v in c.files.items()}
    return cases
