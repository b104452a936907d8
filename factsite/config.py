"""Site configuration: the one documented place for title, URL, language and publisher.

It lives in `site.yml` at the project root; every key is optional.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import ERROR, Diagnostic
from .fields import Field, Fields, boolean, raw, text
from .sources import decode
from .yamlutil import YamlMapping, YamlProblem, load_mapping

CONFIG_FILE = "site.yml"


@dataclass
class SiteConfig:
    title: str = "Fact-checked explainers"
    url: str = ""  # e.g. https://example.org/explainers/ ; enables sitemap and feed
    language: str = "en"
    organization: str = ""  # the ClaimReview author
    organization_url: str = ""
    description: str = ""
    # a name as the site writes it -> the other spellings the sources use (unsupported-name)
    aliases: tuple = ()  # ((name, (spelling, ...)), ...), sorted
    search: bool = False  # a search page and its Pagefind index (search.py); costs a full index per changed build
    preview: bool = False  # set by the live preview, never by site.yml


KEYS = tuple(k for k in SiteConfig.__dataclass_fields__ if k != "preview")
_SPECIAL = {"search": boolean, "aliases": raw}  # aliases: read_aliases reports each entry
CONFIG_FIELDS = Fields(tuple(Field(k, _SPECIAL.get(k, text)) for k in KEYS),
                       code="bad-config", noun="site setting", container=CONFIG_FILE)


def load_config(root: Path, diags: list) -> SiteConfig:
    config = SiteConfig()
    parsed = _read(root / CONFIG_FILE, diags)
    if parsed is None:
        return config
    values = CONFIG_FIELDS.check(parsed.data, parsed.key_lines, CONFIG_FILE, diags)
    aliases = values.pop("aliases", None)
    for key, value in values.items():
        setattr(config, key, value)
    if aliases is not None:
        config.aliases = read_aliases(aliases, parsed.key_lines.get("aliases", 1), diags)
    problem = apply_site_url(config, config.url)
    if problem:
        diags.append(Diagnostic(CONFIG_FILE, parsed.key_lines.get("url", 1), 1, ERROR, "bad-config", problem, None))
    return config


def _read(path: Path, diags: list) -> YamlMapping | None:
    """site.yml as a mapping; None when there is none, or it cannot be read (reported)."""
    if not path.is_file():
        return None
    try:
        text, problem, line = decode(path.read_bytes())
    except OSError as exc:
        diags.append(Diagnostic(CONFIG_FILE, 1, 1, ERROR, "bad-config", f"cannot read: {exc.strerror}", None))
        return None
    if text is None:
        diags.append(Diagnostic(CONFIG_FILE, line, 1, ERROR, "bad-config", problem, "save the file as UTF-8"))
        return None
    try:
        return load_mapping(text)
    except YamlProblem as exc:
        diags.append(Diagnostic(CONFIG_FILE, exc.line, 1, ERROR, "bad-config", exc.message,
                                "site.yml is a YAML mapping such as 'title: My explainers'"))
        return None


def apply_site_url(config: SiteConfig, url: str) -> str | None:
    """Set the site URL (always ending in /); a message if it is not an http(s) URL."""
    url = (url or "").strip()
    if url and not url.startswith(("https://", "http://")):
        config.url = ""
        return f"the site URL must start with https:// or http://, not {url!r}"
    config.url = url if not url or url.endswith("/") else url + "/"
    return None


def read_aliases(value, line: int, diags: list) -> tuple:
    """`aliases:` of site.yml: a mapping of names to a spelling or a list of them."""
    def bad(problem: str) -> None:
        diags.append(Diagnostic(CONFIG_FILE, line, 1, ERROR, "bad-config", f"aliases: {problem}",
                                "write aliases as a mapping, one name a line: 'Atta: [Ata]'"))

    if value is None:
        return ()
    if not isinstance(value, dict):
        bad("must be a mapping of names to their other spellings")
        return ()
    out = []
    for name, spellings in value.items():
        if isinstance(spellings, (str, int, float)) and not isinstance(spellings, bool):
            spellings = [spellings]
        if not isinstance(name, (str, int, float)) or isinstance(name, bool) or not str(name).strip():
            bad(f"{name!r} is not a name")
            continue
        if not isinstance(spellings, list) or not spellings or not all(
                isinstance(s, (str, int, float)) and not isinstance(s, bool) and str(s).strip() for s in spellings):
            bad(f"the spellings of {str(name)!r} must be a name or a list of names")
            continue
        out.append((str(name).strip(), tuple(sorted({str(s).strip() for s in spellings}))))
    return tuple(sorted(out))
