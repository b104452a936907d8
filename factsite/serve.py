"""Live preview: rebuild on every change, serve the result on localhost, reload the browser.

The preview builds into a folder of its own (never `site/`), through the same
load/check/render path as `build.py`, with caches so a change re-renders only what
depends on it. While the build has errors, every page shows them in an overlay on
top of the last good build, and the server keeps running.
"""

from __future__ import annotations

import dataclasses
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from jinja2 import TemplateNotFound

from .build import build
from .cache import SavedState
from .diagnostics import ERROR, format_text
from .incremental import PreviewMemory, environment, remember
from .load import ProjectMissing
from .output import InPlace, trash_folder
from .provenance_json import NAME as PROVENANCE
from .render import Renderer, static_dirs, static_files, template_dirs, templates_key
from .sink import Changes
from .watch import InputWatch
from .workers import Aside

WATCHED = ("content", "sources", "templates", "static", "site.yml", "sources.lock")


class Preview:
    """One project's live build: rebuild() brings `out` up to date with the files.

    The output folder is the preview's own, so it is updated in place, file by file
    (only what changed is written); its state stays in memory between rebuilds: the
    last good build's (`cache`, as `build.py` keeps on disk) and the preview's own
    (`memory`: files as read, compiled templates).
    """

    def __init__(self, root: Path, out: Path, preview: bool = True, stream=sys.stdout, jobs: int | None = None):
        self.root = Path(root)
        self.out = Path(out)
        self.preview = preview
        self.stream = stream
        self.jobs = jobs
        self.cache = SavedState()
        self.memory = PreviewMemory(watch=InputWatch(self.root))
        self.clean: dict[str, bytes] = {}  # pages as built, while the overlay covers them
        self.diagnostics: list = []
        self.pending: Aside | None = None  # provenance.json being written after a rebuild

    def rebuild(self, *_changed) -> bool:
        """Build now; True when the site is error-free. Never raises for bad input."""
        started = time.perf_counter()
        self.settle()
        self._restore()
        # the folder is the preview's own: it holds what the last good build wrote
        known = self.cache.site_dir and self.out.is_dir()
        sink = InPlace(self.out, set(self.cache.site_manifest) if known else None)
        overrides = (lambda config: dataclasses.replace(config, preview=True)) if self.preview else None
        try:
            result = build(self.root, self.cache, sink, self.jobs, overrides, self.memory, defer_provenance=True)
        except (ProjectMissing, TemplateNotFound) as exc:
            sink.discard()
            print(f"error: {getattr(exc, 'message', None) or exc}", file=self.stream, flush=True)
            return False
        self.diagnostics = result.diagnostics
        if result.ok:
            # the folder held exactly the last good build's files (an overlay was taken off)
            held = (PROVENANCE,) if result.later is not None else ()
            before = self.cache.site_manifest if self.cache.site_dir else None
            sink.commit(Changes(tuple(result.rendered), result.files, before, held))
            remember(self.cache, result, self.out, self.memory)
            if result.later is not None:
                self.pending = Aside(lambda: self._write_provenance(result.later, sink))
            changed = len(result.rendered)
        else:
            sink.discard()
            self.cache.rendered = []
            changed = self._overlay(result)
        report = format_text(result.diagnostics)
        if report:
            print(report, file=self.stream)
        took = (time.perf_counter() - started) * 1000
        state = "ok" if result.ok else "errors: showing the last good build with the findings on top"
        print(f"rebuilt in {took:.0f} ms, {changed} file(s) written ({state})", file=self.stream, flush=True)
        return result.ok

    def settle(self) -> None:
        """Wait until the last rebuild's provenance.json is in place."""
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.join()  # (raises what the write raised, other than OSError: a bug)

    def _write_provenance(self, write, sink: InPlace) -> None:
        """provenance.json, which no page loads, is written after the pages are in place
        and the browser may reload: the whole file is rewritten when a claim changes."""
        try:
            self.cache.provenance = write()
            sink.commit(Changes((PROVENANCE,)))
        except OSError as exc:
            # the next rebuild writes it again, from nothing
            self.cache.provenance = ()
            self.cache.site_manifest.pop(PROVENANCE, None)
            (self.out / (PROVENANCE + sink.suffix)).unlink(missing_ok=True)
            print(f"error: could not write {PROVENANCE} ({exc}); the next rebuild writes it again",
                  file=self.stream, flush=True)

    def _overlay(self, result) -> int:
        """Put the findings on top of every page of the last good build."""
        env = environment(self.root, templates_key(self.root), self.cache, self.memory)
        errors = sum(1 for d in result.diagnostics if d.severity == ERROR)
        overlay = env.get_template("overlay.html").render(diagnostics=result.diagnostics, errors=errors).encode("utf-8")
        pages = sorted(p for p in self.out.rglob("*.html") if p.is_file())
        if not pages:  # nothing good yet: a page that holds only the findings
            renderer = Renderer(self.root, result.config, {}, env)
            (self.out / "index.html").write_bytes(renderer._render("overlay_page.html", "index.html"))
            for name, body in static_files(self.root).items():
                (self.out / name).parent.mkdir(parents=True, exist_ok=True)
                (self.out / name).write_bytes(body)
            pages = [self.out / "index.html"]
            self.clean = {"index.html": b""}  # not a page of any build: removed on recovery
            self.cache.site_manifest = {}
        else:
            self.clean = {p.relative_to(self.out).as_posix(): p.read_bytes() for p in pages}
        marker = b"<main id=\"main\">"
        for path in pages:
            rel = path.relative_to(self.out).as_posix()
            body = self.clean[rel] or path.read_bytes()
            path.write_bytes(body.replace(marker, marker + overlay, 1))
        return len(pages)

    def _restore(self) -> None:
        """Take the overlay off: the pages go back to what the last good build wrote."""
        for rel, body in self.clean.items():
            path = self.out / rel
            if body:
                path.write_bytes(body)
            else:
                path.unlink(missing_ok=True)
        self.clean = {}

    def watched(self) -> list[Path]:
        paths = [self.root / name for name in WATCHED]
        paths += template_dirs(self.root) + static_dirs(self.root)
        return sorted({p for p in paths if p.exists()})


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    from livereload import Server
    from livereload.handlers import LiveReloadHandler

    # livereload drops (not defers) a reload that comes within 3 s of the last one;
    # an editor saving twice quickly would be left looking at a stale page.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    from .ports import PortTaken, claim_port

    try:
        port = claim_port(host, port)
    except PortTaken as exc:
        print(exc, file=sys.stderr)
        return 2
    out = Path(tempfile.mkdtemp(prefix="factsite-preview-"))
    preview = Preview(root, out)

    def stop(*_args):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        preview.rebuild()
        server = Server()
        for path in preview.watched():
            server.watch(str(path), preview.rebuild)
        print(f"serving http://{host}:{port}/ (Ctrl-C stops)", flush=True)
        try:
            server.serve(root=str(out), host=host, port=port, restart_delay=0)
        except OSError as exc:  # taken in the moment since claim_port tried it
            from .ports import taken_message

            print(taken_message(host, port, exc), file=sys.stderr)
            return 2
    finally:
        try:
            preview.settle()
        finally:
            preview.memory.watch.close()
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(trash_folder(out), ignore_errors=True)
    return 0
