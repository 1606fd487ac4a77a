"""Stimulus–response: CMAP amplitude against stimulus current, submaximal stimulation and current spread.

Each motor axon has an electrical threshold: large axons are excited first
(``UnitPool.threshold``, a rank from 0 to 1). The current needed rises with
the depth of the nerve under the stimulator, so a current that is supramaximal
at the wrist can be submaximal at Erb's point, and a proximal response that is
smaller only for that reason mimics a conduction block. Too much current, on
the other hand, spreads to a neighbouring nerve (co-stimulation) whose muscles
add a volume-conducted potential: the response grows past its true maximum.

All current values here are ILLUSTRATIVE model choices (:class:`StimulationModel`),
chosen to show the shapes of the curves; the course has verified no normative
stimulation thresholds, so no number from this module should be taught as a
clinical value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtri

from widgets.conduction.model import simulate
from widgets.conduction.pool import motor_pool
from widgets.conduction.study import Study

MODEL = "illustrative model choice (no verified normative value)"


@dataclass(frozen=True)
class StimulationModel:
    """Illustrative threshold model (mA, dimensionless)."""

    #: current (mA) exciting half of the axons, per site name; other sites: by distance (below)
    half_current_ma: tuple[tuple[str, float], ...] = (
        ("wrist", 8.0), ("ankle", 12.0), ("elbow", 12.0), ("below_elbow", 12.0), ("above_elbow", 14.0),
        ("below_fibular_head", 14.0), ("above_fibular_head", 16.0), ("knee", 25.0), ("popliteal_fossa", 22.0),
        ("axilla", 18.0), ("erb", 45.0),
    )
    #: spread of axon thresholds (SD of log threshold)
    log_sd: float = 0.25
    #: co-stimulation of the neighbouring nerve: its half-activation current as a multiple of the site's
    spread_factor: float = 4.0
    #: size of the volume-conducted potential of the co-stimulated muscles, as a fraction of the CMAP
    spread_amplitude: float = 0.3
    #: nerves with a neighbour whose muscles are volume-conducted into the recording (wrist, Erb's point)
    spread_sites: tuple[str, ...] = ("wrist", "erb")


STIMULATION = StimulationModel()


@dataclass(frozen=True)
class StimulusResponse:
    """Amplitude (mV) against current (mA) at one site: the nerve's own CMAP, the co-stimulated part, the total."""

    nerve: str
    site: str
    currents_ma: np.ndarray
    own_mv: np.ndarray
    spread_mv: np.ndarray
    supramaximal_mv: float

    @property
    def total_mv(self) -> np.ndarray:
        """Total amplitude recorded (mV): the nerve's own CMAP plus the co-stimulated part, per current."""
        return self.own_mv + self.spread_mv

    def current_for(self, fraction: float) -> float:
        """Smallest current (mA) whose own response reaches ``fraction`` of the maximum (NaN if never)."""
        ok = self.own_mv >= fraction * self.supramaximal_mv - 1e-9
        return float(self.currents_ma[np.argmax(ok)]) if ok.any() else math.nan


def half_current_ma(site: str, model: StimulationModel = STIMULATION) -> float:
    """Current (mA) that excites half of the axons at ``site``.

    Parameters
    ----------
    site : str
        A site name of ``model.half_current_ma`` (ValueError otherwise).
    model : StimulationModel
        The threshold model.

    Returns
    -------
    float
        Half-activation current (mA).
    """
    table = dict(model.half_current_ma)
    if site not in table:
        raise ValueError(f"site must be one of {tuple(table)}, got {site!r}")
    return table[site]


def stimulus_response(
    study: Study,
    site: str | None = None,
    currents_ma: np.ndarray | None = None,
    *,
    model: StimulationModel = STIMULATION,
) -> StimulusResponse:
    """Amplitude of the CMAP at ``site`` of ``study`` for each stimulus current.

    Parameters
    ----------
    study
        A simulated :class:`Study` (its person and lesions; the supramaximal amplitude at ``site`` is the study's).
    site
        Stimulation site name (default: the distal site).
    currents_ma
        Currents (mA), 0–150; default 0–100 mA in 1 mA steps.
    """
    if not isinstance(study, Study):
        raise ValueError(f"study must be a Study from simulate(), got {type(study).__name__}")
    site = study.sites[0].name if site is None else site
    s = study.site(site)  # raises ValueError naming the sites
    if currents_ma is None:
        currents_ma = np.arange(0.0, 101.0, 1.0)
    cur = np.asarray(currents_ma, dtype=float)
    if cur.ndim != 1 or cur.size == 0 or not np.all(np.isfinite(cur)) or cur.min() < 0 or cur.max() > 150:
        raise ValueError("currents_ma must be a 1-D array of currents from 0 to 150 mA")
    pool = motor_pool(study.nerve.name, study.settings.seed)
    q = np.clip(pool.threshold, 1e-6, 1 - 1e-6)
    thr = half_current_ma(site, model) * np.exp(model.log_sd * ndtri(q))
    w = pool.size
    amp = s.amplitude_mv if math.isfinite(s.amplitude_mv) else 0.0
    frac = (w[None, :] * (thr[None, :] <= cur[:, None])).sum(axis=1) / w.sum()
    own = amp * frac
    spread = np.zeros_like(cur)
    if site in model.spread_sites:
        i_half = model.spread_factor * half_current_ma(site, model)
        z = np.log(np.maximum(cur, 1e-9) / i_half) / model.log_sd
        spread = model.spread_amplitude * amp * 0.5 * (1.0 + np.vectorize(math.erf)(z / math.sqrt(2.0)))
    for a in (cur, own, spread):
        a.flags.writeable = False
    return StimulusResponse(study.nerve.name, site, cur, own, spread, amp)


