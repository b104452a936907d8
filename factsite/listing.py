"""`build.py sources [ID]`: the sources, or one source's numbered paragraphs, for editors."""

from __future__ import annotations

import textwrap

from rapidfuzz import fuzz, process

from .script import language_line


def list_sources(project, source_id: str | None, out) -> int:
    sources = project.sources
    if source_id is None:
        width = max((len(s) for s in sources), default=2)
        for sid in sorted(sources):
            s = sources[sid]
            print(f"{sid:<{width}}  {len(s.paragraphs):>4} paragraphs  {s.path}  {s.meta.get('title', '')}", file=out)
        return 0
    source = sources.get(source_id)
    if source is None:
        close = [m[0] for m in process.extract(source_id, sorted(sources), scorer=fuzz.ratio, limit=3, score_cutoff=50)]
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        print(f"error: no source {source_id!r}{hint}", file=out)
        return 1
    print(f"{source.id}: {source.title}", file=out)
    for key in ("publisher", "author", "published", "url"):
        if source.meta.get(key):
            print(f"  {key}: {source.meta[key]}", file=out)
    print(f"  language: {language_line(source)}", file=out)
    print(f"  file: {source.path}", file=out)
    relations = getattr(source, "relations", None)
    for link in relations.links if relations is not None else ():
        print(f"  {link.phrase.lower()}: {link.other} ({link.how}{': ' + link.evidence if link.evidence else ''})",
              file=out)
    print(file=out)
    print_paragraphs(source, out)
    return 0


def print_paragraphs(source, out) -> None:
    for p in source.paragraphs:
        label = f"#p{p.number}"
        body = textwrap.fill(p.text, width=88, initial_indent="", subsequent_indent=" " * 7)
        print(f"{label:>6} {body}", file=out)
