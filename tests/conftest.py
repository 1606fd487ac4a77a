"""Shared fixtures: the built book, served on 127.0.0.1, and a guarded Playwright page; markers by folder.

The book is built once per test session (``jupyter-book build . --all -W
--keep-going``) by whichever xdist worker runs the ``book`` group; every test
that needs the built site uses the :func:`site` fixture and so lands in that
group. Set ``MMN_REUSE_BUILD=1`` to test an existing ``_build/html`` while
developing (the build test then reads the log of that earlier build, ``_build/build.log``);
``MMN_BUILD_DIR`` names another build folder than ``_build``.

Tests sit in folders by kind (see ``tests/README.md``); :func:`pytest_collection_modifyitems` marks each test
by its folder, and refuses a test outside ``tests/browser`` and ``tests/live`` that asks for a browser.
Helpers are in the ``support`` package (``from support.xxx import …``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.browser import CHROMIUM_ARGS, KNOWN_PAGE_ERRORS, PageGuard, chromium_path, new_guarded_page
from support.paths import BUILD_DIR, BUILD_LOG, HTML, ROOT
from support.site import BookBuild, Site, once_per_run, served

#: Fixtures shared by several folders, kept in plugin modules of ``support``.
pytest_plugins = ["support.visits", "support.quiz_page"]

TESTS = Path(__file__).resolve().parent
#: Markers each folder gives its tests (a test may add more: ``browser`` where it asks for one, ``book`` where it
#: uses the built site).
FOLDER_MARKERS = {"browser": ("browser",), "live": ("live",), "book": ("book",)}
#: Fixtures that start Chromium: only tests under these folders may ask for them.
BROWSER_FIXTURES = {"browser", "page", "site_visits", "lab_page", "open_page", "open_quiz_page", "phone_layouts"}
BROWSER_FOLDERS = {"browser", "live"}


def _kind(item) -> str | None:
    """``unit``, ``book``, ``browser`` or ``live`` for a test under ``tests/``; None elsewhere (notebooks)."""
    try:
        rel = Path(item.path).resolve().relative_to(TESTS)
    except ValueError:
        return None
    return rel.parts[0] if len(rel.parts) > 1 else None


def pytest_configure(config):
    """Know xdist's ``xdist_group`` marker also when xdist is off (``-p no:xdist``, with ``--strict-markers``)."""
    config.addinivalue_line("markers", "xdist_group(name): run on the xdist worker of that group")


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups into the test ids
def pytest_collection_modifyitems(config, items):
    """Mark tests by folder; keep the built-book tests on one worker and each notebook's cells on one worker.

    A test outside ``tests/browser`` and ``tests/live`` that asks for a browser fixture fails collection, so
    ``-m "not browser and not live"`` never starts Chromium.
    """
    misplaced = []
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        kind = _kind(item)
        for name in FOLDER_MARKERS.get(kind, ()):
            item.add_marker(getattr(pytest.mark, name))
        if kind in BROWSER_FOLDERS and fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        elif kind is not None and fixtures & BROWSER_FIXTURES:
            misplaced.append(item.nodeid)
        if "site" in fixtures or "book_build" in fixtures or kind == "book":
            item.add_marker(pytest.mark.xdist_group("book"))
            item.add_marker(pytest.mark.book)
        elif item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group(f"nb-{item.path.stem}"))
    if misplaced:
        raise pytest.UsageError(
            "tests outside tests/browser and tests/live ask for a browser (move them):\n  " + "\n  ".join(misplaced)
        )


@pytest.fixture(scope="session")
def book_build(tmp_path_factory) -> BookBuild:
    """Build the whole book once (executing every chapter), with -W so any warning fails it.

    Once per test run, not per worker: a second build into the same folder while another worker
    browses it would serve half-written pages (it once showed Sphinx's interim code colours to the
    contrast check). The first worker to get here builds; any other reuses its result.
    """
    if os.environ.get("MMN_REUSE_BUILD") == "1" and (HTML / "index.html").exists() and BUILD_LOG.exists():
        return BookBuild(0 if "build succeeded" in BUILD_LOG.read_text() else 1, BUILD_LOG.read_text(), HTML)

    def build() -> str:
        jb = Path(sys.executable).with_name("jupyter-book")
        shutil.rmtree(HTML, ignore_errors=True)  # no page of an earlier build survives into this one
        proc = subprocess.run(
            [str(jb), "build", str(ROOT), "--all", "-W", "--keep-going", "--path-output", str(BUILD_DIR.parent)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        BUILD_LOG.parent.mkdir(parents=True, exist_ok=True)
        BUILD_LOG.write_text(proc.stdout + proc.stderr)
        return str(proc.returncode)

    returncode = int(once_per_run(tmp_path_factory, "book-build", build))
    return BookBuild(returncode, BUILD_LOG.read_text(), HTML)



@pytest.fixture(scope="module")
def book(request):
    """The built book for the quiz pages: the session's :func:`site`, or, while developing, a copy built elsewhere
    (``MMN_QUIZ_BOOK_HTML=/tmp/x/_build/html``, from ``jupyter-book build . --path-output /tmp/x``), served."""
    html = os.environ.get("MMN_QUIZ_BOOK_HTML")
    if html:
        with served(Path(html)) as base:
            yield Site(base, Path(html))
    else:
        yield request.getfixturevalue("site")


@pytest.fixture(scope="session")
def site(book_build: BookBuild):
    """Serve ``_build/html`` on an ephemeral port of 127.0.0.1."""
    if book_build.returncode != 0 or not (book_build.html / "index.html").exists():
        tail = "\n".join(book_build.log.splitlines()[-40:])
        pytest.fail(f"the book did not build (exit {book_build.returncode}):\n{tail}")
    with served(book_build.html) as base_url:
        yield Site(base_url, book_build.html)




@pytest.fixture(scope="session")
def browser():
    """System Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()




@pytest.fixture
def page_guard() -> PageGuard:
    return PageGuard()


@pytest.fixture
def page(browser, site, page_guard):
    """A Playwright page that fails the test if any request leaves 127.0.0.1 or a page error occurs."""
    context, pg, guard = new_guarded_page(browser, guard=page_guard)
    yield pg
    context.close()
    assert guard.external_requests == [], f"requests left 127.0.0.1: {guard.external_requests}"
    unexpected = [e for e in guard.page_errors if not any(k in e for k in KNOWN_PAGE_ERRORS)]
    assert unexpected == [], f"page errors: {unexpected}"
