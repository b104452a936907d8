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

from .cache import BuildCache
from .diagnostics import ERROR, format_text, has_errors
from .project import ProjectMissing, load_project
from .render import SiteRenderer, render_site, static_dirs, template_dirs

WATCHED = ("content", "sources", "templates", "static", "site.yml")


class Preview:
    """One project's live build: rebuild() brings `out` up to date with the files."""

    def __init__(self, root: Path, out: Path, preview: bool = True, stream=sys.stdout):
        self.root = Path(root)
        self.out = Path(out)
        self.preview = preview
        self.stream = stream
        self.cache = BuildCache()
        self.last_good: dict[str, bytes] | None = None
        self.written: dict[str, bytes] = {}
        self.diagnostics: list = []

    def rebuild(self, *_changed) -> bool:
        """Build now; True when the site is error-free. Never raises for bad input."""
        started = time.perf_counter()
        try:
            project = load_project(self.root, self.cache)
        except ProjectMissing as exc:
            print(f"error: {exc}", file=self.stream, flush=True)
            return False
        if self.preview:
            project.config = dataclasses.replace(project.config, preview=True)
        self.diagnostics = project.diagnostics
        if has_errors(project.diagnostics):
            files = self._with_overlay(project)
            ok = False
        else:
            files = render_site(project, self.cache)
            self.last_good = files
            ok = True
        changed = self._sync(files)
        report = format_text(project.diagnostics)
        if report:
            print(report, file=self.stream)
        took = (time.perf_counter() - started) * 1000
        state = "ok" if ok else "errors: showing the last good build with the findings on top"
        print(f"rebuilt in {took:.0f} ms, {changed} file(s) written ({state})", file=self.stream, flush=True)
        return ok

    def _with_overlay(self, project) -> dict[str, bytes]:
        renderer = SiteRenderer.__new__(SiteRenderer)  # only the template environment is needed
        SiteRenderer.__init__(renderer, dataclasses.replace(project, pages=[]), None)
        errors = sum(1 for d in project.diagnostics if d.severity == ERROR)
        overlay = renderer.env.get_template("overlay.html").render(diagnostics=project.diagnostics, errors=errors)
        base = dict(self.last_good) if self.last_good else {
            "index.html": renderer._render("overlay_page.html", "index.html"),
            **{f"static/{p.relative_to(d).as_posix()}": p.read_bytes()
               for d in reversed(static_dirs(self.root)) for p in sorted(d.rglob("*")) if p.is_file()},
        }
        marker = b"<main id=\"main\">"
        return {
            name: body.replace(marker, marker + overlay.encode("utf-8"), 1) if name.endswith(".html") else body
            for name, body in base.items()
        }

    def _sync(self, files: dict[str, bytes]) -> int:
        """Write what changed, delete what is gone; return how many files were written."""
        count = 0
        self.out.mkdir(parents=True, exist_ok=True)
        for name in sorted(set(self.written) - set(files)):
            (self.out / name).unlink(missing_ok=True)
        for name in sorted(files):
            if self.written.get(name) != files[name]:
                target = self.out / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(files[name])
                count += 1
        self.written = dict(files)
        return count

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
        server.serve(root=str(out), host=host, port=port, restart_delay=0)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return 0
