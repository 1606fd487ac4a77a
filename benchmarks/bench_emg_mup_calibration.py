"""Fit the EMG model's per-muscle MUP calibration to the published reference values, and print the figures.

For each muscle of :data:`widgets.emg.reference_values.MUP_REFERENCE` this samples the MUPs that
:func:`widgets.emg.regions.read_muscle` samples (the first units of each needle position, ``MUPS_SAMPLED`` in
all) in ``PEOPLE`` healthy people with the common waveforms, then finds the voltage factor that brings the mean
over people of the muscle's mean MUP amplitude to the published mean, and the time factor that brings the mean
over people of the muscle's mean MUP duration to the published mean. Paste the printed factors into
``MUP_CALIBRATION``; ``tests/unit/emg/test_emg_mup_reference.py`` then holds the model to the published values.

Run: ``.venv/bin/python benchmarks/bench_emg_mup_calibration.py``
"""

from __future__ import annotations

import time

import numpy as np

from widgets.emg.potentials import calibrate_templates, measure_mup, unit_templates
from widgets.emg.presets import get_preset
from widgets.emg.reference_values import MUP_REFERENCE
from widgets.emg.regions import MUPS_SAMPLED
from widgets.emg.units import SITES, unit_pool

PEOPLE = 40


def _base_templates(muscle: str, seed: int) -> list[np.ndarray]:
    state = get_preset("normal").state(muscle)
    out = []
    for site in range(SITES):
        pool = unit_pool(muscle, seed, site)
        out += [unit_templates(pool, i, state, 1.0, 1) for i in range(4)]
    return out[:MUPS_SAMPLED]


def _means(base: list[list[np.ndarray]], ts: float, amp: float) -> tuple[float, float]:
    durs, amps = [], []
    for person in base:
        ms = [measure_mup(calibrate_templates(t, ts, amp)[0]) for t in person]
        durs.append(np.mean([m.duration_ms for m in ms]))
        amps.append(np.mean([m.amplitude_uv for m in ms]))
    return float(np.mean(durs)), float(np.mean(amps))


def fit(muscle: str) -> tuple[float, float]:
    """``(time_scale, amplitude_scale)`` of ``muscle`` (4 decimals)."""
    ref = MUP_REFERENCE[muscle]
    base = [_base_templates(muscle, s) for s in range(PEOPLE)]
    ts, amp = 1.0, 1.0
    for _ in range(4):  # amplitude and duration interact through the baseline threshold: alternate
        amp *= ref.amplitude_uv[0] / _means(base, ts, amp)[1]
        lo, hi = 0.5, 2.0
        for _ in range(30):
            mid = 0.5 * (lo + hi)
            if _means(base, mid, amp)[0] < ref.duration_ms[0]:
                lo = mid
            else:
                hi = mid
        ts = 0.5 * (lo + hi)
    return round(ts, 4), round(amp, 4)


if __name__ == "__main__":
    for m in MUP_REFERENCE:
        t0 = time.perf_counter()
        ts, amp = fit(m)
        base = [_base_templates(m, s) for s in range(PEOPLE)]
        d, a = _means(base, ts, amp)
        print(f"{m}: time_scale {ts}, amplitude_scale {amp} -> mean duration {d:.2f} ms, mean amplitude "
              f"{a:.0f} uV (published {MUP_REFERENCE[m].duration_ms[0]} ms, {MUP_REFERENCE[m].amplitude_uv[0]} uV)"
              f" [{time.perf_counter() - t0:.1f} s]")
