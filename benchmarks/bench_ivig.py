"""Benchmark of the IVIg model: one-year simulation, cohort generation, kernel-free figure size.

Run: ``.venv/bin/python benchmarks/bench_ivig.py``. Target: median one-year simulation <= 5 ms.
"""

from __future__ import annotations

import statistics
import time

from widgets.ivig import cohort, induction, maintenance, simulate
from widgets.ivig.static import kernel_free_figure

TARGET_MS = 5.0


def median_ms(fn, repeats: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    regimen = induction().then(maintenance(1.0, 4), weeks=4)
    one_year = median_ms(lambda: simulate(regimen, weeks=52), 200)
    cohort_100 = median_ms(lambda: cohort(100, seed=0), 20)
    patients = cohort(100, seed=0)
    cohort_sims = median_ms(lambda: [simulate(regimen, p, weeks=52) for p in patients], 5)
    build = median_ms(kernel_free_figure, 3)
    size = len(kernel_free_figure().to_json().encode())

    print(f"one-year simulation, median of 200: {one_year:.2f} ms (target <= {TARGET_MS:g} ms)")
    print(f"cohort(100) generation, median of 20: {cohort_100:.2f} ms")
    print(f"cohort(100) one-year simulations, median of 5: {cohort_sims:.0f} ms")
    print(f"kernel-free figure: built in {build:.0f} ms, JSON {size / 1e6:.3f} MB (budget 0.8 MB)")
    if one_year > TARGET_MS:
        raise SystemExit(f"one-year simulation too slow: {one_year:.2f} ms > {TARGET_MS} ms")


if __name__ == "__main__":
    main()
