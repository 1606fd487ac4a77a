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
