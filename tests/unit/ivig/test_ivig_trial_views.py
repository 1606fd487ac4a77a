"""The book's kernel-free trial figure: every scenario (design, outcome, crossover or parallel, washout) and size is a
self-consistent state (its own title, axis, numbers; no NaN), and the live view offers every outcome and arrangement."""

from __future__ import annotations

import json
import math

import pytest

from widgets.ivig.trial import run_trial
from widgets.ivig.trial_outcomes import OUTCOMES
from widgets.ivig.trial_views import SCENARIOS, SIZES, TRIAL_TRACES, kernel_free_trial_figure, trial_series


@pytest.fixture(scope="module")
def figure():
    return kernel_free_trial_figure()


def test_each_scenario_names_its_design_outcome_and_washout(figure):
    (menu,) = figure.layout.updatemenus
    assert [b.label for b in menu.buttons] == [sc.label for sc in SCENARIOS]
    for sc, button in zip(SCENARIOS, menu.buttons, strict=True):
        layout = button.args[1]
        title, axis = layout["title.text"], layout["yaxis.title.text"]
        assert sc.label.split("-like")[0] in title and OUTCOMES[sc.outcome].unit in axis
        assert ("parallel trial" in title) == (sc.arrangement == "parallel")
        if sc.washout_weeks is not None:
            assert f"washout {sc.washout_weeks:g} weeks" in title
    assert {sc.outcome for sc in SCENARIOS} == set(OUTCOMES)  # every outcome is in the book


def test_every_state_has_finite_numbers(figure):
    text = json.dumps(figure.to_plotly_json())
    assert "NaN" not in text and "Infinity" not in text
    (slider,) = figure.layout.sliders
    assert [s.label for s in slider.steps] == [str(n) for n in SIZES]
    for step in slider.steps:
        ys = [y for trace in step.args[0]["y"] for y in trace if y is not None]
        assert ys and all(math.isfinite(y) for y in ys)


def test_a_parallel_trial_draws_no_line_between_different_people():
    result = run_trial("federico", 8, 1, outcome="grip_kg", arrangement="parallel")
    pairs = trial_series(result)[TRIAL_TRACES[0]]
    # every point is followed by a gap: no segment joins two people
    assert all(y is None for y in pairs["y"][1::2]) and "others on IVIg" in pairs["name"]
    crossover = trial_series(run_trial("federico", 8, 1, outcome="grip_kg"))[TRIAL_TRACES[0]]
    assert crossover["y"][2::3] == [None] * 8 and None not in crossover["y"][0::3]


def test_the_live_view_runs_every_outcome_and_a_parallel_trial():
    from widgets.ivig.trial_views import LiveTrial

    live = LiveTrial()
    for outcome in OUTCOMES:
        live.controls["outcome"].value = outcome
        assert live.result.outcome == outcome and OUTCOMES[outcome].unit in live.summary.value
    live.controls["arrangement"].value = "parallel"
    assert "parallel trial" in live.figure.layout.title.text and live.controls["washout"].disabled
    assert "two groups" in live.summary.value
