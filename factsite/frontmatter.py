"""YAML front matter (between `---` lines at the top): split from a Markdown body, and
an explainer page's front matter checked against its fields.

The body keeps its line numbers: front matter lines are replaced by blank lines,
so every token's `map` still points at the file's own lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import ERROR, Diagnostic
from .fields import Field, Fields, boolean, raw, text_list
from .yamlutil import YamlProblem, load_mapping

PAGE_FIELDS = Fields(
    (Field("title", required=True), Field("summary"), Field("date"), Field("updated"),
     Field("authors", text_list("write authors: [Name One, Name Two]")), Field("draft", boolean),
     Field("corrections", raw)),  # read by factsite.corrections, which reports each entry
    code="bad-front-matter", noun="front matter key", container="front matter",
)


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


def read_front_matter(fm: FrontMatter, where: str, diags: list) -> dict:
    """An explainer page's front matter as clean values; findings go to `diags`."""
    if fm.yaml_text is None:
        diags.append(Diagnostic(where, 1, 1, ERROR, "bad-front-matter", "the page has no front matter",
                                "start the page with '---', a line 'title: ...', and '---'"))
        return {}
    if fm.unterminated:
        diags.append(Diagnostic(where, 1, 1, ERROR, "bad-front-matter", "front matter is not closed",
                                "end the front matter with a line '---'"))
        return {}
    try:
        parsed = load_mapping(fm.yaml_text)
    except YamlProblem as exc:
        diags.append(Diagnostic(where, exc.line + fm.first_line - 1, 1, ERROR, "bad-front-matter", exc.message,
                                "front matter is YAML: 'key: value' lines, with text containing ':' in quotes"))
        return {}
    lines = {key: n + fm.first_line - 1 for key, n in parsed.key_lines.items()}
    meta = PAGE_FIELDS.check(parsed.data, lines, where, diags, fm.first_line)
    if "corrections" in parsed.data:
        from .corrections import read_corrections

        meta["corrections"] = read_corrections(parsed.data["corrections"], fm.yaml_text, fm.first_line,
                                               lines.get("corrections", fm.first_line), where, diags)
    if "updated" in meta or "corrections" in meta:
        from .corrections import settle_dates

        settle_dates(meta, lines, where, diags)
    return meta
