"""Views of the IVIg model: kernel-free figure (book), static course figure, live widget."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from widgets import palette
from widgets.display import BUILD_ENV
from widgets.ivig import Patient, course_figure, explorer, induction, maintenance, simulate
from widgets.ivig.static import INDUCTION_ONLY, TRACES, kernel_free_figure
from widgets.ivig.views import LiveExplorer


@pytest.fixture(scope="module")
def kernel_free():
    return kernel_free_figure()


def test_kernel_free_figure_has_a_regimen_menu(kernel_free):
    (menu,) = kernel_free.layout.updatemenus
    labels = [b.label for b in menu.buttons]
    assert len(labels) >= 3 and any("SCIg" in label for label in labels) and any("only" in label for label in labels)
    shown = [tuple(b.args[0]["visible"]) for b in menu.buttons]
    assert len(set(shown)) == len(shown), "each regimen shows different traces"
    for visible in shown:
        assert len(visible) == len(kernel_free.data) and sum(visible) == len(TRACES)


def test_kernel_free_slider_steps_change_the_trace_data_of_every_regimen_with_doses(kernel_free):
    (slider,) = kernel_free.layout.sliders
    (menu,) = kernel_free.layout.updatemenus
    assert len(slider.steps) >= 3
    first, last = slider.steps[0], slider.steps[-1]
    n = len(TRACES)
    igg = TRACES.index("igg")
    for i, button in enumerate(menu.buttons):
        j = i * n + igg

        def late_peak(step):  # after the induction peak
            return max(y for x, y in zip(step.args[0]["x"][j], step.args[0]["y"][j]) if x >= 6)

        low, high = first.args[0]["y"][j], last.args[0]["y"][j]
        if button.label == INDUCTION_ONLY:
            assert low == high  # no maintenance dose: ...
            assert button.args[1]["sliders[0].visible"] is False  # ... so the dose slider is hidden
        else:
            assert late_peak(last) > late_peak(first), (
                button.label
            )  # a higher dose per infusion gives a higher IgG peak
            assert button.args[1]["sliders[0].visible"] is True


def test_kernel_free_title_names_the_regimen_shown_and_the_menu_covers_2_to_8_weeks(kernel_free):
    (menu,) = kernel_free.layout.updatemenus
    labels = [b.label for b in menu.buttons]
    for weeks in range(2, 9):  # chapter 7 exercise 1 asks for every 2-8 weeks
        assert f"IVIg every {weeks} weeks" in labels
    for button in menu.buttons:
        title = button.args[1]["title.text"]
        assert button.label.split(",")[0].split(" (")[0] in title, (button.label, title)
    active = menu.buttons[menu.active]
    assert kernel_free.layout.title.text == active.args[1]["title.text"]
    assert "1:1" in " ".join(labels)


def test_every_menu_state_carries_its_monitoring_and_adverse_effect_note(kernel_free):
    import re

    (menu,) = kernel_free.layout.updatemenus
    (note,) = kernel_free.layout.annotations
    assert note.text == menu.buttons[menu.active].args[1]["annotations[0].text"], "the first state shows its note"
    for button in menu.buttons:
        text = button.args[1]["annotations[0].text"]
        plain = re.sub(r"<[^>]+>", "", text.replace("<br>", "\n"))
        # chapter 7, "IVIg in practice": bloods before the first course, urgent symptoms, objective measurement
        for words in ("renal function", "blood count", "IgA", "thrombosis", "headache", "grip", "MRC sum"):
            assert words in plain, (button.label, words)
        lines = plain.splitlines()
        assert max(len(line) for line in lines) <= 40, (button.label, "lines short enough for a 390 px screen")
    scig = next(b for b in menu.buttons if "SCIg" in b.label)
    assert "1:1" in scig.args[1]["annotations[0].text"]


def test_kernel_free_figure_json_is_small(kernel_free):
    size = len(kernel_free.to_json().encode())
    assert size <= 800_000, f"{size / 1e6:.2f} MB"


def test_kernel_free_view_contains_no_widget(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "1")
    bundle = explorer()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    html = bundle["text/html"]
    assert "updatemenus" in html and "sliders" in html and 'aria-label="' in html


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
