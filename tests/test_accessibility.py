"""Accessibility of the built book in headless Chromium: every page, every figure, every control.

Each page of ``_build/html`` is opened once (one context per page, one shared
browser) by the session fixture :func:`site_visits`, which records (besides the
phone and print checks of ``test_mobile_print.py``):

* the serious and critical violations axe-core finds (``tests/_vendor/axe``);
* each plotly figure's accessible name (its own or an ancestor's ``aria-label``,
  ``aria-labelledby``, ``aria-describedby``, a ``<figure>``'s ``<figcaption>``)
  or the "Figure: ..." caption paragraph that follows it;
* each figure's traces as plotly resolved them (``gd._fullData``): colours must
  reach 3:1 against the white plot background, and traces of different colours
  on the same axes must also differ in dash or marker (colour is never the only
  cue);
* keyboard operation: every plotly slider and menu has a native proxy
  (``book/_static/plotly-a11y.js``) that Tab reaches and that, on ArrowRight /
  ArrowDown / Enter, changes the figure (``gd.data``/``gd.layout``) and the
  plotly control's ``active``; every quiz answers from the keyboard alone
  (Tab, Space, Enter); no visible control is left out of the Tab order.

The checkers are plain functions tried on small synthetic pages too, so each can
be seen to fail for a wrong page (negative tests at the end).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mmn_book.browser import LOADED_BYTES_JS, wait_until_ready
from mmn_book.plotly_calls import figures_in_html
from widgets.palette import contrast_on_white

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "tests" / "_vendor" / "axe" / "axe.min.js"
PLOTLY_JS = ROOT / "book" / "_vendor" / "plotly" / "plotly.min.js"
A11Y_JS = ROOT / "book" / "_static" / "plotly-a11y.js"
BLOCKING = ("serious", "critical")
ALL_IMPACTS = ("minor", "moderate", "serious", "critical")
MIN_TRACE_CONTRAST = 3.0
#: Quiz questions tried per page (each costs a few key presses).
QUIZ_QUESTIONS_PER_PAGE = 3


# ------------------------------------------------------------------------------------------------
# Checkers (run in a loaded page)
# ------------------------------------------------------------------------------------------------


def axe_violations(pg, impacts=BLOCKING, exclude: list[str] | None = None) -> list[str]:
    """axe-core's violations of the given impacts, one line per rule with up to 3 targets."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `python scripts/vendor.py` (scripts/setup.sh does)")
    pg.add_script_tag(path=str(AXE))
    result = pg.evaluate(
        """async (exclude) => {
            const context = exclude.length ? {include: [document], exclude: exclude.map(s => [s])} : document;
            const r = await axe.run(context, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200))}));
        }""",
        exclude or [],
    )
    return [
        f"{v['impact']} {v['id']} ({v['help']}): " + "; ".join(v["targets"][:3])
        for v in result
        if v["impact"] in impacts
    ]


