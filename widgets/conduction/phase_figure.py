"""Phase cancellation: the same dispersion costs a CMAP little area and a SNAP much (a two-panel figure)."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from widgets import palette
from widgets.conduction.figures import STATIC_POINTS


def phase_cancellation_figure(nerve: str = "median", *, dispersion: float = 0.5, seed: int = 0) -> go.Figure:
    """CMAP and SNAP at the two ends of the key segment with the same per-axon dispersion.

    Left: CMAP at the distal site and across the segment; right: the SNAP. The
    titles give the share of negative-peak area each keeps. Long motor-unit
    potentials overlap and keep their area; short sensory potentials cancel.
    """
    from plotly.subplots import make_subplots

    from widgets.conduction.lesions import Lesion
    from widgets.conduction.model import simulate
    from widgets.conduction.reference_values import get_nerve

    spec = get_nerve(nerve)
    seg = spec.segment(spec.key_segment)
    s = simulate(nerve, lesions=(Lesion(seg.name, dispersion=dispersion, sensory=True),), seed=seed)
    m = s.segment(seg.name)
    sn = s.snap.segments[0]
    d, p = s.sites[0], s.sites[1]
    sd, sp = s.snap.sites[0], s.snap.sites[1]
    fig = make_subplots(
        rows=1, cols=2, horizontal_spacing=0.1,
        subplot_titles=(
            f"CMAP keeps {m.area_ratio:.0%} of its area",
            f"SNAP keeps {sn.area_ratio:.0%} of its area",
        ),
    )
    t = s.time_ms
    for col, (a, b, unit, ya, yb) in enumerate(
        ((d, p, "mV", -d.cmap_mv, -p.cmap_mv), (sd, sp, "µV", -sd.snap_uv, -sp.snap_uv)), start=1
    ):
        # show from the stimulus to a little after the proximal response, at most STATIC_POINTS points
        end = b.latency_ms if math.isfinite(b.latency_ms) else a.latency_ms + 10
        t_end = min(float(t[-1]), end + (20.0 if col == 1 else 8.0))
        xs = np.linspace(0.0, t_end, STATIC_POINTS)
        for k, (site, y) in enumerate(((a, ya), (b, yb))):
            st = palette.style(k)
            fig.add_trace(
                go.Scatter(x0=0.0, dx=round(float(xs[1] - xs[0]), 5), y=np.round(np.interp(xs, t, y), 2).tolist(),
                           mode="lines",
                           name=f"{'CMAP' if col == 1 else 'SNAP'}, {site.label}",
                           line=dict(color=st.color, dash=st.dash, width=2.5)),
                row=1, col=col,
            )
        fig.update_yaxes(title_text=f"{'CMAP' if col == 1 else 'SNAP'} ({unit}, negative up)", row=1, col=col,
                         gridcolor=palette.GRID)
        fig.update_xaxes(title_text="Time after the stimulus (ms)", row=1, col=col, gridcolor=palette.GRID,
                         range=[0, t_end])
    fig.update_layout(
        height=430,
        title=dict(text=f"Same dispersion ({dispersion:.0%}) in the {seg.label.split(' (')[0]}: "
                        f"{spec.label.lower()}, distal site and across the segment"),
        legend=dict(orientation="h", y=-0.25),
        margin=dict(b=110),
    )
    return fig


def phase_cancellation_view(nerve: str = "median", *, dispersion: float = 0.5):
    """:func:`phase_cancellation_figure` with its text alternative."""
    from widgets.display import Explorable

    fig = phase_cancellation_figure(nerve, dispersion=dispersion)
    t1 = fig.layout.annotations[0].text
    t2 = fig.layout.annotations[1].text
    alt = (f"Two panels, {nerve} nerve, the same temporal dispersion in one segment. Left: the CMAP after distal "
           f"stimulation and after stimulation across the segment; {t1}. Right: the SNAP for the same sites; {t2}. "
           "Short sensory potentials cancel each other much more than long motor-unit potentials.")
    return Explorable(live=lambda: fig, static=lambda: fig, alt=alt)
