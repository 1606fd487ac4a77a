"""Limb temperature: cooling slows conduction and makes unit potentials larger and longer.

Conduction speed follows the published, non-linear relation (``todnem1989``):
velocity rises with skin temperature, by about 1.5–2.5 m/s per °C, and the
change per degree is largest in a cold limb and falls toward higher
temperatures. The model writes the relative speed as a quadratic in the
cooling ``Δ = 34 − T``: ``speed = 1 − s·Δ − g·Δ²/2``, i.e. a slope of
``s + g·Δ`` per °C (2.6%/°C at 34 °C, about 1.5 m/s/°C in a 57 m/s nerve,
rising to about 2.5 m/s/°C at 24 °C). Unit-potential duration and amplitude
keep illustrative Q10 factors (Todnem found no significant relation of
amplitude to temperature, so the amplitude effect is kept small). 34 °C is
the reference: all factors are 1 there.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.conduction.reference_values import REFERENCE_TEMPERATURE_C, TEMPERATURE_RANGE_C
from widgets.conduction.validate import number


@dataclass(frozen=True)
class TemperatureModel:
    """Temperature effects on conduction and unit potentials.

    Conduction speed changes non-linearly with temperature (todnem1989); unit-potential duration and amplitude
    change by Q10 factors (per 10 °C).
    """

    reference_c: float = REFERENCE_TEMPERATURE_C
    #: relative change of conduction speed per °C at the reference temperature (1.5 m/s/°C of 57 m/s)
    speed_slope_per_c: float = 0.026
    #: increase of that slope per °C of cooling (2.5 m/s/°C of 57 m/s at 24 °C), todnem1989 non-linearity
    speed_slope_gain_per_c: float = 0.0018
    q10_potential_duration: float = 1.2
    q10_potential_amplitude: float = 1.05


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
    return number("temperature_c", temperature_c, lo, hi, " °C (limb temperature)")


def temperature_factors(temperature_c: float, model: TemperatureModel = TEMPERATURE) -> TemperatureFactors:
    """Factors at ``temperature_c`` (°C): speed < 1, duration > 1 and amplitude > 1 when cooler than 34 °C.

    Parameters
    ----------
    temperature_c : float
        Limb temperature (°C), within the model's physiological range (ValueError otherwise).
    model : TemperatureModel
        Model parameters; its ``reference_c`` is where every factor is 1.

    Returns
    -------
    TemperatureFactors
        Multipliers (dimensionless) of conduction speed, potential duration and potential amplitude.
    """
    t = check_temperature(temperature_c)
    delta = model.reference_c - t
    cooling = delta / 10.0
    return TemperatureFactors(
        speed=1.0 - model.speed_slope_per_c * delta - 0.5 * model.speed_slope_gain_per_c * delta**2,
        duration=model.q10_potential_duration**cooling,
        amplitude=model.q10_potential_amplitude**cooling,
    )
