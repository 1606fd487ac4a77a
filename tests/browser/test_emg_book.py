"""The needle EMG chapter of the built book, opened from file:// at phone width and used with the keyboard only.

The kernel-free EMG (book/_ext/mmn_book/js/emg-*.js, reading the table the build exports) draws the screen,
changes it with every control, makes no sound until the reader asks (the AudioContext is created on that press
only) and captions what is heard; the "sample the patient" exercise applies the regions rule in the page. Only
the EMG chapter loads the EMG scripts and table.
"""

from __future__ import annotations

import pytest
from support.browser import new_file_page
from support.emg_screen import COUNT_AUDIO_CONTEXTS, SCREEN, changed

PAGE = "chapters/04b_needle_emg.html"


@pytest.fixture
def chapter(book_build):
    path = book_build.html / PAGE
    if not path.exists():
        pytest.fail(f"{PAGE} is missing from the build")
    return path


def test_only_the_emg_chapter_loads_the_emg_scripts(book_build, chapter):
    html = chapter.read_text(encoding="utf-8")
    for name in ("emg-model.js", "emg-view.js"):
        assert name in html and (book_build.html / "_static" / name).is_file()
    # the table is beside them and loads when the reader comes near an EMG view (emg-view.js), not with the page
    assert (book_build.html / "_static" / "emg-table.js").is_file() and "emg-table.js" not in html
    other = (book_build.html / "chapters" / "01_what_is_mmn.html").read_text(encoding="utf-8")
    assert "emg-view.js" not in other


def test_the_chapter_emg_from_file_at_390px_with_the_keyboard(browser, chapter):
    context, page, errors, elsewhere = new_file_page(browser, {"width": 390, "height": 844})
    try:
        page.add_init_script(COUNT_AUDIO_CONTEXTS)
        page.goto(chapter.as_uri())
        page.locator(".mmn-emg-kf").scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('.mmn-emg-kf[data-emg-ready] .js-plotly-plot')"
                               "?.data?.[0]?.y?.length > 0", timeout=20000)

        now = page.evaluate(SCREEN)
        page.locator(".mmn-emg-kf__screen").focus()
        assert page.evaluate(SCREEN) == now, "focus alone changes nothing"
        page.keyboard.press("ArrowDown")
        now = changed(page, now)
        page.keyboard.press("Tab")
        page.keyboard.press("ArrowRight")  # the next phase
        now = changed(page, now)
        for _ in ("sweep", "gain"):
            page.keyboard.press("Tab")
            page.keyboard.press("ArrowUp")
            now = changed(page, now)
        assert page.evaluate("() => window.__ctx") == 0, "no audio before the reader asks"
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.classList.contains('mmn-emg-kf__sound')")
        assert page.evaluate("() => window.__ctx") == 0, "focusing the sound button creates no sound"
        page.keyboard.press("Enter")
        page.wait_for_function("() => window.__ctx === 1", timeout=5000)
        assert page.locator(".mmn-emg-kf__sound").get_attribute("aria-pressed") == "true"
        assert page.locator(".mmn-emg-kf__caption").inner_text().startswith("Sound:")
        page.keyboard.press("Enter")
        assert page.locator(".mmn-emg-kf__sound").get_attribute("aria-pressed") == "false"
        # sample the patient: add the tongue and a thoracic paraspinal muscle, read them
        sample = page.locator(".mmn-emg-kf-sample")
        for muscle in ("tongue", "thoracic_paraspinal"):
            sample.locator(f"input[value='{muscle}']").focus()
            page.keyboard.press("Space")
        sample.locator(".mmn-emg-kf-sample__read").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector(".mmn-emg-kf-sample__verdict", timeout=5000)
        assert "Gold Coast" in sample.locator(".mmn-emg-kf-sample__verdict").inner_text()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 392, "no sideways scrolling"
    finally:
        context.close()
    assert errors == [] and elsewhere == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_emg_views_pass_axe_after_use(browser, chapter, scheme):
    """No axe violation of any impact inside the EMG views and regions tables, drawn and with the exercise read."""
    from support.axe import AXE

    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(chapter.as_uri())
        page.locator(".mmn-emg-kf").scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('.mmn-emg-kf[data-emg-ready] .js-plotly-plot')"
                               "?.data?.[0]?.y?.length > 0", timeout=20000)
        page.locator(".mmn-emg-kf-sample__read").click()
        page.wait_for_selector(".mmn-emg-kf-sample__verdict", timeout=5000)
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("""async () => {
            const r = await axe.run({include: [['.mmn-emg-kf'], ['.mmn-emg-kf-sample'], ['.mmn-emg-regions']]},
                                    {resultTypes: ['violations']});
            return r.violations.map(v => v.impact + ' ' + v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join('; '));
        }""")
        assert found == []
    finally:
        context.close()
