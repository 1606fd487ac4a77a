"""Derive the EMG model's per-muscle MUP calibration from the published reference values, and print the figures.

For each muscle of :data:`widgets.emg.reference_values.MUP_REFERENCE` (``nfkn_emg_reference``) this samples the
MUPs an examiner analyses, :func:`widgets.emg.regions.analysed_mups` (20 MUPs per muscle, 5 per needle position),
in ``PEOPLE`` healthy people (seeds 0 … ``PEOPLE`` − 1, with the person and unit factors of ``MUP_VARIATION``).
Starting from the common calibration (time and voltage factors 1), it repeatedly scales the muscle's
``mup_amplitude_scale`` by published mean amplitude ÷ sampled mean amplitude and its ``mup_scale`` by published
mean duration ÷ sampled mean duration (amplitude first: the measured duration depends on the amplitude through the
baseline threshold of the duration markers), each rounded to 4 decimals, until neither changes. The fitted factors
are printed next to the stored ``MUP_CALIBRATION`` and the published means; a stored value that this script no
longer reproduces is flagged (``MISMATCH``) so the table can be updated by pasting the fitted factors.
``tests/unit/emg/test_emg_mup_reference.py`` then holds the model to the published means and SDs over 100 people.

The muscle table is patched with :func:`dataclasses.replace` while fitting (the model reads
``MUSCLES[muscle]`` at call time) and restored afterwards.

Run: ``.venv/bin/python benchmarks/bench_emg_mup_calibration.py`` (about a minute on the course machine).
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np

from widgets.emg import model
from widgets.emg import reference_values as rv
from widgets.emg.regions import analysed_mups
from widgets.emg.state import MuscleState

#: Healthy people sampled per muscle (the number the stored calibration was fitted over).
PEOPLE = 60
#: At most this many rounds of the amplitude-then-duration update.
MAX_ROUNDS = 12
#: Stored and fitted factors may differ by this much (the fit is a rounded fixed-point iteration).
TOLERANCE = 0.001


def sampled_means(muscle: str, time_scale: float, amplitude_scale: float,
                  people: int = PEOPLE) -> tuple[float, float, float, float]:
    """Mean and SD over ``people`` of a muscle's mean MUP duration (ms) and mean amplitude (µV) at these factors."""
    original = rv.MUSCLES[muscle]
    rv.MUSCLES[muscle] = dataclasses.replace(original, mup_scale=time_scale, mup_amplitude_scale=amplitude_scale)
    model._muscle.cache_clear()
    try:
        durs, amps = [], []
        for seed in range(people):
            ms = analysed_mups(muscle, MuscleState(), seed)
            durs.append(np.mean([m.duration_ms for m in ms]))
            amps.append(np.mean([m.amplitude_uv for m in ms]))
    finally:
        rv.MUSCLES[muscle] = original
        model._muscle.cache_clear()
    return (float(np.mean(durs)), float(np.std(durs, ddof=1)), float(np.mean(amps)), float(np.std(amps, ddof=1)))


def fit(muscle: str, start: tuple[float, float] = (1.0, 1.0)) -> tuple[float, float, int]:
    """``(mup_scale, mup_amplitude_scale, rounds)`` of ``muscle``: the published means met over :data:`PEOPLE`."""
    ref = rv.MUP_REFERENCE[muscle]
    ts, amp = start
    for rounds in range(1, MAX_ROUNDS + 1):
        new_amp = round(amp * ref.amplitude_uv[0] / sampled_means(muscle, ts, amp)[2], 4)
        new_ts = round(ts * ref.duration_ms[0] / sampled_means(muscle, ts, new_amp)[0], 4)
        if (new_ts, new_amp) == (ts, amp):
            break
        ts, amp = new_ts, new_amp
    return ts, amp, rounds


def main() -> None:
    """Fit every muscle with published values and print fitted vs stored factors and the published targets."""
    print(f"MUP calibration over {PEOPLE} healthy people, 20 analysed MUPs each (analysed_mups); "
          "published values: nfkn_emg_reference")
    mismatches = []
    for muscle, ref in rv.MUP_REFERENCE.items():
        t0 = time.perf_counter()
        ts, amp, rounds = fit(muscle)
        stored = rv.MUP_CALIBRATION[muscle]
        d, d_sd, a, a_sd = sampled_means(muscle, ts, amp)
        ok = abs(ts - stored[0]) <= TOLERANCE and abs(amp - stored[1]) <= TOLERANCE
        if not ok:
            mismatches.append(muscle)
        print(f"{muscle}: fitted (mup_scale, mup_amplitude_scale) = ({ts}, {amp}) in {rounds} rounds; "
              f"stored {stored} {'ok' if ok else 'MISMATCH'}\n"
              f"    sampled mean duration {d:.2f} ms (SD over people {d_sd:.2f}), published {ref.duration_ms[0]} "
              f"± {ref.duration_ms[1]} ms; sampled mean amplitude {a:.0f} µV (SD {a_sd:.0f}), published "
              f"{ref.amplitude_uv[0]:.0f} ± {ref.amplitude_uv[1]:.0f} µV [{time.perf_counter() - t0:.1f} s]")
    print("all stored factors reproduced" if not mismatches else
          f"stored factors not reproduced for {mismatches}: paste the fitted factors into MUP_CALIBRATION")


if __name__ == "__main__":
    main()
