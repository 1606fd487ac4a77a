"""Figures of the virtual trial (:mod:`widgets.ivig.trial`): one trial, and the kernel-free explorer for the book.

The figure shows each patient's change of the outcome on placebo and on IVIg, joined by a line in a crossover (each
person is their own control), the mean of each arm with its 95% confidence interval, and the placebo "responders".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from widgets import palette
from widgets.ivig.trial import DESIGNS, TrialResult, run_trial
from widgets.ivig.trial_outcomes import OUTCOMES

#: Trial sizes offered by the kernel-free slider (16 = Federico 2000, 44 = Hahn 2013).
SIZES: tuple[int, ...] = (8, 16, 44, 100)
START_SIZE = 16
#: Order of the traces of one trial.
TRIAL_TRACES = ("pairs", "placebo_responders", "means")
X = {"placebo": 0.0, "ivig": 1.0}

TRIAL_ALT = (
    "A virtual trial of IVIg against placebo. In a crossover each patient is a pair of points joined by a line: the "
    "change of the outcome over the placebo period (left) and over the IVIg period (right); in a parallel trial the "
    "two columns are different people. Large markers with error bars give the mean change of each arm with its 95% "
    "confidence interval; diamonds mark placebo 'responders', who met the response rule by chance. A menu chooses the "
    "trial (like Federico 2000, Léger 2001 or Hahn 2013), its outcome (grip, MRC sum score, disability grade or "
    "conduction block), crossover or parallel groups, and the washout; a slider chooses the number of patients. "
    " The legend gives the difference with its confidence interval and p-value, and the carry-over test."
)


def _jitter(n: int) -> np.ndarray:
    return np.linspace(-0.12, 0.12, n) if n > 1 else np.zeros(n)


def trial_series(result: TrialResult) -> dict[str, dict]:
    """Data of the three traces of ``result`` (see :data:`TRIAL_TRACES`), rounded."""
    crossover = result.arrangement == "crossover"
    n = result.n
    jit = _jitter(result.change_placebo.size)[np.argsort(np.argsort(result.change_placebo))]
    jit_ivig = jit if crossover else _jitter(result.change_ivig.size)[np.argsort(np.argsort(result.change_ivig))]
    xs, ys = [], []
    if crossover:  # each person's two periods joined by a line
        for i in range(n):
            xs += [round(X["placebo"] + jit[i], 3), round(X["ivig"] + jit[i], 3), None]
            ys += [round(float(result.change_placebo[i]), 1), round(float(result.change_ivig[i]), 1), None]
    else:  # two groups of different people: points, no lines
        for x0, jj, values in ((X["placebo"], jit, result.change_placebo), (X["ivig"], jit_ivig, result.change_ivig)):
            for j, v in zip(jj, values, strict=True):
                xs += [round(x0 + j, 3), None]
                ys += [round(float(v), 1), None]
    resp = result.responded_placebo
    arms = result.arm_means()
    k, m, lo, hi = result.responders()["placebo"]
    k_i, m_i, *_ = result.responders()["ivig"]
    means = [arms["placebo"], arms["ivig"]]
    u = result.unit
    return {
        "pairs": dict(
            x=xs,
            y=ys,
            name=f"{n} patients, each on<br>placebo and on IVIg"
            if crossover
            else f"{n} patients: {result.change_placebo.size} on placebo,<br>{result.change_ivig.size} others on IVIg",
        ),
        "placebo_responders": dict(
            x=[round(X["placebo"] + j, 3) for j in jit[resp]],
            y=[round(float(v), 1) for v in result.change_placebo[resp]],
            name=f"Placebo 'responders'<br>({_RULE[result.outcome]}): {k}/{m}<br>(on IVIg: {k_i}/{m_i})",
        ),
        "means": dict(
            x=[X["placebo"], X["ivig"]],
            y=[round(mean, 1) for mean, _ in means],
            error_y=dict(
                type="data",
                symmetric=False,
                array=[round(ci[1] - mean, 1) for mean, ci in means],
                arrayminus=[round(mean - ci[0], 1) for mean, ci in means],
                thickness=3,
                width=10,
            ),
            name=(
                f"Mean of each arm ± 95% CI.<br>{result.arrangement.capitalize()}: IVIg − placebo "
                f"{result.difference:+.1f} {u}<br>"
                f"(95% CI {result.ci[0]:+.1f} to {result.ci[1]:+.1f}), p {_p(result.p)}"
                + ("" if result.carryover_p is None else f".<br>Carry-over test: p {_p(result.carryover_p)}")
            ),
        ),
    }


def _p(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"= {p:.3f}" if p < 0.01 else f"= {p:.2f}"


def trial_traces(result: TrialResult, *, visible: bool = True) -> list[go.Scatter]:
    """The three traces of one trial, in the order of :data:`TRIAL_TRACES`."""
    d = trial_series(result)
    grey, accent, main = palette.GRID, palette.HIGHLIGHT.color, palette.style(1).color
    return [
        go.Scatter(
            **d["pairs"],
            mode="lines+markers",
            line=dict(color="#8a8a8a", width=1),
            marker=dict(size=5, color="#6b6b6b"),
            hoverinfo="skip",
            visible=visible,
        ),
        go.Scatter(
            **d["placebo_responders"],
            mode="markers",
            marker=dict(symbol="diamond", size=11, color=accent, line=dict(width=1, color=grey)),
            hovertemplate="placebo 'responder': %{y:+.1f}<extra></extra>",
            visible=visible,
        ),
        go.Scatter(
            **d["means"],
            mode="markers",
            marker=dict(symbol="square", size=14, color=main),
            hovertemplate="mean %{y:+.1f}<extra></extra>",
            visible=visible,
        ),
    ]


def _layout(fig: go.Figure, title: str, outcome: str = "grip_pct") -> None:
    fig.update_layout(
        # plotly anchors a multi-line title by its first line: leave that line room above it
        title=dict(text=title, x=0, xanchor="left", yref="container", y=1 - (10 + 1.2 * 14) / 800, yanchor="top"),
        height=800,
        margin=dict(t=170, b=300, l=60, r=10),
        legend=dict(orientation="v", yanchor="top", y=-0.12, x=0),
        font=dict(size=14),
        hovermode="closest",
    )
    fig.update_xaxes(tickvals=[0, 1], ticktext=["placebo period", "IVIg period"], range=[-0.45, 1.45])
    fig.update_yaxes(title_text=_axis_title(outcome), zeroline=True, zerolinewidth=2, gridcolor=palette.GRID)


def _axis_title(outcome: str) -> str:
    o = OUTCOMES[outcome]
    better = "higher = better" if o.higher_is_better else "lower = better"
    unit = "%" if outcome == "grip_pct" else o.unit
    return f"{_SHORT[outcome]} change ({unit}), {better}"  # short: the plot is 330 px tall


_SHORT = {"grip_pct": "Grip", "grip_kg": "Grip", "mrc_sum": "MRC sum", "disability": "Disability", "block_pct": "Block"}
#: The responder rules of :data:`OUTCOMES`, short enough for a legend at phone width.
_RULE = {
    "grip_pct": "grip +15% or more",
    "grip_kg": "grip +15% or more",
    "mrc_sum": "+1 grade in 2 muscles",
    "disability": "1 grade better",
    "block_pct": "block reversed",
}
_MEASURED = {
    "grip_pct": "grip of the weaker hand (%)",
    "grip_kg": "grip of the weaker hand (kg)",
    "mrc_sum": "MRC sum score",
    "disability": "upper-limb disability grade",
    "block_pct": "measured conduction block",
}


def _title(
    name: str, washout_weeks: float | None = None, arrangement: str = "crossover", outcome: str | None = None
) -> str:
    d = DESIGNS[name]
    washout = d.washout_weeks if washout_weeks is None else washout_weeks
    what = (
        d.label.split(": ", 1)[1]
        .replace(" or ", "<br>or ")
        .replace(", measured", ",<br>measured")
        .replace(" for 3", "<br>for 3")
    )
    kind, how = (
        ("crossover", f"washout {washout:g} weeks")
        if arrangement == "crossover"
        else ("parallel trial", "two groups of different people")
    )
    measured = "" if outcome is None else f";<br>outcome: {_MEASURED[outcome]}"
    return f"{d.label.split(':')[0]} {kind}<br><sup>{what};<br>{how}{measured}</sup>"


def trial_figure(result: TrialResult) -> go.Figure:
    """Static figure of one virtual trial."""
    fig = go.Figure(trial_traces(result))
    name = next((k for k, d in DESIGNS.items() if d.label == result.design.label), None)
    title = (
        _title(name, result.design.washout_weeks, result.arrangement, result.outcome) if name else result.design.label
    )
    _layout(fig, title, result.outcome)
    return fig


@dataclass(frozen=True)
class Scenario:
    """One entry of the book's menu: a design, an outcome, crossover or parallel, and the washout."""

    label: str
    design: str
    outcome: str
    arrangement: str = "crossover"
    washout_weeks: float | None = None

    def run(self, n: int, seed: int) -> TrialResult:
        """Run this scenario's trial (see :func:`~widgets.ivig.trial.run_trial`).

        Parameters
        ----------
        n : int
            Number of patients.
        seed : int
            The trial: which people enrol and how they are randomised.

        Returns
        -------
        TrialResult
            The trial's result.
        """
        return run_trial(
            self.design, n, seed, outcome=self.outcome, arrangement=self.arrangement, washout_weeks=self.washout_weeks
        )

    def title(self) -> str:
        """Title of the scenario's figure (design, washout, arrangement and outcome)."""
        return _title(self.design, self.washout_weeks, self.arrangement, self.outcome)


