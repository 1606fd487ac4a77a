"""Outcomes of the virtual trial besides grip, against what the published MMN trials measured.

Sources: Federico 2000 (Neurology 55:1256; abstract): conduction block improved by 12.68 +/- 5.62% on IVIg and
worsened by 12.98 +/- 6.52% on placebo, reversed in 5 of 16 on IVIg and none on placebo. Léger 2001 (Brain 124:145):
7 of 9 given IVIg first responded against 2 of 9 given placebo first, and the MRC score did not differ significantly;
the group's response rule (Léger 2008, JNNP 79:93): at least 1 MRC point in at least 2 affected muscles. Hahn 2013
(J Peripher Nerv Syst 18:321; abstract): Guy's Neurological Disability Scale, upper limbs, worsened during placebo
and not during IVIG in 35.7%, the converse in 11.9% (n = 42 analysed of 44).

The mapping of strength onto MRC grades and onto a disability grade is an assumption of the model
(widgets/ivig/trial_outcomes.py): tests check directions and published ranges, not calibrated sizes.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from widgets.ivig.parameters import RESPONSE
from widgets.ivig.trial import run_trial, wilson
from widgets.ivig.trial_outcomes import MRC_MUSCLES, OUTCOMES, disability_grade, mrc_grades


@pytest.fixture(scope="module")
def leger_mrc():
    return [run_trial("leger", 18, seed, outcome="mrc_sum") for seed in range(30)]


def test_leger_like_trial_on_the_mrc_scale_has_responders_on_both_arms(leger_mrc):
    # Léger 2001: 7/9 responders given IVIg first, 2/9 given placebo first (rule of Léger 2008)
    first_ivig = np.mean([t.responders()["first period, IVIg"][0] / 9 for t in leger_mrc])
    first_placebo = np.mean([t.responders()["first period, placebo"][0] / 9 for t in leger_mrc])
    assert wilson(7, 9)[0] <= first_ivig <= wilson(7, 9)[1]
    assert wilson(2, 9)[0] <= first_placebo <= wilson(2, 9)[1]
    assert first_ivig > 1.5 * first_placebo


def test_the_mrc_sum_is_a_coarse_outcome_often_not_significant_in_a_trial_of_18(leger_mrc):
    # Léger 2001: responders differed, yet the MRC score did not differ significantly between IVIg and placebo
    grip = [run_trial("leger", 18, seed, outcome="grip_pct") for seed in range(30)]
    share_mrc = np.mean([t.p < 0.05 for t in leger_mrc])
    share_grip = np.mean([t.p < 0.05 for t in grip])
    assert share_mrc < 0.9 and share_mrc < share_grip


def test_federico_like_trial_improves_the_measured_block_on_ivig():
    # Federico 2000: block improved by 12.68 +/- 5.62% on IVIg (read as SEM, n = 16); reversed in 5 of 16
    trials = [run_trial("federico", 16, seed, outcome="block_pct") for seed in range(20)]
    ivig = np.mean([t.arm_means()["ivig"][0] for t in trials])  # change of area reduction: negative = less block
    assert 12.68 - 2 * 5.62 <= -ivig <= 12.68 + 2 * 5.62
    reversed_share = np.mean([t.responders()["ivig"][0] / 16 for t in trials])
    assert wilson(5, 16)[0] <= reversed_share <= wilson(5, 16)[1]
    assert np.mean([t.responders()["placebo"][0] for t in trials]) < np.mean(
        [t.responders()["ivig"][0] for t in trials]
    )


@pytest.fixture(scope="module")
def federico_block():
    return [run_trial("federico", 16, seed, outcome="block_pct") for seed in range(20)]


def test_federico_like_trial_block_worsens_on_placebo(federico_block):
    # Federico 2000 (Neurology 55:1256): conduction block worsened by 12.98 +/- 6.52% on placebo (SEM, n = 16)
    # while it improved by 12.68 +/- 5.62% on IVIg. Mechanism: the untreated attack at the nodes goes on
    # (widgets.ivig.response.ongoing_attack); IVIg holds it back.
    placebo = np.mean([t.arm_means()["placebo"][0] for t in federico_block])
    ivig = np.mean([t.arm_means()["ivig"][0] for t in federico_block])
    assert 12.98 - 6.52 <= placebo <= 12.98 + 6.52  # positive = more block; within one SEM
    assert 12.68 - 5.62 <= -ivig <= 12.68 + 5.62
    # the worsening comes from the untreated: it is largest in those on placebo in the first period
    first = np.concatenate([t.change_placebo[~t.ivig_first] for t in federico_block])
    assert first.mean() > placebo > 0
    # people differ in how much their block worsens, beyond the error of two studies (SD sqrt(2) x 5 points),
    # though less than in the trial (SEM 6.52 in 16 people, an SD of about 26 points): a known gap of the model
    spread = np.concatenate([t.change_placebo for t in federico_block]).std()
    assert math.sqrt(2) * RESPONSE.block_measurement_sd_pct < spread < 6.52 * 4


def test_hahn_like_trial_worsens_disability_on_placebo_more_often_than_on_ivig():
    # Hahn 2013: upper-limb disability worse on placebo only in 35.7%, on IVIg only in 11.9%
    trials = [run_trial("hahn", 44, seed, outcome="disability") for seed in range(5)]
    placebo_only, ivig_only = np.mean([t.worse_on_one_arm_only() for t in trials], axis=0)
    assert placebo_only >= wilson(15, 42)[0]  # at least as often as in the trial (the model overshoots: see docs)
    assert ivig_only <= wilson(5, 42)[1]
    assert placebo_only > 3 * ivig_only


def test_grades_are_whole_numbers_in_range_and_follow_strength():
    days = np.arange(6)
    weak = mrc_grades(np.full(6, 20.0), days, seed=3)
    strong = mrc_grades(np.full(6, 100.0), days, seed=3)
    assert weak.shape == (6, MRC_MUSCLES) and weak.dtype.kind == "i"
    assert weak.min() >= 0 and strong.max() <= 5 and weak.sum() < strong.sum()
    grades = disability_grade(np.linspace(1.0, 0.0, 11))
    assert grades[0] == 0 and grades[-1] == 5 and np.all(np.diff(grades) >= 0)


@pytest.mark.parametrize("outcome", list(OUTCOMES))
def test_every_outcome_gives_a_finite_result_and_a_summary(outcome):
    t = run_trial("federico", 8, 2, outcome=outcome)
    assert np.isfinite([t.difference, *t.ci, t.p]).all()
    assert OUTCOMES[outcome].unit in t.summary() and "nan" not in t.summary()
