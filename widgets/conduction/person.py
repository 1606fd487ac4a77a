"""A seed is a person: between-person variability of a normal population.

Healthy people differ: :func:`person` draws, from the seed, one person's
distal CMAP amplitude, distal motor latency, conduction velocity, motor-unit
number and the width of the velocity distribution of their axons. The SDs
come from published normative series (:class:`~widgets.conduction.reference_values.NormalSpread`
in the nerve table, each with its source); the model turns them into
multipliers and shifts applied to the calibrated average nerve.

* Seed 0 is the **reference person**: every factor is neutral, so the study
  reproduces the published means (the course's worked examples use it).
* Seeds ≥ 1 are people drawn from the normal population: same seed, same
  person (of the same age in every nerve); different seeds, different people.
* Height (reference 170 cm, SD 9 cm, clipped at ±2.5 SD; the same in every
  nerve) scales the distances between stimulation sites (:func:`person_nerve`):
  a taller person has longer segments, so longer proximal latencies and F-wave
  latencies at the same velocity; the distal distance is a fixed standard.
* Age (uniform 20–70 years) acts only where a source gives its size: the
  peroneal CMAP is smaller from 40 years (6.8 vs 5.1 mV,
  ``buschbacher1999peroneal``), and motor-unit numbers fall (about 40% fewer,
  larger units at about 71 years, facts sheet §5; the amplitude is kept, as
  surviving units enlarge).

* Conduction velocity (:func:`cv_split`): the published between-person SD of a
  segment's velocity is split into a part that follows height (taller people
  conduct more slowly, ``campbell1981height``, ``thakur2011height``), the rest
  of the person's whole-nerve velocity (what the F-wave latency's published
  R² against height, ``gupta2025fwave``, and SD, ``nobrega2004fwave``, leave
  for it) and an independent part per segment, so one segment varies as in
  the normative series while the F-wave latency follows height about as
  closely as published.

Amplitude is log-normal (normative amplitudes are skewed to the right), with
the published mean and SD; conduction velocity and distal latency are normal
(clipped at ±3 SD). The distal latency shift is the part of the published SD
not already explained by the person's velocity over the distal distance.
The axon-velocity spread factor (``VELOCITY_SPREAD_SD``) is an illustrative
model choice, not normative data.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from widgets.conduction.reference_values import (
    AGE_RANGE_YEARS,
    HEIGHT_SD_CM,
    REFERENCE_AGE_YEARS,
    REFERENCE_HEIGHT_CM,
    UNIT_LOSS_AT_71,
    UNIT_LOSS_FROM_AGE_YEARS,
    Nerve,
    get_nerve,
)

#: SD of the person's axon-velocity spread factor (illustrative model choice).
VELOCITY_SPREAD_SD = 0.1
#: Correlation between a person's height and the conduction velocity of their nerves (dimensionless; taller
#: people conduct more slowly). Ulnar: r = -0.536 (right) and -0.430 (left) in 34 healthy adults, mean -0.48
#: (``thakur2011height``). Peroneal: height "explains almost 50% of the intersubject variability" of peroneal
#: (and sural) CV in 40 controls (``campbell1981height``): r² = 0.45, r = -0.67. No source gives the other two:
#: - median: ``thakur2011height`` found no significant correlation in 34 people, i.e. |r| below 0.339 (the
#:   two-sided 5% critical value for n = 34); the model takes -0.33, the strongest link that source leaves open,
#:   because the median F-wave latency follows height as closely as the ulnar (R² 0.755 vs 0.761,
#:   ``gupta2025fwave``), which distances alone cannot give (a model choice bounded by the source);
#: - tibial: derived from the F-wave: height should explain R² = 0.739 of the minimal latency (``gupta2025fwave``)
#:   whose SD is 4.1 ms (``nobrega2004fwave``), i.e. √0.739 · 4.1 = 3.52 ms, over a conduction time of about
#:   47 - 4.3 - 1 = 41.7 ms (mean F latency minus distal latency and turnaround): 8.4% per SD of height, of
#:   which distances give 9/170 = 5.3%, leaving 3.1% of velocity, r = -3.1 / 8.5 = -0.37.
CV_HEIGHT_CORRELATION = {"median": -0.33, "ulnar": -0.48, "peroneal": -0.67, "tibial": -0.37}
#: Share of a person's velocity variance not linked to height that belongs to the whole nerve (``cv_factor``);
#: the rest is drawn per segment (dimensionless, 0-1). Derived from the F-wave (:func:`cv_split`): the residual
#: variance of the F-wave minimal latency that Gupta's R² allows, ``V_h (1 - R²) / R²`` with ``V_h`` the
#: height-driven variance (``gupta2025fwave``), and no more than Nobrega's SD allows, ``SD² - V_h``
#: (``nobrega2004fwave``), is already taken, in the median, ulnar and tibial nerves, by what the model puts there
#: anyway: the per-segment parts the F path crosses, the distal latency and the fastest axon of the person's
#: motor pool (measured over seeds 1-120 with no whole-nerve part: residual SD median 1.5, ulnar 1.4, tibial 2.3
#: ms against 0.9, 0.7 and 2.0 ms allowed). So nothing is left for a whole-nerve part there (0). In the peroneal
#: nerve Gupta's R² (0.650) allows 3.1 ms, more than the model has (2.9 ms) even with all of it whole-nerve (1).
WHOLE_NERVE_SHARE = {"median": 0.0, "ulnar": 0.0, "tibial": 0.0, "peroneal": 1.0}
#: Draws are clipped at this many SDs.
CLIP_SD = 3.0


@dataclass(frozen=True)
class Person:
    """One person's deviations from the reference nerve (dimensionless factors, shifts in ms).

    ``amplitude_factor``: multiplies the distal CMAP amplitude (mean 1);
    ``cv_factor``: multiplies every axon's conduction velocity in the whole nerve (the person's whole-nerve
    velocity, :func:`cv_split`); ``segment_cv_factors``: multiply it again in each segment; ``dml_shift_ms``:
    added to the distal motor latency (residual latency); ``motor_units``:
    number of motor units of the recorded muscle; ``spread_factor``: widens (>1)
    or narrows the axon velocity distribution around its middle.
    """

    nerve: str
    seed: int
    amplitude_factor: float
    cv_factor: float
    dml_shift_ms: float
    motor_units: int
    spread_factor: float
    age_years: float = REFERENCE_AGE_YEARS
    height_cm: float = REFERENCE_HEIGHT_CM
    #: one speed multiplier per segment of the nerve (distal first; mean 1): the segment's own deviation from the
    #: person's whole-nerve velocity (empty: every segment conducts at the whole-nerve velocity)
    segment_cv_factors: tuple[float, ...] = ()

    def segment_factors(self, n_segments: int) -> np.ndarray:
        """Speed multiplier of each of ``n_segments`` segments (distal first; ones when none were drawn)."""
        if not self.segment_cv_factors:
            return np.ones(n_segments)
        return np.asarray(self.segment_cv_factors, dtype=float)

    @property
    def is_reference(self) -> bool:
        """Whether this is the reference person (seed 0)."""
        return self.seed == 0


def check_seed(seed: object) -> int:
    """``seed`` as int, or ``ValueError`` (a non-negative integer; booleans are not seeds)."""
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    return int(seed)


def person(nerve: str, seed: int = 0) -> Person:
    """The person of ``seed`` as seen in a study of ``nerve`` (seed 0: the reference person).

    Raises ``ValueError`` for an unknown nerve or a seed that is not a non-negative integer.
    """
    if not isinstance(nerve, str):
        get_nerve(nerve)  # raises the ValueError naming the allowed nerves
    return _person(get_nerve(nerve).name, check_seed(seed))


#: Height draws are clipped at this many SDs.
HEIGHT_CLIP_SD = 2.5
#: Whether a person's inter-site distances scale with their height (False: every person has the reference
#: geometry, as in the first version; a switch for ports of the model that have not caught up yet).
SCALE_DISTANCES_WITH_HEIGHT = True


def height_of(seed: int) -> float:
    """Height (cm) of the person of ``seed`` (the same in every nerve; seed 0: the reference height)."""
    sd = check_seed(seed)
    if sd == 0:
        return REFERENCE_HEIGHT_CM
    z = float(np.clip(np.random.default_rng([sd, zlib.crc32(b"person/height")]).standard_normal(),
                      -HEIGHT_CLIP_SD, HEIGHT_CLIP_SD))
    return REFERENCE_HEIGHT_CM + HEIGHT_SD_CM * z


def person_nerve(nerve: str, seed: int = 0) -> Nerve:
    """The nerve table entry with the distances of the person of ``seed``.

    Every proximal site keeps its distance from the distal site scaled by
    height / reference height: ``d_k = d_0 + (D_k − D_0) · h / 170`` (``D``: the
    table's distances, ``d_0 = D_0`` the standard distal distance). Seed 0 is the
    table itself.
    """
    return _person_nerve(get_nerve(nerve).name, check_seed(seed))


@lru_cache(maxsize=512)
def _person_nerve(nerve: str, sd: int) -> Nerve:
    spec = get_nerve(nerve)
    scale = height_of(sd) / REFERENCE_HEIGHT_CM
    if scale == 1.0 or not SCALE_DISTANCES_WITH_HEIGHT:
        return spec
    d0 = spec.sites[0].distance_mm
    sites = (spec.sites[0],) + tuple(replace(s, distance_mm=d0 + (s.distance_mm - d0) * scale)
                                     for s in spec.sites[1:])
    return replace(spec, sites=sites)


def cv_split(nerve: str) -> tuple[float, float, float]:
    """Between-person SDs of conduction velocity: height-coupled, rest of the whole nerve, each segment.

    The published between-person SD of a segment's motor conduction velocity (``NormalSpread.cv_sd_m_s`` / mean,
    m/s per m/s: median 5.0/57 = 8.8%, ulnar 5.2/59.8 = 8.7%, peroneal 4.0/48 = 8.3%, tibial 4.3/50.7 = 8.5%) is
    split into three independent parts whose variances add up to it, so a single segment's CV still varies as in
    the normative series:

    1. **height** (whole nerve): ``r · total`` with ``r`` = :data:`CV_HEIGHT_CORRELATION` (taller, slower):
       median 2.9%, ulnar 4.2%, peroneal 5.6%, tibial 3.1% per SD of height (9 cm);
    2. **rest of the whole nerve** (``cv_factor`` without the height part): the share :data:`WHOLE_NERVE_SHARE`
       of the variance left, derived from the F-wave latency's published R² against height (``gupta2025fwave``)
       and SD (``nobrega2004fwave``): none in the median, ulnar and tibial nerves, all of it (6.2%) in the
       peroneal nerve;
    3. **segment** (``segment_cv_factors``, independent in each segment): the remainder, median 8.3%, ulnar
       7.6%, tibial 7.9%, peroneal 0. A long path (the F-wave's) averages its segments, so the F-wave latency
       follows height about as closely as published (tested in ``tests/unit/conduction/test_conduction_height.py``).

    Parameters
    ----------
    nerve : str
        Nerve name (a key of the reference table).

    Returns
    -------
    tuple of float
        (height-coupled, rest of the whole nerve, per-segment) SDs, relative to the mean velocity
        (dimensionless); the first is signed (negative: taller people conduct more slowly).
    """
    spec = get_nerve(nerve)
    total = spec.spread.cv_sd_m_s / spec.means.cv_m_s
    height = CV_HEIGHT_CORRELATION[spec.name] * total
    rest = max(total**2 - height**2, 0.0)
    share = WHOLE_NERVE_SHARE[spec.name]
    return height, math.sqrt(share * rest), math.sqrt((1.0 - share) * rest)


@lru_cache(maxsize=512)
def _person(nerve: str, sd: int) -> Person:
    spec = get_nerve(nerve)
    if sd == 0:
        return Person(spec.name, 0, 1.0, 1.0, 0.0, spec.motor_units, 1.0, REFERENCE_AGE_YEARS, REFERENCE_HEIGHT_CM,
                      (1.0,) * len(spec.segments))
    v = spec.spread
    rng = np.random.default_rng([sd, zlib.crc32(f"person/{spec.name}".encode())])
    z = np.clip(rng.standard_normal(5), -CLIP_SD, CLIP_SD)
    # the same person is the same age in every nerve
    age = float(np.random.default_rng([sd, zlib.crc32(b"person/age")]).uniform(*AGE_RANGE_YEARS))
    m = spec.means
    cv_rel = v.cv_sd_m_s / m.cv_m_s
    mean_amp = m.amplitude_mv
    if v.amplitude_mean_from_40_mv is not None and age >= 40.0:
        mean_amp = v.amplitude_mean_from_40_mv
    amp_rel = v.amplitude_sd_mv / mean_amp
    sigma = math.sqrt(math.log1p(amp_rel**2))
    amplitude = mean_amp / m.amplitude_mv * math.exp(sigma * z[0] - 0.5 * sigma**2)
    height_rel, whole_rel, segment_rel = cv_split(spec.name)
    z_height = (height_of(sd) - REFERENCE_HEIGHT_CM) / HEIGHT_SD_CM
    cv_factor = 1.0 + height_rel * z_height + whole_rel * z[1]
    z_seg = np.clip(np.random.default_rng([sd, zlib.crc32(f"person/{spec.name}/segments".encode())])
                    .standard_normal(len(spec.segments)), -CLIP_SD, CLIP_SD)
    segments = tuple(float(1.0 + segment_rel * x) for x in z_seg)
    # latency from the distal conduction time already varies with the person's velocity
    conduction_ms = spec.sites[0].distance_mm / m.cv_m_s
    own_sd = math.sqrt(max(v.dml_sd_ms**2 - (conduction_ms * cv_rel) ** 2, 0.0))
    ageing = 1.0 - UNIT_LOSS_AT_71 * min(max(age - UNIT_LOSS_FROM_AGE_YEARS, 0.0) / (71.0 - UNIT_LOSS_FROM_AGE_YEARS),
                                         1.0)
    units = int(max(round((spec.motor_units + v.motor_units_sd * z[3]) * ageing), 0.25 * spec.motor_units))
    spread = max(1.0 + VELOCITY_SPREAD_SD * z[4], 0.5)
    return Person(spec.name, sd, float(amplitude), float(cv_factor), float(own_sd * z[2]), units, float(spread), age,
                  height_of(sd), segments)
