"""Theme override: a site's own templates/ and static/ win file by file over the
package's default theme; a missing template is one clear line."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO
from factsite.cache import load_disk_cache
from factsite.build import build_site
from factsite.render import templates_key
from factsite.theme_dirs import THEME
from sitebuild import build

SOURCE = "The council met on Tuesday.\nIt approved the budget.\n"
PAGE = '---\ntitle: Budget\n---\n\nThe council approved the budget.[^a]\n\n[^a]: council#p2 "approved the budget"\n'
OWN_EXPLAINER = ('{% extends "base.html" %}\n{% block main %}<main id="main">'
                 '<p class="own-layout">Our own layout: {{ page.title }}</p>{{ body }}</main>{% endblock %}\n')


def _site(project, **extra):
    return project({"sources/council.txt": SOURCE, "content/budget.md": PAGE, **extra})


def test_the_theme_is_package_data_beside_the_engine():
    assert (THEME / "templates" / "explainer.html").is_file() and (THEME / "static" / "site.css").is_file()
    assert not (REPO / "templates").exists() and not (REPO / "static").exists()


def test_a_site_without_templates_uses_the_package_theme(project, tmp_path):
    root = _site(project)
    assert build(root, tmp_path / "out") == 0
    html = (tmp_path / "out" / "budget.html").read_text(encoding="utf-8")
    assert "own-layout" not in html and 'class="claim' in html
    assert (tmp_path / "out" / "static" / "site.css").read_bytes() == (THEME / "static" / "site.css").read_bytes()


def test_a_site_with_its_own_explainer_html_uses_it_and_keeps_the_rest(project, tmp_path):
    root = _site(project, **{"templates/explainer.html": OWN_EXPLAINER, "static/site.css": "body { color: teal }\n"})
    assert build(root, tmp_path / "out") == 0
    html = (tmp_path / "out" / "budget.html").read_text(encoding="utf-8")
    assert '<p class="own-layout">Our own layout: Budget</p>' in html
    assert "The council approved the" in html and "cite-keep" in html  # the body, with its citation markers, still comes from the engine
    # file by file: the other templates and static files are the package's
    assert 'class="own-layout"' not in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "static" / "site.css").read_text() == "body { color: teal }\n"
    assert (tmp_path / "out" / "static" / "site.js").read_bytes() == (THEME / "static" / "site.js").read_bytes()


def test_adding_an_override_invalidates_the_warm_build(project, tmp_path):
    """The incremental cache's template key covers both layers: a new override re-renders."""
    root = _site(project)
    before = templates_key(root)
    result, out = build_site(root, tmp_path / "out", load_disk_cache(root))
    assert out is not None and "own-layout" not in (out / "budget.html").read_text()
    (root / "templates").mkdir()
    (root / "templates" / "explainer.html").write_text(OWN_EXPLAINER)
    assert templates_key(root) != before
    result, out = build_site(root, tmp_path / "out", load_disk_cache(root))
    assert "budget.html" in result.rendered
    assert "own-layout" in (out / "budget.html").read_text()


def test_a_missing_template_names_itself_and_where_it_was_looked_for(project, tmp_path):
    root = _site(project, **{"templates/explainer.html": '{% extends "layout.html" %}\n'})
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "--out", str(tmp_path / "o")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "template 'layout.html' not found" in lines[0]
    assert str(root / "templates") in lines[0] and str(THEME / "templates") in lines[0]
    assert not (tmp_path / "o").exists()
