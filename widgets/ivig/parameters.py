"""Every number of the IVIg model, in one table, with where it comes from.

Three kinds of value live here, and each field says which it is in its
``source``:

* **published** values (clinical-facts section 6 and the cited papers), used
  as model inputs or as calibration targets that the tests check;
* **calibrated** values, fitted so that the model reproduces the published
  targets (the fit is described next to the value);
* **illustrative** values: plausible choices for teaching where no published
  number exists. They are never quoted in the course text as facts.

Read a value's unit and source with :func:`describe`. Model code imports the
frozen instances at the bottom (``PK``, ``RESPONSE``, ...) and never repeats a
literal that belongs here.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field, fields
from typing import Any


def sourced(value: Any, unit: str, source: str):
    """A dataclass field holding ``value`` with its ``unit`` and ``source`` as metadata."""
    return field(default=value, metadata={"unit": unit, "source": source})


# --------------------------------------------------------------------------- pharmacokinetics
@dataclass(frozen=True)
class Pharmacokinetics:
    """Population pharmacokinetic constants of IgG (endogenous and infused alike).

    The model is two compartments (intravascular, extravascular) with
    endogenous production, IVIg entering the intravascular compartment,
    SCIg entering through a subcutaneous depot, and FcRn-saturable catabolism
    from the intravascular compartment (see :mod:`widgets.ivig.pharmacokinetics`).
    """

    intravascular_l_per_kg: float = sourced(
        0.04, "L/kg", "illustrative: about the plasma volume of an adult; calibrated together with the next value"
    )
    extravascular_ratio: float = sourced(
        0.4,
        "1",
        "calibrated: extravascular / intravascular IgG at distribution equilibrium, fitted so that 2 g/kg over "
        "5 days gives about 30.5 g/L on day 7 from 8.3 g/L (Mexican GBS cohort, clinical-facts section 6)",
    )
    exchange_per_day: float = sourced(
        0.8,
        "1/day",
        "calibrated: sum of the two exchange rate constants, so that 95% of distribution equilibrium is reached "
        "after ln(20)/0.8 = 3.7 days (equilibrium after ~3-5 days, product label, clinical-facts section 6)",
    )
    half_life_range_days: tuple[float, float] = sourced(
        (17.0, 40.0),
        "day",
        "published: terminal half-life of total IgG 17-40 days depending on source; median 32.5 days in primary "
        "immunodeficiency (EU SmPC, clinical-facts section 6). Not a model input: the model's half-life follows "
        "from uptake and FcRn salvage, and the tests check it against this range at 8.3-12 g/L and for the cohort's "
        "median person. Known gap: at 15-17 g/L the model gives 12-14 days (strict xfail in the tests)",
    )
    uptake_per_day: float = sourced(
        0.15,
        "1/day",
        "calibrated: rate constant of IgG uptake by endothelial cells (pinocytosis) from the blood, the same "
        "mechanism for endogenous and infused IgG. Fitted with the FcRn values below to the GBS trajectories after "
        "2 g/kg (day 7 30.5 g/L, day 30 10.9 g/L from 8.3 g/L; rise at 2 weeks 7.8 +/- 5.6 g/L, Kuitwaard 2009) "
        "and to a whole-body half-life of about three weeks at normal IgG (17-40 days, clinical-facts section 6)",
    )
    fcrn_max_salvage: float = sourced(
        0.9,
        "1",
        "calibrated: fraction of the IgG taken up that FcRn returns to the blood while FcRn is far from saturation; "
        "it caps the half-life at low IgG at ln2 x 1.4 / (0.15 x 0.1) = 65 days. With it, replacement doses of "
        "0.4-0.6 g/kg every 4 weeks on a baseline of 3 g/L give troughs within the 6.6-12.8 g/L reported for "
        "387-560 mg/kg every 3-4 weeks in primary immunodeficiency (Lee 2020 meta-regression)",
    )
    fcrn_saturation_g_l: float = sourced(
        9.0,
        "g/L",
        "calibrated: serum IgG around which FcRn salvage saturates (FcRn capacity; high IgG saturates FcRn, "
        "clinical-facts section 6), fitted with the two values above. Consequence: infused IgG is cleared with an "
        "apparent half-life of about 14 days on a 4 g/L baseline, 9 days on 8.3 g/L and 7 days on 15 g/L; the "
        "baseline-corrected half-life of infused IgG is 8.9 +/- 7.3 days (clinical-facts section 6)",
    )
    fcrn_sharpness: float = sourced(
        4.0,
        "1",
        "calibrated with the above: exponent of the smooth minimum that turns salvage from 'fraction' to 'capacity'",
    )
    scig_bioavailability: float = sourced(
        0.67,
        "1",
        "published: SCIg bioavailability 65-69% (clinical-facts section 6; Berger 2013, J Clin Immunol 33:984); "
        "midpoint",
    )
    scig_absorption_per_day: float = sourced(
        0.35,
        "1/day",
        "illustrative: first-order absorption from the subcutaneous depot (absorption half-time about 2 days)",
    )
    step_days: float = sourced(0.5, "day", "numerical: fixed step of the exact-exponential integrator")


# --------------------------------------------------------------------------- response
@dataclass(frozen=True)
class Response:
    """How IgG above the patient's own baseline turns into strength."""

    effect_delay_per_day: float = sourced(
        0.1,
        "1/day",
        "calibrated: rate constant of the effect compartment, so that strength peaks about two weeks after "
        "the start of induction (improvement in 3-10 days, peak ~2 weeks, seed 001; clinical-facts section 6)",
    )
    hill: float = sourced(2.0, "1", "illustrative: steepness of the concentration-effect curve")
    response_threshold_g_l: float = sourced(
        5.0,
        "g/L",
        "calibrated: effect-site IgG excess giving half the achievable benefit in the typical patient, so that "
        "one induction course wears off within 12 weeks (van den Berg 1998) and 1 g/kg every 4 weeks shows a "
        "short wear-off before the next infusion (seed 004)",
    )
    max_relief: tuple[tuple[str, float], ...] = sourced(
        (("good", 0.9), ("partial", 0.5), ("non-responder", 0.0)),
        "1",
        "illustrative: largest fraction of the conduction block that IgG can relieve, per responder type",
    )
    conduction_block: float = sourced(
        0.42,
        "1",
        "calibrated: share of motor units blocked when untreated in the typical patient, so that stopping "
        "maintenance costs about a third of grip strength (-31.38% vs +3.75%, Hahn 2013)",
    )
    axon_loss_per_year: float = sourced(
        0.03,
        "1/year",
        "illustrative: fraction of motor axons lost per year without treatment (slow axon loss continues, "
        "Eur J Neurol 2024, clinical-facts section 6; no published rate). Long-term cohort: in 11 patients on IVIg "
        "maintenance for 4-8 years, strength stayed better than before treatment but decreased slightly and "
        "significantly, with new conduction blocks and axon loss (van den Berg 1998)",
    )
    axon_protection: float = sourced(
        0.6,
        "1",
        "illustrative: axon loss is slowed by this fraction of the relieved block (IVIg slows, does not stop "
        "axon loss; earlier treatment, less axon loss: clinical-facts section 6)",
    )
    measured_block_share: float = sourced(
        0.42,
        "1",
        "calibrated: the share of the clinical relief that shows as less block in the one segment a nerve conduction "
        "study measures (median between patients). Strength depends on conduction at every site along the nerves, "
        "measured or not; one recorded segment changes less. Fitted so that 2 g/kg gives a day-28 block improvement "
        "near the 12.68 +/- 5.62% of Federico 2000 while the grip gain stays near +6.4 +/- 1.9 kg",
    )
    measured_block_range_pct: tuple[float, float] = sourced(
        (50.0, 85.0),
        "%",
        "illustrative: area reduction across the measured block before treatment; at least 50% (definite motor "
        "conduction block, EFNS/PNS 2010)",
    )
    block_reversed_below_pct: float = sourced(
        50.0,
        "%",
        "published criterion: a block counts as reversed when the area reduction falls below the 50% of definite "
        "conduction block (EFNS/PNS 2010); Federico 2000 reported reversal in 5 of 16 on IVIg, none on placebo",
    )
    disease_activity: float = sourced(
        0.6,
        "1",
        "calibrated (mechanism illustrative): share of the fibres still conducting in the measured segment that the "
        "ongoing antibody- and complement-mediated attack at the nodes (IgM anti-GM1 activates complement at the "
        "node, clinical-facts section 6) blocks if left untreated. A person is simulated from the time the "
        "disease is active enough to bring them to a clinic or a trial; IVIg holds the attack back (next values). "
        "Fitted with them so that a Federico-like crossover (16 people, 20 trials) shows the measured block "
        "worsening by about 8% points on placebo, within one SEM of the 12.98 +/- 6.52% of Federico 2000 (SEM, "
        "n = 16), while it improves on IVIg by about 12.7 (12.68 +/- 5.62%, same trial) with measured_block_share "
        "unchanged. It acts on the measured segment only (the grip change on placebo stays near -1.0 +/- 0.8 kg, "
        "Federico 2000) and adds at most this share of the conducting fibres however long the course: the untreated "
        "block never goes past complete",
    )
    activity_days: float = sourced(
        20.0,
        "day",
        "calibrated with the above: time constant with which nodes are damaged by the attack and recover when it "
        "is held back (weeks), so that most of the untreated worsening happens within the first two months",
    )
    attack_stopped_at_relief: float = sourced(
        0.5,
        "1",
        "calibrated with the above (mechanism illustrative): IVIg holds the attack back in proportion to its "
        "effect and stops it once it relieves this share of the clinical block; a non-responder's attack goes on "
        "as on placebo",
    )
    block_measurement_sd_pct: float = sourced(
        5.0,
        "% points",
        "illustrative: test-retest error of the measured area reduction (electrode position, stimulation)",
    )
    fluctuation_sd: float = sourced(
        0.05,
        "1",
        "calibrated: day-to-day fluctuation of true strength (SD of log strength), with the measurement error below "
        "fitted so that the 28-day grip change on placebo has an SD near 3.2 kg (Federico 2000: -1.0 +/- 0.8 kg in "
        "16 patients, read as mean +/- SEM)",
    )
    fluctuation_days: float = sourced(
        7.0, "day", "illustrative: correlation time of the day-to-day fluctuation (good and bad weeks)"
    )
    grip_measurement_sd: float = sourced(
        0.055,
        "1",
        "calibrated with the above: relative error of one dynamometer reading (best of the trials of one visit)",
    )
    wear_off_fraction: float = sourced(
        0.5,
        "1",
        "teaching definition: a day is 'worn off' once the IgG effect falls below half of what this patient "
        "can achieve, after it had been above",
    )


