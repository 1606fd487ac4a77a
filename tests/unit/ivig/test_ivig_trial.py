"""The virtual trial against the published placebo-controlled trials of IVIg in MMN.

Published figures (sources in each test): Federico 2000, Léger 2001, Hahn 2013, and the 2005 Cochrane review
(strength improved in 78% on IVIg vs 4% on placebo). Tests run many virtual trials (seeds) and compare
distributions with the published results and their uncertainty.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from widgets.ivig.trial import DESIGNS, run_trial, wilson


@pytest.fixture(scope="module")
def hahn_trials():
    return [run_trial("hahn", 44, seed) for seed in range(6)]


def test_hahn_like_trial_reproduces_the_fall_on_placebo_and_the_small_rise_on_ivig(hahn_trials):
    # Hahn 2013 (n = 44, crossover, 12 weeks each): grip of the more affected hand -31.38% on placebo, +3.75% on IVIg
    placebo = np.mean([t.arm_means()["placebo"][0] for t in hahn_trials])
    ivig = np.mean([t.arm_means()["ivig"][0] for t in hahn_trials])
    assert -40 <= placebo <= -22
    assert -5 <= ivig <= 12
    assert all(t.p < 0.001 and t.ci[0] > 0 for t in hahn_trials)


def test_leger_like_trial_shows_placebo_responders_and_more_responders_on_ivig():
    # Léger 2001: at month 4, 7 of 9 given IVIg first had responded, against 2 of 9 given placebo first (p = 0.03)
    trials = [run_trial("leger", 18, seed) for seed in range(30)]
    first_ivig = np.mean([t.responders()["first period, IVIg"][0] / 9 for t in trials])
    first_placebo = np.mean([t.responders()["first period, placebo"][0] / 9 for t in trials])
    lo_i, hi_i = wilson(7, 9)
    lo_p, hi_p = wilson(2, 9)
    assert lo_i <= first_ivig <= hi_i
    assert lo_p <= first_placebo <= hi_p  # chance "responders" on placebo: good days and measurement error
    share_with_any = np.mean([t.responders()["first period, placebo"][0] > 0 for t in trials])
    assert share_with_any >= 0.4  # a small trial often has at least one placebo "responder"


def test_placebo_responders_are_a_small_fraction_in_a_large_trial():
    # 2005 Cochrane review: strength improved in 4% on placebo (34 patients); a few apparent responders, not none
    trial = run_trial("federico", 400, 1)
    k, n, *_ = trial.responders()["placebo"]
    assert 0.005 <= k / n <= 0.15
    k_i, n_i, *_ = trial.responders()["ivig"]
    assert k_i / n_i > 3 * k / n


def test_federico_like_trial_gains_grip_in_kg():
    # Federico 2000: +6.4 +/- 1.9 kg on IVIg, -1.0 +/- 0.8 kg on placebo (16 patients)
    trials = [run_trial("federico", 16, seed, outcome="grip_kg") for seed in range(10)]
    ivig = np.mean([t.arm_means()["ivig"][0] for t in trials])
    placebo = np.mean([t.arm_means()["placebo"][0] for t in trials])
    assert 6.4 - 2 * 1.9 <= ivig <= 6.4 + 2 * 1.9
    assert -1.0 - 2 * 0.8 <= placebo <= -1.0 + 2 * 0.8


def test_a_crossover_gives_a_narrower_confidence_interval_than_a_parallel_trial_of_as_many_people():
    """Why MMN trials were crossovers (Keddie 2022: all six randomised trials were crossovers): with the same number
    of patients, each is measured on both treatments and compared with themselves."""
    widths, significant = [], []
    for seed in range(8):
        cross = run_trial("federico", 16, seed, outcome="grip_kg")
        par = run_trial("federico", 16, seed, outcome="grip_kg", arrangement="parallel")
        widths.append((cross.ci[1] - cross.ci[0], par.ci[1] - par.ci[0]))
        significant.append((cross.p < 0.05, par.p < 0.05))
    crossover, parallel = np.mean(widths, axis=0)
    assert crossover < 0.8 * parallel
    assert np.mean(significant, axis=0)[0] >= np.mean(significant, axis=0)[1]


def test_a_parallel_trial_enrols_different_people_in_two_groups():
    par = run_trial("federico", 16, 4, outcome="grip_kg", arrangement="parallel")
    assert par.change_ivig.size == 8 and par.change_placebo.size == 8 and par.carryover_p is None
    assert "16 patients in two groups" in par.summary()
    with pytest.raises(ValueError, match="^arrangement"):
        par.worse_on_one_arm_only()


def test_without_washout_the_first_period_carries_over_into_the_second():
    # Léger 2001 switched non-responders at month 4 without a washout: IVIg given first still acts after the switch
    leak = run_trial("leger", 200, 3, washout_weeks=0)
    clean = run_trial("leger", 200, 3, washout_weeks=16)
    placebo_after_ivig = leak.change_placebo[leak.ivig_first].mean()
    assert placebo_after_ivig < clean.change_placebo[clean.ivig_first].mean() - 5
    assert leak.carryover_p < 0.05


def test_the_same_seed_is_the_same_trial():
    a, b = run_trial("hahn", 10, 5), run_trial("hahn", 10, 5)
    np.testing.assert_array_equal(a.change_ivig, b.change_ivig)
    assert a.summary() == b.summary()
    assert not np.array_equal(a.change_ivig, run_trial("hahn", 10, 6).change_ivig)


def test_summary_states_the_result_with_its_confidence_interval():
    text = run_trial("federico", 16, 0, outcome="grip_kg").summary()
    assert re.search(r"95% CI [+-]\d", text) and "p = " in text and "on placebo" in text and "kg" in text


@pytest.mark.parametrize(
    "kwargs, parameter",
    [
        (dict(design="cochrane"), "design"),
        (dict(design=None), "design"),
        (dict(n=1), "n"),
        (dict(n=True), "n"),
        (dict(n=10.5), "n"),
        (dict(seed=-1), "seed"),
        (dict(seed=None), "seed"),
        (dict(outcome="mrc"), "outcome"),
        (dict(washout_weeks=-1), "washout_weeks"),
        (dict(washout_weeks=None, n=0), "n"),
        (dict(washout_weeks=True), "washout_weeks"),
        (dict(outcome=None), "outcome"),
        (dict(outcome=True), "outcome"),
        (dict(arrangement="cluster"), "arrangement"),
        (dict(arrangement=None), "arrangement"),
        (dict(arrangement="parallel", n=3), "n"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, parameter):
    with pytest.raises(ValueError, match=rf"^{parameter}\b"):
        run_trial(**kwargs)


def test_designs_document_the_trials():
    assert set(DESIGNS) == {"federico", "leger", "hahn"}
    assert DESIGNS["hahn"].enrol_maintained and not DESIGNS["federico"].enrol_maintained
