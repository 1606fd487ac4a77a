"""The motor units one needle position samples in one muscle of one person.

A seed is a person: :func:`unit_pool` draws, once per (muscle, seed), the
motor units whose fibres lie near the needle tip, each with its number of
muscle fibres, territory, distance from the needle, recruitment threshold and
firing rates, and the uniform random numbers that decide which units a disease
takes (loss, block) — so raising the axon loss from 40% to 50% removes the same
units plus some more, as in the conduction simulator's pool.

Physiology used: the size principle (small units are recruited first, at low
thresholds); onset and recruitment firing intervals drawn from the published
mean ± SD of limb muscles (``petajan1969``, see :data:`~widgets.emg.reference_values.FIRING`).
The remaining numbers of :class:`PoolParameters` are illustrative model
choices, calibrated so that normal MUPs fall in the published 5–15 ms range;
muscles with published values of their own are then scaled to them
(``MUP_CALIBRATION`` in :mod:`widgets.emg.reference_values`). People differ, and so do
a person's units: each (person, muscle) has a time and a voltage factor on its
MUPs and each unit a time factor, log-normal with the spreads derived from the
published values (``MUP_VARIATION``, :class:`~widgets.emg.reference_values.MupVariation`).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from widgets.emg.reference_values import FIRING, Muscle, get_muscle, mup_variation


@dataclass(frozen=True)
class PoolParameters:
    """Parameters of the sampled units (lengths in mm, times in ms, rates in Hz)."""

    #: units with fibres within the needle's pick-up
    n_units: int = 24
    #: fibres per unit near the needle: log-normal median and log SD
    fibres_median: float = 60.0
    fibres_log_sd: float = 0.45
    #: territory radius (mm) of a unit of median size (scales with the square root of its fibre count)
    territory_mm: float = 2.5
    #: unit centres lie uniformly within this distance of the needle
    centre_max_mm: float = 2.0
    #: recruitment thresholds span 0..threshold_max of maximal drive (size principle)
    threshold_max: float = 0.6
    #: most a surviving unit grows by collateral reinnervation
    max_enlargement: float = 4.0
    #: SD of the end-plate arrival times of a unit's fibres (ms)
    endplate_sd_ms: float = 0.6


PARAMETERS = PoolParameters()


@dataclass(frozen=True)
class UnitPool:
    """Per-unit arrays (length ``n``), ordered by recruitment threshold, and per-fibre draws.

    ``fibres``: fibre count near the needle; ``centre_mm``: (n, 2) unit centre
    relative to the needle; ``threshold``: drive (0..1) at which the unit is
    recruited; ``onset_hz``: firing rate at recruitment; ``gain_hz``: rate
    increase per unit of drive; ``max_hz``: highest rate; ``u_loss``,
    ``u_block``: which units a disease takes; ``fibre_seed``: seed of each
    unit's fibre geometry; ``time_factor``: each unit's factor on its MUP's
    time course (dimensionless); ``person_time``, ``person_amplitude``: the
    person's factors on the time course and the voltage of every MUP of this
    muscle (the same at every needle position).
    """

    fibres: np.ndarray
    centre_mm: np.ndarray
    threshold: np.ndarray
    onset_hz: np.ndarray
    gain_hz: float
    max_hz: np.ndarray
    u_loss: np.ndarray
    u_block: np.ndarray
    u_fasc: np.ndarray
    fibre_seed: np.ndarray
    time_factor: np.ndarray | None = None
    person_time: float = 1.0
    person_amplitude: float = 1.0

    @property
    def n(self) -> int:
        """Number of units in the pool."""
        return int(self.fibres.size)


def check_seed(seed: object) -> int:
    """Return ``seed`` (a person) as an int if it is a non-negative integer, else raise ValueError."""
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    return int(seed)


def rng_for(muscle: Muscle, seed: int, kind: str) -> np.random.Generator:
    """A generator for one (person, muscle, purpose): independent streams, reproducible."""
    return np.random.default_rng([int(seed), zlib.crc32(f"emg/{muscle.key}/{kind}".encode())])


def _draw(muscle: Muscle, seed: int, site: int, p: PoolParameters) -> UnitPool:
    rng = rng_for(muscle, seed, f"pool/{site}")
    n = p.n_units
    fibres = np.exp(np.log(p.fibres_median) + p.fibres_log_sd * rng.standard_normal(n))
    order = np.argsort(fibres + 0.25 * fibres.std() * rng.standard_normal(n))  # size principle, not exact
    fibres = np.round(fibres[order]).astype(int).clip(8, None)
    # thresholds: evenly spaced with jitter; the first recruited unit starts at a small drive
    spacing = p.threshold_max / n
    threshold = spacing * (np.arange(n) + 0.5 + 0.3 * (rng.random(n) - 0.5))
    r = p.centre_max_mm * np.sqrt(rng.random(n))
    phi = 2 * np.pi * rng.random(n)
    centre = np.column_stack([r * np.cos(phi), r * np.sin(phi)])
    onset_int = np.clip(rng.normal(*FIRING.onset_interval_ms, n), 80.0, 220.0)
    onset_hz = 1000.0 / onset_int
    # recruitment interval of this person: the first unit's interval when the second is recruited
    rec_int = float(np.clip(rng.normal(*FIRING.recruitment_interval_ms), 55.0, 130.0))
    rec_hz = max(1000.0 / rec_int, onset_hz[0] + 1.0)
    gain = (rec_hz - onset_hz[0]) / spacing
    max_hz = rng.uniform(*FIRING.max_rate_hz, n)
    arrays = dict(
        fibres=fibres, centre_mm=centre, threshold=threshold, onset_hz=onset_hz, max_hz=max_hz,
        u_loss=rng.random(n), u_block=rng.random(n), u_fasc=rng.random(n),
        fibre_seed=rng.integers(0, 2**31 - 1, n),
    )
    # separate streams, so the draws above stay those of earlier versions
    var = mup_variation(muscle.key)
    arrays["time_factor"] = _symmetric(rng_for(muscle, seed, f"unit-size/{site}").standard_normal(n),
                                       var.duration_within)
    z_person = rng_for(muscle, seed, "person").standard_normal(2)
    for a in arrays.values():
        a.flags.writeable = False
    return UnitPool(gain_hz=float(gain), **arrays,
                    person_time=float(_lognormal(z_person[0], var.duration_between)),
                    person_amplitude=float(_lognormal(z_person[1], var.amplitude_between)))


def _symmetric(z, sd: float):
    """Mean-one symmetric factors ``1 + sd·z`` of standard normal draws ``z`` clipped to ±2.5, floored at 0.3.

    Units differ symmetrically about the person's mean: the published lower outlier limits of single MUP
    durations lie below what a log-normal spread predicts (see :class:`~widgets.emg.reference_values.MupVariation`).
    """
    return np.maximum(1.0 + sd * np.clip(z, -2.5, 2.5), 0.3)


def _lognormal(z, log_sd: float):
    """Mean-one log-normal factor(s) ``exp(s·z − s²/2)`` of standard normal draws ``z`` clipped to ±2.5."""
    return np.exp(log_sd * np.clip(z, -2.5, 2.5) - 0.5 * log_sd**2)


def check_site(site: object) -> int:
    """Return ``site`` (a needle position) as an int if it is an integer 0 to ``SITES - 1``, else raise ValueError."""
    if isinstance(site, bool) or not isinstance(site, int | np.integer) or not 0 <= site < SITES:
        raise ValueError(f"site must be an integer 0 to {SITES - 1}, got {site!r}")
    return int(site)


#: Needle positions an examiner samples in one muscle (each sees different units of the same person).
SITES = 4


@lru_cache(maxsize=512)
def unit_pool(muscle: str, seed: int = 0, site: int = 0) -> UnitPool:
    """The units near the needle at position ``site`` in ``muscle`` of person ``seed``."""
    return _draw(get_muscle(muscle), check_seed(seed), check_site(site), PARAMETERS)


def availability(pool: UnitPool, axon_loss: float, block: float) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks ``(lost, blocked)``: lost units are gone; blocked units are intact but cannot be recruited.

    The first recruited unit always survives, so a patient can always make a minimal contraction.

    Parameters
    ----------
    pool : UnitPool
        The units near the needle.
    axon_loss : float
        Expected fraction of the units lost (0–1); each unit's draw ``u_loss`` decides.
    block : float
        Expected fraction of the surviving units blocked (0–1); each unit's draw ``u_block`` decides.

    Returns
    -------
    tuple of numpy.ndarray
        Boolean masks ``(lost, blocked)``, one value per unit.
    """
    lost = pool.u_loss < axon_loss
    blocked = (pool.u_block < block) & ~lost
    keep = np.flatnonzero(~lost & ~blocked)
    if keep.size == 0:
        lost = lost.copy()
        blocked = blocked.copy()
        lost[0] = blocked[0] = False
    return lost, blocked
