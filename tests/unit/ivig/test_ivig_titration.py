"""Titration on measured strength (reduce until wear-off, then step back) and SCIg conversion at a chosen ratio."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.ivig import Patient, cohort, scig_from_ivig, simulate, titrate


@pytest.mark.parametrize("mode", ["dose", "interval"])
def test_titration_steps_back_to_the_last_level_that_kept_strength(mode):
    result = titrate(Patient(), 1.0, 3, mode=mode)
    assert result.worn_off
    kept = result.steps[-2]
    assert result.final == kept[:2]
    assert result.steps[-1][2] < 0.9 * result.steps[0][2]  # the last level tried lost >= 10% of trough grip
    assert result.grams_per_year_after < result.grams_per_year_before  # the point of trying: fewer grams
    assert result.course.regimen.label.endswith(f"IVIg {kept[0]:g} g/kg every {kept[1]:g} weeks")


def test_most_responders_keep_strength_on_a_lower_dose_but_need_some():
    # practice (chapter 7): try reductions when stable; the maintenance regimens are good practice points, not fixed
    results = [titrate(p, 1.0, 3) for p in cohort(30, seed=8, responders_only=True)]
    finals = np.array([r.final[0] for r in results])
    assert np.mean(finals < 1.0) >= 0.5
    assert np.mean([r.worn_off for r in results]) >= 0.5


def test_a_non_responder_loses_nothing_when_the_dose_is_reduced():
    result = titrate(Patient(responder="non-responder"), 1.0, 3)
    assert not result.worn_off and result.final[0] < 0.5  # a reason to question the diagnosis or the need


def test_scig_conversion_at_a_chosen_ratio():
    assert scig_from_ivig(1.0, 4).label == "SCIg 0.25 g/kg weekly"  # 1:1, as the course teaches
    assert scig_from_ivig(1.0, 4, ratio=1.5).label == "SCIg 0.375 g/kg weekly"  # immunodeficiency labelling
    low = simulate(scig_from_ivig(1.0, 4), weeks=30).igg_g_l[-28:].mean()
    high = simulate(scig_from_ivig(1.0, 4, ratio=1.5), weeks=30).igg_g_l[-28:].mean()
    assert high > low


@pytest.mark.parametrize(
    "call, parameter",
    [
        (lambda: titrate(mode="faster"), "mode"),
        (lambda: titrate(step=0.0), "step"),
        (lambda: titrate(step=None), "step"),
        (lambda: titrate(every_weeks=2.5), "every_weeks"),
        (lambda: titrate(cycles_per_step=True), "cycles_per_step"),
        (lambda: titrate(drop_pct=90), "drop_pct"),
        (lambda: titrate("typical"), "patient"),
        (lambda: scig_from_ivig(1.0, 4, ratio=3.0), "ratio"),
        (lambda: scig_from_ivig(1.0, 4, ratio=False), "ratio"),
        (lambda: scig_from_ivig(2.0, 1, ratio=2.0), "ratio"),
    ],
)
def test_bad_input_names_the_parameter(call, parameter):
    with pytest.raises(ValueError, match=rf"^{parameter}\b"):
        call()
