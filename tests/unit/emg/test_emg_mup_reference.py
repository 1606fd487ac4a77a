"""Normal MUPs per muscle against published reference values, over many people (a seed is a person).

Source (book/references.bib, ``nfkn_emg_reference``): Norwegian Society of Clinical Neurophysiology, method
guideline, "Normalverdier standard EMG" (concentric needle, multi-MUP analysis): mean ± SD of a muscle's mean MUP
amplitude and duration, and outlier limits for single MUPs —

* deltoid: 550 ± 110 µV (outliers 162–1531), 10.4 ± 1.3 ms (outliers 4.2–18.4);
* biceps: 436 ± 115 µV (178–1414), 9.9 ± 1.4 ms (4.2–16.4);
* first dorsal interosseous: 752 ± 247 µV (188–2301), 9.4 ± 1.3 ms (4.0–18.0).

A muscle is abnormal when more than two of its MUPs lie outside the outlier limits (Keypoint definition, same
source), so a healthy person's muscle must read normal: at most two of the 20 analysed MUPs outside, in at least
95% of people (durations: both limits; amplitudes: the upper limit only, see the shortfall in
widgets/emg/reference_values.py). A seed is a person, and people differ as published: over
``PEOPLE`` healthy people, the SD of a muscle's mean MUP duration and amplitude is within ±35% of the published
SD, and their mean within 3 standard errors (published SD ÷ √people) of the published mean. The published
numbers are typed here on purpose, not read from the model's table, so a changed table cannot pass by changing
both.
"""

from __future__ import annotations

import numpy as np
import pytest

from widgets.emg.potentials import calibrate_templates
from widgets.emg.presets import get_preset
from widgets.emg.reference_values import MUP_REFERENCE, mup_duration_upper_ms
from widgets.emg.regions import MUPS_SAMPLED, analysed_mups, read_muscle

PEOPLE = range(100)
#: people whose full reading (recruitment too, slower) is checked
READ_PEOPLE = range(8)
SD_TOLERANCE = 0.35
SE_TOLERANCE = 3.0
MUPS_PER_PERSON = 20
PUBLISHED = {  # (amplitude mean, SD, outliers), (duration mean, SD, outliers)
    "deltoid": ((550.0, 110.0, (162.0, 1531.0)), (10.4, 1.3, (4.2, 18.4))),
    "biceps": ((436.0, 115.0, (178.0, 1414.0)), (9.9, 1.4, (4.2, 16.4))),
    "fdi": ((752.0, 247.0, (188.0, 2301.0)), (9.4, 1.3, (4.0, 18.0))),
}


@pytest.fixture(scope="module")
def people():
    """Per muscle: (durations, amplitudes) of the analysed MUPs, one row per person (ms, µV)."""
    out = {}
    for muscle in PUBLISHED:
        state = get_preset("normal").state(muscle)
        rows = [analysed_mups(muscle, state, s) for s in PEOPLE]
        out[muscle] = (np.array([[x.duration_ms for x in r] for r in rows]),
                       np.array([[x.amplitude_uv for x in r] for r in rows]))
    return out


def test_the_table_holds_the_published_values():
    assert set(MUP_REFERENCE) == set(PUBLISHED)
    for key, (amp, dur) in PUBLISHED.items():
        ref = MUP_REFERENCE[key]
        assert ref.amplitude_uv == amp[:2] and ref.amplitude_outliers_uv == amp[2]
        assert ref.duration_ms == dur[:2] and ref.duration_outliers_ms == dur[2]
        assert ref.source == "nfkn_emg_reference"
        assert mup_duration_upper_ms(key) == pytest.approx(dur[0] + 2 * dur[1])
    assert mup_duration_upper_ms("tibialis_anterior") == 15.0, "muscles without published values: common range"
    assert MUPS_SAMPLED == MUPS_PER_PERSON, "the published values are of 20 MUPs per muscle"


@pytest.mark.parametrize("muscle", sorted(PUBLISHED))
def test_people_differ_as_published(muscle, people):
    (a_mean, a_sd, _), (d_mean, d_sd, _) = PUBLISHED[muscle]
    durs, amps = (x.mean(axis=1) for x in people[muscle])
    n = len(PEOPLE)
    assert abs(durs.std(ddof=1) / d_sd - 1) <= SD_TOLERANCE, durs.std(ddof=1)
    assert abs(amps.std(ddof=1) / a_sd - 1) <= SD_TOLERANCE, amps.std(ddof=1)
    assert abs(durs.mean() - d_mean) <= SE_TOLERANCE * d_sd / np.sqrt(n), durs.mean()
    assert abs(amps.mean() - a_mean) <= SE_TOLERANCE * a_sd / np.sqrt(n), amps.mean()


@pytest.mark.parametrize("muscle", sorted(PUBLISHED))
def test_healthy_muscles_read_normal_by_the_outlier_rule(muscle, people):
    (_, _, a_out), (_, _, d_out) = PUBLISHED[muscle]
    d, a = people[muscle]
    assert d.shape[1] == a.shape[1] == MUPS_PER_PERSON
    d_outside = np.sum((d < d_out[0]) | (d > d_out[1]), axis=1)
    assert np.mean(d_outside > 2) <= 0.05, "duration: more than two outliers in at most 5% of healthy people"
    # amplitude: held to the upper outlier limit only (known shortfall: the model has no acceptance rule for
    # distant units' small MUPs, see widgets/emg/reference_values.py)
    a_above = np.sum(a > a_out[1], axis=1)
    assert np.mean(a_above > 2) <= 0.05, "amplitude: more than two large outliers in at most 5% of healthy people"
    # single MUPs do vary within a person (not all alike): the published limits imply a wide spread
    assert np.mean(np.percentile(d, 90, axis=1) - np.percentile(d, 10, axis=1)) >= 2.0


@pytest.mark.parametrize("muscle", sorted(PUBLISHED))
def test_what_the_simulator_reports_reads_normal(muscle, people):
    durs = people[muscle][0].mean(axis=1)
    # the upper limit is the published mean + 2 SD: by its definition about 2.5% of healthy people lie above it
    assert np.mean(durs > mup_duration_upper_ms(muscle)) <= 0.05
    for s in READ_PEOPLE:
        f = read_muscle(muscle, "normal", seed=s)
        assert not f.chronic_neurogenic and not f.myopathic, (s, f)


@pytest.mark.parametrize("bad", [None, True, "1", 0.05, 6.0, float("nan")])
def test_calibration_and_limits_reject_bad_input(bad):
    tpl = np.zeros((1, 800))
    with pytest.raises(ValueError, match="time_scale"):
        calibrate_templates(tpl, bad, 1.0)
    with pytest.raises(ValueError, match="amplitude_scale"):
        calibrate_templates(tpl, 1.0, bad)
    with pytest.raises(ValueError, match="time_scale"):
        calibrate_templates(tpl, 3.0, 1.0)
    with pytest.raises(ValueError, match="muscle"):
        mup_duration_upper_ms(bad)
