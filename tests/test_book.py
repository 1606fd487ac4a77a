"""The built HTML book, as a self-study student meets it: offline, in a real browser.

The build itself is a test (``-W``: any warning fails). Then every page is
opened in headless Chromium: nothing may be requested from outside
127.0.0.1, no script may fail, every plotly figure must have drawn its traces
and every formula must have been typeset. A figure that silently vanished
(for instance a plotly output that myst-nb skipped) fails here, because the
figures counted in the executed notebooks must all be present on the page.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The executed notebooks of the build the tests use (``MMN_BUILD_DIR``, as in conftest.py).
EXECUTED = Path(os.environ.get("MMN_BUILD_DIR") or ROOT / "_build") / "jupyter_execute"
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def test_the_built_book_tests_run_together_on_one_worker(request, book_build):
    """All tests of the built book form one xdist group, so one worker builds and browses the book."""
    mark = request.node.get_closest_marker("xdist_group")
    assert mark is not None and mark.args == ("book",)
    if os.environ.get("PYTEST_XDIST_WORKER") and getattr(request.config.option, "loadgroup", False):
        # xdist read the group into the test id: the conftest hook ran before xdist's
        assert request.node.nodeid.endswith("@book"), request.node.nodeid


def test_book_builds_without_warnings(book_build):
    warnings = [line for line in book_build.log.splitlines() if "WARNING" in line or "ERROR" in line]
    assert book_build.returncode == 0, "\n".join(book_build.log.splitlines()[-30:])
    assert warnings == []
    assert "build succeeded" in book_build.log


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


def test_every_chapter_was_executed_by_the_build(book_build):
    chapters = sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))
    executed = sorted(p.stem for p in (EXECUTED / "chapters").glob("*.ipynb"))
    assert executed == chapters


def test_pages_load_no_cdn_assets(site):
    """Static check of every page: every script and stylesheet is served by the site itself."""
    bad = {}
    for rel in site.pages():
        html = (site.root / rel).read_text()
        for tag in re.findall(r"<(?:script|link)\b[^>]*>", html):
            src = re.search(r'(?:src|href)="([^"]+)"', tag)
            if src and re.match(r"(https?:)?//", src.group(1)) and "rel=\"canonical\"" not in tag:
                bad.setdefault(rel, []).append(src.group(1))
        assert html.count("plotly.min.js") <= 1, f"{rel}: plotly.js must be loaded once per page"
        assert "plotly.js v" not in html, f"{rel}: plotly.js is inlined in the page"
    assert bad == {}


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
    from conftest import KNOWN_PAGE_ERRORS, new_guarded_page, reveal_case_steps

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


def test_a_vanished_figure_is_detected(tmp_path):
    """The figure count check itself: an executed plotly output with no HTML must be reported."""
    nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", "data": {PLOTLY_MIME: {}}}]}]}
    page = tmp_path / "x.ipynb"
    page.write_text(json.dumps(nb))
    global EXECUTED
    saved, EXECUTED = EXECUTED, tmp_path
    try:
        with pytest.raises(AssertionError, match="vanishes"):
            figures_in_executed_notebook("x.html")
    finally:
        EXECUTED = saved
