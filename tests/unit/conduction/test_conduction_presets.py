"""Every preset gives the verdict a neurologist would give (facts sheet §2–5)."""

from __future__ import annotations

import math

import pytest

from widgets.conduction.cidp import cidp_category
from widgets.conduction import NERVES, PRESETS, simulate

CASES = [(name, nerve) for name, p in PRESETS.items() for nerve in p.nerves]
ALL_PRESETS = {"normal", "mmn", "als", "cidp", "madsam", "pseudo_block_dispersion", "entrapment_ulnar_elbow",
               "submaximal_stimulation", "martin_gruber", "cold_limb"}


def test_all_presets_are_there_with_nerve_and_teaching_text():
    assert set(PRESETS) == ALL_PRESETS
    for p in PRESETS.values():
        assert p.nerve in p.nerves and set(p.nerves) <= set(NERVES)
        assert len(p.teaching) > 80 and len(p.expected) > 30 and p.title


def check_normal(s):
    lim = s.nerve.limits
    assert s.distal.latency_ms <= lim.dml_uln_ms and s.distal.amplitude_mv >= lim.amplitude_lln_mv
    assert all(g.cv_m_s >= lim.cv_lln_m_s for g in s.segments)
    assert not s.blocks and not s.snap.abnormal
    assert s.pattern == "normal"


def check_mmn(s):
    blocks = [g for g in s.segments if g.block.grade == "definite"]
    assert blocks, "MMN needs a definite conduction block"
    assert all(not g.entrapment_site for g in blocks)
    assert {g.name for g in blocks} <= {"forearm", "upper_arm", "leg"}
    assert s.distal.amplitude_mv >= s.nerve.limits.amplitude_lln_mv  # normal below the block
    assert not s.snap.abnormal
    assert s.pattern == "motor_block"
    assert "MMN" in s.interpretation


def check_als(s):
    lim = s.nerve.limits
    assert s.distal.amplitude_mv < lim.amplitude_lln_mv
    assert all(g.block.criteria_grade == "none" for g in s.segments)
    assert all(g.cv_m_s > 0.7 * lim.cv_lln_m_s for g in s.segments)  # not in the demyelinating range
    normal = simulate(s.nerve.name)
    assert s.segments[0].cv_m_s >= 0.85 * normal.segments[0].cv_m_s  # normal or mildly reduced
    assert not s.snap.abnormal
    assert s.axon_loss_pattern.present and s.pattern == "axon_loss"


def check_cidp(s, *, dispersion_in_this_nerve=True):
    assert s.cidp.item("cv").met or s.cidp.item("dml").met
    if s.nerve.name == "tibial":
        # EAN/PNS 2021: dispersion in the tibial nerve needs a duration increase of at least 100%
        inc = max(g.duration_ratio for g in s.segments) - 1
        assert s.cidp.item("dispersion").met == (inc >= 1.0)
        assert s.cidp.item("block").met is None  # the block item is not graded in the tibial nerve
    elif dispersion_in_this_nerve:
        assert s.cidp.item("dispersion").met
    normal = simulate(s.nerve.name)
    assert s.distal.latency_ms > normal.distal.latency_ms * 1.3
    assert s.snap.abnormal
    # small and slow, or absent (medial plantar SNAPs are often absent in CIDP)
    assert not math.isfinite(s.snap.amplitude_uv) or (
        s.snap.cv_m_s < normal.snap.cv_m_s and s.snap.amplitude_uv < normal.snap.amplitude_uv)
    assert s.pattern == "demyelinating"


def check_madsam(s):
    assert len(s.blocks) >= 2  # multifocal
    assert all(not g.entrapment_site for g in s.blocks)
    assert s.snap.abnormal
    assert s.pattern == "sensorimotor_block"
    assert "MMN" in s.interpretation and "MADSAM" in s.interpretation


