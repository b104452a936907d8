"""Turn a checked project into the site's files, through Jinja templates.

Only ever sees checked data. Returns {relative path: bytes}; writing is `output`'s job.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
from pathlib import Path

from jinja2 import Environment, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from .bidi import text_rule as bidi_text_rule
from .keys import key
from .page_model import Page
from .corrections import by_claim, site_corrections
from .i18n import install as install_i18n
from .i18n import locale_dirs
from .independence import family_of
from .keep_with_word import CLOSE, OPEN, render_close, render_open
from .notfound import not_found_context
from .provenance import PageView, safe_url, segments, text_fragment_url
from .reader import cards, cited_in, excerpt, records_conflict, sources_differ
from .summary import summary_html
from .theme_dirs import ThemeLoader, static_dirs, template_dirs

def _root(from_path: str) -> str:
    """The way up from an output file to the site's root: "" or "../", "../../"..."""
    return "../" * from_path.count("/")


def _relative(from_path: str, target: str) -> str:
    """Relative link from one output file to another (a site-root path), so the site
    works at any sub-path and from disk: up to the root, then down to the target."""
    if not target or target.startswith("#"):
        return posixpath.basename(from_path) + target
    return _root(from_path) + target


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


class Renderer:
    """The templates, compiled once, and what renders each kind of file from checked
    data: an explainer from its page view, a source page from the claims that cite it,
    the lists and provenance.json from per-page summaries. No I/O, no decisions about
    what needs rendering (that is the pipeline's job)."""

    def __init__(self, root: Path, config, sources: dict, env: Environment | None = None):
        self.root = root
        self.config = config
        self.sources = sources
        self.env = env if env is not None else self._environment(root)
        install_i18n(self.env, root, config.language)  # before the macros module reads the globals
        self.macros = self.env.get_template("macros.html").module
        self.md = self._markdown_renderer()
        self._credits: dict[tuple[str, str], Markup] = {}
        self.evidence: dict[str, tuple] = {}  # source -> accepted changes in sources.lock: (date, reason)

    def _credit(self, src, src_url: str) -> Markup:
        """A source's title, publisher and date as a citation shows them: the same for
        every citation of the source from pages at the same depth, so rendered once."""
        html = self._credits.get((src.id, src_url))
        if html is None:
            html = self._credits[(src.id, src_url)] = Markup(self.macros.source_credit(src, src_url))
        return html

    def compile(self) -> None:
        """Compile the page templates now (before forking: the workers then share them)."""
        for name in ("base.html", "explainer.html", "source.html"):
            self.env.get_template(name)

    @staticmethod
    def _environment(root: Path, bytecode_dir: Path | None = None) -> Environment:
        """`bytecode_dir`: where compiled templates are kept between runs (Jinja's
        own cache, keyed by each template's source), so a warm build compiles none."""
        cache = None
        if bytecode_dir is not None:
            from jinja2 import FileSystemBytecodeCache

            bytecode_dir.mkdir(parents=True, exist_ok=True)
            cache = FileSystemBytecodeCache(str(bytecode_dir))
        env = Environment(
            bytecode_cache=cache,
            loader=ThemeLoader(template_dirs(root)),
            autoescape=select_autoescape(["html", "xml"], default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
            extensions=["jinja2.ext.i18n"],  # the interface strings come from a catalogue (i18n.py)
        )
        env.filters["date"] = _date
        env.filters["safe_url"] = safe_url
        env.filters["fragment_url"] = text_fragment_url
        env.filters["excerpt"] = excerpt
        env.filters["cards"] = cards
        env.tests["conflict"] = records_conflict
        env.globals["sources_differ"] = sources_differ
        return env

    # --- Markdown body -------------------------------------------------------
    def _markdown_renderer(self) -> MarkdownIt:
        """Render rules that read the page model: a token carries only its index in it."""
        md = MarkdownIt("commonmark", {"html": False})
        macros = self.macros

        def footnote_ref(_renderer, tokens, idx, options, env):
            view: PageView = env["view"]
            index = tokens[idx].meta.get("ref")
            ref_id = view.ref_ids.get(index)
            if ref_id is None:
                return ""
            return str(macros.marker(view.notes[view.page.refs[index].label], ref_id))

        def paragraph_open(_renderer, tokens, idx, options, env):
            index = tokens[idx].meta.get("claim")
            if index is None:
                return "<p>"
            return str(macros.claim_open(env["view"].claims[index]))

        def paragraph_close(_renderer, tokens, idx, options, env):
            index = tokens[idx].meta.get("claim")
            if index is None:
                return "</p>\n"
            cv = env["view"].claims[index]
            corrected = env["corrected"].get(cv.claim.anchor)
            if corrected:  # (the claim links to the corrections that concern it)
                return str(macros.claim_close(cv, env["page_file"], corrected))
            return str(macros.claim_close(cv, env["page_file"]))

        md.add_render_rule("footnote_ref", footnote_ref)
        md.add_render_rule("paragraph_open", paragraph_open)
        md.add_render_rule("paragraph_close", paragraph_close)
        md.add_render_rule("text", bidi_text_rule(self.config.language))  # isolates the other direction's runs
        md.add_render_rule(OPEN, render_open)
        md.add_render_rule(CLOSE, render_close)
        return md

    def body_html(self, view: PageView) -> tuple[Markup, dict[str, Markup]]:
        """The page's text as HTML, its claims with their badges and markers, and each
        plain note's HTML by label (a citation is shown from its resolved data)."""
        page = view.page
        env = {"view": view, "page_file": page_file(page), "corrected": by_claim(page.meta.get("corrections"))}
        plain = {}
        for label, tokens in page.notes.items():
            note = view.notes.get(label)
            if note is not None and not note.citations:
                plain[label] = Markup(self.md.renderer.render(tokens, self.md.options, env))
        return Markup(self.md.renderer.render(page.body, self.md.options, env)), plain

    # --- pages ------------------------------------------------------------------
    def _render(self, template: str, path: str, base: str | None = None, **context) -> bytes:
        """`base`: the site's root path (`/repo/`) when links must not be relative."""
        def url(target: str) -> str:
            return base + target if base is not None else _relative(path, target)

        html = self.env.get_template(template).render(
            config=self.config, url=url, root=base if base is not None else _root(path), path=path, page_file=page_file,
            source_file=source_file, **context
        )
        return html.encode("utf-8")

    def explainer(self, view: PageView) -> bytes:
        path = page_file(view.page)
        body, plain_notes = self.body_html(view)
        reviews = [self._claim_review(view, cv) for cv in view.claims if cv.claim.rating]
        return self._render(
            "explainer.html",
            path,
            view=view,
            page=view.page,
            body=body,
            summary=summary_html(self.md, view, path),
            plain_notes=plain_notes,
            credit=self._credit,
            reviews=[_script_json(r) for r in reviews],
            corrections=list(reversed(view.page.meta.get("corrections") or [])),
            article_ld=self._article_ld(view.page),
        )

    def _article_ld(self, page) -> str | None:
        """The page as a schema.org Article, for an updated or corrected page: when it
        was modified and what was corrected (CreativeWork.correction)."""
        meta = page.meta
        if not meta.get("updated") and not meta.get("corrections"):
            return None
        doc: dict = {"@context": "https://schema.org", "@type": "Article", "headline": page.title,
                     "inLanguage": self.config.language}
        if meta.get("date"):
            doc["datePublished"] = _date(meta["date"])
        if meta.get("updated"):
            doc["dateModified"] = _date(meta["updated"])
        if self.config.url:
            doc["url"] = f"{self.config.url}{page_file(page)}"
        if meta.get("corrections"):
            doc["correction"] = [{"@type": "CorrectionComment", "datePublished": c["date"], "text": c["text"]}
                                 for c in reversed(meta["corrections"])]
        return _script_json(doc)

    def _claim_review(self, view: PageView, cv) -> dict:
        page, claim = view.page, cv.claim
        first = cv.notes[0].citations[0] if cv.notes and cv.notes[0].citations else None
        reviewed = claim.attrs.get("reviewed") or (first.quote if first and first.quote else claim.text)
        item: dict = {"@type": "Claim"}
        if first is not None:
            appearance = self._appearance(first.source, first.original_url)
            item["appearance"] = appearance
            # one appearance per independent origin: a rewrite of the same story is not another
            others = [self._appearance(c.source, c.original_url) for c in _first_of_each_origin(cv)[1:]]
            if others:
                item["appearance"] = [appearance, *others]
        if claim.attrs.get("claimant"):
            item["author"] = {"@type": "Organization", "name": claim.attrs["claimant"]}
        review = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": reviewed,
                  "reviewRating": {"@type": "Rating", "alternateName": claim.rating}, "itemReviewed": item,
                  "reviewBody": claim.text, "inLanguage": self.config.language}  # (its words: the site's)
        if self.config.organization:
            review["author"] = {"@type": "Organization", "name": self.config.organization}
            if safe_url(self.config.organization_url):
                review["author"]["url"] = self.config.organization_url
        if page.meta.get("date"):
            review["datePublished"] = _date(page.meta["date"])
        if page.meta.get("updated"):
            review["dateModified"] = _date(page.meta["updated"])
        if self.config.url:
            review["url"] = f"{self.config.url}{page_file(page)}#{claim.anchor}"
        return review

    def _appearance(self, src, original_url: str | None) -> dict:
        appearance: dict = {"@type": "CreativeWork", "name": src.title}
        link = original_url or (self.config.url + source_file(src.id) if self.config.url else None)
        if link:
            appearance["url"] = link
        if src.meta.get("published"):
            appearance["datePublished"] = src.meta["published"]
        if src.meta.get("publisher"):
            appearance["publisher"] = {"@type": "Organization", "name": src.meta["publisher"]}
        return appearance

    def source_page(self, source, uses: dict, marks: dict) -> bytes:
        """`uses`: paragraph number -> [Use]; `marks`: paragraph number -> quoted spans."""
        paragraphs = [(p, segments(p.text, marks.get(p.number, [])), uses.get(p.number, [])) for p in source.paragraphs]
        return self._render("source.html", source_file(source.id), source=source, paragraphs=paragraphs,
                            history=self.evidence.get(source.id, ()),
                            raw=f"sources/raw/{source.id}.html" if source.meta.get("sha256") else None,
                            cited_in=cited_in(paragraphs))

    def index(self, entries: list) -> bytes:
        return self._render("index.html", "index.html", views=entries)

    def sources_index(self, counts: dict) -> bytes:
        sources = [self.sources[s] for s in sorted(self.sources)]
        return self._render("sources.html", "sources/index.html", sources=sources, counts=counts)

    def corrections(self, entries: list) -> bytes:
        """Every published correction of the site, newest first."""
        return self._render("corrections.html", "corrections.html", rows=site_corrections(entries))
    def search_page(self) -> bytes:
        return self._render("search.html", "search.html", wasm=True)

    def not_found(self) -> bytes:
        return self._render("404.html", "404.html", **not_found_context(self.config))

    def sitemap(self, files: list[str]) -> bytes:
        return self._render("sitemap.xml", "sitemap.xml", files=files)

    def feed(self, entries: list) -> bytes:
        return self._render("feed.xml", "feed.xml", views=entries, updated=build_date([e.page for e in entries]),
                            iso=_iso_datetime)

    @staticmethod
    def page_provenance(view: PageView) -> bytes:
        """One page's entry of provenance.json, as compact JSON (joined by `provenance_json`)."""
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
                "checked": [{"code": a.code, "reason": a.reason} for a in cv.claim.accepts],
                "sources": cv.source_ids,
                "origins": cv.origins,  # the sources grouped by independent origin
                "independent": len(cv.origins),
                "citations": citations,
            })
        entry = {"file": view.page.path, "url": page_file(view.page), "title": view.page.title,
                 "date": view.page.meta.get("date"), "claims": claims}
        return _json(entry)

    def provenance_json(self, entries) -> bytes:
        """The whole file from the pages' entries (bytes, in page order): the same bytes
        as dumping the whole document at once, without holding it as objects."""
        sources = {
            sid: {"file": s.path, "url": source_file(sid), "sha256": s.digest, "paragraphs": len(s.paragraphs),
                  **{k: v for k, v in sorted(s.meta.items()) if k != "paragraphs"},
                  **({"relations": s.relations.as_dict()} if s.relations is not None else {})}
            for sid, s in sorted(self.sources.items())
        }
        # keys in sorted order, compact separators: as json.dumps(doc, sort_keys=True) writes it
        return b'{"pages":[' + b",".join(entries) + b'],"sources":' + _json(sources) + b',"version":1}\n'


def _first_of_each_origin(cv) -> list:
    """The claim's first citation of each independent origin, in citation order."""
    seen, firsts = set(), []
    for note in cv.notes:
        for c in note.citations:
            family = family_of(c.source).id
            if family not in seen:
                seen.add(family)
                firsts.append(c)
    return firsts


def _script_json(value) -> str:
    """JSON for a <script> element: indented, and no "</" that could close it."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).replace("</", "<\\/")


def _json(value) -> bytes:
    # compact, so the C encoder does the work
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def static_files(root: Path) -> dict[str, bytes]:
    """The static folders' files (the project's own win over the engine's)."""
    out: dict[str, bytes] = {}
    for folder in reversed(static_dirs(root)):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                out["static/" + path.relative_to(folder).as_posix()] = path.read_bytes()
    return dict(sorted(out.items()))


def templates_key(root: Path) -> str:
    """Changes whenever a template the site is rendered with changes."""
    return key(_tree_digest(template_dirs(root) + [d for d in locale_dirs(root) if d.is_dir()]))


__all__ = ["Renderer", "page_file", "source_file", "static_dirs", "static_files", "template_dirs", "templates_key"]
