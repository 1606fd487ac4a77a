"""Benchmark of the needle EMG simulator.

Prints the median time to compute ONE EMG screen (one muscle, one phase: the
signal plus its findings) with the person's motor units already built ("warm":
what a slider or menu move costs in the live view), the time to build a new
person's muscle first ("cold": new seed, all unit templates), the time to turn
a screen into figure layers, to generate 1 s of gapless 44.1 kHz audio, to read
a whole patient for the regions rule, and the kernel-free figure's JSON size.
Target (issue 15): one EMG screen ≤ 16 ms.

Run: ``.venv/bin/python benchmarks/bench_emg.py``
"""

from __future__ import annotations

import statistics
import time

from widgets.emg import PHASES, STATES, simulate
from widgets.emg.audio import audio_samples
from widgets.emg.figures import LIVE_POINTS, recording_layers
from widgets.emg.model import _muscle
from widgets.emg.regions import read_muscle, regions
from widgets.emg.static import kernel_free_figure
from widgets.emg.units import unit_pool

TARGET_MS = 16.0
REPEATS = 50


def median_ms(fn, repeats: int = REPEATS, warm: bool = True) -> float:
    if warm:
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1e3 * statistics.median(times)


def main() -> int:
    print(f"One EMG screen, warm (median of {REPEATS}; target ≤ {TARGET_MS:g} ms)")
    worst = 0.0
    for state in ("normal", "chronic_reinnervation", "acute_denervation", "myopathic"):
        cells = []
        for phase in PHASES:
            ms = median_ms(lambda: simulate("fdi", STATES[state], phase, seed=3))
            worst = max(worst, ms)
            cells.append(f"{phase} {ms:5.1f}")
        print(f"  {state:24s} " + "  ".join(cells) + " ms")
    seeds = iter(range(10_000, 20_000))

    def cold():
        s = next(seeds)
        return simulate("fdi", STATES["chronic_reinnervation"], "maximal", seed=s)

    print(f"New person (cold: units and templates built), chronic reinnervation, maximal: {median_ms(cold, 20, False):.1f} ms")
    rec = simulate("fdi", STATES["chronic_reinnervation"], "maximal", seed=3)
    print(f"Figure layers of one screen ({LIVE_POINTS} points): {median_ms(lambda: recording_layers(rec, n_points=LIVE_POINTS)):.1f} ms")
    rest = simulate("fdi", STATES["acute_denervation"], "rest", seed=3)
    print(f"1 s of 44.1 kHz audio (gapless, {audio_samples(rest).size} samples): {median_ms(lambda: audio_samples(rest)):.1f} ms")
    t0 = time.perf_counter()
    regions("als_late", seed=123)
    print(f"Read a whole patient (15 muscles x 4 needle sites) for the regions rule, cold: {1e3 * (time.perf_counter() - t0):.0f} ms")
    t0 = time.perf_counter()
    fig = kernel_free_figure()
    from widgets.conduction.static import figure_json_size

    print(f"Kernel-free figure: built in {time.perf_counter() - t0:.1f} s, {figure_json_size(fig) / 1000:.0f} kB JSON")
    print(f"Worst warm screen: {worst:.1f} ms ({'within' if worst <= TARGET_MS else 'OVER'} the {TARGET_MS:g} ms target)")
    _ = (unit_pool, _muscle, read_muscle)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
