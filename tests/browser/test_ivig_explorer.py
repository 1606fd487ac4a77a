"""The IVIg explorer of chapter 7 in the built book, used as a student would: keyboard only, at 390 px, from disk.

The explorer runs the model in the page (``js/ivig-model.js``, held to Python by ``test_ivig_parity.py``). Here:
every control acts (moved with the keyboard, it changes what is shown), focusing a control does nothing, a preset
sets the controls and a moved control shows "Custom (changed: ...)", the heading names the regimen shown, every
exercise's simulator starts at its question, the layout fits a 390 px phone, dark mode is readable, and the page
works opened from ``file://``.
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from support.browser import new_recording_page, off_disk
from support.paths import HTML

from widgets.ivig.explorer_state import ExplorerState

PAGE = "chapters/07_treatment.html"
MAIN = ".mmn-ivig >> nth=0"
READY = "() => [...document.querySelectorAll('.mmn-ivig')].every(e => +e.dataset.updates > 0 && e.querySelector('.main-svg'))"

#: Signature of what an explorer shows: heading, subline, summary, and the figure's data.
SHOWN = """(root) => [root.querySelector('.mmn-ivig__title').textContent, root.querySelector('.mmn-ivig__sub').textContent,
  root.querySelector('.mmn-ivig__summary').textContent,
  JSON.stringify(root.querySelector('.js-plotly-plot').data.map(t => [t.x.length, t.y.slice(-40)]))].join('|')"""


def _open(page, url: str, width: int = 1280):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.wait_for_function(READY, timeout=30000)
    return page.locator(MAIN)


def _updates(root) -> int:
    return int(root.get_attribute("data-updates"))


def _press(page, root, name: str, key: str) -> None:
    """Focus a control of ``root`` (which must not act) and press ``key``; wait for the explorer's update."""
    control = root.locator(f'[data-k="{name}"]')
    assert control.is_visible(), name
    before = _updates(root)
    control.focus()
    assert _updates(root) == before, f"{name} acted on focus"
    page.keyboard.press(key)
    page.wait_for_function("([r, n]) => +r.dataset.updates > n", arg=[root.element_handle(), before], timeout=10000)


def _acts(page, root, name: str, key: str) -> None:
    before = root.evaluate(SHOWN)
    _press(page, root, name, key)
    assert root.evaluate(SHOWN) != before, f"moving {name} with {key} changed nothing shown"


def test_every_control_acts_with_the_keyboard(page, site):
    root = _open(page, site.url(PAGE))
    # IVIg maintenance after induction (the default): its controls, then the patient's
    for name, key in [("dose_g_per_kg", "ArrowRight"), ("every_weeks", "ArrowRight"), ("years", "ArrowRight"),
                      ("weight_kg", "ArrowRight"), ("baseline_igg_g_l", "ArrowRight"), ("responder", "ArrowDown"),
                      ("disease_years", "ArrowRight"), ("person", "ArrowDown"), ("induction", "Space")]:
        _acts(page, root, name, key)
    # stop maintenance: the checkbox shows the week slider, which acts too
    _acts(page, root, "stop", "Space")
    _acts(page, root, "stop_week", "ArrowLeft")
    # SCIg: the interval and IVIg dose are hidden (they would do nothing), the weekly dose acts
    _acts(page, root, "route", "ArrowDown")
    assert root.locator('[data-k="route"]').input_value() == "sc"
    assert not root.locator('[data-k="dose_g_per_kg"]').is_visible()
    assert not root.locator('[data-k="every_weeks"]').is_visible()
    _acts(page, root, "scig_weekly_g_per_kg", "ArrowRight")
    # no maintenance: nothing to stop, no dose
    _acts(page, root, "route", "ArrowDown")
    assert root.locator('[data-k="route"]').input_value() == "none"
    for hidden in ("dose_g_per_kg", "every_weeks", "scig_weekly_g_per_kg", "stop", "stop_week"):
        assert not root.locator(f'[data-k="{hidden}"]').is_visible(), hidden
    assert "NaN" not in root.inner_text()


def test_a_preset_sets_the_controls_and_a_moved_control_shows_custom(page, site):
    root = _open(page, site.url(PAGE))
    preset = root.locator('[data-k="preset"]')
    labels = preset.locator("option").all_inner_texts()
    target = labels.index(next(label for label in labels if label.startswith("Induction, then IVIg 2 g/kg every 8")))
    _press(page, root, "preset", "ArrowDown")  # keyboard: next preset
    while preset.evaluate("s => s.selectedIndex") < target:
        _press(page, root, "preset", "ArrowDown")
    assert root.locator('[data-k="dose_g_per_kg"]').input_value() == "2"
    assert root.locator('[data-k="every_weeks"]').input_value() == "8"
    title = root.locator(".mmn-ivig__title").inner_text()
    assert "IVIg 2 g/kg every 8 weeks" in title
    plot = root.locator(".mmn-ivig__plot")  # its text alternative follows what is shown
    assert plot.get_attribute("role") == "img" and title in plot.get_attribute("aria-label")
    _press(page, root, "dose_g_per_kg", "ArrowLeft")
    assert preset.evaluate("s => s.selectedOptions[0].textContent") == "Custom (changed: dose)"
    assert "IVIg 1.9 g/kg every 8 weeks" in root.locator(".mmn-ivig__title").inner_text()
    _press(page, root, "dose_g_per_kg", "ArrowRight")  # back to the preset's values: the preset shows again
    assert preset.evaluate("s => s.selectedOptions[0].textContent").startswith("Induction, then IVIg 2 g/kg every 8")


