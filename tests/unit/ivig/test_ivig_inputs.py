"""Invalid arguments raise ValueError naming the parameter and what is allowed."""

from __future__ import annotations

import re

import pytest

from widgets.ivig import Patient, cohort, induction, maintenance, no_treatment, person, scig, simulate

CASES = [
    # (call, parameter named in the message)
    (lambda: Patient(weight_kg=20.0), "weight_kg"),
    (lambda: Patient(weight_kg=400.0), "weight_kg"),
    (lambda: Patient(weight_kg=float("nan")), "weight_kg"),
    (lambda: Patient(weight_kg="70"), "weight_kg"),
    (lambda: Patient(baseline_igg_g_l=-1.0), "baseline_igg_g_l"),
    (lambda: Patient(response_threshold_g_l=0.0), "response_threshold_g_l"),
    (lambda: Patient(responder="sometimes"), "responder"),
    (lambda: Patient(disease_years=-2.0), "disease_years"),
    (lambda: Patient(conduction_block=1.5), "conduction_block"),
    (lambda: Patient(normal_grip_kg=0.0), "normal_grip_kg"),
    (lambda: Patient(uptake_per_day=0.0), "uptake_per_day"),
    (lambda: Patient(uptake_per_day=None), "uptake_per_day"),
    (lambda: Patient(weight_kg=True), "weight_kg"),
    (lambda: Patient(measured_block_pct=120.0), "measured_block_pct"),
    (lambda: Patient(measured_block_share=-0.1), "measured_block_share"),
    (lambda: Patient(seed=-1), "seed"),
    (lambda: Patient(seed=1.5), "seed"),
    (lambda: Patient(fcrn_saturation_g_l=-3.0), "fcrn_saturation_g_l"),
    (lambda: induction(total_g_per_kg=-2.0), "total_g_per_kg"),
    (lambda: induction(total_g_per_kg=20.0), "total_g_per_kg"),
    (lambda: induction(days=1), "days"),
    (lambda: induction(days=10), "days"),
    (lambda: induction(days=2.5), "days"),
    (lambda: maintenance(-1.0, 4), "dose_g_per_kg"),
    (lambda: maintenance(0.0, 4), "dose_g_per_kg"),
    (lambda: maintenance(10.0, 4), "dose_g_per_kg"),
    (lambda: maintenance(1.0, 0), "every_weeks"),
    (lambda: maintenance(1.0, -4), "every_weeks"),
    (lambda: maintenance(1.0, 52), "every_weeks"),
    (lambda: maintenance(2.0, 4, infusion_days=1), "infusion_days"),
    (lambda: maintenance(1.0, 4, infusion_days=0), "infusion_days"),
    (lambda: scig(-0.1), "weekly_g_per_kg"),
    (lambda: scig(5.0), "weekly_g_per_kg"),
    (lambda: simulate(maintenance(1.0, 4), weeks=0), "weeks"),
    (lambda: simulate(maintenance(1.0, 4), weeks=10_000), "weeks"),
    (lambda: simulate("1 g/kg every 4 weeks"), "regimen"),
    (lambda: simulate(no_treatment(), patient="typical"), "patient"),
    (lambda: induction().then(maintenance(1.0, 4), weeks=-1), "weeks"),
    (lambda: induction().then(no_treatment(), weeks=4).then(scig(0.2), weeks=2), "weeks"),
    (lambda: induction().then("maintenance", weeks=4), "other"),
    (lambda: cohort(0), "n"),
    (lambda: cohort(2.5), "n"),
    (lambda: cohort(10, seed=-1), "seed"),
    (lambda: person(None), "seed"),
    (lambda: person(True), "seed"),
]


@pytest.mark.parametrize("call, parameter", CASES, ids=[f"{i:02d}-{p}" for i, (_, p) in enumerate(CASES)])
def test_invalid_argument_names_the_parameter_and_what_is_allowed(call, parameter):
    with pytest.raises(ValueError) as info:
        call()
    message = str(info.value)
    assert re.match(rf"^{re.escape(parameter)}\b", message), message
    assert re.search(r"between|one of|must be", message), message


def test_valid_boundaries_are_accepted():
    Patient(weight_kg=35.0)
    Patient(weight_kg=200.0)
    induction(2.0, 2)
    maintenance(2.0, 8)
    maintenance(0.4, 1)
    scig(1.0)
    simulate(no_treatment(), weeks=1)
