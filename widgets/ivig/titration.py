"""Titration of maintenance IVIg on measured strength: reduce until wear-off, then step back.

Practice (chapter 7): once a patient is stable, try a careful reduction of the dose or a longer interval, measured
objectively (grip with a dynamometer) just before each infusion, and return to the last regimen that kept strength.
:func:`titrate` runs that protocol on one virtual person, with the person's own day-to-day fluctuation and
measurement error, so a reduction can also be stopped by a bad day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from widgets.ivig.course import Course, simulate
from widgets.ivig.parameters import LIMITS, check_range
from widgets.ivig.patients import Patient
from widgets.ivig.regimens import Regimen, induction, maintenance

MODES = ("dose", "interval")


@dataclass(frozen=True, eq=False)
class Titration:
    """Result of :func:`titrate`.

    ``steps``: ``(dose_g_per_kg, every_weeks, mean trough grip in kg)`` of each level tried, in order;
    ``final``: the ``(dose, every_weeks)`` kept; ``worn_off``: True if a reduction was stepped back;
    ``course``: the whole simulated course (induction, stable phase, the reductions, and the regimen kept);
    ``grams_per_year_before`` and ``grams_per_year_after``.
    """

    steps: tuple[tuple[float, float, float], ...]
    final: tuple[float, float]
    worn_off: bool
    course: Course
    grams_per_year_before: float
    grams_per_year_after: float


def titrate(
    patient: Patient | None = None,
    dose_g_per_kg: float = 1.0,
    every_weeks: int = 3,
    *,
    mode: str = "dose",
    step: float = 0.2,
    cycles_per_step: int = 3,
    drop_pct: float = 10.0,
) -> Titration:
    """Reduce maintenance step by step until the measured trough grip falls, then step back.

    Parameters
    ----------
    patient
        The person (default: the typical patient).
    dose_g_per_kg, every_weeks
        The stable regimen to start from (after induction and 24 weeks of it).
    mode
        ``"dose"``: lower the dose by ``step`` g/kg each time; ``"interval"``: lengthen the interval by one week.
    step
        Dose reduction per step (g/kg, 0.05–1).
    cycles_per_step
        Infusion cycles at each level (1–6); grip is measured on the morning of each infusion.
    drop_pct
        Fall of the mean trough grip, in % of the stable level, that counts as wear-off (2–50).
    """
    patient = Patient() if patient is None else patient
    if not isinstance(patient, Patient):
        raise ValueError(f"patient must be a Patient, got {patient!r}")
    dose = check_range("dose_g_per_kg", dose_g_per_kg, LIMITS.infusion_g_per_kg, "g/kg")
    if isinstance(every_weeks, bool) or not isinstance(every_weeks, int) or not 1 <= every_weeks <= 8:
        raise ValueError(f"every_weeks must be a whole number of weeks between 1 and 8, got {every_weeks!r}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(map(repr, MODES))}, got {mode!r}")
    step = check_range("step", step, (0.05, 1.0), "g/kg")
    if isinstance(cycles_per_step, bool) or not isinstance(cycles_per_step, int) or not 1 <= cycles_per_step <= 6:
        raise ValueError(f"cycles_per_step must be a whole number between 1 and 6, got {cycles_per_step!r}")
    drop = check_range("drop_pct", drop_pct, (2.0, 50.0), "%")

    stable_weeks = 28  # induction (4 weeks), then 24 weeks of the stable regimen
    regimen: Regimen = induction().then(maintenance(dose, every_weeks), weeks=4)
    start = stable_weeks
    levels = [(dose, every_weeks)]
    troughs: list[float] = []

    def trough_grip(course: Course, first_week: float, weeks_each: int, cycles: int) -> float:
        days = [round(7 * (first_week + weeks_each * (c + 1))) for c in range(cycles)]
        days = [min(d, len(course.days) - 1) for d in days]
        return float(np.mean(course.observed_grip_kg[days]))

    # the stable level: troughs over the last cycles before reducing
    course = simulate(regimen, patient, weeks=start + 1)
    reference = trough_grip(course, start - every_weeks * (cycles_per_step + 1), every_weeks, cycles_per_step)
    troughs.append(reference)
    worn = False
    while True:
        d, e = levels[-1]
        nd, ne = (round(d - step, 2), e) if mode == "dose" else (d, e + 1)
        if nd < LIMITS.infusion_g_per_kg[0] or ne > 8 or start + ne * cycles_per_step > LIMITS.simulate_weeks[1] - 8:
            break
        trial = regimen.then(maintenance(nd, ne), weeks=start)
        length = ne * cycles_per_step
        course = simulate(trial, patient, weeks=start + length + 1)
        measured = trough_grip(course, start, ne, cycles_per_step)
        levels.append((nd, ne))
        troughs.append(measured)
        regimen, start = trial, start + length
        if measured < reference * (1.0 - drop / 100.0):
            worn = True
            break
    kept = levels[-2] if worn else levels[-1]
    final_regimen = regimen.then(maintenance(*kept), weeks=start) if worn else regimen
    course = simulate(final_regimen, patient, weeks=start + 4 * kept[1])
    weight = patient.weight_kg
    return Titration(
        steps=tuple((d, e, round(t, 1)) for (d, e), t in zip(levels, troughs, strict=True)),
        final=kept,
        worn_off=worn,
        course=course,
        grams_per_year_before=dose * weight * 365.25 / (7 * every_weeks),
        grams_per_year_after=kept[0] * weight * 365.25 / (7 * kept[1]),
    )
