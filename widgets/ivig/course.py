"""Simulate one patient on one regimen: daily IgG, strength, grip, grams and wear-off."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from widgets.ivig import pharmacokinetics, response, variability
from widgets.ivig.parameters import LIMITS, PK, RESPONSE, check_range
from widgets.ivig.patients import Patient
from widgets.ivig.regimens import Regimen

#: Integrator steps per day (the output is daily).
STEPS_PER_DAY = round(1.0 / PK.step_days)


@dataclass(frozen=True, eq=False)
class Course:
    """What happens to one patient on one regimen, day by day.

    Daily arrays (one value per day ``0 … 7·weeks``):

    ``days`` (day), ``igg_g_l`` (serum IgG, g/L), ``strength_pct`` (% of the
    patient's normal strength), ``grip_kg`` (grip of the affected hand, kg),
    ``relief`` (fraction of the conduction block relieved, 0–1),
    ``worn_off`` (True on days the effect is below the wear-off threshold after
    having been above it), ``wear_off_strength_pct`` (strength at that
    threshold), ``untreated_strength_pct`` (the same patient with no treatment).

    What a clinic would *measure* (day-to-day fluctuation and measurement error
    drawn from the patient's ``seed``): ``observed_grip_kg`` (one dynamometer
    reading on each day), ``measured_block_pct`` (area reduction across the
    measured conduction block, %, without error; it worsens without treatment
    as the ongoing attack goes on, see :func:`~widgets.ivig.response.ongoing_attack`) and ``observed_block_pct``
    (with the error of one study).

    Doses: ``infusion_days`` (day of each dose), ``infusion_g`` (grams that
    day), ``infusion_route`` (``"iv"``/``"sc"``) and the total ``grams``.

    Cycles (a course of consecutive infusion days or one SCIg injection starts
    a cycle, which lasts until the next one or the end): ``cycle_start_days``
    and ``wear_off_days`` (days worn off in each cycle).
    """

    patient: Patient
    regimen: Regimen
    days: np.ndarray
    igg_g_l: np.ndarray
    strength_pct: np.ndarray
    grip_kg: np.ndarray
    relief: np.ndarray
    worn_off: np.ndarray
    wear_off_strength_pct: np.ndarray
    untreated_strength_pct: np.ndarray
    observed_grip_kg: np.ndarray
    measured_block_pct: np.ndarray
    observed_block_pct: np.ndarray
    infusion_days: np.ndarray
    infusion_g: np.ndarray
    infusion_route: np.ndarray
    grams: float
    cycle_start_days: np.ndarray
    wear_off_days: np.ndarray

    @property
    def weeks(self) -> float:
        """Length of the simulated course (weeks): ``(len(days) - 1) / 7``."""
        return (len(self.days) - 1) / 7.0

    @property
    def grams_per_year(self) -> float:
        """Grams given per year of the simulated time."""
        return self.grams / (self.weeks * 7.0 / response.DAYS_PER_YEAR)

    def summary(self) -> dict[str, float]:
        """Key numbers of the second half of the course (when maintenance is at steady state), rounded.

        ``grams_per_year``; serum IgG mean, peak and trough (g/L); strength mean
        and swing (peak − trough, % of normal); worn-off days in that half, and
        per cycle starting in it (0 if none starts).
        """
        half = len(self.days) // 2
        igg, strength = self.igg_g_l[half:], self.strength_pct[half:]
        late = self.cycle_start_days >= half
        values = {
            "grams_per_year": self.grams_per_year,
            "igg_mean_g_l": igg.mean(),
            "igg_peak_g_l": igg.max(),
            "igg_trough_g_l": igg.min(),
            "strength_mean_pct": strength.mean(),
            "strength_swing_pct": strength.max() - strength.min(),
            "worn_off_days": self.worn_off[half:].sum(),
            "worn_off_days_per_cycle": self.wear_off_days[late].mean() if late.any() else 0.0,
        }
        return {key: round(float(value), 1) for key, value in values.items()}


def simulate(regimen: Regimen, patient: Patient | None = None, *, weeks: float = 52) -> Course:
    """Simulate ``patient`` (default: the typical patient) on ``regimen`` for ``weeks`` weeks.

    Parameters
    ----------
    regimen : Regimen
        The treatment (from :func:`~widgets.ivig.regimens.induction`, ``maintenance``, ``scig``…).
    patient : Patient, optional
        The virtual patient; the typical patient (``Patient()``) when omitted.
    weeks : float
        Simulated time (weeks), within ``LIMITS.simulate_weeks``.

    Returns
    -------
    Course
        Daily series from day 0 to day ``7·weeks``.

    Raises
    ------
    ValueError
        If ``regimen`` is not a Regimen, ``patient`` not a Patient, or ``weeks`` out of range.
    """
    if not isinstance(regimen, Regimen):
        raise ValueError(f"regimen must be a Regimen (from induction(), maintenance(), scig(), ...), got {regimen!r}")
    patient = Patient() if patient is None else patient
    if not isinstance(patient, Patient):
        raise ValueError(f"patient must be a Patient, got {patient!r}")
    n_days = round(7 * check_range("weeks", weeks, LIMITS.simulate_weeks, "weeks"))
    n_steps = n_days * STEPS_PER_DAY
    dt = PK.step_days

    doses = regimen.doses(n_days)
    day = np.array([d.day for d in doses], dtype=int)
    grams = np.array([d.g_per_kg * patient.weight_kg for d in doses], dtype=float)
    route = np.array([d.route for d in doses], dtype="<U2")
    iv = np.zeros(n_steps)
    sc = np.zeros(n_steps)
    np.add.at(iv, day[route == "iv"] * STEPS_PER_DAY, grams[route == "iv"])
    np.add.at(sc, day[route == "sc"] * STEPS_PER_DAY, grams[route == "sc"])

    kin = patient.kinetics
    igg = pharmacokinetics.serum_igg(iv, sc, kin)
    ce = response.effect_site(igg - patient.baseline_igg_g_l, dt)
    relief = response.block_relief(ce, threshold_g_l=patient.response_threshold_g_l, max_relief=patient.max_relief)
    axons = response.axon_fraction(relief, dt, disease_years=patient.disease_years)
    untreated_axons = response.axon_fraction(np.zeros_like(relief), dt, disease_years=patient.disease_years)
    attack = response.ongoing_attack(relief, dt)
    block = patient.conduction_block
    strength = response.strength_pct(axons, relief, conduction_block=block)
    daily = slice(None, None, STEPS_PER_DAY)
    relief, strength, igg = relief[daily], strength[daily], igg[daily]
    worn = response.worn_off(relief, patient.max_relief)
    threshold_relief = RESPONSE.wear_off_fraction * patient.max_relief

    starts = _cycle_starts(day)
    edges = np.append(starts, n_days + 1)
    worn_per_cycle = np.array([int(worn[a:b].sum()) for a, b in zip(edges[:-1], edges[1:], strict=True)], dtype=int)

    grip = strength / 100.0 * patient.normal_grip_kg
    n_out = n_days + 1
    observed_grip = grip * variability.fluctuation(n_out, patient.seed) * variability.grip_error(n_out, patient.seed)
    measured_block = response.measured_block_pct(
        relief, before_pct=patient.measured_block_pct, share=patient.measured_block_share, attack=attack[daily]
    )
    observed_block = np.clip(measured_block + variability.block_error(n_out, patient.seed), 0.0, 100.0)

    return Course(
        patient=patient,
        regimen=regimen,
        days=np.arange(n_days + 1),
        igg_g_l=igg,
        strength_pct=strength,
        grip_kg=grip,
        relief=relief,
        worn_off=worn,
        wear_off_strength_pct=response.strength_pct(axons[daily], threshold_relief, conduction_block=block),
        untreated_strength_pct=response.strength_pct(untreated_axons[daily], 0.0, conduction_block=block),
        observed_grip_kg=observed_grip,
        measured_block_pct=measured_block,
        observed_block_pct=observed_block,
        infusion_days=day,
        infusion_g=grams,
        infusion_route=route,
        grams=float(grams.sum()),
        cycle_start_days=starts,
        wear_off_days=worn_per_cycle,
    )


def _cycle_starts(dose_days: np.ndarray) -> np.ndarray:
    """First day of each run of consecutive dose days."""
    if dose_days.size == 0:
        return np.zeros(0, dtype=int)
    d = np.unique(dose_days)
    return d[np.concatenate(([True], np.diff(d) > 1))]
