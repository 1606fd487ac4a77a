"""Single-unit waveforms at the recording electrode: motor-unit and sensory-fibre potentials.

Both are templates sampled on the simulation grid; the model places one copy
per unit (scaled by the unit's size) at the unit's arrival time with a sparse
spike train and one FFT convolution per site, so no Python loop runs per unit.

* Motor-unit potential (MUP) recorded belly–tendon: a negative phase (peak
  1.9 ms after onset, back to baseline at 4.6 ms) followed by a longer, smaller
  positive phase (about 45% of the negative peak, over by about 15 ms). Summed
  over a muscle, with the latency spread of a normal nerve, this gives a CMAP
  whose negative-peak duration is about 5–6 ms at the distal site. Long unit
  potentials overlap a lot, so dispersion costs the CMAP little area.
* Sensory fibre action potential (SFAP): short, triphasic (positive–negative–
  positive), negative phase well under 1 ms. Short potentials cancel each other as
  soon as their latencies spread: the reason SNAPs lose much more area over
  distance than CMAPs (phase cancellation).

The shape parameters below are model choices fitted to those targets, not
measured data. Times in ms; templates are normalised to a negative peak of -1.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

#: Sampling interval of every simulated trace (ms): fine enough to measure latency to 0.1 ms.
DT_MS = 0.05


@dataclass(frozen=True)
class MupShape:
    """Biphasic MUP as the difference of two gamma-shaped bumps (times in ms).

    ``neg_k``, ``neg_theta``: shape and scale of the negative bump (peak at
    ``neg_k * neg_theta``); ``pos_gain``, ``pos_delay``, ``pos_k``, ``pos_theta``:
    relative height, delay and shape of the positive bump.
    """

    neg_k: float = 2.39
    neg_theta: float = 0.95
    pos_gain: float = 0.514
    pos_delay: float = 3.45
    pos_k: float = 3.14
    pos_theta: float = 1.25
    length_ms: float = 34.0


@dataclass(frozen=True)
class SfapShape:
    """Triphasic sensory fibre potential: three Gaussian phases (times in ms, heights relative).

    A small initial positive phase, the main negative phase, and a lower, longer
    final positive phase.
    """

    lead_height: float = 0.12
    lead_time_ms: float = 0.40
    lead_width_ms: float = 0.18
    neg_time_ms: float = 1.00
    neg_width_ms: float = 0.28
    tail_height: float = 0.55
    tail_time_ms: float = 1.75
    tail_width_ms: float = 0.45
    length_ms: float = 4.5


MUP = MupShape()
SFAP = SfapShape()


def _gamma_bump(t: np.ndarray, k: float, theta: float) -> np.ndarray:
    """Gamma-shaped bump of peak 1 at ``t = k * theta`` (zero for ``t <= 0``)."""
    x = np.clip(t, 0.0, None) / theta
    with np.errstate(divide="ignore"):
        out = np.exp(k * np.log(np.where(x > 0, x, 1.0)) - x - k * np.log(k) + k)
    return np.where(t > 0, out, 0.0)


def mup_waveform(t_ms: np.ndarray, *, time_scale: float = 1.0, shape: MupShape = MUP) -> np.ndarray:
    """MUP (negative peak -1) at times ``t_ms`` after the unit's onset; ``time_scale`` > 1 stretches it."""
    t = np.asarray(t_ms, dtype=float) / time_scale
    m = -_gamma_bump(t, shape.neg_k, shape.neg_theta) + shape.pos_gain * _gamma_bump(
        t - shape.pos_delay, shape.pos_k, shape.pos_theta
    )
    return m / -m.min() if m.size and m.min() < 0 else m


def sfap_waveform(t_ms: np.ndarray, *, time_scale: float = 1.0, shape: SfapShape = SFAP) -> np.ndarray:
    """SFAP (negative peak about -1) at times ``t_ms`` after its start.

    The small initial positive phase comes first; the negative deflection
    starts at :func:`sfap_onset_ms`.
    """
    t = np.asarray(t_ms, dtype=float) / time_scale

    def g(mu, sigma):
        return np.exp(-0.5 * ((t - mu) / sigma) ** 2)

    m = (
        shape.lead_height * g(shape.lead_time_ms, shape.lead_width_ms)
        - g(shape.neg_time_ms, shape.neg_width_ms)
        + shape.tail_height * g(shape.tail_time_ms, shape.tail_width_ms)
    )
    return np.where(t >= 0, m, 0.0)


def sfap_onset_ms(time_scale: float = 1.0, shape: SfapShape = SFAP) -> float:
    """Time (ms) from the start of the SFAP template to the start of its negative deflection.

    The deflection starts where the waveform first falls below 1% of its negative peak; the time is multiplied
    by ``time_scale``.
    """
    t = np.linspace(0.0, shape.length_ms, 4501)
    m = sfap_waveform(t, shape=shape)
    i = int(np.argmax(m < 0.01 * m.min()))
    return float(t[i]) * time_scale


@lru_cache(maxsize=64)
def mup_template(time_scale: float = 1.0, dt_ms: float = DT_MS) -> np.ndarray:
    """Sampled MUP template (read-only), starting at the unit's onset."""
    n = int(round(MUP.length_ms * time_scale / dt_ms))
    out = mup_waveform(np.arange(n) * dt_ms, time_scale=time_scale)
    out.flags.writeable = False
    return out


@lru_cache(maxsize=64)
def sfap_template(time_scale: float = 1.0, dt_ms: float = DT_MS) -> np.ndarray:
    """Sampled SFAP template (read-only), starting at the fibre's arrival."""
    n = int(round(SFAP.length_ms * time_scale / dt_ms))
    out = sfap_waveform(np.arange(n) * dt_ms, time_scale=time_scale)
    out.flags.writeable = False
    return out
