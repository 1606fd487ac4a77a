"""Physiology of the conduction model: normal values, block vs dispersion, axon loss, cooling, SNAP.

Expected values come from the course facts sheet (normal means, typical limits,
unit counts, single-axon velocities) and from physiology, never from the
model's own output.
"""

from __future__ import annotations

import numpy as np
import pytest

from widgets.conduction import NERVES, Lesion, simulate
from widgets.conduction.measure import conduction_velocity, measure_traces
from widgets.conduction.pool import motor_pool

# facts sheet §5: normal means (34 °C)
MEANS = {
    "median": dict(dml=3.7, amp=10.2, cv=57.0, cv_sd=5.0),
    "ulnar": dict(dml=2.75, amp=9.6, cv=59.8, cv_sd=8.0),
    "peroneal": dict(dml=4.8, amp=6.8, cv=46.5, cv_sd=2.5),  # 44-49 m/s
    "tibial": dict(dml=4.3, amp=7.1, cv=50.7, cv_sd=5.0),
}
UNITS = {"median": 340, "ulnar": 380, "peroneal": 200, "tibial": 127}
# typical laboratory limits (DML ULN ms, amplitude LLN mV, CV LLN m/s)
LIMITS = {"median": (4.4, 4.0, 49.0), "ulnar": (3.3, 6.0, 49.0), "peroneal": (6.5, 2.0, 44.0), "tibial": (5.8, 4.0, 41.0)}


@pytest.mark.parametrize("nerve", list(NERVES))
def test_reference_table_holds_the_published_numbers(nerve):
    spec = NERVES[nerve]
    assert (spec.limits.dml_uln_ms, spec.limits.amplitude_lln_mv, spec.limits.cv_lln_m_s) == LIMITS[nerve]
    assert spec.motor_units == UNITS[nerve]
    assert spec.sites[0].distance_mm == (70.0 if spec.limb == "arm" else 90.0)
    assert list(spec.site_names) == sorted(spec.site_names, key=lambda s: spec.site(s).distance_mm)


@pytest.mark.parametrize("nerve", list(NERVES))
def test_normal_nerve_within_typical_limits_and_near_published_means(nerve):
    s = simulate(nerve)
    uln, lln, cv_lln = LIMITS[nerve]
    m = MEANS[nerve]
    d = s.distal
    assert d.latency_ms <= uln
    assert abs(d.latency_ms - m["dml"]) <= 0.2
    assert d.amplitude_mv >= lln
    assert abs(d.amplitude_mv - m["amp"]) <= 0.1 * m["amp"]
    # negative-peak duration of a real CMAP, below the EFNS/PNS 2010 upper limits (20 Hz filter: median 6.6,
    # ulnar 6.7, peroneal 7.6, tibial 8.8 ms; efnspns2010cidp)
    assert 4.5 <= d.duration_ms < {"median": 6.6, "ulnar": 6.7, "peroneal": 7.6, "tibial": 8.8}[nerve]
    for seg in s.segments:
        assert seg.cv_m_s >= cv_lln, seg.name
        assert seg.block.grade == "none"
    assert abs(s.segments[0].cv_m_s - m["cv"]) <= m["cv_sd"]
    # only a small proximal loss of CMAP area, and no abnormal dispersion (the tibial nerve loses more between
    # ankle and knee -- normal controls may drop up to 50% in amplitude, preston2020 -- and its dispersion item
    # needs a ≥100% duration increase, vandenbergh2021cidp)
    tibial = nerve == "tibial"
    assert s.sites[-1].area_mv_ms / d.area_mv_ms > (0.75 if tibial else 0.9)
    assert s.sites[-1].duration_ms / d.duration_ms < (2.0 if tibial else 1.3)
    assert s.cidp.met == ()
    assert not s.snap.abnormal
    assert s.pattern == "normal"


@pytest.mark.parametrize("nerve", list(NERVES))
def test_motor_unit_pool(nerve):
    pool = motor_pool(nerve, 0)
    assert pool.n == UNITS[nerve]
    # big units conduct fast
    assert np.corrcoef(pool.cv_m_s, np.log(pool.size))[0, 1] > 0.5


