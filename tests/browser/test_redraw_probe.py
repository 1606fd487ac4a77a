"""The live tests' redraw probe itself, on a made-up page in Chromium (no server)."""

from __future__ import annotations

from pathlib import Path

from support.live import (
    press_and_wait_for_redraw,
)
from support.paths import ROOT


# ------------------------------------------------------------------------------------------- tests
def test_probe_fails_when_a_key_press_changes_nothing(browser, tmp_path):
    """The trace probe must report no redraw for a figure that a key press does not change."""
    from support.browser import new_guarded_page
    from support.site import served

    plotly_js = ROOT / "book" / "_vendor" / "plotly" / "plotly.min.js"
    if not plotly_js.exists():
        import plotly

        plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    (tmp_path / "plotly.min.js").write_bytes(plotly_js.read_bytes())
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><script src="plotly.min.js"></script></head><body>'
        '<input id="s" type="range" min="0" max="10" value="5">'
        '<div id="changing"></div><div id="still"></div><script>'
        'Plotly.newPlot("changing", [{y: [1, 2, 3]}]); Plotly.newPlot("still", [{y: [3, 2, 1]}]);'
        'document.getElementById("s").addEventListener("input", (e) =>'
        '  setTimeout(() => Plotly.react("changing", [{y: [1, 2, +e.target.value]}]), 30));'
        "</script></body></html>"
    )
    context, page, guard = new_guarded_page(browser)
    with served(tmp_path) as base:
        try:
            page.goto(f"{base}/index.html")
            page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length === 2")
            latency = press_and_wait_for_redraw(page, "#s", "#changing")
            assert latency is not None and 25 <= latency < 5000, latency
            assert press_and_wait_for_redraw(page, "#s", "#still", timeout_ms=1500) is None
        finally:
            context.close()
    assert guard.external_requests == [] and guard.page_errors == []
