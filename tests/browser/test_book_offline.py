"""Every page of the built book renders offline in Chromium, with its figures and math."""

from __future__ import annotations


from support.executed import figures_in_executed_notebook

def _rendered_figures(page) -> list[dict]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
              id: gd.id,
              traces: (gd._fullData || []).length,
              drawn: gd.querySelectorAll('.trace, .shapelayer path, .barlayer .point').length,
              height: gd.getBoundingClientRect().height,
              // a figure of the page source (plotly's own div), or a plot an in-page simulator drew
              source: gd.classList.contains('plotly-graph-div'),
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
                "n => document.querySelectorAll('.plotly-graph-div.js-plotly-plot').length >= n", arg=expected, timeout=15000
            )
        if pg.locator(".math").count():
            pg.wait_for_function("() => document.querySelectorAll('mjx-container').length > 0", timeout=15000)
        figures = _rendered_figures(pg)
        figures_seen += len(figures)
        from_source = [f for f in figures if f["source"]]
        if len(from_source) != expected:
            problems.append(f"{rel}: {expected} figures in the page source, {len(from_source)} drawn")
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
