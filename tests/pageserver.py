"""A local web server for capture tests: pages on 127.0.0.1, never the internet.

Each route is a function of the handler; `PAGES` may be changed by a test while the
server runs (to serve a changed page at the same address).
"""

from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Council agrees ceasefire plan | Daily Gazette</title>
<meta property="og:site_name" content="Daily Gazette"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2026-11-30T10:00:00Z"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Council agrees ceasefire plan</h1>
<p>The city council agreed on Tuesday to back a ceasefire plan drawn up by the three movements, after a debate that lasted most of the night.</p>
<p>The plan, which runs to twelve pages, asks both sides to withdraw heavy weapons within 30 days and to open two humanitarian corridors.</p>
<p>"This is a golden opportunity," said the council's chair, Maria Lopez, who added that the vote was not unanimous.</p>
<p>Four members voted against, saying the corridors could not be guaranteed without outside monitors.</p>
</article>
<aside><h3>Most read</h3><ol><li><a href="/d">Ten things to do this weekend</a></li></ol></aside>
<footer>&copy; 2026 Daily Gazette</footer></body></html>
"""

MESSY = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floods close the coast road | Coast Herald</title>
<meta property="og:site_name" content="Coast Herald"></head>
<body><div class="top"><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></div>
<div class="wrap"><div class="content">
<h1>Floods close the coast road</h1>
<div class="byline">By Sam Field</div>
<p>The coast road between the two harbours was closed on Sunday after the river burst its banks for the second time this month.</p>
<p>Engineers said the road would stay closed until the water level drops below the warning mark, which could take a week.</p>
<p>Read more: <a href="/x">Council to vote on flood defences</a></p>
<div class="related"><h3>Read more</h3><ul><li><a href="/a">Mayor resigns after scandal</a></li><li><a href="/b">Harbour fees to rise</a></li><li><a href="/c">New ferry timetable</a></li></ul></div>
<p>About 300 households have been asked to leave their homes, and a school has been opened as a shelter for them.</p>
</div>
<div class="sidebar"><h3>Most read</h3><ol><li><a href="/d">Ten things to do this weekend</a></li><li><a href="/e">Football: city wins derby</a></li><li><a href="/f">Recipe of the week</a></li></ol></div>
</div><div class="foot">&copy; 2026 Coast Herald. All rights reserved. <a href="/privacy">Privacy</a></div></body></html>
"""

ACCENTS = """<!doctype html><html><head><meta charset="utf-8"><title>Caf\u00e9 owners meet</title></head>
<body><article><h1>Caf\u00e9 owners meet</h1>
<p>The caf\u00e9 owners\u2019 association met on Monday and said the new rules were \u201cna\u00efve\u201d.</p>
<p>Its chair said the rules would cost each caf\u00e9 about \u20ac2,000 a year.</p></article></body></html>
"""


class State:
    def __init__(self):
        self.pages = {"/article": ARTICLE, "/messy": MESSY, "/accents": ACCENTS}
        self.slow = 2.0


class Handler(BaseHTTPRequestHandler):
    state: State

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body: bytes, headers: dict | None = None):
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        if "Content-Length" not in headers:
            headers["Content-Length"] = str(len(body))
        for k, v in headers.items():
            if v is not None:
                self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: C901 - one branch per route, read as a table
        path = self.path
        if path in self.state.pages:
            return self._send(200, self.state.pages[path].encode("utf-8"))
        if path == "/redirect":
            return self._send(302, b"", {"Location": "/hop"})
        if path == "/hop":
            return self._send(301, b"", {"Location": "http://127.0.0.1:%d/article" % self.server.server_port})
        if path == "/loop-a":
            return self._send(302, b"", {"Location": "/loop-b"})
        if path == "/loop-b":
            return self._send(302, b"", {"Location": "/loop-a"})
        if path == "/to-ftp":
            return self._send(302, b"", {"Location": "ftp://127.0.0.1/file"})
        if path == "/wrong-charset":
            # the header says Latin-1, the bytes (and the page's meta) are UTF-8
            return self._send(200, ACCENTS.encode("utf-8"), {"Content-Type": "text/html; charset=iso-8859-1"})
        if path == "/latin1":
            body = ACCENTS.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("\u20ac", "EUR") \
                .replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
            return self._send(200, body.encode("latin-1"), {"Content-Type": "text/html"})
        if path == "/gzip":
            return self._send(200, gzip.compress(ARTICLE.encode("utf-8"), mtime=0), {"Content-Encoding": "gzip"})
        if path == "/gzip-bomb":
            return self._send(200, gzip.compress(b"<html><body>" + b" " * 5_000_000, mtime=0),
                              {"Content-Encoding": "gzip"})
        if path == "/missing":
            return self._send(404, b"<h1>Not found</h1>")
        if path == "/broken":
            return self._send(500, b"<h1>Server error</h1>")
        if path == "/slow":
            time.sleep(self.state.slow)
            return self._send(200, ARTICLE.encode("utf-8"))
        if path == "/huge":
            return self._send(200, b"<html><body><p>" + b"x" * 50_000 + b"</p></body></html>")
        if path == "/huge-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><p>" + b"y" * 50_000)
            self.close_connection = True
            return None
        if path == "/pdf":
            return self._send(200, b"%PDF-1.4 ...", {"Content-Type": "application/pdf"})
        return self._send(404, b"no such page")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that gave up (the timeout test)
        pass


class PageServer:
    """`with PageServer() as server: server.url("/article")`"""

    def __enter__(self) -> "PageServer":
        self.state = State()
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
