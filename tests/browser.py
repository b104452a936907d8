"""Debian's Chromium driven by Playwright, and a static file server on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    not_found_page: str | None = None  # a file under the folder, served for missing addresses

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        """As GitHub Pages does: a missing address at any depth gets the site's 404 page."""
        page = Path(self.directory) / self.not_found_page if self.not_found_page and code == 404 else None
        if page is None or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(folder: Path, not_found: str | None = None):
    """Serve `folder` on a free port of 127.0.0.1; yields the base URL. `not_found`: the
    file (relative to `folder`) served with status 404 for any missing address."""
    handler = functools.partial(type("Handler", (_QuietHandler,), {"not_found_page": not_found}),
                                directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
