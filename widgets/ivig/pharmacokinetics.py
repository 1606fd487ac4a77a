"""Serum IgG after IVIg and SCIg: a two-compartment model with FcRn-saturable catabolism.

Compartments (amounts in grams):

* intravascular ``A_c`` (volume ``V_c``, concentration ``C = A_c / V_c`` = serum IgG),
* extravascular ``A_e``, exchanging with ``A_c`` so that ``A_e / A_c`` tends to
  ``extravascular_ratio`` within ~3–5 days,
* a subcutaneous depot for SCIg, absorbed first-order; only the bioavailable
  fraction (65–69%) reaches the blood, the rest is degraded locally.

Endogenous production ``P`` (g/day) is constant. Catabolism happens from the
blood: endothelial cells take up IgG at rate ``a·A_c``; the neonatal Fc
receptor (FcRn) returns a fraction ``σ(C)`` of it. FcRn has a limited
capacity, so ``σ`` falls as IgG rises::

    σ(C) = f · smoothmin(1, C_sat / C)          (f = fcrn_max_salvage)
    catabolism = a · (1 − σ(C)) · A_c            (g/day)

At the concentrations reached after 2 g/kg, FcRn is saturated and infused
IgG is cleared far faster than the textbook half-life suggests.

**FcRn physiology, one mechanism for everyone.** Uptake ``a`` and the FcRn
capacity (``C_sat``) are the patient's own but do not depend on their IgG level.
Endogenous production ``P`` is what differs most between people: it is set so
that the patient's baseline IgG is the steady state (``P = catabolism(baseline)``).
Half-lives *follow* from this:

* the whole-body (tracer) half-life at concentration ``C`` is
  ``ln 2 · (1 + R) / (a · (1 − σ(C)))``: long when IgG is low (FcRn has room),
  about three weeks at normal IgG, shorter when IgG is high;
* IgG infused on top of a *low* baseline therefore stays longer than the same
  dose on a normal or high baseline, and replacement doses in antibody
  deficiency keep troughs well above the patient's own level.

The integrator steps ``step_days`` (half a day) at a time, exactly: each step
is a half-step of production + catabolism + input solved as a linear ODE with
the catabolic rate frozen at the current concentration, an exact
matrix-exponential step of the exchange, and another half-step (Strang
splitting). Without dosing the baseline is an exact fixed point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from widgets.ivig.parameters import PK, Pharmacokinetics


def salvaged_fraction(c_g_l, *, saturation_g_l: float = PK.fcrn_saturation_g_l, pk: Pharmacokinetics = PK):
    """Fraction of pinocytosed IgG that FcRn returns to the blood at serum IgG ``c_g_l`` (g/L).

    Array in, array out (or float in, float out; the integrator calls it with
    floats). Equals ``fcrn_max_salvage`` at low IgG and falls like
    ``saturation_g_l / c`` once FcRn is saturated. ``c_g_l`` must be positive.
    """
    x = saturation_g_l / c_g_l
    m = pk.fcrn_sharpness
    return pk.fcrn_max_salvage * x / (1.0 + x**m) ** (1.0 / m)


@dataclass(frozen=True)
class Kinetics:
    """Per-patient constants derived from the population table and the patient's own values."""

    volume_l: float  #: intravascular volume V_c (L)
    baseline_g_l: float  #: endogenous steady-state serum IgG (g/L)
    uptake_per_day: float  #: a, endothelial uptake rate constant (1/day)
    production_g_per_day: float  #: endogenous production P (g/day)
    saturation_g_l: float  #: FcRn saturation concentration (g/L)
    pk: Pharmacokinetics = PK

    @classmethod
    def for_patient(
        cls,
        *,
        weight_kg: float,
        baseline_g_l: float,
        uptake_per_day: float = PK.uptake_per_day,
        saturation_g_l: float = PK.fcrn_saturation_g_l,
        pk: Pharmacokinetics = PK,
    ) -> Kinetics:
        """The patient's constants: production ``P`` (g/day) is derived so that ``baseline_g_l`` is the steady state.

        Parameters
        ----------
        weight_kg
            Body weight (kg); the intravascular volume scales with it.
        baseline_g_l
            Endogenous steady-state serum IgG (g/L).
        uptake_per_day
            Endothelial uptake rate constant ``a`` (1/day).
        saturation_g_l
            Serum IgG around which FcRn salvage saturates (g/L): the FcRn capacity.
        """
        volume = pk.intravascular_l_per_kg * weight_kg
        kept = 1.0 - salvaged_fraction(baseline_g_l, saturation_g_l=saturation_g_l, pk=pk)
        production = uptake_per_day * kept * volume * baseline_g_l
        return cls(volume, baseline_g_l, uptake_per_day, production, saturation_g_l, pk)

    def half_life_days(self, c_g_l):
        """Whole-body (tracer) half-life of IgG (days) at a steady serum IgG of ``c_g_l`` (g/L).

        ``ln 2 · (1 + R) / (a · (1 − σ(C)))``: body IgG pool over catabolic rate, the quantity labels quote.
        """
        c = np.asarray(c_g_l, dtype=float)
        kept = 1.0 - salvaged_fraction(c, saturation_g_l=self.saturation_g_l, pk=self.pk)
        return math.log(2) * (1.0 + self.pk.extravascular_ratio) / (self.uptake_per_day * kept)

    def catabolism_g_per_day(self, c_g_l):
        """Catabolic rate (g/day) at serum IgG ``c_g_l`` (g/L)."""
        c = np.asarray(c_g_l, dtype=float)
        kept = 1.0 - salvaged_fraction(c, saturation_g_l=self.saturation_g_l, pk=self.pk)
        return self.uptake_per_day * kept * c * self.volume_l


