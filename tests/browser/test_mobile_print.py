"""The built book on a phone and on paper.

* Phone (390 × 844 CSS px, an iPhone 12-15): no page scrolls sideways, nothing
  in the content sticks out of the viewport unless it sits in its own
  scrolling box (wide tables), and every plotly figure is laid out no wider
  than the screen. Screenshots go to ``_build/screenshots/`` for a human look.
  Figure texts that still run past a figure's edge (plotly never wraps them;
  ``plotly-a11y.js`` shrinks them to 10-11 px first) are reported as warnings
  for the figures' authors, not as failures.
* Print (``emulate_media(print)``): every figure stays, drawn, no wider than
  the paper (``plotly-a11y.js`` narrows wide figures while printing), kept on
  one page (``break-inside: avoid``), while the interactive-only controls
  (plotly sliders, menus, mode bar, keyboard proxies) and the site's chrome
  are hidden.
* The whole course prints to one PDF (``scripts/export_pdf.py``, into ``_build/pdf/``) whose figures
  are really in it: it is larger than the same PDF with the figures removed by
  at least a few kilobytes per figure (tried on the page with most figures), and has a page per chapter at least.

The overflow check is tried on a synthetic too-wide page, so it is seen to fail.
"""

from __future__ import annotations

import re

from support.paths import ROOT
from support.poll import settled
from support.print_checks import (
    COURSE_PAGE,
    FIGURE_TEXT_CUT_JS,
    OVERFLOW_JS,
    PDFS,
    PHONE,
    PRINT_CONTENT_PX,
    PRINT_JS,
    SCREENSHOTS,
    TOLERANCE_PX,
    _pages,
)
from support.scripts import plotly_a11y_js

#: Each figure adds at least this much to a PDF (a two-point line chart adds about 10 kB).
MIN_FIGURE_PDF_BYTES = 2000


def test_every_page_fits_a_phone_screen(site_visits):
    assert {rel: v.phone for rel, v in site_visits.items() if v.phone} == {}
    shots = sorted(p.name for p in SCREENSHOTS.glob("phone-*.png"))
    assert any(name.endswith("-figure.png") for name in shots), shots


def test_every_page_prints_whole_figures_without_interactive_controls(site_visits):
    assert {rel: v.paper for rel, v in site_visits.items() if v.paper} == {}


def test_the_overflow_check_reports_a_too_wide_page(browser):
    context = browser.new_context(viewport=PHONE)
    try:
        pg = context.new_page()
        pg.set_content('<html><body><main><p>ok</p><div id="wide" style="width:600px">too wide</div>'
                       '<div style="overflow-x:auto"><table><tr><td style="min-width:900px">scrolls in its box</td></tr></table></div>'
                       "</main></body></html>")
        found = pg.evaluate(OVERFLOW_JS, TOLERANCE_PX)
        assert any("page is" in p for p in found) and any("div#wide" in p for p in found)
        assert not any("td" in p for p in found), found
    finally:
        context.close()


def test_the_print_check_reports_a_cut_or_split_figure(browser, tmp_path):
    """A 1000 px figure with no print support and no break-inside rule is reported."""
    import plotly.graph_objects as go

    from widgets.display import figure_html

    plotly_js = ROOT / "book" / "_vendor" / "plotly" / "plotly.min.js"
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]), layout=dict(width=1000, title="Too wide"))
    page = tmp_path / "wide.html"
    page.write_text(f'<html><head><script src="{plotly_js.as_uri()}"></script></head><body><main>'
                    f'{figure_html(fig, div_id="wide")}</main></body></html>')
    context = browser.new_context()
    try:
        pg = context.new_page()
        pg.goto(page.as_uri())
        pg.wait_for_function("() => document.getElementById('wide')._fullLayout")
        pg.emulate_media(media="print")
        found = " ".join(pg.evaluate(PRINT_JS, PRINT_CONTENT_PX))
        assert "1000 px wide" in found and "may split" in found
    finally:
        context.close()


def test_long_figure_texts_are_wrapped_on_a_phone_and_restored_on_a_wide_screen(browser, tmp_path):
    """plotly-a11y.js on a figure whose title and annotation are far wider than a phone."""
    import plotly.graph_objects as go

    from widgets.display import figure_html

    plotly_js = ROOT / "book" / "_vendor" / "plotly" / "plotly.min.js"
    a11y_js = plotly_a11y_js()
    long = "A verdict that explains the whole study in one long sentence, far too wide for a phone screen"
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]), layout=dict(
        title="A title that is much longer than the figure is wide on a phone",
        annotations=[dict(text=long, x=0, y=-0.3, xref="paper", yref="paper", xanchor="left", showarrow=False)],
        margin=dict(b=120)))
    page = tmp_path / "long.html"
    page.write_text(f'<html><head><script src="{plotly_js.as_uri()}"></script>'
                    f'<script defer src="{a11y_js.as_uri()}"></script></head><body><main>'
                    f'{figure_html(fig, div_id="long")}</main></body></html>')
    context = browser.new_context(viewport=PHONE)
    try:
        pg = context.new_page()
        pg.goto(page.as_uri())
        wrapped = "() => (document.getElementById('long')._fullLayout.annotations[0].text || '').includes('<br>')"
        pg.wait_for_function(wrapped, timeout=5000)
        # plotly-a11y.js fits the texts after the draw: wait until the layout stops changing
        settled(lambda: pg.evaluate("() => JSON.stringify(document.getElementById('long')._fullLayout.annotations"
                                    ".map(a => [a.text, a.font.size]))"), 5)
        assert pg.evaluate(FIGURE_TEXT_CUT_JS, [TOLERANCE_PX, False]) == []
        shown = pg.evaluate("() => document.getElementById('long')._fullLayout.annotations[0].text")
        assert shown.replace("<br>", " ") == long, "wrapping must only break lines, never change the words"
        lines = shown.split("<br>")
        assert 2 <= len(lines) <= 4, f"wrapped into {len(lines)} lines: {lines}"
        pg.set_viewport_size({"width": 1400, "height": 900})
        pg.wait_for_function(f"() => document.getElementById('long')._fullLayout.annotations[0].text === {long!r}",
                             timeout=5000)
    finally:
        context.close()


def test_the_whole_course_prints_to_one_pdf(site, site_visits):
    course = site.root / COURSE_PAGE
    assert course.is_file(), "print/course.html was not written by the book extension"
    html = course.read_text(encoding="utf-8")
    sections = html.count('class="mmn-print-page"')
    built = {p.relative_to(site.root).as_posix() for p in site.root.glob("chapters/*.html")}
    included = set(re.findall(r'data-source="([^"]+)"', html))
    assert built <= included, f"chapters missing from the print page: {sorted(built - included)}"
    pdf = site_visits[COURSE_PAGE].pdf
    assert pdf and pdf["pages"] >= sections, f"{pdf} for {sections} sections"
    on_disk = (PDFS / "course.pdf").read_bytes()
    assert on_disk.startswith(b"%PDF"), "course.pdf on disk is not a PDF"
    assert _pages(on_disk) == pdf["pages"], "course.pdf on disk is not the printed course"


def test_printed_figures_are_really_in_the_pdf(site_visits):
    """The page with the most figures, printed with and without them: they add to the PDF."""
    printed = [v.pdf for v in site_visits.values() if v.pdf.get("without_figures")]
    assert len(printed) == 1, "no page with figures was printed"
    pdf = printed[0]
    added = pdf["bytes"] - pdf["without_figures"]
    assert pdf["figures"] >= 1 and added >= MIN_FIGURE_PDF_BYTES * pdf["figures"], pdf
