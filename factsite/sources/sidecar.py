"""A source's metadata: its sidecar file (`NAME.yml` beside it) and the fields that
sidecars and a Markdown source's front matter may hold, checked by `factsite.fields`."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..diagnostics import ERROR, Diagnostic
from ..fields import Field, Fields, Invalid, one_of
from ..yamlutil import YamlProblem, as_text, load_mapping
from .decoding import decode
from .model import META_KEYS, RELATION_KEYS

PARAGRAPH_MODES = ("lines", "blocks")


def relation_list(key: str, value) -> tuple[str, ...] | None:
    """A relation key's value: a list of source ids (or outlet names), or one of them."""
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        try:
            found = as_text(item)
        except TypeError as exc:
            raise Invalid(f"{key!r} lists source ids or names, not a {exc}",
                          f"write {key}: [other-source-id] or {key}: [\"Outlet Name\"]") from None
        if found is not None and found.strip() and found.strip() not in names:
            names.append(found.strip())
    return tuple(names) or None


_SPECIAL = {
    "paragraphs": one_of(PARAGRAPH_MODES, "use 'paragraphs: blocks' for hard-wrapped text"),
    **{key: relation_list for key in RELATION_KEYS},
}
SOURCE_FIELDS = Fields(
    tuple(Field(key, _SPECIAL[key]) if key in _SPECIAL else Field(key) for key in META_KEYS),
    code="bad-source", noun="metadata key", container="the sidecar",
)


def check_meta(meta: dict, lines: dict, where: str, diags: list) -> dict:
    """Known keys as text (relations as tuples); unknown keys warned about; wrong types reported."""
    return SOURCE_FIELDS.check(meta, lines, where, diags)


def read_sidecar(path: Path, where: str, diags: list, cache: dict | None = None) -> tuple[dict, dict, bytes]:
    """The sidecar's mapping, each key's line, and its bytes (for the source's digest)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        diags.append(Diagnostic(where, 1, 1, ERROR, "bad-source", f"cannot read sidecar: {exc.strerror}", None))
        return {}, {}, b""
    text, problem, line = decode(data)
    if text is None:
        diags.append(Diagnostic(where, line, 1, ERROR, "bad-source", f"sidecar {problem}", "save the file as UTF-8"))
        return {}, {}, data
    yaml_key = ("sidecar", hashlib.sha256(data).hexdigest())
    try:
        parsed = cache[yaml_key] if cache is not None and yaml_key in cache else load_mapping(text)
    except YamlProblem as exc:
        diags.append(Diagnostic(where, exc.line, 1, ERROR, "bad-source", f"broken sidecar: {exc.message}",
                                "a sidecar is a YAML mapping such as 'title: \"...\"'"))
        return {}, {}, data
    if cache is not None:
        cache[yaml_key] = parsed
    return dict(parsed.data), dict(parsed.key_lines), data