def serum_igg(iv_g: np.ndarray, sc_g: np.ndarray, kinetics: Kinetics) -> np.ndarray:
    """Serum IgG (g/L) at the end of every step, given the grams started in each step.

    Parameters
    ----------
    iv_g
        Grams of IVIg infused during each step of ``kinetics.pk.step_days`` days
        (spread evenly over that step).
    sc_g
        Grams of SCIg injected at the start of each step (same length).
    kinetics
        The patient's constants (:meth:`Kinetics.for_patient`).

    Returns
    -------
    numpy.ndarray
        ``len(iv_g) + 1`` concentrations in g/L; element 0 is the baseline.
    """
    pk = kinetics.pk
    dt = pk.step_days
    half = 0.5 * dt
    vol = kinetics.volume_l
    a = kinetics.uptake_per_day
    prod = kinetics.production_g_per_day
    sat = kinetics.saturation_g_l
    ratio = pk.extravascular_ratio
    k_sum = pk.exchange_per_day
    k_out = k_sum * ratio / (1.0 + ratio)  # intra -> extra
    k_in = k_sum / (1.0 + ratio)  # extra -> intra
    e = math.exp(-k_sum * dt)
    m11, m12 = (k_in + k_out * e) / k_sum, k_in * (1.0 - e) / k_sum
    m21, m22 = k_out * (1.0 - e) / k_sum, (k_out + k_in * e) / k_sum
    bio = pk.scig_bioavailability
    stay = math.exp(-pk.scig_absorption_per_day * dt)

    iv_rate = (np.asarray(iv_g, dtype=float) / dt).tolist()
    sc = np.asarray(sc_g, dtype=float).tolist()
    n = len(iv_rate)
    if len(sc) != n:
        raise ValueError(f"iv_g and sc_g must have the same length, got {n} and {len(sc)}")

    exp = math.exp
    a_c = vol * kinetics.baseline_g_l
    a_e = ratio * a_c
    depot = 0.0
    out = [kinetics.baseline_g_l] * (n + 1)
    for i in range(n):
        rate_in = prod + iv_rate[i]
        if sc[i] or depot:
            depot += sc[i]
            absorbed = depot * (1.0 - stay)
            depot -= absorbed
            rate_in += bio * absorbed / dt
        # half-step: dA/dt = rate_in − k(C)·A with k frozen (exact exponential)
        k = a * (1.0 - salvaged_fraction(a_c / vol, saturation_g_l=sat, pk=pk))
        eq = rate_in / k
        a_c = eq + (a_c - eq) * exp(-k * half)
        # exchange between compartments (exact)
        a_c, a_e = m11 * a_c + m12 * a_e, m21 * a_c + m22 * a_e
        # second half-step
        k = a * (1.0 - salvaged_fraction(a_c / vol, saturation_g_l=sat, pk=pk))
        eq = rate_in / k
        a_c = eq + (a_c - eq) * exp(-k * half)
        out[i + 1] = a_c / vol
    return np.asarray(out)
