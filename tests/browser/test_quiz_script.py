"""quiz.js in headless Chromium, on small pages served from memory (no book build needed).

Each page holds quiz markup rendered in book mode plus quiz.css and quiz.js, as the
built book serves them; the pages are answered through Playwright routes on
127.0.0.1, so localStorage works and nothing leaves the machine.
"""

from __future__ import annotations

from support.poll import within
from support.quiz_page import BASE, answer, feedback, option_label, page_html, q, said, score

from widgets import assets


def test_loading_the_script_twice_defines_it_once(open_quiz_page, markup):
    body = markup(chapter="what_is_mmn", ids=["wim-hallmark-01", "wim-prevalence-01"])
    pg = open_quiz_page({"twice.html": page_html(body, script_copies=2)}, "twice.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    pg.evaluate("window.MMNQuiz.marker = 42")
    pg.add_script_tag(content=assets.read("quiz.js"))
    assert pg.evaluate("window.MMNQuiz.marker") == 42, "a later copy must not redefine the renderer"
    wrong = (q("wim-hallmark-01").correct_indices[0] + 1) % 4
    answer(pg, "wim-hallmark-01", wrong)
    assert pg.locator('section[data-question-id="wim-hallmark-01"] .mmn-quiz__verdict').count() == 1
    assert score(pg) == said(0, 2, 1)
    saved = pg.evaluate("Object.keys(localStorage).filter(k => k.startsWith('mmn-quiz/'))")
    assert saved == ["mmn-quiz/v2"], "one course-wide record"
    items = pg.evaluate("JSON.parse(localStorage.getItem('mmn-quiz/v2')).items")
    assert set(items) == {"wim-hallmark-01"} and items["wim-hallmark-01"]["c"] == "what_is_mmn"


def test_blocks_added_later_are_initialised(open_quiz_page, markup):
    first = markup(chapter="what_is_mmn", ids=["wim-hallmark-01"])
    later = markup(chapter="treatment", ids=["tx-cochrane-01"])
    pg = open_quiz_page({"later.html": page_html(first)}, "later.html")
    pg.evaluate("html => document.querySelector('main').insertAdjacentHTML('beforeend', html)", later)
    pg.wait_for_selector('.mmn-quiz[data-chapter="treatment"][data-mmn-quiz-ready]', timeout=5000)
    assert pg.locator(".mmn-quiz__score-text").nth(1).inner_text() == said(0, 2, 0)
    answer(pg, "tx-cochrane-01", q("tx-cochrane-01").correct_indices[0])
    assert feedback(pg, "tx-cochrane-01").startswith("✔ Correct —")
    assert score(pg) == said(1, 2, 1), "every block shows the page score"


def test_choosing_does_not_answer_the_first_attempt_counts_and_retry_teaches(open_quiz_page, markup):
    qid = "wim-first-line-01"
    question = q(qid)
    right = question.correct_indices[0]
    wrong = (right + 1) % len(question.options)
    pg = open_quiz_page({"single.html": page_html(markup(chapter="what_is_mmn", ids=[qid, "wim-hallmark-01"]))}, "single.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    assert pg.locator(".mmn-quiz__key").first.is_hidden(), "the script hides the no-script answer key"
    assert pg.locator(".mmn-quiz__footer").is_visible()
    option_label(pg, qid, wrong).click()
    assert feedback(pg, qid) == "", "choosing an option does not answer"
    assert score(pg) == said(0, 2, 0)
    pg.locator(f'section[data-question-id="{qid}"] .mmn-quiz__check').click()
    text = feedback(pg, qid)
    assert text.startswith("✘ Not quite —")
    assert question.options[wrong].explanation in text, "the chosen option's explanation"
    assert question.options[right].explanation not in text, "a retry still tests: the key is not given away"
    assert "first answer was incorrect" in text
    assert "incorrect" in option_label(pg, qid, wrong).inner_text()
    assert "correct answer" not in option_label(pg, qid, right).inner_text()
    assert score(pg) == said(0, 2, 1)
    answer(pg, qid, right)  # retry
    text = feedback(pg, qid)
    assert text.startswith("✔ Correct —") and question.options[right].explanation in text and "Sources:" in text
    assert score(pg) == said(0, 2, 1), "the first attempt stays"
    assert "first answer" in pg.locator(".mmn-quiz__score").inner_text()


def test_show_the_answer_after_a_wrong_attempt(open_quiz_page, markup):
    qid = "wim-first-line-01"
    question = q(qid)
    right = question.correct_indices[0]
    wrong = (right + 1) % len(question.options)
    pg = open_quiz_page({"show.html": page_html(markup(chapter="what_is_mmn", ids=[qid]))}, "show.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    show = pg.locator(f'section[data-question-id="{qid}"] .mmn-quiz__show')
    assert show.is_hidden()
    answer(pg, qid, wrong)
    show.click()
    text = feedback(pg, qid)
    assert question.options[right].explanation in text and question.options[right].text in text
    assert "correct answer" in option_label(pg, qid, right).inner_text()
    assert show.is_hidden()
    pg.reload()
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    assert question.options[right].explanation in feedback(pg, qid), "a shown answer stays shown"
    assert score(pg) == said(0, 1, 1)


def test_multiple_select_needs_check_answer(open_quiz_page, markup):
    qid = "dx-entrapment-sites-01"
    question = q(qid)
    pg = open_quiz_page({"multi.html": page_html(markup(chapter="diagnosis_in_practice", ids=[qid]))}, "multi.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    check = pg.locator(f'section[data-question-id="{qid}"] .mmn-quiz__check')
    assert check.is_visible()
    check.click()
    assert "Select at least one option" in feedback(pg, qid)
    assert score(pg) == said(0, 1, 0)
    correct = question.correct_indices
    option_label(pg, qid, correct[0]).click()
    assert feedback(pg, qid).startswith("Select at least one"), "ticking a box does not answer"
    check.click()
    text = feedback(pg, qid)
    assert text.startswith("✘ Not quite —") and f"1 of the {len(correct)} correct options" in text
    assert "Correct, you did not select it:" not in text, "the missing options are not given away"
    for i in correct[1:]:
        option_label(pg, qid, i).click()
    check.click()
    text = feedback(pg, qid)
    assert text.startswith("✔ Correct —")
    for i in correct:
        assert question.options[i].explanation in text
    assert score(pg) == said(0, 1, 1), "the first, incomplete answer counts"


def test_keyboard_only(open_quiz_page, markup):
    qid = "wim-hallmark-01"
    question = q(qid)
    body = "<p><a href='#top'>a link before the quiz</a></p>" + markup(chapter="what_is_mmn", ids=[qid])
    pg = open_quiz_page({"keys.html": page_html(body)}, "keys.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    pg.focus("a[href='#top']")
    pg.keyboard.press("Tab")
    focused = pg.evaluate("() => [document.activeElement.type, document.activeElement.value]")
    assert focused == ["radio", "0"], "Tab moves into the radio group"
    outline = pg.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "a visible focus style"
    for _ in range(len(question.options) - 1):
        pg.keyboard.press("ArrowDown")
        assert feedback(pg, qid) == "", "browsing the options with the arrow keys does not answer"
    target = question.correct_indices[0]
    while pg.evaluate("() => +document.activeElement.value") != target:
        pg.keyboard.press("ArrowUp")
    assert feedback(pg, qid) == ""
    pg.keyboard.press("Tab")
    assert pg.evaluate("() => document.activeElement.className") == "mmn-quiz__check"
    assert feedback(pg, qid) == "", "focusing the button does not answer"
    pg.keyboard.press("Enter")
    assert feedback(pg, qid).startswith("✔ Correct —")
    assert score(pg) == said(1, 1, 1)
    assert pg.locator(f'section[data-question-id="{qid}"] [aria-live="polite"]').count() == 1


def test_progress_persists_across_pages_and_reset_asks_first(open_quiz_page, markup):
    qid = "wim-hallmark-01"
    right = q(qid).correct_indices[0]
    html = page_html(markup(chapter="what_is_mmn", ids=[qid, "wim-prevalence-01"]))
    pg = open_quiz_page({"persist.html": html, "other.html": html}, "persist.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    answer(pg, qid, right)
    pg.reload()
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    assert option_label(pg, qid, right).locator("input").is_checked()
    assert feedback(pg, qid).startswith("✔ Correct —")
    assert score(pg) == said(1, 2, 1)
    pg.goto(f"{BASE}/other.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    assert score(pg) == said(1, 2, 1), "progress is course-wide, by question id (not by page path)"
    reset = pg.locator(".mmn-quiz__reset")
    reset.focus()
    pg.keyboard.press("Enter")
    confirm = pg.locator(".mmn-quiz__confirm")
    assert confirm.is_visible() and score(pg) == said(1, 2, 1), "reset asks first"
    assert pg.evaluate("() => document.activeElement.className") == "mmn-quiz__confirm-no", "Cancel has the focus"
    pg.keyboard.press("Enter")  # Cancel
    assert confirm.is_hidden() and score(pg) == said(1, 2, 1)
    assert pg.evaluate("() => document.activeElement.className") == "mmn-quiz__reset"
    pg.keyboard.press("Enter")
    pg.locator(".mmn-quiz__confirm-yes").click()
    assert score(pg) == said(0, 2, 0)
    assert not option_label(pg, qid, right).locator("input").is_checked()
    assert feedback(pg, qid) == ""
    assert "deleted" in pg.locator(".mmn-quiz__status").inner_text()
    pg.reload()
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    assert score(pg) == said(0, 2, 0)


def test_without_the_script_the_answer_key_is_the_fallback(open_quiz_page, markup):
    body = markup(chapter="what_is_mmn", ids=["wim-hallmark-01"])
    html = page_html(body, script_copies=0)
    pg = open_quiz_page({"noscript.html": html}, "noscript.html")
    key = pg.locator(".mmn-quiz__key")
    assert key.is_visible() and pg.locator(".mmn-quiz__footer").is_hidden()
    key.locator("summary").click()
    assert q("wim-hallmark-01").options[0].explanation[:30] in key.inner_text()


def test_feedback_colours_as_rendered(open_quiz_page, markup):
    """The colours the browser actually paints keep 4.5:1 (checks the cascade, not just the variables)."""
    from widgets.palette import contrast_ratio

    qid = "wim-hallmark-01"
    right = q(qid).correct_indices[0]
    pg = open_quiz_page({"colours.html": page_html(markup(chapter="what_is_mmn", ids=[qid]))}, "colours.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")

    def colours():
        return pg.evaluate(
            """() => { const s = getComputedStyle(document.querySelector('.mmn-quiz__feedback'));
                       const hex = c => '#' + c.match(/\\d+/g).slice(0, 3).map(n => (+n).toString(16).padStart(2, '0')).join('');
                       return [hex(s.color), hex(s.backgroundColor)]; }"""
        )

    for index in ((right + 1) % 4, right):
        answer(pg, qid, index)
        fg, bg = colours()
        assert contrast_ratio(fg, bg) >= 4.5, (fg, bg)


def test_a_block_completed_after_its_first_scan_is_initialised(open_quiz_page, markup):
    """A block can be initialised while still incomplete (a large page being parsed, a streamed output):
    questions that arrive later in the same block are initialised too."""
    import re

    full = markup(chapter="what_is_mmn", ids=["wim-hallmark-01", "wim-prevalence-01"])
    sections = re.findall(r"<section.*?</section>", full, flags=re.S)
    first_only = full.replace(sections[1], "")
    pg = open_quiz_page({"stream.html": page_html(first_only)}, "stream.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    pg.evaluate(
        "html => document.querySelector('.mmn-quiz__question').insertAdjacentHTML('afterend', html)", sections[1]
    )
    pg.wait_for_selector('section[data-question-id="wim-prevalence-01"][data-mmn-quiz-ready]', timeout=5000)
    assert pg.locator('section[data-question-id="wim-prevalence-01"] .mmn-quiz__key').is_hidden()
    right = q("wim-prevalence-01").correct_indices[0]
    answer(pg, "wim-prevalence-01", right)
    assert feedback(pg, "wim-prevalence-01").startswith("✔ Correct —")
    assert score(pg) == said(1, 2, 1)


def test_a_block_still_being_parsed_is_completed(open_quiz_page, markup):
    """Regression: a scan triggered while the parser was paused inside a block (a slow script, or
    plotly drawing a trace) marked the whole block ready and left its later questions dead."""
    import re
    import time

    first = markup(chapter="what_is_mmn", ids=["wim-hallmark-01"])
    second = markup(chapter="differential_diagnosis")
    cut = [m.end() for m in re.finditer(r"</section>", second)][0]
    paused = second[:cut] + f'<script src="{BASE}/slow.js"></script>' + second[cut:]
    plotly = "<script>window.Plotly = {newPlot: function () { return Promise.resolve(); }};</script>"
    html = page_html(plotly + first + paused)

    def slow(route):
        # Deliberate pause, the thing under test: a slow script holds the parser while the page's timers run.
        time.sleep(0.4)
        route.fulfill(status=200, content_type="application/javascript", body="window.slowLoaded = true;")

    pg = open_quiz_page({"big.html": html}, "big.html", routes={f"{BASE}/slow.js": slow})
    pg.wait_for_load_state("load")
    # every question initialised (the assertions below say which were not, if the deadline passes)
    within(lambda: pg.evaluate("() => Array.from(document.querySelectorAll('.mmn-quiz__question'))"
                               ".every(s => s.hasAttribute('data-mmn-quiz-ready'))"), 5)
    states = pg.evaluate(
        """() => Array.from(document.querySelectorAll('.mmn-quiz__question')).map(
              s => [s.dataset.questionId, s.hasAttribute('data-mmn-quiz-ready'), s.querySelector('.mmn-quiz__key').hidden])"""
    )
    assert pg.evaluate("window.slowLoaded") is True
    assert len(states) > 3
    assert all(ready and hidden for _, ready, hidden in states), [s for s in states if not (s[1] and s[2])]
    n = len(states)
    assert pg.locator(".mmn-quiz__score-text").first.inner_text() == said(0, n, 0)
