"""MMN block rules (EFNS/PNS 2010, area) and CIDP rules (EAN/PNS 2021, amplitude) at their exact thresholds.

Values from the facts sheet §2–3: the 2010 CIDP criteria are superseded and must not be graded any more.
"""

from __future__ import annotations

from dataclasses import fields

import pytest

from widgets.conduction import CRITERIA, classify_block
from widgets.conduction.cidp import CidpAssessment, Comparison, cidp_assessment, cidp_category
from widgets.conduction.criteria import axon_loss_pattern, source_of, threshold_rows


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
    # EAN/PNS 2021 CIDP: amplitude-based block >=30% (not tibial), dispersion >30% (>=100% tibial), F-wave 20%
    assert (c.block_amplitude_reduction, c.block_distal_fraction_of_lln) == (0.3, 0.2)
    assert c.block_excluded_nerves == ("tibial",)
    assert (c.dispersion_duration_increase, c.dispersion_duration_increase_tibial) == (0.3, 1.0)
    assert (c.dml_above_uln, c.cv_below_lln) == (0.5, 0.3)
    assert (c.f_wave_above_uln, c.f_wave_above_uln_low_cmap) == (0.2, 0.5)
    assert c.nerves_needed == 2
    # the superseded 2010 CIDP numbers are gone: no 50% amplitude block, no unfiltered 6.6/6.7/7.6/8.8 ms durations
    names = {f.name for f in fields(c)}
    assert "probable_block_amplitude_reduction" not in names and "distal_duration_ms" not in names
    assert c.distal_duration_graded is False


def test_every_threshold_carries_its_source():
    rows = threshold_rows()
    assert rows and all(src for *_, src, _note in rows)
    assert {src for table, *_, src, _n in rows if table == "block"} == {"efnspns2010mmn"}
    assert source_of(CRITERIA.cidp, "block_amplitude_reduction") == "vandenbergh2021cidp"
    assert "efnspns2010cidp" not in {src for *_, src, _n in rows}
    with pytest.raises(ValueError, match="name"):
        source_of(CRITERIA.cidp, "nope")


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


def test_cidp_items_at_their_2021_thresholds():
    assert cidp().met == ()
    assert cidp(dml_ms=6.6).item("dml").met  # 150% of 4.4
    assert not cidp(dml_ms=6.59).item("dml").met
    assert cidp(min_cv_m_s=34.3).item("cv").met  # 70% of 49
    assert not cidp(min_cv_m_s=34.4).item("cv").met
    assert cidp(comparisons=[Comparison("p", 10.0, 7.0, 5.0, 5.0)]).item("block").met  # exactly 30%
    assert not cidp(comparisons=[Comparison("p", 10.0, 7.01, 5.0, 5.0)]).item("block").met
    assert cidp(comparisons=[Comparison("p", 10.0, 9.0, 5.0, 6.51)]).item("dispersion").met
    assert not cidp(comparisons=[Comparison("p", 10.0, 9.0, 5.0, 6.5)]).item("dispersion").met
    # not simulated or not verified: reported, never graded
    assert cidp().item("f_wave").met is None
    assert cidp(distal_duration_ms=12.0).item("distal_duration").met is None


def test_distal_latency_39_percent_above_uln_is_not_demyelinating_range():
    item = cidp(dml_ms=6.12).item("dml")  # the review's trace: 6.12 ms vs 4.4 ms
    assert item.met is False
    assert "non-specific" in item.text and "carpal tunnel" in item.text


def test_median_distal_latency_confined_to_the_carpal_tunnel_does_not_count():
    assert cidp(dml_ms=7.0).item("dml").met
    assert cidp(dml_ms=7.0, carpal_tunnel=True).item("dml").met is False
    assert cidp(nerve="ulnar", dml_ms=7.0, dml_uln_ms=3.3, carpal_tunnel=True).item("dml").met


def test_tibial_nerve_is_never_graded_as_cidp_block_and_needs_100_percent_dispersion():
    huge = [Comparison("knee vs ankle", 10.0, 2.0, 5.0, 5.0)]  # 80% amplitude loss
    assert cidp(nerve="tibial", comparisons=huge).item("block").met is None
    assert "tibial" in cidp(nerve="tibial", comparisons=huge).item("block").text
    assert cidp(nerve="peroneal", comparisons=huge).item("block").met
    assert not cidp(nerve="tibial", comparisons=[Comparison("p", 10.0, 9.0, 5.0, 9.9)]).item("dispersion").met
    assert cidp(nerve="tibial", comparisons=[Comparison("p", 10.0, 9.0, 5.0, 10.0)]).item("dispersion").met