# --------------------------------------------------------------------------- typical patient
@dataclass(frozen=True)
class TypicalPatient:
    """The default patient of the course: a man in his forties with typical MMN."""

    weight_kg: float = sourced(70.0, "kg", "illustrative: reference adult")
    baseline_igg_g_l: float = sourced(
        8.3, "g/L", "published: mean baseline IgG of the GBS cohort given 2 g/kg (clinical-facts section 6)"
    )
    disease_years: float = sourced(5.5, "year", "published: mean diagnostic delay 5.5 +/- 8.4 years (Loscher 2018)")
    normal_grip_kg: float = sourced(
        51.0,
        "kg",
        "published: peak median grip strength of men, 51 kg (Dodds 2014, PLoS One 9:e113637); MMN affects men "
        "2.7 times as often as women (Yeh 2020)",
    )
    responder: str = sourced(
        "good",
        "-",
        "typical: most patients respond (strength improved in 78% on IVIg in the 2005 Cochrane review of 4 small "
        "trials, van Schaik 2005; updated by Keddie 2022)",
    )


# --------------------------------------------------------------------------- virtual cohort
@dataclass(frozen=True)
class CohortSpread:
    """Distributions of the virtual cohort (:func:`widgets.ivig.patients.cohort`)."""

    responder_share: tuple[tuple[str, float], ...] = sourced(
        (("good", 0.52), ("partial", 0.26), ("non-responder", 0.22)),
        "1",
        "published total: strength improved in 78% on IVIg in the 2005 Cochrane review (4 trials, 34 patients; "
        "van Schaik 2005; updated by Keddie 2022); the 2:1 split of responders into good and partial is illustrative",
    )
    male_share: float = sourced(2.7 / 3.7, "1", "published: male:female 2.7:1 (Yeh 2020)")
    normal_grip_kg: tuple[tuple[str, float], ...] = sourced(
        (("male", 51.0), ("female", 31.0)),
        "kg",
        "published: peak median grip 51 kg in men, 31 kg in women (Dodds 2014)",
    )
    normal_grip_log_sd: float = sourced(0.15, "1", "illustrative: spread of normal grip between people")
    weight_median_kg: float = sourced(75.0, "kg", "illustrative: adult body weight")
    weight_log_sd: float = sourced(0.18, "1", "illustrative")
    baseline_igg_range_g_l: tuple[float, float] = sourced(
        (6.0, 17.0),
        "g/L",
        "published: endogenous serum IgG about 6-17 g/L (clinical-facts section 6), taken as a 95% range",
    )
    threshold_log_sd: float = sourced(0.6, "1", "illustrative: spread of the response threshold")
    block_range: tuple[float, float] = sourced(
        (0.25, 0.55), "1", "illustrative: untreated strength 45-75% of normal, around the calibrated typical value"
    )
    disease_years_mean_sd: tuple[float, float] = sourced(
        (5.5, 8.4), "year", "published: diagnostic delay 5.5 +/- 8.4 years (Loscher 2018), as a log-normal"
    )
    uptake_log_sd: float = sourced(
        0.45,
        "1",
        "calibrated: spread of IgG uptake between people; with the FcRn spread below it gives the between-patient "
        "spread of the 2-week IgG rise after 2 g/kg (7.8 +/- 5.6 g/L, Kuitwaard 2009)",
    )
    saturation_log_sd: float = sourced(0.3, "1", "calibrated with the above: spread of FcRn capacity between people")
    measured_block_share_log_sd: float = sourced(
        0.6, "1", "illustrative: spread of how much of the clinical relief shows in the measured segment"
    )


