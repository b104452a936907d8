"""Command line: argument parsing and exit codes. `build.py` just calls `main`."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path

from jinja2 import TemplateNotFound

from .diagnostics import FORMATTERS, has_errors, sorted_diagnostics, strict
from .project import ProjectMissing, load_project

EXIT_OK, EXIT_ERRORS, EXIT_CANNOT_RUN = 0, 1, 2


EPILOG = """\
A citation is a footnote under the claim it backs:
  [^label]: source-id#p3 "the quoted words"
(paragraph 3 of sources/source-id.txt, .md or .html; `%(prog)s sources ID` numbers them).
Start a new site: factsite init DIR. Guide for editors: docs/README.md in the factsite
repository (writing, citing, every finding and its fix, publishing); a site made by
`factsite init` has the essentials in its README.md."""


def _parser(default_root: Path, prog: str = "build.py") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=prog,
        description="Check and build a site of fact-checked explainers (factsite).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--root", type=Path, default=default_root, help="project folder (default: %(default)s)")
    p.add_argument("--check", action="store_true", help="check every citation; write nothing")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="how findings are printed")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: ROOT/site)")
    p.add_argument("--site-url", default=None,
                   help="the published site's address (overrides 'url' in site.yml; the Pages workflow passes it)")
    p.add_argument("--no-cache", action="store_true",
                   help="ignore and do not write the build cache in ROOT/.factsite-cache (a cold build)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes for checking and rendering (default: one per core)")
    p.add_argument("--fix", action="store_true",
                   help="move citations whose quote stands in exactly one other paragraph there, then check again")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    s = sub.add_parser("sources", help="list the sources, or one source's numbered paragraphs")
    s.add_argument("id", nargs="?", help="a source id")
    a = sub.add_parser("add-source", help="capture a web page from its address (or bring a saved .html page) "
                                          "into sources/ with a metadata sidecar")
    a.add_argument("file", help="the page's http(s) address, or a saved page (.html)")
    a.add_argument("--id", dest="source_id", default=None, help="the source id (default: proposed from the title)")
    a.add_argument("--force", action="store_true", help="capture an address captured before, as a new source")
    a.add_argument("--allow-private", action="store_true",
                   help="allow private-network and loopback addresses (a page on this machine or network)")
    a.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help="network timeout (default: 20)")
    a.add_argument("--max-bytes", type=int, default=None, metavar="N", help="size limit of the page (default: 10 MiB)")
    k = sub.add_parser("lock", help="accept the sources as they are now into sources.lock, with a reason")
    k.add_argument("--reason", required=True, help="why the change is accepted (shown on the source's page)")
    i = sub.add_parser("init", help="create a new site (example explainer, source, workflows) in an empty folder")
    i.add_argument("dir", type=Path, help="the new site's folder (created if missing)")
    v = sub.add_parser("serve", help="live preview: rebuild on change and reload the browser")
    v.add_argument("--port", type=int, default=8000, help="port (default: %(default)s; 0: any free one, printed)")
    v.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: %(default)s, this machine only; "
                        "0.0.0.0 shares it on the network)")
    return p


def _with_site_url(config, url: str):
    from .config import apply_site_url

    apply_site_url(config, url)
    return config


def _report(diags, fmt: str, stream) -> str:
    text = FORMATTERS[fmt](diags)
    if text or fmt == "json":
        print(text, file=stream)
    return text


def main(argv: list[str] | None = None, default_root: Path | None = None, prog: str | None = None) -> int:
    """`build.py` passes its folder as `default_root`; the `factsite` command, nothing
    (it works in the current folder): each names itself in --help and errors."""
    try:
        return _main(argv, default_root, prog or ("build.py" if default_root is not None else "factsite"))
    except BrokenPipeError:
        # the reader closed the pipe (`| head`): stop quietly
        sys.stdout = open(os.devnull, "w")
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


class _Stop(Exception):
    """The command cannot go on: its message is printed; `code` is the exit code."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def _fail(message, code: int = EXIT_CANNOT_RUN):
    print(f"error: {message}", file=sys.stderr)
    raise _Stop(code)


