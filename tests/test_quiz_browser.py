"""Quizzes in the built book, in headless Chromium, offline (fixtures ``site`` and ``page`` of conftest.py).

A student on a chapter page answers right and wrong, with the mouse and with
the keyboard alone, reloads the page and resets the quiz.
"""

from __future__ import annotations

import re

import pytest

from widgets.quiz import load_bank

CHAPTER = "chapters/01_what_is_mmn.html"
REVIEW = "chapters/10_review.html"


def open_quiz(page, site, path: str = CHAPTER):
    if path not in site.pages():
        pytest.skip(f"{path} is not in the built book (is it listed in _toc.yml?)")
    page.goto(site.url(path), wait_until="load")
    page.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    return page


def ids_on(page) -> list[str]:
    return page.evaluate("() => Array.from(document.querySelectorAll('.mmn-quiz__question')).map(s => s.dataset.questionId)")


def question(qid):
    (q,) = [x for x in load_bank() if x.id == qid]
    return q


def label(page, qid, index):
    return page.locator(f'section[data-question-id="{qid}"] label.mmn-quiz__option').nth(index)


def feedback(page, qid) -> str:
    return page.locator(f'section[data-question-id="{qid}"] .mmn-quiz__feedback').inner_text()


def score(page) -> str:
    return page.locator(".mmn-quiz__score-text").first.inner_text()


def test_the_page_loads_the_quiz_assets_once_and_no_inline_renderer(page, site):
    open_quiz(page, site)
    html = (site.root / CHAPTER).read_text()
    assert len(re.findall(r'<script[^>]+src="[^"]*quiz\.js', html)) == 1
    assert len(re.findall(r'<link[^>]+href="[^"]*quiz\.css', html)) == 1
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    assert not any("window.MMNQuiz" in s for s in inline)
    assert page.evaluate("typeof window.MMNQuiz.scan") == "function"
    assert ids_on(page) == [q.id for q in load_bank("what_is_mmn")]
    assert page.locator(".mmn-quiz__key").first.is_hidden() and page.locator(".mmn-quiz__footer").is_visible()


def test_right_and_wrong_answers_show_feedback_and_change_the_score(page, site):
    open_quiz(page, site)
    ids = ids_on(page)
    n = len(ids)
    assert score(page) == f"0 of {n} answered correctly on this page"
    a, b = ids[0], ids[1]
    qa, qb = question(a), question(b)
    right = qa.correct_indices[0]
    label(page, a, right).click()
    assert feedback(page, a).startswith("✔ Correct —")
    assert qa.options[right].explanation in feedback(page, a)
    assert score(page) == f"1 of {n} answered correctly on this page"
    wrong = (qb.correct_indices[0] + 1) % len(qb.options)
    label(page, b, wrong).click()
    text = feedback(page, b)
    assert text.startswith("✘ Not quite —")
    assert qb.options[wrong].explanation in text and qb.options[qb.correct_indices[0]].explanation in text
    assert score(page) == f"1 of {n} answered correctly on this page"
    label(page, b, qb.correct_indices[0]).click()  # retry
    assert feedback(page, b).startswith("✔ Correct —")
    assert score(page) == f"2 of {n} answered correctly on this page"


def test_answering_with_the_keyboard_alone(page, site):
    open_quiz(page, site)
    qid = ids_on(page)[0]
    q = question(qid)
    # focus the last focusable element before the first radio button, then use only the keyboard
    page.evaluate(
        """() => {
            const first = document.querySelector('.mmn-quiz__options input');
            const all = Array.from(document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]'))
              .filter(e => !e.disabled && e.tabIndex >= 0 && e.offsetParent !== null);
            const before = all.filter(e => e.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
            before[before.length - 1].focus();
        }"""
    )
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == page.locator(
        f'section[data-question-id="{qid}"] input'
    ).first.get_attribute("name"), "Tab reaches the first question's radio group"
    page.keyboard.press("ArrowDown")
    chosen = int(page.evaluate("() => document.activeElement.value"))
    assert chosen == 1
    expected = "✔ Correct —" if q.correct_indices == (chosen,) else "✘ Not quite —"
    assert feedback(page, qid).startswith(expected)
    # move on to the right answer with arrow keys
    target = q.correct_indices[0]
    key = "ArrowDown" if target > chosen else "ArrowUp"
    for _ in range(abs(target - chosen)):
        page.keyboard.press(key)
    assert feedback(page, qid).startswith("✔ Correct —")
    n = len(ids_on(page))
    assert score(page) == f"1 of {n} answered correctly on this page"


def test_progress_survives_a_reload_and_resets(page, site):
    open_quiz(page, site)
    ids = ids_on(page)
    qid = ids[2]
    right = question(qid).correct_indices[0]
    label(page, qid, right).click()
    page.reload(wait_until="load")
    page.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    assert label(page, qid, right).locator("input").is_checked()
    assert feedback(page, qid).startswith("✔ Correct —")
    assert score(page) == f"1 of {len(ids)} answered correctly on this page"
    page.locator(".mmn-quiz__reset").first.click()
    assert score(page) == f"0 of {len(ids)} answered correctly on this page"
    assert not label(page, qid, right).locator("input").is_checked() and feedback(page, qid) == ""
    page.reload(wait_until="load")
    page.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    assert score(page) == f"0 of {len(ids)} answered correctly on this page"
    assert not label(page, qid, right).locator("input").is_checked()


def test_review_page_every_question_works_and_traces_render(page, site):
    open_quiz(page, site, REVIEW)
    traces = [q for q in load_bank("review") if q.trace]
    # figures below the first screens are drawn in idle time after load (plotly-lazy.js): wait for all
    page.wait_for_function(
        "(n) => Array.from(document.querySelectorAll('.mmn-quiz .js-plotly-plot')).filter(g => g.querySelector('.trace')).length >= n",
        arg=len(traces),
    )
    states = page.evaluate(
        """() => Array.from(document.querySelectorAll('.mmn-quiz__question')).map(
              s => [s.dataset.questionId, s.hasAttribute('data-mmn-quiz-ready'), s.querySelector('.mmn-quiz__key').hidden])"""
    )
    assert len(states) == len(load_bank("review"))
    assert all(ready and hidden for _, ready, hidden in states), states
    figures = page.locator(".mmn-quiz .js-plotly-plot")
    assert figures.count() == len(traces)
    for i in range(figures.count()):
        assert figures.nth(i).locator(".trace").count() >= 4, "every stimulation site is drawn"
    n = len(states)
    last = states[-1][0]
    label(page, last, question(last).correct_indices[0]).click()
    assert feedback(page, last).startswith("✔ Correct —")
    scores = page.locator(".mmn-quiz__score-text").all_inner_texts()
    assert len(scores) == 3 and set(scores) == {f"1 of {n} answered correctly on this page"}, "one score per page"