def test_hand_axon_velocities_span_34_to_66_with_a_peak_near_50():
    cv = motor_pool("median", 0).cv_m_s
    assert cv.min() >= 34.0 and cv.max() <= 66.0
    assert cv.max() - cv.min() > 20.0
    hist, edges = np.histogram(cv, bins=np.arange(34, 67, 4))
    peak = 0.5 * (edges[hist.argmax()] + edges[hist.argmax() + 1])
    assert 44 <= peak <= 56


def test_proximal_segments_conduct_about_10_m_s_faster():
    s = simulate("median")
    gain = s.segment("upper_arm").cv_m_s - s.segment("forearm").cv_m_s
    assert 5.0 <= gain <= 15.0


def test_pure_block_lowers_amplitude_and_area_together_without_dispersion():
    s = simulate("median", lesions=[Lesion("forearm", block=0.6)])
    g = s.segment("forearm")
    assert g.amplitude_ratio < 0.55 and g.area_ratio < 0.55
    assert abs(g.amplitude_ratio - g.area_ratio) < 0.08
    assert g.duration_ratio < 1.15
    assert s.distal.amplitude_mv == pytest.approx(simulate("median").distal.amplitude_mv)


def test_pure_dispersion_lowers_amplitude_more_than_area_and_prolongs_duration():
    s = simulate("median", lesions=[Lesion("forearm", dispersion=0.7)])
    g = s.segment("forearm")
    amp_drop, area_drop = 1 - g.amplitude_ratio, 1 - g.area_ratio
    assert amp_drop > area_drop + 0.1
    assert g.duration_ratio > 1.3
    # every axon still conducts: the block verdict must not be definite
    assert g.block.grade != "definite"


def test_slowing_lowers_velocity_in_the_lesioned_segment_only():
    s = simulate("ulnar", lesions=[Lesion("upper_arm", slowing=0.5)])
    n = simulate("ulnar")
    assert s.segment("upper_arm").cv_m_s < 0.6 * n.segment("upper_arm").cv_m_s
    assert s.segment("forearm").cv_m_s == pytest.approx(n.segment("forearm").cv_m_s, abs=0.5)
    assert s.distal.latency_ms == pytest.approx(n.distal.latency_ms, abs=0.05)


def test_diffuse_slowing_prolongs_distal_latency():
    s = simulate("median", lesions=[Lesion("all", slowing=0.5)])
    assert s.distal.latency_ms > 1.4 * simulate("median").distal.latency_ms


def test_axon_loss_lowers_amplitude_without_block_and_with_near_normal_velocity():
    n = simulate("ulnar")
    s = simulate("ulnar", axon_loss=0.85)
    assert s.distal.amplitude_mv < 0.3 * n.distal.amplitude_mv
    assert all(g.block.criteria_grade == "none" for g in s.segments)
    assert all(g.area_ratio > 0.9 for g in s.segments)
    assert s.segments[0].cv_m_s > 0.85 * n.segments[0].cv_m_s
    assert s.axon_loss_pattern.present


def test_reinnervation_keeps_amplitude_nearer_normal_with_fewer_larger_units():
    normal = simulate("median").distal.amplitude_mv
    bare = simulate("median", axon_loss=0.7).distal.amplitude_mv
    rein = simulate("median", axon_loss=0.7, reinnervation=0.6).distal.amplitude_mv
    assert bare < rein < normal * 1.05
    assert rein - bare > 0.3 * (normal - bare)
    # the surviving units are larger: amplitude per surviving unit grows
    assert rein / (0.3 * 340) > 1.5 * normal / 340


def test_cooling_slows_conduction_and_raises_amplitude():
    warm = simulate("median", temperature_c=34.0)
    cold = simulate("median", temperature_c=26.0)
    assert cold.segments[0].cv_m_s < warm.segments[0].cv_m_s - 5
    assert cold.distal.latency_ms > warm.distal.latency_ms + 0.5
    assert cold.distal.amplitude_mv > warm.distal.amplitude_mv
    assert cold.distal.duration_ms > warm.distal.duration_ms
    hot = simulate("median", temperature_c=38.0)
    assert hot.segments[0].cv_m_s > warm.segments[0].cv_m_s


