"""Limb temperature: cooling slows conduction and makes unit potentials larger and longer.

The facts sheet states the direction of each effect (cooling prolongs latency,
slows conduction velocity and raises amplitude); their size here comes from
Q10 factors that are illustrative model choices. 34 °C is the reference: all
factors are 1 there.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.conduction.reference_values import REFERENCE_TEMPERATURE_C, TEMPERATURE_RANGE_C


@dataclass(frozen=True)
class TemperatureModel:
    """Q10 factors (change per 10 °C) of conduction speed and of unit-potential duration and amplitude."""

    reference_c: float = REFERENCE_TEMPERATURE_C
    q10_conduction: float = 1.5
    q10_potential_duration: float = 1.2
    q10_potential_amplitude: float = 1.1


TEMPERATURE = TemperatureModel()


@dataclass(frozen=True)
class TemperatureFactors:
    """Multipliers at one temperature: conduction speed, potential duration and potential amplitude."""

    speed: float
    duration: float
    amplitude: float


def check_temperature(temperature_c: float) -> float:
    """``temperature_c`` as float, or ``ValueError`` if outside the model's physiological range."""
    lo, hi = TEMPERATURE_RANGE_C
    try:
        t = float(temperature_c)
    except (TypeError, ValueError):
        raise ValueError(
            f"temperature_c must be a number of °C within {lo:g}–{hi:g}, got {temperature_c!r}"
        ) from None
    if not lo <= t <= hi:
        raise ValueError(f"temperature_c must be within {lo:g}–{hi:g} °C (limb temperature), got {temperature_c!r}")
    return t


def temperature_factors(temperature_c: float, model: TemperatureModel = TEMPERATURE) -> TemperatureFactors:
    """Factors at ``temperature_c`` (°C): speed < 1, duration > 1 and amplitude > 1 when cooler than 34 °C."""
    t = check_temperature(temperature_c)
    cooling = (model.reference_c - t) / 10.0
    return TemperatureFactors(
        speed=model.q10_conduction ** (-cooling),
        duration=model.q10_potential_duration**cooling,
        amplitude=model.q10_potential_amplitude**cooling,
    )
