"""Wide tables on a phone: a table that scrolls sideways can be scrolled with the keyboard.

At 390 px the theme's table containers scroll sideways; a keyboard user reaches them only if they are
focusable (axe-core: scrollable-region-focusable, serious). ``book/_static/mmn-reading.js`` makes each
overflowing container a focusable, named region; this test runs that axe rule on every page that has a
table, and checks that a scrolling table takes keyboard focus and the arrow key scrolls it.
"""

from __future__ import annotations

from support.axe import axe_violations
from support.browser import new_guarded_page
from support.poll import until, within

PHONE = {"width": 390, "height": 844}


def test_every_table_that_scrolls_on_a_phone_is_reachable_by_keyboard(browser, site):
    problems, scrolling = [], []
    for rel in site.pages():
        if "pst-scrollable-table-container" not in (site.root / rel).read_text():
            continue
        context, pg, guard = new_guarded_page(browser, viewport=PHONE)
        try:
            pg.goto(site.url(rel), wait_until="load")
            pg.wait_for_function("() => document.readyState === 'complete'")


            def unreachable(pg=pg):
                return [v for v in axe_violations(pg, impacts=("serious", "critical"))
                        if "scrollable-region-focusable" in v]

            # explorers write their tables after loading: the page settles within a few seconds
            last: list[str] = []

            def settled_ok():
                last[:] = unreachable()
                return not last

            within(settled_ok, 8)
            problems += [f"{rel}: {v}" for v in last]
            if pg.locator("[data-mmn-scroll='1']").count():
                scrolling.append(rel)
        finally:
            context.close()
    assert problems == []
    assert scrolling, "no table scrolls sideways at 390 px: the check measured nothing"
    # The first scrolling table of a page takes keyboard focus, and the arrow key scrolls it.
    context, pg, guard = new_guarded_page(browser, viewport=PHONE)
    try:
        pg.goto(site.url(scrolling[0]), wait_until="load")
        pg.wait_for_function("() => document.querySelector(\"[data-mmn-scroll='1']\")", timeout=8000)
        box = pg.locator("[data-mmn-scroll='1']").first.element_handle()
        box.focus()
        assert box.evaluate("el => el === document.activeElement")
        assert box.get_attribute("aria-label")
        pg.keyboard.press("ArrowRight")
        until(lambda: box.evaluate("el => el.scrollLeft") > 0, 5, message="ArrowRight scrolled the table")
        assert guard.page_errors == []
    finally:
        context.close()
