"""Probes of a built page loaded in a browser (a duck-typed Playwright ``page``; Playwright is not imported).

The page-side functions are in ``js/``. Used by ``scripts/export_pdf.py``, ``benchmarks/bench_book.py`` and the browser tests.
"""

from __future__ import annotations

from pathlib import Path

from mmn_book.plotly_calls import figures_in_html

_JS = Path(__file__).with_name("js")


def _function(name: str) -> str:
    """The JavaScript function in ``js/<name>`` (its leading comment lines dropped), as Playwright takes it."""
    lines = (_JS / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("//")).strip()


#: Bytes a loaded page fetched, by URL path (the page itself included), read in the browser.
LOADED_BYTES_JS = _function("loaded-bytes.js")
#: True once ``n`` plotly figures of the page have laid out and drawn their traces.
FIGURES_DRAWN_JS = _function("figures-drawn.js")


def wait_until_ready(page, html_text: str, *, timeout_ms: int = 15000) -> None:
    """Wait until a loaded page has drawn all its figures and typeset its formulas."""
    n = figures_in_html(html_text)
    if n:
        page.wait_for_function(FIGURES_DRAWN_JS, arg=n, timeout=timeout_ms)
    if page.locator(".math").count():
        page.wait_for_function("() => document.querySelectorAll('mjx-container').length > 0", timeout=timeout_ms)
        page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise ? MathJax.startup.promise.then(() => 1) : 1")
