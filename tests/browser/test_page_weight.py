"""Page weight and speed of the built book: what each page loads and when its figures draw.

The numbers (bytes per page, time to the first figure) are measured by
``benchmarks/bench_book.py``; these tests check the mechanisms that keep them
small, each of which could silently break a page:

* formulas are written as MathML at build time, so no page needs MathJax, and
  every formula of the chapters still shows;
* each page loads the quiz and differential scripts, thebe, sphinx-design and
  Sphinx's search index only if it uses them, and the search page still finds;
* several differential explorers on one page share one copy of the rule table;
* figures below the first screens wait until the reader reaches them
  (``book/_static/plotly-lazy.js``) and all of them are drawn once the page
  has loaded;
* the printable course carries each figure's first state without the data of
  its sliders and menus.
"""

from __future__ import annotations

import json
import re

from support.paths import ROOT

# -- formulas as MathML ----------------------------------------------------------------------------

# -- one rule table per page -----------------------------------------------------------------------


# -- the printable course: figures without their controls' data -------------------------------------


# -- the built book --------------------------------------------------------------------------------


def _display_formulas_in_notebook(rel: str) -> int:
    nb = json.loads((ROOT / rel.replace(".html", ".ipynb")).read_text())
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return len(re.findall(r"^\$\$", text, re.M)) // 2


def test_every_formula_of_the_chapters_shows_as_mathml(browser, site):
    from support.browser import new_guarded_page

    checked = 0
    for rel in [p for p in site.pages() if p.startswith("chapters/")]:
        expected = _display_formulas_in_notebook(rel)
        if not expected:
            continue
        context, pg, guard = new_guarded_page(browser)
        pg.goto(site.url(rel), wait_until="load")
        boxes = pg.evaluate(
            """() => Array.from(document.querySelectorAll('div.mmn-math math')).map(m => {
                 const r = m.getBoundingClientRect();
                 return {w: r.width, h: r.height, errors: m.querySelectorAll('merror').length,
                         text: m.textContent};
               })"""
        )
        context.close()
        assert len(boxes) == expected, f"{rel}: {expected} formulas in the notebook, {len(boxes)} shown"
        for b in boxes:
            # a fraction drawn as MathML is taller than a line of text; raw TeX would show a backslash
            assert b["w"] > 60 and b["h"] > 30 and not b["errors"] and "\\" not in b["text"], (rel, b)
        checked += len(boxes)
        assert guard.page_errors == []
    assert checked >= 2


def test_figures_below_the_first_screens_wait_for_the_reader_and_all_draw_after_load(browser, site):
    from support.browser import new_guarded_page

    from mmn_book.browser import FIGURES_DRAWN_JS

    rel = "chapters/04_nerve_conduction.html"
    n = (site.root / rel).read_text().count("Plotly.newPlot(")
    assert n >= 10
    context, pg, guard = new_guarded_page(browser)
    pg.add_init_script(
        """document.addEventListener('DOMContentLoaded', () => {
             window.__drawnAtDomReady = Array.from(document.querySelectorAll('.plotly-graph-div'))
               .map(g => g.classList.contains('js-plotly-plot'));
           });"""
    )
    pg.goto(site.url(rel), wait_until="load")
    at_ready = pg.evaluate("() => window.__drawnAtDomReady")
    assert len(at_ready) == n
    assert at_ready[-1] is False, "the last figure, far below the first screen, was drawn while the page parsed"
    assert at_ready == sorted(at_ready, reverse=True), f"figures must draw top to bottom: {at_ready}"
    pg.wait_for_function(FIGURES_DRAWN_JS, arg=n, timeout=15000)  # drawn in idle time, without scrolling
    assert pg.evaluate("() => window.Plotly.__mmnLazy.waiting.length") == 0
    context.close()
    assert guard.page_errors == []