def test_each_exercise_starts_at_its_question(page, site):
    _open(page, site.url(PAGE))
    roots = page.locator(".mmn-ivig")
    assert roots.count() == 5  # the explorer and exercises 1-4
    for i in range(1, 5):
        root = roots.nth(i)
        start = json.loads(unescape(root.get_attribute("data-start")))
        label = ExplorerState(**start["state"]).regimen().label
        assert root.locator(".mmn-ivig__title").inner_text() == label[0].upper() + label[1:]
        chosen = root.locator('[data-k="preset"]').evaluate("s => s.selectedOptions[0].textContent")
        assert chosen == start["label"] and chosen.startswith(f"Start of exercise {i}")
        # the patient's controls are folded away unless the question is about the patient (exercise 4)
        asks_patient = "disease_years" in start["given"]
        assert root.locator('[data-k="disease_years"]').is_visible() == asks_patient, i
        if not asks_patient:
            root.locator("summary").focus()
            page.keyboard.press("Enter")  # unfold with the keyboard
            assert root.locator('[data-k="disease_years"]').is_visible()
    text = page.locator(".bd-article").inner_text()
    assert "{'grams_per_year'" not in text and "igg_mean_g_l" not in text  # no raw dict output


def test_at_phone_width_nothing_is_cut(page, site):
    root = _open(page, site.url(PAGE), width=390)
    box = root.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    problems = root.evaluate("""(r) => {
      const box = r.getBoundingClientRect(); const bad = [];
      r.querySelectorAll('label, input, select, output, .mmn-ivig__title, .mmn-ivig__summary, .mmn-ivig__note, .main-svg')
        .forEach(e => { const b = e.getBoundingClientRect();
          if (b.width && (b.left < box.left - 0.5 || b.right > box.right + 0.5)) bad.push(e.tagName + ' ' + e.textContent.slice(0, 40)); });
      r.querySelectorAll('.xtitle, .ytitle, .legendtext').forEach(t => { const b = t.getBoundingClientRect();
          if (b.width && (b.left < box.left - 0.5 || b.right > box.right + 0.5 || b.top < 0)) bad.push('svg ' + t.textContent); });
      return bad; }""")
    assert problems == []
    _acts(page, root, "dose_g_per_kg", "ArrowRight")


def _contrast(fg: str, bg: str) -> float:
    def lum(css):
        r, g, b = (int(v) / 255 for v in re.findall(r"[\d.]+", css)[:3])
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_and_controls_are_readable_in_both_themes(page, site, theme):
    root = _open(page, site.url(PAGE))
    page.evaluate("t => { document.documentElement.dataset.theme = t; document.documentElement.dataset.mode = t; }", theme)
    pairs = root.evaluate("""(r) => {
      const bgOf = (e) => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
        if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; };
      return [...r.querySelectorAll('.mmn-ivig__title, .mmn-ivig__sub, legend, label, output, select, .mmn-ivig__summary, .mmn-ivig__note')]
        .filter(e => e.getBoundingClientRect().width).map(e => [e.tagName + ' ' + e.textContent.slice(0, 30), getComputedStyle(e).color, bgOf(e)]); }""")
    low = [(name, round(_contrast(fg, bg), 2)) for name, fg, bg in pairs if _contrast(fg, bg) < 4.5]
    assert pairs and low == []


def test_the_explorer_works_opened_from_disk(browser):
    """From ``file://`` (the guarded page only allows 127.0.0.1, so requests are recorded here instead)."""
    path = HTML / PAGE
    if not path.exists():
        pytest.skip(f"no built book at {HTML}")
    context, page, requests, errors = new_recording_page(browser, {"width": 1280, "height": 900})
    try:
        root = _open(page, path.as_uri())
        _acts(page, root, "every_weeks", "ArrowLeft")
        _acts(page, root, "route", "ArrowDown")
    finally:
        context.close()
    assert errors == []
    assert off_disk(requests) == []


def test_the_printed_course_shows_each_simulator_s_figure_without_its_controls(page, site):
    """Print: a slider on paper does nothing, so the controls go; heading, figure, summary and note stay."""
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1000, "height": 1200})
    page.goto(site.url("print/course.html"))
    page.wait_for_function(READY, timeout=90000)
    shown = page.evaluate("""() => [...document.querySelectorAll('.mmn-ivig')].map(r => [
      getComputedStyle(r.querySelector('.mmn-ivig__controls')).display,
      !!r.querySelector('.main-svg'), r.querySelector('.mmn-ivig__title').textContent.length > 0,
      getComputedStyle(r.querySelector('.mmn-ivig__note')).display])""")
    assert len(shown) == 5
    assert all(s == ["none", True, True, "block"] for s in shown), shown
