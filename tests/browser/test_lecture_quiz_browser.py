"""Lecture mode in Chromium, on a page served from memory that mimics Voila and JupyterLab: the quiz's HTML output,
then each simulated study as its own plotly output drawn by the page's renderer after the quiz has started. The
script moves each figure beside its question (one question per screen), and the class poll follows the question
on screen and hides on P."""

from __future__ import annotations

import json

import pytest
from support.paths import PLOTLY_JS
from support.quiz_page import BASE

from widgets.quiz import quiz
from widgets.quiz.lecture import POLL_ENV

NCS, EMG, PLAIN = "rev-sim-als-ulnar-01", "emg-sim-rest-01", "cp-vignette-01"
QUIZ = ".mmn-lecture-quiz"


def deck_page(lecture) -> str:
    parts = lecture.parts()
    figures = [p["application/vnd.plotly.v1+json"] for p in parts[1:]]
    # JupyterLab's output area is a table whose output is a table cell (it grows with its plot)
    outputs = "".join(f'<div class="jp-OutputArea-child" id="out{i}" style="display: table">'
                      f'<div class="jp-RenderedPlotly jp-OutputArea-output" id="r{i}" style="display: table-cell">'
                      "</div></div>" for i in range(len(figures)))
    # like the plotly renderer of Voila/JupyterLab: each output drawn on its own node once the page has loaded
    draw = (f"<script>const figs = {json.dumps(figures)};"
            "window.addEventListener('load', () => figs.forEach((f, i) => "
            "Plotly.react(document.getElementById('r' + i), f.data, f.layout, f.config)));</script>")
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>lecture quiz</title>"
            f"<script src='{BASE}/plotly.min.js'></script></head><body><main>{parts[0]['text/html']}"
            f"{outputs}{draw}</main></body></html>")


@pytest.fixture
def opened(open_quiz_page, monkeypatch):
    monkeypatch.setenv(POLL_ENV, BASE)
    lecture = quiz(ids=[NCS, EMG, PLAIN], title="Your turn", lecture=True)
    routes = {
        f"{BASE}/plotly.min.js": lambda route: route.fulfill(path=str(PLOTLY_JS), content_type="text/javascript"),
        f"{BASE}/lecturer*": lambda route: route.fulfill(status=200, content_type="text/html",
                                                         body="<!doctype html><title>poll</title><p>poll</p>"),
    }
    pg = open_quiz_page({"deck.html": deck_page(lecture)}, "deck.html", routes=routes)
    pg.wait_for_selector(f"{QUIZ}[data-mmn-lq-ready]")
    return pg, lecture


def figure_in_place(pg, pid: str) -> dict:
    return pg.evaluate(
        """(pid) => {
            const gd = document.querySelector(`[data-mmn-lq-plot="${pid}"] .js-plotly-plot`);
            if (!gd) return null;
            const box = gd.getBoundingClientRect();
            return {width: box.width, height: box.height, traces: gd.querySelectorAll('.trace').length,
                    shown: !!gd.offsetParent};
        }""",
        pid,
    )


def test_each_figure_moves_beside_its_question_and_the_poll_follows_the_screen(opened):
    pg, lecture = opened
    ncs_id, emg_id, _ = lecture.plot_ids
    for pid in (ncs_id, emg_id):
        pg.wait_for_function("(pid) => !!document.querySelector(`[data-mmn-lq-plot='${pid}'] .js-plotly-plot`)",
                             arg=pid, timeout=15000)
    assert pg.evaluate("() => [0, 1].map(i => document.getElementById('out' + i).hidden)") == [True, True], \
        "the emptied outputs take no room"
    visible = f"{QUIZ} .mmn-lq__question:visible"
    assert pg.locator(visible).count() == 1 and pg.locator(visible).get_attribute("data-question-id") == NCS
    pg.wait_for_function("(pid) => document.querySelector(`[data-mmn-lq-plot='${pid}'] .js-plotly-plot`)"
                         ".getBoundingClientRect().width > 300", arg=ncs_id, timeout=10000)
    first = figure_in_place(pg, ncs_id)
    assert first["shown"] and first["traces"] >= 5 and first["height"] >= 300, first
    slot = pg.evaluate("(pid) => document.querySelector(`[data-mmn-lq-plot='${pid}']`).getBoundingClientRect().width",
                       ncs_id)
    pg.wait_for_function("([pid, w]) => document.querySelector(`[data-mmn-lq-plot='${pid}'] .main-svg`)"
                         ".getBoundingClientRect().width <= w + 1", arg=[ncs_id, slot], timeout=10000)
    assert slot < 0.7 * pg.viewport_size["width"], "the figure sits beside the question, not under it"
    assert pg.locator(f"{visible} .mmn-lq__table table").count() >= 2, "the measurement tables, as in the book"
    frame = pg.locator(f"{QUIZ} .mmn-lq__poll-frame")
    assert frame.get_attribute("src").endswith(f"q={NCS}") and frame.is_visible()

    pg.locator(f"{QUIZ} .mmn-lq__next").click()
    pg.wait_for_function("(s) => document.querySelector(s).dataset.current === '1'", arg=QUIZ)
    pg.wait_for_function("(pid) => document.querySelector(`[data-mmn-lq-plot='${pid}'] .js-plotly-plot`)"
                         ".getBoundingClientRect().width > 300", arg=emg_id, timeout=10000)
    assert figure_in_place(pg, emg_id)["shown"] and not figure_in_place(pg, ncs_id)["shown"]
    assert frame.get_attribute("src").endswith(f"q={EMG}"), "the poll of the question on screen"

    pg.locator("h1, main").first.click()
    pg.keyboard.press("p")
    assert not frame.is_visible()
    toggle = pg.locator(f"{QUIZ} .mmn-lq__poll-toggle")
    assert toggle.inner_text() == "Show the class poll (P)" and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert frame.is_visible()
    pg.locator(f"{QUIZ} .mmn-lq__next").click()
    assert pg.locator(f"{visible} .js-plotly-plot").count() == 0, "a question without a study shows no figure"
