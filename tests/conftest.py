"""Shared fixtures: the built book, served on 127.0.0.1, and a guarded Playwright page.

The book is built once per test session (``jupyter-book build . --all -W
--keep-going``) by whichever xdist worker runs the ``book`` group; every test
that needs the built site uses the :func:`site` fixture and so lands in that
group. Set ``MMN_REUSE_BUILD=1`` to test an existing ``_build/html`` while
developing (the build test then reads the log of that earlier build, ``_build/build.log``);
``MMN_BUILD_DIR`` names another build folder than ``_build``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The build folder the tests use: ``_build``, or another one named by ``MMN_BUILD_DIR`` (a helper's own
#: build, e.g. ``jupyter-book build . --path-output /tmp/x`` gives ``MMN_BUILD_DIR=/tmp/x/_build``).
BUILD_DIR = Path(os.environ.get("MMN_BUILD_DIR") or ROOT / "_build")
HTML = BUILD_DIR / "html"
BUILD_LOG = BUILD_DIR / "build.log"

#: Page errors known to be harmless. sphinx-thebe's config script, which appeared twice on each page
#: ("Identifier 'THEBE_JS_URL' has already been declared"), is no longer served: the book has no thebe cells.
KNOWN_PAGE_ERRORS: tuple[str, ...] = ()

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_configure(config):
    """Know xdist's ``xdist_group`` marker also when xdist is off (``-p no:xdist``, with ``--strict-markers``)."""
    config.addinivalue_line("markers", "xdist_group(name): run on the xdist worker of that group")


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups into the test ids
def pytest_collection_modifyitems(config, items):
    """Keep the built-book tests on one worker and each notebook's cells on one worker."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "site" in fixtures or "book_build" in fixtures:
            item.add_marker(pytest.mark.xdist_group("book"))
            item.add_marker(pytest.mark.book)
        elif item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group(f"nb-{item.path.stem}"))


@dataclass(frozen=True)
class BookBuild:
    """Outcome of one book build: exit code, full log, output folder."""

    returncode: int
    log: str
    html: Path


def run_folder(tmp_path_factory) -> Path:
    """This test run's temporary folder, shared by its xdist workers."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once_per_run(tmp_path_factory, name: str, make: Callable[[], str]) -> str:
    """``make()`` run once per test run, by whichever worker gets here first (under a file lock);
    every caller, on any worker, gets the text it returned."""
    import fcntl

    folder = run_folder(tmp_path_factory)
    result = folder / f"{name}.result"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not result.exists():
                result.write_text(make())
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return result.read_text()


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def served(folder: Path):
    """``folder`` served over HTTP on an ephemeral port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Site:
    """The built book served over HTTP on 127.0.0.1."""

    base_url: str
    root: Path

    def url(self, path: str = "index.html") -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def pages(self) -> list[str]:
        """Every content page of the book (relative paths), excluding Sphinx's own search/genindex."""
        skip = {"search.html", "genindex.html", "py-modindex.html"}
        return sorted(
            p.relative_to(self.root).as_posix()
            for p in self.root.rglob("*.html")
            if p.name not in skip
            and "_static" not in p.parts
            and "_sources" not in p.parts
            and 'http-equiv="Refresh"' not in p.read_text(errors="replace")[:2000]
        )


@pytest.fixture(scope="session")
def site(book_build: BookBuild):
    """Serve ``_build/html`` on an ephemeral port of 127.0.0.1."""
    if book_build.returncode != 0 or not (book_build.html / "index.html").exists():
        tail = "\n".join(book_build.log.splitlines()[-40:])
        pytest.fail(f"the book did not build (exit {book_build.returncode}):\n{tail}")
    with served(book_build.html) as base_url:
        yield Site(base_url, book_build.html)


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Debian's chromium is required for browser tests: run `bash scripts/test.sh` (it installs it)")
    return path


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


@dataclass
class PageGuard:
    """What a page did that it must not: requests leaving 127.0.0.1 and uncaught page errors."""

    external_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def _is_local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))


def new_guarded_page(browser, *, viewport=None, guard: PageGuard | None = None):
    """A fresh page in its own context whose external requests are blocked and recorded."""
    guard = guard or PageGuard()
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})

    def route(r):
        if _is_local(r.request.url):
            r.continue_()
        else:
            guard.external_requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("pageerror", lambda e: guard.page_errors.append(str(e)))
    pg.on("console", lambda m: guard.console_errors.append(m.text) if m.type == "error" else None)
    return context, pg, guard


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



def reveal_case_steps(pg, limit: int = 40) -> int:
    """Answer a page's case decision points as a student does (an option, then "Check answer") until no step of
    a case is hidden; each answer may reveal the next decision point. Returns how many it answered."""
    answered = 0
    for _ in range(limit):
        if pg.locator(".mmn-quiz-step-locked").count() == 0:
            break
        blocks = pg.locator(".mmn-quiz[data-reveals]:visible")
        for i in range(blocks.count()):
            question = blocks.nth(i).locator(".mmn-quiz__question").first
            feedback = question.locator(".mmn-quiz__feedback")
            if feedback.inner_text().strip():
                continue  # answered already
            question.locator(".mmn-quiz__option").first.click()
            question.locator(".mmn-quiz__check").click()
            pg.wait_for_function("(el) => el.textContent.trim().length > 0", arg=feedback.element_handle(), timeout=5000)
            answered += 1
            break
        else:
            break  # nothing left to answer on screen
    return answered
