"""Safe YAML mappings with line numbers, for sidecars, front matter and site config.

Only plain data is built (safe loader). Anchors and aliases are refused outright:
they are never needed for metadata and are the way YAML bombs blow up.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import yaml

# libyaml's parser where it is installed (the same YAML, read about ten times faster)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlMapping:
    data: dict
    key_lines: dict  # key -> 1-based line (relative to the YAML text)


class YamlProblem(ValueError):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line  # 1-based, relative to the YAML text


def load_mapping(text: str, *, empty_ok: bool = True) -> YamlMapping:
    """Parse `text` as a YAML mapping. Raises YamlProblem with a line number."""
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem(
                    "YAML anchors and aliases are not allowed here",
                    event.start_mark.line + 1,
                )
        node = yaml.compose(text, Loader=_LOADER)
        if node is None:
            if empty_ok:
                return YamlMapping({}, {})
            raise YamlProblem("empty YAML", 1)
        if not isinstance(node, yaml.MappingNode):
            raise YamlProblem(
                f"expected a mapping of keys to values, found a {_kind(node)}",
                node.start_mark.line + 1,
            )
        data = yaml.load(text, Loader=_LOADER)
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and mark is not None and mark.index >= len(text.rstrip()):
            mark = exc.context_mark  # "found end of file": point at what was left open
        line = mark.line + 1 if mark else 1
        raise YamlProblem(f"invalid YAML: {exc.problem or exc.context}", line) from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError, OverflowError) as exc:
        raise YamlProblem(f"invalid YAML: {exc.__class__.__name__}", 1) from None
    key_lines = {}
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            key_lines.setdefault(key_node.value, key_node.start_mark.line + 1)
    data = {str(k): v for k, v in data.items()}
    return YamlMapping(data, key_lines)


def _kind(node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "single value"


def as_text(value) -> str | None:
    """A metadata value as text: dates become ISO strings, other scalars strings."""
    if value is None:
        return None
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    raise TypeError(type(value).__name__)