FIGURE_INFO_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map((gd, k) => {
  const text = el => (el ? el.textContent : '').replace(/\\s+/g, ' ').trim();
  const byIds = ids => (ids || '').split(/\\s+/).filter(Boolean).map(id => text(document.getElementById(id))).join(' ').trim();
  function nameOf(el) {
    const own = (el.getAttribute('aria-label') || '').trim() || byIds(el.getAttribute('aria-labelledby'))
      || byIds(el.getAttribute('aria-describedby'));
    if (own) return own;
    if (el.tagName === 'FIGURE') {
      const cap = el.querySelector(':scope > figcaption');
      if (text(cap)) return text(cap);
    }
    return '';
  }
  let name = '', how = '';
  for (let el = gd; el && el !== document.body; el = el.parentElement) {
    name = nameOf(el);
    if (name) { how = el === gd ? 'own name' : 'named ' + el.tagName.toLowerCase(); break; }
  }
  if (!name) {
    const block = gd.closest('.cell') || gd.closest('figure') || gd.parentElement;
    let next = block && block.nextElementSibling;
    if (next && /^\\s*(Figure|Fig\\.)\\s*\\d*[:.]/i.test(text(next))) { name = text(next); how = 'caption after'; }
  }
  const fl = gd._fullLayout || {};
  return {
    index: k, id: gd.id, name: name, how: how,
    title: (gd.layout.title && (gd.layout.title.text || (typeof gd.layout.title === 'string' ? gd.layout.title : ''))) || '',
    traces: (gd._fullData || []).map(t => ({
      type: t.type, name: t.name, visible: t.visible, mode: t.mode || '', opacity: t.opacity == null ? 1 : t.opacity,
      points: Array.from(t.y || t.x || t.values || []).filter(v => v != null && v === v).length,
      xaxis: t.xaxis || '', yaxis: t.yaxis || '', fill: t.fill || 'none',
      line: t.line ? {color: t.line.color, dash: t.line.dash, width: t.line.width} : null,
      marker: t.marker ? {color: (typeof t.marker.color === 'string' || Array.isArray(t.marker.color)) ? t.marker.color : null,
                          opacity: typeof t.marker.opacity === 'number' ? t.marker.opacity : 1,
                          symbol: t.marker.symbol, line: t.marker.line ? {color: typeof t.marker.line.color === 'string' ? t.marker.line.color : null, width: t.marker.line.width} : null} : null,
    })),
    sliders: (fl.sliders || []).filter(s => s.visible !== false).length,
    menus: (fl.updatemenus || []).filter(m => m.visible !== false).length,
    proxies: document.querySelectorAll('.mmn-kbd-controls[data-for="' + CSS.escape(gd.id) + '"] .mmn-kbd-control').length,
  };
})"""


def figure_name_problems(figures: list[dict]) -> list[str]:
    """Figures with no accessible name/description and no caption paragraph after them."""
    out = []
    for f in figures:
        words = f["name"].split()
        if len(words) < 3:
            out.append(f"figure #{f['index']} ({f['id']}, title {f['title']!r}) has no text alternative or caption: {f['name']!r}")
    return out


def _colors(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def trace_colour_problems(figures: list[dict]) -> list[str]:
    """Trace colours under 3:1 on white, and different-coloured traces told apart by colour alone.

    A line is seen by its colour; a marker or a bar by its fill or, failing that, its outline.
    Fully transparent colours (invisible hover targets) and filled bands without a line are not
    data marks. Traces without data points (legend swatches) are named by their legend text, so
    only their contrast is checked.
    """
    out = []
    for f in figures:
        styles: dict[tuple, dict[tuple, str]] = {}
        for t in f["traces"]:
            if t["visible"] is False:
                continue
            kind, mode, opacity = t["type"], t["mode"], t["opacity"]
            marker = t["marker"] or {}
            line = t["line"] or {}
            outline = marker.get("line") or {}
            edge = _colors(outline.get("color")) if (outline.get("width") or 0) > 0 else []
            marks: list[list[str]] = []  # each mark: the colours it can be seen by (any one suffices)
            if kind in ("scatter", "scattergl", "scatterpolar", "scatterternary"):
                if "lines" in mode and (line.get("width") or 0) > 0:
                    marks += [[c] for c in _colors(line.get("color"))]
                if "markers" in mode:
                    marks += [[c] + edge for c in _colors(marker.get("color"))]
            elif kind in ("bar", "histogram", "box", "violin", "funnel", "waterfall"):
                marks += [[c] + edge for c in _colors(marker.get("color"))]
            else:
                continue  # heatmaps, images, tables: colour scales, not trace colours
            marks = [m for m in marks if _alpha(m[0]) > 0]
            if not marks:
                continue
            seen: list[str] = []
            for m in marks:
                alpha = opacity * (marker.get("opacity", 1) if m[0] in _colors(marker.get("color")) else 1)
                best = max(m, key=lambda c: _contrast(c, alpha))
                ratio = _contrast(best, alpha)
                seen.append(best)
                if ratio < MIN_TRACE_CONTRAST and not any(m[0] in o and repr(t["name"]) in o for o in out):
                    out.append(f"figure #{f['index']} ({f['title']!r}): trace {t['name']!r} colour {m[0]} has contrast {ratio:.2f}:1 < 3:1")
            if kind.startswith("scatter") and t.get("points", 1) > 0:
                axes = (t["xaxis"], t["yaxis"])
                style = (line.get("dash") if "lines" in mode else None,
                         json.dumps(marker.get("symbol")) if "markers" in mode else None)
                colour = ",".join(sorted(set(seen)))
                styles.setdefault(axes, {})
                for other_style, other_colour in styles[axes].items():
                    if other_style == style and other_colour != colour:
                        out.append(
                            f"figure #{f['index']} ({f['title']!r}): trace {t['name']!r} differs from another trace on the same "
                            f"axes only by colour ({colour} vs {other_colour}); give it its own dash or marker"
                        )
                styles[axes].setdefault(style, colour)
    return out


def _alpha(color: str) -> float:
    import re

    m = re.match(r"rgba\([^)]*,\s*([\d.]+)\s*\)", color.strip())
    return float(m.group(1)) if m else 1.0


def _contrast(color: str, opacity: float) -> float:
    from widgets.palette import css_color_on_white

    try:
        hexed = css_color_on_white(color)
    except ValueError:
        return 21.0  # named CSS colours etc. are not produced by the course palette
    if opacity < 1:
        r, g, b = (int(hexed[i : i + 2], 16) for i in (1, 3, 5))
        hexed = css_color_on_white(f"rgba({r},{g},{b},{opacity})")
    return contrast_on_white(hexed)


TABBABLE_JS = """() => Array.from(document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]'))
  .filter(e => !e.disabled && e.tabIndex >= 0 && !e.closest('[hidden], [inert]')
          && (e.getClientRects().length > 0 || e.closest('.mmn-kbd-controls'))
          && getComputedStyle(e).visibility !== 'hidden')"""

FOCUS_BEFORE_JS = (
    """(el) => { const all = (""" + TABBABLE_JS + """)(); const i = all.indexOf(el);
    if (i < 0) return false;
    if (i === 0) { document.activeElement && document.activeElement.blur(); window.focus(); }
    else all[i - 1].focus();
    return true; }"""
)

STATE_JS = """(gd) => JSON.stringify([gd.data, Object.assign({}, gd.layout, {sliders: null, updatemenus: null})]).length
    + ':' + Array.from(JSON.stringify([gd.data, Object.assign({}, gd.layout, {sliders: null, updatemenus: null})]))
      .reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7)"""


def tab_to(pg, handle) -> bool:
    """Focus the tabbable element before ``handle``, press Tab: did focus land on ``handle``?"""
    if not pg.evaluate(FOCUS_BEFORE_JS, handle):
        return False
    pg.keyboard.press("Tab")
    return pg.evaluate("(el) => document.activeElement === el", handle)


def keyboard_problems(pg, label: str) -> tuple[list[str], int]:
    """Operate every plotly proxy of the page with the keyboard; returns problems and controls tried."""
    problems, tried = [], 0
    figures = pg.query_selector_all(".js-plotly-plot")
    for k, gd in enumerate(figures):
        info = pg.evaluate(
            """(gd) => ({sliders: (gd._fullLayout.sliders || []).filter(s => s.visible !== false).length,
                        menus: (gd._fullLayout.updatemenus || []).filter(m => m.visible !== false).length,
                        title: (gd.layout.title || {}).text || ''})""",
            gd,
        )
        if not info["sliders"] and not info["menus"]:
            continue
        box = gd.evaluate_handle("(gd) => document.querySelector('.mmn-kbd-controls[data-for=\"' + CSS.escape(gd.id) + '\"]')")
        controls = box.as_element().query_selector_all("input, select, button") if box.as_element() else []
        if len(controls) < info["sliders"] + info["menus"]:
            problems.append(
                f"{label} figure #{k} ({info['title']!r}): {info['sliders']} sliders and {info['menus']} menus "
                f"but {len(controls)} keyboard controls"
            )
        for control in controls:
            tried += 1
            tag, name = control.evaluate("(c) => [c.tagName.toLowerCase() + (c.type ? '[' + c.type + ']' : ''), (c.labels && c.labels[0] ? c.labels[0].textContent : '') || c.getAttribute('aria-label') || c.textContent]")
            what = f"{label} figure #{k} {tag} {name!r}"
            if not name or not name.strip():
                problems.append(f"{what}: no accessible name")
            if not tab_to(pg, control):
                problems.append(f"{what}: not reached by Tab")
                continue
            before = pg.evaluate(STATE_JS, gd)
            expect = control.evaluate(
                """(c) => {
                  const gd = document.getElementById(c.closest('.mmn-kbd-controls').dataset.for);
                  if (c.type === 'range') {
                    const i = +c.dataset.sliderIndex, v = +c.value, up = v < +c.max;
                    const steps = gd.layout.sliders[i].steps.filter(s => s.visible !== false);
                    const step = steps[up ? v + 1 : v - 1];
                    return {key: up ? 'ArrowRight' : 'ArrowLeft', kind: 'slider', i: i,
                            active: gd.layout.sliders[i].steps.indexOf(step),
                            runs: step.execute !== false && step.method !== 'skip'};
                  }
                  if (c.tagName === 'SELECT') {
                    const i = +c.dataset.menuIndex, up = c.selectedIndex < c.options.length - 1;
                    const k = +c.options[up ? c.selectedIndex + 1 : c.selectedIndex - 1].value;
                    const b = gd.layout.updatemenus[i].buttons[k];
                    return {key: up ? 'ArrowDown' : 'ArrowUp', kind: 'menu', i: i, active: k,
                            runs: b.execute !== false && b.method !== 'skip'};
                  }
                  return {key: 'Enter', kind: 'button', runs: true};
                }"""
            )
            pg.keyboard.press(expect["key"])
            try:
                if expect["kind"] == "slider":
                    pg.wait_for_function(
                        "([gd, i, a]) => gd.layout.sliders[i].active === a", arg=[gd, expect["i"], expect["active"]], timeout=3000
                    )
                elif expect["kind"] == "menu":
                    pg.wait_for_function(
                        "([gd, i, a]) => gd.layout.updatemenus[i].active === a", arg=[gd, expect["i"], expect["active"]], timeout=3000
                    )
                if expect["runs"]:
                    pg.wait_for_function(f"([gd, before]) => ({STATE_JS})(gd) !== before", arg=[gd, before], timeout=3000)
            except Exception:
                after = pg.evaluate(STATE_JS, gd)
                problems.append(f"{what}: {expect['key']} did not update the figure (state {'unchanged' if after == before else 'changed'}, expected active {expect.get('active')})")
    return problems, tried


def quiz_problems(pg, label: str, limit: int = QUIZ_QUESTIONS_PER_PAGE) -> tuple[list[str], int]:
    """Answer up to ``limit`` quiz questions with Tab/Space/Enter only; feedback must appear."""
    problems, tried = [], 0
    for q in pg.query_selector_all(".mmn-quiz__question")[:limit]:
        tried += 1
        qid = q.get_attribute("id")
        first = q.query_selector("input")
        if first is None:
            problems.append(f"{label} quiz {qid}: no native input")
            continue
        if not tab_to(pg, first):
            problems.append(f"{label} quiz {qid}: first option not reached by Tab")
            continue
        pg.keyboard.press("Space")  # selects an option: never answers (keyboard users browse the options first)
        check = q.query_selector(".mmn-quiz__check")
        if check is None or not tab_to(pg, check):
            problems.append(f"{label} quiz {qid}: 'Check answer' not reached by Tab")
            continue
        pg.keyboard.press("Enter")
        try:
            pg.wait_for_function("(q) => q.querySelector('.mmn-quiz__feedback').textContent.trim().length > 0", arg=q, timeout=3000)
        except Exception:
            problems.append(f"{label} quiz {qid}: no feedback after answering with the keyboard")
    return problems, tried


UNREACHABLE_JS = """() => {
  const sel = 'button, input, select, textarea, a[href], summary, [role=button], [role=slider], [role=tab], [role=checkbox],'
            + ' [role=radio], [role=switch], [role=menuitem], [role=link], [onclick]';
  const main = document.querySelector('main') || document.body;
  return Array.from(main.querySelectorAll(sel))
    .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden' && !e.disabled
                 && !e.closest('[hidden], [inert], [aria-hidden=true]'))
    .filter(e => e.tabIndex < 0 && !(e.type === 'radio'))
    .map(e => e.outerHTML.slice(0, 120));
}"""

#: Duplicate ids and id references (aria-labelledby/-describedby/-controls/-owns, label for=) that
#: name no element.
IDREFS_JS = """() => {
  const out = [], seen = new Map();
  document.querySelectorAll('[id]').forEach(e => seen.set(e.id, (seen.get(e.id) || 0) + 1));
  seen.forEach((n, id) => { if (n > 1) out.push('critical duplicate id ' + JSON.stringify(id) + ' (' + n + ' elements)'); });
  for (const attr of ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'for']) {
    document.querySelectorAll('[' + attr + ']').forEach(e => {
      for (const id of e.getAttribute(attr).split(/\\s+/).filter(Boolean))
        if (!document.getElementById(id)) out.push('serious ' + attr + '=' + JSON.stringify(id) + ' names no element');
    });
  }
  return out.slice(0, 20);
}"""

#: Formulas MathJax could not typeset (it shows them as a red-on-yellow error box, which also fails
#: axe's contrast rule): usually a LaTeX typo, or a backslash eaten by a non-raw Python string.
MATH_ERRORS_JS = """() => Array.from(document.querySelectorAll('mjx-merror'))
    .map(e => (e.getAttribute('data-mjx-error') || e.textContent).trim() + ' in: '
              + ((e.closest('.math') || {}).textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 120))"""


# ------------------------------------------------------------------------------------------------
# One visit per page
# ------------------------------------------------------------------------------------------------


@dataclass
class PageVisit:
    """What one visit of one page found (accessibility here; phone and print for test_mobile_print)."""

    rel: str
    axe: list[str] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    keyboard: list[str] = field(default_factory=list)
    controls_tried: int = 0
    quiz: list[str] = field(default_factory=list)
    quiz_tried: int = 0
    unreachable: list[str] = field(default_factory=list)
    math_errors: list[str] = field(default_factory=list)
    phone: list[str] = field(default_factory=list)
    paper: list[str] = field(default_factory=list)
    pdf: dict = field(default_factory=dict)  # the whole-course page only: PDF bytes with and without figures
    loaded: dict = field(default_factory=dict)  # URL path -> bytes the page fetched, once drawn
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


_VISITS: dict[str, dict[str, PageVisit]] = {}


@pytest.fixture(scope="session")
def site_visits(browser, site) -> dict[str, PageVisit]:
    """Visit every page once, in its own context: desktop checks, then as a phone, then printed.

    One visit per page keeps the browser tests fast (plotly.js is compiled once per page); the
    phone and print checks live in ``test_mobile_print.py``, which uses this fixture too.
    """
    from conftest import KNOWN_PAGE_ERRORS, new_guarded_page, reveal_case_steps
    from test_mobile_print import (
        COURSE_PAGE,
        DESKTOP,
        PHONE,
        check_paper,
        check_phone,
        print_course,
        print_with_and_without_figures,
    )

    # Imported into test_mobile_print.py as well, where pytest makes a second fixture of it: both
    # share this cache, so each page is still visited once per session.
    key = str(site.root)
    if key in _VISITS:
        return _VISITS[key]
    out = _VISITS[key] = {}
    pages = site.pages()
    weights = {rel: figures_in_html((site.root / rel).read_text(encoding="utf-8")) for rel in pages if rel != COURSE_PAGE}
    richest = max(weights, key=weights.get) if weights and max(weights.values()) else None
    for rel in pages:
        visit = PageVisit(rel)
        html = (site.root / rel).read_text(encoding="utf-8")
        start = time.perf_counter()
        context, pg, guard = new_guarded_page(browser, viewport=DESKTOP)
        try:
            pg.goto(site.url(rel), wait_until="load")
            wait_until_ready(pg, html)
            visit.loaded = pg.evaluate(LOADED_BYTES_JS)
            if rel == COURSE_PAGE:
                # Its chapters were audited on their own pages, with the same markup; what this page
                # adds is its header, contents and the id renaming that joins them: axe reads the
                # header and first chapter, and every id reference of the whole page is resolved.
                visit.axe = axe_violations(pg, ALL_IMPACTS, exclude=[".mmn-print-page ~ .mmn-print-page"]) + pg.evaluate(IDREFS_JS)
            else:
                visit.axe = axe_violations(pg, ALL_IMPACTS)
            visit.figures = pg.evaluate(FIGURE_INFO_JS)
            visit.unreachable = pg.evaluate(UNREACHABLE_JS)
            visit.math_errors = pg.evaluate(MATH_ERRORS_JS)
            visit.keyboard, visit.controls_tried = keyboard_problems(pg, rel)
            visit.quiz, visit.quiz_tried = quiz_problems(pg, rel)
            reveal_case_steps(pg)  # the phone and print checks see every step of a case, as a student who answered
            pg.evaluate("() => document.activeElement && document.activeElement.blur()")
            pg.set_viewport_size(PHONE)
            visit.phone = check_phone(pg, rel)
            pg.set_viewport_size(DESKTOP)
            visit.paper = check_paper(pg)
            if rel == COURSE_PAGE:
                visit.pdf = print_course(pg)
            elif rel == richest:
                visit.pdf = print_with_and_without_figures(pg, rel)
        except Exception as exc:  # report, and go on with the other pages
            visit.errors.append(f"{rel}: {type(exc).__name__}: {exc}")
        finally:
            context.close()
        visit.seconds = time.perf_counter() - start
        visit.errors += [f"{rel}: page error {e}" for e in guard.page_errors if not any(k in e for k in KNOWN_PAGE_ERRORS)]
        visit.errors += [f"{rel}: request left 127.0.0.1: {u}" for u in guard.external_requests]
        out[rel] = visit
    return out


def test_pages_were_audited_without_errors(site_visits):
    assert "book/intro.html" in site_visits and any(r.startswith("chapters/") for r in site_visits)
    assert [e for a in site_visits.values() for e in a.errors] == []
    slow = sorted(((round(v.seconds, 1), rel) for rel, v in site_visits.items()), reverse=True)[:5]
    print(f"slowest page visits (s): {slow}")


def _axe_found(site_visits, impacts: tuple[str, ...] | None) -> dict[str, list[str]]:
    """Violations by page; ``impacts=None``: the blocking ones and unresolved id references."""
    lesser = ("minor ", "moderate ")
    found = {}
    for rel, visit in site_visits.items():
        lines = [v for v in visit.axe if (v.startswith(impacts) if impacts else not v.startswith(lesser))]
        if lines:
            found[rel] = lines
    return found


def test_no_serious_or_critical_axe_violation_on_any_page(site_visits):
    found = _axe_found(site_visits, None)
    assert found == {}, "\n".join(f"{rel}:\n  " + "\n  ".join(v) for rel, v in found.items())


def test_no_moderate_or_minor_axe_violation_on_any_page_either(site_visits):
    """Beyond the issue's gate: landmarks, unique landmark names, table headers with text."""
    found = _axe_found(site_visits, ("moderate ", "minor "))
    assert found == {}, "\n".join(f"{rel}:\n  " + "\n  ".join(v) for rel, v in found.items())


