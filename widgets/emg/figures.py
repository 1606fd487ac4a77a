"""Pictures of a needle EMG recording: the screen as on an EMG machine, the MUP inset, and the findings in words.

:func:`recording_layers` turns a :class:`~widgets.emg.model.Recording` into
plain data (decimated trace, MUP inset, axis ranges from sweep speed and gain,
the findings text); :func:`recording_figure` draws it; the live view and the
kernel-free figure write the same layers, so all look alike. The screen is
drawn negative-up (EMG convention) as a solid line; the inset MUP of the first
recruited unit is dashed (line style as a second channel).
"""

from __future__ import annotations

import html
import textwrap

import numpy as np
import plotly.graph_objects as go

from widgets import palette
from widgets.emg.model import Recording
from widgets.emg.presets import get_preset
from widgets.emg.reference_values import PHASES, get_muscle

#: Default sweep speed (ms per division, 10 divisions) and gain (µV per division, 8 divisions) per phase.
SWEEP_MS_PER_DIV = {"insertion": 100, "rest": 100, "minimal": 50, "maximal": 20}
GAIN_UV_PER_DIV = {"insertion": 100, "rest": 100, "minimal": 500, "maximal": 1000}
SWEEPS = (10, 20, 50, 100)
GAINS = (50, 100, 200, 500, 1000)
#: Points of the decimated screen (min/max pairs keep brief spikes visible).
STATIC_POINTS = 300
LIVE_POINTS = 1200


def _envelope(y: np.ndarray, n_points: int) -> np.ndarray:
    """Min/max decimation to about ``n_points`` values: brief spikes survive."""
    bins = max(n_points // 2, 1)
    if y.size <= n_points:
        return y
    edges = np.linspace(0, y.size, bins + 1).astype(int)
    lo = np.minimum.reduceat(y, edges[:-1])
    hi = np.maximum.reduceat(y, edges[:-1])
    first_hi = np.array([np.argmax(y[a:b]) < np.argmin(y[a:b]) for a, b in zip(edges[:-1], edges[1:])])
    out = np.empty(2 * bins)
    out[0::2] = np.where(first_hi, hi, lo)
    out[1::2] = np.where(first_hi, lo, hi)
    return out


def findings_text(rec: Recording) -> str:
    """What the screen shows, in words (the figure's text alternative and the verdict under it)."""
    muscle = get_muscle(rec.muscle)
    if rec.phase in ("insertion", "rest"):
        fib, psw, fasc = rec.count("fibrillation"), rec.count("psw"), rec.count("fasciculation")
        parts = []
        if rec.phase == "insertion":
            prolonged = " (prolonged)" if rec.insertional_ms >= 300 else ""
            parts.append(f"insertional activity about {rec.insertional_ms:.0f} ms{prolonged}")
        if fib or psw:
            parts.append(f"fibrillation potentials and positive sharp waves (grade {rec.state.denervation}+): "
                         f"{fib} fibrillations and {psw} positive sharp waves in 1 s")
        if fasc:
            parts.append(f"{fasc} fasciculation potential{'s' if fasc > 1 else ''} (whole motor units firing "
                         "on their own)")
        elif rec.state.fasciculations_per_s > 0:
            parts.append("no fasciculation on this screen (they are irregular: watch longer)")
        if not (fib or psw or fasc):
            parts.append("no spontaneous activity")
        body = "; ".join(parts)
    else:
        n = len(rec.firing)
        rates = ", ".join(f"{r:.0f}" for _, r in rec.firing[:6])
        body = f"{n} unit{'s' if n != 1 else ''} firing ({rates}{'…' if n > 6 else ''} Hz); " \
               f"recruitment ratio {rec.recruitment_ratio:.1f}"
        if rec.mups:
            m = rec.mups[0]
            body += (f"; first MUP {m.amplitude_uv / 1000:.2f} mV, {m.duration_ms:.1f} ms, {m.phases} phases"
                     + (", unstable" if m.unstable else ""))
        if rec.phase == "maximal":
            body += f"; interference pattern {rec.interference}"
    return f"{muscle.label}, {PHASES[rec.phase].split(' (')[0].lower()}: {body}."


def recording_layers(rec: Recording, *, sweep_ms_per_div: float | None = None, gain_uv_per_div: float | None = None,
                     n_points: int = STATIC_POINTS) -> dict:
    """Plain data of one EMG screen, for a figure or the browser.

    Parameters
    ----------
    rec : Recording
        The recording to draw.
    sweep_ms_per_div, gain_uv_per_div : float, optional
        Sweep (ms per division) and gain (µV per division); the phase's usual setting when omitted.
    n_points : int
        Number of points of the drawn (envelope) trace.

    Returns
    -------
    dict
        ``x0``, ``dx`` (ms), ``y`` (screen, µV negated so negative is up), ``mup_x`` (ms), ``mup_y`` (µV,
        inset: the first unit's MUP), ``x_range`` (ms), ``y_range`` (µV), ``title``, ``text``, ``sweep`` and
        ``gain``.
    """
    sweep = float(sweep_ms_per_div or SWEEP_MS_PER_DIV[rec.phase])
    gain = float(gain_uv_per_div or GAIN_UV_PER_DIV[rec.phase])
    span = min(10 * sweep, rec.signal_uv.size * 1000.0 / rec.fs_hz)
    n = int(span * rec.fs_hz / 1000.0)
    y = _envelope(-rec.signal_uv[:n], n_points)
    dx = span / max(y.size - 1, 1)
    mup_x, mup_y = [], []
    if rec.templates and rec.phase == "minimal":
        tpl = -rec.templates[0]
        step = 8
        mup_y = np.round(tpl[::step]).astype(int).tolist()
        mup_x = np.round(np.arange(len(mup_y)) * step * 1000.0 / rec.fs_hz, 2).tolist()
    muscle = get_muscle(rec.muscle)
    who = muscle.short if rec.preset is None else f"{get_preset(rec.preset).short} · {muscle.short}"
    title = "<br>".join(textwrap.wrap(f"{who} · {PHASES[rec.phase].split(' (')[0]}", 34))
    return dict(x0=0.0, dx=round(dx, 4), y=np.round(y).astype(int).tolist(), mup_x=mup_x, mup_y=mup_y,
                x_range=[0.0, span], y_range=[-4 * gain, 4 * gain], title=title,
                text=findings_text(rec), sweep=sweep, gain=gain)


def base_figure(*, height: int = 560) -> go.Figure:
    """Empty EMG screen: trace 0 the screen (solid), trace 1 the first unit's MUP (dashed, inset)."""
    fig = go.Figure()
    st0, st1 = palette.STYLES[0], palette.STYLES[1]
    fig.add_trace(go.Scatter(y=[], x0=0.0, dx=1.0, mode="lines", name="Needle EMG screen",
                             line=dict(color=st0.color, dash=st0.dash, width=1.2),
                             hovertemplate="%{x:.0f} ms<extra></extra>"))
    fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name="First unit's MUP (inset)", xaxis="x2", yaxis="y2",
                             line=dict(color=st1.color, dash=st1.dash, width=2),
                             hovertemplate="%{x:.1f} ms<extra>MUP</extra>"))
    fig.update_layout(
        height=height, showlegend=False, margin=dict(l=56, r=12, t=90, b=150), font=dict(size=13),
        xaxis=dict(title=dict(text="Time (ms)"), gridcolor=palette.GRID, zeroline=False, domain=[0, 1]),
        yaxis=dict(title=dict(text="µV (negative up)"), gridcolor=palette.GRID, zeroline=False),
        xaxis2=dict(domain=[0.7, 1.0], anchor="y2", showticklabels=False, showgrid=False, zeroline=False,
                    range=[0, 40]),
        yaxis2=dict(domain=[0.68, 1.0], anchor="x2", showticklabels=False, showgrid=False, zeroline=False),
    )
    return fig