# --------------------------------------------------------------------------- allowed inputs
@dataclass(frozen=True)
class Limits:
    """Ranges accepted by the public functions (outside them a ``ValueError`` names the parameter)."""

    weight_kg: tuple[float, float] = sourced((35.0, 200.0), "kg", "adult body weights")
    baseline_igg_g_l: tuple[float, float] = sourced(
        (1.0, 25.0), "g/L", "from antibody deficiency (primary immunodeficiency) to hypergammaglobulinaemia"
    )
    response_threshold_g_l: tuple[float, float] = sourced((0.2, 50.0), "g/L", "model range")
    conduction_block: tuple[float, float] = sourced((0.0, 0.9), "1", "share of motor units blocked")
    disease_years: tuple[float, float] = sourced((0.0, 50.0), "year", "adult disease durations")
    normal_grip_kg: tuple[float, float] = sourced((10.0, 80.0), "kg", "adult grip strength")
    uptake_per_day: tuple[float, float] = sourced((0.03, 0.75), "1/day", "model range, 1/5 to 5 times the typical")
    fcrn_saturation_g_l: tuple[float, float] = sourced((1.0, 30.0), "g/L", "model range")
    measured_block_pct: tuple[float, float] = sourced((0.0, 100.0), "%", "area reduction across the measured block")
    measured_block_share: tuple[float, float] = sourced((0.0, 1.0), "1", "share of relief seen in the measured block")
    seed: tuple[int, int] = sourced((0, 2**63 - 1), "-", "non-negative whole numbers")
    induction_g_per_kg: tuple[float, float] = sourced((0.2, 2.0), "g/kg", "guideline induction is 2 g/kg")
    induction_days: tuple[int, int] = sourced((2, 5), "day", "guideline: 2 g/kg over 2-5 days (EFNS/PNS 2010)")
    infusion_g_per_kg: tuple[float, float] = sourced(
        (0.1, 2.5),
        "g/kg",
        "maintenance doses up to 2 g/kg (EFNS/PNS 2010: 1 g/kg every 2-4 weeks or 2 g/kg every 1-2 months); "
        "2.5 g/kg for the monthly courses of Leger 2001 (0.5 g/kg/day for 5 days)",
    )
    daily_g_per_kg: float = sourced(
        1.0, "g/kg/day", "2 g/kg over at least 2 days (EFNS/PNS 2010) means at most 1 g/kg on one day"
    )
    every_weeks: tuple[float, float] = sourced((1.0, 12.0), "week", "guideline intervals 2-8 weeks, widened")
    scig_weekly_g_per_kg: tuple[float, float] = sourced((0.02, 1.0), "g/kg/week", "model range")
    simulate_weeks: tuple[float, float] = sourced((1.0, 520.0), "week", "up to ten years")
    cohort_n: tuple[int, int] = sourced((1, 100_000), "patients", "model range")


