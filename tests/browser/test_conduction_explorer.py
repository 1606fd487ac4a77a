"""The in-page conduction simulator of chapter 4, used as a student would: in the built book, at phone width,
with the keyboard only, after a preset, and opened from disk (file://).

Every control of the explorer must change what is drawn or said; a preset sets the controls and a control moved
afterwards turns the study into "Custom (changed: ...)" in the menu, the status line and the title.
"""

from __future__ import annotations

import pytest

from support.browser import new_guarded_page

pytestmark = pytest.mark.book

CHAPTER = "chapters/04_nerve_conduction.html"
PHONE = {"width": 390, "height": 844}
EXPLORER = ".mmn-ncs-explorer[data-mmn-ready]"

#: What the student sees: title, status, short verdict, every trace's points and the whole verdict block.
SIGNATURE_JS = """() => {
  const root = document.querySelector('.mmn-ncs-explorer');
  const plot = root.querySelector('.mmn-ncs-plot');
  const ys = (plot.data || []).map((t) => t.y.slice(0, 400).map((v) => v.toFixed(3)).join(','));
  return [root.querySelector('.mmn-ncs-title').textContent, root.querySelector('.mmn-ncs-status').textContent,
          root.querySelector('.mmn-ncs-verdict').textContent, ys.join('|')].join('\\n');
}"""


def _open(page, url):
    page.goto(url)
    # the simulator's table loads when the reader comes near it
    page.locator(".mmn-ncs-explorer").first.scroll_into_view_if_needed()
    page.wait_for_selector(EXPLORER, timeout=30000)
    page.wait_for_selector(f"{EXPLORER} .mmn-ncs-plot .main-svg", timeout=30000)
    page.locator(EXPLORER).scroll_into_view_if_needed()


def _reveal(page, key: str) -> None:
    """Open the collapsed group holding control ``key`` by its summary, as a student does."""
    summary = page.locator(f'{EXPLORER} details:has([data-control="{key}"]) > summary')
    if summary.count() and not page.locator(f'{EXPLORER} [data-control="{key}"]').is_visible():
        summary.first.click()
    page.locator(f'{EXPLORER} [data-control="{key}"]').wait_for(state="visible")


def _signature(page) -> str:
    return page.evaluate(SIGNATURE_JS)


#: What a control changes in the study itself: the verdict block and the traces (not the title or status line).
DRAWN_JS = SIGNATURE_JS.replace("root.querySelector('.mmn-ncs-title').textContent, root.querySelector("
                                "'.mmn-ncs-status').textContent,", "")


def _changes_to(page, before: str, js: str = SIGNATURE_JS) -> None:
    page.wait_for_function(f"(before) => ({js})() !== before", arg=before, timeout=10000)


@pytest.fixture
def phone_page(browser, site, page_guard):
    context, pg, guard = new_guarded_page(browser, viewport=PHONE, guard=page_guard)
    yield pg
    context.close()
    assert guard.external_requests == [], f"requests left 127.0.0.1: {guard.external_requests}"
    assert guard.page_errors == [], f"page errors: {guard.page_errors}"


def test_explorer_starts_on_its_preset_and_fits_a_phone(phone_page, site):
    pg = phone_page
    _open(pg, site.url(CHAPTER))
    assert pg.locator(f"{EXPLORER} select[data-control=preset]").input_value() == "mmn"
    assert "Multifocal motor neuropathy" in pg.inner_text(f"{EXPLORER} .mmn-ncs-title")
    assert "Definite motor conduction block" in pg.inner_text(f"{EXPLORER} .mmn-ncs-verdict")
    box = pg.locator(f"{EXPLORER} .mmn-ncs-plot .main-svg").first.bounding_box()
    assert box and 300 <= box["width"] <= 390 and box["height"] > 300, box
    overflow = pg.evaluate("""() => [...document.querySelectorAll('.mmn-ncs-explorer *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.mmn-ncs-table'))
        .map((e) => e.tagName + '.' + e.className).slice(0, 5)""")
    assert overflow == [], f"explorer parts wider than a 390 px phone: {overflow}"
    text = pg.inner_text(EXPLORER).lower()
    assert "nan" not in text.replace("nanc", "")  # no NaN anywhere (words such as 'maintenance' aside)


