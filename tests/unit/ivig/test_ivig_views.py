"""Views of the IVIg model: the book's in-page explorer (its Python reference), static course figure, live widget."""

from __future__ import annotations

import json
import re
from html import unescape

import numpy as np
import plotly.graph_objects as go
import pytest

from widgets import palette
from widgets.display import BUILD_ENV
from widgets.ivig import Patient, course_figure, explorer, induction, maintenance, simulate
from widgets.ivig.explorer_state import CONTROLS, ROUTES, ExplorerState
from widgets.ivig.static import PRESETS, SAFETY_NOTES, TRACES
from widgets.ivig.views import LiveExplorer


def test_the_explorer_offers_every_interval_the_exercises_ask_for():
    lo, hi, step = CONTROLS["every_weeks"]
    assert lo <= 2 and hi >= 8 and step == 1  # chapter 7 exercise 1 asks for every 2-8 weeks
    lo, hi, _ = CONTROLS["dose_g_per_kg"]
    assert lo <= 0.4 and hi >= 2.0  # guideline doses, and the 2 g/kg of exercise 2


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p["label"])
def test_every_preset_is_a_valid_state_whose_label_names_its_regimen(preset):
    state = ExplorerState(**preset["state"])
    label = state.regimen().label
    name = preset["label"]
    if "SCIg" in name:
        assert "SCIg" in label and "1:1" in name
    elif "IVIg" in name:
        dose, weeks = state.dose_g_per_kg, state.every_weeks
        assert f"IVIg {dose:g} g/kg every {weeks:g} weeks" in label
    if "stopped" in name:
        assert label.endswith("no treatment") and state.note_key == "stopped"
    if name.startswith("Induction"):
        assert label.startswith("induction")
    if name == "No treatment":
        assert label == "no treatment"
    assert {p["label"] for p in PRESETS} >= {name}


def test_every_regimen_kind_carries_its_monitoring_and_adverse_effect_note():
    for key in ("iv", "sc", "stopped", "induction"):
        plain = re.sub(r"<[^>]+>", "", SAFETY_NOTES[key])
        # chapter 7, "IVIg in practice": bloods before the first course, urgent symptoms, objective measurement
        for words in ("renal function", "blood count", "IgA", "thrombosis", "headache", "grip", "MRC sum"):
            assert words in plain, (key, words)
    assert "1:1" in SAFETY_NOTES["sc"]
    assert "grip" in SAFETY_NOTES["none"] and "MRC sum" in SAFETY_NOTES["none"]
    assert {s.note_key for s in (ExplorerState(route=r, induction=i) for r in ROUTES for i in (True, False))} | {
        ExplorerState(stop_week=24).note_key
    } == set(SAFETY_NOTES)


def _course(**state):
    s = ExplorerState(**state)
    return simulate(s.regimen(), s.patient(), weeks=s.weeks)


CHANGES = {  # control -> (state where it applies, another value)
    "dose_g_per_kg": ({}, 1.5),
    "every_weeks": ({}, 6),
    "scig_weekly_g_per_kg": ({"route": "sc"}, 0.5),
    "stop_week": ({}, 20),
    "years": ({}, 2),
    "induction": ({}, False),
    "route": ({}, "sc"),
    "person": ({}, 3),
    "weight_kg": ({}, 100),
    "baseline_igg_g_l": ({}, 14.0),
    "responder": ({}, "partial"),
    "disease_years": ({}, 15.0),
}


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("induction", [True, False])
@pytest.mark.parametrize("control", list(CHANGES))
def test_every_control_acts_on_every_regimen_it_applies_to(control, induction, route):
    """The reference of the book's explorer: a control that applies changes what is shown; the others are hidden."""
    base, other = CHANGES[control]
    state = {"induction": induction, "route": route}
    given = induction or route != "none"
    applies = {
        "dose_g_per_kg": route == "iv",
        "every_weeks": route == "iv",
        "scig_weekly_g_per_kg": route == "sc",
        "stop_week": route != "none",
        "weight_kg": given,  # grams per kg: with nothing given, weight changes nothing (the explorer hides it)
        "responder": given,
    }.get(control, True)
    if control == "route":
        other = "none" if route != "none" else "iv"
    if control == "induction":
        other = not induction
    before, after = _course(**state), _course(**{**state, control: other})
    changed = (
        before.regimen.label != after.regimen.label
        or len(before.days) != len(after.days)
        or before.grams != after.grams
        or not np.allclose(before.strength_pct, after.strength_pct)
        or not np.allclose(before.igg_g_l, after.igg_g_l)
    )
    assert changed == applies, (control, state, other)


