"""The virtual trial of chapter 7 on a phone: tap its menu and its size slider at 390 px, as a student would.

The book's trial explorer is a kernel-free plotly figure (:func:`widgets.ivig.trial_figures.kernel_free_trial_figure`):
a dropdown menu of scenarios (design, outcome, crossover or parallel, washout) and a slider of trial sizes, each
combination precomputed. On a touch screen 390 px wide, every scenario tapped in the menu and every size tapped on the
slider must change what the figure shows (title, the points, the means and the legend's numbers), the open menu and
the figure must stay inside the screen, and the page must not scroll sideways. One page load for the module.
"""

from __future__ import annotations

import pytest
from support.browser import ON_DISK, new_file_page
from support.poll import until

from widgets.ivig.trial_figures import SCENARIOS, SIZES, START_SCENARIO, START_SIZE

PAGE = "chapters/07_treatment.html"
PHONE = {"width": 390, "height": 844}
LABEL = SCENARIOS[START_SCENARIO].label

#: The trial explorer's plot: the plotly figure whose menu offers the scenarios. Marked for the locators below.
FIND = """(label) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g._fullLayout && (g.layout.updatemenus || [])
    .some(m => (m.buttons || []).some(b => b.label === label)));
  if (!gd || !gd.querySelector('.updatemenu-header-group') || !gd.querySelector('.slider-container')) return false;
  gd.setAttribute('data-trial-phone', '1');
  return true;
}"""
GD = "[data-trial-phone='1']"
#: What the figure shows: title, axis title, and the name and y values of every visible trace.
SHOWN = """(gd) => JSON.stringify([gd.layout.title.text, gd.layout.yaxis.title.text,
  gd.data.filter(t => t.visible !== false && t.visible !== 'legendonly').map(t => [t.name, t.y])])"""
#: Everything of the figure (and its open menu) that sticks out of the 390 px screen, and the page's own overflow.
OUTSIDE = """(gd) => {
  const out = [], w = window.innerWidth;
  const check = (el, what) => { const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.left < -1 || r.right > w + 1)) out.push(what + ' ' + Math.round(r.left) + '..' + Math.round(r.right)); };
  check(gd, 'figure');
  gd.querySelectorAll('.updatemenu-header-group, .updatemenu-dropdown-button').forEach(b => check(b, 'menu ' + b.textContent));
  gd.querySelectorAll('.slider-container text').forEach(t => check(t, 'slider text ' + t.textContent));
  const page = document.scrollingElement.scrollWidth;
  if (page > w + 1) out.push('page scrolls sideways: ' + page + ' px wide');
  return out;
}"""


@pytest.fixture(scope="module")
def phone(browser, site):
    """Chapter 7 on a 390 px touch screen, the trial explorer found; page errors and external requests recorded."""
    context, pg, errors, external = new_file_page(browser, PHONE, allowed=("http://127.0.0.1", *ON_DISK),
                                                  has_touch=True, is_mobile=True)
    pg.goto(site.url(PAGE), wait_until="load")
    pg.wait_for_function(FIND, arg=LABEL, timeout=30000)
    yield pg, pg.locator(GD), errors, external
    context.close()


def _shown(pg) -> str:
    return pg.eval_on_selector(GD, SHOWN)


def _tap(pg, locator) -> None:
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box, "nothing to tap"
    pg.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _active(pg, what: str) -> int:
    return pg.eval_on_selector(GD, f"gd => gd._fullLayout.{what}[0].active")


def test_every_scenario_tapped_in_the_menu_changes_the_trial_shown(phone):
    pg, gd, errors, _ = phone
    assert _active(pg, "updatemenus") == START_SCENARIO
    seen = {_shown(pg)}
    order = [i for i in range(len(SCENARIOS)) if i != START_SCENARIO] + [START_SCENARIO]
    for i in order:
        before = _shown(pg)
        _tap(pg, gd.locator(".updatemenu-header-group").first)
        buttons = gd.locator(".updatemenu-dropdown-button-group .updatemenu-dropdown-button")
        until(lambda: buttons.count() == len(SCENARIOS) and buttons.first.is_visible(), 5, message="the menu opened")
        # the open menu fits the screen
        assert pg.eval_on_selector(GD, OUTSIDE) == []
        _tap(pg, buttons.filter(has_text=SCENARIOS[i].label).first)
        until(lambda i=i: _active(pg, "updatemenus") == i, 5, message=f"menu chose {SCENARIOS[i].label}")
        shown = until(lambda before=before: (s := _shown(pg)) != before and s, 5, message=f"{SCENARIOS[i].label} shown")
        assert pg.eval_on_selector(GD, "gd => gd.layout.title.text") == SCENARIOS[i].title()
        seen.add(shown)
    assert len(seen) == len(SCENARIOS), "two scenarios show the same trial"
    assert "NaN" not in "".join(seen) and errors == []


def test_every_size_tapped_on_the_slider_changes_the_trial_shown(phone):
    pg, gd, errors, _ = phone
    ticks = gd.locator(".slider-container .slider-tick-rect")
    rail = gd.locator(".slider-container .slider-rail-rect").first
    assert ticks.count() == len(SIZES)
    assert _active(pg, "sliders") == SIZES.index(START_SIZE)
    seen = {_shown(pg)}
    order = [k for k in range(len(SIZES)) if k != SIZES.index(START_SIZE)] + [SIZES.index(START_SIZE)]
    for k in order:
        before = _shown(pg)
        rail.scroll_into_view_if_needed()
        tick, bar = ticks.nth(k).bounding_box(), rail.bounding_box()
        pg.touchscreen.tap(tick["x"] + tick["width"] / 2, bar["y"] + bar["height"] / 2)
        until(lambda k=k: _active(pg, "sliders") == k, 5, message=f"slider moved to {SIZES[k]} patients")
        seen.add(until(lambda before=before: (s := _shown(pg)) != before and s, 5, message=f"{SIZES[k]} shown"))
        assert pg.eval_on_selector(GD, OUTSIDE) == []
    assert len(seen) == len(SIZES), "two sizes show the same trial"
    assert errors == []


def test_the_trial_explorer_fits_the_phone_and_stays_offline(phone):
    pg, gd, errors, external = phone
    gd.scroll_into_view_if_needed()
    assert pg.eval_on_selector(GD, OUTSIDE) == []
    width = pg.eval_on_selector(GD, "gd => gd.getBoundingClientRect().width")
    assert 300 < width <= PHONE["width"], width  # the figure uses the phone's width (and was measured)
    assert errors == [] and external == []
