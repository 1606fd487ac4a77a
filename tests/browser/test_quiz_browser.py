"""Quizzes, study tools and case disclosure in the built book, in headless Chromium, offline.

A student on the book's pages, with the keyboard alone: browses options without answering, answers with
"Check answer", sees the first-attempt score, retries; opens a case whose next step appears only after an
answer; reviews due questions on the review page; resets with a confirmation.

The built book is fixture ``book`` of conftest.py: the session's build (fixture ``site``) or, while developing, a copy built
elsewhere: ``MMN_QUIZ_BOOK_HTML=/tmp/x/_build/html`` (built with ``jupyter-book build . --path-output /tmp/x``).
"""

from __future__ import annotations

import re

import pytest
from support.browser import KNOWN_PAGE_ERRORS, new_guarded_page

from widgets.quiz import load_bank

CHAPTER = "chapters/01_what_is_mmn.html"
CASES = "chapters/09_clinical_cases.html"
REVIEW = "chapters/10_review.html"


@pytest.fixture
def page(browser, book):
    context, pg, guard = new_guarded_page(browser)
    yield pg
    context.close()
    assert guard.external_requests == [], f"requests left 127.0.0.1: {guard.external_requests}"
    unexpected = [e for e in guard.page_errors if not any(k in e for k in KNOWN_PAGE_ERRORS)]
    assert unexpected == [], f"page errors: {unexpected}"


def open_quiz(page, book, path: str = CHAPTER):
    if path not in book.pages():
        pytest.skip(f"{path} is not in the built book (is it listed in _toc.yml?)")
    page.goto(book.url(path), wait_until="load")
    page.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    return page


def ids_on(page) -> list[str]:
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('.mmn-quiz__question:not([data-review])')).map(s => s.dataset.questionId)"
    )


def question(qid):
    (q,) = [x for x in load_bank() if x.id == qid]
    return q


def feedback(page, qid) -> str:
    return page.locator(f'section[data-question-id="{qid}"]:not([data-review]) .mmn-quiz__feedback').first.inner_text()


def score(page) -> str:
    return page.locator(".mmn-quiz__score-text").first.inner_text()


def said(right, total, answered) -> str:
    return f"{right} of {total} correct at the first attempt on this page ({answered} answered)"


def focus_before(page, qid):
    """Focus the last focusable element before question ``qid``'s first option (then keyboard only)."""
    page.evaluate(
        """(qid) => {
            const first = document.querySelector(`section[data-question-id="${qid}"] .mmn-quiz__options input`);
            const all = Array.from(document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]'))
              .filter(e => !e.disabled && e.tabIndex >= 0 && e.offsetParent !== null);
            const before = all.filter(e => e.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
            before[before.length - 1].focus();
        }""",
        qid,
    )


def keyboard_answer(page, qid, index, *, from_first_option=False):
    """With the keyboard alone: Tab into the options, arrows to ``index`` (browsing answers nothing),
    Tab to "Check answer", Enter. ``from_first_option``: start with the focus on the first option (where a Tab
    from the previous control would land; on a case page that control may be another question's radio group)."""
    if from_first_option:
        page.locator(f'section[data-question-id="{qid}"]:not([data-review]) .mmn-quiz__options input').first.focus()
    else:
        focus_before(page, qid)
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "radio"
    before = feedback(page, qid)
    if not page.evaluate("() => document.activeElement.checked"):
        page.keyboard.press("Space")  # selects the focused option, answers nothing
    while (value := int(page.evaluate("() => document.activeElement.value"))) != index:
        page.keyboard.press("ArrowDown" if value < index else "ArrowUp")
        assert feedback(page, qid) == before, "browsing the options with the arrow keys answers nothing"
    page.keyboard.press("Tab")
    assert "mmn-quiz__check" in page.evaluate("() => document.activeElement.className")
    assert feedback(page, qid) == before, "focus on the button answers nothing"
    page.keyboard.press("Enter")


def test_the_page_loads_the_quiz_assets_once_and_no_inline_renderer(page, book):
    open_quiz(page, book)
    html = (book.root / CHAPTER).read_text()
    assert len(re.findall(r'<script[^>]+src="[^"]*quiz\.js', html)) == 1
    assert len(re.findall(r'<link[^>]+href="[^"]*quiz\.css', html)) == 1
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    assert not any("window.MMNQuiz" in s for s in inline)
    assert ids_on(page) == [q.id for q in load_bank("what_is_mmn")]
    assert page.locator(".mmn-quiz__key").first.is_hidden() and page.locator(".mmn-quiz__footer").is_visible()


