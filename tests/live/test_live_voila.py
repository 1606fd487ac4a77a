"""The lecture deck as a lecturer projects it: ``bash scripts/present.sh`` (Voila) in a real browser.

For every element of the deck (``presenter/*.ipynb``): the page renders in
presenter mode with no code and no failed cell, loads nothing from outside
127.0.0.1, and its control works. The conduction simulator's block slider,
moved with the keyboard, must change the traces of its figure (read from the
figure's ``data`` in the page), and the figure must be the presenter one (big
type, thick lines, most of the width beside the verdict column, only the key
controls). The one-screen layout, type sizes, presets, keys and the lecture-mode
quiz are measured in ``test_live_presenter.py``.
"""

from __future__ import annotations

import time

import pytest
from support.live import lecture_deck, press_and_wait_for_redraw, trace_signature, unexpected_errors
from support.paths import ROOT

DECK = sorted(p.name for p in (ROOT / "presenter").glob("*.ipynb"))
PRESENTER = ".mmn-presenter"

pytestmark = [pytest.mark.live, pytest.mark.browser, pytest.mark.xdist_group("live")]


@pytest.fixture(scope="session")  # session: xdist may interleave modules on a worker
def deck(tmp_path_factory):
    with lecture_deck(tmp_path_factory.mktemp("deck")) as d:
        yield d


@pytest.fixture
def deck_page(browser):
    from support.browser import new_guarded_page

    context, page, guard = new_guarded_page(browser, viewport={"width": 1920, "height": 1080})
    page.set_default_timeout(30000)
    yield page, guard
    page.goto("about:blank")  # leave the deck page while the guard still listens
    context.close()
    assert guard.external_requests == [], f"requests left 127.0.0.1: {guard.external_requests}"
    assert guard.page_errors == [], f"page errors: {guard.page_errors}"
    assert unexpected_errors(guard.console_errors) == [], guard.console_errors


def open_element(page, deck, notebook: str) -> float:
    """Open one element of the deck and wait for its presenter view; returns the seconds it took."""
    start = time.monotonic()
    page.goto(deck.url(notebook), timeout=120000)
    page.wait_for_selector(f"#rendered_cells {PRESENTER}", state="attached", timeout=120000)
    page.wait_for_function("() => getComputedStyle(document.querySelector('#rendered_cells')).display !== 'none'")
    failed = page.evaluate(
        """() => Array.from(document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
                 .map((e) => e.textContent)"""
    )
    assert failed == [], f"{notebook}: a cell failed or wrote to stderr: {failed[:2]}"
    # No code: Voila strips the sources (--strip_sources=True), so no code cell shows its input.
    assert page.locator(".jp-CodeCell .jp-InputArea, .cm-editor").count() == 0, f"{notebook} shows code"
    assert "import " not in page.inner_text("#rendered_cells"), f"{notebook} shows code"
    return time.monotonic() - start


def test_the_deck_has_the_four_elements():
    assert DECK == ["01_nerve_conduction.ipynb", "02_IVIg_response.ipynb", "03_differential_diagnosis.ipynb", "04_quiz.ipynb"]


def test_conduction_simulator_in_presenter_mode_redraws_when_the_block_slider_moves(deck, deck_page):
    page, _ = deck_page
    took = open_element(page, deck, "01_nerve_conduction.ipynb")
    figure = f"{PRESENTER} .js-plotly-plot"
    page.wait_for_function("(s) => { const gd = document.querySelector(s); return gd && gd.data && gd.data.length > 0; }",
                           arg=figure, timeout=60000)
    # Presenter figure: big type, thick lines, more than half the window wide (the verdict is beside it).
    page.wait_for_function("(s) => document.querySelector(s)._fullLayout.width >= 0.5 * window.innerWidth",
                           arg=figure, timeout=15000)
    look = page.evaluate(
        """(s) => { const gd = document.querySelector(s); const L = gd._fullLayout;
                    return {font: L.font.size, width: L.width, svg: +gd.querySelector('.main-svg').getAttribute('width'),
                            lines: gd._fullData.filter((t) => t.visible === true && t.mode && t.mode.includes('lines'))
                                                .map((t) => t.line.width),
                            window: window.innerWidth}; }""",
        figure,
    )
    assert look["font"] >= 20, look
    assert look["lines"] and min(look["lines"]) >= 3, look
    assert look["svg"] >= 0.5 * look["window"], look
    # Only the controls that matter.
    labels = page.evaluate(
        """(s) => Array.from(document.querySelectorAll(s + ' .widget-slider, ' + s + ' .widget-dropdown'))
                 .filter((w) => w.offsetParent !== null).map((w) => w.querySelector('.widget-label')?.textContent.trim())""",
        PRESENTER,
    )
    assert 1 <= len(labels) <= 5, labels
    block = f"{PRESENTER} .widget-slider:has(.widget-label:text-matches('^block', 'i')) .noUi-handle"
    assert page.locator(block).count() == 1, labels
    before = trace_signature(page, figure)
    latency = press_and_wait_for_redraw(page, block, figure, "ArrowRight")
    assert latency is not None, "moving the block slider did not change the traces within 20 s"
    assert trace_signature(page, figure) != before
    print(f"\nVoila deck: conduction element in {took:.1f} s; key press to new traces {latency:.0f} ms")


def test_ivig_model_in_presenter_mode_redraws_when_a_slider_moves(deck, deck_page):
    page, _ = deck_page
    open_element(page, deck, "02_IVIg_response.ipynb")
    figure = f"{PRESENTER} .js-plotly-plot"
    page.wait_for_function("(s) => { const gd = document.querySelector(s); return gd && gd.data && gd.data.length > 0; }",
                           arg=figure, timeout=60000)
    slider = f"{PRESENTER} .widget-slider:has(.noUi-target:not([disabled])) .noUi-handle:visible"
    latency = press_and_wait_for_redraw(page, slider, figure, "ArrowRight")
    assert latency is not None, "moving an IVIg slider did not change the figure within 20 s"


def test_differential_explorer_answers_a_finding(deck, deck_page):
    page, _ = deck_page
    open_element(page, deck, "03_differential_diagnosis.ipynb")
    results = f"{PRESENTER} .mmn-ddx-results"
    page.wait_for_selector(results)
    before = page.inner_text(results)
    page.select_option(f"{PRESENTER} .mmn-differential fieldset[data-finding='distribution'] select", "several_nerves")
    page.wait_for_function("([s, b]) => document.querySelector(s).innerText !== b", arg=[results, before])


def test_quiz_shows_the_first_question_in_lecture_mode(deck, deck_page):
    page, _ = deck_page
    open_element(page, deck, "04_quiz.ipynb")
    quiz = page.locator(f"{PRESENTER} .mmn-lecture-quiz")
    quiz.wait_for()
    assert quiz.locator(".mmn-lq__question:visible").count() == 1
    assert "Nerve conduction studies with proximal stimulation" in quiz.locator(".mmn-lq__question:visible").inner_text()