def test_every_formula_typesets_without_error(site_visits):
    found = {rel: a.math_errors for rel, a in site_visits.items() if a.math_errors}
    assert found == {}, found


def test_every_figure_has_a_text_alternative_or_caption(site_visits):
    assert sum(len(a.figures) for a in site_visits.values()) >= 1
    problems = [f"{rel}: {p}" for rel, a in site_visits.items() for p in figure_name_problems(a.figures)]
    assert problems == []


def test_trace_colours_reach_3_to_1_and_colour_is_not_the_only_cue(site_visits):
    problems = [f"{rel}: {p}" for rel, a in site_visits.items() for p in trace_colour_problems(a.figures)]
    assert problems == []


def test_every_plotly_slider_and_menu_is_operable_by_keyboard(site_visits):
    for rel, a in site_visits.items():
        expected = sum(f["sliders"] + f["menus"] for f in a.figures)
        assert a.controls_tried >= expected, f"{rel}: {expected} plotly controls, {a.controls_tried} keyboard proxies tried"
    problems = [p for a in site_visits.values() for p in a.keyboard]
    assert problems == []


def test_every_quiz_answers_by_keyboard(site_visits):
    problems = [p for a in site_visits.values() for p in a.quiz]
    assert problems == []


def test_no_visible_control_is_left_out_of_the_tab_order(site_visits):
    found = {rel: a.unreachable for rel, a in site_visits.items() if a.unreachable}
    assert found == {}


