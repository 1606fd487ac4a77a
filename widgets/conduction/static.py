"""Kernel-free explorer: the simulator precomputed into one plotly figure with pure-JS controls.

The book has no Python kernel, so the explorer is precomputed: a dropdown
(plotly ``updatemenus``) shows each preset, and a slider (plotly ``sliders``)
sets the conduction block in the key segment of the chosen nerve from 0% to
90%. Each step rewrites the trace values, cursors, labels, title and the
verdict text in the browser. Traces are decimated to :data:`STATIC_POINTS`
points rounded to 0.01 mV, so the whole figure stays under 200 kB.
"""

from __future__ import annotations

import textwrap

import json

import plotly.graph_objects as go

from widgets.conduction.figures import MAX_SITES, STATIC_POINTS, apply_layers, base_figure, study_layers
from widgets.conduction.lesions import Lesion
from widgets.conduction.model import simulate
from widgets.conduction.presets import PRESETS, get_preset
from widgets.conduction.reference_values import get_nerve

#: Block levels of the slider (fraction of axons blocked).
BLOCK_STEPS = tuple(round(0.1 * i, 1) for i in range(10))


def _update_args(layers: dict, extra_layout: dict | None = None) -> list:
    data = {
        "y": layers["ys"],
        "x0": [layers["x0"]] * MAX_SITES,
        "dx": [layers["dx"]] * MAX_SITES,
        "name": layers["names"],
        "visible": layers["visible"],
    }
    layout = {
        "shapes": layers["shapes"],
        "annotations": layers["annotations"],
        "xaxis.range": layers["x_range"],
        "yaxis.range": layers["y_range"],
        "title.text": layers["title"],
    }
    if extra_layout:
        layout.update(extra_layout)
    return [data, layout, list(range(MAX_SITES))]


def preset_nerve(preset: str, nerve: str) -> str:
    """The nerve a preset is shown on: ``nerve`` if the preset applies to it, else its typical nerve."""
    p = get_preset(preset)
    return nerve if nerve in p.nerves else p.nerve


def kernel_free_figure(nerve: str = "ulnar", preset: str | None = "mmn", *, seed: int = 0,
                       block_steps: tuple[float, ...] = BLOCK_STEPS) -> go.Figure:
    """Precomputed explorer figure: preset dropdown + block-severity slider, verdict text per state.

    ``nerve``: nerve of the block slider (block in its key segment: forearm or
    leg). ``preset``: the state shown first (None: the slider at 0%).
    """
    spec = get_nerve(nerve)
    if preset is not None:
        get_preset(preset)
    seg = spec.segment(spec.key_segment)
    fig = base_figure()

    preset_names = tuple(PRESETS)
    buttons = []
    preset_layers = {}
    for i, name in enumerate(preset_names):
        study = simulate(preset_nerve(name, nerve), preset=name, seed=seed)
        layers = study_layers(study, n_points=STATIC_POINTS)
        preset_layers[name] = layers
        buttons.append(dict(label=PRESETS[name].title, method="update",
                            args=_update_args(layers, {"updatemenus[0].active": i})))
    custom_index = len(buttons)
    buttons.append(dict(label="Custom: block set by the slider", method="skip", args=[None]))

    steps = []
    step_layers = []
    for b in block_steps:
        study = simulate(nerve, lesions=(Lesion(seg.name, block=b),), seed=seed)
        layers = study_layers(study, n_points=STATIC_POINTS)
        layers["title"] = "<br>".join(
            textwrap.wrap(f"{spec.label}: {b:.0%} of the axons blocked in the {seg.label.split(' (')[0]}", 58)
        )
        step_layers.append(layers)
        steps.append(dict(label=f"{b:.0%}", method="update",
                          args=_update_args(layers, {"updatemenus[0].active": custom_index})))

    active_step = 0
    if preset is None:
        first, active_button = step_layers[0], custom_index
    else:
        first, active_button = preset_layers[preset], preset_names.index(preset)
        if preset_nerve(preset, nerve) == nerve:
            shown = [les.block for les in get_preset(preset).lesions_for(nerve) if les.segment == seg.name]
            if shown:
                active_step = min(range(len(block_steps)), key=lambda i: abs(block_steps[i] - shown[0]))
    apply_layers(fig, first)
    fig.update_layout(
        updatemenus=[dict(type="dropdown", direction="down", active=active_button, buttons=buttons, x=0, y=1.03,
                          xanchor="left", yanchor="bottom", showactive=True, pad=dict(r=4, t=4))],
        sliders=[dict(active=active_step, steps=steps, x=0.0, len=1.0, y=-0.42, yanchor="top", pad=dict(t=10),
                      currentvalue=dict(prefix=f"Block in the {seg.label.split(' (')[0]}: ",
                                        visible=True, xanchor="left"))],
        margin=dict(l=70, r=20, t=120, b=260),
        height=740,
    )
    fig.layout.title.update(y=0.965, yanchor="top", yref="container")
    return fig


def figure_json_size(fig: go.Figure) -> int:
    """Size in bytes of the figure's JSON (what the page embeds)."""
    return len(json.dumps(fig.to_plotly_json(), separators=(",", ":"), default=_default).encode())


def _default(o):
    import numpy as np

    if isinstance(o, np.ndarray):
        return o.tolist()
    if isinstance(o, np.generic):
        return o.item()
    raise TypeError(type(o))
