"""`build.py add-source URL`: capture a page from its address as evidence.

Three files, written together or not at all, all inside sources/:
- `sources/raw/<id>.html`: the page as served, byte for byte (content-coding removed),
  the evidence; its SHA-256 goes in the sidecar;
- `sources/<id>.txt`: the article's readable text, one paragraph per line, the text that
  claims cite by paragraph number (the page's chrome left out: see `readable`);
- `sources/<id>.yml`: where and when it came from, and what the page says of itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from pathlib import Path

import yaml

from .add_source import FIELDS, page_metadata, propose_id
from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchRefused, check_scheme, fetch
from .readable import extract
from .sources import ID_PATTERN, READERS, decode, inside, walk
from .yamlutil import YamlProblem, load_mapping

RAW_FOLDER = "raw"
CAPTURE_KEYS = ("url", "final_url", "retrieved", "http_status", "content_type", "sha256")


def raw_path(root: Path, source_id: str) -> Path:
    return root / "sources" / RAW_FOLDER / f"{source_id}.html"


def _captured(root: Path) -> dict[str, str]:
    """Address (as asked, and final) -> id of the source captured from it."""
    found: dict[str, str] = {}
    for path in walk(root / "sources"):
        if path.suffix.lower() != ".yml" or RAW_FOLDER in path.relative_to(root / "sources").parts[:1]:
            continue
        text, _, _ = decode(path.read_bytes())
        try:
            data = load_mapping(text or "").data
        except YamlProblem:
            continue
        for key in ("url", "final_url"):
            if isinstance(data.get(key), str):
                found.setdefault(_same_address(data[key]), path.stem)
    return found


def _same_address(url: str) -> str:
    """An address compared without its fragment and trailing slash differences."""
    return url.split("#", 1)[0].rstrip("/")


def _now() -> str:
    """UTC, to the second; SOURCE_DATE_EPOCH (tests, reproducible runs) stands in for the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch and epoch.isdigit() \
        else dt.datetime.now(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Stop(Exception):
    """The capture cannot go on: the lines to print (an error and its help), the exit status."""

    def __init__(self, code: int, *lines: str):
        super().__init__(*lines)
        self.code, self.lines = code, lines


AGAIN = "  help: to take a new snapshot under a new id, run add-source again with --force"


def capture(root: Path, url: str, source_id: str | None, out, *, force: bool = False, allow_private: bool = False,
            timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """Fetch `url` and write its three files; print what was captured. Exit status."""
    try:
        captured, taken = _check_request(root, url, source_id, force)
        print(f"fetching {url}", file=out)
        page = _fetch(url, captured, force, out, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes)
        readable = extract(page.text, page.final_url)
        if readable is None or not readable.paragraphs:
            raise _Stop(1, f"error: {page.final_url}: no article text found in the page; nothing was written",
                        "  help: save the page by hand and import it with add-source FILE.html, or cite another copy")
        notes: list[str] = []
        meta = page_metadata(page.text, notes)
        for note in notes:
            print(note, file=out)
        if source_id is None:
            source_id = propose_id(meta.get("title", ""), taken, _host(page.final_url))
        sidecar = _sidecar(url, page, meta)
        files = _files(root, source_id, url, page, readable, sidecar)
        _write(files, root)
    except _Stop as stop:
        for line in stop.lines:
            print(line, file=out)
        return stop.code
    _summary(root, url, page, readable, sidecar, files, source_id, out)
    return 0


def _check_request(root: Path, url: str, source_id: str | None, force: bool) -> tuple[dict[str, str], set[str]]:
    """What stands before fetching anything: the address, the id, earlier captures,
    sources/raw/. Returns the captured addresses and the ids taken."""
    folder = root / "sources"
    try:
        check_scheme(url)
    except FetchRefused as exc:
        raise _refused(exc) from None
    if source_id is not None and not ID_PATTERN.match(source_id):
        raise _Stop(2, f"error: bad source id {source_id!r}: use lower-case letters and digits joined by single "
                       "hyphens")
    captured = _captured(root)
    earlier = captured.get(_same_address(url))
    if earlier and not force:
        raise _Stop(1, f"error: {url} is captured already, as {earlier} (sources/{earlier}.yml)", AGAIN)
    taken = {p.stem for p in walk(folder) if p.suffix.lower() in READERS or p.suffix.lower() == ".yml"}
    if source_id is not None and source_id in taken:
        raise _Stop(1, f"error: a source with id {source_id!r} exists already; choose another --id")
    raw_folder = folder / RAW_FOLDER
    if raw_folder.exists() and (raw_folder.is_symlink() or not inside(raw_folder, root)):
        raise _Stop(1, f"error: {raw_folder} links elsewhere; captures are written only inside sources/")
    return captured, taken


def _fetch(url: str, captured: dict[str, str], force: bool, out, **limits):
    """The page, unless it is refused or its final address was captured before."""
    try:
        page = fetch(url, **limits)
    except FetchRefused as exc:
        raise _refused(exc) from None
    for note in page.notes:
        print(note, file=out)
    if page.final_url != url and _same_address(page.final_url) in captured and not force:
        other = captured[_same_address(page.final_url)]
        raise _Stop(1, f"error: {url} leads to {page.final_url}, captured already as {other}", AGAIN)
    return page


def _sidecar(url: str, page, meta: dict) -> dict:
    """Where and when the page came from, and what it says of itself, in the sidecar's order."""
    sidecar = {"url": url}
    if page.final_url != url:
        sidecar["final_url"] = page.final_url
    sidecar.update({k: meta[k] for k in FIELDS if meta.get(k) and k != "url"})
    if meta.get("url") and meta["url"] not in (url, page.final_url):
        sidecar["notes"] = f"the page names its canonical address as {meta['url']}"
    sidecar.update({
        "retrieved": _now(),
        "http_status": page.status,
        "content_type": page.content_type + (f"; charset={page.charset}" if page.charset else ""),
        "sha256": hashlib.sha256(page.body).hexdigest(),
    })
    return sidecar


def _files(root: Path, source_id: str, url: str, page, readable, sidecar: dict) -> list[tuple[Path, bytes]]:
    folder = root / "sources"
    header = (f"# Captured by add-source from {url}: the page as served is sources/{RAW_FOLDER}/{source_id}.html\n"
              "# (sha256 below); title, author, publisher and dates were read from the page: check them.\n")
    return [
        (folder / RAW_FOLDER / f"{source_id}.html", page.body),
        (folder / f"{source_id}.txt", ("\n".join(readable.paragraphs) + "\n").encode("utf-8")),
        (folder / f"{source_id}.yml",
         (header + yaml.safe_dump(sidecar, sort_keys=False, allow_unicode=True, width=1000)).encode("utf-8")),
    ]


def _write(files: list[tuple[Path, bytes]], root: Path) -> None:
    try:
        write_together(files, root)
    except FileExistsError as exc:
        raise _Stop(1, f"error: {exc.filename} exists already; nothing was written") from None
    except OSError as exc:
        raise _Stop(1, f"error: could not write the capture ({exc.strerror}: {exc.filename}); "
                       "nothing was written") from None


def _summary(root: Path, url: str, page, readable, sidecar: dict, files: list, source_id: str, out) -> None:
    """What was captured: the files, the metadata read, and the numbered paragraphs to cite."""
    print(f"captured {url}" + (f" (final address {page.final_url})" if page.final_url != url else ""), file=out)
    for path, _ in files:
        print(f"  wrote {path.relative_to(root).as_posix()}", file=out)
    for key in ("title", "author", "publisher", "published", "retrieved", "sha256"):
        print(f"  {key}: {sidecar.get(key, '(not found: left out)')}", file=out)
    if readable.dropped:
        print(f"  left out {len(readable.dropped)} link-only paragraph(s) (teasers), e.g. {readable.dropped[0]!r}",
              file=out)
    print(file=out)
    for n, text in enumerate(readable.paragraphs, start=1):
        print(f"  p{n}: {text if len(text) <= 100 else text[:97] + '...'}", file=out)
    print(f"\ncite it as {source_id}#pN \"quoted words\"", file=out)


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "source").replace(".", "-")


def _refused(exc: FetchRefused) -> _Stop:
    return _Stop(1, f"error: {exc.message}; nothing was written", *([f"  help: {exc.hint}"] if exc.hint else []))


def write_together(files: list[tuple[Path, bytes]], root: Path) -> None:
    """Write every file or none: each goes to a hidden temporary file beside its target,
    then all are renamed into place; on any failure (an interrupt included) the ones
    already renamed are removed again. Targets must not exist and must be inside
    `root/sources`."""
    made = _folders_for(files, root)
    temps: list[tuple[str, Path]] = []
    placed: list[Path] = []
    try:
        for path, data in files:
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".capture-")
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
        for tmp, path in temps:
            if path.exists():
                raise FileExistsError(0, "exists", str(path))
            os.replace(tmp, path)
            placed.append(path)
    except BaseException:
        _remove(placed + [Path(tmp) for tmp, _ in temps], made)
        raise


def _folders_for(files: list[tuple[Path, bytes]], root: Path) -> list[Path]:
    """Make the targets' missing folders (returned, to remove on failure); refuse a
    target outside `root/sources` or one that exists."""
    limit = (root / "sources").resolve()
    made: list[Path] = []
    for path, _ in files:
        if not path.parent.exists():
            path.parent.mkdir(parents=True)
            made.append(path.parent)
        if limit not in path.parent.resolve().parents and path.parent.resolve() != limit:
            raise OSError(0, "outside sources/", str(path))
        if path.exists():
            raise FileExistsError(0, "exists", str(path))
    return made


def _remove(files: list[Path], folders: list[Path]) -> None:
    """Undo a capture half written: its files, then the folders it made (if empty)."""
    for path in files:
        try:
            path.unlink()
        except OSError:
            pass
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            pass
