"""Playwright helpers: system Chromium, and pages whose external requests and errors are recorded."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

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


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Debian's chromium is required for browser tests: run `bash scripts/test.sh` (it installs it)")
    return path



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



#: Where a page opened from disk (``file://``) may send requests: any other would fail for a reader offline.
ON_DISK = ("file://", "data:", "blob:", "about:")


def off_disk(urls) -> list[str]:
    """The URLs among ``urls`` that leave the disk (none of :data:`ON_DISK`)."""
    return [u for u in urls if not u.startswith(ON_DISK)]


def new_file_page(browser, viewport=None, allowed=ON_DISK, **context_options):
    """A page that may read from disk and nothing else: its other requests are aborted and recorded.

    ``allowed``: URL prefixes the page may request (default :data:`ON_DISK`; e.g. the served book's
    ``http://127.0.0.1`` too). Returns ``(context, page, errors, elsewhere)``: uncaught page errors, and the URLs of
    the aborted requests.
    """
    if viewport is not None:
        context_options["viewport"] = viewport
    context = browser.new_context(**context_options)
    errors, elsewhere = [], []

    def route(r):
        if r.request.url.startswith(allowed):
            r.continue_()
        else:
            elsewhere.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors, elsewhere


def new_recording_page(browser, viewport=None):
    """A page whose requests (none blocked; see :func:`off_disk`) and uncaught page errors are recorded.

    Returns ``(context, page, requests, errors)``.
    """
    context = browser.new_context(viewport=viewport) if viewport is not None else browser.new_context()
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, requests, errors


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