def test_explorer_state_rejects_bad_input_naming_the_parameter():
    for name, bad in [("dose_g_per_kg", None), ("every_weeks", True), ("years", 9), ("stop_week", 3),
                      ("weight_kg", 10), ("route", "oral"), ("person", 99), ("responder", "maybe"),
                      ("induction", 1)]:
        with pytest.raises(ValueError, match=name):
            ExplorerState(**{name: bad})


def test_the_book_view_is_the_in_page_explorer_with_its_starting_state(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "1")
    bundle = explorer(start={"every_weeks": 8, "induction": False}, label="Start of exercise 1")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    html = bundle["text/html"]
    assert 'class="mmn-ivig"' in html and 'aria-label="' in html and "Start of exercise 1" in html
    start = json.loads(unescape(re.search(r'data-start="([^"]+)"', html).group(1)))
    assert start["state"]["every_weeks"] == 8 and start["state"]["induction"] is False
    assert start["given"] == ["every_weeks", "induction"]  # what the question sets (the rest is the default)
    with pytest.raises(ValueError, match="every_weeks"):
        explorer(start={"every_weeks": 40})


def test_course_figure_has_axis_titles_with_units_and_course_colours():
    fig = course_figure(simulate(induction().then(maintenance(1.0, 4), weeks=4), weeks=20))
    assert isinstance(fig, go.Figure) and not isinstance(fig, go.FigureWidget)
    assert "(g/L)" in fig.layout.yaxis.title.text
    assert "%" in fig.layout.yaxis2.title.text and "kg" in fig.layout.yaxis2.title.text
    assert "weeks" in fig.layout.xaxis2.title.text
    colours = {t.line.color for t in fig.data if t.mode == "lines" and t.line.width}
    assert colours <= {s.color for s in palette.STYLES}
    assert len(fig.data) == len(TRACES)
    json.loads(fig.to_json())


def test_live_widget_updates_the_figure_widget_in_place():
    live = LiveExplorer()
    figure = live.figure
    assert isinstance(figure, go.FigureWidget)
    igg = TRACES.index("igg")
    before_y = tuple(figure.data[igg].y)
    before_title = figure.layout.title.text
    live.controls["interval"].value = 2
    assert live.figure is figure
    assert tuple(figure.data[igg].y) != before_y
    assert figure.layout.title.text != before_title and "every 2 weeks" in figure.layout.title.text
    assert "g of immunoglobulin per year" in live.summary.value


def test_live_widget_switches_to_scig_and_back():
    live = LiveExplorer()
    infusions = TRACES.index("infusions")
    live.controls["route"].value = "SCIg"
    assert live.controls["interval"].disabled
    assert all("SCIg" in t for t in live.figure.data[infusions].text[-5:])
    # converted at 1:1, as chapter 7 teaches: 1 g/kg every 4 weeks -> 0.25 g/kg every week
    assert live.controls["dose"].value == pytest.approx(0.25)
    assert "SCIg 0.25 g/kg weekly" in live.figure.layout.title.text
    assert "SCIg" in live.summary.value and "titrate" in live.summary.value
    live.controls["route"].value = "IVIg"
    assert not live.controls["interval"].disabled
    assert "IVIg" in live.figure.data[infusions].text[-1]


def test_live_widget_low_own_igg_keeps_troughs_higher_above_baseline():
    live = LiveExplorer()
    live.controls["baseline"].value = 3.0
    low = live.course.igg_g_l[-28:].min() - 3.0
    live.controls["baseline"].value = 12.0
    high = live.course.igg_g_l[-28:].min() - 12.0
    assert low > high
    assert "half-life" in live.summary.value


