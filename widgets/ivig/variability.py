"""Variability within one person over time: good and bad days, and the error of each measurement.

Between-person variability lives in :func:`widgets.ivig.patients.person`; this
module adds what makes repeated measurements of the *same* person differ, so
that a placebo arm is not flat and a single good reading can look like a
response. Every stream is drawn from the person's own ``seed``: the same person
on the same day always has the same fluctuation, whatever the regimen.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.signal import lfilter

from widgets.ivig.parameters import RESPONSE, Response

#: Sub-streams of a person's seed.
FLUCTUATION, GRIP_ERROR, BLOCK_ERROR = 1, 2, 3


def stream(seed: int, which: int) -> np.random.Generator:
    """Random generator of one sub-stream (``FLUCTUATION``, ``GRIP_ERROR``, ``BLOCK_ERROR``) of a person's seed."""
    return np.random.default_rng([int(seed), which])


def fluctuation(n_days: int, seed: int, *, response: Response = RESPONSE) -> np.ndarray:
    """Day-to-day fluctuation of true strength: a factor around 1 for each of ``n_days`` days.

    ``exp(x)`` with ``x`` a stationary AR(1) process of SD ``fluctuation_sd`` and
    correlation time ``fluctuation_days`` (days).
    """
    rho = math.exp(-1.0 / response.fluctuation_days)
    noise = stream(seed, FLUCTUATION).standard_normal(n_days)
    x = lfilter([math.sqrt(1.0 - rho**2)], [1.0, -rho], noise, zi=[rho * noise[0]])[0] if n_days else noise
    return np.exp(response.fluctuation_sd * x)


def grip_error(n_days: int, seed: int, *, response: Response = RESPONSE) -> np.ndarray:
    """Multiplicative error of one dynamometer reading on each day (factor around 1)."""
    return np.exp(response.grip_measurement_sd * stream(seed, GRIP_ERROR).standard_normal(n_days))


def block_error(n_days: int, seed: int, *, response: Response = RESPONSE) -> np.ndarray:
    """Error of the measured area reduction (percentage points) if a study were done on each day."""
    return response.block_measurement_sd_pct * stream(seed, BLOCK_ERROR).standard_normal(n_days)
