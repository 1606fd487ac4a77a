"""F-wave display: a raster of consecutive sweeps, as on an EMG machine, with a scenario menu.

:func:`fwave_figure` draws one :class:`~widgets.conduction.fwaves.FWaveStudy`;
:func:`fwave_explorer` precomputes a few scenarios into one plotly figure
with a dropdown (works in the book without a kernel).
"""

from __future__ import annotations

import html
import math

import numpy as np
import plotly.graph_objects as go

from widgets import palette
from widgets.conduction.fwaves import FWaveStudy, f_waves
from widgets.conduction.lesions import Lesion
from widgets.conduction.model import simulate
from widgets.conduction.sweep_figure import apply_layers, scenario_menu, stacked_figure

#: Sweeps drawn (the first ones of the train) and points per sweep.
SWEEPS = 10
POINTS = 120

#: Scenarios of the explorer: (menu label, nerve, simulate keyword arguments).
SCENARIOS = (
    ("Normal ulnar nerve", "ulnar", {}),
    ("MMN: block in the upper arm", "ulnar", {"lesions": (Lesion("upper_arm", block=0.7),)}),
    ("CIDP: diffuse slowing (median)", "median", {"preset": "cidp"}),
    ("ALS: half the neurons lost", "ulnar", {"axon_loss": 0.5, "reinnervation": 0.8}),
    ("ALS: 90% of neurons lost", "ulnar", {"axon_loss": 0.9, "reinnervation": 0.8}),
)


def fwave_summary(f: FWaveStudy) -> str:
    """One-line reading of a train (plain text)."""
    if f.absent:
        return f"No F-wave in {f.n_stimuli} stimuli (persistence 0%)."
    return (f"Minimal latency {f.min_latency_ms:.1f} ms (upper limit {f.upper_limit_ms:.1f} ms for a height of "
            f"{f.height_cm:.0f} cm); persistence {f.persistence:.0%}; chronodispersion {f.chronodispersion_ms:.1f} ms.")


def _layers(f: FWaveStudy, title: str) -> dict:
    t = f.time_ms
    lo = 0.5 * f.upper_limit_ms
    hi = float(t[-1])
    xs = np.linspace(lo, hi, POINTS)
    sweeps = f.sweeps_uv[:SWEEPS]
    span = float(np.max(np.abs(sweeps))) if np.any(sweeps) else 100.0
    gap = max(span * 1.1, 50.0)
    ys, shapes = [], []
    for k in range(SWEEPS):
        y = np.interp(xs, t, sweeps[k]) - k * gap if k < len(sweeps) else []
        ys.append(np.round(y).astype(int).tolist() if len(y) else [])
    for x, dash, width in ((f.upper_limit_ms, "dash", 2),):
        shapes.append(dict(type="line", x0=round(x, 2), x1=round(x, 2), y0=0, y1=1, yref="paper",
                           line=dict(color=palette.TEXT, dash=dash, width=width)))
    annotations = []
    if not f.absent:
        shapes.append(dict(type="line", x0=round(f.min_latency_ms, 2), x1=round(f.min_latency_ms, 2), y0=0, y1=1,
                           yref="paper", line=dict(color=palette.style(1).color, width=2)))
    import textwrap

    key = "Solid line: minimal latency. Dashed line: upper limit. " if not f.absent else "Dashed line: upper limit. "
    summary = "<br>".join(html.escape(x) for x in textwrap.wrap(key + fwave_summary(f), 50))
    annotations.append(dict(x=0, y=-0.14, xref="paper", yref="paper", xanchor="left", yanchor="top", align="left",
                            showarrow=False, text=summary, font=dict(size=12, color=palette.TEXT)))
    return dict(ys=ys, x0=round(lo, 3), dx=round((hi - lo) / (POINTS - 1), 5), shapes=shapes, annotations=annotations,
                y_range=[-(SWEEPS - 0.5) * gap, gap * 0.8],
                title="<br>".join(textwrap.wrap(title, 40)))


def _figure() -> go.Figure:
    return stacked_figure(SWEEPS, height=580, margin=dict(l=28, r=12, t=135, b=120),
                          y_title="F-waves (one sweep per stimulus)")


def fwave_figure(f: FWaveStudy, *, title: str | None = None) -> go.Figure:
    """The first :data:`SWEEPS` sweeps of a train, stacked, with the minimal latency and the upper limit."""
    fig = _figure()
    apply_layers(fig, _layers(f, title or f"F-waves, {f.nerve} nerve"))
    return fig


def scenario_trains(seed: int = 0) -> list[tuple[str, FWaveStudy]]:
    """The F-wave trains of :data:`SCENARIOS` for one person."""
    return [(label, f_waves(simulate(nerve, seed=seed, **kw))) for label, nerve, kw in SCENARIOS]


def fwave_explorer_figure(seed: int = 0) -> go.Figure:
    """Kernel-free figure: a dropdown of :data:`SCENARIOS`, each redrawing the sweeps and the reading."""
    trains = scenario_trains(seed)
    return scenario_menu(_figure(), [label for label, _ in trains],
                         [_layers(f, f"F-waves: {label}") for label, f in trains])


def describe_fwaves(seed: int = 0) -> str:
    """Text alternative of :func:`fwave_explorer_figure`."""
    parts = [f"{label}: {fwave_summary(f)}" for label, f in scenario_trains(seed)]
    return ("F-wave sweeps, one per stimulus, stacked; a solid line marks the minimal latency and a dashed line "
            "the upper limit of normal. A menu chooses the scenario. " + " ".join(parts))


def fwave_view(seed: int = 0):
    """:func:`fwave_explorer_figure` with its text alternative, for a chapter cell."""
    from widgets.display import Explorable

    fig = fwave_explorer_figure(seed)
    return Explorable(live=lambda: fig, static=lambda: fig, alt=describe_fwaves(seed))


def fwave_table(f: FWaveStudy) -> dict:
    """The measures as a plain dict (ms, %, cm), NaN rounded away for display."""
    r = lambda x: None if not math.isfinite(x) else round(x, 1)  # noqa: E731
    return {"minimal latency (ms)": r(f.min_latency_ms), "upper limit (ms)": r(f.upper_limit_ms),
            "persistence (%)": round(100 * f.persistence), "chronodispersion (ms)": r(f.chronodispersion_ms),
            "height (cm)": round(f.height_cm)}