def test_live_widget_patient_controls_change_strength():
    live = LiveExplorer()
    strength = TRACES.index("strength")
    good = max(live.figure.data[strength].y)
    live.controls["responder"].value = "non-responder"
    assert max(live.figure.data[strength].y) < good - 5


def test_presenter_mode_has_key_controls_big_fonts_and_thick_lines():
    normal, presenter = LiveExplorer(), LiveExplorer(Patient(), presenter=True)
    assert set(presenter.controls) < set(normal.controls)
    assert {"dose", "interval", "route"} <= set(presenter.controls)
    assert presenter.figure.layout.font.size > normal.figure.layout.font.size
    strength = TRACES.index("strength")
    assert presenter.figure.data[strength].line.width > normal.figure.data[strength].line.width


def test_every_infusion_peak_is_drawn_at_its_height_on_a_five_year_figure():
    """At steady state every 3-weekly infusion reaches the same IgG peak, and the figure must show it
    (sampling every other day drew alternate peaks about 5 g/L too low)."""
    import numpy as np

    course = simulate(maintenance(1.0, 3), weeks=260)
    fig = course_figure(course)
    igg = fig.data[TRACES.index("igg")]
    x, y = np.asarray(igg.x), np.asarray(igg.y)
    late = x > 208  # the last year
    peaks = [y[late & (x >= w) & (x < w + 3)].max() for w in np.arange(209, 257, 3)]
    assert max(peaks) - min(peaks) < 0.2, peaks
    assert abs(max(peaks) - course.igg_g_l[7 * 208 :].max()) < 0.01


# ---------------------------------------------------------------- the virtual trial
def test_trial_explorer_in_the_book_is_a_kernel_free_figure_with_design_menu_and_size_slider(monkeypatch):
    from widgets.ivig.trial_views import SIZES, trial_explorer

    monkeypatch.setenv(BUILD_ENV, "1")
    bundle = trial_explorer()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    html = bundle["text/html"]
    assert "updatemenus" in html and "sliders" in html and 'aria-label="' in html
    for n in SIZES:
        assert f'"label":"{n}"' in html.replace(" ", "")


def test_trial_figure_states_each_size_with_its_own_numbers():
    from widgets.ivig.trial_views import TRIAL_TRACES, kernel_free_trial_figure

    fig = kernel_free_trial_figure()
    (slider,) = fig.layout.sliders
    (menu,) = fig.layout.updatemenus
    means = TRIAL_TRACES.index("means")
    names = [step.args[0]["name"][means] for step in slider.steps]
    assert len(set(names)) == len(names) and all("95% CI" in name for name in names)
    for i, button in enumerate(menu.buttons):
        visible = button.args[0]["visible"]
        assert sum(visible) == len(TRIAL_TRACES) and button.label.split("-")[0] in button.args[1]["title.text"]
    assert len(fig.to_json()) < 300_000


def test_live_trial_reruns_on_every_control_and_the_button():
    from widgets.ivig.trial_views import LiveTrial

    live = LiveTrial()
    before = live.summary.value
    live.controls["n"].value = 30
    assert "30 patients" in live.summary.value and live.summary.value != before
    live.controls["design"].value = "leger"
    assert live.controls["washout"].value == 0 and "Léger" in live.figure.layout.title.text
    text = live.summary.value
    live.again.click()
    assert live.summary.value != text and "trial 2" in live.figure.layout.title.text
    live.controls["washout"].value = 8
    assert "washout 8 weeks" in live.figure.layout.title.text and live.result.design.washout_weeks == 8


def test_the_live_view_starts_at_the_same_treatment_as_the_book_s_exercise():
    view = LiveExplorer()
    view.start_from(ExplorerState(induction=False, route="sc", scig_weekly_g_per_kg=0.4))
    assert view.regimen().label == "SCIg 0.4 g/kg weekly"
    view.start_from(ExplorerState(induction=False, dose_g_per_kg=2.0, every_weeks=8, years=2))
    assert view.regimen().label == "IVIg 2 g/kg every 8 weeks" and view.course.weeks == 104