@pytest.mark.parametrize("nerve", ["median", "ulnar", "peroneal"])
def test_snap_loses_far_more_area_than_cmap_for_the_same_dispersion(nerve):
    seg = NERVES[nerve].key_segment
    s = simulate(nerve, lesions=[Lesion(seg, dispersion=0.5, sensory=True)])
    cmap_loss = 1 - s.segment(seg).area_ratio
    snap_loss = 1 - s.snap.segments[0].area_ratio
    assert snap_loss > 0.5
    assert snap_loss > 3 * cmap_loss


def test_sensory_fibres_spared_unless_the_lesion_says_so():
    motor_only = simulate("median", lesions=[Lesion("forearm", block=0.7)])
    both = simulate("median", lesions=[Lesion("forearm", block=0.7, sensory=True)])
    assert not motor_only.snap.abnormal
    assert both.snap.abnormal
    assert both.snap.segments[0].area_ratio < 0.5 * motor_only.snap.segments[0].area_ratio


def test_same_seed_same_traces_different_seed_different_traces():
    a = simulate("ulnar", preset="mmn", seed=3)
    b = simulate("ulnar", preset="mmn", seed=3)
    c = simulate("ulnar", preset="mmn", seed=4)
    for x, y in zip(a.sites, b.sites):
        np.testing.assert_array_equal(x.cmap_mv, y.cmap_mv)
    np.testing.assert_array_equal(a.snap.sites[0].snap_uv, b.snap.sites[0].snap_uv)
    assert not np.array_equal(a.sites[1].cmap_mv, c.sites[1].cmap_mv)


def test_traces_are_sampled_finely_and_read_only():
    s = simulate("median")
    dt = np.diff(s.time_ms)
    assert np.allclose(dt, dt[0]) and dt[0] <= 0.05 + 1e-12
    assert s.time_ms[0] == 0.0
    assert all(site.cmap_mv.shape == s.time_ms.shape for site in s.sites)
    with pytest.raises(ValueError):
        s.sites[0].cmap_mv[0] = 1.0


@pytest.mark.parametrize("onset", [2.0, 3.37, 7.81, 12.505])
def test_latency_measured_to_0_1_ms_on_a_trace_with_known_onset(onset):
    dt = 0.05
    t = np.arange(0, 40, dt)
    dur, amp = 5.0, 5.0
    v = np.where((t >= onset) & (t <= onset + dur), -amp * np.sin(np.pi * (t - onset) / dur), 0.0)
    # a positive phase after the negative one, as in a CMAP
    v += np.where((t > onset + dur) & (t < onset + 3 * dur), 0.4 * amp * np.sin(np.pi * (t - onset - dur) / (2 * dur)), 0)
    m = measure_traces(v[None, :], dt)
    assert abs(m.latency_ms[0] - onset) <= 0.1
    assert m.amplitude[0] == pytest.approx(amp, rel=0.01)
    assert abs(m.duration_ms[0] - dur) <= 0.1
    assert m.area[0] == pytest.approx(2 * amp * dur / np.pi, rel=0.02)
    assert abs(m.peak_ms[0] - (onset + dur / 2)) <= 0.05


def test_absent_response_gives_nan_and_velocity_is_distance_over_latency_difference():
    m = measure_traces(np.zeros((1, 100)), 0.05, absent_below=0.01)
    assert np.isnan(m.latency_ms[0]) and np.isnan(m.amplitude[0])
    cv = conduction_velocity(np.array([230.0]), np.array([3.7]), np.array([7.7]))
    assert cv[0] == pytest.approx(57.5)


def test_median_slowing_at_the_wrist_is_read_as_an_entrapment():
    s = simulate("median", lesions=[Lesion("distal", slowing=0.5)])
    assert s.distal.latency_ms > NERVES["median"].limits.dml_uln_ms
    assert all(g.cv_m_s >= NERVES["median"].limits.cv_lln_m_s for g in s.segments)
    assert s.pattern == "entrapment"
    assert any(f.kind == "entrapment" for f in s.findings)
