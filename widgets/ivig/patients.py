"""Virtual MMN patients: one frozen dataclass, :func:`person` (a seed is a person) and a :func:`cohort`."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from widgets.ivig.parameters import COHORT, LIMITS, PK, RESPONDER_TYPES, RESPONSE, TYPICAL, check_range
from widgets.ivig.pharmacokinetics import Kinetics


@dataclass(frozen=True)
class Patient:
    """One virtual patient. Defaults describe the course's typical patient.

    Attributes
    ----------
    weight_kg
        Body weight (kg); IVIg doses are per kg.
    baseline_igg_g_l
        Endogenous steady-state serum IgG (g/L); the patient's IgG production is derived from it.
    response_threshold_g_l
        IgG excess at the effect site (g/L) that gives half of the achievable
        benefit: lower = more sensitive.
    responder
        ``"good"``, ``"partial"`` or ``"non-responder"``: how much of the block
        IgG can relieve at most.
    disease_years
        Years of untreated disease before the simulation starts (axons lost meanwhile).
    conduction_block
        Share of motor units not conducting without treatment (0–0.9): the
        clinical deficit IVIg can act on.
    normal_grip_kg
        Grip strength this person would have without MMN (kg); strength in %
        is converted to grip with it.
    uptake_per_day
        Rate constant of IgG uptake by endothelial cells (1/day).
    fcrn_saturation_g_l
        Serum IgG above which FcRn recycling is saturated (g/L): the FcRn capacity.
    measured_block_pct
        Area reduction (%) across the conduction block a nerve conduction study measures, before treatment.
    measured_block_share
        Share (0–1) of the clinical relief that shows as less block in that measured segment.
    seed
        The person's own random stream: day-to-day fluctuation and measurement error.
    """

    weight_kg: float = TYPICAL.weight_kg
    baseline_igg_g_l: float = TYPICAL.baseline_igg_g_l
    response_threshold_g_l: float = RESPONSE.response_threshold_g_l
    responder: str = TYPICAL.responder
    disease_years: float = TYPICAL.disease_years
    conduction_block: float = RESPONSE.conduction_block
    normal_grip_kg: float = TYPICAL.normal_grip_kg
    uptake_per_day: float = PK.uptake_per_day
    fcrn_saturation_g_l: float = PK.fcrn_saturation_g_l
    measured_block_pct: float = 65.0
    measured_block_share: float = RESPONSE.measured_block_share
    seed: int = 0

    def __post_init__(self):
        for name, unit in (
            ("weight_kg", "kg"),
            ("baseline_igg_g_l", "g/L"),
            ("response_threshold_g_l", "g/L"),
            ("disease_years", "years"),
            ("conduction_block", ""),
            ("normal_grip_kg", "kg"),
            ("uptake_per_day", "per day"),
            ("fcrn_saturation_g_l", "g/L"),
            ("measured_block_pct", "%"),
            ("measured_block_share", ""),
        ):
            object.__setattr__(self, name, check_range(name, getattr(self, name), getattr(LIMITS, name), unit))
        if self.responder not in RESPONDER_TYPES:
            allowed = ", ".join(map(repr, RESPONDER_TYPES))
            raise ValueError(f"responder must be one of {allowed}, got {self.responder!r}")
        _check_seed(self.seed)

    @property
    def max_relief(self) -> float:
        """Largest fraction of the conduction block IgG can relieve in this patient (0–1)."""
        return dict(RESPONSE.max_relief)[self.responder]

    @property
    def kinetics(self) -> Kinetics:
        """The patient's IgG kinetics (production derived from the baseline)."""
        return Kinetics.for_patient(
            weight_kg=self.weight_kg,
            baseline_g_l=self.baseline_igg_g_l,
            uptake_per_day=self.uptake_per_day,
            saturation_g_l=self.fcrn_saturation_g_l,
        )

    @property
    def half_life_days(self) -> float:
        """Whole-body IgG half-life at the patient's own baseline (days); it follows from uptake and FcRn."""
        return float(self.kinetics.half_life_days(self.baseline_igg_g_l))


def _check_seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or not 0 <= seed <= LIMITS.seed[1]:
        raise ValueError(f"seed must be a non-negative whole number, got {seed!r}")
    return int(seed)


