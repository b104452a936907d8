"""Turn a checked project into the site's files, through Jinja templates.

Only ever sees checked data. Returns {relative path: bytes}; writing is `output`'s job.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
from functools import cached_property
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from .cache import BuildCache, Linked, key
from .content import Page
from .project import Project
from .provenance import PageView, page_view, safe_url, segments, source_marks, source_uses, text_fragment_url

ENGINE_ROOT = Path(__file__).resolve().parents[1]
KEPT_HTML_ATTRS = ("id", "class")


def template_dirs(root: Path) -> list[Path]:
    """The project's own templates first, then the ones shipped beside the engine."""
    dirs = [root / "templates", ENGINE_ROOT / "templates"]
    return [d for d in dict.fromkeys(d.resolve() for d in dirs) if d.is_dir()]


def static_dirs(root: Path) -> list[Path]:
    dirs = [root / "static", ENGINE_ROOT / "static"]
    return [d for d in dict.fromkeys(d.resolve() for d in dirs) if d.is_dir()]


def _relative(from_path: str, target: str) -> str:
    """Relative link from one output file to another (a site-root path), so the site
    works at any sub-path and from disk: up to the root, then down to the target."""
    if not target or target.startswith("#"):
        return posixpath.basename(from_path) + target
    return "../" * from_path.count("/") + target


def page_file(page: Page) -> str:
    return f"{page.slug}.html"


def source_file(source_id: str) -> str:
    return f"sources/{source_id}.html"


def _date(value: str | None) -> str | None:
    """The date part of an ISO date or datetime, for display and sorting."""
    if not value:
        return None
    return str(value)[:10]


def build_date(pages: list[Page]) -> str:
    """A date for the feed that comes from the content, never the clock."""
    dates = sorted(filter(None, (p.meta.get("updated") or p.meta.get("date") for p in pages)))
    if dates:
        return _iso_datetime(dates[-1])
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch.isdigit() else 0
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _iso_datetime(value: str) -> str:
    return value if "T" in value else f"{value}T00:00:00Z"


def _tree_digest(dirs: list[Path]) -> list:
    return [
        (str(d), p.relative_to(d).as_posix(), p.read_bytes())
        for d in dirs
        for p in sorted(d.rglob("*"))
        if p.is_file()
    ]


