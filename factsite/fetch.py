"""Fetch one web page for `build.py add-source URL`, refusing what must not be captured.

Plain `http.client` (standard library), not urllib or requests, because each hop must be
checked before it is connected to: the scheme, the addresses its host name resolves to
(private and loopback ones refused unless allowed), and the connection is then made to
the address that was checked, so a host name cannot resolve to another one in between.
Redirects are followed by hand (at most MAX_REDIRECTS, never the same address twice),
the body is read in chunks up to a size limit (also after gzip/deflate decoding) under
a total deadline, and the character set is decided from the BOM, the header and the page.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

MAX_REDIRECTS = 10
DEFAULT_MAX_BYTES = 10 * 2**20
DEFAULT_TIMEOUT = 20.0
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "factsite-add-source/0.1 (+capture of a cited page)"
_CHUNK = 64 * 1024


class FetchRefused(Exception):
    """The page is not captured; `message` says why and `hint` what to do."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str  # the media type, lower case, without parameters
    charset: str  # the encoding the body was decoded with
    body: bytes  # the entity as served (content-coding removed), untouched otherwise
    text: str  # the body decoded
    redirects: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def check_scheme(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) address, or FetchRefused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchRefused(f"{url}: not a valid address ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused(f"{url}: only http and https addresses are captured, not {scheme or 'a bare name'!r}",
                           "give the page's web address, starting with https://")
    if not parts.hostname:
        raise FetchRefused(f"{url}: the address has no host name")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def _refused_address(ip: ipaddress._BaseAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
            or ip.is_unspecified or not ip.is_global)


def resolve(host: str, port: int, allow_private: bool) -> str:
    """The address to connect to: the first the host name resolves to, every one checked."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchRefused(f"{host}: the host name does not resolve ({exc.strerror})",
                           "check the address; the machine needs a network connection") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchRefused(f"{host}: the host name resolves to no address")
    if not allow_private:
        for address in addresses:
            if _refused_address(ipaddress.ip_address(address.split("%")[0])):
                raise FetchRefused(
                    f"{host} is a private, loopback or reserved address ({address}): not captured",
                    "add-source fetches public pages; --allow-private captures a page on this machine or network")
    return addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever the host name resolves to now."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(("", "", parts.path or "/", parts.query, ""))


def media_type(header: str | None) -> tuple[str, str | None]:
    """('text/html', 'utf-8') from a Content-Type header value."""
    if not header:
        return "", None
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return kind.strip().lower(), charset


REDIRECTS = (301, 302, 303, 307, 308)


def fetch(url: str, *, allow_private: bool = False, timeout: float = DEFAULT_TIMEOUT,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Fetched:
    """GET `url`, following redirects; FetchRefused for anything not to be captured."""
    deadline = time.monotonic() + 3 * timeout
    seen: list[str] = []
    current = url
    while True:
        scheme, host, port = check_scheme(current)
        if current in seen:
            raise FetchRefused(f"{url}: redirect loop ({' -> '.join(seen + [current])})",
                               "the server sends the address round in a circle; try the page's final address")
        seen.append(current)
        address = resolve(host, port, allow_private)
        cls = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
        conn = cls(host, port, address, timeout)
        try:
            response = _get(conn, current, timeout)
            status = response.status
            if status in REDIRECTS:
                current = _redirect(response, current, url, seen)
                continue
            kind, header_charset = _check_response(response, current, max_bytes)
            body = _read_body(response, response.getheader("Content-Encoding"), max_bytes, deadline, current, timeout)
        finally:
            conn.close()
        return _page(url, current, status, kind, header_charset, body, seen)


def _get(conn, current: str, timeout: float):
    """The response to a GET of `current`; a failed connection is FetchRefused."""
    try:
        conn.request("GET", _request_target(current), headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "gzip, deflate",
        })
        return conn.getresponse()
    except (socket.timeout, TimeoutError):
        raise FetchRefused(f"{current}: no answer within {timeout:g} s (timed out)",
                           "try again later, or raise --timeout") from None
    except ssl.SSLError as exc:
        raise FetchRefused(f"{current}: secure connection failed ({exc.reason or exc})") from None
    except (OSError, http.client.HTTPException) as exc:
        raise FetchRefused(f"{current}: the connection failed ({exc.__class__.__name__}: {exc})") from None


def _redirect(response, current: str, url: str, seen: list[str]) -> str:
    """The address a redirect leads to."""
    location = response.getheader("Location")
    if not location:
        raise FetchRefused(f"{current}: redirect ({response.status}) without a Location header")
    if len(seen) > MAX_REDIRECTS:
        raise FetchRefused(f"{url}: more than {MAX_REDIRECTS} redirects")
    return urljoin(current, location.strip())


def _check_response(response, current: str, max_bytes: int) -> tuple[str, str | None]:
    """A success, not over the size limit, HTML or unlabelled: its media type and charset."""
    status = response.status
    if not 200 <= status < 300:
        raise FetchRefused(f"{current}: the server answered {status} {response.reason}",
                           "nothing was captured; check the address in a browser")
    kind, header_charset = media_type(response.getheader("Content-Type"))
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise FetchRefused(f"{current}: the page is {int(length):,} bytes, over the limit of {max_bytes:,}",
                           "raise --max-bytes if this really is the article")
    if kind and kind not in HTML_TYPES:
        raise FetchRefused(f"{current}: not a web page (Content-Type {kind})",
                           "add-source captures HTML pages; save other documents by hand as .txt or .md")
    return kind, header_charset


def _page(url: str, current: str, status: int, kind: str, header_charset: str | None, body: bytes,
          seen: list[str]) -> Fetched:
    """The fetched page decoded; an unlabelled body must look like HTML."""
    notes: list[str] = []
    if not kind:
        if not re.match(rb"\s*(<!doctype\s+html|<html)", body[:1024], re.I):
            raise FetchRefused(f"{current}: the server did not say what it sent, and it does not look like HTML")
        kind = "text/html"
        notes.append("note: the server sent no Content-Type; the body looks like HTML")
    charset, text, why = decode_page(body, header_charset)
    if why:
        notes.append(f"note: {why}")
    return Fetched(url, current, status, kind, charset, body, text, seen[1:], notes)


def _read_body(response, encoding: str | None, max_bytes: int, deadline: float, where: str, timeout: float) -> bytes:
    """The body, content-coding removed, refused past `max_bytes` or `deadline`."""
    coding = (encoding or "identity").strip().lower()
    inflater = _inflater(coding, where)
    out = bytearray()
    for chunk in _chunks(response, deadline, where, timeout):
        if inflater is None:
            out += chunk
        else:
            out += _inflate(where, coding, inflater.decompress, chunk, max_bytes + 1 - len(out))
        if len(out) > max_bytes:
            raise _too_big(where, max_bytes)
    if inflater is not None:
        out += _inflate(where, coding, inflater.flush)
        if len(out) > max_bytes:
            raise _too_big(where, max_bytes)
    return bytes(out)


def _inflater(coding: str, where: str):
    """A zlib decompressor for the Content-Encoding; None for none."""
    if coding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if coding == "deflate":
        return zlib.decompressobj()
    if coding in ("identity", ""):
        return None
    raise FetchRefused(f"{where}: unsupported Content-Encoding {coding!r}")


def _inflate(where: str, coding: str, step, *args) -> bytes:
    try:
        return step(*args)
    except zlib.error as exc:
        raise FetchRefused(f"{where}: the {coding} body is corrupt ({exc})") from None


def _chunks(response, deadline: float, where: str, timeout: float):
    """The body's raw chunks as they arrive; a stall or the deadline is FetchRefused."""
    while True:
        if time.monotonic() > deadline:
            raise FetchRefused(f"{where}: the page took longer than {3 * timeout:g} s to arrive (timed out)",
                               "try again later, or raise --timeout")
        try:
            chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
        except (socket.timeout, TimeoutError):
            raise FetchRefused(f"{where}: the page stopped arriving for {timeout:g} s (timed out)",
                               "try again later, or raise --timeout") from None
        except (OSError, http.client.HTTPException) as exc:
            raise FetchRefused(f"{where}: the connection broke while reading ({exc.__class__.__name__})") from None
        if not chunk:
            return
        yield chunk


