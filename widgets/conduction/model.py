"""The conduction model: from settings to the traces of every stimulation site.

For each motor unit and each stimulation site the model computes the arrival
time of the unit's potential at the muscle (conduction time summed over the
segments between the site and the muscle, plus residual latency and
neuromuscular delay) and whether the impulse gets there (not lost, not
blocked on the way, excited by the stimulus). Arrival times become a sparse
spike train per site (linear interpolation between samples, ``np.bincount``)
that one FFT convolution with the motor-unit potential template turns into the
CMAP. The SNAP is built the same way from the sensory fibres. No Python loop
runs over units; :func:`simulate` (model + measurements + verdicts) takes a few
milliseconds.

Calibration: the residual latency and the mV per unit size of each nerve are
set once (cached) so that the normal study of seed 0 (the reference person) at
34 °C reproduces the published mean distal latency and amplitude of the nerve
table. A seed is a person (:mod:`widgets.conduction.person`): seeds ≥ 1 shift
the distal latency, scale the CMAP amplitude and the axon velocities (of the
whole nerve and of each segment), and set the number of motor units, as in
published normative series.

Settings are validated in :mod:`widgets.conduction.config` and the traces are
measured and interpreted in :mod:`widgets.conduction.interpret`, which never
import this module (no import cycles).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from widgets.conduction.config import PITFALLS, Config, Raw, make_config, segment_lengths_mm
from widgets.conduction.interpret import build_study
from widgets.conduction.lesions import segment_effects
from widgets.conduction.measure import measure_traces
from widgets.conduction.person import person
from widgets.conduction.pool import PARAMETERS, UnitPool, axon_speeds, motor_pool, sensory_pool
from widgets.conduction.recording import OFFSET_DELAY_MS_PER_MM, REFERENCE_DELAY_MS, high_pass, shape_template
from widgets.conduction.reference_values import Nerve, get_nerve
from widgets.conduction.temperature import TemperatureFactors, temperature_factors
from widgets.conduction.waveforms import DT_MS, mup_template, sfap_onset_ms, sfap_template

__all__ = ["PITFALLS", "Calibration", "Config", "Raw", "calibration", "make_config", "run", "segment_lengths_mm",
           "simulate"]

#: Lengthening of a unit potential per unit of enlargement by reinnervation (illustrative).
REINNERVATION_STRETCH = 0.1


@dataclass(frozen=True)
class Calibration:
    """Scales fitted once per nerve (:func:`calibration`) so a normal study reproduces the nerve's normal means.

    ``residual_ms``: latency added to the distal segment (ms) so the distal motor latency matches;
    ``mv_per_size``/``uv_per_size``: motor CMAP (mV) and sensory (µV) amplitude per unit of summed size.
    """

    residual_ms: float
    mv_per_size: float
    uv_per_size: float


def _arrivals(nerve: Nerve, pool: UnitPool, lesions, tf: TemperatureFactors, residual_ms: float, *, sensory: bool,
              segment_factors: np.ndarray | None = None):
    """Arrival times (sites × units, ms) and whether each impulse reaches the recording site."""
    eff = segment_effects(nerve, lesions, pool, sensory=sensory)
    lengths = segment_lengths_mm(nerve)
    if segment_factors is None:
        segment_factors = np.ones(len(nerve.segments))
    base = axon_speeds(nerve, pool, segment_factors, tf.speed)
    speed = np.maximum(base * eff.speed, PARAMETERS.min_cv_m_s)
    times = lengths[:, None] / speed
    if residual_ms:
        times[0] += residual_ms / (tf.speed * eff.speed[0])
    arrival = np.cumsum(times, axis=0) + (pool.nmj_ms / tf.speed)[None, :]
    passes = np.logical_and.accumulate(~eff.blocked, axis=0)
    return arrival, passes


def _spike_convolve(
    arrival: np.ndarray, weight: np.ndarray, template: np.ndarray, n: int, dt: float, lead_ms: float = 0.0
) -> np.ndarray:
    """Sum of ``template`` copies starting at ``arrival - lead_ms`` (rows × units, ms), scaled by ``weight``.

    Returns rows × ``n`` samples from t = 0. ``lead_ms``: how long the template
    runs before the arrival time (copies may start before t = 0).
    """
    pad = int(np.ceil(lead_ms / dt))
    n_all = n + pad
    out = _spike_convolve_grid(arrival + (pad * dt - lead_ms), weight, template, n_all, dt)
    return out[:, pad:]


def _spike_convolve_grid(
    arrival: np.ndarray, weight: np.ndarray, template: np.ndarray, n: int, dt: float
) -> np.ndarray:
    rows = arrival.shape[0]
    pos = arrival / dt
    i0 = np.floor(pos).astype(np.int64)
    f = pos - i0
    ok = (weight != 0) & (i0 >= 0) & (i0 < n - 1)
    r = np.broadcast_to(np.arange(rows)[:, None], arrival.shape)
    idx = (r * n + i0)[ok]
    w = weight[ok]
    fr = f[ok]
    spikes = np.bincount(idx, weights=w * (1.0 - fr), minlength=rows * n)
    spikes += np.bincount(idx + 1, weights=w * fr, minlength=rows * n)
    spikes = spikes.reshape(rows, n)
    n_fft = 1 << int(np.ceil(np.log2(n + template.size)))
    spectrum = np.fft.rfft(spikes, n_fft, axis=1) * _template_fft(template.tobytes(), n_fft)[None, :]
    return np.fft.irfft(spectrum, n_fft, axis=1)[:, :n]


@lru_cache(maxsize=64)
def _template_fft(template_bytes: bytes, n_fft: int) -> np.ndarray:
    return np.fft.rfft(np.frombuffer(template_bytes, dtype=float), n_fft)


def _window_samples(latest_ms: float, duration_scale: float, dt: float) -> int:
    """Sweep length: the latest arrival plus 20 ms (scaled), rounded up to 5 ms, at least 30 ms."""
    t_end = max(30.0, np.ceil((latest_ms + 20.0 * duration_scale) / 5.0) * 5.0)
    return int(round(t_end / dt))


def run(cfg: Config, cal: Calibration | None = None, dt: float = DT_MS) -> Raw:
    """Simulate the CMAP of every site (plus pitfall checks) and the SNAPs of ``cfg``."""
    nerve = cfg.nerve
    if cal is None:
        cal = calibration(nerve.name)
    tf = temperature_factors(cfg.temperature_c)
    who = person(nerve.name, cfg.seed)
    mp = motor_pool(nerve.name, cfg.seed)
    sp = sensory_pool(nerve.name, cfg.seed)
    n_sites = len(nerve.sites)

    # --- motor units
    # the person's distal latency shift rides on the residual latency
    # (residual + neuromuscular delay kept ≥ 0.3 ms)
    residual = max(cal.residual_ms + who.dml_shift_ms, 0.3 - PARAMETERS.nmj_delay_ms) if cal.residual_ms else 0.0
    seg = who.segment_factors(len(nerve.segments))
    arrival, passes = _arrivals(nerve, mp, cfg.lesions, tf, residual, sensory=False, segment_factors=seg)
    alive = mp.u_loss >= cfg.axon_loss
    enlarge = 1.0
    if cfg.axon_loss > 0 and cfg.reinnervation > 0 and alive.any():
        f = cfg.axon_loss
        enlarge = min(1.0 + cfg.reinnervation * f / max(1.0 - f, 1e-9), PARAMETERS.max_enlargement)
    reach = passes & alive[None, :]
    rows_t = [arrival]
    rows_r = [reach]
    checks: list[str] = []
    crossing = mp.u_cross < cfg.martin_gruber
    if cfg.martin_gruber > 0:
        reach[1:] &= ~crossing[None, :]
    excited_fraction = 1.0
    if cfg.submaximal_site is not None:
        s = nerve.site_names.index(cfg.submaximal_site)
        excited = mp.threshold < cfg.submaximal_fraction
        rows_t.append(arrival[s : s + 1])
        rows_r.append(reach[s : s + 1].copy())
        checks.append(f"supramaximal:{cfg.submaximal_site}")
        reach[s] &= excited
        excited_fraction = float(excited[alive].mean()) if alive.any() else 0.0
    if nerve.name == "ulnar" and n_sites > 1:
        # median nerve stimulated at the elbow, recording ADM: only crossing axons respond
        rows_t.append(arrival[1:2])
        rows_r.append((passes[0] & alive & crossing)[None, :])
        checks.append("median_elbow_adm")
    arr = np.concatenate(rows_t, axis=0)
    rch = np.concatenate(rows_r, axis=0)
    # the person's CMAP amplitude: the unit count and the drawn unit sizes change unit sizes, not the amplitude
    mv = cal.mv_per_size * who.amplitude_factor * _reference_size(nerve.name) / max(float(mp.size.sum()), 1e-9)
    weight = rch * (mp.size * enlarge * mv * tf.amplitude)[None, :]
    stretch = nerve.mup_duration_scale * tf.duration * (1.0 + REINNERVATION_STRETCH * (enlarge - 1.0))
    latest = float(arr[rch].max()) if rch.any() else 10.0

    # --- sensory fibres (with lesions, then without as the reference)
    s_arr, s_pass = _arrivals(nerve, sp, cfg.lesions, tf, 0.0, sensory=True, segment_factors=seg)
    s_ref, _ = _arrivals(nerve, sp, (), tf, 0.0, sensory=True, segment_factors=seg)
    s_alive = sp.u_loss >= cfg.sensory_axon_loss
    lead = sfap_onset_ms(tf.duration)
    s_all = np.concatenate([s_arr, s_ref], axis=0)
    s_reach = np.concatenate([s_pass & s_alive[None, :], np.ones_like(s_pass)], axis=0)
    s_weight = s_reach * (sp.size * cal.uv_per_size * tf.amplitude)[None, :]
    latest = max(latest, float(s_all[s_reach].max()) if s_reach.any() else 0.0)

    rec = cfg.recording
    if rec.electrode_offset_mm or rec.reference_pickup:
        # the recorded unit potential arrives later off the motor point, and the reference adds a late copy
        latest += rec.electrode_offset_mm * OFFSET_DELAY_MS_PER_MM + (REFERENCE_DELAY_MS if rec.reference_pickup else 0.0)
    n = _window_samples(latest, stretch, dt)
    template = shape_template(mup_template(round(stretch, 4), dt), rec, dt)
    motor = high_pass(_spike_convolve(arr, weight, template, n, dt), rec.low_frequency_filter_hz, dt)
    sens = _spike_convolve(s_all, s_weight, sfap_template(round(tf.duration, 4), dt), n, dt, lead_ms=lead)
    return Raw(dt_ms=dt, motor=motor, sensory=sens, check_names=tuple(checks), excited_fraction=excited_fraction)


@lru_cache(maxsize=16)
def _reference_size(nerve: str) -> float:
    """Summed unit size of the reference person's muscle (seed 0), the calibration's denominator."""
    return float(motor_pool(nerve, 0).size.sum())


@lru_cache(maxsize=16)
def calibration(nerve: str) -> Calibration:
    """Residual latency (ms) and scales (mV, µV per unit size) reproducing the nerve's normal means."""
    spec = get_nerve(nerve)
    cfg = make_config(nerve)
    raw = run(cfg, Calibration(0.0, 1.0, 1.0))
    m = measure_traces(raw.motor[:1], raw.dt_ms)
    s = measure_traces(raw.sensory[:1], raw.dt_ms)
    return Calibration(
        residual_ms=float(spec.means.dml_ms - m.latency_ms[0]),
        mv_per_size=float(spec.means.amplitude_mv / m.amplitude[0]),
        uv_per_size=float(spec.sensory.amplitude_uv / s.amplitude[0]),
    )


