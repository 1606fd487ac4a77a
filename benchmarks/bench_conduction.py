"""Benchmark of the nerve conduction simulator.

Prints, for each nerve, the median time to simulate AND measure one full study
(every stimulation site, SNAP, verdicts), for a normal nerve and for a preset,
and the size of the kernel-free figure's JSON. Target: ≤5 ms per study,
≤~1 MB of figure JSON.

Run: ``.venv/bin/python benchmarks/bench_conduction.py``
"""

from __future__ import annotations

import statistics
import time

from widgets.conduction import NERVES, PRESETS, simulate
from widgets.conduction.static import figure_json_size, kernel_free_figure

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


def main() -> int:
    print(f"Simulate + measure one full study (median of {REPEATS}; target ≤ {TARGET_MS:g} ms)")
    worst = 0.0
    for name, spec in NERVES.items():
        normal = median_ms(lambda: simulate(name))
        preset = "mmn" if name in PRESETS["mmn"].nerves else "cidp"
        lesioned = median_ms(lambda: simulate(name, preset=preset))
        worst = max(worst, normal, lesioned)
        print(f"  {name:9s} {len(spec.sites)} sites  normal {normal:6.2f} ms   {preset:5s} {lesioned:6.2f} ms")
    # a new person every time (seed ≥ 1: unit pools drawn afresh, not cached)
    seeds = iter(range(10_000, 10_000 + REPEATS + 2))
    person = median_ms(lambda: simulate("median", seed=next(seeds)))
    worst = max(worst, person)
    print(f"  median, a new person (seed) every study: {person:6.2f} ms")
    cpu = median_cpu_ms(lambda: simulate("median"))
    print(f"  median normal, CPU time (unaffected by other load): {cpu:6.2f} ms")
    four = median_ms(lambda: [simulate(n) for n in NERVES], repeats=100)
    print(f"Four-nerve study (median, ulnar, peroneal, tibial): {four:6.2f} ms (target ≤ 20 ms)")
    t0 = time.perf_counter()
    fig = kernel_free_figure("ulnar", "mmn")
    build = time.perf_counter() - t0
    size = figure_json_size(fig)
    print(f"Kernel-free figure (ulnar, mmn): {size / 1024:.0f} KiB of JSON, built in {build:.2f} s")
    ok = worst <= TARGET_MS and four <= 20.0 and size <= 1_000_000
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
