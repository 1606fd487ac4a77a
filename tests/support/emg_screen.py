"""The needle EMG's kernel-free view in a page: what its screen shows, and an AudioContext counter."""

from __future__ import annotations

import json

#: What the EMG view shows (its screen state, the first samples of its trace, its findings), as one string.
SCREEN = ("() => { const r = document.querySelector('.mmn-emg-kf'); const g = r.querySelector('.js-plotly-plot'); "
          "return JSON.stringify([r.getAttribute('data-emg-screen'), g && g.data[0].y.slice(0, 300), "
          "r.querySelector('.mmn-emg-kf__findings').textContent]); }")

#: Init script counting the AudioContexts the page creates (``window.__ctx``): no sound until the reader asks.
COUNT_AUDIO_CONTEXTS = ("window.__ctx = 0; const C = window.AudioContext; window.AudioContext = "
                        "class extends C { constructor(o) { super(o); window.__ctx++; } };")


def changed(page, before: str) -> str:
    """Wait until the EMG view shows something else than ``before`` (:data:`SCREEN`); return what it shows."""
    page.wait_for_function(f"() => ({SCREEN})() !== {json.dumps(before)}", timeout=10000)
    return page.evaluate(SCREEN)