def test_a_waiting_figure_draws_when_the_reader_scrolls_to_it(browser, site):
    from support.browser import new_guarded_page

    rel = "chapters/04_nerve_conduction.html"
    context, pg, guard = new_guarded_page(browser)
    pg.add_init_script("window.requestIdleCallback = () => 0;")  # no idle-time drawing: only scrolling draws
    pg.goto(site.url(rel), wait_until="load")
    drawn = "i => document.querySelectorAll('.plotly-graph-div')[i].classList.contains('js-plotly-plot')"
    target = pg.evaluate("() => document.querySelectorAll('.plotly-graph-div').length") - 3
    assert pg.evaluate(drawn, target) is False
    pg.locator(".plotly-graph-div").nth(target).scroll_into_view_if_needed()
    pg.wait_for_function(drawn, arg=target, timeout=5000)
    traces = pg.evaluate("i => document.querySelectorAll('.plotly-graph-div')[i].querySelectorAll('.trace').length", target)
    assert traces >= 1
    context.close()
    assert guard.page_errors == []


def test_printing_draws_every_waiting_figure_at_once(browser, site):
    from support.browser import new_guarded_page

    rel = "chapters/04_nerve_conduction.html"
    n = (site.root / rel).read_text().count("Plotly.newPlot(")
    context, pg, guard = new_guarded_page(browser)
    # Hold the idle-time drawing back, so only printing can draw the waiting figures.
    pg.add_init_script("window.requestIdleCallback = () => 0;")
    pg.goto(site.url(rel), wait_until="load")
    waiting = pg.evaluate("() => window.Plotly.__mmnLazy.waiting.length")
    assert waiting > 0
    drawn = pg.evaluate(
        """() => { window.dispatchEvent(new Event('beforeprint'));
                   return document.querySelectorAll('.plotly-graph-div.js-plotly-plot').length; }"""
    )
    # (the explorers computed in the page draw their own plot, not counted among the page's figures)
    assert drawn == n, f"{waiting} figures were waiting; after beforeprint {drawn} of {n} are drawn"
    context.close()
    assert guard.page_errors == []


def test_the_search_page_still_finds_chapters(page, site):
    page.goto(site.url("search.html?q=conduction+block"), wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('#search-results li').length > 0", timeout=15000)
    links = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.getAttribute('href'))")
    assert any("04_nerve_conduction" in h for h in links), links


def test_print_page_figures_lose_the_empty_bands_where_their_controls_were(browser, site):
    """A figure printed without its slider and menu fits its drawn content: at most a small pad of
    empty margin above its plot and below its lowest text or legend, and no blank band in the page."""
    from support.browser import new_guarded_page

    from mmn_book.browser import FIGURES_DRAWN_JS
    from mmn_book.plotly_calls import figures_in_html

    rel = "print/course.html"
    text = (site.root / rel).read_text()
    context, pg, guard = new_guarded_page(browser)
    pg.goto(site.url(rel), wait_until="load")
    pg.wait_for_function(FIGURES_DRAWN_JS, arg=figures_in_html(text), timeout=30000)
    # the fit is a relayout after the first draw: wait until every marked figure has settled
    pg.wait_for_function(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
             .filter(gd => gd.layout.meta && gd.layout.meta.mmnFitToContent)
             .every(gd => gd.__mmnMargins && !gd.__mmnFittingMargins
                          && Math.abs(gd.parentElement.getBoundingClientRect().height - gd._fullLayout.height) <= 1)""",
        timeout=15000,
    )
    fits = pg.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
             .filter(gd => gd.layout.meta && gd.layout.meta.mmnFitToContent).map(gd => {
               const box = gd.getBoundingClientRect(), s = gd._fullLayout._size;
               const plotTop = box.top + s.t, plotBottom = plotTop + s.h;
               let above = box.top, below = plotBottom;  // the lowest text above the plot, the lowest of all
               gd.querySelectorAll('.main-svg text, .main-svg .legend').forEach(el => {
                 const r = el.getBoundingClientRect();
                 if (!r.width || !r.height) return;
                 if (r.top < plotTop) above = Math.max(above, Math.min(r.bottom, plotTop));
                 if (r.bottom > plotBottom) below = Math.max(below, r.bottom);
               });
               const title = gd.querySelector('.g-gtitle text'), t = title ? title.getBoundingClientRect() : null;
               return {name: (gd.getAttribute('aria-label') || gd.id).slice(0, 50),
                       top: (t ? plotTop - t.bottom : 0) - Math.max(0, plotTop - above),
                       overlap: t ? Array.from(gd.querySelectorAll('.main-svg text')).filter(x => !x.closest('.g-gtitle')).some(x => {
                         const r = x.getBoundingClientRect(); return r.width && r.top < t.bottom - 1 && r.bottom > t.top + 1 && r.left < t.right && r.right > t.left; }) : false,
                       bottom: box.top + gd._fullLayout.height - below, wrapper: gd.parentElement.getBoundingClientRect().height,
                       height: gd._fullLayout.height, was: gd.__mmnMargins};
             })"""
    )
    context.close()
    assert len(fits) >= 5, fits  # the conduction, IVIg, body-map and differential explorers
    assert [f for f in fits if f["top"] > 40 or f["bottom"] > 30 or f["overlap"] or abs(f["wrapper"] - f["height"]) > 1] == []
    assert guard.page_errors == []


