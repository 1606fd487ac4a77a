"""The course renderer and the live/static switch."""

import ipywidgets
import plotly.graph_objects as go
import plotly.io as pio
import pytest

import widgets  # noqa: F401  (configures the renderer)
from widgets.display import BUILD_ENV, RENDERER, Explorable, figure_html


def _fig():
    return go.Figure(go.Scatter(x=[0, 1, 2], y=[3, 1, 2], name="trace"))


def test_importing_the_package_selects_the_course_renderer():
    assert pio.renderers.default == RENDERER


def test_renderer_emits_html_without_inlining_plotly_js(monkeypatch):
    monkeypatch.delenv(BUILD_ENV, raising=False)
    bundle = pio.renderers[RENDERER].to_mimebundle(_fig().to_dict())
    html = bundle["text/html"]
    assert "Plotly.newPlot" in html
    assert len(html) < 20_000, "plotly.js must not be inlined in every figure"
    assert "<script src=" not in html, "the figure must not load plotly.js from anywhere"
    assert bundle["application/vnd.plotly.v1+json"]["data"][0]["y"] == [3, 1, 2]


def test_book_build_gets_html_only(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "1")
    bundle = pio.renderers[RENDERER].to_mimebundle(_fig().to_dict())
    assert set(bundle) == {"text/html"}


def test_figure_html_is_deterministic_with_div_id():
    a = figure_html(_fig(), div_id="fig-a")
    b = figure_html(_fig(), div_id="fig-a")
    assert a == b and 'id="fig-a"' in a


def test_explorable_static_in_book_build(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "1")
    calls = []
    ex = Explorable(live=lambda: calls.append("live"), static=_fig, alt="A test figure of three points.")
    bundle = ex._repr_mimebundle_()
    assert calls == [], "no live widget may be created during a book build"
    assert "Plotly.newPlot" in bundle["text/html"]
    assert 'aria-label="A test figure of three points."' in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" not in bundle


def test_explorable_live_with_a_kernel(monkeypatch):
    monkeypatch.delenv(BUILD_ENV, raising=False)
    ex = Explorable(live=lambda: ipywidgets.IntSlider(value=3), static=_fig, alt="slider")
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_explorable_needs_a_text_alternative():
    with pytest.raises(ValueError, match="alt"):
        Explorable(live=lambda: None, static=_fig, alt="  ")


def test_the_course_template_is_plotly_white_for_the_trace_types_the_course_draws():
    from widgets import palette
    from widgets.display import TEMPLATE_TRACE_TYPES

    course = pio.templates[pio.templates.default].to_plotly_json()
    white = pio.templates["plotly_white"].to_plotly_json()
    assert set(course["data"]) == set(TEMPLATE_TRACE_TYPES)
    assert all(course["data"][k] == white["data"][k] for k in TEMPLATE_TRACE_TYPES)
    # plotly_white's axes, grid and hover settings stay; the course's font, colours and margins win
    for key in ("xaxis", "yaxis", "hovermode", "shapedefaults", "annotationdefaults"):
        assert course["layout"][key] == white["layout"][key]
    assert course["layout"]["colorway"] == [s.color for s in palette.STYLES]
    assert course["layout"]["font"]["color"] == palette.TEXT
    assert "scene" not in course["layout"] and "geo" not in course["layout"]
    # it is what every figure embeds: a few kB, not plotly_white's 6.6 kB
    import json

    assert len(json.dumps(_fig().to_plotly_json()["layout"]["template"])) < 2_000


def test_figure_html_keeps_the_figures_json_and_drops_the_wrappers_indentation():
    import json
    import re

    from mmn_book.plotly_calls import plot_calls

    fig = go.Figure(go.Scatter(x=[0, 1], y=[2, 3], text=["two  spaces", "tab\there"]))
    fig.add_annotation(text="<b>Wrist</b>  3.7 ms   10.2 mV", x=0, y=2)
    html = figure_html(fig, div_id="fig-a")
    (call,) = list(plot_calls(html))
    assert call.data[0]["text"] == ["two  spaces", "tab\there"]
    assert call.layout["annotations"][0]["text"] == "<b>Wrist</b>  3.7 ms   10.2 mV"
    assert json.loads(json.dumps(call.layout))["template"] == json.loads(pio.to_json(fig))["layout"]["template"]
    outside = html.replace(json.dumps(call.data[0]["text"]), "")
    assert not re.search(r"\s{2,}", re.sub(r'"(?:[^"\\]|\\.)*"', '""', outside))
