"""Views of the virtual trial (:mod:`widgets.ivig.trial`): the live explorer for JupyterLab and the explorable cell.

The figures (one trial, the kernel-free explorer of the book) are in :mod:`widgets.ivig.trial_figures`; their names
are imported here too, as the chapter and older code use them from this module.
"""

from __future__ import annotations

import plotly.graph_objects as go

from widgets.display import Explorable
from widgets.ivig.trial import DESIGNS, TrialResult, run_trial
from widgets.ivig.trial_figures import (  # noqa: F401  (re-exported)
    SCENARIOS,
    SIZES,
    START_SIZE,
    TRIAL_ALT,
    TRIAL_TRACES,
    _axis_title,
    _title,
    kernel_free_trial_figure,
    trial_figure,
    trial_series,
    trial_traces,
)
from widgets.ivig.trial_outcomes import OUTCOMES


class LiveTrial:
    """ipywidgets explorer of the virtual trial.

    Controls: design, crossover or parallel, outcome, number of patients, washout, and a button to run another
    trial.
    """

    def __init__(self):
        import ipywidgets as w

        style = {"description_width": "initial"}

        def dropdown(options, value: str, description: str):
            return w.Dropdown(options=options, value=value, description=description, style=style,
                              layout=w.Layout(width="340px"))

        self.controls = {
            "design": dropdown([(d.label, k) for k, d in DESIGNS.items()], "hahn", "Design"),
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
            "outcome": dropdown([(o.label, key) for key, o in OUTCOMES.items()], "grip_pct", "Outcome"),
            "arrangement": w.ToggleButtons(
                options=[("Crossover", "crossover"), ("Parallel groups", "parallel")],
                value="crossover",
                description="Design",
                style=style,
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
                self.controls["arrangement"],
                self.controls["outcome"],
                self.controls["n"],
                self.controls["washout"],
                self.summary,
                self.figure,
            ]
        )
        self._show()

    def _title(self) -> str:
        c = self.controls
        title = _title(c["design"].value, c["washout"].value, c["arrangement"].value, c["outcome"].value)
        return f"{title} (trial {self.seed + 1})"

    def _run(self) -> TrialResult:
        c = self.controls
        return run_trial(
            c["design"].value,
            c["n"].value,
            self.seed,
            washout_weeks=c["washout"].value,
            outcome=c["outcome"].value,
            arrangement=c["arrangement"].value,
        )

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
            self.figure.layout.yaxis.title.text = _axis_title(self.result.outcome)
        self.controls["washout"].disabled = self.result.arrangement == "parallel"  # no second period to wash out
        self._show()

    def _show(self) -> None:
        self.summary.value = f"<p>{self.result.summary()}</p>"


def trial_explorer() -> Explorable:
    """One notebook cell: the live trial explorer with a kernel, the kernel-free figure in the book."""
    return Explorable(live=lambda: LiveTrial().widget, static=kernel_free_trial_figure, alt=TRIAL_ALT)