def check_pseudo(s):
    g = min(s.segments, key=lambda x: x.amplitude_ratio)
    amp_drop, area_drop = 1 - g.amplitude_ratio, 1 - g.area_ratio
    assert amp_drop >= 0.5
    assert area_drop < 0.5 and area_drop <= amp_drop - 0.15
    assert g.duration_ratio > 1.3
    assert g.block.grade != "definite"
    assert s.pattern == "dispersion"


def check_entrapment(s):
    g = s.segment("elbow")
    assert g.entrapment_site
    assert g.block.criteria_grade in ("definite", "probable")  # the drop is real...
    assert g.block.grade == "none" and g.block.excluded_by == "entrapment site"  # ...but excluded
    assert g.cv_m_s < s.nerve.limits.cv_lln_m_s  # focal slowing across the elbow
    assert s.segment("forearm").cv_m_s >= s.nerve.limits.cv_lln_m_s
    assert not s.blocks
    assert s.pattern == "entrapment"


def check_submaximal(s):
    site = s.settings.submaximal_site
    assert site == s.nerve.sites[-1].name
    g = next(x for x in s.segments if x.proximal_site == site)
    assert g.area_ratio < 0.7  # an apparent drop...
    assert g.block.grade == "none" and g.block.excluded_by == "submaximal stimulation"  # ...flagged as technical
    rep = next(c for c in s.checks if c.name == "supramaximal_repeat")
    # a normal tibial CMAP loses more area between ankle and knee (amplitude up to 50%, preston2020)
    assert rep.area_mv_ms > (0.75 if s.nerve.name == "tibial" else 0.9) * s.site(g.distal_site).area_mv_ms
    assert not s.blocks and s.pattern == "technical"
    assert any(f.kind == "pitfall" for f in s.findings)


def check_martin_gruber(s):
    g = s.segment("forearm")
    assert g.area_ratio < 0.6  # ulnar drop wrist -> below elbow
    assert g.block.grade == "none" and g.block.excluded_by == "Martin–Gruber anastomosis"
    median_elbow = next(c for c in s.checks if c.name == "median_elbow_adm")
    assert median_elbow.amplitude_mv > 1.0  # median stimulation at the elbow reaches ADM
    assert not s.blocks and s.pattern == "technical"
    assert s.cidp.met == ()


def check_cold(s):
    normal = simulate(s.nerve.name)
    assert s.segments[0].cv_m_s < normal.segments[0].cv_m_s - 5
    assert s.distal.latency_ms > normal.distal.latency_ms
    assert s.distal.amplitude_mv >= normal.distal.amplitude_mv  # amplitude not reduced
    assert not s.blocks
    assert s.pattern == "cold"
    assert any(f.kind == "temperature" for f in s.findings)


CHECKS = {
    "normal": check_normal,
    "mmn": check_mmn,
    "als": check_als,
    "cidp": check_cidp,
    "madsam": check_madsam,
    "pseudo_block_dispersion": check_pseudo,
    "entrapment_ulnar_elbow": check_entrapment,
    "submaximal_stimulation": check_submaximal,
    "martin_gruber": check_martin_gruber,
    "cold_limb": check_cold,
}


@pytest.mark.parametrize("name, nerve", CASES, ids=[f"{p}-{n}" for p, n in CASES])
def test_preset_verdict(name, nerve):
    s = simulate(nerve, preset=name)
    assert s.preset == name
    CHECKS[name](s)
    assert s.interpretation and all(f.text for f in s.findings)
    for g in s.segments:
        assert g.block.reasons and all(isinstance(r, str) for r in g.block.reasons)


