"""EFNS/PNS 2010 criteria at their exact thresholds (values from the facts sheet §2–3)."""

from __future__ import annotations

import pytest

from widgets.conduction import CRITERIA, classify_block
from widgets.conduction.criteria import Comparison, axon_loss_pattern, cidp_assessment


def block(**kw):
    args = dict(
        distal_amplitude_mv=8.0,
        distal_area=20.0,
        proximal_area=8.0,
        distal_duration_ms=5.0,
        proximal_duration_ms=5.2,
        lln_mv=4.0,
        long_segment=False,
        entrapment_site=False,
    )
    args.update(kw)
    return classify_block(**args)


def test_thresholds_live_in_one_table_with_the_guideline_values():
    b, c = CRITERIA.block, CRITERIA.cidp
    assert (b.definite_area_reduction, b.probable_area_reduction_long_segment, b.max_duration_increase) == (0.5, 0.3, 0.3)
    assert (b.distal_amplitude_fraction_of_lln, b.distal_amplitude_min_mv) == (0.2, 1.0)
    assert c.distal_duration_ms == {"median": 6.6, "ulnar": 6.7, "peroneal": 7.6, "tibial": 8.8}
    assert (c.dml_above_uln, c.cv_below_lln, c.dispersion_duration_increase) == (0.5, 0.3, 0.3)


def test_area_reduction_50_percent_is_definite_49_9_is_not():
    assert block(proximal_area=10.0).grade == "definite"  # exactly 50%
    v = block(proximal_area=10.02)  # 49.9%
    assert v.grade == "none"
    assert "49.9%" in v.text


def test_long_upper_limb_segment_30_percent_is_probable_29_9_is_not():
    assert block(proximal_area=14.0, long_segment=True).grade == "probable"  # exactly 30%
    assert block(proximal_area=14.02, long_segment=True).grade == "none"


def test_long_vs_short_segment_for_a_40_percent_area_loss():
    assert block(proximal_area=12.0, long_segment=True).grade == "probable"
    assert block(proximal_area=12.0, long_segment=False).grade == "none"


def test_duration_increase_30_percent_allowed_above_30_only_probable():
    at = block(proximal_area=8.0, proximal_duration_ms=6.5)  # +30%
    assert at.grade == "definite"
    over = block(proximal_area=8.0, proximal_duration_ms=6.51)  # +30.2%
    assert over.grade == "probable"
    assert "30%" in over.text
    # over a long segment, 30-49% area with >30% duration is dispersion, not block
    assert block(proximal_area=12.0, proximal_duration_ms=7.0, long_segment=True).grade == "none"


def test_distal_amplitude_must_exceed_20_percent_of_lln():
    # LLN 10 mV: 20% of LLN is 2 mV, above the 1 mV floor
    assert block(lln_mv=10.0, distal_amplitude_mv=2.0).grade == "none"
    assert block(lln_mv=10.0, distal_amplitude_mv=2.01).grade == "definite"


def test_distal_amplitude_must_exceed_1_mv():
    # LLN 4 mV: 20% of LLN is 0.8 mV, so the 1 mV floor decides
    low = block(lln_mv=4.0, distal_amplitude_mv=1.0)
    assert low.grade == "none"
    assert "1 mV" in low.text
    assert block(lln_mv=4.0, distal_amplitude_mv=1.01).grade == "definite"


def test_entrapment_site_excludes_a_drop_that_meets_the_rules():
    v = block(proximal_area=6.0, entrapment_site=True)
    assert v.grade == "none"
    assert v.criteria_grade == "definite"
    assert v.excluded_by == "entrapment site"
    assert "entrapment" in v.text
    assert block(proximal_area=6.0, entrapment_site=False).grade == "definite"


