"""Waveforms under the needle: motor unit potentials, fibrillations, positive sharp waves, and MUP measurement.

A motor unit potential (MUP) is the sum of its fibres' potentials. Each fibre
adds a sharp near-field spike (large only within a fraction of a millimetre of
the tip) and a broad far-field wave (falls off slowly with distance) at its
end-plate arrival time, so the MUP is two convolutions of weighted arrival-time
histograms — fast enough to rebuild a muscle per slider move. Reinnervated
units gain fibres and slow, unstable sprouts (long, large, polyphasic MUPs);
myopathic units lose fibres and scatter the rest (short, small, polyphasic).

Sign convention: potentials in µV, **negative = upward on the screen**, as on an
EMG machine. All shapes are model choices; the measured results are held to
the published ranges of :mod:`widgets.emg.reference_values` by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from widgets.emg.state import MuscleState
from widgets.emg.units import PARAMETERS, UnitPool

#: Sampling rate of every simulated signal (Hz) and the template window (ms).
FS_HZ = 20_000
TEMPLATE_MS = 40.0
#: Baseline threshold (µV) for MUP duration and phases.
DURATION_THRESHOLD_UV = 12.0
#: Voltage resolution (µV) at which MUPs are measured (and stored for the browser, ``emg_tables``): measuring
#: the stored steps makes the browser's measurements identical, not just close, at a threshold crossing.
MEASURE_STEP_UV = 0.1


def _mexican_hat(sigma_ms: float, fs: int = FS_HZ, flank: float = 1.0) -> np.ndarray:
    """Negative main phase (upward on screen) with positive flanks (``flank`` = 1: a Ricker wavelet)."""
    t = np.arange(-5 * sigma_ms, 5 * sigma_ms + 1e-9, 1000.0 / fs)
    x = t / sigma_ms
    return -(1 - flank * x**2) * np.exp(-0.5 * x**2)


_SPIKE = _mexican_hat(0.22, flank=0.6)
_BROAD = _mexican_hat(1.6)


@dataclass(frozen=True)
class MupMeasure:
    """Measured MUP: peak-to-peak amplitude (µV), duration (ms), phases, and whether it is unstable."""

    amplitude_uv: float
    duration_ms: float
    phases: int
    unstable: bool = False

    @property
    def polyphasic(self) -> bool:
        """Whether the MUP is polyphasic (more than four phases)."""
        return self.phases > 4


def _fibres(pool: UnitPool, i: int, state: MuscleState, enlargement: float):
    """Fibre geometry of unit ``i``: distances (mm), arrival offsets (ms), sprout flags, atrophy scale."""
    p = PARAMETERS
    rng = np.random.default_rng(int(pool.fibre_seed[i]))
    n0 = int(pool.fibres[i])
    n_new = int(round(n0 * (enlargement - 1.0)))
    n_all = n0 + n_new
    radius = p.territory_mm * np.sqrt(n0 / 60.0) * np.where(np.arange(n_all) < n0, 1.0, 1.15)
    rr = radius * np.sqrt(rng.random(n_all))
    ph = 2 * np.pi * rng.random(n_all)
    pos = np.column_stack([rr * np.cos(ph), rr * np.sin(ph)]) + pool.centre_mm[i]
    dist = np.hypot(pos[:, 0], pos[:, 1]) + 0.05
    offs = p.endplate_sd_ms * rng.standard_normal(n_all)
    sprout = np.arange(n_all) >= n0
    # slow immature sprouts: a share of the new fibres arrive late (satellites, long duration)
    late = sprout & (rng.random(n_all) < 0.45)
    offs = offs + np.where(late, rng.uniform(1.5, 7.0, n_all), 0.0)
    keep = rng.random(n_all) >= state.myopathy
    scale = np.ones(n_all)
    if state.myopathy > 0:
        offs = offs + 3.5 * state.myopathy * rng.standard_normal(n_all)  # fibre-size variation
        scale = scale * (1.0 - 0.45 * state.myopathy) * rng.uniform(0.5, 1.3, n_all)  # atrophic fibres
    jitter_draw = rng.standard_normal((4, n_all))
    block_draw = rng.random((4, n_all))
    return dist[keep], offs[keep], sprout[keep], scale[keep], jitter_draw[:, keep], block_draw[:, keep]


def unit_templates(pool: UnitPool, i: int, state: MuscleState, enlargement: float = 1.0,
                   variants: int = 1) -> np.ndarray:
    """MUP templates of unit ``i`` (µV), shape ``(variants, samples)``; variants differ by sprout jitter/blocking."""
    if not 1 <= variants <= 4:
        raise ValueError(f"variants must be 1 to 4, got {variants!r}")
    dist, offs, sprout, scale, jit, blk = _fibres(pool, i, state, enlargement)
    n = int(TEMPLATE_MS * FS_HZ / 1000)
    spike_w = scale * 1500.0 * np.exp(-dist / 0.2)
    broad_w = scale**2 * 40.0 / (1.0 + (dist / 0.6) ** 2)  # small fibres have a much smaller far field
    out = np.zeros((variants, n))
    centre = TEMPLATE_MS * 0.35
    for v in range(variants):
        t = offs.copy()
        w_s, w_b = spike_w.copy(), broad_w.copy()
        if variants > 1 and state.instability > 0:
            t = t + np.where(sprout, 0.35 * jit[v], 0.0)
            blocked = sprout & (blk[v] < 0.35 * state.instability)
            w_s[blocked] = 0.0
            w_b[blocked] = 0.0
        idx = np.clip(np.round((centre + t) * FS_HZ / 1000).astype(int), 0, n - 1)
        hs = np.bincount(idx, weights=w_s, minlength=n)
        hb = np.bincount(idx, weights=w_b, minlength=n)
        out[v] = np.convolve(hs, _SPIKE, mode="same") + np.convolve(hb, _BROAD, mode="same")
    return out


def calibrate_templates(templates: np.ndarray, time_scale: float = 1.0, amplitude_scale: float = 1.0) -> np.ndarray:
    """Stretch MUP templates in time about the template's firing point and scale their size (a muscle's calibration).

    Parameters
    ----------
    templates : numpy.ndarray
        Templates (µV), shape ``(variants, samples)``, sampled at ``FS_HZ``, firing point at 35% of the window.
    time_scale : float
        Factor on every time interval of the waveform (1 = unchanged; below 1 shortens the MUPs).
    amplitude_scale : float
        Factor on the voltages (1 = unchanged), 0.1 to 5 (``time_scale``: 0.5 to 2).

    Returns
    -------
    numpy.ndarray
        The calibrated templates (µV), same shape.
    """
    for name, v, lo, hi in (("time_scale", time_scale, 0.5, 2.0), ("amplitude_scale", amplitude_scale, 0.1, 5.0)):
        if isinstance(v, bool) or not isinstance(v, int | float) or not lo <= v <= hi:
            raise ValueError(f"{name} must be a number from {lo:g} to {hi:g}, got {v!r}")
    tpl = np.atleast_2d(np.asarray(templates, dtype=float))
    if time_scale == 1.0 and amplitude_scale == 1.0:
        return tpl
    k = np.arange(tpl.shape[1], dtype=float)
    centre = TEMPLATE_MS * 0.35 * FS_HZ / 1000
    src = centre + (k - centre) / time_scale
    return np.vstack([amplitude_scale * np.interp(src, k, row, left=0.0, right=0.0) for row in tpl])


def measure_mup(template: np.ndarray, *, threshold_uv: float = DURATION_THRESHOLD_UV,
                unstable: bool = False) -> MupMeasure:
    """Measure one MUP template as an electromyographer does.

    Parameters
    ----------
    template : array_like
        The MUP waveform (µV), sampled at the model's ``FS_HZ``; measured at ``MEASURE_STEP_UV`` resolution.
    threshold_uv : float
        Baseline departure (µV) that starts and ends the MUP, and below which excursions are not phases.
    unstable : bool
        Passed through to the result.

    Returns
    -------
    MupMeasure
        Amplitude (peak to peak, µV, to 0.1 µV), duration (first to last baseline departure above
        ``threshold_uv``, ms) and phases (baseline crossings + 1, ignoring excursions below the threshold).
    """
    v = np.round(np.asarray(template, dtype=float) / MEASURE_STEP_UV) * MEASURE_STEP_UV
    amp = float(v.max() - v.min())
    above = np.flatnonzero(np.abs(v) > threshold_uv)
    if above.size == 0:
        return MupMeasure(amp, 0.0, 0, unstable)
    seg = v[above[0]: above[-1] + 1]
    dur = (above[-1] - above[0]) * 1000.0 / FS_HZ
    signs = np.sign(seg[np.abs(seg) > threshold_uv])
    phases = int(np.count_nonzero(np.diff(signs) != 0) + 1)
    return MupMeasure(round(amp, 1), round(dur, 2), phases, unstable)


def fibrillation(amplitude_uv: float, fs: int = FS_HZ) -> np.ndarray:
    """A fibrillation potential: brief triphasic spike with an initial positive phase (about 2 ms).

    Parameters
    ----------
    amplitude_uv : float
        Size of the main negative phase (µV).
    fs : int
        Sampling rate (Hz).

    Returns
    -------
    numpy.ndarray
        The waveform (µV, negative = up on the screen), sampled at ``fs``.
    """
    return amplitude_uv * _mexican_hat(0.28, fs)


def positive_sharp_wave(amplitude_uv: float, fs: int = FS_HZ) -> np.ndarray:
    """A positive sharp wave: sharp positive (downward) deflection, then a long, low negative phase.

    Parameters
    ----------
    amplitude_uv : float
        Scale of the waveform (µV).
    fs : int
        Sampling rate (Hz).

    Returns
    -------
    numpy.ndarray
        12 ms of waveform (µV, negative = up on the screen), sampled at ``fs``.
    """
    t = np.arange(0.0, 12.0, 1000.0 / fs)
    pos = np.exp(-0.5 * ((t - 0.6) / 0.25) ** 2)
    neg = (t / 3.0) * np.exp(1 - t / 3.0) * 0.3
    return amplitude_uv * (pos - neg)
