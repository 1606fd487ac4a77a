"""The shared visit of every built page (desktop, phone and print checks at once): the ``site_visits`` fixture,
registered by ``tests/conftest.py`` through ``pytest_plugins``, and the page checks it runs."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pytest

from mmn_book.browser import LOADED_BYTES_JS, wait_until_ready
from mmn_book.plotly_calls import figures_in_html
from support.axe import axe_violations

ALL_IMPACTS = ("minor", "moderate", "serious", "critical")


#: Quiz questions tried per page (each costs a few key presses).
QUIZ_QUESTIONS_PER_PAGE = 3


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


TABBABLE_JS = """() => Array.from(document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]'))
  .filter(e => !e.disabled && e.tabIndex >= 0 && !e.closest('[hidden], [inert]')
          // the content of a closed <details> is not tabbable (its summary is)
          && !(e.closest('details:not([open])') && e.tagName !== 'SUMMARY')
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
    accessibility, phone/print (``test_mobile_print.py``) and page-weight tests all read this one fixture.
    """
    from support.browser import KNOWN_PAGE_ERRORS, new_guarded_page, reveal_case_steps
    from support.print_checks import (
        COURSE_PAGE,
        DESKTOP,
        PHONE,
        check_paper,
        check_phone,
        print_course,
        print_with_and_without_figures,
    )

    # Cached per built folder: a session fixture already runs once, the cache keeps it so if a module overrides it.
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
