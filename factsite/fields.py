"""One way to check a metadata mapping: page front matter, source sidecars and site.yml.

Each file kind declares its fields (a name, a kind that reads the value, required or
not); `Fields.check` reports unknown keys, values of the wrong kind and missing required
keys as Diagnostics at the file and line where they stand, and returns the clean values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .diagnostics import ERROR, WARNING, Diagnostic
from .yamlutil import as_text


class Invalid(ValueError):
    """A value of the wrong kind: what is wrong, and how to write it instead."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


# A kind reads one value: (key, value) -> the clean value (None: leave the key out), or raises Invalid.
Kind = Callable[[str, object], object]


def text(key: str, value) -> str | None:
    """A single value as trimmed text (dates as ISO dates); blank is left out."""
    try:
        found = as_text(value)
    except TypeError as exc:
        raise Invalid(f"{key!r} must be text, not a {exc}", f"write {key}: followed by a single value") from None
    return found.strip() if found is not None and found.strip() else None


def boolean(key: str, value) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"{key!r} must be true or false", f"{key}: true")
    return value


def text_list(hint: str) -> Kind:
    """A list of names (one name alone is a list of one), each as text."""
    def read(key: str, value) -> list[str]:
        try:
            return [t for t in (as_text(v) for v in (value if isinstance(value, list) else [value])) if t]
        except TypeError:
            raise Invalid(f"{key!r} must be a list of names", hint) from None
    return read


def one_of(choices: tuple[str, ...], hint: str) -> Kind:
    """Text that must be one of `choices`."""
    def read(key: str, value) -> str | None:
        found = text(key, value)
        if found not in choices:
            shown = " or ".join(repr(c) for c in choices)
            raise Invalid(f"{key!r} must be {shown}, not {as_text(value)!r}", hint)
        return found
    return read


def raw(key: str, value):
    """Kept as YAML gave it: the caller reads it (lists of mappings, with findings of their own)."""
    return value


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind = text
    required: bool = False


@dataclass(frozen=True)
class Fields:
    """The fields one kind of file may hold, and how its findings read."""

    fields: tuple[Field, ...]
    code: str  # the finding code of a bad value: bad-front-matter, bad-source, bad-config
    noun: str  # what a key is called in messages: "front matter key", "site setting"
    container: str  # where the keys stand, in messages: "front matter", "the sidecar"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def check(self, data: dict, lines: dict, where: str, diags: list, first_line: int = 1) -> dict:
        """The known keys' clean values. `lines`: key -> its line in the file `where`;
        `first_line`: where a missing required key is reported."""
        kinds = {f.name: f.kind for f in self.fields}
        clean: dict = {}
        for key, value in data.items():
            line = lines.get(key, 1)
            if key not in kinds:
                diags.append(self._unknown(key, where, line))
                continue
            try:
                value = kinds[key](key, value)
            except Invalid as bad:
                diags.append(Diagnostic(where, line, 1, ERROR, self.code, bad.message, bad.hint))
                continue
            if value is not None:
                clean[key] = value
        for field in self.fields:
            if field.required and not clean.get(field.name):
                diags.append(Diagnostic(where, first_line, 1, ERROR, self.code,
                                        f"{self.container} lacks {field.name!r}",
                                        f"add a line '{field.name}: ...' to the {self.container}"))
        return clean

    def _unknown(self, key: str, where: str, line: int) -> Diagnostic:
        close = [k for k in self.names if k.startswith(key[:3])] if key else []
        known = "settings" if self.noun.endswith("setting") else "keys"
        hint = f"known {known}: {', '.join(self.names)}" + (f" (did you mean {close[0]!r}?)" if close else "")
        return Diagnostic(where, line, 1, WARNING, "unknown-metadata", f"unknown {self.noun} {key!r}", hint)
