"""Figure scaffolding shared by the stacked-trace views (F-waves, inching, recording): slots, layers, a menu.

A view computes *layers* for one scenario: a dict with ``ys`` (one list per
trace slot), ``x0``/``dx`` (ms), ``shapes``, ``annotations``, ``y_range``,
``title`` and optionally ``names`` and ``visible`` per slot and ``x_range``
(the layers of :func:`widgets.conduction.figures.study_layers` fit). :func:`stacked_figure`
makes the empty figure with a fixed number of slots, :func:`apply_layers`
draws one scenario into it, and :func:`scenario_menu` precomputes several
scenarios into a dropdown that works in the book without a kernel.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from widgets import palette


def stacked_figure(slots: int, *, height: int, margin: dict, y_title: str, dashed: bool = False,
                   width: float = 1.5) -> go.Figure:
    """An empty figure with ``slots`` line traces (filled by :func:`apply_layers`).

    ``dashed``: slots cycle through the palette's colours and dash styles (a second channel besides colour);
    otherwise every slot has the first palette colour, solid.
    """
    fig = go.Figure()
    for k in range(slots):
        st = palette.style(k % 5) if dashed else palette.style(0)
        fig.add_trace(go.Scatter(y=[], x0=0.0, dx=1.0, mode="lines", name=f"sweep {k + 1}", showlegend=False,
                                 line=dict(color=st.color, dash=st.dash if dashed else "solid", width=width),
                                 hovertemplate="%{x:.1f} ms<extra>%{fullData.name}</extra>"))
    fig.update_layout(height=height, margin=margin, font=dict(size=13),
                      xaxis=dict(title=dict(text="Time after the stimulus (ms)"), gridcolor=palette.GRID),
                      yaxis=dict(title=dict(text=y_title), showticklabels=False, showgrid=False, zeroline=False))
    fig.layout.title.update(y=0.975, yanchor="top", yref="container", font=dict(size=15))
    return fig


def apply_layers(fig: go.Figure, layers: dict) -> None:
    """Draw one scenario's ``layers`` into a figure made by :func:`stacked_figure`."""
    slots = len(layers["ys"])
    for k in range(slots):
        trace = fig.data[k]
        trace.x0 = layers["x0"]
        trace.dx = layers["dx"]
        trace.y = layers["ys"][k]
        if "names" in layers:
            trace.name = layers["names"][k]
        if "visible" in layers:
            trace.visible = layers["visible"][k]
    fig.layout.shapes = layers["shapes"]
    fig.layout.annotations = layers["annotations"]
    if "x_range" in layers:
        fig.layout.xaxis.range = layers["x_range"]
    fig.layout.yaxis.range = layers["y_range"]
    fig.layout.title.text = layers["title"]


def scenario_menu(fig: go.Figure, labels: Sequence[str], layers: Sequence[dict], *, font_size: int = 12) -> go.Figure:
    """Add a dropdown of scenarios (one button per ``labels[i]`` drawing ``layers[i]``) and draw the first."""
    buttons = []
    for i, (label, lay) in enumerate(zip(labels, layers)):
        slots = len(lay["ys"])
        data = {"x0": [lay["x0"]] * slots, "dx": [lay["dx"]] * slots, "y": lay["ys"]}
        for key, attr in (("names", "name"), ("visible", "visible")):
            if key in lay:
                data[attr] = lay[key]
        layout = {"shapes": lay["shapes"], "annotations": lay["annotations"], "yaxis.range": lay["y_range"],
                  "title.text": lay["title"], "updatemenus[0].active": i}
        if "x_range" in lay:
            layout["xaxis.range"] = lay["x_range"]
        buttons.append(dict(label=label, method="update", args=[data, layout, list(range(slots))]))
    if layers:
        apply_layers(fig, layers[0])
    fig.update_layout(updatemenus=[dict(type="dropdown", active=0, buttons=buttons, x=0, y=1.02, xanchor="left",
                                        yanchor="bottom", font=dict(size=font_size))])
    return fig
