"""Multi-nerve study of one patient (widgets.conduction.patient): one person, one verdict across nerves.

Criteria: EFNS/PNS 2010 MMN guideline (definite MMN: definite conduction block in ≥1 nerve with the clinical
criteria; probable MMN: probable block in ≥2 nerves; blocks count only with normal sensory conduction in those
segments; book key efnspns2010mmn). EAN/PNS 2021 CIDP guideline (electrodiagnostic level "CIDP": motor criteria in
≥2 nerves; one nerve: "possible CIDP"; book key vandenbergh2021cidp).
"""

from __future__ import annotations

import pytest

from widgets.conduction import Lesion
from widgets.conduction.patient import PATIENTS, describe_patient, f_wave_item, study_patient


def test_mmn_patient_counts_definite_blocks_per_nerve_and_reaches_definite_mmn():
    p = study_patient("mmn", seed=2)
    assert set(p.mmn_definite) == {"right ulnar", "left median"}
    assert p.mmn_probable == () and p.sensory_normal
    assert p.mmn_category(clinical_core_met=True).category == "definite"
    rows = {r[0]: r for r in p.rows()}
    assert "forearm" in rows["right ulnar"][1] and rows["left ulnar"][1] == "none"
    assert "right ulnar" in p.summary and "left median" in p.summary


def test_probable_blocks_in_two_nerves_are_counted_as_probable():
    les = {"ulnar/right": (Lesion("forearm", block=0.4),), "median/right": (Lesion("forearm", block=0.4),)}
    p = study_patient(None, seed=2, sides=("right",), lesions=les)
    assert set(p.mmn_probable) == {"right ulnar", "right median"} and p.mmn_definite == ()
    assert p.mmn_category(clinical_core_met=True).category == "probable"


def test_sensory_involvement_stops_blocks_counting_for_mmn():
    p = study_patient("madsam", seed=2)
    assert len(p.mmn_definite) == 2 and not p.sensory_normal
    assert p.mmn_category(clinical_core_met=True).category == "sensory"
    assert "sensory conduction is abnormal" in p.summary


def test_typical_cidp_reaches_the_2021_level_cidp_in_two_or_more_nerves():
    p = study_patient("cidp", seed=5, f_waves=True)
    assert p.cidp.level == "CIDP"
    assert sum(1 for r in p.nerves if r.study.cidp.any_met) >= 2
    assert any(r.f_wave_met for r in p.nerves)  # F-wave latency ≥20% above the limit somewhere


def test_a_single_nerve_block_gives_possible_cidp_at_most():
    p = study_patient("mmn_single", seed=2)
    assert p.cidp.level == "possible CIDP"
    assert p.mmn_definite == ("right ulnar",)


@pytest.mark.parametrize("seed", range(1, 21))
def test_normal_people_have_no_block_and_no_cidp_level(seed):
    p = study_patient("normal", seed=seed, sides=("right",))
    assert p.mmn_definite == p.mmn_probable == ()
    assert p.cidp.level == "not met"


def test_one_seed_is_one_person_in_every_nerve():
    p = study_patient("normal", seed=9, f_waves=True)
    heights = {r.f_wave.height_cm for r in p.nerves}
    assert len(heights) == 1  # one height for the whole person
    right = {r.nerve: r.study for r in p.nerves if r.side == "right"}
    left = {r.nerve: r.study for r in p.nerves if r.side == "left"}
    assert all(right[n].distal.amplitude_mv == left[n].distal.amplitude_mv for n in right)
    other = study_patient("normal", seed=10)
    assert other.nerves[0].study.distal.amplitude_mv != p.nerves[0].study.distal.amplitude_mv


def test_als_patient_has_small_cmaps_without_block():
    p = study_patient("als", seed=3, f_waves=True)
    assert p.mmn_definite == p.mmn_probable == ()
    assert all(r.study.distal.amplitude_mv < r.study.nerve.limits.amplitude_lln_mv for r in p.nerves
               if r.nerve in ("median", "ulnar"))
    assert "No nerve has a conduction block" in describe_patient(p)


def test_f_wave_item_uses_the_2021_thresholds():
    from widgets.conduction import simulate
    from widgets.conduction.fwaves import f_waves

    s = simulate("ulnar", seed=1)
    assert f_wave_item(f_waves(s), s) is False
    blocked = simulate("ulnar", seed=1, lesions=(Lesion("plexus", block=1.0),))
    assert f_wave_item(f_waves(blocked), blocked) is True  # absent F-waves, distal CMAP ≥20% of the LLN


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(scenario="flu"), "scenario"),
        (dict(nerves=("radial",)), "nerves"),
        (dict(nerves="median"), "nerves"),
        (dict(sides=("middle",)), "sides"),
        (dict(f_waves=1), "f_waves"),
        (dict(lesions={"ulnar/up": ()}), "lesions"),
        (dict(seed=True), "seed"),
    ],
)
def test_bad_arguments_are_rejected(kwargs, name):
    args = {"scenario": "normal", **kwargs}
    with pytest.raises(ValueError, match=name):
        study_patient(args.pop("scenario"), **args)


def test_every_scenario_runs():
    for name in PATIENTS:
        assert study_patient(name, sides=("right",)).summary
