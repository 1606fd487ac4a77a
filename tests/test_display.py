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