def _too_big(where: str, max_bytes: int) -> FetchRefused:
    return FetchRefused(f"{where}: the page is over the limit of {max_bytes:,} bytes",
                        "raise --max-bytes if this really is the article")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _codec(name: str | None) -> str | None:
    import codecs

    if not name:
        return None
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    # as browsers do (WHATWG Encoding): a page labelled Latin-1 is read as windows-1252
    return "cp1252" if found in ("latin-1", "iso8859-1", "ascii") else found


def _decodes(body: bytes, codec: str) -> bool:
    try:
        body.decode(codec)
        return True
    except (UnicodeDecodeError, LookupError):
        return False


def decode_page(body: bytes, header_charset: str | None) -> tuple[str, str, str | None]:
    """(charset, text, note) from the BOM, then the header and the page's <meta charset>.

    Where the header and the page disagree, the one whose encoding reads the bytes wins,
    UTF-8 first: text in a single-byte encoding is almost never valid UTF-8 by accident,
    so bytes that are valid UTF-8 under a Latin-1 header are a wrong header.
    """
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return codec, body[len(bom):].decode(codec, errors="replace"), None
    head = _META_CHARSET.search(body[:4096])
    page = _codec(head.group(1).decode("ascii", "replace")) if head else None
    header = _codec(header_charset)
    note = None
    if header and page and header != page:
        candidates = sorted({header, page}, key=lambda c: c != "utf-8")
        chosen = next((c for c in candidates if _decodes(body, c)), header)
        note = (f"the server said {header_charset}, the page says {head.group(1).decode('ascii', 'replace')}: "
                f"read as {chosen}, which {'reads' if _decodes(body, chosen) else 'best reads'} its bytes")
    else:
        chosen = header or page
        if chosen is None:
            chosen = "utf-8" if _decodes(body, "utf-8") else "cp1252"
            note = f"no character set declared: read as {chosen}"
        elif chosen != "utf-8" and not _decodes(body, chosen) and _decodes(body, "utf-8"):
            note = f"the declared character set {chosen} does not read the bytes; they are valid UTF-8: read as utf-8"
            chosen = "utf-8"
        elif chosen == "cp1252" and body.isascii() is False and _decodes(body, "utf-8") and header:
            note = f"the server said {header_charset} but the bytes are valid UTF-8: read as utf-8"
            chosen = "utf-8"
    return chosen, body.decode(chosen, errors="replace"), note