# --------------------------------------------------------------------------- published targets
@dataclass(frozen=True)
class Published:
    """Published observations the model is calibrated against (the tests check them)."""

    igg_before_g_l: float = sourced(8.3, "g/L", "Mexican GBS cohort n = 42, before 2 g/kg (clinical-facts section 6)")
    igg_day7_g_l: float = sourced(30.5, "g/L", "Mexican GBS cohort, day 7 after 2 g/kg")
    igg_day30_g_l: float = sourced(10.9, "g/L", "Mexican GBS cohort, day 30 after 2 g/kg")
    rise_2_weeks_g_l: tuple[float, float] = sourced(
        (7.8, 5.6), "g/L", "rise of IgG two weeks after 2 g/kg, mean +/- SD (Kuitwaard 2009)"
    )
    grip_change_placebo: float = sourced(
        -0.3138, "1", "grip of the more affected hand, 12 weeks on placebo (Hahn 2013)"
    )
    grip_change_ivig: float = sourced(0.0375, "1", "grip of the more affected hand, 12 weeks on IVIg (Hahn 2013)")
    pkpd_monthly_g_per_kg: float = sourced(
        1.6, "g/kg/month", "PK-PD model of Hahn 2013: >=1.6 g/kg/month gives >=4 kg grip gain in >=70%"
    )
    pkpd_grip_gain_kg: float = sourced(4.0, "kg", "grip gain in the PK-PD model of Hahn 2013 (see above)")
    pkpd_share: float = sourced(0.70, "1", "share of patients with that gain, PK-PD model of Hahn 2013")
    responders: float = sourced(
        0.78,
        "1",
        "2005 Cochrane review (4 trials, 34 patients): strength improved in 78% on IVIg vs 4% on placebo "
        "(van Schaik 2005); disability 39% vs 11%, not significant; superseded by Keddie 2022 (6 trials, 90 people)",
    )
    single_course_weeks: float = sourced(
        12.0, "week", "one course helps for no longer than 12 weeks (van den Berg 1998)"
    )
    peak_weeks: float = sourced(2.0, "week", "strength peaks about 2 weeks after IVIg (seed 001)")
    scig_bioavailability: tuple[float, float] = sourced(
        (0.65, 0.69), "1", "SCIg bioavailability (clinical-facts section 6; Berger 2013)"
    )
    scig_dose_ratio: tuple[float, float] = sourced(
        (1.37, 1.53),
        "1",
        "SCIg:IVIg dose ratio for the same IgG exposure from US immunodeficiency labelling (clinical-facts section 6); "
        "not established in MMN: Harbo 2009 used equivalent doses with equal effect, so in practice start near 1:1 "
        "and titrate to measured strength",
    )

    federico_grip_gain_kg: tuple[float, float] = sourced(
        (6.4, 1.9),
        "kg",
        "weaker-hand grip about 28 days after 0.4 g/kg/day x 5 days: +6.4 +/- 1.9 kg (Federico 2000, n = 16; the +/- read as SEM)",
    )
    federico_grip_placebo_kg: tuple[float, float] = sourced((-1.0, 0.8), "kg", "same, after placebo (Federico 2000)")
    federico_block_improvement_pct: tuple[float, float] = sourced(
        (12.68, 5.62),
        "%",
        "conduction block improved by 12.68 +/- 5.62% on IVIg (worsened 12.98 +/- 6.52% on placebo; Federico 2000)",
    )
    federico_block_reversed: tuple[int, int] = sourced(
        (5, 16), "patients", "block reversed in 5 of 16 on IVIg, none on placebo (Federico 2000)"
    )
    leger_responders: tuple[tuple[int, int], tuple[int, int]] = sourced(
        ((7, 9), (2, 9)),
        "patients",
        "responders at month 4: 7 of 9 given IVIg first vs 2 of 9 given placebo first (Leger 2001; 0.5 g/kg/day x 5 "
        "days monthly for 3 months, MRC score in 28 muscles); no significant difference in MRC score",
    )
    pid_troughs_g_l: tuple[float, float] = sourced(
        (6.6, 12.8),
        "g/L",
        "mean IgG troughs 660-1280 mg/dL in 28 studies of primary immunodeficiency on IVIG 387-560 mg/kg every 3-4 "
        "weeks (Lee 2020 meta-regression)",
    )
    pid_doses_g_per_kg: tuple[float, float] = sourced(
        (0.387, 0.560), "g/kg", "mean IVIG doses every 3-4 weeks in the same 28 studies (Lee 2020)"
    )


PK = Pharmacokinetics()
RESPONSE = Response()
TYPICAL = TypicalPatient()
COHORT = CohortSpread()
LIMITS = Limits()
PUBLISHED = Published()

RESPONDER_TYPES: tuple[str, ...] = tuple(name for name, _ in RESPONSE.max_relief)


def describe(table: Any) -> list[tuple[str, Any, str, str]]:
    """``(name, value, unit, source)`` of every field of a parameter table."""
    return [(f.name, getattr(table, f.name), f.metadata["unit"], f.metadata["source"]) for f in fields(table)]


def check_range(name: str, value: Any, bounds: tuple[float, float], unit: str = "") -> float:
    """``value`` as a float if it is a finite number within ``bounds`` (inclusive), else ``ValueError``.

    The message names the parameter and the allowed range, e.g.
    ``weight_kg must be between 35 and 200 kg, got 12``.
    """
    lo, hi = bounds
    allowed = f"between {lo:g} and {hi:g}{' ' + unit if unit else ''}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number {allowed}, got {value!r}")
    if not math.isfinite(value) or not lo <= value <= hi:
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    return float(value)
