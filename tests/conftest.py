"""Shared helpers: small throw-away projects written from fixture text."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def write_project(root: Path, files: dict[str, str | bytes]) -> Path:
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "sources").mkdir(parents=True, exist_ok=True)
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path):
    def make(files: dict[str, str | bytes]) -> Path:
        return write_project(tmp_path / "proj", files)

    return make


from content_guard import ContentGuard  # noqa: E402

_GUARD = ContentGuard(REPO)


@pytest.fixture(autouse=True)
def _no_repository_content(request):
    """Engine tests use their own projects: reading the repository's content/ or
    sources/ fails the test (see content_guard); `@pytest.mark.sample` tests may."""
    if request.node.get_closest_marker("sample"):
        yield
        return
    _GUARD.start()
    try:
        yield
    finally:
        reads = _GUARD.stop()
    assert not reads, f"an engine test read the repository's own site: {reads[:5]}"


# --- browser tests: one Chromium and one local server per test module -----------------

@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    from browser import launch

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(site):
    """The module's `site` fixture served on 127.0.0.1."""
    from browser import serve

    with serve(site) as url:
        yield url


@pytest.fixture
def context_of(browser):
    """Browser contexts that fail the test on a page error, a console error, or a request
    that leaves the local server (the site is offline: no web fonts, no CDN).
    `expect_404`: the browser's own 'Failed to load' notes for 404 answers are expected."""
    made = []

    def make(expect_404=False, **options):
        context = browser.new_context(**options)
        errors = []

        def console(m):
            if m.type == "error" and not (expect_404 and "status of 404" in m.text):
                errors.append(m.text)

        context.on("page", lambda pg: (pg.on("pageerror", lambda exc: errors.append(str(exc))), pg.on("console", console)))
        context.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "data:")) or errors.append(r.url))
        made.append((context, errors))
        return context

    yield make
    for context, errors in made:
        context.close()
        assert errors == []
