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
  (``plotly-a11y.js``, in parts in ``book/_ext/mmn_book/js/plotly-a11y/``) that Tab reaches and that, on ArrowRight /
  ArrowDown / Enter, changes the figure (``gd.data``/``gd.layout``) and the
  plotly control's ``active``; every quiz answers from the keyboard alone
  (Tab, Space, Enter); no visible control is left out of the Tab order.

The checkers are plain functions tried on small synthetic pages too, so each can
be seen to fail for a wrong page (negative tests at the end).
"""

from __future__ import annotations

from pathlib import Path

from support.axe import axe_violations
from support.colours import trace_colour_problems
from support.paths import PLOTLY_JS
from support.scripts import plotly_a11y_js
from support.visits import FIGURE_INFO_JS, keyboard_problems

A11Y_JS = plotly_a11y_js()
# ------------------------------------------------------------------------------------------------
# Checkers (run in a loaded page)
# ------------------------------------------------------------------------------------------------


def figure_name_problems(figures: list[dict]) -> list[str]:
    """Figures with no accessible name/description and no caption paragraph after them."""
    out = []
    for f in figures:
        words = f["name"].split()
        if len(words) < 3:
            out.append(f"figure #{f['index']} ({f['id']}, title {f['title']!r}) has no text alternative or caption: {f['name']!r}")
    return out




# ------------------------------------------------------------------------------------------------
# One visit per page
# ------------------------------------------------------------------------------------------------


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


