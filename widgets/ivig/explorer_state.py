"""What the IVIg explorer's controls describe: a regimen and a patient, as plain values.

The book's explorer runs the model in the browser (``book/_ext/mmn_book/js/ivig-model.js``); this module is
the Python reference of its state, so the parity tests can run the same state through both. No UI code here.

A state has a treatment part (induction, maintenance route, dose, interval, SCIg dose, a stop week, years shown)
and a patient part: one of the people of :data:`PERSON_SEEDS` (the first is the course's typical patient; a seed
is a person), with the four traits the explorer's sliders change (weight, own IgG, responder type, years untreated).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache

from widgets.ivig.parameters import LIMITS, RESPONDER_TYPES, check_range
from widgets.ivig.patients import Patient, person
from widgets.ivig.regimens import Regimen, induction, maintenance, no_treatment, scig

#: The people the explorer offers: ``None`` is the course's typical patient, the others ``person(seed)``.
PERSON_SEEDS: tuple[int | None, ...] = (None, 3, 7, 11, 19, 23, 42, 64, 101)
#: Maintenance routes: IVIg every few weeks, SCIg weekly, or none (induction only, or untreated).
ROUTES: tuple[str, ...] = ("iv", "sc", "none")
#: Week at which maintenance follows induction (the kernel-free explorer's convention since its first version).
MAINTENANCE_FROM_WEEK = 4

#: Ranges of the explorer's sliders: (min, max, step), within :data:`~widgets.ivig.parameters.LIMITS`.
CONTROLS: dict[str, tuple[float, float, float]] = {
    "dose_g_per_kg": (0.2, LIMITS.infusion_g_per_kg[1], 0.1),
    "every_weeks": (1, 12, 1),
    "scig_weekly_g_per_kg": (0.05, 1.0, 0.05),
    "stop_week": (8, 260, 1),
    "years": (1, 5, 1),
    "weight_kg": (40, 150, 1),
    "baseline_igg_g_l": (2, 20, 0.5),
    "disease_years": (0, 20, 0.5),
}


@cache
def people() -> tuple[Patient, ...]:
    """The explorer's people, in the order of :data:`PERSON_SEEDS`."""
    return tuple(Patient() if seed is None else person(seed) for seed in PERSON_SEEDS)


@dataclass(frozen=True)
class ExplorerState:
    """One setting of the explorer's controls (defaults: the typical patient, induction then 1 g/kg every 4 weeks).

    ``stop_week`` 0 means maintenance never stops; otherwise placebo from that week on. The patient traits
    ``None`` keep the chosen person's own value.
    """

    person: int = 0
    induction: bool = True
    route: str = "iv"
    dose_g_per_kg: float = 1.0
    every_weeks: int = 4
    scig_weekly_g_per_kg: float = 0.25
    stop_week: int = 0
    years: int = 1
    weight_kg: float | None = None
    baseline_igg_g_l: float | None = None
    responder: str | None = None
    disease_years: float | None = None

    def __post_init__(self):
        n = len(PERSON_SEEDS)
        if isinstance(self.person, bool) or not isinstance(self.person, int) or not 0 <= self.person < n:
            raise ValueError(f"person must be a whole number between 0 and {n - 1}, got {self.person!r}")
        if not isinstance(self.induction, bool):
            raise ValueError(f"induction must be True or False, got {self.induction!r}")
        if self.route not in ROUTES:
            raise ValueError(f"route must be one of {', '.join(map(repr, ROUTES))}, got {self.route!r}")
        for name in ("dose_g_per_kg", "every_weeks", "scig_weekly_g_per_kg", "years"):
            check_range(name, getattr(self, name), CONTROLS[name][:2])
        if self.stop_week != 0:
            check_range("stop_week", self.stop_week, CONTROLS["stop_week"][:2], "weeks (or 0: never)")
        for name in ("weight_kg", "baseline_igg_g_l", "disease_years"):
            if getattr(self, name) is not None:
                check_range(name, getattr(self, name), CONTROLS[name][:2])
        if self.responder is not None and self.responder not in RESPONDER_TYPES:
            raise ValueError(
                f"responder must be one of {', '.join(map(repr, RESPONDER_TYPES))}, got {self.responder!r}"
            )

    @property
    def weeks(self) -> int:
        """Weeks simulated and shown."""
        return 52 * int(self.years)

    @property
    def stops(self) -> bool:
        """True if maintenance stops (placebo) within the weeks shown; the stop acts only on maintenance."""
        return self.route != "none" and bool(self.stop_week) and MAINTENANCE_FROM_WEEK < self.stop_week <= self.weeks

    @property
    def note_key(self) -> str:
        """Which safety and monitoring note fits this regimen: ``iv``, ``sc``, ``stopped``, ``induction`` or ``none``."""
        if self.route == "none":
            return "induction" if self.induction else "none"
        return "stopped" if self.stops else self.route

    def regimen(self) -> Regimen:
        """The regimen the controls describe."""
        if self.route == "iv":
            maintain = maintenance(self.dose_g_per_kg, self.every_weeks)
        elif self.route == "sc":
            maintain = scig(self.scig_weekly_g_per_kg)
        else:
            maintain = None
        if self.induction:
            regimen = induction() if maintain is None else induction().then(maintain, weeks=MAINTENANCE_FROM_WEEK)
        else:
            regimen = no_treatment() if maintain is None else maintain
        if self.stops:
            regimen = regimen.then(no_treatment(), weeks=self.stop_week)
        return regimen

    def patient(self) -> Patient:
        """The chosen person with the explorer's four traits applied."""
        changes = {
            name: getattr(self, name)
            for name in ("weight_kg", "baseline_igg_g_l", "responder", "disease_years")
            if getattr(self, name) is not None
        }
        return dataclasses.replace(people()[self.person], **changes)
