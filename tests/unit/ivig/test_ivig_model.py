"""Mechanisms of the IVIg model: pharmacokinetics, response, patients, regimens, wear-off."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from widgets.ivig import Patient, cohort, induction, maintenance, no_treatment, scig, simulate
from widgets.ivig.parameters import COHORT, LIMITS, PK, PUBLISHED, RESPONSE, describe
from widgets.ivig.pharmacokinetics import Kinetics

TYPICAL = Patient()


def _excess(course):
    return course.igg_g_l - course.patient.baseline_igg_g_l


def _half_life(excess, day_a, day_b):
    return (day_b - day_a) * math.log(2) / math.log(excess[day_a] / excess[day_b])


# ---------------------------------------------------------------- pharmacokinetics
def test_without_treatment_igg_stays_at_the_patients_baseline():
    for baseline in (6.0, 8.3, 15.0):
        course = simulate(no_treatment(), Patient(baseline_igg_g_l=baseline), weeks=52)
        np.testing.assert_allclose(course.igg_g_l, baseline, rtol=1e-12)
        assert course.grams == 0.0 and course.infusion_days.size == 0


def test_saturable_catabolism_clears_a_high_dose_faster_than_a_low_dose():
    low = _excess(simulate(maintenance(0.2, 12, infusion_days=2), TYPICAL, weeks=6))
    high = _excess(simulate(maintenance(2.0, 12, infusion_days=2), TYPICAL, weeks=6))
    t_low, t_high = _half_life(low, 7, 21), _half_life(high, 7, 21)
    assert t_high < 0.9 * t_low
    # both far shorter than the textbook whole-body half-life the patient is given
    assert t_low < 0.75 * TYPICAL.half_life_days


def test_infused_igg_half_life_is_the_published_baseline_corrected_one():
    # baseline-corrected half-life of infused IgG: 8.9 +/- 7.3 days (clinical-facts section 6)
    small = _excess(simulate(maintenance(0.2, 12), TYPICAL, weeks=6))
    assert 8.9 - 7.3 <= _half_life(small, 10, 30) <= 8.9 + 7.3


def test_fractional_catabolic_rate_rises_with_igg():
    kin = Kinetics.for_patient(weight_kg=70.0, baseline_g_l=8.3)
    c = np.array([2.0, 5.0, 8.3, 15.0, 30.0, 60.0])
    fractional = kin.catabolism_g_per_day(c) / (c * kin.volume_l)
    assert np.all(np.diff(fractional) > 0)


def test_production_balances_catabolism_at_the_baseline_and_half_life_follows_from_fcrn():
    kin = Kinetics.for_patient(weight_kg=70.0, baseline_g_l=8.3)
    assert kin.production_g_per_day == pytest.approx(kin.catabolism_g_per_day(8.3))
    body_pool = kin.volume_l * 8.3 * (1 + PK.extravascular_ratio)
    assert math.log(2) * body_pool / kin.catabolism_g_per_day(8.3) == pytest.approx(kin.half_life_days(8.3))
    # published: whole-body half-life of IgG 17-40 days (clinical-facts section 6), at normal IgG levels
    lo, hi = PK.half_life_range_days
    for c in (8.3, 10.0, 12.0):
        assert lo <= kin.half_life_days(c) <= hi, c
    # FcRn has room at low IgG: half-life longer at low IgG, shorter at high IgG
    assert np.all(np.diff(kin.half_life_days(np.array([3.0, 6.0, 10.0, 15.0, 30.0]))) < 0)


@pytest.mark.xfail(
    strict=True,
    reason="not modelled: at high-normal IgG (15-17 g/L) the whole-body half-life is 12-14 days. A slower deep "
    "extravascular compartment reached 17-18 days there but kept day-30 IgG at 12.2-12.5 g/L (published 10.9) and "
    "left distribution unfinished after day 5 (label: equilibrium after 3-5 days); see PK.half_life_range_days",
)
def test_whole_body_half_life_at_high_normal_igg_is_within_the_published_range():
    # published: terminal half-life of total IgG 17-40 days (clinical-facts section 6); 6-17 g/L is the normal range
    kin = Kinetics.for_patient(weight_kg=70.0, baseline_g_l=8.3)
    lo, hi = PK.half_life_range_days
    for c in (15.0, 16.0, 17.0):
        assert lo <= kin.half_life_days(c) <= hi, c


def test_the_same_fcrn_clears_infused_igg_more_slowly_on_a_low_baseline():
    # audit row 19: with one saturable FcRn for everyone, a low baseline leaves FcRn room for the infused IgG
    half_lives = []
    for baseline in (3.0, 6.0, 8.3, 12.0, 17.0):
        excess = _excess(simulate(maintenance(1.0, 12), Patient(baseline_igg_g_l=baseline), weeks=4))
        half_lives.append(_half_life(excess, 7, 21))
    assert np.all(np.diff(half_lives) < 0), half_lives
    assert half_lives[0] > 1.4 * half_lives[2]


def test_production_is_what_differs_between_low_and_high_baselines():
    low = Patient(baseline_igg_g_l=3.0).kinetics
    high = Patient(baseline_igg_g_l=15.0).kinetics
    assert low.uptake_per_day == high.uptake_per_day and low.saturation_g_l == high.saturation_g_l
    assert high.production_g_per_day > 5 * low.production_g_per_day


def test_distribution_equilibrium_is_reached_within_3_to_5_days():
    # a small single infusion: steep fall while IgG distributes, then the slower terminal decline
    excess = _excess(simulate(maintenance(0.2, 12), TYPICAL, weeks=4))

    def slope(a, b):
        return math.log(excess[a] / excess[b]) / (b - a)

    terminal = slope(10, 20)
    assert slope(1, 2) > 2 * terminal
    assert slope(5, 6) < 1.25 * terminal


def test_scig_bioavailability_lowers_exposure_per_gram():
    # SCIg bioavailability 65-69%: weekly SCIg gives less IgG than the same weekly dose IV
    a, b = 20 * 7, 32 * 7
    iv = _excess(simulate(maintenance(0.4, 1), TYPICAL, weeks=32))[a:b].mean()
    sc = _excess(simulate(scig(0.4), TYPICAL, weeks=32))[a:b].mean()
    assert 0.60 <= sc / iv <= 0.80


def test_scig_needs_the_published_dose_ratio_to_match_4_weekly_ivig():
    # SCIg:IVIg dose ratio ~1.37-1.53 for the same exposure
    a, b = 20 * 7, 32 * 7
    iv = _excess(simulate(maintenance(1.6, 4), TYPICAL, weeks=32))[a:b].mean()
    lo, hi = PUBLISHED.scig_dose_ratio
    at_lo = _excess(simulate(scig(0.4 * (lo - 0.05)), TYPICAL, weeks=32))[a:b].mean()
    at_hi = _excess(simulate(scig(0.4 * (hi + 0.05)), TYPICAL, weeks=32))[a:b].mean()
    same_grams = _excess(simulate(scig(0.4), TYPICAL, weeks=32))[a:b].mean()
    assert at_lo < iv < at_hi
    assert same_grams < 0.85 * iv


# ---------------------------------------------------------------- response
def test_non_responders_do_not_improve_and_never_wear_off():
    patient = Patient(responder="non-responder")
    treated = simulate(induction().then(maintenance(1.0, 4), weeks=4), patient, weeks=26)
    untreated = simulate(no_treatment(), patient, weeks=26)
    np.testing.assert_allclose(treated.strength_pct, untreated.strength_pct)
    assert not treated.worn_off.any() and treated.wear_off_days.sum() == 0


def test_partial_responders_gain_less_than_good_responders():
    regimen = induction().then(maintenance(1.0, 3), weeks=4)
    good = simulate(regimen, Patient(responder="good"), weeks=20)
    partial = simulate(regimen, Patient(responder="partial"), weeks=20)
    untreated = simulate(no_treatment(), Patient(), weeks=20)
    assert 0 < (partial.grip_kg - untreated.grip_kg).max() < 0.7 * (good.grip_kg - untreated.grip_kg).max()


def test_axon_loss_continues_on_ivig_but_slower():
    years = 5
    treated = simulate(maintenance(1.0, 2), TYPICAL, weeks=52 * years)
    untreated = simulate(no_treatment(), TYPICAL, weeks=52 * years)
    first_year = slice(8 * 7, 60 * 7)
    last_year = slice(-52 * 7 - 1, None)
    lost_treated = treated.strength_pct[first_year].mean() - treated.strength_pct[last_year].mean()
    lost_untreated = untreated.strength_pct[0] - untreated.strength_pct[-1]
    assert lost_treated > 0  # IVIg does not stop it
    assert untreated.strength_pct[-1] < treated.strength_pct[-1]
    # relative loss slower on IVIg
    assert lost_treated / treated.strength_pct[first_year].mean() < lost_untreated / untreated.strength_pct[0]


def test_the_untreated_attack_worsens_the_measured_block_for_months_then_levels_off_below_complete():
    # Federico 2000: the block worsened by 12.98 +/- 6.52% in 28 days on placebo; a block cannot pass complete,
    # and untreated MMN progresses over years, not months (van den Berg 1998: new blocks despite IVIg)
    years = 10
    untreated = simulate(no_treatment(), TYPICAL, weeks=52 * years).measured_block_pct
    before = TYPICAL.measured_block_pct
    ceiling = before + RESPONSE.disease_activity * (100.0 - before)
    assert untreated[28] - before > 0.25 * (ceiling - before)  # most of it within months...
    assert np.all(np.diff(untreated) >= 0) and untreated.max() <= ceiling < 100.0  # ...then it levels off
    assert untreated[-1] - untreated[-366] < 0.01
    # the strength of the untreated course is unchanged by it (the attack shows in the measured segment)
    course = simulate(no_treatment(), TYPICAL, weeks=52)
    assert course.strength_pct[0] - course.strength_pct[-1] < 0.05 * course.strength_pct[0]


def test_maintenance_holds_the_attack_back_and_induction_alone_lets_it_return():
    maintained = simulate(maintenance(1.0, 3), TYPICAL, weeks=52).measured_block_pct
    once = simulate(induction(), TYPICAL, weeks=52).measured_block_pct
    untreated = simulate(no_treatment(), TYPICAL, weeks=52).measured_block_pct
    assert maintained[-28:].max() < TYPICAL.measured_block_pct < untreated[-1]
    assert maintained[-1] < once[-1] <= untreated[-1] + 1e-9
    assert once[-1] > TYPICAL.measured_block_pct  # the course has worn off: the untreated attack is back


def test_longer_untreated_disease_leaves_less_strength():
    early = simulate(no_treatment(), Patient(disease_years=1.0), weeks=4)
    late = simulate(no_treatment(), Patient(disease_years=15.0), weeks=4)
    assert late.strength_pct[0] < early.strength_pct[0] < 100.0


def test_grip_is_strength_times_the_patients_normal_grip():
    course = simulate(induction(), Patient(normal_grip_kg=40.0), weeks=8)
    np.testing.assert_allclose(course.grip_kg, course.strength_pct / 100 * 40.0)


# ---------------------------------------------------------------- wear-off
def test_longer_intervals_wear_off_longer():
    worn = []
    for every in (2, 4, 6, 8):
        course = simulate(induction().then(maintenance(1.0, every), weeks=4), TYPICAL, weeks=60)
        worn.append(int(course.wear_off_days[2:-1].mean()))  # whole maintenance cycles
    assert worn[0] == 0
    assert worn == sorted(worn) and worn[-1] > worn[1]


def test_wear_off_days_per_cycle_add_up_and_follow_the_infusions():
    course = simulate(induction().then(maintenance(1.0, 6), weeks=4), TYPICAL, weeks=40)
    assert course.cycle_start_days.tolist() == [0] + list(range(28, 40 * 7, 42))
    assert course.wear_off_days.sum() == course.worn_off.sum()
    assert course.wear_off_days[1:].min() > 0  # 6-weekly 1 g/kg wears off in this patient


def test_days_before_the_first_response_are_not_wear_off():
    course = simulate(induction(), TYPICAL, weeks=4)
    assert not course.worn_off[:14].any()


# ---------------------------------------------------------------- patients and cohort
def test_cohort_is_deterministic_for_a_seed():
    assert cohort(50, seed=3) == cohort(50, seed=3)
    assert cohort(50, seed=3) != cohort(50, seed=4)


def test_cohort_has_a_realistic_spread():
    patients = cohort(2000, seed=1)
    share = {t: np.mean([p.responder == t for p in patients]) for t, _ in COHORT.responder_share}
    assert share["non-responder"] == pytest.approx(1 - PUBLISHED.responders, abs=0.03)
    assert share["good"] > share["partial"] > 0.1
    igg = np.array([p.baseline_igg_g_l for p in patients])
    assert np.percentile(igg, 2.5) >= 6.0 - 0.5 and np.percentile(igg, 97.5) <= 17.0 + 0.5
    assert igg.std() > 1.5
    years = np.array([p.disease_years for p in patients])
    assert np.median(years) < years.mean()  # diagnostic delay is right-skewed (5.5 +/- 8.4 years)
    assert 3.5 <= years.mean() <= 7.5
    grip = np.array([p.normal_grip_kg for p in patients])
    assert np.mean(grip > 41) == pytest.approx(2.7 / 3.7, abs=0.05)  # men (median 51 kg) vs women (31 kg)
    half_life = np.array([p.half_life_days for p in patients[:300]])
    # published 17-40 days (means of studies); the median person lies within it, people differ
    assert 17.0 <= np.median(half_life) <= 40.0 and half_life.std() > 3.0


def test_responders_only_cohort_has_no_non_responders():
    assert all(p.responder != "non-responder" for p in cohort(300, seed=0, responders_only=True))


def test_patient_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        TYPICAL.weight_kg = 80.0


# ---------------------------------------------------------------- regimens
def test_regimens_chain_in_time():
    regimen = induction(2.0, 5).then(maintenance(1.0, 4), weeks=4).then(no_treatment(), weeks=20)
    course = simulate(regimen, TYPICAL, weeks=30)
    assert course.infusion_days.tolist() == [0, 1, 2, 3, 4, 28, 56, 84, 112]
    np.testing.assert_allclose(course.infusion_g, [28.0] * 5 + [70.0] * 4)
    assert "induction" in regimen.label and "no treatment" in regimen.label


def test_large_maintenance_doses_are_spread_over_days():
    course = simulate(maintenance(2.0, 4), TYPICAL, weeks=5)
    assert course.infusion_days.tolist() == [0, 1, 28, 29]
    assert course.cycle_start_days.tolist() == [0, 28]


def test_scig_is_weekly_and_subcutaneous():
    course = simulate(scig(0.2), TYPICAL, weeks=4)
    assert course.infusion_days.tolist() == [0, 7, 14, 21]  # doses on days 0 ... 27 of a 4-week simulation
    assert set(course.infusion_route) == {"sc"}


# ---------------------------------------------------------------- the parameter table
@pytest.mark.parametrize("table", [PK, RESPONSE, COHORT, LIMITS, PUBLISHED], ids=lambda t: type(t).__name__)
def test_every_parameter_has_a_unit_and_a_source(table):
    for name, _, unit, source in describe(table):
        assert unit and len(source) > 5, name
