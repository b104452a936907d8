"""`build.py add-source FILE.html [--id ID]`: bring a saved web page into sources/.

The page is copied byte for byte (it is evidence). A sidecar is written from the
page's own metadata: its explicit tags first (Open Graph, article:published_time,
canonical link), then what trafilatura finds in the page itself (a headline without
the site's name, a byline, a date in the text) for whatever the tags leave out.
"""

from __future__ import annotations

import datetime as dt
import shutil
import warnings
from pathlib import Path

import yaml

from .slug import slugify
from .sources import ID_PATTERN, READERS, decode, load_sources
from .sources.html import read_html

FIELDS = ("title", "author", "publisher", "published", "url", "language")


def page_metadata(html: str, notes: list | None = None) -> dict:
    """Metadata of a saved page: its own tags, gaps filled by trafilatura."""
    own = read_html(html, {}).meta
    meta = {k: own[k] for k in FIELDS if own.get(k) and k != "title"}
    try:
        from trafilatura.metadata import extract_metadata

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # no extensive date search: it takes a copyright line's year for the publication date
            found = extract_metadata(html, date_config={"extensive_search": False, "original_date": True})
        found = found.as_dict() if found is not None else {}
    except ImportError as exc:
        if notes is not None:
            notes.append(f"note: trafilatura could not be loaded ({exc}); metadata comes from the page's tags only")
        found = {}
    except Exception:  # noqa: BLE001 - a page trafilatura cannot read still gets the tags' metadata
        found = {}
    guesses = {"title": found.get("title"), "author": found.get("author"), "publisher": found.get("sitename"),
               "published": found.get("date"), "url": found.get("url"), "language": found.get("language")}
    title_tag = own.get("title")
    if title_tag and "og:title" in html:
        meta["title"] = title_tag
    publisher = str(guesses.get("publisher") or "")
    if "." in publisher and " " not in publisher:
        guesses["publisher"] = None  # a host name is trafilatura's guess, not what the page says
    for key in FIELDS:
        if not meta.get(key) and guesses.get(key):
            meta[key] = str(guesses[key]).strip()
    if not meta.get("title") and title_tag:
        meta["title"] = title_tag
    return {k: meta[k] for k in FIELDS if meta.get(k)}


def propose_id(title: str, taken: set[str], fallback: str) -> str:
    base = slugify(title, max_words=6) or slugify(fallback, max_words=6) or "source"
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def add_source(root: Path, file: Path, source_id: str | None, out) -> int:
    if not file.is_file():
        print(f"error: {file}: no such file", file=out)
        return 2
    if file.suffix.lower() not in (".html", ".htm"):
        print(f"error: {file}: add-source takes a saved web page (.html or .htm)", file=out)
        return 2
    data = file.read_bytes()
    text, problem, line = decode(data)
    if text is None:
        print(f"error: {file}:{line}: {problem}", file=out)
        print("  help: sources must be UTF-8; save the page again as UTF-8 (keep this copy as evidence elsewhere)",
              file=out)
        return 1
    sources, _ = load_sources(root)
    taken = set(sources) | {p.stem for p in (root / "sources").rglob("*") if p.suffix.lower() in READERS}
    notes: list[str] = []
    meta = page_metadata(text, notes)
    for note in notes:
        print(note, file=out)
    from .duplicates import already_sources

    repeats = already_sources(root, sources, data, meta.get("url"), read_html(text, {}).paragraphs)
    for line in repeats:
        print(line, file=out)
    if repeats:
        print("  help: cite the source that is there; delete the new copy if it adds nothing", file=out)
    if source_id is None:
        source_id = propose_id(meta.get("title", ""), taken, file.stem)
    elif not ID_PATTERN.match(source_id):
        print(f"error: bad source id {source_id!r}: use lower-case letters and digits joined by single hyphens",
              file=out)
        return 2
    elif source_id in taken:
        print(f"error: a source with id {source_id!r} exists already; choose another --id", file=out)
        return 1
    target = root / "sources" / f"{source_id}.html"
    sidecar = root / "sources" / f"{source_id}.yml"
    if target.exists() or sidecar.exists():
        print(f"error: {target} or its sidecar exists already", file=out)
        return 1
    saved = dt.datetime.fromtimestamp(file.stat().st_mtime, dt.timezone.utc).date().isoformat()
    meta.setdefault("retrieved", saved)
    shutil.copyfile(file, target)
    header = (f"# Metadata of {target.name}, read from the page by add-source: check it against the page.\n"
              f"# 'retrieved' is the saved file's date ({file.name}).\n")
    sidecar.write_text(header + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    print(f"added {target.relative_to(root)} and {sidecar.relative_to(root)}", file=out)
    for key in (*FIELDS, "retrieved"):
        print(f"  {key}: {meta.get(key, '(not found: left out)')}", file=out)
    print(file=out)
    from .listing import print_paragraphs

    added, _ = load_sources(root)
    print_paragraphs(added[source_id], out)
    print(f"\ncite it as {source_id}#pN \"quoted words\"", file=out)
    return 0
