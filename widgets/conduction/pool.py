"""Motor-unit pool of the recorded muscle and sensory-fibre pool of the nerve.

Each motor unit has an axon conduction velocity, a size (the amplitude of its
potential at the recording electrode) correlated with that velocity, a
neuromuscular delay, and a set of uniform random numbers drawn once per pool
and reused by every simulation with the same seed. Because a lesion blocks the
axons whose number falls below the blocked fraction, raising the block from
40% to 50% blocks the same axons plus some more: sliders move smoothly and the
same seed always gives the same traces.

Physiology used (course facts sheet §5): motor-unit counts per muscle (thenar
340, hypothenar 380, EDB about 200, abductor hallucis about 127); single thenar
motor axons conduct at 34–66 m/s with a peak near 50 m/s (scaled to each
nerve's mean CV); proximal segments conduct about 10 m/s faster. The remaining
parameters of :class:`PoolParameters` are illustrative model choices.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from widgets.conduction.person import Person, check_seed, person
from widgets.conduction.reference_values import Nerve, get_nerve

__all__ = ["PARAMETERS", "PoolParameters", "UnitPool", "axon_speeds", "check_seed", "motor_pool", "sensory_pool"]


@dataclass(frozen=True)
class PoolParameters:
    """Parameters of the unit pools (velocities m/s, times ms, sizes relative)."""

    #: correlation (latent normal scale) between axon velocity and unit size: big units conduct fast
    size_speed_correlation: float = 0.8
    #: peakedness of the velocity distribution: v = mid + half-range · sign(z)·(|z|/3)**p, z ~ N(0, 1)
    #: clipped to ±3, so velocities span the whole range while most axons conduct near its middle
    cv_peakedness: float = 1.9
    #: SD of log unit size (sizes are log-normal, mean 1)
    size_log_sd: float = 0.6
    #: neuromuscular delay (ms) and its unit-to-unit SD
    nmj_delay_ms: float = 1.0
    nmj_jitter_ms: float = 0.05
    #: proximal segments conduct this much faster (facts sheet: about 10 m/s)
    proximal_cv_gain_m_s: float = 10.0
    #: reinnervation: a surviving unit grows at most this many times
    max_enlargement: float = 5.0
    #: number of simulated sensory fibres (their sum is scaled to the SNAP amplitude)
    sensory_fibres: int = 400
    #: sensory fibres conduct faster than motor axons of the same nerve by this factor: median and ulnar SNAP
    #: velocities about 55.8 m/s (Czech multicentre normative study, course facts sheet) vs motor CV about 57-60
    #: m/s measured over longer, more proximal segments (model choice fitted to those values)
    sensory_cv_gain: float = 1.07
    #: slowest allowed conduction (m/s) after slowing, to keep latencies finite
    min_cv_m_s: float = 3.0


PARAMETERS = PoolParameters()


@dataclass(frozen=True)
class UnitPool:
    """Per-unit properties (arrays of length ``n``) and reusable random draws.

    ``cv_m_s``: axon velocity in the distal (forearm/leg) segments at 34 °C;
    ``size``: relative potential amplitude (mean 1); ``nmj_ms``: neuromuscular
    delay (zeros for sensory fibres); ``u_block``/``u_disp``: uniform draws per
    segment (rows follow ``Nerve.segments``) deciding which axons a block hits
    and how much each axon is slowed; ``u_loss``: which axons degenerate;
    ``u_cross``: which units take a Martin–Gruber crossover; ``threshold``:
    electrical threshold quantile (0 = excited first; large axons have low
    thresholds).
    """

    cv_m_s: np.ndarray
    size: np.ndarray
    nmj_ms: np.ndarray
    u_block: np.ndarray
    u_disp: np.ndarray
    u_loss: np.ndarray
    u_cross: np.ndarray
    threshold: np.ndarray

    @property
    def n(self) -> int:
        """Number of units (or fibres) in the pool."""
        return int(self.cv_m_s.size)


def _rng(nerve: Nerve, seed: int, kind: str) -> np.random.Generator:
    return np.random.default_rng([int(seed), zlib.crc32(f"{nerve.name}/{kind}".encode())])


def _draw_pool(
    nerve: Nerve, seed: int, n: int, kind: str, params: PoolParameters, who: Person | None = None
) -> UnitPool:
    rng = _rng(nerve, seed, kind)
    lo, hi = nerve.axon_cv_range_m_s
    cv_factor = who.cv_factor if who is not None else 1.0
    if kind == "sensory":
        cv_factor *= params.sensory_cv_gain
    spread = who.spread_factor if who is not None else 1.0
    peak = nerve.axon_cv_peakedness if nerve.axon_cv_peakedness is not None else params.cv_peakedness
    z = np.clip(rng.standard_normal(n), -3.0, 3.0)
    cv = cv_factor * (0.5 * (lo + hi) + 0.5 * (hi - lo) * spread * np.sign(z) * (np.abs(z) / 3.0) ** peak)
    rho = params.size_speed_correlation
    latent = rho * z + np.sqrt(1.0 - rho**2) * rng.standard_normal(n)
    size = np.exp(params.size_log_sd * latent - 0.5 * params.size_log_sd**2)
    if kind == "motor":
        nmj = params.nmj_delay_ms + params.nmj_jitter_ms * rng.standard_normal(n)
    else:
        nmj = np.zeros(n)
    n_seg = len(nerve.segments)
    u_block = rng.random((n_seg, n))
    u_disp = rng.random((n_seg, n))
    u_loss = rng.random(n)
    u_cross = rng.random(n)
    # electrical threshold falls with axon size: rank of (-log size + noise)
    order = np.argsort(np.argsort(-np.log(size) + 0.3 * rng.standard_normal(n)))
    threshold = (order + 0.5) / n
    arrays = (cv, size, nmj, u_block, u_disp, u_loss, u_cross, threshold)
    for a in arrays:
        a.flags.writeable = False
    return UnitPool(*arrays)


@lru_cache(maxsize=128)
def motor_pool(nerve: str, seed: int = 0) -> UnitPool:
    """Motor units of the muscle recorded in a ``nerve`` study.

    Parameters
    ----------
    nerve : str
        Nerve studied (a key of the reference table).
    seed : int
        The person; their motor unit count comes from :func:`~widgets.conduction.person.person` (seed 0: the
        table's count).

    Returns
    -------
    UnitPool
        The person's motor units.
    """
    spec = get_nerve(nerve)
    who = person(spec.name, check_seed(seed))
    return _draw_pool(spec, who.seed, who.motor_units, "motor", PARAMETERS, who)


@lru_cache(maxsize=128)
def sensory_pool(nerve: str, seed: int = 0) -> UnitPool:
    """Sensory fibres contributing to the nerve's SNAP (an illustrative count)."""
    spec = get_nerve(nerve)
    who = person(spec.name, check_seed(seed))
    return _draw_pool(spec, who.seed, PARAMETERS.sensory_fibres, "sensory", PARAMETERS, who)


def axon_speeds(nerve: Nerve, pool: UnitPool, segment_factors: np.ndarray, speed_factor: float) -> np.ndarray:
    """Conduction velocity of every axon in every segment before lesions (segments × units, m/s).

    The pool's velocities (whole nerve, person included) plus the proximal gain, times the person's segment
    factors (:func:`widgets.conduction.person.cv_split`) and the temperature factor ``speed_factor``
    (:func:`widgets.conduction.temperature.temperature_factors`, dimensionless).
    """
    proximal = np.array([s.proximal for s in nerve.segments], dtype=float)
    return ((pool.cv_m_s[None, :] + PARAMETERS.proximal_cv_gain_m_s * proximal[:, None])
            * (np.asarray(segment_factors, dtype=float) * speed_factor)[:, None])