def test_keyboard_browsing_does_not_answer_and_the_first_attempt_scores(page, book):
    open_quiz(page, book)
    ids = ids_on(page)
    n = len(ids)
    qid = ids[0]
    q = question(qid)
    focus_before(page, qid)
    page.keyboard.press("Tab")
    for _ in range(len(q.options) - 1):
        page.keyboard.press("ArrowDown")
        assert feedback(page, qid) == "", "browsing the options with the arrow keys answers nothing"
    assert score(page) == said(0, n, 0)
    wrong = (q.correct_indices[0] + 1) % len(q.options)
    keyboard_answer(page, qid, wrong)
    assert feedback(page, qid).startswith("✘ Not quite —")
    assert q.options[q.correct_indices[0]].explanation not in feedback(page, qid), "the retry still tests"
    assert score(page) == said(0, n, 1)
    keyboard_answer(page, qid, q.correct_indices[0])
    assert feedback(page, qid).startswith("✔ Correct —")
    assert score(page) == said(0, n, 1), "a right retry does not change the first-attempt score"
    page.reload(wait_until="load")
    page.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    assert score(page) == said(0, n, 1)


def test_reset_asks_for_confirmation(page, book):
    open_quiz(page, book)
    ids = ids_on(page)
    qid = ids[2]
    page.locator(f'section[data-question-id="{qid}"] label.mmn-quiz__option').nth(question(qid).correct_indices[0]).click()
    page.locator(f'section[data-question-id="{qid}"] .mmn-quiz__check').click()
    assert score(page) == said(1, len(ids), 1)
    reset = page.locator(".mmn-quiz__reset").first
    reset.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.textContent") == "Cancel"
    page.keyboard.press("Enter")
    assert score(page) == said(1, len(ids), 1), "Cancel keeps the answers"
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.className") == "mmn-quiz__confirm-yes"
    page.keyboard.press("Enter")
    assert score(page) == said(0, len(ids), 0)
    page.reload(wait_until="load")
    page.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    assert score(page) == said(0, len(ids), 0)


def test_a_case_reveals_its_next_step_only_after_an_answer(page, book):
    open_quiz(page, book, CASES)
    gate = page.locator(".mmn-quiz[data-reveals]").first
    target = gate.get_attribute("data-reveals")
    step = page.locator(f"section:has(> #{target})")  # MyST puts a target's id on a span opening its section
    assert step.count() == 1 and step.is_hidden()
    diagnosis = page.locator("text=definite MMN").first
    assert not diagnosis.is_visible(), "the diagnosis is hidden before the decision point"
    qid = gate.locator(".mmn-quiz__question").first.get_attribute("data-question-id")
    focus_before(page, qid)
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert step.is_hidden(), "choosing is not committing"
    for _ in range(8):  # past the other options to the button
        page.keyboard.press("Tab")
        if "mmn-quiz__check" in page.evaluate("() => document.activeElement.className"):
            break
    assert step.is_hidden(), "focus on the button is not committing"
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(id) => !document.getElementById(id).parentElement.classList.contains('mmn-quiz-step-locked')", arg=target
    )
    assert step.is_visible()
    nxt = page.locator(f"section:has(> #{page.locator('.mmn-quiz[data-reveals]').nth(1).get_attribute('data-reveals')})")
    assert nxt.is_hidden(), "one step at a time"
    assert page.locator("text=definite MMN").first.is_hidden(), "the diagnosis is still behind the next decision"
    page.emulate_media(media="print")
    assert nxt.is_visible(), "print shows every step"


#: The cases added or rebuilt in issue 17: their decision points in page order, the index of the decision point
#: after which the case states its answer, and the words that state it (as the page renders them).
STEPWISE_CASES = {
    "Case 5": (["case-e-01", "case-e-02"], 1, "possible MMN in the EFNS/PNS 2010 categories"),
    "Case 6": (["case-fail-01", "case-fail-02", "case-fail-03"], 0, "this is wear-off"),
    "Case 7": (["case-mimic-01", "case-mimic-02", "case-mimic-03"], 1, "This is Hirayama disease"),
}


def gate_of(page, qid):
    return page.locator(f'.mmn-quiz[data-reveals]:has(section[data-question-id="{qid}"])')


