"""Benchmark of the nerve conduction simulator.

Prints, for each nerve, the median time to simulate AND measure one full study
(every stimulation site, SNAP, verdicts), for a normal nerve and for a preset,
a study with every recording pitfall, a four-nerve study, one redraw of the
live widget in the kernel, and the size of the kernel-free figure's JSON.
Target: ≤5 ms per study, ≤20 ms for four nerves, ≤~1 MB of figure JSON.

Run: ``.venv/bin/python benchmarks/bench_conduction.py``
"""

from __future__ import annotations

import itertools
import os
import statistics
import time

from widgets.conduction import NERVES, PRESETS, simulate
from widgets.conduction.precomputed import figure_json_size, kernel_free_figure

TARGET_MS = 5.0
REPEATS = 300


def median_ms(fn, repeats: int = REPEATS) -> float:
    fn()  # warm caches (unit pools, calibration, templates)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1e3 * statistics.median(times)


def median_cpu_ms(fn, repeats: int = REPEATS) -> float:
    """Median process CPU time (ms): robust when other jobs share the machine."""
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return 1e3 * statistics.median(times)


def _widget_redraw():
    """A function that moves one control of a live widget (the electrode position) and waits for the redraw."""
    from widgets.conduction.views import ConductionExplorer

    e = ConductionExplorer("ulnar", None)
    values = itertools.cycle([0, 10, 20, 30])
    return lambda: setattr(e.electrode_offset, "value", next(values))


def both(fn, repeats: int = REPEATS) -> tuple[float, float]:
    """(wall, CPU) medians in ms. The budget is judged on CPU time: wall time also counts the time spent waiting
    for a core when other jobs share the machine (printed with the load average)."""
    return median_ms(fn, repeats), median_cpu_ms(fn, repeats)


def main() -> int:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Load average {load:.1f} on {os.cpu_count()} cores; times are wall / CPU medians (budget on CPU)")
    print(f"Simulate + measure one full study (median of {REPEATS}; target ≤ {TARGET_MS:g} ms)")
    worst = 0.0
    for name, spec in NERVES.items():
        normal = both(lambda: simulate(name))
        preset = "mmn" if name in PRESETS["mmn"].nerves else "cidp"
        lesioned = both(lambda: simulate(name, preset=preset))
        worst = max(worst, normal[1], lesioned[1])
        print(f"  {name:9s} {len(spec.sites)} sites  normal {normal[0]:6.2f} / {normal[1]:5.2f} ms   "
              f"{preset:5s} {lesioned[0]:6.2f} / {lesioned[1]:5.2f} ms")
    # a new person every time (seed ≥ 1: unit pools drawn afresh, not cached)
    seeds = iter(range(10_000, 10_000 + 2 * REPEATS + 4))
    person = both(lambda: simulate("median", seed=next(seeds)))
    worst = max(worst, person[1])
    print(f"  median, a new person (seed) every study: {person[0]:6.2f} / {person[1]:5.2f} ms")
    recorded = both(lambda: simulate("median", electrode_offset_mm=10.0, reference_pickup=0.3,
                                     low_frequency_filter_hz=20.0))
    worst = max(worst, recorded[1])
    print(f"  median with every recording pitfall (electrode 10 mm off, reference pickup, 20 Hz filter): "
          f"{recorded[0]:6.2f} / {recorded[1]:5.2f} ms")
    four = both(lambda: [simulate(n) for n in NERVES], repeats=100)
    print(f"Four-nerve study (median, ulnar, peroneal, tibial): {four[0]:6.2f} / {four[1]:5.2f} ms (target ≤ 20 ms)")
    redraw = both(_widget_redraw(), repeats=40)
    print(f"Live widget, one control change to the redrawn FigureWidget in the kernel (simulate + layers + update + "
          f"tables): {redraw[0]:6.2f} / {redraw[1]:5.2f} ms (the browser's share is measured in tests/live)")
    t0 = time.perf_counter()
    fig = kernel_free_figure("ulnar", "mmn")
    build = time.perf_counter() - t0
    size = figure_json_size(fig)
    print(f"Kernel-free figure (ulnar, mmn): {size / 1024:.0f} KiB of JSON, built in {build:.2f} s")
    ok = worst <= TARGET_MS and four[1] <= 20.0 and size <= 1_000_000
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
