"""Inching: stimulate in short steps (1–2 cm) across a segment to find where a focal lesion sits.

A block or focal slowing is usually confined to a few millimetres of nerve.
Between two routine stimulation sites 10–20 cm apart, it only shows as a
change over the whole segment; stimulating every 1–2 cm across the segment
shows the step where the CMAP suddenly shrinks (block) or its latency jumps
(focal slowing). :func:`inch` simulates this on the motor units of one person
(the same pool as :func:`~widgets.conduction.simulate`), with one focal lesion
placed at a known point of the segment, so the student can check that the
step falls where the lesion is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from widgets.conduction.lesions import Lesion
from widgets.conduction.model import simulate
from widgets.conduction.person import check_seed, person, person_nerve
from widgets.conduction.pool import axon_speeds, motor_pool
from widgets.conduction.reference_values import get_nerve
from widgets.conduction.temperature import temperature_factors
from widgets.conduction.validate import number
from widgets.conduction.waveforms import mup_waveform

DT_MS = 0.02


@dataclass(frozen=True)
class InchingStudy:
    """CMAPs after stimulation at ``positions_mm`` (from the segment's distal site, proximal positive).

    ``amplitudes_mv``/``latencies_ms``: negative-peak amplitude and onset latency at each point;
    ``traces_mv`` (points × samples, negative peak negative) on ``time_ms``; ``lesion_mm``: where the focal
    lesion starts and ends (None without a lesion).
    """

    nerve: str
    segment: str
    positions_mm: np.ndarray
    time_ms: np.ndarray
    traces_mv: np.ndarray
    amplitudes_mv: np.ndarray
    latencies_ms: np.ndarray
    lesion_mm: tuple[float, float] | None

    @property
    def amplitude_steps(self) -> np.ndarray:
        """Fractional amplitude change from each point to the next more proximal one (−0.5 = halved)."""
        a = self.amplitudes_mv
        return a[1:] / a[:-1] - 1.0

    @property
    def latency_steps_ms(self) -> np.ndarray:
        """Latency increase (ms) from each point to the next more proximal one."""
        return np.diff(self.latencies_ms)

    @property
    def block_step(self) -> int:
        """Index ``k`` of the step (between points k and k+1) with the largest amplitude fall."""
        return int(np.nanargmin(self.amplitude_steps))

    @property
    def slowing_step(self) -> int:
        """Index of the step with the largest latency increase."""
        return int(np.nanargmax(self.latency_steps_ms))


def _check(name: str, value, lo: float, hi: float) -> float:
    return number(name, value, lo, hi)


def inch(
    nerve: str = "ulnar",
    segment: str = "elbow",
    *,
    lesion_at_mm: float | None = 50.0,
    lesion_length_mm: float = 10.0,
    block: float = 0.6,
    slowing: float = 0.7,
    step_mm: float = 10.0,
    seed: int = 0,
    temperature_c: float = 34.0,
) -> InchingStudy:
    """Stimulate every ``step_mm`` across ``segment`` of ``nerve`` with one focal lesion in it.

    Parameters
    ----------
    nerve, segment
        A nerve of ``NERVES`` and one of its segments between two stimulation sites (not "distal").
    lesion_at_mm
        Centre of the focal lesion, mm proximal to the segment's distal site (None: no lesion).
    lesion_length_mm
        Length of the lesion, 2–50 mm.
    block, slowing
        Fraction of axons blocked (0–1) and fractional slowing inside the lesion (0–0.9).
    step_mm
        Inching step, 5–40 mm (clinical inching uses 10–20 mm).
    seed, temperature_c
        The person and the limb temperature (°C), as in :func:`simulate`.

    Returns
    -------
    InchingStudy
    """
    spec = get_nerve(nerve)
    names = [s.name for s in spec.segments]
    if segment not in names[1:]:
        raise ValueError(f"segment must be one of {tuple(names[1:])}, got {segment!r}")
    k = names.index(segment)
    seed = check_seed(seed)
    spec = person_nerve(spec.name, seed)  # the person's distances (height)
    length = spec.sites[k].distance_mm - spec.sites[k - 1].distance_mm
    step = _check("step_mm", step_mm, 5.0, 40.0)
    les_len = _check("lesion_length_mm", lesion_length_mm, 2.0, 50.0)
    b = _check("block", block, 0.0, 1.0)
    slow = _check("slowing", slowing, 0.0, 0.9)
    centre = None if lesion_at_mm is None else _check("lesion_at_mm", lesion_at_mm, 0.0, length)
    # the study of the same person anchors the distal latency and the CMAP size
    study = simulate(nerve, seed=seed, temperature_c=temperature_c)
    tf = temperature_factors(temperature_c)
    pool = motor_pool(nerve, seed)

    # conduction time from the segment's distal site to the muscle, per axon
    d = np.array([s.distance_mm for s in spec.sites])
    lengths = np.concatenate([d[:1], np.diff(d)])
    speed = axon_speeds(spec, pool, person(spec.name, seed).segment_factors(len(spec.segments)), tf.speed)
    below = (lengths[:k, None] / speed[:k]).sum(axis=0) + pool.nmj_ms / tf.speed
    below = below - below[:].min()
    v = speed[k]

    positions = np.arange(0.0, length + 1e-9, step)
    lo, hi = (None, None) if centre is None else (max(centre - les_len / 2, 0.0), min(centre + les_len / 2, length))
    blocked = pool.u_block[k] < b if centre is not None else np.zeros(pool.n, bool)
    # distal latency of the reference study at the segment's distal site anchors the latencies
    t_anchor = study.site(spec.sites[k - 1].name).latency_ms
    fastest = float(below.min())
    t = np.arange(0.0, t_anchor + length / 20.0 + 30.0, DT_MS)
    template = mup_waveform(np.arange(0.0, 40.0, DT_MS) * 1.0, time_scale=spec.mup_duration_scale * tf.duration)
    distal_amp = study.site(spec.sites[k - 1].name).amplitude_mv
    traces = []
    for x in positions:
        inside = 0.0 if lo is None else max(min(x, hi) - lo, 0.0)
        arrival = t_anchor - fastest + below + (x - inside) / v + inside / (v * (1.0 - slow))
        reach = ~blocked if (lo is not None and x > (lo + hi) / 2) else np.ones(pool.n, bool)
        spikes = np.zeros(t.size)
        idx = np.clip(np.round(arrival / DT_MS).astype(int), 0, t.size - 1)
        np.add.at(spikes, idx[reach], pool.size[reach])
        traces.append(np.convolve(spikes, template)[: t.size])
    traces = np.array(traces)
    # scale: the trace at the segment's distal site has the study's amplitude there
    peak0 = float(np.max(np.abs(traces[0]))) or 1.0
    traces = traces * (distal_amp / peak0)  # negative peak negative, as in Study.sites[i].cmap_mv
    amps = np.max(-traces, axis=1)
    # onset: first crossing of 5% of each response's own negative peak (a smaller response is not "later")
    lat = np.array([t[np.argmax(-tr > 0.05 * a)] if a > 0 else math.nan for tr, a in zip(traces, amps)])
    for a in (positions, t, traces, amps, lat):
        a.flags.writeable = False
    return InchingStudy(nerve=nerve, segment=segment, positions_mm=positions, time_ms=t, traces_mv=traces,
                        amplitudes_mv=amps, latencies_ms=lat, lesion_mm=None if lo is None else (lo, hi))


def mmn_focal_block(step_mm: float = 20.0, seed: int = 0) -> InchingStudy:
    """Inching across the ulnar forearm with a focal MMN block 120 mm above the wrist (no slowing)."""
    return inch("ulnar", "forearm", lesion_at_mm=120.0, lesion_length_mm=10.0, block=0.7, slowing=0.0,
                step_mm=step_mm, seed=seed)


__all__ = ["InchingStudy", "Lesion", "inch", "mmn_focal_block"]
