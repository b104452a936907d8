"""Split YAML front matter (between `---` lines at the top) from a Markdown body.

The body keeps its line numbers: front matter lines are replaced by blank lines,
so every token's `map` still points at the file's own lines.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FrontMatter:
    yaml_text: str | None  # None when the file has no front matter
    body: str  # the whole file with the front matter blanked out
    first_line: int  # 1-based line of the first YAML line
    unterminated: bool = False


def split_front_matter(text: str) -> FrontMatter:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter(None, text, 1)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:i])
            body = "\n" * (i + 1) + "\n".join(lines[i + 1 :])
            return FrontMatter(yaml_text, body, 2)
    return FrontMatter("\n".join(lines[1:]), "\n" * len(lines), 2, unterminated=True)