def test_every_control_acts(phone_page, site):
    pg = phone_page
    _open(pg, site.url(CHAPTER))
    controls = pg.evaluate("""() => [...document.querySelectorAll('.mmn-ncs-explorer [data-control]')]
        .filter((e) => !e.disabled).map((e) => [e.dataset.control, e.type])""")
    keys = [k for k, _ in controls]
    assert {"nerve", "preset", "axon_loss", "reinnervation", "sensory_axon_loss", "temperature_c",
            "submaximal_site", "submaximal_fraction", "martin_gruber"} <= set(keys)
    assert sum(k.startswith("seg:") for k in keys) >= 5 * 3, keys
    # states in which each control has something to act on (a lesion for the sensory switch, lost axons for
    # reinnervation, a submaximal site for its fraction)
    prepare = {"reinnervation": [("axon_loss", "60")], "submaximal_fraction": [("submaximal_site", "erb")]}
    for key, kind in controls:
        if key in ("nerve", "preset", "person"):
            continue
        sel = f'{EXPLORER} [data-control="{key}"]'
        # from the normal nerve each time, so that no earlier setting hides this one (a complete block)
        pg.select_option(f"{EXPLORER} select[data-control=preset]", "normal")
        pg.wait_for_function("() => document.querySelector('.mmn-ncs-status').textContent.startsWith('Preset: Normal')")
        if key.endswith(":sensory"):
            seg = key.split(":")[1]
            prepare[key] = [(f"seg:{seg}:slowing", "50"), (f"seg:{seg}:dispersion", "40")]
        for other, value in prepare.get(key, []):
            o = f'{EXPLORER} [data-control="{other}"]'
            _reveal(pg, other)
            if pg.locator(o).evaluate("e => e.tagName") == "SELECT":
                pg.select_option(o, value)
            else:
                pg.locator(o).fill(value)
        _reveal(pg, key)
        before = pg.evaluate(DRAWN_JS)
        if kind == "checkbox":
            pg.locator(sel).check()
        elif kind == "select-one":
            pg.select_option(sel, index=1)
        else:
            pg.locator(sel).focus()
            pg.keyboard.press("End")
        try:
            _changes_to(pg, before, DRAWN_JS)
        except Exception:  # noqa: BLE001 - name the control that did nothing
            pytest.fail(f"control {key!r} changed neither the traces nor the verdict")
        assert "Custom (changed:" in pg.inner_text(f"{EXPLORER} .mmn-ncs-status"), key
    menus = (("person", "1"), ("nerve", "median"), ("preset", "cidp"))
    for key, value in [m for m in menus if m[0] in keys]:  # a person menu only when more people are exported
        before = _signature(pg)
        pg.select_option(f'{EXPLORER} [data-control="{key}"]', value)
        _changes_to(pg, before)


def test_preset_then_control_shows_custom_with_the_change(phone_page, site):
    pg = phone_page
    _open(pg, site.url(CHAPTER))
    preset = f"{EXPLORER} select[data-control=preset]"
    pg.select_option(preset, "als")
    pg.wait_for_function("() => document.querySelector('.mmn-ncs-title').textContent.includes('ALS')")
    assert pg.input_value(f'{EXPLORER} [data-control="axon_loss"]') == "90"
    assert "axon-loss pattern" in pg.inner_text(f"{EXPLORER} .mmn-ncs-verdict").lower()
    _reveal(pg, "axon_loss")
    pg.locator(f'{EXPLORER} [data-control="axon_loss"]').focus()
    pg.keyboard.press("ArrowLeft")
    pg.wait_for_function("() => document.querySelector('.mmn-ncs-status').textContent.includes('Custom (changed:')")
    assert pg.input_value(preset) == "custom"
    assert "motor axon loss 90% → 85%" in pg.inner_text(f"{EXPLORER} .mmn-ncs-status")
    assert "Custom" in pg.inner_text(f"{EXPLORER} .mmn-ncs-title")
    # a preset chosen again sets every control back
    pg.select_option(preset, "normal")
    pg.wait_for_function("() => document.querySelector('.mmn-ncs-status').textContent.startsWith('Preset: Normal')")
    assert pg.input_value(f'{EXPLORER} [data-control="axon_loss"]') == "0"
    assert "A normal study" in pg.inner_text(f"{EXPLORER} .mmn-ncs-verdict")


def test_keyboard_only(phone_page, site):
    pg = phone_page
    _open(pg, site.url(CHAPTER))
    pg.locator(f"{EXPLORER} select[data-control=nerve]").focus()
    target = "seg:forearm:block"
    for _ in range(40):
        if pg.evaluate("() => document.activeElement.dataset.control") == target:
            break
        before = _signature(pg)
        pg.keyboard.press("Tab")
        assert _signature(pg) == before, "moving the focus must not change the study"
    assert pg.evaluate("() => document.activeElement.dataset.control") == target
    before = _signature(pg)
    pg.keyboard.press("ArrowLeft")
    _changes_to(pg, before)
    assert "block (forearm) 70% → 65%" in pg.inner_text(f"{EXPLORER} .mmn-ncs-status")


def test_explorer_works_from_disk(browser, site):
    context = browser.new_context(viewport=PHONE)
    try:
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        _open(pg, (site.root / CHAPTER).as_uri())
        before = _signature(pg)
        pg.select_option(f"{EXPLORER} select[data-control=preset]", "pseudo_block_dispersion")
        _changes_to(pg, before)
        assert "temporal dispersion" in pg.inner_text(f"{EXPLORER} .mmn-ncs-verdict").lower()
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_explorer_passes_axe_in_light_and_dark_mode(browser, site, mode):
    """Labels, names and contrast of every control, the verdict and the tables, as axe-core checks them."""
    from support.axe import AXE

    context, pg, guard = new_guarded_page(browser, viewport=PHONE)
    try:
        if mode == "dark":
            pg.add_init_script("try { localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark'); }"
                               " catch (e) {}")
            pg.emulate_media(color_scheme="dark")
        _open(pg, site.url(CHAPTER))
        if mode == "dark":
            pg.wait_for_function("() => document.documentElement.dataset.theme === 'dark'", timeout=5000)
        for summary in pg.locator(f"{EXPLORER} details > summary").all():  # every group open, as a student may
            summary.click()
        pg.add_script_tag(path=str(AXE))
        found = pg.evaluate("""async () => {
            const r = await axe.run({include: [['.mmn-ncs-explorer']]}, {resultTypes: ['violations']});
            return r.violations.map(v => v.impact + ' ' + v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join('; '));
        }""")
        assert found == [], "\n".join(found)
    finally:
        context.close()
    assert guard.page_errors == []
