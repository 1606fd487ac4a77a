"""Course-wide study tools of quiz.js in headless Chromium, on pages served from memory (no book build):
the progress dashboard (per chapter and objective), export and import of progress as a file, the
confirmed reset of all progress, spaced review across chapters, and step-by-step disclosure of cases.
"""

from __future__ import annotations

import json

import pytest
from support.quiz_page import BASE, answer, option_label, page_html, q

from widgets.display import BUILD_ENV


@pytest.fixture
def panels(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "1")
    from widgets.quiz.review import progress_panel, review_panel

    return progress_panel()._repr_html_() + review_panel(round_size=5)._repr_html_()


def wrong_index(qid: str) -> int:
    return (q(qid).correct_indices[0] + 1) % len(q(qid).options)


def test_dashboard_review_export_import_and_reset(open_quiz_page, markup, panels, tmp_path):
    ch1 = page_html(markup(chapter="what_is_mmn", ids=["wim-hallmark-01", "wim-prevalence-01"]))
    ch7 = page_html(markup(chapter="treatment", ids=["tx-cochrane-01"]))
    review = page_html(panels)
    pg = open_quiz_page({"ch1.html": ch1, "ch7.html": ch7, "review.html": review}, "ch1.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    answer(pg, "wim-hallmark-01", wrong_index("wim-hallmark-01"))
    answer(pg, "wim-hallmark-01", q("wim-hallmark-01").correct_indices[0])  # retry: right, but too late
    answer(pg, "wim-prevalence-01", q("wim-prevalence-01").correct_indices[0])
    pg.goto(f"{BASE}/ch7.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    answer(pg, "tx-cochrane-01", wrong_index("tx-cochrane-01"))

    pg.goto(f"{BASE}/review.html")
    pg.wait_for_selector(".mmn-quiz-progress[data-mmn-quiz-ready]")
    chapters = pg.locator(".mmn-quiz-progress__table").first
    row = chapters.locator("tr", has_text="What is MMN?").inner_text().split("\t")
    assert row[2:4] == ["1", "50%"], row
    assert chapters.locator("tr", has_text="Treatment").inner_text().split("\t")[2:4] == ["0", "0%"]
    objectives = pg.locator(".mmn-quiz-progress__table").nth(1).inner_text()
    assert q("wim-hallmark-01").objective in objectives and q("tx-cochrane-01").objective in objectives

    # Spaced review: the two wrong first answers come back after 10 minutes, not before.
    due = pg.locator(".mmn-quiz-review__due")
    assert due.inner_text().startswith("No question is due") and "(2 more later)" in due.inner_text()
    pg.evaluate("window.MMNQuiz.clockOffset = 11 * 60 * 1000; window.MMNQuiz.score()")
    assert due.inner_text().startswith("2 questions are due for review")
    start = pg.locator(".mmn-quiz-review__start")
    start.focus()
    pg.keyboard.press("Enter")
    round_ = pg.locator(".mmn-quiz-review__round section[data-review]")
    assert sorted(round_.evaluate_all("ss => ss.map(s => s.dataset.questionId)")) == ["tx-cochrane-01", "wim-hallmark-01"]
    assert pg.evaluate("() => document.activeElement.type") == "radio", "focus moves into the first review question"
    for qid in ("wim-hallmark-01", "tx-cochrane-01"):
        sec = pg.locator(f'section#mmnq-review-{qid}')
        sec.locator("label.mmn-quiz__option").nth(q(qid).correct_indices[0]).click()
        sec.locator(".mmn-quiz__check").click()
        assert sec.locator(".mmn-quiz__feedback").inner_text().startswith("✔ Correct —")
    store = pg.evaluate("window.MMNQuiz.progress().items")
    assert store["wim-hallmark-01"]["first"] is False, "a review never changes the first-attempt score"
    assert store["wim-hallmark-01"]["box"] == 1 and store["wim-hallmark-01"]["due"] > pg.evaluate("Date.now()") + 20 * 3600e3
    assert due.inner_text().startswith("No question is due")

    # Export, reset with confirmation, import.
    with pg.expect_download() as info:
        pg.locator(".mmn-quiz-progress__export").click()
    path = tmp_path / "progress.json"
    info.value.save_as(path)
    exported = json.loads(path.read_text())
    assert exported["version"] == 2 and set(exported["items"]) == {"wim-hallmark-01", "wim-prevalence-01", "tx-cochrane-01"}
    reset = pg.locator(".mmn-quiz-progress__reset")
    reset.focus()
    pg.keyboard.press("Enter")
    assert pg.evaluate("() => document.activeElement.textContent") == "Cancel"
    pg.keyboard.press("Escape")
    assert pg.locator(".mmn-quiz-progress__confirm").is_hidden() and len(pg.evaluate("window.MMNQuiz.progress().items")) == 3
    reset.click()
    pg.locator(".mmn-quiz-progress__confirm .mmn-quiz__confirm-yes").click()
    assert pg.evaluate("window.MMNQuiz.progress().items") == {}
    assert "Whole course\t0 of" in chapters.inner_text()
    pg.locator(".mmn-quiz-progress__import").set_input_files(str(path))
    pg.wait_for_function("Object.keys(window.MMNQuiz.progress().items).length === 3")
    assert "Imported progress for 3 questions" in pg.locator(".mmn-quiz-progress .mmn-quiz__status").inner_text()
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    pg.locator(".mmn-quiz-progress__import").set_input_files(str(bad))
    pg.wait_for_function("document.querySelector('.mmn-quiz-progress .mmn-quiz__status').textContent.includes('not a progress file')")


def test_a_decision_point_reveals_the_next_step_only_after_an_answer(open_quiz_page, monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "1")
    from widgets.quiz import quiz

    gate = quiz("what_is_mmn", ids=["wim-hallmark-01"], title="Decision point", reveals="case-x-step2").book_html()
    body = (
        "<section id='case-x'><h2>Case X</h2><p>History.</p>" + gate
        + "<section id='case-x-step2'><h3>Step 2</h3><p>The secret diagnosis.</p></section></section>"
    )
    pg = open_quiz_page({"case.html": page_html(body)}, "case.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    step = pg.locator("#case-x-step2")
    assert step.is_hidden() and pg.locator(".mmn-quiz__locked").is_visible()
    pg.emulate_media(media="print")
    assert step.is_visible(), "print shows every step"
    pg.emulate_media(media="screen")
    option_label(pg, "wim-hallmark-01", 0).click()
    assert step.is_hidden(), "choosing an option is not committing"
    pg.locator(".mmn-quiz__check").click()
    assert step.is_visible() and pg.locator(".mmn-quiz__locked").count() == 0
    pg.reload()
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    assert step.is_visible(), "an answered decision point stays open"
    pg.locator(".mmn-quiz__reset").click()
    pg.locator(".mmn-quiz__confirm-yes").click()
    assert step.is_hidden(), "a reset closes the case again"


def test_without_the_script_every_step_shows(open_quiz_page, monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "1")
    from widgets.quiz import quiz

    gate = quiz("what_is_mmn", ids=["wim-hallmark-01"], reveals="case-x-step2").book_html()
    body = gate + "<section id='case-x-step2'><p>Step 2.</p></section>"
    pg = open_quiz_page({"plain.html": page_html(body, script_copies=0)}, "plain.html")
    assert pg.locator("#case-x-step2").is_visible()


def test_print_shows_the_answer_key_after_the_questions(open_quiz_page, markup):
    qid = "wim-hallmark-01"
    pg = open_quiz_page({"print.html": page_html(markup(chapter="what_is_mmn", ids=[qid]))}, "print.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    key = pg.locator(".mmn-quiz__print-key")
    assert key.is_hidden()
    pg.emulate_media(media="print")
    assert key.is_visible()
    right = q(qid).correct_indices[0]
    text = key.inner_text()
    assert f"{'ABCDEF'[right]}. {q(qid).options[right].text}" in text and q(qid).options[right].explanation in text
    assert pg.locator(".mmn-quiz__check").is_hidden() and pg.locator(".mmn-quiz__footer").is_hidden()


def test_a_trace_question_is_kept_for_review_without_its_figure(open_quiz_page, markup):
    (qid,) = [x.id for x in [q(i) for i in ("dd-sim-als-01",)]]
    plotly = "<script>window.Plotly = {newPlot: function () { return Promise.resolve(); }};</script>"
    pg = open_quiz_page({"trace.html": page_html(plotly + markup(chapter="differential_diagnosis", ids=[qid]))}, "trace.html")
    pg.wait_for_selector(".mmn-quiz[data-mmn-quiz-ready]")
    answer(pg, qid, wrong_index(qid))
    kept = pg.evaluate(f"window.MMNQuiz.progress().items['{qid}'].html")
    assert "<script" not in kept and "mmn-quiz__table" in kept and "data-mmn-quiz-ready" not in kept
    assert len(kept) < 20000, len(kept)
    answer(pg, qid, q(qid).correct_indices[0])
    assert "html" in pg.evaluate(f"window.MMNQuiz.progress().items['{qid}']"), "still due: kept until learned"
