"""Waiting for a page's plotly figures to draw (polls with a deadline)."""

from __future__ import annotations

from support.poll import settled

#: Wait for every figure of a page: draw the lazy ones at once, then wait until each has a layout
#: and no text fitting is under way.
ALL_DRAWN_JS = """() => {
  if (window.Plotly && window.Plotly.__mmnLazy) window.Plotly.__mmnLazy.drainAll();
  const figs = Array.from(document.querySelectorAll('.js-plotly-plot, .plotly-graph-div'));
  return figs.every(g => g._fullLayout && !g.__mmnFitting && !g.__mmnNarrowing);
}"""


def wait_for_figures(pg, timeout_ms: int = 20000) -> int:
    """Draw every figure of the loaded page and wait until each is laid out; returns how many."""
    n = pg.locator(".js-plotly-plot, .plotly-graph-div").count()
    if n:
        pg.wait_for_function(ALL_DRAWN_JS, timeout=timeout_ms)
        # plotly-a11y.js fits texts after each draw and resize: wait until a measure twice in a row agrees
        settled(lambda: pg.evaluate(
            "() => JSON.stringify(Array.from(document.querySelectorAll('.js-plotly-plot')).map(g => "
            "[g._fullLayout.width, g._fullLayout.height, (g._fullLayout.title || {}).text,"
            " (g._fullLayout.annotations || []).map(a => a.text + a.font.size)]))"), timeout_ms / 1000 / 3)
    return n