def test_cidp_block_with_too_small_distal_cmap_cannot_be_graded():
    low = cidp(comparisons=[Comparison("p", 0.79, 0.3, 5.0, 5.0)]).item("block")  # 20% of 4 mV = 0.8
    assert low.met is None and "cannot be graded (distal CMAP too small)" in low.text
    assert cidp(comparisons=[Comparison("p", 0.8, 0.3, 5.0, 5.0)]).item("block").met


def test_35_percent_amplitude_drop_with_normal_duration_is_cidp_block_but_not_definite_mmn_block():
    # median forearm: amplitude and area both fall 35%, duration unchanged
    c = cidp(comparisons=[Comparison("elbow vs wrist", 10.0, 6.5, 5.0, 5.1)])
    assert c.item("block").met
    mmn_short = block(distal_area=20.0, proximal_area=13.0, distal_duration_ms=5.0, proximal_duration_ms=5.1)
    assert mmn_short.grade == "none"
    mmn_long = block(distal_area=20.0, proximal_area=13.0, distal_duration_ms=5.0, proximal_duration_ms=5.1,
                     long_segment=True)
    assert mmn_long.grade == "probable"  # never definite: area must fall by 50%


def test_40_percent_amplitude_drop_with_less_than_30_percent_area_drop_cidp_yes_mmn_no():
    # dispersion: amplitude -40%, area -25%, duration +35%
    assert cidp(comparisons=[Comparison("elbow vs wrist", 10.0, 6.0, 5.0, 6.75)]).item("block").met
    v = block(distal_area=20.0, proximal_area=15.0, distal_duration_ms=5.0, proximal_duration_ms=6.75,
              long_segment=True)
    assert v.grade == "none" and v.criteria_grade == "none"


def test_too_small_distal_cmap_gives_cannot_be_graded_not_no_block():
    v = block(distal_amplitude_mv=0.5, proximal_area=2.0)  # 90% area drop
    assert v.grade == "none" and v.gradable is False
    assert "cannot be graded (distal CMAP too small)" in v.rule
    assert "no conduction block" not in v.text.lower()
    assert block().gradable


def assessment(nerve, *met):
    """A CidpAssessment of ``nerve`` with exactly the items ``met``."""
    from widgets.conduction.cidp import CidpItem

    keys = ("dml", "cv", "f_wave", "block", "dispersion", "distal_duration")
    return CidpAssessment(nerve, tuple(CidpItem(k, k, (k in met) if k in ("dml", "cv", "block", "dispersion")
                                                else None, k) for k in keys))


def test_cidp_category_needs_two_nerves():
    assert cidp_category([assessment("median")]).level == "not met"
    one = cidp_category([assessment("median", "cv", "dispersion")])
    assert one.level == "possible CIDP"
    assert "2 nerves" in one.text and "single-nerve" in one.text
    assert cidp_category([assessment("median", "cv"), assessment("ulnar", "cv")]).level == "CIDP"
    # a block in one nerve counts with any other item in another nerve
    assert cidp_category([assessment("median", "block"), assessment("peroneal", "dml")]).level == "CIDP"
    # each other item is worded "in two nerves": different items in two nerves stay possible
    assert cidp_category([assessment("median", "dml"), assessment("ulnar", "cv")]).level == "possible CIDP"
    assert cidp_category([assessment("median", "cv"), assessment("ulnar")]).level == "possible CIDP"
    with pytest.raises(ValueError, match="assessments"):
        cidp_category(assessment("median", "cv"))


def test_a_real_single_nerve_cidp_study_is_at_most_possible_cidp():
    from widgets.conduction import simulate

    s = simulate("median", preset="cidp")
    assert cidp_category([s.cidp]).level == "possible CIDP"
    assert "possible CIDP" in s.interpretation and "2 nerves" in s.interpretation
    two = cidp_category([s.cidp, simulate("ulnar", preset="cidp").cidp])
    assert two.level == "CIDP"


def test_axon_loss_pattern():
    base = dict(distal_amplitude_mv=2.0, amplitude_lln_mv=4.0, any_block=False, dml_ms=4.0, dml_uln_ms=4.4,
                min_cv_m_s=46.0, cv_lln_m_s=49.0)
    assert axon_loss_pattern(**base).present
    assert not axon_loss_pattern(**{**base, "distal_amplitude_mv": 5.0}).present
    assert not axon_loss_pattern(**{**base, "any_block": True}).present
    assert not axon_loss_pattern(**{**base, "min_cv_m_s": 30.0}).present  # demyelinating range
    assert not axon_loss_pattern(**{**base, "dml_ms": 7.0}).present
