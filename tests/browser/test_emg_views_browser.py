"""The EMG kernel-free view (computed in the page) and the audio players in Chromium (phone width, keyboard only).

Made-up pages with the book's EMG scripts and exported table, opened from file:// (no book build needed); the
built book is checked in ``test_emg_book.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from support.browser import new_file_page
from support.emg_screen import COUNT_AUDIO_CONTEXTS, SCREEN, changed
from support.paths import PLOTLY_JS, ROOT

from widgets.display import BUILD_ENV
from widgets.emg import explorer
from widgets.emg.views import sample_patient


def _emg_page(folder: Path, body: str) -> Path:
    """A page like the book's EMG chapter: plotly.js, the exported table and the EMG scripts, opened from file://."""
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    from mmn_book.emg_tables import write_assets

    write_assets(folder)
    (folder / "plotly.min.js").write_bytes(PLOTLY_JS.read_bytes())
    scripts = "".join(f'<script src="{name}" defer></script>' for name in ("emg-table.js", "emg-model.js",
                                                                          "emg-view.js"))
    page = folder / "index.html"
    page.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
                    f'content="width=device-width"><script src="plotly.min.js"></script>{scripts}</head>'
                    f"<body><main>{body}</main></body></html>", encoding="utf-8")
    return page


def test_kernel_free_view_keyboard_only_at_phone_width_from_file(browser, tmp_path, monkeypatch):
    """390 px, keyboard only, file://: every control changes the trace; the sound is created only on a press."""
    monkeypatch.setenv(BUILD_ENV, "1")
    page_file = _emg_page(tmp_path, explorer("mmn_block", "fdi", "insertion").static_html()
                          + sample_patient("als_cervical").static_html())
    context, page, errors, elsewhere = new_file_page(browser, {"width": 390, "height": 844})
    try:
        page.add_init_script(COUNT_AUDIO_CONTEXTS)
        page.goto(page_file.as_uri())
        page.wait_for_function("() => document.querySelector('.mmn-emg-kf[data-emg-ready] .js-plotly-plot')"
                               "?.data?.[0]?.y?.length > 0", timeout=15000)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 392, "no sideways scrolling"
        first = page.evaluate(SCREEN)
        # keyboard only: Tab to the patient menu, choose the next screen with the arrow key
        page.locator(".mmn-emg-kf__screen").focus()
        assert page.evaluate(SCREEN) == first, "focus alone changes nothing"
        page.keyboard.press("ArrowDown")
        now = changed(page, first)
        assert "MMN block · Biceps" in page.locator(".mmn-emg-kf__screen option:checked").inner_text()
        # the phase radios: Tab into the group, arrow to the next phase
        page.keyboard.press("Tab")
        page.keyboard.press("ArrowRight")
        now = changed(page, now)
        assert "/rest/" in json.loads(now)[0]
        for sel in (".mmn-emg-kf__sweep", ".mmn-emg-kf__gain"):
            page.keyboard.press("Tab")
            assert page.evaluate("s => document.activeElement === document.querySelector(s)", sel)
            page.keyboard.press("ArrowUp")  # rest starts at 100 ms/div, the longest sweep
            now = changed(page, now)
        assert page.evaluate("() => window.__ctx") == 0, "no audio before the reader asks"
        page.keyboard.press("Tab")
        sound = page.locator(".mmn-emg-kf__sound")
        assert page.evaluate("() => document.activeElement.classList.contains('mmn-emg-kf__sound')")
        assert sound.get_attribute("aria-pressed") == "false"
        assert page.evaluate("() => window.__ctx") == 0, "focusing the button creates no sound"
        page.keyboard.press("Enter")
        page.wait_for_function("() => window.__ctx === 1", timeout=5000)
        assert sound.get_attribute("aria-pressed") == "true"
        assert page.locator(".mmn-emg-kf__caption").inner_text().startswith("Sound:")
        page.keyboard.press("Enter")
        assert sound.get_attribute("aria-pressed") == "false"
        # the sampling exercise: tick a muscle, read the patient
        page.locator(".mmn-emg-kf-sample input[value='tongue']").check()
        page.locator(".mmn-emg-kf-sample__read").press("Enter")
        page.wait_for_selector(".mmn-emg-kf-sample__verdict", timeout=5000)
        assert "Gold Coast" in page.locator(".mmn-emg-kf-sample__verdict").inner_text()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 392
    finally:
        context.close()
    assert errors == [] and elsewhere == []


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
