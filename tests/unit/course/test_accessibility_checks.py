"""The accessibility checkers' pure parts: trace colours and the plotly bundle a page needs."""

from __future__ import annotations

from support.colours import trace_colour_problems


def _trace(name, color, dash="solid", mode="lines", kind="scatter", symbol="circle", opacity=1.0):
    return {"type": kind, "name": name, "visible": True, "mode": mode, "opacity": opacity, "xaxis": "x", "yaxis": "y",
            "fill": "none", "line": {"color": color, "dash": dash, "width": 2},
            "marker": {"color": color, "symbol": symbol, "line": None}}


def test_trace_colour_checker_flags_faint_colours_and_colour_only_differences():
    from widgets import palette

    good = [_trace(f"t{i}", s.color, s.dash) for i, s in enumerate(palette.STYLES)]
    assert trace_colour_problems([{"index": 0, "title": "ok", "traces": good}]) == []
    faint = [_trace("yellow", "#f0e442")]
    assert "contrast" in trace_colour_problems([{"index": 0, "title": "faint", "traces": faint}])[0]
    translucent = [_trace("half", "rgba(0, 114, 178, 0.3)")]
    assert trace_colour_problems([{"index": 0, "title": "alpha", "traces": translucent}])
    same_style = [_trace("a", "#0072B2"), _trace("b", "#D55E00")]
    assert "only by colour" in trace_colour_problems([{"index": 0, "title": "same", "traces": same_style}])[0]
    markers = [_trace("a", "#0072B2", mode="markers", symbol="circle"), _trace("b", "#D55E00", mode="markers", symbol="square")]
    assert trace_colour_problems([{"index": 0, "title": "markers", "traces": markers}]) == []
    # Invisible hover targets are no data mark; a light marker with a dark outline is seen by its outline.
    hover = _trace("hover", "rgba(0,0,0,0)", mode="markers+text")
    swatch = _trace("grade 1", "#c6dbef", mode="markers", symbol="square")
    swatch["marker"]["line"] = {"color": "#555555", "width": 1}
    swatch["points"] = 0  # a legend swatch: named by its legend text
    other = dict(_trace("grade 2", "#08519c", mode="markers", symbol="square"), points=0)
    assert trace_colour_problems([{"index": 0, "title": "map", "traces": [hover, swatch, other]}]) == []
    swatch["marker"]["line"]["width"] = 0
    assert "contrast" in " ".join(trace_colour_problems([{"index": 0, "title": "map", "traces": [swatch]}]))


def test_trace_types_of_a_page_decide_which_plotly_bundle_it_can_load():
    """The book extension serves plotly's basic bundle only to pages whose figures it can draw."""
    import plotly.graph_objects as go

    from mmn_book.plotly_calls import BASIC_TRACE_TYPES, plotly_trace_types
    from widgets.display import figure_html

    basic = figure_html(go.Figure([go.Scatter(x=[0], y=[1]), go.Bar(x=[0], y=[1])]), div_id="b")
    heat = figure_html(go.Figure(go.Heatmap(z=[[1, 2]])), div_id="h")
    switch = figure_html(
        go.Figure(go.Scatter(x=[0], y=[1]), layout=dict(updatemenus=[dict(buttons=[
            dict(label="as heatmap", method="restyle", args=[{"type": "heatmap"}])])])), div_id="s")
    assert plotly_trace_types(basic) == {"scatter", "bar"} <= BASIC_TRACE_TYPES
    assert plotly_trace_types(heat) == {"heatmap"}
    assert plotly_trace_types(switch) == {"scatter", "heatmap"}  # a control switching to another type counts
    assert plotly_trace_types("<script>Plotly.newPlot('x', [{]);</script>") == {"?"}
    assert plotly_trace_types("<p>no figure</p>") == set()