# ------------------------------------------------------------------------------------------------
# The checkers and the keyboard script on synthetic pages (no book needed)
# ------------------------------------------------------------------------------------------------


def _figure_page(tmp_path: Path, figures_html: str, *, with_script: bool = True) -> str:
    scripts = f'<script src="{PLOTLY_JS.as_uri()}"></script>'
    if with_script:
        scripts += f'<script defer src="{A11Y_JS.as_uri()}"></script>'
    page = tmp_path / "figure.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>{scripts}</head>'
        f'<body><main><h1>Test</h1><p><a href="#top">before</a></p>{figures_html}<p><a href="#top">after</a></p></main></body></html>'
    )
    return page.as_uri()


def _controls_figure():
    import plotly.graph_objects as go

    from widgets import palette
    from widgets.display import figure_html

    x = [0, 1, 2, 3]
    traces = [
        go.Scatter(x=x, y=[v * k for v in x], name=f"gain {k}", visible=(k == 1),
                   line=dict(color=palette.style(k).color, dash=palette.style(k).dash))
        for k in (1, 2, 3)
    ]
    # plotly.py's HTML plays the frames once on load: the figure starts on the last one ("big").
    frames = [go.Frame(name="small", layout=dict(yaxis=dict(range=[0, 5]))),
              go.Frame(name="big", layout=dict(yaxis=dict(range=[0, 20])))]
    fig = go.Figure(traces, frames=frames)
    fig.update_layout(
        title="Synthetic response to gain",
        sliders=[dict(active=0, currentvalue=dict(prefix="Gain: "), steps=[
            dict(label=f"×{k}", method="restyle", args=[{"visible": [j == k for j in (1, 2, 3)]}]) for k in (1, 2, 3)
        ])],
        updatemenus=[
            dict(name="Axis scale", buttons=[
                dict(label="linear", method="relayout", args=[{"yaxis.type": "linear"}]),
                dict(label="log", method="relayout", args=[{"yaxis.type": "log"}]),
                dict(label="both", method="update", args=[{"visible": [True, True, True]}, {"title.text": "All gains"}]),
            ]),
            dict(type="buttons", x=1.2, buttons=[dict(label="Zoom in", method="animate", args=[["small"], {
                "mode": "immediate", "transition": {"duration": 0}, "frame": {"duration": 0, "redraw": True}}])]),
        ],
    )
    return figure_html(fig, div_id="synthetic")