def simulate(
    nerve: str,
    *,
    preset: str | None = None,
    lesions=(),
    axon_loss: float = 0.0,
    reinnervation: float = 0.0,
    sensory_axon_loss: float = 0.0,
    temperature_c: float = 34.0,
    seed: int = 0,
    **pitfalls,
):
    """Simulate, measure and interpret a motor and sensory conduction study of ``nerve``.

    Parameters
    ----------
    nerve
        One of ``NERVES`` ("median", "ulnar", "peroneal", "tibial").
    preset
        One of ``PRESETS`` (its lesions, axon loss, temperature and pitfalls
        are applied first), or None.
    lesions
        :class:`Lesion` objects (added to the preset's).
    axon_loss
        Fraction (0–1) of motor units lost (motor neuron or axon loss).
    reinnervation
        Fraction (0–1) of the orphaned muscle fibres adopted by surviving units
        (collateral reinnervation: fewer, larger units).
    sensory_axon_loss
        Fraction (0–1) of sensory axons lost.
    temperature_c
        Limb temperature, 20–40 °C; 34 °C is the reference.
    seed
        Non-negative integer: same seed, same units, same traces.
    **pitfalls
        ``submaximal_site`` (site name), ``submaximal_fraction`` (0.05–1),
        ``martin_gruber`` (0–0.9, ulnar only); recording pitfalls
        ``electrode_offset_mm`` (0–30 mm), ``reference_pickup`` (0–0.6) and
        ``low_frequency_filter_hz`` (None or 0.5–200 Hz), see
        :mod:`widgets.conduction.recording`; see :data:`PITFALLS`.

    Returns
    -------
    Study
        Traces (mV, ms), measurements, segment verdicts, SNAP and interpretation.

    Raises
    ------
    ValueError
        For an unknown nerve, preset, segment or pitfall keyword, or a value
        outside its allowed range; the message names the parameter.
    """
    cfg = make_config(
        nerve,
        preset=preset,
        lesions=lesions,
        axon_loss=axon_loss,
        reinnervation=reinnervation,
        sensory_axon_loss=sensory_axon_loss,
        temperature_c=temperature_c,
        seed=seed,
        **pitfalls,
    )
    return build_study(cfg, run(cfg))
