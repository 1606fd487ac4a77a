"""Recording pitfalls in a figure: the same nerve recorded with the electrodes or the filter set differently.

:func:`recording_explorer_figure` precomputes the scenarios of :data:`SCENARIOS`
(the reference recording, the active electrode off the motor point, the
reference electrode over muscle, raised low-frequency filters) into one
stacked-trace figure with a menu, so it works in the book without a kernel;
the verdict and criteria checklist under the traces belong to the scenario
drawn. The live widget offers the same settings in its "Pitfalls" tab.
"""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go

from widgets.conduction.figures import base_figure, study_layers
from widgets.conduction.model import simulate
from widgets.conduction.sweep_figure import scenario_menu

#: (menu label, nerve, recording settings) of the explorer
SCENARIOS = (
    ("Electrodes placed well (reference)", "median", {}),
    ("Active electrode 10 mm off the motor point", "median", {"electrode_offset_mm": 10.0}),
    ("Reference electrode over the muscle", "median", {"reference_pickup": 0.3}),
    ("Low-frequency filter 20 Hz", "median", {"low_frequency_filter_hz": 20.0}),
    ("Low-frequency filter 100 Hz", "median", {"low_frequency_filter_hz": 100.0}),
    ("Tibial nerve, filter 100 Hz", "tibial", {"low_frequency_filter_hz": 100.0}),
)
#: Points per trace (page weight of six precomputed states).
POINTS = 150
#: Characters per title line (a 390 px phone screen).
TITLE_WRAP = 38


def scenario_studies(seed: int = 0) -> list:
    """(label, study) of every scenario, for one person."""
    return [(label, simulate(nerve, seed=seed, **kw)) for label, nerve, kw in SCENARIOS]


def recording_explorer_figure(seed: int = 0) -> go.Figure:
    """Kernel-free figure: a menu of :data:`SCENARIOS`, each redrawing traces, cursors, verdict and checklist."""
    studies = scenario_studies(seed)
    layers = []
    for label, s in studies:
        lay = study_layers(s, n_points=POINTS)
        title = f"{s.nerve.label}: {label.lower()}" if not label.startswith("Tibial") else label
        lay["title"] = "<br>".join(textwrap.wrap(title, TITLE_WRAP))
        layers.append(lay)
    fig = scenario_menu(base_figure(), [label for label, _ in studies], layers, font_size=11)
    lines = max(a["text"].count("<br>") + 1 for lay in layers for a in lay["annotations"] if a.get("yref") == "paper")
    bottom = 110 + 17 * lines
    fig.update_layout(margin=dict(b=bottom, l=30, r=10, t=135), height=440 + bottom)
    fig.layout.title.update(y=0.985, yanchor="top", yref="container", font=dict(size=15))
    fig.layout.yaxis.title.text = "CMAP (mV, negative up)"
    return fig


def _summary(s) -> str:
    d = s.distal
    dur = f"{d.duration_ms:.1f} ms" if math.isfinite(d.duration_ms) else "not measurable"
    return (f"distal latency {d.latency_ms:.1f} ms, amplitude {d.amplitude_mv:.1f} mV, negative-peak duration {dur}, "
            f"proximal/distal amplitude ratio {s.segments[0].amplitude_ratio:.2f}")


def recording_view(seed: int = 0):
    """:func:`recording_explorer_figure` with its text alternative, for a chapter cell."""
    from widgets.display import Explorable

    fig = recording_explorer_figure(seed)
    alt = ("Stacked CMAPs of one normal nerve recorded in different ways, chosen from a menu; the verdict and the "
           "criteria checklist under the traces belong to the recording drawn. "
           + " ".join(f"{label}: {_summary(s)}." for label, s in scenario_studies(seed)))
    return Explorable(live=lambda: fig, static=lambda: fig, alt=alt)
