"""The theme's sidebar drawers on a narrow screen: open, close, check."""

from __future__ import annotations

#: Where an element is and whether a reader can see it.
ON_SCREEN_JS = """(el) => {
  const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
  return {visible: !!el.getClientRects().length && cs.visibility !== 'hidden' && parseFloat(cs.opacity) > 0.1,
          left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height,
          vw: document.documentElement.clientWidth, vh: window.innerHeight};
}"""


def visible_button(pg, selector: str):
    """The one button matching ``selector`` that a reader sees (None if none is shown)."""
    shown = [b for b in pg.locator(selector).all() if b.is_visible()]
    assert len(shown) <= 1, f"{len(shown)} visible {selector} buttons"
    return shown[0] if shown else None


def wait_dialog(pg, dialog_id: str, open_: bool, timeout: int = 3000):
    pg.wait_for_function("([id, o]) => !!document.getElementById(id).open === o", arg=[dialog_id, open_], timeout=timeout)


def check_drawer(pg, toggle: str, dialog_id: str) -> list[str]:
    """Open a sidebar dialog with its visible button and check it is on screen and usable; close it."""
    problems = []
    button = visible_button(pg, toggle)
    if button is None:
        return [f"no visible {toggle} button"]
    button.click()
    try:
        wait_dialog(pg, dialog_id, True)
    except Exception:
        return [f"tapping the visible {toggle} button did not open the sidebar"]
    dialog = pg.locator(f"#{dialog_id}")
    box = dialog.evaluate(ON_SCREEN_JS)
    if not box["visible"] or box["width"] < 200 or box["left"] < -1 or box["right"] > box["vw"] + 1:
        problems.append(f"the opened {toggle} sidebar is not on screen: {box}")
    links = [a for a in dialog.locator("a[href]").all() if a.is_visible()]
    if len(links) < 3:
        problems.append(f"the opened {toggle} sidebar shows {len(links)} links")
    close = dialog.locator(".mmn-nav-close")
    if not close.is_visible():
        problems.append("the opened sidebar has no visible Close button")
    else:
        close.click()
        try:
            wait_dialog(pg, dialog_id, False)
        except Exception:
            problems.append("the Close button did not close the sidebar")
    # open again, close with Escape; the focus returns to the button
    button.click()
    wait_dialog(pg, dialog_id, True)
    pg.keyboard.press("Escape")
    try:
        wait_dialog(pg, dialog_id, False)
    except Exception:
        problems.append("Escape did not close the sidebar")
    if pg.locator(f"#{dialog_id} .mmn-nav-close").count() or pg.locator(".bd-sidebar .mmn-nav-close").count():
        problems.append("the Close button stayed behind after closing")
    return problems
