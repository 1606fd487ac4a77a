"""Phone-width and print checks of one page (used by the shared page visits and the print tests)."""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

from support.paths import ROOT

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
