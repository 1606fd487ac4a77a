"""Recording pitfalls: where the electrodes sit and how the amplifier filters the CMAP.

The same nerve gives different CMAPs depending on how it is recorded. Three
settings of :func:`~widgets.conduction.simulate` move amplitudes, ratios and
durations without any change in the nerve (all default to the reference
recording, which leaves every trace exactly as before):

* ``electrode_offset_mm`` (0–30 mm): the active electrode is moved off the
  motor point along the muscle. The muscle-fibre potentials start under the
  motor point and travel to the electrode, so the unit potential arrives later
  (``offset × OFFSET_DELAY_MS_PER_MM``), is smaller, and is preceded by a small
  positive deflection (the approaching wave): the classic **initial positive
  deflection** that tells the examiner to move the electrode. The onset of the
  negative phase is later, so the distal latency looks prolonged and the
  amplitude falls. Moving the recording site by 1 cm changed the CMAP amplitude
  considerably and the elbow/wrist amplitude ratio by up to 32% in healthy
  median and ulnar nerves (``vandijk1994recording``).
* ``reference_pickup`` (0–0.6): the reference electrode sits over active muscle
  instead of the tendon and records this fraction of the muscle's potential,
  a little later (``REFERENCE_DELAY_MS``); the amplifier shows the difference
  (active − reference), so amplitude and shape change.
* ``low_frequency_filter_hz`` (None or 0.5–200 Hz): the amplifier's
  low-frequency (high-pass) filter, a first-order RC filter with corner
  ``f``. Raising it (e.g. 2 → 20 → 100 Hz) shortens the negative phase and
  lowers the amplitude: the negative-peak duration cut-offs of the CIDP
  criteria are given for a stated filter setting (20 Hz in EFNS/PNS 2010,
  ``efnspns2010cidp``). None is the reference (unfiltered) recording the model
  is calibrated to.

Formulas (t in ms, ``m(t)`` the motor-unit template of :mod:`waveforms` with
negative peak −1, ``d`` = ``electrode_offset_mm``, ``r`` = ``reference_pickup``):

* offset: ``m_d(t) = g(d) · m(t − δ) + p(d) · b(t)`` with ``δ = d · OFFSET_DELAY_MS_PER_MM``,
  ``g(d) = exp(−d / OFFSET_SPACE_CONSTANT_MM)``,
  ``p(d) = LEADING_POSITIVITY · min(d / 10, 1) · g(d)`` and ``b(t)`` a gamma bump
  of peak 1 (shape ``k = 2``) peaking at ``t = δ / 2``;
* reference: ``m_r(t) = m_d(t) − r · m_d(t − REFERENCE_DELAY_MS)``;
* the delay also lengthens the sweep: the latest arrival gets ``+ δ`` (and
  ``+ REFERENCE_DELAY_MS`` when ``r > 0``) before the sweep length is rounded;
* filter, applied to every sampled motor trace ``x[n]`` (step ``dt``) from the
  stimulus on, with zero initial state: ``y[n] = a · (y[n−1] + x[n] − x[n−1])``,
  ``a = τ / (τ + dt)``, ``τ = 1000 / (2π f)`` ms. A filtered CMAP may end in a
  slow undershoot that never returns to baseline within the sweep; its
  negative-peak duration then ends at the first return to baseline after the
  negative peak (``measure_traces(..., first_return_fallback=True)``).

The constants are model choices (labelled below), not measured data; the test
holds the ratio change to the published maximum.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.signal import lfilter

from widgets.conduction.validate import number

#: Delay (ms) of the negative phase per mm off the motor point (model choice: less than the 0.25 ms/mm of one
#: muscle fibre conducting at about 4 m/s, because the end-plates of a muscle are spread over a zone).
OFFSET_DELAY_MS_PER_MM = 0.08
#: The unit potential falls to 1/e when the active electrode is this far from the motor point (mm, model choice).
OFFSET_SPACE_CONSTANT_MM = 20.0
#: Height of the initial positive deflection, relative to the negative peak, at ≥10 mm off the motor point
#: (model choice).
LEADING_POSITIVITY = 0.25
#: Delay (ms) of the potential under a reference electrode that lies over active muscle (model choice).
REFERENCE_DELAY_MS = 2.0

#: Allowed ranges of the recording settings.
OFFSET_RANGE_MM = (0.0, 30.0)
PICKUP_RANGE = (0.0, 0.6)
FILTER_RANGE_HZ = (0.5, 200.0)

#: A low-frequency filter above this (Hz) is flagged before the verdict: the EFNS/PNS 2010 duration limits were
#: given for 20 Hz (efnspns2010cidp), so up to 20 Hz is treated as a usual motor setting (model choice).
RAISED_FILTER_HZ = 20.0

#: Settings offered by the live widget for the low-frequency filter (None = reference recording).
FILTER_CHOICES_HZ = (None, 2.0, 10.0, 20.0, 100.0)


@dataclass(frozen=True)
class Recording:
    """Recording set-up of one study (the reference recording: 0 mm, no pickup, no filter)."""

    electrode_offset_mm: float = 0.0
    reference_pickup: float = 0.0
    low_frequency_filter_hz: float | None = None

    @property
    def is_reference(self) -> bool:
        """Whether this is the reference recording (0 mm offset, no pickup, no filter)."""
        return self.electrode_offset_mm == 0 and self.reference_pickup == 0 and self.low_frequency_filter_hz is None

    @property
    def suspect(self) -> bool:
        """Whether the set-up distorts the CMAP enough to be checked before the verdict is read.

        True for an electrode off its place (active electrode offset, or reference electrode picking up
        active muscle) or a low-frequency filter above :data:`RAISED_FILTER_HZ`.
        """
        raised = self.low_frequency_filter_hz is not None and self.low_frequency_filter_hz > RAISED_FILTER_HZ
        return bool(self.electrode_offset_mm or self.reference_pickup or raised)

    def describe(self) -> str:
        """The set-up in words (empty for the reference recording)."""
        parts = []
        if self.electrode_offset_mm:
            parts.append(f"active electrode {self.electrode_offset_mm:g} mm off the motor point")
        if self.reference_pickup:
            parts.append(f"reference electrode over active muscle ({self.reference_pickup:.0%} pickup)")
        if self.low_frequency_filter_hz is not None:
            parts.append(f"low-frequency filter {self.low_frequency_filter_hz:g} Hz")
        return "; ".join(parts)


REFERENCE = Recording()


def check_recording(electrode_offset_mm=0.0, reference_pickup=0.0, low_frequency_filter_hz=None) -> Recording:
    """Validated :class:`Recording` (``ValueError`` naming the parameter and its range otherwise)."""
    off = number("electrode_offset_mm", electrode_offset_mm, *OFFSET_RANGE_MM,
                 " (mm from the motor point along the muscle)")
    pick = number("reference_pickup", reference_pickup, *PICKUP_RANGE,
                  " (fraction of the muscle potential under the reference electrode)")
    lff = None
    if low_frequency_filter_hz is not None:
        lff = number("low_frequency_filter_hz", low_frequency_filter_hz, *FILTER_RANGE_HZ,
                     " (Hz, or None for the reference recording)")
    return Recording(off, pick, lff)


def _gamma_bump(t: np.ndarray, k: float, peak_ms: float) -> np.ndarray:
    theta = peak_ms / k
    x = np.clip(t, 0.0, None) / theta
    with np.errstate(divide="ignore"):
        out = np.exp(k * np.log(np.where(x > 0, x, 1.0)) - x - k * math.log(k) + k)
    return np.where(t > 0, out, 0.0)


def _shift(a: np.ndarray, delay_ms: float, dt_ms: float) -> np.ndarray:
    """``a`` delayed by ``delay_ms`` (linear interpolation; zeros before), same length."""
    n = a.size
    t = np.arange(n) * dt_ms - delay_ms
    return np.interp(t, np.arange(n) * dt_ms, a, left=0.0, right=float(a[-1]))


@lru_cache(maxsize=64)
def _shaped(template_bytes: bytes, offset_mm: float, pickup: float, dt_ms: float) -> np.ndarray:
    m = np.frombuffer(template_bytes, dtype=float)
    t = np.arange(m.size) * dt_ms
    out = m
    if offset_mm:
        delay = offset_mm * OFFSET_DELAY_MS_PER_MM
        g = math.exp(-offset_mm / OFFSET_SPACE_CONSTANT_MM)
        p = LEADING_POSITIVITY * min(offset_mm / 10.0, 1.0) * g
        out = g * _shift(m, delay, dt_ms) + p * _gamma_bump(t, 2.0, delay / 2.0)
    if pickup:
        out = out - pickup * _shift(out, REFERENCE_DELAY_MS, dt_ms)
    out = np.ascontiguousarray(out, dtype=float)
    out.flags.writeable = False
    return out


def shape_template(template: np.ndarray, rec: Recording, dt_ms: float) -> np.ndarray:
    """The motor-unit template as recorded with ``rec`` (the template itself for the reference set-up)."""
    if not rec.electrode_offset_mm and not rec.reference_pickup:
        return template
    return _shaped(np.ascontiguousarray(template, dtype=float).tobytes(), rec.electrode_offset_mm,
                   rec.reference_pickup, dt_ms)


def high_pass(traces: np.ndarray, corner_hz: float | None, dt_ms: float) -> np.ndarray:
    """First-order (RC) high-pass filter of each row of ``traces`` from t = 0 (zero initial state).

    Parameters
    ----------
    traces : array_like
        Traces (rows × samples), first sample at t = 0.
    corner_hz : float or None
        Corner (−3 dB) frequency of the filter (Hz); None returns ``traces`` unchanged.
    dt_ms : float
        Sampling interval (ms).

    Returns
    -------
    numpy.ndarray
        The filtered traces, same shape and units as ``traces`` (``traces`` itself when ``corner_hz`` is None).
    """
    if corner_hz is None:
        return traces
    tau_ms = 1000.0 / (2.0 * math.pi * corner_hz)
    a = tau_ms / (tau_ms + dt_ms)
    return lfilter([a, -a], [1.0, -a], traces, axis=-1)
