"""Benchmark of the conduction simulator's added capabilities (F-waves, multi-nerve study, figures).

Prints the median wall and CPU time of: a four-nerve study of one patient (one side; target ≤20 ms), the full
eight-nerve study (both sides), one F-wave train (20 stimuli), the F-wave and kernel-free explorer figures, and
the kernel-free explorer's JSON size.

Run: ``.venv/bin/python benchmarks/bench_conduction_features.py``
"""

from __future__ import annotations

import statistics
import time

from widgets.conduction import simulate
from widgets.conduction.fwaves import f_waves
from widgets.conduction.patient import study_patient
from widgets.conduction.precomputed import figure_json_size, kernel_free_figure

FOUR_NERVE_TARGET_MS = 20.0


def median_ms(fn, repeats: int = 30, clock=time.perf_counter) -> float:
    fn()  # warm caches
    times = []
    for _ in range(repeats):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return 1e3 * statistics.median(times)


def main() -> None:
    seeds = iter(range(1000, 10**6))  # a new person each time: no study cache helps
    rows = [
        ("four-nerve study, one side (MMN patient)", lambda: study_patient("mmn", seed=next(seeds), sides=("right",))),
        ("four-nerve study + F-waves", lambda: study_patient("mmn", seed=next(seeds), sides=("right",),
                                                              f_waves=True)),
        ("eight-nerve study, both sides (CIDP)", lambda: study_patient("cidp", seed=next(seeds))),
    ]
    study = simulate("ulnar", preset="mmn", seed=3)
    rows.append(("one F-wave train (20 stimuli)", lambda: f_waves(study)))
    for name, fn in rows:
        wall = median_ms(fn)
        cpu = median_ms(fn, clock=time.process_time)
        flag = ""
        if name.startswith("four-nerve study, one side"):
            flag = "  OK" if wall <= FOUR_NERVE_TARGET_MS else f"  ABOVE TARGET {FOUR_NERVE_TARGET_MS:g} ms"
        print(f"{name:45s} median {wall:7.2f} ms wall, {cpu:7.2f} ms CPU{flag}")
    t0 = time.perf_counter()
    fig = kernel_free_figure("ulnar", "mmn")
    print(f"{'kernel-free explorer figure build':45s} {1e3 * (time.perf_counter() - t0):7.0f} ms, "
          f"{figure_json_size(fig) / 1024:.0f} kB JSON")
    from widgets.conduction.fwave_view import fwave_explorer_figure

    t0 = time.perf_counter()
    fwave_explorer_figure()
    print(f"{'F-wave explorer figure build':45s} {1e3 * (time.perf_counter() - t0):7.0f} ms")


if __name__ == "__main__":
    main()
