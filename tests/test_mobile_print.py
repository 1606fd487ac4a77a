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

import os
import re
import warnings
from pathlib import Path

from test_accessibility import site_visits  # noqa: F401  (one visit per page, shared)

ROOT = Path(__file__).resolve().parents[1]
#: Beside the build the tests use (``MMN_BUILD_DIR``, as in conftest.py).
SCREENSHOTS = Path(os.environ.get("MMN_BUILD_DIR") or ROOT / "_build") / "screenshots"
PDFS = SCREENSHOTS.with_name("pdf")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
COURSE_PAGE = "print/course.html"
#: Sub-pixel rounding and scrollbar-free layout differences.
TOLERANCE_PX = 2
#: A4 portrait at 12 mm side margins: 186 mm of content = 703 CSS px.
PRINT_CONTENT_PX = 703
#: Each figure adds at least this much to a PDF (a two-point line chart adds about 10 kB).
MIN_FIGURE_PDF_BYTES = 2000


OVERFLOW_JS = """(tolerance) => {
  const vw = document.documentElement.clientWidth;
  const out = [];
  const doc = document.documentElement.scrollWidth;
  if (doc > vw + tolerance) out.push('page is ' + doc + ' px wide in a ' + vw + ' px viewport');
  const root = document.querySelector('main') || document.body;
  function clipped(el) {
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if ((ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') && a.getBoundingClientRect().right <= vw + tolerance)
        return true;
    }
    return false;
  }
  function fixedAncestor(el) {
    for (let a = el; a && a !== document.documentElement; a = a.parentElement)
      if (getComputedStyle(a).position === 'fixed') return true;
    return false;
  }
  for (const el of root.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || r.right <= vw + tolerance) continue;
    // Hidden or off-canvas (closed drawers are fixed and hidden) elements do not widen the page.
    if (getComputedStyle(el).visibility !== 'visible' || fixedAncestor(el)) continue;
    if (el.closest('.mmn-kbd-controls, [aria-hidden=true]') || clipped(el)) continue;
    out.push((el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''))
             + ' reaches ' + Math.round(r.right) + ' px');
    if (out.length > 5) break;
  }
  document.querySelectorAll('.js-plotly-plot').forEach(gd => {
    const w = gd._fullLayout && gd._fullLayout.width;
    if (w > vw + tolerance) out.push('figure ' + gd.id + ' is laid out ' + w + ' px wide');
  });
  return out;
}"""

#: Figure texts (titles, annotations, axis titles, control labels) that run past the figure's edges.
FIGURE_TEXT_CUT_JS = """([tol, menus]) => {
  const out = [];
  document.querySelectorAll('.js-plotly-plot').forEach((gd, k) => {
    const box = gd.getBoundingClientRect();
    const left = box.left, right = box.left + ((gd._fullLayout || {}).width || box.width);
    // text drawn with the data (bar values, marker labels) is clipped to the axes unless cliponaxis is off
    const size = (gd._fullLayout || {})._size || {l: 0, w: box.width};
    const plotLeft = box.left + size.l, plotRight = plotLeft + size.w;
    const cut = Array.from(gd.querySelectorAll('.main-svg text')).filter(t => {
      if (!!t.closest('.updatemenu-container') !== menus) return false;
      const r = t.getBoundingClientRect();
      if (!(r.width > 0 && (t.textContent || '').trim())) return false;
      const clipped = !menus && t.closest('.cartesianlayer [clip-path]');
      return r.right > right + tol || r.left < left - tol
        || (clipped && (r.right > plotRight + tol || r.left < plotLeft - tol));
    }).map(t => (t.textContent || '').trim().slice(0, 40));
    if (cut.length) out.push('figure #' + k + ' (' + (gd.getAttribute('aria-label') || gd.id).slice(0, 60) + '): '
                             + cut.slice(0, 3).map(s => JSON.stringify(s)).join(', '));
  });
  return out;
}"""

PRINT_JS = """(maxWidth) => {
  const out = [];
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  document.querySelectorAll('.js-plotly-plot').forEach(gd => {
    const name = gd.getAttribute('aria-label') || gd.id;
    const r = gd.getBoundingClientRect();
    if (!shown(gd) || r.height < 100) out.push('figure ' + name + ' is not shown in print');
    if (!gd.querySelectorAll('.trace, .shapelayer path, .barlayer .point').length) out.push('figure ' + name + ' has no drawn trace');
    if (gd._fullLayout.width > maxWidth) out.push('figure ' + name + ' is ' + gd._fullLayout.width + ' px wide, the paper ' + maxWidth);
    const b = getComputedStyle(gd).breakInside;
    if (b !== 'avoid' && b !== 'avoid-page') out.push('figure ' + name + ' may split across pages (break-inside: ' + b + ')');
  });
  const interactive = '.slider-container, .updatemenu-container, .modebar-container, .mmn-kbd-controls, .bd-sidebar-primary, .bd-header';
  document.querySelectorAll(interactive).forEach(el => { if (shown(el)) out.push('shown in print: ' + (el.className.baseVal || el.className)); });
  return out;
}"""