def test_keyboard_proxies_drive_every_kind_of_plotly_control(browser, tmp_path):
    context = browser.new_context()
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    try:
        pg.goto(_figure_page(tmp_path, _controls_figure()))
        pg.wait_for_selector(".mmn-kbd-controls select", state="attached")
        problems, tried = keyboard_problems(pg, "synthetic")
        assert tried == 3 and problems == []
        gd = pg.query_selector("#synthetic")
        # Slider: ArrowRight moved plotly's slider and showed the second trace.
        assert pg.evaluate("(gd) => [gd.layout.sliders[0].active, gd.data.map(t => t.visible)]", gd) == [1, [False, True, False]]
        assert pg.get_attribute(".mmn-kbd-slider", "aria-valuetext") == "×2"
        # Menu: ArrowDown chose "log".
        assert pg.evaluate("(gd) => [gd.layout.updatemenus[0].active, gd.layout.yaxis.type]", gd) == [1, "log"]
        # Moving plotly's own slider with the mouse moves the proxy too.
        rail = pg.locator("rect.slider-rail-touch-rect").bounding_box()
        pg.mouse.click(rail["x"] + rail["width"] * 0.99, rail["y"] + rail["height"] / 2)
        pg.wait_for_function("() => document.querySelector('.mmn-kbd-slider').value === '2'", timeout=3000)
        # plotly runs a slider step's restyle after the slider's own transition: wait for it, so it
        # cannot land after (and undo) the menu choice below.
        pg.wait_for_function("() => document.getElementById('synthetic').data.map(t => t.visible).join() === 'false,false,true'",
                             timeout=3000)
        # The proxies are visible while focused, hidden otherwise.
        pg.focus(".mmn-kbd-menu")
        assert pg.locator(".mmn-kbd-menu").is_visible()
        # A menu option of method "update" changes data and layout at once.
        pg.keyboard.press("ArrowDown")
        pg.wait_for_function("() => document.getElementById('synthetic').layout.title.text === 'All gains'", timeout=3000)
        assert pg.evaluate("(gd) => gd.data.every(t => t.visible === true)", gd)
        # The figure is named after its title.
        assert pg.get_attribute("#synthetic", "aria-label") == "Synthetic response to gain"
        assert errors == []
    finally:
        context.close()


