"""Variability of the IVIg model: a seed is a person; repeated measures of one person differ like real ones.

Published anchors are named in each test; no expected number is the model's own output.
"""

from __future__ import annotations

import numpy as np
import pytest

from widgets.ivig import Patient, cohort, induction, maintenance, no_treatment, person, simulate


def test_a_seed_is_a_person_and_the_same_seed_is_the_same_person():
    assert person(12) == person(12)
    a, b = person(12), person(13)
    assert a != b
    for p in cohort(20, seed=4):
        assert person(p.seed) == p
    one = simulate(no_treatment(), person(12), weeks=8)
    again = simulate(no_treatment(), person(12), weeks=8)
    np.testing.assert_array_equal(one.observed_grip_kg, again.observed_grip_kg)


def test_the_same_person_fluctuates_the_same_way_whatever_the_regimen():
    """The day-to-day noise belongs to the person, so two regimens are compared on the same good and bad days."""
    p = person(5)
    placebo = simulate(no_treatment(), p, weeks=10)
    treated = simulate(induction(), p, weeks=10)
    np.testing.assert_allclose(placebo.observed_grip_kg / placebo.grip_kg, treated.observed_grip_kg / treated.grip_kg)


def test_a_new_seed_is_a_different_person_in_every_trait():
    people = cohort(500, seed=9)
    for trait, least in (
        ("weight_kg", 5.0),
        ("baseline_igg_g_l", 1.5),
        ("uptake_per_day", 0.03),
        ("fcrn_saturation_g_l", 1.5),
        ("response_threshold_g_l", 1.0),
        ("conduction_block", 0.05),
        ("measured_block_pct", 5.0),
        ("normal_grip_kg", 5.0),
    ):
        values = np.array([getattr(p, trait) for p in people])
        assert values.std() > least, trait


def test_untreated_grip_varies_between_people_like_weak_hands_do():
    # men 51 kg, women 31 kg at peak (Dodds 2014), less in a hand weakened by MMN: weak-hand grips spread widely
    grips = np.array([simulate(no_treatment(), p, weeks=1).observed_grip_kg[0] for p in cohort(400, seed=3)])
    assert 10 <= np.median(grips) <= 35
    assert grips.std() > 5


def test_repeated_measures_of_one_person_on_placebo_are_not_flat_but_do_not_drift():
    """Federico 2000, placebo arm: -1.0 +/- 0.8 kg over 28 days (SEM, n = 16), an SD of change of about 3.2 kg."""
    changes = []
    for p in cohort(300, seed=21):
        g = simulate(no_treatment(), p, weeks=5).observed_grip_kg
        changes.append(g[28] - g[0])
    changes = np.array(changes)
    assert abs(changes.mean()) < 1.0 + 2 * 0.8
    assert 2.0 <= changes.std() <= 5.1
    assert 0.02 <= np.mean(np.abs(changes) >= 4.0) <= 0.35  # now and then a chance change of 4 kg


def test_a_typical_person_keeps_the_smooth_course_and_adds_noise_only_to_what_is_measured():
    course = simulate(maintenance(1.0, 3), Patient(), weeks=20)
    ratio = course.observed_grip_kg / course.grip_kg
    assert 0.7 < ratio.min() and ratio.max() < 1.3
    assert ratio.std() > 0.03
    assert np.all(np.abs(course.observed_block_pct - course.measured_block_pct) < 30)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_non_responders_measured_block_is_the_same_on_ivig_as_untreated(seed):
    # IVIg changes nothing in a non-responder: the measured block follows the untreated course (the ongoing attack)
    p = Patient(responder="non-responder", seed=seed)
    course = simulate(induction(), p, weeks=6)
    untreated = simulate(no_treatment(), p, weeks=6)
    np.testing.assert_allclose(course.measured_block_pct, untreated.measured_block_pct)
    assert course.measured_block_pct[0] == p.measured_block_pct