@pytest.mark.parametrize("case", sorted(STEPWISE_CASES))
def test_a_new_case_unfolds_one_step_per_keyboard_answer(page, book, case):
    """Keyboard only: each decision point of the case opens its next step and nothing after it; the answer of
    the case is not on screen before the decision point that asks for it."""
    qids, answered_at, answer = STEPWISE_CASES[case]
    open_quiz(page, book, CASES)
    steps = []
    for qid in qids:
        gate = gate_of(page, qid)
        assert gate.count() == 1, f"{qid} is not a decision point that reveals a step"
        target = gate.get_attribute("data-reveals")  # a span opening its section, or the section itself
        steps.append(page.locator(f"section:has(> span#{target}), section#{target}"))
    statement = page.locator(f"text={answer}").first
    for i, qid in enumerate(qids):
        assert gate_of(page, qid).is_visible(), f"{case}: decision point {i + 1} is not reachable"
        assert all(s.is_hidden() for s in steps[i:]), f"{case}: a later step shows before decision point {i + 1}"
        if i <= answered_at:
            assert statement.is_hidden(), f"{case}: the answer shows before decision point {i + 1}"
        q = question(qid)
        keyboard_answer(page, qid, (q.correct_indices[0] + 1) % len(q.options), from_first_option=True)  # wrong opens too
        page.wait_for_function("(qid) => document.querySelector(`section[data-question-id='${qid}'] "
                               ".mmn-quiz__feedback`).textContent.trim().length > 0", arg=qid)
        steps[i].wait_for(state="visible", timeout=5000)
        assert all(s.is_hidden() for s in steps[i + 1:]), f"{case}: one step at a time"
    assert statement.is_visible(), f"{case}: the answer is stated once its decision point is answered"


def test_the_case_page_names_no_diagnosis_before_its_decision_point(page, book):
    """The built page: headings and the page's table of contents are neutral, and what is on screen before any
    answer states no case's diagnosis (the comparison table is folded away)."""
    open_quiz(page, book, CASES)
    headings = page.eval_on_selector_all("h2, h3, nav a", "els => els.map(e => e.textContent.trim())")
    case_headings = [h for h in headings if h.startswith("Case ")]
    assert len(case_headings) >= 7, case_headings
    names = re.compile(r"\b(MMN|ALS|CIDP|Lewis-Sumner|MADSAM|Hirayama|wear-off)\b")
    assert [h for h in case_headings if names.search(h)] == []
    visible = page.evaluate("() => document.querySelector('main, article').innerText")
    for spoiler in ("definite MMN by the EFNS", "This is Hirayama disease", "this is wear-off",
                    "possible MMN in the EFNS/PNS 2010 categories", "Hirayama disease (MRI in neck flexion)"):
        assert spoiler not in visible, f"{spoiler!r} is on screen before its decision point"


def test_review_page_progress_and_spaced_review(page, book):
    open_quiz(page, book, CHAPTER)
    qid = ids_on(page)[1]
    q = question(qid)
    wrong = (q.correct_indices[0] + 1) % len(q.options)
    page.locator(f'section[data-question-id="{qid}"] label.mmn-quiz__option').nth(wrong).click()
    page.locator(f'section[data-question-id="{qid}"] .mmn-quiz__check').click()
    open_quiz(page, book, REVIEW)
    page.wait_for_selector(".mmn-quiz-progress[data-mmn-quiz-ready]")
    row = page.locator(".mmn-quiz-progress__table tr", has_text="What is MMN?").first.inner_text().split("\t")
    assert row[1].startswith("1 of ") and row[2] == "0"
    due = page.locator(".mmn-quiz-review__due")
    assert "1 more later" in due.inner_text()
    page.evaluate("window.MMNQuiz.clockOffset = 11 * 60 * 1000; window.MMNQuiz.score()")
    assert due.inner_text().startswith("1 question is due for review")
    start = page.locator(".mmn-quiz-review__start")
    start.focus()
    page.keyboard.press("Enter")
    section = page.locator(f"section#mmnq-review-{qid}")
    assert section.is_visible()
    page.keyboard.press("Space") if q.correct_indices[0] == 0 else None
    while int(page.evaluate("() => document.activeElement.value")) < q.correct_indices[0]:
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert section.locator(".mmn-quiz__feedback").inner_text().startswith("✔ Correct —")
    assert due.inner_text().startswith("No question is due"), "answered right, it comes back after a day"
    assert page.evaluate(f"window.MMNQuiz.progress().items['{qid}'].first") is False