class SiteRenderer:
    def __init__(self, project: Project, cache: BuildCache | None = None, keep_bytes: bool = True):
        self.project = project
        self.cache = cache
        self.keep_bytes = keep_bytes  # the live preview keeps rendered bytes in memory
        self.manifest: dict[str, str] = {}  # output file -> render key
        self._live_views: set[str] = set()
        templates_key = key(_tree_digest(template_dirs(project.root)))  # read the templates once
        self.looks = key(templates_key, project.config)
        self.config = project.config
        jinja = getattr(cache, "jinja", None) if cache is not None else None
        if jinja is None or jinja[0] != templates_key:
            jinja = (templates_key, self._environment(project.root))
            if cache is not None:
                cache.jinja = jinja  # compiled templates, reused while the templates do not change
        self.env = jinja[1]
        self.macros = self.env.get_template("macros.html").module
        self.md = self._markdown_renderer()
        self.pages = sorted(
            (p for p in project.pages if not p.draft),
            key=lambda p: (p.meta.get("date") or "", p.title, p.slug),
            reverse=True,
        )
        self._citing: dict[str, list[Page]] = {}
        for page in self.pages:
            for sid in page.cited_source_ids():
                self._citing.setdefault(sid, []).append(page)

    # Views, uses and marks are built only when a file that shows them is rendered:
    # a warm build that changes nothing builds none of them.
    @cached_property
    def views(self) -> list[PageView]:
        return [self._view(p) for p in self.pages]

    @cached_property
    def uses(self) -> dict:
        return source_uses(self.views)

    @cached_property
    def marks(self) -> dict:
        return source_marks(self.views)

    @staticmethod
    def _environment(root: Path) -> Environment:
        env = Environment(
            loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs(root)]),
            autoescape=select_autoescape(["html", "xml"], default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
        )
        env.filters["date"] = _date
        env.filters["safe_url"] = safe_url
        env.filters["fragment_url"] = text_fragment_url
        return env

    def _view(self, page: Page) -> PageView:
        """A page's provenance view; reused while the page and its sources are unchanged."""
        if self.cache is None:
            return page_view(page, self.project.checked.resolved)
        sources = self.project.sources
        k = key(page.path, page.digest, [(s, sources[s].digest) for s in page.cited_source_ids() if s in sources])
        view = self.cache.views.get(k)
        if view is None or view.page is not page:
            view = page_view(page, self.project.checked.resolved)
            self.cache.views[k] = view
        self._live_views.add(k)
        return view

    # --- Markdown body -------------------------------------------------------
    def _markdown_renderer(self) -> MarkdownIt:
        md = MarkdownIt("commonmark", {"html": False})
        macros = self.macros

        def footnote_ref(_renderer, tokens, idx, options, env):
            view: PageView = env["view"]
            ref = tokens[idx].meta.get("ref")
            note = view.notes.get(ref.label) if ref is not None else None
            if note is None or id(ref) not in view.ref_ids:
                return ""
            return str(macros.marker(note, view.ref_ids[id(ref)]))

        def paragraph_open(_renderer, tokens, idx, options, env):
            claim = tokens[idx].meta.get("claim")
            if claim is None:
                return "<p>"
            return str(macros.claim_open(env["claims"][claim.anchor]))

        def paragraph_close(_renderer, tokens, idx, options, env):
            claim = tokens[idx].meta.get("claim")
            if claim is None:
                return "</p>\n"
            return str(macros.claim_close(env["claims"][claim.anchor], env["page_file"]))

        md.add_render_rule("footnote_ref", footnote_ref)
        md.add_render_rule("paragraph_open", paragraph_open)
        md.add_render_rule("paragraph_close", paragraph_close)
        return md

    @staticmethod
    def _body_tokens(tokens: list) -> tuple[list, dict[str, list]]:
        """Body tokens without footnote definitions, and each definition's own tokens."""
        body, defs, depth, label = [], {}, 0, None
        for tok in tokens:
            if tok.type == "footnote_reference_open":
                depth += 1
                label = tok.meta["label"]
                defs.setdefault(label, [])
                continue
            if tok.type == "footnote_reference_close":
                depth -= 1
                continue
            if depth:
                defs[label].append(tok)
                continue
            if tok.type != "paragraph_open" and tok.attrs:
                tok.attrs = {k: v for k, v in tok.attrs.items() if k in KEPT_HTML_ATTRS}
            body.append(tok)
        return body, defs

    def _page_html(self, view: PageView, path: str) -> tuple[Markup, dict]:
        body, defs = self._body_tokens(view.page.tokens)
        plain = {}
        for label, toks in defs.items():
            note = view.notes.get(label)
            if note is not None and not note.citations:
                inner = self.md.renderer.render(toks, self.md.options, {"view": view, "claims": {}, "page_file": path})
                plain[label] = Markup(inner)
        env = {
            "view": view,
            "claims": {c.claim.anchor: c for c in view.claims},
            "page_file": path,
        }
        return Markup(self.md.renderer.render(body, self.md.options, env)), plain

    # --- pages ------------------------------------------------------------------
    def _render(self, template: str, path: str, **context) -> bytes:
        def url(target: str) -> str:
            return _relative(path, target)

        html = self.env.get_template(template).render(
            config=self.config, url=url, path=path, page_file=page_file, source_file=source_file, **context
        )
        return html.encode("utf-8")

    def explainer(self, view: PageView) -> bytes:
        if view.page.tokens is None:  # from the disk cache: parse again to render
            from .content import parse_page

            fresh = parse_page(view.page.source_text, view.page.path, view.page.slug, [])
            fresh.digest = view.page.digest
            view = page_view(fresh, self.project.checked.resolved)
        path = page_file(view.page)
        body, plain_notes = self._page_html(view, path)
        reviews = [self._claim_review(view, cv) for cv in view.claims if cv.claim.rating]
        return self._render(
            "explainer.html",
            path,
            view=view,
            page=view.page,
            body=body,
            plain_notes=plain_notes,
            reviews=[json.dumps(r, ensure_ascii=False, sort_keys=True, indent=1).replace("</", "<\\/") for r in reviews],
        )

    def _claim_review(self, view: PageView, cv) -> dict:
        page, claim = view.page, cv.claim
        first = cv.notes[0].citations[0] if cv.notes and cv.notes[0].citations else None
        reviewed = claim.attrs.get("reviewed") or (first.quote if first and first.quote else claim.text)
        item: dict = {"@type": "Claim"}
        if first is not None:
            src = first.source
            appearance: dict = {"@type": "CreativeWork", "name": src.title}
            link = first.original_url or (self.config.url + source_file(src.id) if self.config.url else None)
            if link:
                appearance["url"] = link
            if src.meta.get("published"):
                appearance["datePublished"] = src.meta["published"]
            if src.meta.get("publisher"):
                appearance["publisher"] = {"@type": "Organization", "name": src.meta["publisher"]}
            item["appearance"] = appearance
        if claim.attrs.get("claimant"):
            item["author"] = {"@type": "Organization", "name": claim.attrs["claimant"]}
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": reviewed,
            "reviewRating": {"@type": "Rating", "alternateName": claim.rating},
            "itemReviewed": item,
            "reviewBody": claim.text,
        }
        if self.config.organization:
            review["author"] = {"@type": "Organization", "name": self.config.organization}
            if safe_url(self.config.organization_url):
                review["author"]["url"] = self.config.organization_url
        if page.meta.get("date"):
            review["datePublished"] = _date(page.meta["date"])
        if self.config.url:
            review["url"] = f"{self.config.url}{page_file(page)}#{claim.anchor}"
        return review

    def source_page(self, sid: str) -> bytes:
        source = self.project.sources[sid]
        uses = self.uses.get(sid, {})
        marks = self.marks.get(sid, {})
        paragraphs = [(p, segments(p.text, marks.get(p.number, [])), uses.get(p.number, [])) for p in source.paragraphs]
        return self._render("source.html", source_file(sid), source=source, paragraphs=paragraphs)

    def _cached(self, name: str, inputs: tuple, make):
        """Render `name` unless the same inputs were rendered before: then the bytes
        come from memory (live preview) or from the previous site on disk (Linked)."""
        if self.cache is None:
            return make()
        k = key(name, self.looks, inputs)
        self._live.add(k)
        self.manifest[name] = k
        if k in self.cache.renders:
            return self.cache.renders[k]
        previous = Path(self.cache.site_dir) / name if self.cache.site_dir else None
        if previous is not None and self.cache.site_manifest.get(name) == k and previous.is_file():
            return Linked(str(previous))
        self.cache.rendered.append(name)
        body = make()
        if self.keep_bytes:
            self.cache.renders[k] = body
        return body

    def _explainer_inputs(self, page: Page) -> tuple:
        sources = self.project.sources
        return (page.path, page.digest, [(s, sources[s].digest) for s in page.cited_source_ids() if s in sources])

    def _source_inputs(self, sid: str) -> tuple:
        """A source page shows the source and what the pages citing it say of it."""
        source = self.project.sources[sid]
        return (source.digest, source.path, sorted((p.path, p.digest) for p in self._citing.get(sid, [])))

    def files(self) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        self._live: set[str] = set()
        if self.cache is not None:
            self.cache.rendered = []
        for i, page in enumerate(self.pages):
            out[page_file(page)] = self._cached(page_file(page), self._explainer_inputs(page),
                                                lambda i=i: self.explainer(self.views[i]))
        for sid in sorted(self.project.sources):
            out[source_file(sid)] = self._cached(source_file(sid), self._source_inputs(sid),
                                                 lambda s=sid: self.source_page(s))
        sources = [self.project.sources[s] for s in sorted(self.project.sources)]
        all_pages = [(p.path, p.digest) for p in self.pages]
        all_sources = [(s.id, s.digest) for s in sources]

        def cite_counts() -> dict:
            return {sid: (sum(len(v) for v in self.uses.get(sid, {}).values()), len(self.uses.get(sid, {})))
                    for sid in self.project.sources}

        out["index.html"] = self._cached("index.html", (all_pages,), lambda: self._render(
            "index.html", "index.html", views=self.views))
        out["sources/index.html"] = self._cached("sources/index.html", (all_sources, all_pages),
                                                 lambda: self._render("sources.html", "sources/index.html",
                                                                      sources=sources, counts=cite_counts()))
        out["404.html"] = self._cached("404.html", (), lambda: self._render("404.html", "404.html"))
        out[".nojekyll"] = b""
        out["provenance.json"] = self._cached("provenance.json", (all_pages, all_sources), self.provenance_json)
        if self.config.url:
            listed = sorted(f for f in out if f.endswith(".html") and f != "404.html")
            out["sitemap.xml"] = self._cached("sitemap.xml", (listed,), lambda: self._render(
                "sitemap.xml", "sitemap.xml", files=listed))
            out["feed.xml"] = self._cached("feed.xml", (all_pages, os.environ.get("SOURCE_DATE_EPOCH", "")),
                                           lambda: self._render("feed.xml", "feed.xml", views=self.views,
                                                                updated=build_date(self.pages), iso=_iso_datetime))
        for folder in reversed(static_dirs(self.project.root)):
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    out["static/" + path.relative_to(folder).as_posix()] = path.read_bytes()
        return out

    @staticmethod
    def _page_provenance(view: PageView) -> dict:
        """One page's entry of provenance.json, kept on its (cached) view."""
        if view.provenance is not None:
            return view.provenance
        claims = []
        for cv in view.claims:
            citations = []
            for note in cv.notes:
                for c in note.citations:
                    citations.append({
                        "footnote": note.label,
                        "source": c.source.id,
                        "locator": c.locator,
                        "quote": c.quote,
                        "note": note.note,
                        "paragraphs": [
                            {"number": p.number, "text": p.text, "sha256": p.digest[7:],
                             "quoted": [s.text for s in p.segments if s.marked]}
                            for p in c.paragraphs
                        ],
                    })
            claims.append({
                "anchor": cv.claim.anchor,
                "line": cv.claim.line,
                "text": cv.claim.text,
                "editorial": cv.claim.editorial,
                "rating": cv.claim.rating,
                "sources": cv.source_ids,
                "citations": citations,
            })
        view.provenance = {"file": view.page.path, "url": page_file(view.page), "title": view.page.title,
                           "date": view.page.meta.get("date"), "claims": claims}
        return view.provenance

    def provenance_json(self) -> bytes:
        pages = [self._page_provenance(view) for view in self.views]
        sources = {
            sid: {"file": s.path, "url": source_file(sid), "sha256": s.digest, "paragraphs": len(s.paragraphs),
                  **{k: v for k, v in sorted(s.meta.items()) if k != "paragraphs"}}
            for sid, s in sorted(self.project.sources.items())
        }
        doc = {"version": 1, "pages": pages, "sources": sources}
        # compact, so the C encoder does the work: one line of JSON per site
        return (json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def render_site(project: Project, cache: BuildCache | None = None, keep_bytes: bool = True):
    """All output files: bytes, or Linked to an identical file of the previous site."""
    renderer = SiteRenderer(project, cache, keep_bytes)
    files = renderer.files()
    if cache is not None:
        cache.prune({"renders": renderer._live, "views": renderer._live_views})
        cache.last_manifest = renderer.manifest
    return files


__all__ = ["render_site", "SiteRenderer"]