#: The kernel-free menu: each trial's own outcome, the same trial as a parallel design, and washout or none.
SCENARIOS: tuple[Scenario, ...] = (
    Scenario("Federico-like crossover: grip kg", "federico", "grip_kg"),
    Scenario("Federico-like parallel: grip kg", "federico", "grip_kg", "parallel"),
    Scenario("Federico-like crossover: block", "federico", "block_pct"),
    Scenario("Léger-like, no washout: MRC sum", "leger", "mrc_sum", washout_weeks=0),
    Scenario("Léger-like, 12-wk washout: MRC sum", "leger", "mrc_sum", washout_weeks=12),
    Scenario("Léger-like, no washout: grip %", "leger", "grip_pct", washout_weeks=0),
    Scenario("Hahn-like crossover: grip %", "hahn", "grip_pct"),
    Scenario("Hahn-like crossover: disability", "hahn", "disability"),
)
START_SCENARIO = 0


def kernel_free_trial_figure(seed: int = 2026) -> go.Figure:
    """The kernel-free trial explorer: a scenario menu × a trial-size slider.

    The menu picks design, outcome, crossover or parallel, and washout; every combination is precomputed
    (pure-JS plotly controls, no kernel).

    Parameters
    ----------
    seed : int, default 2026
        The trials' seed.

    Returns
    -------
    plotly.graph_objects.Figure
        The figure with its menu and slider.
    """
    results = {n: [sc.run(n, seed) for sc in SCENARIOS] for n in SIZES}
    first = START_SCENARIO
    fig = go.Figure()
    for i, result in enumerate(results[START_SIZE]):
        for trace in trial_traces(result, visible=(i == first)):
            fig.add_trace(trace)
    k = len(TRIAL_TRACES)
    buttons = [
        dict(
            label=sc.label,
            method="update",
            args=[
                {"visible": [j // k == i for j in range(k * len(SCENARIOS))]},
                {"title.text": sc.title(), "yaxis.title.text": _axis_title(sc.outcome)},
            ],
        )
        for i, sc in enumerate(SCENARIOS)
    ]
    steps = []
    for n in SIZES:
        data = [trial_series(r) for r in results[n]]
        flat = [d[key] for d in data for key in TRIAL_TRACES]
        steps.append(
            dict(
                label=f"{n}",
                method="restyle",
                args=[
                    {
                        "x": [t["x"] for t in flat],
                        "y": [t["y"] for t in flat],
                        "name": [t["name"] for t in flat],
                        "error_y": [t.get("error_y", {}) for t in flat],
                    }
                ],
            )
        )
    _layout(fig, SCENARIOS[first].title(), SCENARIOS[first].outcome)
    fig.update_layout(
        updatemenus=[
            dict(
                type="dropdown",
                buttons=buttons,
                active=first,
                showactive=True,
                x=0,
                xanchor="left",
                y=1.02,
                yanchor="bottom",
            )
        ],
        sliders=[
            dict(
                active=SIZES.index(START_SIZE),
                steps=steps,
                currentvalue=dict(prefix="Patients: "),
                x=0,
                len=1.0,
                y=-0.75,
                yanchor="top",
                pad=dict(t=10, b=10),
            )
        ],
    )
    return fig