@pytest.mark.parametrize("name", ["mmn", "als", "cidp", "pseudo_block_dispersion", "martin_gruber"])
@pytest.mark.parametrize("seed", [1, 7])
def test_preset_verdict_holds_for_other_seeds(name, seed):
    p = PRESETS[name]
    s = simulate(p.nerve, preset=name, seed=seed)
    if name == "cidp":
        # Another person: dispersion is a per-nerve item, and in the median nerve of some people the preset's
        # duration increase sits near its 30% threshold (seed 7: 29.7%). What the preset promises for every
        # person is a demyelinating study in each nerve (check_cidp without the per-nerve dispersion item) and
        # the EAN/PNS 2021 level 'CIDP' across nerves; dispersion itself is checked for the reference person.
        check_cidp(s, dispersion_in_this_nerve=False)
        assert cidp_category([simulate(n, preset=name, seed=seed).cidp for n in p.nerves]).level == "CIDP"
        return
    CHECKS[name](s)


def test_explicit_arguments_add_to_or_override_a_preset():
    base = simulate("ulnar", preset="mmn")
    warmer = simulate("ulnar", preset="cold_limb", temperature_c=36.0)
    assert warmer.settings.temperature_c == 36.0
    more = simulate("ulnar", preset="mmn", axon_loss=0.5)
    assert more.settings.lesions == base.settings.lesions
    assert more.distal.amplitude_mv < 0.7 * base.distal.amplitude_mv
    assert not math.isnan(more.segments[0].area_ratio)


# --- wording rules of the interpretation (issue 13) -------------------------------------------------------------


def all_texts(s):
    reasons = [r for g in s.segments for r in g.block.reasons]
    return " ".join([s.interpretation] + [f.text for f in s.findings] + reasons)


def test_too_small_distal_cmap_is_reported_as_cannot_be_graded_not_as_no_block():
    s = simulate("ulnar", preset="mmn", axon_loss=0.95)
    assert s.distal.amplitude_mv < 1.0
    assert s.pattern == "ungradable"
    assert "cannot be graded (distal CMAP too small)" in s.interpretation
    assert "as in ALS" not in s.interpretation and "no conduction block" not in s.interpretation.lower()
    assert not s.axon_loss_pattern.present


def test_probable_block_from_dispersion_is_not_called_the_hallmark_of_mmn():
    from widgets.conduction import Lesion

    s = simulate("median", lesions=[Lesion("forearm", block=0.6, slowing=0.2, dispersion=0.6)])
    g = s.segment("forearm")
    assert g.block.grade == "probable" and g.block.duration_increase > 0.3
    assert "hallmark" not in s.interpretation
    assert "dispersion" in s.interpretation


def test_probable_long_segment_block_teaches_the_probable_mmn_rule():
    from widgets.conduction import Lesion

    s = simulate("median", lesions=[Lesion("forearm", block=0.4)])
    assert s.segment("forearm").block.grade == "probable"
    assert "hallmark" not in s.interpretation
    assert "two nerves" in s.interpretation and "supportive" in s.interpretation


def test_mildly_prolonged_distal_latency_is_called_non_specific_not_demyelinating():
    s = simulate("median", preset="cidp")
    lim = s.nerve.limits.dml_uln_ms
    assert lim < s.distal.latency_ms < 1.5 * lim  # about 39% above the limit
    assert s.cidp.item("dml").met is False
    (mild,) = s.findings_of("dml_mild")
    assert "non-specific" in mild.text
    assert "distal motor latency" not in s.interpretation.split("SNAP")[0]  # not listed among demyelinating items


def test_cidp_and_mmn_rules_are_contrasted_where_they_differ():
    s = simulate("median", preset="pseudo_block_dispersion")
    assert s.cidp.item("block").met and not s.blocks  # amplitude rule yes, area rule no
    (rules,) = s.findings_of("rules")
    assert "amplitude" in rules.text and "area" in rules.text


@pytest.mark.parametrize("name, nerve", CASES, ids=[f"{p}-{n}" for p, n in CASES])
def test_no_superseded_or_phantom_guideline_in_the_texts(name, nerve):
    text = all_texts(simulate(nerve, preset=name))
    assert "2021 MMN" not in text and "MMN revision" not in text and "2021 revision" not in text
    assert "EFNS/PNS 2010 CIDP" not in text and "2010 criteria need them" not in text
