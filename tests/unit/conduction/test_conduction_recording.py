"""Recording pitfalls (widgets.conduction.recording): electrode position and the low-frequency filter.

Published behaviour the tests hold the model to:
* van Dijk et al. 1994, Muscle Nerve 17:1286-92 (doi 10.1002/mus.880171107; book key vandijk1994recording):
  moving the recording electrode 1 cm along the thenar/hypothenar muscles changed CMAP amplitude considerably
  and the elbow/wrist amplitude percentage by up to 32% in healthy median and ulnar nerves.
* EFNS/PNS 2010 CIDP guideline (efnspns2010cidp; course facts sheet §3 and §5): distal negative-peak duration
  upper limits at a 20 Hz low-frequency filter are median 6.6, ulnar 6.7, peroneal 7.6 and tibial 8.8 ms;
  duration cut-offs depend on the filter setting.
* Textbook electrode practice: an initial positive deflection means the active electrode is off the motor point.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from widgets.conduction import PITFALLS, simulate
from widgets.conduction.checklist import checklist

NERVES = ("median", "ulnar", "peroneal", "tibial")
PEOPLE = range(1, 41)
#: EFNS/PNS 2010 upper limits of distal negative-peak duration at a 20 Hz low-frequency filter (ms), typed from
#: the guideline as quoted in the course facts sheet, not read from the model
LIMITS_20HZ = {"median": 6.6, "ulnar": 6.7, "peroneal": 7.6, "tibial": 8.8}


def test_the_recording_settings_are_named_pitfalls():
    assert {"electrode_offset_mm", "reference_pickup", "low_frequency_filter_hz"} <= set(PITFALLS)


@pytest.mark.parametrize("nerve", NERVES)
@pytest.mark.parametrize("seed", [0, 7])
def test_the_reference_recording_leaves_every_trace_unchanged(nerve, seed):
    plain = simulate(nerve, seed=seed)
    explicit = simulate(nerve, seed=seed, electrode_offset_mm=0, reference_pickup=0.0, low_frequency_filter_hz=None)
    for a, b in zip(plain.sites, explicit.sites):
        assert np.array_equal(a.cmap_mv, b.cmap_mv)
    assert plain.interpretation == explicit.interpretation
    assert plain.settings.recording.is_reference


@pytest.mark.parametrize("nerve", ["median", "ulnar"])
def test_an_electrode_off_the_motor_point_gives_a_smaller_cmap_with_an_initial_positive_deflection(nerve):
    for seed in PEOPLE:
        on = simulate(nerve, seed=seed)
        off = simulate(nerve, seed=seed, electrode_offset_mm=10)
        d0, d1 = on.distal, off.distal
        assert d1.amplitude_mv < d0.amplitude_mv
        onset = int(d1.latency_ms / d1.time_ms[1])
        assert d1.cmap_mv[:onset].max() > 0.05 * d1.amplitude_mv  # positive (downward) before the negative onset
        assert d0.cmap_mv[: int(d0.latency_ms / d0.time_ms[1])].max() <= 1e-6  # none over the motor point
        # van Dijk 1994: 1 cm changed the elbow/wrist amplitude percentage by up to 32%, not more
        change = abs(off.segments[0].amplitude_ratio - on.segments[0].amplitude_ratio)
        assert change <= 0.32
    assert off.interpretation.startswith("Check the recording first")
    assert any("initial positive deflection" in f.text for f in off.findings_of("pitfall"))


@pytest.mark.parametrize("nerve", NERVES)
def test_raising_the_low_frequency_filter_shortens_and_lowers_the_cmap(nerve):
    for seed in (0, 3, 11):
        durs, amps = [], []
        for f in (None, 2.0, 10.0, 20.0, 100.0):
            d = simulate(nerve, seed=seed, low_frequency_filter_hz=f).distal
            assert math.isfinite(d.duration_ms) and math.isfinite(d.area_mv_ms)  # never NaN in the table
            durs.append(d.duration_ms)
            amps.append(d.amplitude_mv)
        assert all(b < a for a, b in zip(durs, durs[1:]))
        assert all(b < a for a, b in zip(amps, amps[1:]))


@pytest.mark.parametrize("nerve", NERVES)
def test_at_20_hz_normal_people_stay_under_the_2010_duration_limits(nerve):
    """The limits are upper limits of normal: few normal people exceed them at the filter they were set with."""
    durs = np.array([simulate(nerve, seed=s, low_frequency_filter_hz=20).distal.duration_ms for s in PEOPLE])
    assert np.mean(durs >= LIMITS_20HZ[nerve]) <= 0.05


def test_a_reference_electrode_over_muscle_changes_amplitude_and_area():
    on = simulate("median")
    off = simulate("median", reference_pickup=0.3)
    assert off.distal.area_mv_ms < on.distal.area_mv_ms
    assert off.distal.amplitude_mv != on.distal.amplitude_mv
    assert any("reference electrode" in f.text for f in off.findings_of("pitfall"))


def test_the_distal_duration_item_names_the_filter_and_carries_its_value():
    s = simulate("ulnar", low_frequency_filter_hz=20)
    item = s.cidp.item("distal_duration")
    assert item.met is None and "low-frequency filter 20 Hz" in item.text
    assert item.value == pytest.approx(s.distal.duration_ms)
    row = [c for c in checklist(s).cidp if c.rule == "distal CMAP duration"][0]
    assert row.value == f"{s.distal.duration_ms:.1f} ms, not graded"


@pytest.mark.parametrize("kwargs, name", [
    (dict(electrode_offset_mm=None), "electrode_offset_mm"),
    (dict(electrode_offset_mm=True), "electrode_offset_mm"),
    (dict(electrode_offset_mm=31), "electrode_offset_mm"),
    (dict(electrode_offset_mm="5"), "electrode_offset_mm"),
    (dict(reference_pickup=0.7), "reference_pickup"),
    (dict(reference_pickup=False), "reference_pickup"),
    (dict(low_frequency_filter_hz=0.1), "low_frequency_filter_hz"),
    (dict(low_frequency_filter_hz=True), "low_frequency_filter_hz"),
    (dict(low_frequency_filter_hz=float("nan")), "low_frequency_filter_hz"),
])
def test_bad_recording_settings_raise_value_errors_naming_the_parameter_and_range(kwargs, name):
    with pytest.raises(ValueError, match=name) as err:
        simulate("median", **kwargs)
    assert "must be a number within" in str(err.value)
