"""A quiz page built from markup, opened in Chromium: the ``markup`` and ``open_quiz_page`` fixtures (a plugin
registered by ``tests/conftest.py``) and helpers that answer questions as a student does."""

from __future__ import annotations

import pytest

from widgets import assets
from widgets.display import BUILD_ENV
from widgets.quiz import load_bank, quiz

BASE = "http://127.0.0.1:9"


@pytest.fixture
def markup(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "1")

    def render(**kwargs) -> str:
        return quiz(**kwargs).book_html()

    return render


def page_html(body: str, *, script_copies: int = 1) -> str:
    script = f"<script>{assets.read('quiz.js')}</script>" * script_copies
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>quiz test</title>"
        f"<style>{assets.read('quiz.css')}</style>{script}</head><body><main>{body}</main></body></html>"
    )


@pytest.fixture
def open_quiz_page(browser):
    from support.browser import KNOWN_PAGE_ERRORS, new_guarded_page

    opened = []

    def open_(pages: dict[str, str], path: str, routes: dict | None = None):
        context, pg, guard = new_guarded_page(browser)
        for url, handler in (routes or {}).items():
            pg.route(url, handler)
        def serve(html: str):
            return lambda route: route.fulfill(status=200, content_type="text/html", body=html)

        for name, html in pages.items():
            pg.route(f"{BASE}/{name}", serve(html))
        pg.goto(f"{BASE}/{path}")
        opened.append((context, guard))
        return pg

    yield open_
    for context, guard in opened:
        context.close()
        errors = [e for e in guard.page_errors if not any(k in e for k in KNOWN_PAGE_ERRORS)]
        assert errors == [], errors
        assert guard.external_requests == []


def q(qid):
    (question,) = [x for x in load_bank() if x.id == qid]
    return question


def option_label(pg, qid: str, index: int):
    return pg.locator(f'section[data-question-id="{qid}"] label.mmn-quiz__option').nth(index)


def feedback(pg, qid: str) -> str:
    return pg.locator(f'section[data-question-id="{qid}"] .mmn-quiz__feedback').inner_text()


def score(pg) -> str:
    return pg.locator(".mmn-quiz__score-text").first.inner_text()


def answer(pg, qid: str, *indices: int) -> None:
    """Tick the options ``indices`` (single: one) and press "Check answer"."""
    for i in indices:
        option_label(pg, qid, i).click()
    pg.locator(f'section[data-question-id="{qid}"] .mmn-quiz__check').click()


def said(right: int, total: int, answered: int) -> str:
    return f"{right} of {total} correct at the first attempt on this page ({answered} answered)"
