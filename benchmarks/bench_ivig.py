"""Benchmark of the IVIg model: one-year simulation, cohort generation, a 40-patient virtual trial, the book's explorer mount and trial figure sizes.

Run: ``.venv/bin/python benchmarks/bench_ivig.py``. Targets: median one-year simulation <= 5 ms;
a 40-patient trial (any design, outcome or arrangement) <= 1 s.
"""

from __future__ import annotations

import statistics
import time

from widgets.ivig import cohort, induction, maintenance, simulate
from widgets.ivig.static import explorer_html
from widgets.ivig.trial import run_trial
from widgets.ivig.trial_views import SCENARIOS, SIZES, kernel_free_trial_figure

TARGET_MS = 5.0
TRIAL_TARGET_MS = 1000.0


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
    trials = {
        f"{design}-like crossover": median_ms(lambda d=design: run_trial(d, 40, seed=1), 5)
        for design in ("federico", "leger", "hahn")
    }
    trials["hahn-like crossover, MRC sum"] = median_ms(lambda: run_trial("hahn", 40, seed=1, outcome="mrc_sum"), 5)
    trials["hahn-like crossover, disability"] = median_ms(
        lambda: run_trial("hahn", 40, seed=1, outcome="disability"), 5
    )
    trials["hahn-like parallel"] = median_ms(lambda: run_trial("hahn", 40, seed=1, arrangement="parallel"), 5)
    build = median_ms(explorer_html, 20)
    size = len(explorer_html().encode())
    trial_build = median_ms(kernel_free_trial_figure, 1)
    trial_size = len(kernel_free_trial_figure().to_json().encode())

    print(f"one-year simulation, median of 200: {one_year:.2f} ms (target <= {TARGET_MS:g} ms)")
    print(f"cohort(100) generation, median of 20: {cohort_100:.2f} ms")
    print(f"cohort(100) one-year simulations, median of 5: {cohort_sims:.0f} ms")
    for design, ms in trials.items():
        print(f"40-patient {design} trial, median of 5: {ms:.0f} ms (target <= {TRIAL_TARGET_MS:g} ms)")
    print(
        f"in-page explorer mount point: built in {build:.2f} ms, {size:,} bytes (the model runs in the page: "
        "benchmarks/bench_ivig_js.py)"
    )
    print(
        f"kernel-free trial figure ({len(SCENARIOS)} scenarios x {len(SIZES)} sizes): built in {trial_build:.0f} ms, "
        f"JSON {trial_size / 1e6:.3f} MB"
    )
    if one_year > TARGET_MS:
        raise SystemExit(f"one-year simulation too slow: {one_year:.2f} ms > {TARGET_MS} ms")
    if max(trials.values()) > TRIAL_TARGET_MS:
        raise SystemExit(f"40-patient trial too slow: {max(trials.values()):.0f} ms > {TRIAL_TARGET_MS:g} ms")


if __name__ == "__main__":
    main()
