"""The older precomputed kernel-free figure of the conduction simulator (kept for callers and tests).

The book's chapter 4 now runs the full simulator in the page (:mod:`widgets.conduction.static`); this figure
was its first kernel-free form, and :func:`widgets.conduction.views.explorer` still shows it in a built book:
a dropdown (plotly ``updatemenus``) shows each preset, and a slider (plotly ``sliders``) sets the conduction
block in the key segment of the chosen nerve from 0% to 90%. Each step rewrites the trace values, cursors,
labels, title and the verdict text in the browser. Traces are decimated to :data:`EXPLORER_POINTS` points
rounded to 0.1 mV, so the whole figure stays under 200 kB.
"""

from __future__ import annotations

import json
import textwrap

import plotly.graph_objects as go

from widgets.conduction.figures import MAX_SITES, apply_layers, base_figure, study_layers
from widgets.conduction.lesions import Lesion
from widgets.conduction.model import simulate
from widgets.conduction.presets import PRESETS, get_preset
from widgets.conduction.reference_values import get_nerve


#: Block levels of the slider (fraction of axons blocked).
BLOCK_STEPS = tuple(round(0.1 * i, 1) for i in range(10))
#: Points per trace of the explorer's 20 precomputed states (page weight; 0.31 ms apart over a 40 ms sweep),
#: in steps of 0.1 mV (under a pixel at the figure's scale).
EXPLORER_POINTS = 130
#: Characters per title line (a 390 px phone screen).
TITLE_WRAP = 38


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


def _slider_lesion(nerve: str, segment: str, block: float) -> Lesion:
    """The lesion of a slider step.

    The MMN preset's lesion of that segment with its block set to ``block`` (so the MMN scenario and the slider
    at the same block draw the same traces), else a pure block.
    """
    from dataclasses import replace

    mmn = get_preset("mmn")
    if nerve in mmn.nerves:
        for les in mmn.lesions_for(nerve):
            if les.segment == segment:
                return replace(les, block=block)
    return Lesion(segment, block=block)


def _preset_block(preset: str, nerve: str, segment: str) -> float:
    """Fraction of axons a preset blocks in ``segment`` of ``nerve`` (0 if it sets no block there)."""
    return max((les.block for les in get_preset(preset).lesions_for(nerve) if les.segment == segment), default=0.0)


def kernel_free_figure(nerve: str = "ulnar", preset: str | None = "mmn", *, seed: int = 0,
                       block_steps: tuple[float, ...] = BLOCK_STEPS) -> go.Figure:
    """Precomputed explorer figure: scenario dropdown + block slider, verdict and criteria checklist per state.

    ``nerve``: nerve of the block slider (block in its key segment: forearm or
    leg). ``preset``: the state shown first (None: the custom study, slider at 0%).

    The two controls never contradict each other: choosing a scenario moves the
    slider to the block that scenario has in the slider's segment (0% if none)
    and names, beside the slider, the nerve it acts on; moving the slider
    switches the menu to "Custom" and the title says what is drawn. The verdict
    and checklist drawn are always those of the traces drawn.
    """
    spec = get_nerve(nerve)
    if preset is not None:
        get_preset(preset)
    seg = spec.segment(spec.key_segment)
    seg_short = seg.label.split(" (")[0]
    fig = base_figure()
    if not block_steps or any(not 0.0 <= b <= 1.0 for b in block_steps):
        raise ValueError(f"block_steps must be fractions between 0 and 1, got {block_steps!r}")

    def nearest_step(b: float) -> int:
        return min(range(len(block_steps)), key=lambda i: abs(block_steps[i] - b))

    slider_prefix = f"Block in the {spec.label.split()[0].lower()} {seg_short}: "
    preset_names = tuple(PRESETS)
    buttons = []
    preset_layers, preset_steps = {}, {}
    for i, name in enumerate(preset_names):
        shown_on = preset_nerve(name, nerve)
        study = simulate(shown_on, preset=name, seed=seed)
        layers = _layers(study)
        preset_layers[name] = layers
        if shown_on == nerve:
            step = nearest_step(_preset_block(name, nerve, seg.name))
            prefix = slider_prefix
        else:  # drawn on another nerve: the slider (a custom study of `nerve`) is reset and says so
            step = 0
            prefix = f"Custom {spec.label.split()[0].lower()} study, {seg_short} block: "
        preset_steps[name] = step
        buttons.append(dict(label=PRESETS[name].title, method="update",
                            args=_update_args(layers, {"updatemenus[0].active": i, "sliders[0].active": step,
                                                       "sliders[0].currentvalue.prefix": prefix})))
    custom_index = len(buttons)

    steps = []
    step_layers = []
    for b in block_steps:
        study = simulate(nerve, lesions=(_slider_lesion(nerve, seg.name, b),), seed=seed)
        layers = _layers(study)
        layers["title"] = "<br>".join(
            textwrap.wrap(f"Custom: {spec.label.lower()}, {b:.0%} of axons blocked in the {seg_short}", TITLE_WRAP)
        )
        step_layers.append(layers)
        steps.append(dict(label=f"{b:.0%}", method="update",
                          args=_update_args(layers, {"updatemenus[0].active": custom_index,
                                                     "sliders[0].currentvalue.prefix": slider_prefix})))
    # "Custom" in the menu starts a custom study from a nerve with no block (slider at 0%)
    buttons.append(dict(label="Custom: set the block with the slider", method="update",
                        args=_update_args(step_layers[0], {"updatemenus[0].active": custom_index,
                                                           "sliders[0].active": 0,
                                                           "sliders[0].currentvalue.prefix": slider_prefix})))

    if preset is None:
        first, active_button, active_step, prefix = step_layers[0], custom_index, 0, slider_prefix
    else:
        first, active_button = preset_layers[preset], preset_names.index(preset)
        active_step = preset_steps[preset]
        prefix = buttons[active_button]["args"][1]["sliders[0].currentvalue.prefix"]
    apply_layers(fig, first)
    fig.update_layout(
        updatemenus=[dict(type="dropdown", direction="down", active=active_button, buttons=buttons, x=0, y=1.02,
                          xanchor="left", yanchor="bottom", showactive=True, pad=dict(r=4, t=4),
                          font=dict(size=12))],
        sliders=[dict(active=active_step, steps=steps, x=0.0, len=1.0, y=-0.07, yanchor="top", pad=dict(t=30),
                      font=dict(size=11),
                      currentvalue=dict(prefix=prefix, visible=True, xanchor="left", font=dict(size=13)))],
        margin=dict(l=28, r=12, t=130, b=450),
        height=910,
        modebar=dict(orientation="v", remove=["zoom", "pan", "select", "lasso2d", "zoomIn", "zoomOut",
                                                 "autoScale", "resetScale"]),
    )
    fig.layout.yaxis.title.text = "CMAP (mV, negative up)"
    fig.layout.title.update(y=0.985, yanchor="top", yref="container", font=dict(size=15))
    return fig


#: Where the verdict + checklist annotation sits in the kernel-free figure (paper units, under the slider).
VERDICT_Y = -0.40


def _verdict_below(a: dict) -> dict:
    if a.get("yref") == "paper":
        return {**a, "y": VERDICT_Y}
    return a


def _layers(study) -> dict:
    """:func:`study_layers` for this figure: short title lines, verdict and checklist under the slider."""
    layers = study_layers(study, n_points=EXPLORER_POINTS, decimals=1, title_width=TITLE_WRAP)
    layers["annotations"] = [_verdict_below(a) for a in layers["annotations"]]
    return layers


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
