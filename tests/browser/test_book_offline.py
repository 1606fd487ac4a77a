"""Every page of the built book renders offline in Chromium, with its figures and math."""

from __future__ import annotations

import json
import os
from pathlib import Path

from support.paths import ROOT

#: The executed notebooks of the build the tests use (``MMN_BUILD_DIR``, as in conftest.py).
EXECUTED = Path(os.environ.get("MMN_BUILD_DIR") or ROOT / "_build") / "jupyter_execute"


PLOTLY_MIME = "application/vnd.plotly.v1+json"


def figures_in_executed_notebook(page: str) -> int:
    """Plotly figures the executed notebook of ``page`` produced (0 for .md pages)."""
    nb_path = EXECUTED / Path(page).with_suffix(".ipynb")
    if not nb_path.exists():
        return 0
    nb = json.loads(nb_path.read_text())
    count = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            html = "".join(data.get("text/html", ""))
            assert PLOTLY_MIME not in data or html, "a plotly output without text/html vanishes from the book"
            count += html.count("Plotly.newPlot(")
    return count


def _rendered_figures(page) -> list[dict]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
              id: gd.id,
              traces: (gd._fullData || []).length,
              drawn: gd.querySelectorAll('.trace, .shapelayer path, .barlayer .point').length,
              height: gd.getBoundingClientRect().height,
          }))"""
    )


def test_every_page_renders_offline_with_its_figures_and_math(browser, site):
    from support.browser import KNOWN_PAGE_ERRORS, new_guarded_page, reveal_case_steps

    pages = site.pages()
    assert "book/intro.html" in pages and any(p.startswith("chapters/") for p in pages)
    assert "book/intro.html" in (site.root / "index.html").read_text(), "index.html must lead to the intro"
    problems = []
    figures_seen = 0
    for rel in pages:
        context, pg, guard = new_guarded_page(browser)
        pg.goto(site.url(rel), wait_until="load")
        reveal_case_steps(pg)  # a case shows its next step once its decision point is answered
        executed = figures_in_executed_notebook(rel)
        expected = (site.root / rel).read_text().count("Plotly.newPlot(")
        if executed > expected:
            problems.append(f"{rel}: the notebook made {executed} figures, the page has {expected}")
        if expected:
            pg.wait_for_function(
                "n => document.querySelectorAll('.js-plotly-plot').length >= n", arg=expected, timeout=15000
            )
        if pg.locator(".math").count():
            pg.wait_for_function("() => document.querySelectorAll('mjx-container').length > 0", timeout=15000)
        figures = _rendered_figures(pg)
        figures_seen += len(figures)
        if len(figures) != expected:
            problems.append(f"{rel}: {expected} figures in the page source, {len(figures)} drawn")
        for fig in figures:
            if fig["traces"] == 0 or fig["drawn"] == 0 or fig["height"] < 100:
                problems.append(f"{rel}: figure {fig['id']} did not render its traces: {fig}")
        n_math = pg.locator(".math").count()
        n_typeset = pg.locator("mjx-container").count()
        if n_math and n_typeset < n_math:
            problems.append(f"{rel}: {n_math} formulas, {n_typeset} typeset")
        if pg.locator("mjx-merror").count():
            problems.append(f"{rel}: MathJax reported an error in a formula")
        errors = [e for e in guard.page_errors if not any(k in e for k in KNOWN_PAGE_ERRORS)]
        if errors:
            problems.append(f"{rel}: page errors {errors}")
        if guard.external_requests:
            problems.append(f"{rel}: requests left 127.0.0.1: {guard.external_requests}")
        context.close()
    assert problems == []
    assert figures_seen >= 1