def test_verdict_carries_rule_and_numbers():
    v = block(distal_area=20.0, proximal_area=6.0, distal_duration_ms=5.0, proximal_duration_ms=5.5)
    assert v.grade == "definite"
    assert v.area_reduction == pytest.approx(0.7)
    assert v.duration_increase == pytest.approx(0.1)
    assert "70%" in v.text and "+10%" in v.text and "20.0 → 6.0" in v.text
    assert "definite" in v.rule
    assert all(isinstance(r, str) and r for r in v.reasons)


@pytest.mark.parametrize(
    "kw, name",
    [
        (dict(distal_area=0.0), "distal_area"),
        (dict(proximal_area=-1.0), "proximal_area"),
        (dict(distal_duration_ms=float("nan")), "distal_duration_ms"),
        (dict(lln_mv=0), "lln_mv"),
        (dict(distal_amplitude_mv="big"), "distal_amplitude_mv"),
        (dict(long_segment="yes"), "long_segment"),
    ],
)
def test_classify_block_rejects_bad_numbers(kw, name):
    with pytest.raises(ValueError, match=name):
        block(**kw)


def cidp(**kw):
    args = dict(
        nerve="median",
        dml_ms=3.7,
        dml_uln_ms=4.4,
        distal_amplitude_mv=10.0,
        amplitude_lln_mv=4.0,
        distal_duration_ms=5.0,
        comparisons=[Comparison("elbow vs wrist", 10.0, 9.5, 5.0, 5.3)],
        min_cv_m_s=57.0,
        cv_lln_m_s=49.0,
    )
    args.update(kw)
    return cidp_assessment(**args)


def test_cidp_items_at_their_thresholds():
    assert cidp().met == ()
    assert cidp(dml_ms=6.6).item("dml").met  # 150% of 4.4
    assert not cidp(dml_ms=6.59).item("dml").met
    assert cidp(min_cv_m_s=34.3).item("cv").met  # 70% of 49
    assert not cidp(min_cv_m_s=34.4).item("cv").met
    assert cidp(distal_duration_ms=6.6).item("distal_duration").met
    assert not cidp(distal_duration_ms=6.59).item("distal_duration").met
    assert cidp(comparisons=[Comparison("p", 10.0, 5.0, 5.0, 5.0)]).item("block").met
    assert not cidp(comparisons=[Comparison("p", 10.0, 5.01, 5.0, 5.0)]).item("block").met
    assert cidp(comparisons=[Comparison("p", 10.0, 9.0, 5.0, 6.51)]).item("dispersion").met
    assert not cidp(comparisons=[Comparison("p", 10.0, 9.0, 5.0, 6.5)]).item("dispersion").met
    assert cidp().item("f_wave").met is None


def test_cidp_block_item_needs_distal_cmap_of_20_percent_lln_and_probable_item_excludes_tibial():
    assert not cidp(comparisons=[Comparison("p", 0.79, 0.3, 5.0, 5.0)]).item("block").met  # 20% of 4 mV = 0.8
    assert cidp(comparisons=[Comparison("p", 0.8, 0.3, 5.0, 5.0)]).item("block").met
    thirty = [Comparison("p", 10.0, 7.0, 5.0, 5.0)]
    assert cidp(comparisons=thirty).item("probable_block").met
    assert not cidp(comparisons=thirty, nerve="tibial").item("probable_block").met


def test_axon_loss_pattern():
    base = dict(distal_amplitude_mv=2.0, amplitude_lln_mv=4.0, any_block=False, dml_ms=4.0, dml_uln_ms=4.4,
                min_cv_m_s=46.0, cv_lln_m_s=49.0)
    assert axon_loss_pattern(**base).present
    assert not axon_loss_pattern(**{**base, "distal_amplitude_mv": 5.0}).present
    assert not axon_loss_pattern(**{**base, "any_block": True}).present
    assert not axon_loss_pattern(**{**base, "min_cv_m_s": 30.0}).present  # demyelinating range
    assert not axon_loss_pattern(**{**base, "dml_ms": 7.0}).present