def test_a_figure_without_keyboard_proxies_is_reported(browser, tmp_path):
    context = browser.new_context()
    pg = context.new_page()
    try:
        pg.goto(_figure_page(tmp_path, _controls_figure(), with_script=False))
        pg.wait_for_function("() => document.getElementById('synthetic')._fullLayout")
        problems, _ = keyboard_problems(pg, "synthetic")
        assert any("but 0 keyboard controls" in p for p in problems)
    finally:
        context.close()


def test_axe_check_reports_a_serious_violation(browser, tmp_path):
    context = browser.new_context()
    pg = context.new_page()
    try:
        bad = tmp_path / "bad.html"
        bad.write_text('<!DOCTYPE html><html lang="en"><head><title>bad</title></head><body><main>'
                       '<h1>Bad</h1><img src="x.png"><button></button><p style="color:#ccc">faint</p></main></body></html>')
        pg.goto(bad.as_uri())
        found = " ".join(axe_violations(pg))
        assert "image-alt" in found and "button-name" in found and "color-contrast" in found
    finally:
        context.close()


def test_an_unnamed_uncaptioned_figure_is_reported(browser, tmp_path):
    import plotly.graph_objects as go

    from widgets.display import figure_html

    bare = figure_html(go.Figure(go.Scatter(x=[0, 1], y=[0, 1])), div_id="bare")
    titled = figure_html(go.Figure(go.Scatter(x=[0, 1], y=[1, 0]), layout=dict(title="Amplitude falls with distance")), div_id="titled")
    captioned = ('<div class="cell"><div>' + figure_html(go.Figure(go.Bar(x=[1], y=[2])), div_id="cap") + "</div></div>"
                 "<p><em>Figure: one bar of height two, for the test.</em></p>")
    context = browser.new_context()
    pg = context.new_page()
    try:
        pg.goto(_figure_page(tmp_path, bare + titled + captioned))
        pg.wait_for_function("() => ['bare', 'titled', 'cap'].every(id => document.getElementById(id)._fullLayout)")
        pg.wait_for_function("() => document.getElementById('titled').getAttribute('aria-label')")
        problems = figure_name_problems(pg.evaluate(FIGURE_INFO_JS))
        assert len(problems) == 1 and "(bare" in problems[0]
    finally:
        context.close()