def _main(argv: list[str] | None, default_root: Path | None, prog: str = "build.py") -> int:
    parser = _parser(default_root or Path.cwd(), prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_CANNOT_RUN if exc.code else EXIT_OK
    command = COMMANDS.get(args.command, _check_or_build)
    try:
        return command(args)
    except _Stop as stop:
        return stop.code


def _init(args) -> int:
    from .new_site import create_site

    return create_site(args.dir, sys.stdout, sys.stderr)


def _add_source(args) -> int:
    if not (args.root / "sources").is_dir():
        _fail(f"{args.root}: no sources/ folder; is this a project root?")
    if "://" in args.file or args.file.lower().startswith(("http:", "https:")):
        from .capture import capture
        from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

        return capture(args.root, args.file, args.source_id, sys.stdout, force=args.force,
                       allow_private=args.allow_private, timeout=args.timeout or DEFAULT_TIMEOUT,
                       max_bytes=args.max_bytes or DEFAULT_MAX_BYTES)
    from .add_source import add_source

    return add_source(args.root, Path(args.file), args.source_id, sys.stdout)


def _lock(args) -> int:
    from .lock_command import accept

    return accept(args.root, args.reason, sys.stdout)


def _serve(args) -> int:
    if not (args.root / "content").is_dir() or not (args.root / "sources").is_dir():
        _fail(f"{args.root}: no content/ or sources/ folder; is this a project root?")
    from .serve import serve

    return serve(args.root, args.host, args.port)


def _sources(args) -> int:
    from .listing import list_sources

    project, _ = _load(args, None, _overrides(args), building=False)
    return list_sources(project, args.id, sys.stdout)


def _check_or_build(args) -> int:
    """No command: build the site, or with --check (--fix) only check (and fix) it."""
    cache = None if args.no_cache or args.fix else _disk_cache(args.root)
    overrides = _overrides(args)
    project, out = _load(args, cache, overrides, building=not (args.check or args.fix))
    if args.fix:
        project = _fix(args, project, overrides)
    diags = sorted_diagnostics(strict(project.diagnostics)) if args.strict else project.diagnostics
    if args.check or args.fix or has_errors(diags):
        return _report_check(args, project, diags)
    _report(diags, args.format, sys.stderr)
    from .lock_command import record

    record(args.root, project, sys.stderr)
    print(f"built {len(project.published_pages)} page(s) and {len(project.sources)} source(s) into {out}")
    return EXIT_OK


COMMANDS = {"init": _init, "add-source": _add_source, "lock": _lock, "serve": _serve, "sources": _sources}


def _disk_cache(root: Path):
    from .cache import load_disk_cache
    from .timings import Clock

    clock = Clock()
    cache = load_disk_cache(root)
    clock("cache loaded")
    return cache


def _overrides(args):
    """--site-url as a change to the loaded site.yml (None without it)."""
    if args.site_url is None:
        return None
    from .config import SiteConfig, apply_site_url

    problem = apply_site_url(SiteConfig(), args.site_url)
    if problem:
        _fail(f"--site-url: {problem}")
    return functools.partial(_with_site_url, url=args.site_url)


def _load(args, cache, overrides, building: bool):
    """The checked project, and with `building` the site written: (project, output folder)."""
    try:
        if not building:
            return load_project(args.root, cache, args.jobs, overrides), None
        from .build import build_site
        from .output import OutputError

        try:
            return build_site(args.root, args.out, cache, args.jobs, overrides, args.strict)
        except OutputError as exc:
            _fail(exc, EXIT_ERRORS)
    except ProjectMissing as exc:
        _fail(exc)
    except TemplateNotFound as exc:
        _fail(f"{exc.message}; the previous site is unchanged")


def _fix(args, project, overrides):
    """Apply the proposed fixes (citations, renumbered lock entries) and check again."""
    from .fix import apply_fixes

    if not (has_errors(project.diagnostics) or project.lock_fixes):
        return project
    if not apply_fixes(args.root, project.fixes, sys.stdout):
        return project
    if project.lock_fixes:
        from .lock import write_lock
        from .lock_command import renumbered

        moved = {f.new.split("#")[0] for f in project.lock_fixes}
        write_lock(args.root, renumbered(args.root, project.sources, project.lock, moved))
    return load_project(args.root, None, args.jobs, overrides)


def _report_check(args, project, diags) -> int:
    """Findings on stdout; a build stopped by errors says the site was left as it was."""
    failed = has_errors(diags)
    # (the text printed tells whether there were findings: it is formatted once)
    if not _report(diags, args.format, sys.stdout) and args.format == "text":
        pages, claims, citations = project.checked
        print(f"checked {pages} page{'s' * (pages != 1)}, {claims} claim{'s' * (claims != 1)} and "
              f"{citations} citation{'s' * (citations != 1)}: no findings")
    if failed and not (args.check or args.fix):
        print("build stopped: fix the errors above; site/ was left as it was", file=sys.stderr)
    return EXIT_ERRORS if failed else EXIT_OK