def _annotations(layers: dict) -> list[dict]:
    words = f"{layers['sweep']:g} ms/div, {layers['gain']:g} µV/div. {layers['text']}"
    text = "<br>".join(html.escape(line) for line in textwrap.wrap(words, 40))
    anns = [dict(x=0, y=-0.2, xref="paper", yref="paper", xanchor="left", yanchor="top", align="left",
                 showarrow=False, text=text, font=dict(size=13, color=palette.TEXT))]
    if layers["mup_y"]:
        anns.append(dict(x=1, y=1.0, xref="paper", yref="paper", xanchor="right", yanchor="bottom",
                         showarrow=False, text="MUP (dashed, 40 ms)", font=dict(size=12, color=palette.TEXT)))
    return anns


def update_args(layers: dict) -> list:
    """``[data, layout]`` of a plotly ``update`` call that shows ``layers``."""
    data = {"y": [layers["y"], layers["mup_y"]], "x": [None, layers["mup_x"]], "x0": [0.0, None],
            "dx": [layers["dx"], None]}
    span = layers["x_range"][1]
    layout = {
        "xaxis.range": layers["x_range"], "yaxis.range": layers["y_range"],
        "xaxis.dtick": span / 10, "yaxis.dtick": layers["y_range"][1] / 4,
        "title.text": layers["title"], "annotations": _annotations(layers),
    }
    return [data, layout]


def apply_layers(fig: go.Figure, layers: dict) -> None:
    """Draw one screen's plain data into a figure made by :func:`base_figure`, in place.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure to update (trace 0 the screen, trace 1 the MUP inset).
    layers : dict
        What :func:`recording_layers` returns.
    """
    fig.data[0].y = layers["y"]
    fig.data[0].x0 = 0.0
    fig.data[0].dx = layers["dx"]
    fig.data[1].x = layers["mup_x"]
    fig.data[1].y = layers["mup_y"]
    span = layers["x_range"][1]
    fig.layout.xaxis.range = layers["x_range"]
    fig.layout.yaxis.range = layers["y_range"]
    fig.layout.xaxis.dtick = span / 10
    fig.layout.yaxis.dtick = layers["y_range"][1] / 4
    fig.layout.title.text = layers["title"]
    fig.layout.annotations = _annotations(layers)


def recording_figure(rec: Recording, **kwargs) -> go.Figure:
    """Static figure of one screen."""
    fig = base_figure()
    apply_layers(fig, recording_layers(rec, **kwargs))
    return fig
