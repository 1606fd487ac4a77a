"""Treatment regimens: induction, IVIg maintenance, SCIg, none, and switches between them.

Every constructor returns a :class:`Regimen`; regimens chain in time with
:meth:`Regimen.then`::

    induction().then(maintenance(1.0, 4), weeks=4)                  # maintenance from week 4
    maintenance(1.0, 4).then(no_treatment(), weeks=24)              # stop at week 24 (placebo)

Doses are in grams per kg of body weight; a course given over several days
is split evenly over its infusion days.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from widgets.ivig.parameters import LIMITS, check_range

Route = Literal["iv", "sc"]


@dataclass(frozen=True)
class Dose:
    """Immunoglobulin given on one day: ``g_per_kg`` by ``route`` (``"iv"`` or ``"sc"``)."""

    day: int
    g_per_kg: float
    route: Route


def courses(start: int, end: int, every_days: int | None, course_days: int, g_per_kg: float,
            route: Route) -> Iterator[Dose]:
    """The doses of a phase: courses of ``g_per_kg`` split over ``course_days`` days, one every ``every_days``.

    Parameters
    ----------
    start, end : int
        First day of the phase (included) and the day it stops (excluded), in days from the start of treatment.
    every_days : int or None
        Days from the first day of one course to the next; None for a single course at ``start``.
    course_days : int
        Consecutive days each course is split over (evenly); cut short at ``end``.
    g_per_kg : float
        Dose of each course (g per kg of body weight).
    route : {"iv", "sc"}
        How each dose is given.

    Yields
    ------
    Dose
        ``g_per_kg / course_days`` g/kg on each infusion day, in order.
    """
    firsts = range(start, end, every_days) if every_days is not None else range(start, min(start + 1, end))
    for first in firsts:
        for d in range(first, min(first + course_days, end)):
            yield Dose(d, g_per_kg / course_days, route)


@dataclass(frozen=True)
class Induction:
    """``total_g_per_kg`` IVIg split over ``days`` consecutive days, given once."""

    total_g_per_kg: float
    days: int

    def doses(self, start: int, end: int) -> Iterator[Dose]:
        """Doses from day ``start`` to ``end`` (:func:`courses`): one IV dose a day on the first ``days`` days."""
        return courses(start, end, None, self.days, self.total_g_per_kg, "iv")

    @property
    def label(self) -> str:
        """The phase in words: ``"induction <total> g/kg over <days> days"``."""
        return f"induction {self.total_g_per_kg:g} g/kg over {self.days} days"


@dataclass(frozen=True)
class Maintenance:
    """``dose_g_per_kg`` IVIg every ``every_days`` days, each course over ``infusion_days`` days."""

    dose_g_per_kg: float
    every_days: int
    infusion_days: int

    def doses(self, start: int, end: int) -> Iterator[Dose]:
        """Doses from day ``start`` to ``end`` (:func:`courses`): a course every ``every_days`` days, IV."""
        return courses(start, end, self.every_days, self.infusion_days, self.dose_g_per_kg, "iv")

    @property
    def label(self) -> str:
        """The phase in words: ``"IVIg <dose> g/kg every <weeks> weeks"``."""
        return f"IVIg {self.dose_g_per_kg:g} g/kg every {self.every_days / 7:g} weeks"


@dataclass(frozen=True)
class Subcutaneous:
    """``weekly_g_per_kg`` SCIg once a week."""

    weekly_g_per_kg: float

    def doses(self, start: int, end: int) -> Iterator[Dose]:
        """Doses from day ``start`` to ``end`` (:func:`courses`): one SC dose of ``weekly_g_per_kg`` every 7 days."""
        return courses(start, end, 7, 1, self.weekly_g_per_kg, "sc")

    @property
    def label(self) -> str:
        """The phase in words: ``"SCIg <dose> g/kg weekly"``."""
        return f"SCIg {self.weekly_g_per_kg:g} g/kg weekly"


@dataclass(frozen=True)
class Untreated:
    """No immunoglobulin (or placebo)."""

    def doses(self, start: int, end: int) -> Iterator[Dose]:
        """Doses from day ``start`` to ``end``: none (an empty iterator)."""
        return iter(())

    @property
    def label(self) -> str:
        """The phase in words: ``"no treatment"``."""
        return "no treatment"


Phase = Induction | Maintenance | Subcutaneous | Untreated


@dataclass(frozen=True)
class Regimen:
    """A sequence of phases, each ``(start_day, phase)``; a phase runs until the next one starts."""

    phases: tuple[tuple[int, Phase], ...]

    def then(self, other: Regimen, *, weeks: float) -> Regimen:
        """Give this regimen for ``weeks`` weeks (counted from its start), then ``other``."""
        if not isinstance(other, Regimen):
            raise ValueError(f"other must be a Regimen (from induction(), maintenance(), ...), got {other!r}")
        last_start = self.phases[-1][0]
        latest = LIMITS.simulate_weeks[1]
        valid = not isinstance(weeks, bool) and isinstance(weeks, numbers.Real) and math.isfinite(weeks)
        if not valid or not last_start < round(7 * weeks) <= 7 * latest:
            raise ValueError(
                f"weeks must be after week {last_start / 7:g} (when the last phase starts) and at most {latest:g}, "
                f"got {weeks!r}"
            )
        switch = round(7 * weeks)
        return Regimen(self.phases + tuple((switch + start, phase) for start, phase in other.phases))

    def doses(self, n_days: int) -> tuple[Dose, ...]:
        """Every dose given on days ``0 … n_days − 1``, in order."""
        bounds = [start for start, _ in self.phases[1:]] + [n_days]
        out: list[Dose] = []
        for (start, phase), end in zip(self.phases, bounds, strict=True):
            out.extend(phase.doses(start, min(end, n_days)))
        return tuple(out)

    @property
    def label(self) -> str:
        """Readable description, e.g. ``induction 2 g/kg over 5 days, then from week 4 IVIg 1 g/kg every 4 weeks``."""
        parts = [self.phases[0][1].label]
        parts += [f"from week {start / 7:g} {phase.label}" for start, phase in self.phases[1:]]
        return ", then ".join(parts)


def induction(total_g_per_kg: float = 2.0, days: int = 5) -> Regimen:
    """Induction course: ``total_g_per_kg`` (guideline 2 g/kg) IVIg over ``days`` (2–5) days.

    Parameters
    ----------
    total_g_per_kg : float
        Total dose (g per kg of body weight), within ``LIMITS.induction_g_per_kg``.
    days : int
        Consecutive infusion days, within ``LIMITS.induction_days`` and enough to keep the daily dose at or
        below ``LIMITS.daily_g_per_kg``.

    Returns
    -------
    Regimen
        One induction phase starting on day 0.
    """
    total = check_range("total_g_per_kg", total_g_per_kg, LIMITS.induction_g_per_kg, "g/kg")
    _check_whole("days", days, LIMITS.induction_days, "days")
    if total / days > LIMITS.daily_g_per_kg:
        raise ValueError(
            f"days must be at least {math.ceil(total / LIMITS.daily_g_per_kg)} for {total:g} g/kg "
            f"(at most {LIMITS.daily_g_per_kg:g} g/kg a day), got {days!r}"
        )
    return Regimen(((0, Induction(total, int(days))),))


def maintenance(dose_g_per_kg: float, every_weeks: float, *, infusion_days: int | None = None) -> Regimen:
    """IVIg maintenance: ``dose_g_per_kg`` every ``every_weeks`` weeks, first dose at the start.

    Each course is split over ``infusion_days`` days; by default as few days as
    keep the daily dose at or below 1 g/kg.

    Parameters
    ----------
    dose_g_per_kg : float
        Dose of each course (g per kg of body weight), within ``LIMITS.infusion_g_per_kg``.
    every_weeks : float
        Interval between courses (weeks), within ``LIMITS.every_weeks``; rounded to whole days.
    infusion_days : int, optional
        Days each course is split over.

    Returns
    -------
    Regimen
        One maintenance phase starting on day 0.
    """
    dose = check_range("dose_g_per_kg", dose_g_per_kg, LIMITS.infusion_g_per_kg, "g/kg")
    every = check_range("every_weeks", every_weeks, LIMITS.every_weeks, "weeks")
    every_days = round(7 * every)
    needed = math.ceil(dose / LIMITS.daily_g_per_kg - 1e-9)
    if infusion_days is None:
        infusion_days = needed
    _check_whole("infusion_days", infusion_days, (needed, min(LIMITS.induction_days[1], every_days - 1)), "days")
    return Regimen(((0, Maintenance(dose, every_days, int(infusion_days))),))


def scig(weekly_g_per_kg: float) -> Regimen:
    """Subcutaneous immunoglobulin, ``weekly_g_per_kg`` once a week.

    Parameters
    ----------
    weekly_g_per_kg : float
        Weekly dose (g per kg of body weight), within ``LIMITS.scig_weekly_g_per_kg``.

    Returns
    -------
    Regimen
        One SCIg phase starting on day 0.
    """
    weekly = check_range("weekly_g_per_kg", weekly_g_per_kg, LIMITS.scig_weekly_g_per_kg, "g/kg")
    return Regimen(((0, Subcutaneous(weekly)),))


def no_treatment() -> Regimen:
    """No immunoglobulin (the placebo arm)."""
    return Regimen(((0, Untreated()),))


def _check_whole(name: str, value, bounds: tuple[int, int], unit: str) -> int:
    lo, hi = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ValueError(f"{name} must be a whole number between {lo} and {hi} {unit}, got {value!r}")
    return value


def scig_from_ivig(dose_g_per_kg: float, every_weeks: float, *, ratio: float = 1.0) -> Regimen:
    """Weekly SCIg replacing IVIg ``dose_g_per_kg`` every ``every_weeks`` weeks at a chosen dose ``ratio``.

    ``ratio`` = weekly SCIg grams ÷ weekly IVIg grams (0.5–2). Chapter 7 teaches starting near 1:1 and
    titrating to measured strength (Harbo 2009 used equivalent doses); 1.37–1.53 is US immunodeficiency
    labelling, not an MMN rule.
    """
    dose = check_range("dose_g_per_kg", dose_g_per_kg, LIMITS.infusion_g_per_kg, "g/kg")
    every = check_range("every_weeks", every_weeks, LIMITS.every_weeks, "weeks")
    r = check_range("ratio", ratio, (0.5, 2.0))
    weekly = dose / every * r
    lo, hi = LIMITS.scig_weekly_g_per_kg
    if not lo <= weekly <= hi:
        raise ValueError(
            f"ratio gives {weekly:.3g} g/kg a week; the weekly SCIg dose must be between {lo:g} and {hi:g}"
        )
    return scig(weekly)
