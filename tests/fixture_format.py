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
    target = None  # (section kind, its argument) the next lines belong to
    for lineno, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.startswith("=== "):
            case = Case(line[4:].strip(), path.name, lineno)
            cases.append(case)
            target = None
        elif case is not None and line.startswith(">>> "):
            target = _open_section(case, line[4:], f"{path}:{lineno}")
        elif case is not None and target is not None:
            _add_line(case, target, line)
    for c in cases:
        c.files = {k: v if isinstance(v, bytes) else "\n".join(v).rstrip("\n") + "\n" for k, v in c.files.items()}
    return cases


def _open_section(case: Case, header: str, where: str) -> tuple[str, str | None]:
    """A `>>> kind arg` line: start that section of the case."""
    kind, _, arg = header.partition(" ")
    arg = arg.strip()
    if kind in ("file", "bytes"):
        case.files[arg] = []
    elif kind == "expect":
        case.has_expect = True
        return kind, None
    elif kind in ("paragraphs", "meta"):
        getattr(case, kind)[arg] = []
    else:
        raise ValueError(f"{where}: unknown section {kind!r}")
    return kind, arg


def _add_line(case: Case, target: tuple[str, str | None], line: str) -> None:
    kind, arg = target
    if kind == "file":
        case.files[arg].append(line)
    elif kind == "bytes":
        if line.strip():
            case.files[arg] = ast.literal_eval(line.strip())
    elif line.strip():
        (case.expect if kind == "expect" else getattr(case, kind)[arg]).append(line.strip())
