"""F-waves: the late response of a few motor neurons that "backfire" after an antidromic volley.

A supramaximal stimulus at the distal site sends an impulse in every motor
axon up to the spinal cord (antidromic). In a few motor neurons the impulse
re-excites the cell body after about 1 ms, and a new impulse travels down the
whole nerve (orthodromic) to the muscle: the F-wave. Each stimulus recruits a
different small set of neurons, so consecutive F-waves differ in latency and
shape. What is measured over a train of stimuli (:class:`FWaveStudy`):

* **minimal latency**: the earliest F-wave onset; set by the fastest neurons
  that backfired, and by the length of the whole path (the person's height);
* **persistence**: the share of stimuli followed by any F-wave;
* **chronodispersion**: latest minus earliest F-wave onset.

The model works on the motor units of a simulated :class:`~widgets.conduction.Study`
(the same person, lesions, axon loss and temperature). A neuron can give an
F-wave only if its axon conducts through **every** segment: the antidromic
volley must reach the cord and the returning one the muscle. So a proximal
block in MMN removes the F-waves of the blocked axons even when the distal
CMAP is normal; slowing (CIDP) prolongs the latency; loss of motor neurons
(ALS) lowers persistence long before it changes the latency.

Normal values come from :data:`F_NORMS` (Nobrega et al. 2004, ``nobrega2004fwave``:
ulnar and tibial nerves of 100 healthy volunteers, 32 stimuli). The other
parameters in :class:`FWaveParameters` are model choices, fitted to those
values and labelled as such.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from widgets.conduction.lesions import segment_effects
from widgets.conduction import person as person_module
from widgets.conduction.person import check_seed, height_of
from widgets.conduction.pool import PARAMETERS, axon_speeds, motor_pool
from widgets.conduction.reference_values import HEIGHT_SD_CM, REFERENCE_HEIGHT_CM
from widgets.conduction.study import Study
from widgets.conduction.temperature import temperature_factors
from widgets.conduction.waveforms import mup_waveform

NOBREGA_2004 = "nobrega2004fwave"
MODEL = "model choice (not from a normative series)"


@dataclass(frozen=True)
class FWaveNorm:
    """Published normal F-wave values of one nerve (mean ± SD; ms, fraction)."""

    min_latency_ms: float
    min_latency_sd_ms: float
    persistence: float
    persistence_sd: float
    chronodispersion_ms: float
    chronodispersion_sd_ms: float
    source: str
    note: str = ""

    @property
    def min_latency_uln_ms(self) -> float:
        """Upper limit of the minimal latency: mean + 2 SD."""
        return self.min_latency_ms + 2.0 * self.min_latency_sd_ms


_ULNAR = FWaveNorm(26.5, 2.1, 0.83, 0.19, 3.9, 0.9, NOBREGA_2004)
_TIBIAL = FWaveNorm(47.0, 4.1, 0.97, 0.05, 5.5, 1.4, NOBREGA_2004)

#: Normal F-wave values per nerve. Median and peroneal: no normative series has been verified for this course;
#: the ulnar (arm) and tibial (leg) values of the same series stand in for them, and say so.
F_NORMS: dict[str, FWaveNorm] = {
    "ulnar": _ULNAR,
    "tibial": _TIBIAL,
    "median": FWaveNorm(**{**_ULNAR.__dict__, "note": "ulnar values used for the median nerve (not verified)"}),
    "peroneal": FWaveNorm(**{**_TIBIAL.__dict__, "note": "tibial values used for the peroneal nerve (not verified)"}),
}


@dataclass(frozen=True)
class FWaveParameters:
    """Model parameters of the F-wave simulation (model choices, fitted to :data:`F_NORMS`)."""

    #: delay at the motor neuron before it fires again (ms; the "about 1 ms" of textbook F-wave physiology)
    turnaround_ms: float = 1.0
    #: larger motor neurons backfire more often: backfire weight ∝ unit size ** exponent, per limb. Fitted so that
    #: the median chronodispersion of normal people matches Nobrega 2004 (ulnar 3.9 ± 0.9 ms, tibial 5.5 ± 1.4 ms):
    #: a steeper weighting narrows the set of (large, fast) neurons that give F-waves
    size_exponent_arm: float = 5.5
    size_exponent_leg: float = 3.5

    def size_exponent(self, limb: str) -> float:
        """Exponent of the backfire weighting for ``limb`` (``"arm"``; anything else is the leg)."""
        return self.size_exponent_arm if limb == "arm" else self.size_exponent_leg
    #: mean number of neurons backfiring per stimulus in a normal nerve (Poisson), so that
    #: persistence = 1 − exp(−λ) matches the published persistence (ulnar 83%, tibial 97%)
    backfires_arm: float = -math.log(1.0 - _ULNAR.persistence)
    backfires_leg: float = -math.log(1.0 - _TIBIAL.persistence)

    def backfires_per_stimulus(self, limb: str) -> float:
        """Mean number of neurons backfiring per stimulus in a normal nerve of ``limb`` (``"arm"`` or leg)."""
        return self.backfires_arm if limb == "arm" else self.backfires_leg
    #: reference height (cm) and SD of height between people (cm): the F path scales with height
    reference_height_cm: float = REFERENCE_HEIGHT_CM
    height_sd_cm: float = HEIGHT_SD_CM
    #: F-wave units are seen at high gain: amplitude of one unit potential = size × CMAP / N × this gain
    unit_amplitude_gain: float = 1.5
    #: stimuli in a train
    n_stimuli: int = 20


F_PARAMETERS = FWaveParameters()


@dataclass(frozen=True)
class FWaveStudy:
    """A train of F-wave sweeps and what is measured from it (ms, µV, fraction; NaN when absent).

    ``latencies_ms``/``amplitudes_uv``: one per stimulus (NaN: no F-wave);
    ``time_ms``/``sweeps_uv``: the sweeps (stimuli × samples, negative up is
    the display's job); ``upper_limit_ms``: the height-adjusted upper limit of
    the minimal latency; ``reasons``: the reading in words.
    """

    nerve: str
    height_cm: float
    n_stimuli: int
    latencies_ms: np.ndarray
    amplitudes_uv: np.ndarray
    time_ms: np.ndarray
    sweeps_uv: np.ndarray
    min_latency_ms: float
    mean_latency_ms: float
    chronodispersion_ms: float
    persistence: float
    upper_limit_ms: float
    distal_amplitude_mv: float
    norm: FWaveNorm

    @property
    def absent(self) -> bool:
        """Whether no stimulus of the train gave an F-wave."""
        return not np.isfinite(self.latencies_ms).any()

    @property
    def latency_above_uln(self) -> float:
        """Minimal latency above the upper limit, as a fraction (0.2 = 20% above); NaN when absent."""
        return self.min_latency_ms / self.upper_limit_ms - 1.0 if not self.absent else math.nan


def height_cm(seed: int, params: FWaveParameters = F_PARAMETERS) -> float:
    """The person's height (cm): the same for every nerve of one seed; seed 0 is the reference height."""
    sd = check_seed(seed)
    if sd == 0:
        return params.reference_height_cm
    if params.reference_height_cm == REFERENCE_HEIGHT_CM and params.height_sd_cm == HEIGHT_SD_CM:
        return height_of(sd)  # the person's height, which also sets their segment distances
    z = float(np.clip(np.random.default_rng([sd, zlib.crc32(b"person/height")]).standard_normal(), -2.5, 2.5))
    return params.reference_height_cm + params.height_sd_cm * z


def _lengths_mm(nerve) -> np.ndarray:
    d = np.array([s.distance_mm for s in nerve.sites])
    return np.concatenate([d[:1], np.diff(d)])


def _conduction(nerve, lesions, seed: int, temperature_c: float, params: FWaveParameters):
    """Per axon: time (ms) from the distal site to the most proximal site, speed there, and whether it passes."""
    pool = motor_pool(nerve.name, seed)
    eff = segment_effects(nerve, lesions, pool, sensory=False)
    tf = temperature_factors(temperature_c)
    who = person_module.person(nerve.name, seed)
    base = axon_speeds(nerve, pool, who.segment_factors(len(nerve.segments)), tf.speed)
    speed = np.maximum(base * eff.speed, PARAMETERS.min_cv_m_s)
    times = _lengths_mm(nerve)[:, None] / speed
    up = times[1:].sum(axis=0)  # distal site → most proximal site
    distal = times[0] + pool.nmj_ms / tf.speed  # distal site → muscle
    root_speed = (pool.cv_m_s + PARAMETERS.proximal_cv_gain_m_s) * tf.speed
    passes = ~eff.blocked.any(axis=0)
    return pool, up, distal, root_speed, passes


#: Root path (mm) per nerve as fitted by :func:`fit_root_length_mm` (a test re-fits it and checks the table).
ROOT_MM = {"ulnar": 207.0, "median": 184.0, "tibial": 777.0, "peroneal": 653.0}


def root_length_mm(nerve_name: str, params: FWaveParameters = F_PARAMETERS) -> float:
    """Path from the most proximal stimulation site to the spinal cord (mm) at the reference height.

    Parameters
    ----------
    nerve_name : str
        Nerve with an F-wave norm (``"ulnar"``, ``"median"``, ``"tibial"``, ``"peroneal"``).
    params : FWaveParameters
        Model parameters; the path is read from :data:`ROOT_MM` for the defaults and re-fitted otherwise
        (:func:`fit_root_length_mm`).

    Returns
    -------
    float
        Root path (mm).
    """
    if params == F_PARAMETERS and nerve_name in ROOT_MM:
        return ROOT_MM[nerve_name]
    return fit_root_length_mm(nerve_name, params)


@lru_cache(maxsize=8)
def fit_root_length_mm(nerve_name: str, params: FWaveParameters = F_PARAMETERS) -> float:
    """Fit the path from the most proximal stimulation site to the spinal cord (mm) at the reference height.

    The path is fitted so that the mean minimal latency of normal people (seeds 1–40, trains of 32 stimuli as
    in the source series) equals the published mean (:data:`F_NORMS`).

    Parameters
    ----------
    nerve_name : str
        Nerve with an F-wave norm in :data:`F_NORMS`.
    params : FWaveParameters
        Model parameters.

    Returns
    -------
    float
        Root path (mm).
    """
    from widgets.conduction.model import simulate

    target = F_NORMS[nerve_name].min_latency_ms
    rng = np.random.default_rng(12345)
    people = []
    for seed in range(1, 41):
        a, b, p, reach = _paths(simulate(nerve_name, seed=seed), params)
        people.append((a, b, rng.random((2, 32, a.size)) < p, float((p * b).sum() / p.sum())))
    slope = float(np.mean([x[3] for x in people]))  # ms of minimal latency per mm of root (≈ 2/velocity)
    root = 500.0
    for _ in range(4):  # Newton steps: the minimal latency is piecewise linear in the root length
        mean_min = np.mean([np.where(f, (a + b * root)[None, None, :], np.inf).min(axis=2).min(axis=1)
                            for a, b, f, _ in people])
        root += (target - float(mean_min)) / slope
    return root


def _paths(study: Study, params: FWaveParameters):
    """Per axon of ``study``: F latency without the root (ms), ms per mm of root, backfire probability, reach."""
    cfg = study.settings
    nerve = cfg.nerve
    pool, up, distal, root_speed, passes = _conduction(nerve, cfg.lesions, cfg.seed, cfg.temperature_c, params)
    h = height_cm(cfg.seed, params) / params.reference_height_cm
    alive = pool.u_loss >= cfg.axon_loss
    reach = passes & alive
    d = study.distal
    if np.isfinite(d.latency_ms) and reach.any():
        # the orthodromic part below the distal site: anchored on the measured distal latency of the study
        distal = distal - distal[reach].min() + d.latency_ms
    w = pool.size ** params.size_exponent(nerve.limb)
    p = np.where(reach, np.minimum(params.backfires_per_stimulus(nerve.limb) * w / w.sum(), 1.0), 0.0)
    # ``up`` runs over the person's own (height-scaled) distances; the root path scales with height here
    up_scale = 1.0 if person_module.SCALE_DISTANCES_WITH_HEIGHT else h
    return 2.0 * up_scale * up + params.turnaround_ms + distal, 2.0 * h / root_speed, p, reach


def f_waves(study: Study, *, n_stimuli: int | None = None, params: FWaveParameters = F_PARAMETERS) -> FWaveStudy:
    """Simulate a train of F-wave sweeps after distal stimulation in the nerve and person of ``study``.

    Parameters
    ----------
    study
        A simulated :class:`Study` (its nerve, seed, lesions, axon loss and temperature are used).
    n_stimuli
        Stimuli in the train, 5–100 (default :attr:`FWaveParameters.n_stimuli`).

    Returns
    -------
    FWaveStudy
        Latencies (ms) and amplitudes (µV) per stimulus, sweeps, minimal latency, persistence,
        chronodispersion and the height-adjusted upper limit.

    Raises
    ------
    ValueError
        If ``study`` is not a Study or ``n_stimuli`` is not an integer from 5 to 100.
    """
    if not isinstance(study, Study):
        raise ValueError(f"study must be a Study from simulate(), got {type(study).__name__}")
    n_stim = params.n_stimuli if n_stimuli is None else n_stimuli
    if isinstance(n_stim, bool) or not isinstance(n_stim, int | np.integer) or not 5 <= n_stim <= 100:
        raise ValueError(f"n_stimuli must be an integer from 5 to 100, got {n_stimuli!r}")
    n_stim = int(n_stim)
    cfg = study.settings
    nerve = cfg.nerve
    pool = motor_pool(nerve.name, cfg.seed)
    h = height_cm(cfg.seed, params) / params.reference_height_cm
    a, b, p, reach = _paths(study, params)
    lat = a + b * root_length_mm(nerve.name, params)
    alive = pool.u_loss >= cfg.axon_loss
    d = study.distal
    rng = np.random.default_rng([cfg.seed, zlib.crc32(f"fwaves/{nerve.name}".encode()), n_stim])
    fired = rng.random((n_stim, pool.n)) < p[None, :]

    enlarge = 1.0
    if cfg.axon_loss > 0 and cfg.reinnervation > 0 and alive.any():
        enlarge = min(1.0 + cfg.reinnervation * cfg.axon_loss / max(1.0 - cfg.axon_loss, 1e-9),
                      PARAMETERS.max_enlargement)
    d_amp = d.amplitude_mv if np.isfinite(d.amplitude_mv) else 0.0
    n_alive = max(int(alive.sum()), 1)
    unit_uv = 1000.0 * params.unit_amplitude_gain * enlarge * pool.size * d_amp / max(n_alive * enlarge, 1)
    lat_sweep = np.where(fired, lat[None, :], np.inf).min(axis=1)
    latencies = np.where(np.isfinite(lat_sweep), lat_sweep, np.nan)

    # sweeps: unit potentials at their latencies (a window around the F-waves)
    norm = F_NORMS[nerve.name]
    t_end = 1.6 * norm.min_latency_uln_ms + 10.0
    t = np.arange(0.0, t_end, 0.1)
    scale = nerve.mup_duration_scale * temperature_factors(cfg.temperature_c).duration
    dt = float(t[1] - t[0])
    kk, ii = np.nonzero(fired)
    pos = lat[ii] / dt
    i0 = np.floor(pos).astype(np.int64)
    ok = i0 < t.size - 1
    kk, ii, i0, fr = kk[ok], ii[ok], i0[ok], (pos - np.floor(pos))[ok]
    spikes = np.zeros(n_stim * t.size)
    np.add.at(spikes, kk * t.size + i0, unit_uv[ii] * (1.0 - fr))
    np.add.at(spikes, kk * t.size + i0 + 1, unit_uv[ii] * fr)
    template = mup_waveform(np.arange(0.0, 40.0 * scale, dt), time_scale=scale)
    n_fft = 1 << int(np.ceil(np.log2(t.size + template.size)))
    spec = np.fft.rfft(spikes.reshape(n_stim, t.size), n_fft, axis=1) * np.fft.rfft(template, n_fft)[None, :]
    sweeps = -np.fft.irfft(spec, n_fft, axis=1)[:, : t.size]
    has = fired.any(axis=1)
    amps = np.where(has, sweeps.max(axis=1) - sweeps.min(axis=1), np.nan)
    sweeps.flags.writeable = False
    t.flags.writeable = False
    latencies.flags.writeable = False
    amps.flags.writeable = False

    present = latencies[np.isfinite(latencies)]
    return FWaveStudy(
        nerve=nerve.name,
        height_cm=h * params.reference_height_cm,
        n_stimuli=n_stim,
        latencies_ms=latencies,
        amplitudes_uv=amps,
        time_ms=t,
        sweeps_uv=sweeps,
        min_latency_ms=float(present.min()) if present.size else math.nan,
        mean_latency_ms=float(present.mean()) if present.size else math.nan,
        chronodispersion_ms=float(present.max() - present.min()) if present.size else math.nan,
        persistence=present.size / n_stim,
        upper_limit_ms=norm.min_latency_uln_ms * h,
        distal_amplitude_mv=d_amp,
        norm=norm,
    )
