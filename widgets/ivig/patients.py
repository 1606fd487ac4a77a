"""Virtual MMN patients: one frozen dataclass and a seeded cohort generator."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from widgets.ivig.parameters import COHORT, LIMITS, PK, RESPONDER_TYPES, RESPONSE, TYPICAL, check_range


@dataclass(frozen=True)
class Patient:
    """One virtual patient. Defaults describe the course's typical patient.

    Attributes
    ----------
    weight_kg
        Body weight (kg); IVIg doses are per kg.
    baseline_igg_g_l
        Endogenous steady-state serum IgG (g/L).
    response_threshold_g_l
        IgG excess at the effect site (g/L) that gives half of the achievable
        benefit: lower = more sensitive.
    responder
        ``"good"``, ``"partial"`` or ``"non-responder"``: how much of the block
        IgG can relieve at most.
    disease_years
        Years of untreated disease before the simulation starts (axons lost meanwhile).
    conduction_block
        Share of motor units blocked without treatment (0–0.9).
    normal_grip_kg
        Grip strength this person would have without MMN (kg); strength in %
        is converted to grip with it.
    half_life_days
        Whole-body IgG half-life at the patient's own baseline (days); see
        :mod:`widgets.ivig.pharmacokinetics` for what it means.
    fcrn_saturation_g_l
        Serum IgG above which FcRn recycling is saturated (g/L).
    """

    weight_kg: float = TYPICAL.weight_kg
    baseline_igg_g_l: float = TYPICAL.baseline_igg_g_l
    response_threshold_g_l: float = RESPONSE.response_threshold_g_l
    responder: str = TYPICAL.responder
    disease_years: float = TYPICAL.disease_years
    conduction_block: float = RESPONSE.conduction_block
    normal_grip_kg: float = TYPICAL.normal_grip_kg
    half_life_days: float = PK.half_life_days
    fcrn_saturation_g_l: float = PK.fcrn_saturation_g_l

    def __post_init__(self):
        for name, unit in (
            ("weight_kg", "kg"),
            ("baseline_igg_g_l", "g/L"),
            ("response_threshold_g_l", "g/L"),
            ("disease_years", "years"),
            ("conduction_block", ""),
            ("normal_grip_kg", "kg"),
            ("half_life_days", "days"),
            ("fcrn_saturation_g_l", "g/L"),
        ):
            object.__setattr__(self, name, check_range(name, getattr(self, name), getattr(LIMITS, name), unit))
        if self.responder not in RESPONDER_TYPES:
            allowed = ", ".join(map(repr, RESPONDER_TYPES))
            raise ValueError(f"responder must be one of {allowed}, got {self.responder!r}")

    @property
    def max_relief(self) -> float:
        """Largest fraction of the conduction block IgG can relieve in this patient (0–1)."""
        return dict(RESPONSE.max_relief)[self.responder]


def cohort(n: int, seed: int = 0, *, responders_only: bool = False) -> tuple[Patient, ...]:
    """``n`` virtual patients with realistic spread, reproducible from ``seed``.

    Sex (2.7 men per woman) sets the normal grip; weight, baseline IgG,
    response threshold, untreated block, disease duration and IgG half-life
    vary between patients (distributions in
    :class:`widgets.ivig.parameters.CohortSpread`). About 78% respond to IVIg,
    the share whose strength improved in the 2005 Cochrane review of four small
    trials (van Schaik 2005; updated by Keddie 2022).
    ``responders_only=True`` draws from responders only, like a trial that
    enrolled patients already known to respond (Hahn 2013).
    """
    lo_n, hi_n = LIMITS.cohort_n
    if isinstance(n, bool) or not isinstance(n, int | np.integer):
        raise ValueError(f"n must be a whole number of patients between {lo_n} and {hi_n}, got {n!r}")
    check_range("n", n, LIMITS.cohort_n, "patients")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative whole number, got {seed!r}")
    rng = np.random.default_rng(seed)
    c = COHORT

    shares = dict(c.responder_share)
    if responders_only:
        shares.pop("non-responder")
    types = list(shares)
    p = np.array([shares[t] for t in types])
    responder = rng.choice(len(types), size=n, p=p / p.sum())

    male = rng.random(n) < c.male_share
    normal = dict(c.normal_grip_kg)
    grip = np.where(male, normal["male"], normal["female"]) * np.exp(
        rng.normal(0.0, c.normal_grip_log_sd, n)
    )
    weight = c.weight_median_kg * np.exp(rng.normal(0.0, c.weight_log_sd, n))
    lo, hi = c.baseline_igg_range_g_l
    igg = math.sqrt(lo * hi) * np.exp(rng.normal(0.0, math.log(hi / lo) / 4.0, n))
    threshold = RESPONSE.response_threshold_g_l * np.exp(rng.normal(0.0, c.threshold_log_sd, n))
    block = rng.uniform(*c.block_range, n)
    mean, sd = c.disease_years_mean_sd
    s2 = math.log1p((sd / mean) ** 2)
    years = np.exp(rng.normal(math.log(mean) - s2 / 2.0, math.sqrt(s2), n))
    half_life = PK.half_life_days * np.exp(rng.normal(0.0, c.half_life_log_sd, n))

    def clip(values, name):
        return np.clip(values, *getattr(LIMITS, name))

    weight = clip(weight, "weight_kg")
    igg = np.clip(igg, lo, hi)
    threshold = clip(threshold, "response_threshold_g_l")
    years = clip(years, "disease_years")
    half_life = np.clip(half_life, *PK.half_life_range_days)
    grip = clip(grip, "normal_grip_kg")
    return tuple(
        Patient(
            weight_kg=round(float(weight[i]), 1),
            baseline_igg_g_l=round(float(igg[i]), 2),
            response_threshold_g_l=round(float(threshold[i]), 3),
            responder=types[responder[i]],
            disease_years=round(float(years[i]), 2),
            conduction_block=round(float(block[i]), 3),
            normal_grip_kg=round(float(grip[i]), 1),
            half_life_days=round(float(half_life[i]), 1),
        )
        for i in range(n)
    )
