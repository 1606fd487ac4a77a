"""Measurements taken from simulated traces the way an EMG machine takes them.

All functions work on 2-D arrays (one row per trace, sampled every ``dt_ms``
from the stimulus at t = 0) and return one value per row, vectorised over
rows. Traces are potentials at the active electrode, so the negative peak is
the most negative value; amplitudes are returned as positive numbers.

* onset latency: first crossing of a small threshold (1% of the negative peak)
  by the negative deflection, linearly interpolated between samples;
* negative-peak amplitude: baseline (0) to negative peak;
* negative-peak duration: from the onset of the first negative peak to the
  return to baseline of the last negative peak (EFNS/PNS 2010), so a
  polyphasic, dispersed response is measured whole;
* negative-peak area: area of the negative deflection over that duration.

Units follow the traces: mV and mV·ms for CMAPs, µV and µV·ms for SNAPs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Onset threshold as a fraction of the negative-peak amplitude.
ONSET_FRACTION = 0.01
#: A later negative peak counts for the duration when it reaches this fraction of the main negative peak
#: (model choice: smaller wiggles are ignored, as when the cursor is placed by eye).
LAST_PEAK_FRACTION = 0.1


@dataclass(frozen=True)
class TraceMeasures:
    """Per-row measurements (NaN where no response was found)."""

    latency_ms: np.ndarray
    amplitude: np.ndarray
    area: np.ndarray
    duration_ms: np.ndarray
    peak_ms: np.ndarray
    end_ms: np.ndarray


def measure_traces(
    traces: np.ndarray,
    dt_ms: float,
    *,
    absent_below: float = 0.0,
    onset_fraction: float = ONSET_FRACTION,
    last_peak_fraction: float = LAST_PEAK_FRACTION,
    first_return_fallback: bool = False,
) -> TraceMeasures:
    """Measure every row of ``traces`` (rows × samples, first sample at t = 0).

    ``absent_below``: a negative peak smaller than this (trace units) counts as
    no response (all measures NaN). ``first_return_fallback``: when the last
    negative peak never returns to baseline within the sweep (the slow
    undershoot of a raised low-frequency filter), end the negative phase at the
    first return to baseline after the main negative peak instead of giving NaN.
    """
    v = np.atleast_2d(np.asarray(traces, dtype=float))
    rows, n = v.shape
    y = -v  # negative up, as on the EMG screen
    r = np.arange(rows)
    peak = np.argmax(y, axis=1)
    amp = y[r, peak]
    present = amp > max(absent_below, 0.0)
    thr = np.where(present, onset_fraction * amp, np.inf)

    # onset: first sample at or above threshold, interpolated with the sample before it
    on = np.argmax(y >= thr[:, None], axis=1)
    prev = np.maximum(on - 1, 0)
    y0, y1 = y[r, prev], y[r, on]
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where((on > 0) & (y1 > y0), (thr - y0) / (y1 - y0), 0.0)
    onset_idx = prev + np.where(on > 0, np.clip(frac, 0.0, 1.0), 0.0)

    # end of the negative phase: the return to baseline of the LAST negative peak (EFNS/PNS 2010: duration
    # from the onset of the first negative peak to the return to baseline of the last one), i.e. the first
    # sample at or below baseline after the last sample still above ``last_peak_fraction`` of the peak
    idx = np.arange(n)
    high = y >= (last_peak_fraction * np.where(present, amp, np.inf))[:, None]
    last = np.where(high.any(axis=1), n - 1 - np.argmax(high[:, ::-1], axis=1), peak)
    back = (y <= 0.0) & (idx[None, :] > np.maximum(last, peak)[:, None])
    has_end = back.any(axis=1)
    end = np.where(has_end, np.argmax(back, axis=1), n - 1)
    if first_return_fallback:
        first = (y <= 0.0) & (idx[None, :] > peak[:, None])
        use = ~has_end & first.any(axis=1)
        end = np.where(use, np.argmax(first, axis=1), end)
        has_end = has_end | use
    e0 = np.maximum(end - 1, 0)
    ya, yb = y[r, e0], y[r, end]
    with np.errstate(divide="ignore", invalid="ignore"):
        efrac = np.where(has_end & (ya > yb), ya / (ya - yb), 1.0)
    end_idx = e0 + np.clip(efrac, 0.0, 1.0)

    # area of the negative deflection between onset and end (cumulative trapezoid, interpolated)
    c = np.zeros_like(y)
    c[:, 1:] = np.cumsum(0.5 * (y[:, 1:] + y[:, :-1]), axis=1) * dt_ms
    area = _interp_rows(c, end_idx) - _interp_rows(c, onset_idx)

    nan = np.full(rows, np.nan)
    ok = present & has_end
    return TraceMeasures(
        latency_ms=np.where(present, onset_idx * dt_ms, nan),
        amplitude=np.where(present, amp, nan),
        area=np.where(ok, area, nan),
        duration_ms=np.where(ok, (end_idx - onset_idx) * dt_ms, nan),
        peak_ms=np.where(present, peak * dt_ms, nan),
        end_ms=np.where(ok, end_idx * dt_ms, nan),
    )


def _interp_rows(a: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Linear interpolation of each row of ``a`` at fractional index ``pos[row]``."""
    n = a.shape[1]
    i0 = np.clip(np.floor(pos).astype(int), 0, n - 1)
    i1 = np.minimum(i0 + 1, n - 1)
    f = pos - i0
    r = np.arange(a.shape[0])
    return a[r, i0] * (1.0 - f) + a[r, i1] * f


def conduction_velocity(length_mm: np.ndarray, distal_latency_ms: np.ndarray, proximal_latency_ms: np.ndarray):
    """Segment conduction velocity (m/s = mm/ms): distance / latency difference.

    Parameters
    ----------
    length_mm : array_like
        Segment length (mm).
    distal_latency_ms, proximal_latency_ms : array_like
        Latencies (ms) at the segment's distal and proximal stimulation sites.

    Returns
    -------
    numpy.ndarray
        Conduction velocity (m/s); NaN where the latency difference is not positive.
    """
    dl = np.asarray(proximal_latency_ms, dtype=float) - np.asarray(distal_latency_ms, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(dl > 0, np.asarray(length_mm, dtype=float) / dl, np.nan)


def ratio(proximal: np.ndarray, distal: np.ndarray) -> np.ndarray:
    """Proximal / distal ratio (NaN where the distal value is missing or zero)."""
    p = np.asarray(proximal, dtype=float)
    d = np.asarray(distal, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(d > 0, p / d, np.nan)