def _trace(name, color, dash="solid", mode="lines", kind="scatter", symbol="circle", opacity=1.0):
    return {"type": kind, "name": name, "visible": True, "mode": mode, "opacity": opacity, "xaxis": "x", "yaxis": "y",
            "fill": "none", "line": {"color": color, "dash": dash, "width": 2},
            "marker": {"color": color, "symbol": symbol, "line": None}}


def test_trace_colour_checker_flags_faint_colours_and_colour_only_differences():
    from widgets import palette

    good = [_trace(f"t{i}", s.color, s.dash) for i, s in enumerate(palette.STYLES)]
    assert trace_colour_problems([{"index": 0, "title": "ok", "traces": good}]) == []
    faint = [_trace("yellow", "#f0e442")]
    assert "contrast" in trace_colour_problems([{"index": 0, "title": "faint", "traces": faint}])[0]
    translucent = [_trace("half", "rgba(0, 114, 178, 0.3)")]
    assert trace_colour_problems([{"index": 0, "title": "alpha", "traces": translucent}])
    same_style = [_trace("a", "#0072B2"), _trace("b", "#D55E00")]
    assert "only by colour" in trace_colour_problems([{"index": 0, "title": "same", "traces": same_style}])[0]
    markers = [_trace("a", "#0072B2", mode="markers", symbol="circle"), _trace("b", "#D55E00", mode="markers", symbol="square")]
    assert trace_colour_problems([{"index": 0, "title": "markers", "traces": markers}]) == []
    # Invisible hover targets are no data mark; a light marker with a dark outline is seen by its outline.
    hover = _trace("hover", "rgba(0,0,0,0)", mode="markers+text")
    swatch = _trace("grade 1", "#c6dbef", mode="markers", symbol="square")
    swatch["marker"]["line"] = {"color": "#555555", "width": 1}
    swatch["points"] = 0  # a legend swatch: named by its legend text
    other = dict(_trace("grade 2", "#08519c", mode="markers", symbol="square"), points=0)
    assert trace_colour_problems([{"index": 0, "title": "map", "traces": [hover, swatch, other]}]) == []
    swatch["marker"]["line"]["width"] = 0
    assert "contrast" in " ".join(trace_colour_problems([{"index": 0, "title": "map", "traces": [swatch]}]))


def test_trace_types_of_a_page_decide_which_plotly_bundle_it_can_load():
    """The book extension serves plotly's basic bundle only to pages whose figures it can draw."""
    import plotly.graph_objects as go

    from mmn_book.plotly_calls import BASIC_TRACE_TYPES, plotly_trace_types
    from widgets.display import figure_html

    basic = figure_html(go.Figure([go.Scatter(x=[0], y=[1]), go.Bar(x=[0], y=[1])]), div_id="b")
    heat = figure_html(go.Figure(go.Heatmap(z=[[1, 2]])), div_id="h")
    switch = figure_html(
        go.Figure(go.Scatter(x=[0], y=[1]), layout=dict(updatemenus=[dict(buttons=[
            dict(label="as heatmap", method="restyle", args=[{"type": "heatmap"}])])])), div_id="s")
    assert plotly_trace_types(basic) == {"scatter", "bar"} <= BASIC_TRACE_TYPES
    assert plotly_trace_types(heat) == {"heatmap"}
    assert plotly_trace_types(switch) == {"scatter", "heatmap"}  # a control switching to another type counts
    assert plotly_trace_types("<script>Plotly.newPlot('x', [{]);</script>") == {"?"}
    assert plotly_trace_types("<p>no figure</p>") == set()
