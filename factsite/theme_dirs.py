"""Where the site's look comes from: the site's own `templates/` and `static/` first,
then the default theme shipped inside the package (`factsite/theme/`).

File by file, as MkDocs' `custom_dir` and Hugo's layout lookup do: a site overrides
one template or one stylesheet by putting a file of the same name in its own folder.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, TemplateNotFound

THEME = Path(__file__).resolve().parent / "theme"  # package data: installed with the engine


def _existing(dirs: list[Path]) -> list[Path]:
    return [d for d in dict.fromkeys(d.resolve() for d in dirs) if d.is_dir()]


def template_dirs(root: Path) -> list[Path]:
    """The site's own templates first, then the package's."""
    return _existing([Path(root) / "templates", THEME / "templates"])


def static_dirs(root: Path) -> list[Path]:
    """The site's own static files first, then the package's."""
    return _existing([Path(root) / "static", THEME / "static"])


class TemplateMissing(TemplateNotFound):
    """A template neither the site nor the package has; the message says where we looked."""


class ThemeLoader(ChoiceLoader):
    """Jinja's ChoiceLoader over the search path, whose not-found error names the
    template and every folder it was looked for in (Jinja's own names only the template)."""

    def __init__(self, dirs: list[Path]):
        self.dirs = list(dirs)
        super().__init__([FileSystemLoader(str(d)) for d in self.dirs])

    def get_source(self, environment, template):
        try:
            return super().get_source(environment, template)
        except TemplateNotFound:
            raise TemplateMissing(template, missing_message(template, self.dirs)) from None

    def load(self, environment, name, globals=None):
        try:
            return super().load(environment, name, globals)
        except TemplateNotFound:
            raise TemplateMissing(name, missing_message(name, self.dirs)) from None


def missing_message(name: str, dirs: list[Path]) -> str:
    where = ", ".join(str(d) for d in dirs) or "(no template folder)"
    return f"template {name!r} not found; looked in: {where}"