def person(seed: int, *, responders_only: bool = False) -> Patient:
    """The virtual patient drawn from ``seed``: a seed is a person.

    Sex (2.7 men per woman) sets the normal grip; weight, baseline IgG, IgG
    uptake and FcRn capacity, response threshold, untreated block, measured
    block, disease duration and the responder type vary between people
    (distributions in :class:`widgets.ivig.parameters.CohortSpread`). About 78%
    respond to IVIg, the share whose strength improved in the 2005 Cochrane
    review of four small trials (van Schaik 2005; updated by Keddie 2022).
    ``responders_only=True`` draws the responder type among responders only
    (every other trait of the person is the same).
    """
    seed = _check_seed(seed)
    rng = np.random.default_rng(seed)
    c = COHORT
    shares = dict(c.responder_share)
    u = rng.random()
    if responders_only:
        shares.pop("non-responder")
    types = list(shares)
    cum = np.cumsum([shares[t] for t in types])
    responder = types[min(int(np.searchsorted(cum / cum[-1], u, side="right")), len(types) - 1)]

    male = rng.random() < c.male_share
    grip = dict(c.normal_grip_kg)["male" if male else "female"] * math.exp(rng.normal(0.0, c.normal_grip_log_sd))
    weight = c.weight_median_kg * math.exp(rng.normal(0.0, c.weight_log_sd))
    lo, hi = c.baseline_igg_range_g_l
    igg = math.sqrt(lo * hi) * math.exp(rng.normal(0.0, math.log(hi / lo) / 4.0))
    threshold = RESPONSE.response_threshold_g_l * math.exp(rng.normal(0.0, c.threshold_log_sd))
    block = rng.uniform(*c.block_range)
    mean, sd = c.disease_years_mean_sd
    s2 = math.log1p((sd / mean) ** 2)
    years = math.exp(rng.normal(math.log(mean) - s2 / 2.0, math.sqrt(s2)))
    uptake = PK.uptake_per_day * math.exp(rng.normal(0.0, c.uptake_log_sd))
    saturation = PK.fcrn_saturation_g_l * math.exp(rng.normal(0.0, c.saturation_log_sd))
    measured = rng.uniform(*RESPONSE.measured_block_range_pct)
    share = RESPONSE.measured_block_share * math.exp(rng.normal(0.0, c.measured_block_share_log_sd))

    def clip(value, name):
        return float(np.clip(value, *getattr(LIMITS, name)))

    return Patient(
        weight_kg=round(clip(weight, "weight_kg"), 1),
        baseline_igg_g_l=round(float(np.clip(igg, lo, hi)), 2),
        response_threshold_g_l=round(clip(threshold, "response_threshold_g_l"), 3),
        responder=responder,
        disease_years=round(clip(years, "disease_years"), 2),
        conduction_block=round(float(block), 3),
        normal_grip_kg=round(clip(grip, "normal_grip_kg"), 1),
        uptake_per_day=round(clip(uptake, "uptake_per_day"), 4),
        fcrn_saturation_g_l=round(clip(saturation, "fcrn_saturation_g_l"), 2),
        measured_block_pct=round(float(measured), 1),
        measured_block_share=round(clip(share, "measured_block_share"), 3),
        seed=seed,
    )


def cohort(n: int, seed: int = 0, *, responders_only: bool = False) -> tuple[Patient, ...]:
    """``n`` different virtual people, reproducible from ``seed`` (see :func:`person`).

    Each person has their own seed, derived from ``seed`` and their place in the
    cohort, so ``person(p.seed) == p`` for every ``p`` of a cohort (without
    ``responders_only``). ``responders_only=True`` draws from responders only,
    like a trial that enrolled patients already known to respond (Hahn 2013).
    """
    lo_n, hi_n = LIMITS.cohort_n
    if isinstance(n, bool) or not isinstance(n, int | np.integer):
        raise ValueError(f"n must be a whole number of patients between {lo_n} and {hi_n}, got {n!r}")
    check_range("n", n, LIMITS.cohort_n, "patients")
    _check_seed(seed)
    seeds = np.random.SeedSequence(int(seed)).generate_state(int(n), dtype=np.uint64) >> np.uint64(1)
    return tuple(person(int(s), responders_only=responders_only) for s in seeds)
