"""Views of the IVIg model: kernel-free figure (book), static course figure, live widget."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from widgets import palette
from widgets.display import BUILD_ENV
from widgets.ivig import Patient, course_figure, explorer, induction, maintenance, simulate
from widgets.ivig.static import TRACES, kernel_free_figure
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


def test_kernel_free_slider_steps_change_the_trace_data_and_the_title_text(kernel_free):
    (slider,) = kernel_free.layout.sliders
    assert len(slider.steps) >= 3
    first, last = slider.steps[0], slider.steps[-1]
    for step in slider.steps:
        data, layout = step.args
        assert len(data["y"]) == len(kernel_free.data)
        assert "title.text" in layout and "title" not in layout  # plotly.js >= 3
    igg = TRACES.index("igg")
    assert first.args[0]["y"][igg] != last.args[0]["y"][igg]
    # a higher monthly dose (later step) gives a higher IgG peak on IVIg every 4 weeks
    assert max(last.args[0]["y"][igg]) > max(first.args[0]["y"][igg])
    assert first.args[1]["title.text"] != last.args[1]["title.text"]


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
    live.controls["route"].value = "IVIg"
    assert not live.controls["interval"].disabled
    assert "IVIg" in live.figure.data[infusions].text[-1]


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
    assert abs(max(peaks) - course.igg_g_l[7 * 208:].max()) < 0.01
