"""Site navigation of the built book on a phone, a tablet and a desktop, used as a reader uses it.

At 390 px (phone), 800 px (tablet) and 1366 px (desktop) the test taps or clicks the *visible* ☰
button (primary sidebar: the book's pages) and, where it is shown, the contents button (secondary
sidebar: the page's sections), as a person would (``locator.click`` on the element on screen, which
fails if something covers it), then checks what the reader gets:

* phone and tablet: the sidebar opens as a dialog that is really on screen (visible, at least
  200 px wide, inside the viewport), a link in it can be clicked and takes the reader to its target
  (another chapter for ☰, a section of the page for contents), and the dialog closes by its visible
  "Close" button and by Escape;
* desktop: ☰ hides the sidebar (it leaves the screen) and shows it again; the contents sidebar is
  always shown beside the text;
* everywhere: the "next" link at the bottom of a chapter is visible and leads to the page it names,
  whose "previous" link leads back.

The theme versions pinned here (pydata-sphinx-theme 0.17.1, sphinx-book-theme 1.3.0) bind their
handlers to hidden duplicates of these buttons (pydata-sphinx-theme#2451); ``book/_static/mmn-nav.js``
forwards the visible buttons' clicks. The last test shows the check fails on a page without it.
"""

from __future__ import annotations

import re

import pytest
from support.drawers import ON_SCREEN_JS, check_drawer, visible_button, wait_dialog

PAGE = "chapters/04_nerve_conduction.html"
WIDTHS = {"phone": 390, "tablet": 800, "desktop": 1366}
HEIGHT = 844

@pytest.fixture
def open_page(browser, site):
    from support.browser import new_guarded_page

    opened = []

    def _open(width: int, rel: str = PAGE):
        context, pg, guard = new_guarded_page(browser, viewport={"width": width, "height": HEIGHT})
        opened.append((context, guard))
        pg.goto(site.url(rel), wait_until="load")
        return pg

    yield _open
    for context, guard in opened:
        context.close()
        assert guard.page_errors == [], guard.page_errors
        assert guard.external_requests == [], guard.external_requests


@pytest.mark.parametrize("device", ["phone", "tablet"])
def test_the_primary_sidebar_opens_and_its_links_work_on_a_narrow_screen(open_page, device):
    pg = open_page(WIDTHS[device])
    assert check_drawer(pg, ".primary-toggle", "pst-primary-sidebar-modal") == []
    # follow a link to another chapter from the opened sidebar
    visible_button(pg, ".primary-toggle").click()
    wait_dialog(pg, "pst-primary-sidebar-modal", True)
    link = pg.locator("#pst-primary-sidebar-modal a[href*='05_differential_diagnosis']").first
    link.click()
    pg.wait_for_url(re.compile(r"05_differential_diagnosis\.html"), timeout=10000)


@pytest.mark.parametrize("device", ["phone", "tablet"])
def test_the_contents_sidebar_opens_and_takes_the_reader_to_a_section(open_page, device):
    pg = open_page(WIDTHS[device])
    assert check_drawer(pg, ".secondary-toggle", "pst-secondary-sidebar-modal") == []
    visible_button(pg, ".secondary-toggle").click()
    wait_dialog(pg, "pst-secondary-sidebar-modal", True)
    links = [a for a in pg.locator("#pst-secondary-sidebar-modal a[href^='#']").all() if a.is_visible()]
    assert len(links) >= 3
    target = links[len(links) // 2]
    anchor = target.get_attribute("href")
    target.click()
    pg.wait_for_function("(h) => location.hash === h", arg=anchor, timeout=5000)
    wait_dialog(pg, "pst-secondary-sidebar-modal", False)  # following a link closes the sidebar
    section = pg.locator(f"[id='{anchor[1:]}']").first
    pg.wait_for_function("(el) => { const r = el.getBoundingClientRect(); return r.top >= -2 && r.top < innerHeight; }",
                         arg=section.element_handle(), timeout=5000)


def test_the_primary_sidebar_collapses_and_returns_on_a_desktop(open_page):
    pg = open_page(WIDTHS["desktop"])
    sidebar = pg.locator("#pst-primary-sidebar")
    assert sidebar.evaluate(ON_SCREEN_JS)["visible"]
    link = sidebar.locator("a[href*='05_differential_diagnosis']").first
    assert link.is_visible()
    button = visible_button(pg, ".primary-toggle")
    assert button is not None
    button.click()
    pg.wait_for_function("() => getComputedStyle(document.getElementById('pst-primary-sidebar')).visibility === 'hidden'",
                         timeout=3000)
    assert not link.is_visible()
    assert not pg.evaluate("() => document.getElementById('pst-primary-sidebar-modal').open"), "no dialog on a desktop"
    button.click()
    pg.wait_for_function("() => getComputedStyle(document.getElementById('pst-primary-sidebar')).visibility === 'visible'",
                         timeout=3000)
    link.click()
    pg.wait_for_url(re.compile(r"05_differential_diagnosis\.html"), timeout=10000)


def test_the_contents_sidebar_is_shown_beside_the_text_on_a_desktop(open_page):
    pg = open_page(WIDTHS["desktop"])
    toc = [a for a in pg.locator("#pst-secondary-sidebar a[href^='#']").all() if a.is_visible()]
    assert len(toc) >= 3
    assert visible_button(pg, ".secondary-toggle") is None  # nothing to open: it is there already
    anchor = toc[1].get_attribute("href")
    toc[1].click()
    pg.wait_for_function("(h) => location.hash === h", arg=anchor, timeout=5000)


@pytest.mark.parametrize("device", list(WIDTHS))
def test_next_and_previous_lead_through_the_book(open_page, device):
    pg = open_page(WIDTHS[device])
    nxt = pg.locator(".prev-next-area a.right-next")
    prev = pg.locator(".prev-next-area a.left-prev")
    nxt.scroll_into_view_if_needed()
    box = nxt.evaluate(ON_SCREEN_JS)
    assert box["visible"] and box["right"] <= box["vw"] + 1, box
    target = nxt.get_attribute("href").split("#")[0].rsplit("/", 1)[-1]
    assert target.endswith(".html") and target != PAGE.rsplit("/", 1)[-1]
    nxt.click()
    pg.wait_for_url(re.compile(re.escape(target)), timeout=10000)
    prev = pg.locator(".prev-next-area a.left-prev")
    prev.scroll_into_view_if_needed()
    prev.click()
    pg.wait_for_url(re.compile(r"04_nerve_conduction\.html"), timeout=10000)


def test_the_drawer_check_fails_without_the_navigation_fix(browser, site):
    """The same page with book/_static/mmn-nav.js blocked: the visible ☰ opens nothing (the theme bug)."""
    from support.browser import new_guarded_page

    context, pg, _ = new_guarded_page(browser, viewport={"width": WIDTHS["phone"], "height": HEIGHT})
    try:
        context.route(re.compile(r".*/mmn-nav\.js.*"), lambda r: r.abort())
        pg.goto(site.url(PAGE), wait_until="load")
        problems = check_drawer(pg, ".primary-toggle", "pst-primary-sidebar-modal")
        assert problems and "did not open" in problems[0], problems
    finally:
        context.close()