def _slug(rel: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", rel.removesuffix(".html"))


def check_phone(pg, rel: str) -> list[str]:
    """The loaded page at phone width: overflow problems; screenshots into ``_build/screenshots``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if pg.locator(".js-plotly-plot").count():  # plotly is responsive: wait for the figures to follow
        try:
            pg.wait_for_function(
                "w => Array.from(document.querySelectorAll('.js-plotly-plot')).every(g => !g._fullLayout || g._fullLayout.width <= w)",
                arg=PHONE["width"] + TOLERANCE_PX, timeout=5000,
            )
        except Exception:
            pass  # reported by OVERFLOW_JS, figure by figure
    pg.evaluate("() => window.scrollTo(0, 0)")
    problems = pg.evaluate(OVERFLOW_JS, TOLERANCE_PX)
    # Titles, annotations, axis titles, slider values and legends must fit (plotly-a11y.js shrinks
    # and wraps them); a dropdown menu is as wide as its longest option and is only reported.
    problems += [f"figure text cut off at the edge: {c}" for c in pg.evaluate(FIGURE_TEXT_CUT_JS, [TOLERANCE_PX, False])]
    menus = pg.evaluate(FIGURE_TEXT_CUT_JS, [TOLERANCE_PX, True])
    if menus:
        warnings.warn(f"{rel} at {PHONE['width']} px: a dropdown menu runs past the figure's edge "
                      f"(it still opens by touch and through its keyboard proxy): {menus}", stacklevel=1)
    pg.screenshot(path=str(SCREENSHOTS / f"phone-{_slug(rel)}.png"))
    figures = pg.locator(".js-plotly-plot")
    if figures.count():
        figures.first.scroll_into_view_if_needed()
        pg.screenshot(path=str(SCREENSHOTS / f"phone-{_slug(rel)}-figure.png"))
    return problems


def check_paper(pg) -> list[str]:
    """The loaded page printed (print media, desktop width): figure and control problems."""
    if pg.locator(".js-plotly-plot").count():
        try:  # back at desktop width, the responsive figures grow again before the print starts
            pg.wait_for_function(
                "() => Array.from(document.querySelectorAll('.js-plotly-plot')).some(g => g._fullLayout.width > 400)",
                timeout=5000,
            )
        except Exception:
            pass
    pg.emulate_media(media="print")
    if pg.locator(".js-plotly-plot").count():
        try:
            pg.wait_for_function(
                "w => Array.from(document.querySelectorAll('.js-plotly-plot')).every(g => g._fullLayout.width <= w)",
                arg=PRINT_CONTENT_PX, timeout=5000,
            )
        except Exception:
            pass  # reported below, figure by figure
    problems = pg.evaluate(PRINT_JS, PRINT_CONTENT_PX)
    pg.emulate_media(media="screen")
    return problems


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
    a11y_js = ROOT / "book" / "_static" / "plotly-a11y.js"
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
        pg.wait_for_timeout(500)
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


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def _export_pdf_module():
    from mmn_book import pdf

    return pdf


def print_course(pg) -> dict:
    """Print the loaded whole-course page to ``_build/pdf/course.pdf`` as ``scripts/export_pdf.py`` does."""
    pdf = _export_pdf_module().pdf_of_loaded_page(pg, PDFS / "course.pdf")
    return {"pages": _pages(pdf) if pdf.startswith(b"%PDF") else 0, "bytes": len(pdf)}


def print_with_and_without_figures(pg, rel: str) -> dict:
    """Print a loaded page twice, the second time with its figures removed (what they put on paper)."""
    export = _export_pdf_module()
    pdf = export.pdf_of_loaded_page(pg, PDFS / f"{_slug(rel)}.pdf")
    pg.add_style_tag(content=".js-plotly-plot { display: none !important; }")
    stripped = pg.pdf(path=str(PDFS / f"{_slug(rel)}-without-figures.pdf"), format="A4", print_background=True,
                      display_header_footer=True, header_template="<span></span>", footer_template=export.FOOTER,
                      margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})
    pg.emulate_media(media="screen")
    return {"rel": rel, "pages": _pages(pdf), "bytes": len(pdf), "without_figures": len(stripped),
            "figures": pg.locator(".js-plotly-plot").count()}


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
