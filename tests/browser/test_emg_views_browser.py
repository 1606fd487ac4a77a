"""The EMG kernel-free view and audio players in Chromium (phone width, keyboard only)."""

from __future__ import annotations

import json
from pathlib import Path

from widgets.display import BUILD_ENV
from widgets.emg import explorer

PLOTLY_JS = Path(__import__("plotly").__file__).parent / "package_data" / "plotly.min.js"


def test_kernel_free_view_in_a_phone_browser(browser, tmp_path, monkeypatch):
    """Tap the patient menu and the phase slider at 390 px: the trace and the findings change; no errors."""
    from support.browser import new_guarded_page
    from support.site import served

    monkeypatch.setenv(BUILD_ENV, "1")
    body = explorer("mmn_block", "fdi", "insertion").static_html()
    (tmp_path / "plotly.min.js").write_bytes(PLOTLY_JS.read_bytes())
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
        'content="width=device-width"><script src="plotly.min.js"></script></head><body>' + body + "</body></html>",
        encoding="utf-8")
    with served(tmp_path) as base:
        context, page, guard = new_guarded_page(browser, viewport={"width": 390, "height": 844})
        try:
            page.goto(f"{base}/index.html")
            page.wait_for_function("() => document.querySelector('.js-plotly-plot')?.data?.[0]?.y?.length > 0",
                                   timeout=15000)
            read = "() => JSON.stringify([document.querySelector('.js-plotly-plot').data[0].y.slice(0, 200), " \
                   "document.querySelector('.js-plotly-plot').layout.annotations[0].text])"
            first = page.evaluate(read)
            # no horizontal scrolling at phone width
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 392
            # tap the second slider step ("Rest") and wait for the screen to change
            page.locator(".slider-group .slider-label, .slider-group text").first.wait_for(timeout=5000)
            ticks = page.locator(".slider-group .slider-rail-touch-rect")
            box = ticks.bounding_box()
            page.mouse.click(box["x"] + box["width"] * 0.99, box["y"] + box["height"] / 2)
            page.wait_for_function(f"() => ({read})() !== {json.dumps(first)}", timeout=10000)
            after_slider = page.evaluate(read)
            assert "maximal" in after_slider.lower()
            # open the patient menu and choose ALS late
            page.locator(".updatemenu-header-group").first.click()
            page.get_by_text("ALS late · T10 paraspinal").click()
            page.wait_for_function(f"() => ({read})() !== {json.dumps(after_slider)}", timeout=10000)
            assert "paraspinal" in page.evaluate(read).lower()
        finally:
            context.close()
        assert guard.page_errors == [] and guard.external_requests == []


def test_audio_players_keyboard_reachable_and_silent_until_asked(browser, tmp_path):
    from support.browser import new_guarded_page
    from support.site import served

    from widgets.emg.audio import audio_gallery_html

    (tmp_path / "index.html").write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>'
                                         + audio_gallery_html() + "</body></html>", encoding="utf-8")
    with served(tmp_path) as base:
        context, page, guard = new_guarded_page(browser, viewport={"width": 390, "height": 844})
        try:
            page.goto(f"{base}/index.html")
            page.wait_for_selector("audio")
            state = page.evaluate("() => [...document.querySelectorAll('audio')].map(a => [a.paused, a.autoplay, "
                                  "a.preload, a.controls])")
            assert state and all(s == [True, False, "none", True] for s in state)
            page.keyboard.press("Tab")
            page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'AUDIO'",
                                   timeout=5000)
            assert page.evaluate("() => [...document.querySelectorAll('audio')].every(a => a.paused)"), \
                "focus must not start playback"
        finally:
            context.close()
        assert guard.page_errors == [] and guard.external_requests == []
