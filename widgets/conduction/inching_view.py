"""Inching display: CMAPs after stimulation every 1–2 cm, stacked, with the step that changes marked.

:func:`inching_explorer_figure` precomputes the scenarios of :data:`SCENARIOS`
into one plotly figure with a dropdown (works in the book without a kernel).
"""

from __future__ import annotations

import html
import textwrap

import numpy as np
import plotly.graph_objects as go

from widgets import palette
from widgets.conduction.inching import InchingStudy, inch
from widgets.conduction.sweep_figure import apply_layers, scenario_menu, stacked_figure

#: Most stimulation points drawn (trace slots).
MAX_POINTS = 12
POINTS = 110

SCENARIOS = (
    ("Ulnar nerve at the elbow: focal block and slowing", dict(nerve="ulnar", segment="elbow", lesion_at_mm=50.0,
                                                                block=0.6, slowing=0.7, step_mm=10.0)),
    ("MMN: focal block in the ulnar forearm", dict(nerve="ulnar", segment="forearm", lesion_at_mm=120.0, block=0.7,
                                                  slowing=0.0, step_mm=20.0)),
    ("Normal ulnar nerve across the elbow", dict(nerve="ulnar", segment="elbow", lesion_at_mm=None, step_mm=10.0)),
)


def inching_summary(s: InchingStudy) -> str:
    """The inching study in words.

    The largest amplitude fall (%) and the largest latency step (ms) with the positions (mm) between which
    they occur, the typical (median) latency step, and where the lesion was placed if there is one.
    """
    k = s.block_step
    a, b = s.positions_mm[k], s.positions_mm[k + 1]
    drop = -s.amplitude_steps[k]
    j = s.slowing_step
    typical = float(np.median(s.latency_steps_ms))
    text = (f"Largest amplitude fall: {drop:.0%} between {a:.0f} and {b:.0f} mm. Largest latency step: "
            f"{s.latency_steps_ms[j]:.2f} ms between {s.positions_mm[j]:.0f} and {s.positions_mm[j + 1]:.0f} mm "
            f"(typical step here {typical:.2f} ms).")
    if s.lesion_mm is not None:
        text += f" The lesion was placed at {s.lesion_mm[0]:.0f}–{s.lesion_mm[1]:.0f} mm."
    return text


def _layers(s: InchingStudy, title: str) -> dict:
    t = s.time_ms
    t0 = max(float(np.nanmin(s.latencies_ms)) - 3.0, 0.0)
    t1 = float(np.nanmax(s.latencies_ms)) + 18.0
    xs = np.linspace(t0, t1, POINTS)
    n = len(s.positions_mm)
    span = float(np.max(np.abs(s.traces_mv))) * 1.1
    ys, names, visible, annotations, shapes = [], [], [], [], []
    k_block = s.block_step
    for i in range(MAX_POINTS):
        if i >= n:
            ys.append([]), names.append(""), visible.append(False)
            continue
        off = i * span  # distal point at the bottom, proximal at the top, as the stimulator moves up
        ys.append(np.round(np.interp(xs, t, -s.traces_mv[i]) + off, 1).tolist())
        names.append(f"{s.positions_mm[i]:.0f} mm")
        visible.append(True)
        annotations.append(dict(x=t1, y=off + 0.15 * span, xanchor="right", yanchor="bottom", showarrow=False,
                                text=f"{s.positions_mm[i]:.0f} mm  {s.latencies_ms[i]:.2f} ms  "
                                     f"{s.amplitudes_mv[i]:.1f} mV", font=dict(size=11, color=palette.TEXT)))
    if -s.amplitude_steps[k_block] > 0.1 or s.latency_steps_ms[s.slowing_step] > 1.5 * np.median(s.latency_steps_ms):
        k = k_block if -s.amplitude_steps[k_block] > 0.1 else s.slowing_step
        y = (k + 0.5) * span
        shapes.append(dict(type="line", x0=t0, x1=t1, y0=y, y1=y, line=dict(color=palette.style(1).color, width=2,
                                                                             dash="dash")))
    summary = "<br>".join(html.escape(x) for x in textwrap.wrap(inching_summary(s), 50))
    annotations.append(dict(x=0, y=-0.12, xref="paper", yref="paper", xanchor="left", yanchor="top", align="left",
                            showarrow=False, text="Dashed line: where the response changes.<br>" + summary,
                            font=dict(size=12, color=palette.TEXT)))
    return dict(ys=ys, x0=round(t0, 3), dx=round((t1 - t0) / (POINTS - 1), 5), names=names, visible=visible, shapes=shapes,
                annotations=annotations, y_range=[-0.6 * span, (n + 0.2) * span],
                title="<br>".join(textwrap.wrap(title, 40)))


def _figure() -> go.Figure:
    return stacked_figure(MAX_POINTS, height=760, margin=dict(l=28, r=12, t=135, b=170), dashed=True, width=1.6,
                          y_title="CMAP per stimulation point (distal at the bottom)")


def inching_figure(s: InchingStudy, *, title: str | None = None) -> go.Figure:
    """Stacked CMAPs of one inching study, distal at the bottom, with a dashed line at the changing step.

    Parameters
    ----------
    s : InchingStudy
        The study to draw.
    title : str, optional
        Figure title; ``"Inching across the <nerve> <segment> segment"`` when omitted.

    Returns
    -------
    plotly.graph_objects.Figure
        The figure.
    """
    fig = _figure()
    apply_layers(fig, _layers(s, title or f"Inching across the {s.nerve} {s.segment} segment"))
    return fig


def inching_explorer_figure(seed: int = 0) -> go.Figure:
    """The inching figure with a menu of the :data:`SCENARIOS`, all simulated for person ``seed``."""
    return scenario_menu(_figure(), [label for label, _ in SCENARIOS],
                         [_layers(inch(seed=seed, **kw), f"Inching: {label}") for label, kw in SCENARIOS],
                         font_size=11)


def inching_view(seed: int = 0):
    """:func:`inching_explorer_figure` with its text alternative."""
    from widgets.display import Explorable

    fig = inching_explorer_figure(seed)
    alt = ("Inching: CMAPs after stimulation every 1 or 2 cm across a segment, stacked from distal (bottom) to "
           "proximal (top); a dashed line marks the step where the response changes. A menu chooses the scenario. "
           + " ".join(f"{label}: {inching_summary(inch(seed=seed, **kw))}" for label, kw in SCENARIOS))
    return Explorable(live=lambda: fig, static=lambda: fig, alt=alt)