def test_print_page_figures_keep_every_text_inside_the_figure(browser, site):
    """Without their controls the print page's figures keep their size: no text below the traces is cut."""
    from support.browser import new_guarded_page

    from mmn_book.browser import FIGURES_DRAWN_JS
    from mmn_book.plotly_calls import figures_in_html

    rel = "print/course.html"
    text = (site.root / rel).read_text()
    assert '"sliders"' not in text and '"updatemenus"' not in text
    context, pg, guard = new_guarded_page(browser)
    pg.goto(site.url(rel), wait_until="load")
    pg.wait_for_function(FIGURES_DRAWN_JS, arg=figures_in_html(text), timeout=30000)
    cut = pg.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(gd => {
             const box = gd.getBoundingClientRect();
             return Array.from(gd.querySelectorAll('.annotation-text')).filter(t => {
               const r = t.getBoundingClientRect();
               return r.height > 0 && (r.bottom > box.top + gd._fullLayout.height + 2 || r.top < box.top - 2);
             }).map(t => (gd.getAttribute('aria-label') || gd.id).slice(0, 50) + ': ' + t.textContent.slice(0, 50));
           })"""
    )
    context.close()
    assert cut == []
    assert guard.page_errors == []


#: Computed properties compared between the print page's stylesheet subset and the theme's whole files.
STYLE_PROPERTIES = (
    "display", "position", "float", "visibility", "opacity", "color", "background-color", "background-image",
    "font-family", "font-size", "font-weight", "font-style", "line-height", "text-align", "text-decoration-line",
    "text-transform", "white-space", "vertical-align", "list-style-type", "overflow-x",
    "margin-top", "margin-right", "margin-bottom", "margin-left",
    "padding-top", "padding-right", "padding-bottom", "padding-left",
    "border-top-width", "border-top-style", "border-top-color", "border-left-width", "border-left-style",
    "border-left-color", "border-bottom-width", "border-bottom-style", "border-radius", "outline-style",
    "width", "height", "box-shadow", "cursor", "page-break-inside",
)
COMPUTED_STYLES_JS = """(props) => Array.from(document.querySelectorAll('body *'))
  .filter(el => !el.closest('.svg-container'))
  .map(el => {
    const cs = getComputedStyle(el), before = getComputedStyle(el, '::before'), after = getComputedStyle(el, '::after');
    const id = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    return [id, props.map(p => cs.getPropertyValue(p)).join('|') + '|before:' + before.content + ' ' + before.display
            + '|after:' + after.content + ' ' + after.display];
  })"""


def _theme_stylesheets(site) -> list[str]:
    """The stylesheets a chapter links that the print page replaces by its subset, as URLs from print/."""
    from widgets.assets import css_files

    own = set(css_files()) | {p.name for p in (ROOT / "book" / "_static").glob("*.css")}
    head = (site.root / "chapters" / "01_what_is_mmn.html").read_text().split("</head>")[0]
    hrefs = re.findall(r'<link\b(?=[^>]*rel="stylesheet")[^>]*href="([^"]+)"', head)
    return [h for h in hrefs if h.split("?")[0].rsplit("/", 1)[-1] not in own]


def test_print_page_subset_of_the_theme_css_styles_every_element_as_the_whole_files_do(browser, site):
    """The print page links only the theme rules it uses (36 kB instead of 0.5 MB): nothing may look different.

    Every element's computed style (and its ::before/::after) with the subset is compared with the
    same element's style once the theme's whole stylesheets replace it, with an answered quiz,
    every ``<details>`` opened and a focused link on the page.
    """
    from support.browser import new_guarded_page

    from mmn_book.browser import FIGURES_DRAWN_JS
    from mmn_book.plotly_calls import figures_in_html
    from mmn_book.print_styles import PRINT_THEME_CSS

    theme = _theme_stylesheets(site)
    assert len(theme) >= 3, theme  # pydata, book theme, pygments at least
    text = (site.root / "print" / "course.html").read_text()
    assert re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*>', text.split("</head>")[0]).count(
        f'<link rel="stylesheet" href="{PRINT_THEME_CSS}">') == 1
    assert not any(h.split("?")[0].lstrip("./") in text.split("</head>")[0] for h in theme)
    assert (site.root / "print" / PRINT_THEME_CSS).stat().st_size < 0.2 * sum(
        (site.root / "print" / h.split("?")[0]).resolve().stat().st_size for h in theme)

    context, pg, guard = new_guarded_page(browser)
    pg.goto(site.url("print/course.html"), wait_until="load")
    pg.wait_for_function(FIGURES_DRAWN_JS, arg=figures_in_html(text), timeout=30000)
    pg.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    pg.locator(".mmn-quiz__option").first.click()
    pg.mouse.move(0, 0)  # hover follows layout lazily: leave nothing under the mouse for either measurement
    pg.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    pg.keyboard.press("Tab")
    subset = pg.evaluate(COMPUTED_STYLES_JS, list(STYLE_PROPERTIES))
    pg.evaluate(
        """(hrefs) => Promise.all(hrefs.map(href => new Promise((resolve, reject) => {
             const link = Object.assign(document.createElement('link'), {rel: 'stylesheet', href});
             link.onload = resolve; link.onerror = () => reject(new Error('could not load ' + href));
             document.querySelector('link[href="course-theme.css"]').before(link);
           }))).then(() => document.querySelector('link[href="course-theme.css"]').remove())""",
        theme,
    )
    whole = pg.evaluate(COMPUTED_STYLES_JS, list(STYLE_PROPERTIES))
    context.close()
    assert len(subset) > 1000 and [e for e, _ in subset] == [e for e, _ in whole]
    differ = [f"{e}: {s}\n   whole: {w}" for (e, s), (_, w) in zip(subset, whole) if s != w]
    assert differ == [], f"{len(differ)} elements differ, e.g.\n" + "\n".join(differ[:5])
    assert guard.page_errors == []


def test_every_page_loads_at_most_its_budget_beyond_plotly_js(site_visits):
    """Bytes each page fetched (the page, its stylesheets, scripts, fonts, images), plotly.js aside."""
    from mmn_book.budgets import PLOTLY_BUNDLES, page_budget_bytes

    loaded = {rel: sum(n for url, n in v.loaded.items() if not url.endswith(PLOTLY_BUNDLES))
              for rel, v in site_visits.items()}
    assert len(loaded) >= 14 and all(n > 100_000 for n in loaded.values()), loaded  # the theme's CSS at least
    over = {rel: f"{n / 1e6:.2f} MB" for rel, n in loaded.items() if n > page_budget_bytes(rel)}
    assert over == {}


def test_the_print_page_loads_no_icon_font_and_only_its_subset_of_the_theme_css(site_visits):
    from mmn_book.print_styles import PRINT_THEME_CSS

    course = site_visits["print/course.html"].loaded
    assert f"/print/{PRINT_THEME_CSS}" in course
    assert not [u for u in course if "webfonts" in u or "/styles/" in u], sorted(course)
    # a chapter, for contrast, loads the theme whole (and the icon font for its buttons)
    chapter = site_visits["chapters/04_nerve_conduction.html"].loaded
    assert any("/styles/pydata-sphinx-theme.css" in u for u in chapter)


