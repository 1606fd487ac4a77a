"""Views of the virtual trial (:mod:`widgets.ivig.trial`): a figure of one trial, the kernel-free
explorer for the book, and the live explorer for JupyterLab.

The figure shows each patient's change of grip on placebo and on IVIg, joined by
a line (each person is their own control in a crossover), the mean of each arm
with its 95% confidence interval, and the placebo "responders".
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from widgets import palette
from widgets.display import Explorable
from widgets.ivig.trial import DESIGNS, TrialResult, run_trial

#: Trial sizes offered by the kernel-free slider (16 = Federico 2000, 44 = Hahn 2013).
SIZES: tuple[int, ...] = (8, 16, 44, 100)
START_SIZE = 16
#: Order of the traces of one trial.
TRIAL_TRACES = ("pairs", "placebo_responders", "means")
X = {"placebo": 0.0, "ivig": 1.0}

TRIAL_ALT = (
    "A virtual crossover trial of IVIg against placebo. Each patient is a pair of points joined by a line: the change "
    "of grip strength over the placebo period (left) and over the IVIg period (right), in percent of the grip at the "
    "start of the period. Large markers with error bars give the mean change of each arm with its 95% confidence "
    "interval; diamonds mark placebo 'responders', whose grip rose by at least 15% by chance. A menu chooses the "
    "design (like Federico 2000, Léger 2001 or Hahn 2013) and a slider the number of patients; the legend gives "
    "the difference with its confidence interval and p-value, as a crossover and as a parallel trial."
)


def _jitter(n: int) -> np.ndarray:
    return np.linspace(-0.12, 0.12, n) if n > 1 else np.zeros(n)


def trial_series(result: TrialResult) -> dict[str, dict]:
    """Data of the three traces of ``result`` (see :data:`TRIAL_TRACES`), rounded."""
    n = result.n
    order = np.argsort(result.change_placebo)
    jit = _jitter(n)[np.argsort(order)]
    xs, ys = [], []
    for i in range(n):
        xs += [round(X["placebo"] + jit[i], 3), round(X["ivig"] + jit[i], 3), None]
        ys += [round(float(result.change_placebo[i]), 1), round(float(result.change_ivig[i]), 1), None]
    resp = result.responded_placebo
    arms = result.arm_means()
    k, m, lo, hi = result.responders()["placebo"]
    k_i, m_i, *_ = result.responders()["ivig"]
    means = [arms["placebo"], arms["ivig"]]
    u = result.unit
    return {
        "pairs": dict(x=xs, y=ys, name=f"{n} patients, each on<br>placebo and on IVIg"),
        "placebo_responders": dict(
            x=[round(X["placebo"] + j, 3) for j in jit[resp]],
            y=[round(float(v), 1) for v in result.change_placebo[resp]],
            name=f"Placebo 'responders' (≥{result.design.responder_pct:g}%): {k}/{m}<br>(on IVIg: {k_i}/{m_i})",
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
                f"Mean of each arm ± 95% CI.<br>IVIg − placebo: {result.difference:+.1f} {u}<br>"
                f"(95% CI {result.ci[0]:+.1f} to {result.ci[1]:+.1f}), p {_p(result.p)}.<br>"
                f"Same first periods as a parallel trial:<br>{result.parallel_difference:+.1f} {u} "
                f"(95% CI {result.parallel_ci[0]:+.1f} to {result.parallel_ci[1]:+.1f}),<br>p {_p(result.parallel_p)}"
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
            hovertemplate="placebo 'responder': %{y:+.0f}%<extra></extra>",
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


def _layout(fig: go.Figure, title: str) -> None:
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
    fig.update_yaxes(
        title_text="Change of grip over the period (%)", zeroline=True, zerolinewidth=2, gridcolor=palette.GRID
    )


def _title(name: str, washout_weeks: float | None = None) -> str:
    d = DESIGNS[name]
    washout = d.washout_weeks if washout_weeks is None else washout_weeks
    what = (
        d.label.split(": ", 1)[1]
        .replace(" or ", "<br>or ")
        .replace(", measured", ",<br>measured")
        .replace(" for 3", "<br>for 3")
    )
    return f"{d.label.split(':')[0]} crossover<br><sup>{what};<br>washout {washout:g} weeks</sup>"


def trial_figure(result: TrialResult) -> go.Figure:
    """Static figure of one virtual trial."""
    fig = go.Figure(trial_traces(result))
    name = next((k for k, d in DESIGNS.items() if d.label == result.design.label), None)
    _layout(fig, _title(name, result.design.washout_weeks) if name else result.design.label)
    return fig


def kernel_free_trial_figure(seed: int = 2026) -> go.Figure:
    """Design menu × trial-size slider, every combination precomputed (pure-JS controls, no kernel)."""
    names = list(DESIGNS)
    results = {n: [run_trial(name, n, seed) for name in names] for n in SIZES}
    first = names.index("hahn")
    fig = go.Figure()
    for i, result in enumerate(results[START_SIZE]):
        for trace in trial_traces(result, visible=(i == first)):
            fig.add_trace(trace)
    k = len(TRIAL_TRACES)
    buttons = [
        dict(
            label=DESIGNS[name].label.split(":")[0],
            method="update",
            args=[{"visible": [j // k == i for j in range(k * len(names))]}, {"title.text": _title(name)}],
        )
        for i, name in enumerate(names)
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
    _layout(fig, _title(names[first]))
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


class LiveTrial:
    """ipywidgets explorer: design, number of patients, washout, and a button to run another trial."""

    def __init__(self):
        import ipywidgets as w

        style = {"description_width": "initial"}
        self.controls = {
            "design": w.Dropdown(
                options=[(d.label, k) for k, d in DESIGNS.items()],
                value="hahn",
                description="Design",
                style=style,
                layout=w.Layout(width="340px"),
            ),
            "n": w.IntSlider(
                value=START_SIZE, min=4, max=100, description="Patients", style=style, continuous_update=False
            ),
            "washout": w.IntSlider(
                value=int(DESIGNS["hahn"].washout_weeks),
                min=0,
                max=16,
                description="Washout (weeks)",
                style=style,
                continuous_update=False,
            ),
        }
        self.again = w.Button(description="Run another trial", tooltip="same design, new patients")
        self.seed = 0
        self.summary = w.HTML()
        self.result = self._run()
        self.figure = go.FigureWidget(trial_figure(self.result))
        self.figure.layout.title.text = self._title()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.again.on_click(self._on_again)
        self.widget = w.VBox(
            [
                w.HBox([self.controls["design"], self.again]),
                self.controls["n"],
                self.controls["washout"],
                self.summary,
                self.figure,
            ]
        )
        self._show()

    def _title(self) -> str:
        c = self.controls
        return f"{_title(c['design'].value, c['washout'].value)} (trial {self.seed + 1})"

    def _run(self) -> TrialResult:
        c = self.controls
        return run_trial(c["design"].value, c["n"].value, self.seed, washout_weeks=c["washout"].value)

    def _on_again(self, _button=None) -> None:
        self.seed += 1
        self._on_change()

    def _on_change(self, change=None) -> None:
        if change is not None and change.get("owner") is self.controls["design"]:
            self.controls["washout"].unobserve(self._on_change, names="value")
            self.controls["washout"].value = int(DESIGNS[change["new"]].washout_weeks)
            self.controls["washout"].observe(self._on_change, names="value")
        self.result = self._run()
        data = trial_series(self.result)
        with self.figure.batch_update():
            for trace, key in zip(self.figure.data, TRIAL_TRACES, strict=True):
                trace.x, trace.y, trace.name = data[key]["x"], data[key]["y"], data[key]["name"]
                if "error_y" in data[key]:
                    trace.error_y = data[key]["error_y"]
            self.figure.layout.title.text = self._title()
        self._show()

    def _show(self) -> None:
        self.summary.value = f"<p>{self.result.summary()}</p>"


def trial_explorer() -> Explorable:
    """One notebook cell: the live trial explorer with a kernel, the kernel-free figure in the book."""
    return Explorable(live=lambda: LiveTrial().widget, static=kernel_free_trial_figure, alt=TRIAL_ALT)