def pseudo_block(nerve: str = "median", current_ma: float = 40.0, seed: int = 0) -> tuple[float, float]:
    """Proximal/distal amplitude ratio of a normal nerve at one fixed current and at supramaximal stimulation.

    A submaximal proximal stimulus mimics a conduction block.

    Parameters
    ----------
    nerve : str
        Nerve studied.
    current_ma : float
        Current given at the distal and the most proximal site (mA).
    seed : int
        The person.

    Returns
    -------
    tuple of float
        The ratio (most proximal ÷ distal amplitude of the nerve's own CMAP) when both sites get ``current_ma``
        (NaN if the distal response is zero), and the ratio with supramaximal stimulation everywhere.
    """
    st = simulate(nerve, seed=seed)
    d = stimulus_response(st, st.sites[0].name, np.array([current_ma]))
    p = stimulus_response(st, st.sites[-1].name, np.array([current_ma]))
    same = float(p.own_mv[0] / d.own_mv[0]) if d.own_mv[0] > 0 else math.nan
    return same, float(st.sites[-1].amplitude_mv / st.sites[0].amplitude_mv)


def stimulus_response_figure(nerve: str = "median", seed: int = 0, current_ma: float = 40.0):
    """Curves of amplitude (mV) against current (mA) at three sites of a normal nerve.

    The sites are the distal, middle and most proximal ones; the co-stimulated total is dotted where current
    spreads, and ``current_ma`` (mA) is marked.
    """
    import textwrap

    import plotly.graph_objects as go

    from widgets import palette

    st = simulate(nerve, seed=seed)
    sites = [st.sites[0].name, st.sites[len(st.sites) // 2].name, st.sites[-1].name]
    fig = go.Figure()
    for k, name in enumerate(dict.fromkeys(sites)):
        r = stimulus_response(st, name)
        sty = palette.style(k)
        label = st.site(name).label
        fig.add_trace(go.Scatter(x=r.currents_ma.tolist(), y=np.round(r.own_mv, 2).tolist(), mode="lines",
                                 name=f"{label}", line=dict(color=sty.color, dash=sty.dash, width=2.5)))
        if np.any(r.spread_mv > 0.05):
            fig.add_trace(go.Scatter(x=r.currents_ma.tolist(), y=np.round(r.total_mv, 2).tolist(), mode="lines",
                                     name=f"{label} + current spread", line=dict(color=sty.color, dash="longdashdot",
                                                                                   width=1.5)))
    fig.add_vline(x=current_ma, line=dict(color=palette.TEXT, dash="dash", width=1))
    same, true = pseudo_block(nerve, current_ma, seed)
    note = (f"At {current_ma:.0f} mA everywhere the proximal response is {same:.0%} of the distal one (a "
            f"pseudo-block); with supramaximal stimulation at each site it is {true:.0%}. Currents are "
            "illustrative.")
    fig.update_layout(
        height=640, margin=dict(l=40, r=12, t=70, b=270), font=dict(size=13),
        title=dict(text="<br>".join(textwrap.wrap(f"Stimulus–response: {st.nerve.label.lower()}", 40))),
        xaxis=dict(title=dict(text="Stimulus current (mA)"), gridcolor=palette.GRID),
        yaxis=dict(title=dict(text="CMAP amplitude (mV)"), gridcolor=palette.GRID, rangemode="tozero"),
        legend=dict(orientation="h", y=-0.22, x=0, font=dict(size=11)),
        annotations=[dict(x=0, y=-0.62, xref="paper", yref="paper", xanchor="left", yanchor="top", align="left",
                          showarrow=False, text="<br>".join(textwrap.wrap(note, 46)),
                          font=dict(size=12, color=palette.TEXT))],
    )
    return fig, note


def stimulus_response_view(nerve: str = "median", seed: int = 0):
    """:func:`stimulus_response_figure` with its text alternative."""
    from widgets.display import Explorable

    fig, note = stimulus_response_figure(nerve, seed)
    alt = ("Stimulus–response curves: CMAP amplitude rises in an S-shape with current and levels off when every "
           "axon is excited (supramaximal); the proximal site needs much more current than the distal one; at "
           "the wrist, a dash-dot curve keeps rising at high current as current spreads to the neighbouring nerve. "
           + note)
    return Explorable(live=lambda: fig, static=lambda: fig, alt=alt)
