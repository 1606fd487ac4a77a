"""From serum IgG to strength: effect delay, block relief, slow axon loss.

The model in four array-in/array-out steps (time step ``dt`` in days):

1. :func:`effect_site` — the IgG *excess* over the patient's own baseline
   drives an effect compartment with first-order delay, so strength improves
   within days, peaks about two weeks after induction and wears off over weeks.
2. :func:`block_relief` — the fraction of the conduction block relieved,
   ``max_relief · Ce^h / (threshold^h + Ce^h)``; ``max_relief`` depends on the
   responder type (0 for non-responders), ``threshold`` is the patient's
   response threshold in g/L.
3. :func:`axon_fraction` — motor axons are lost slowly while the disease is
   active; relieving the block slows the loss but does not stop it.
4. :func:`strength_pct` — strength in % of the patient's normal: surviving
   axons × share of them not blocked. This is the *clinical* response, the
   quantity trials measured with dynamometers.
5. :func:`measured_block_pct` — the block one nerve conduction study measures in
   one segment, which improves far less than strength (Federico 2000).
6. :func:`ongoing_attack` — without treatment the antibody- and complement-mediated
   attack at the nodes of that segment goes on and blocks more of the fibres still
   conducting; IVIg holds it back and the spared nodes recover (Federico 2000: the
   block worsened by about 13% in 28 days on placebo). It saturates: at most
   ``disease_activity`` of the conducting fibres are added to the block, so the
   untreated block never passes complete.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.signal import lfilter

from widgets.ivig.parameters import RESPONSE, Response

DAYS_PER_YEAR = 365.25


def effect_site(
    excess_g_l: np.ndarray, dt_days: float, *, rate_per_day: float = RESPONSE.effect_delay_per_day
) -> np.ndarray:
    """Effect-site IgG excess (g/L) following ``excess_g_l`` (g/L, one value per step) with first-order delay.

    ``Ce[i] = q·Ce[i−1] + (1 − q)·excess[i]`` with ``q = exp(−rate·dt)``, starting from 0.

    Parameters
    ----------
    excess_g_l : array_like
        Serum IgG above the patient's baseline (g/L), one value per time step; negative values count as 0.
    dt_days : float
        Time step (days).
    rate_per_day : float
        Rate constant of the effect compartment (1/day).

    Returns
    -------
    numpy.ndarray
        Effect-site IgG excess (g/L), one value per time step.
    """
    q = math.exp(-rate_per_day * dt_days)
    return lfilter([1.0 - q], [1.0, -q], np.maximum(np.asarray(excess_g_l, dtype=float), 0.0))


def block_relief(
    ce_g_l: np.ndarray, *, threshold_g_l: float, max_relief: float, hill: float = RESPONSE.hill
) -> np.ndarray:
    """Fraction (0–``max_relief``) of the conduction block relieved at effect-site excess ``ce_g_l`` (g/L).

    Parameters
    ----------
    ce_g_l : array_like
        Effect-site IgG excess (g/L).
    threshold_g_l : float
        The patient's response threshold (g/L): the excess giving half of ``max_relief``.
    max_relief : float
        Largest fraction of the block IgG can relieve in this patient (0 for a non-responder).
    hill : float
        Steepness of the concentration-effect curve (dimensionless).

    Returns
    -------
    numpy.ndarray
        ``max_relief · Ce^h / (threshold^h + Ce^h)``, a fraction.
    """
    r = (np.asarray(ce_g_l, dtype=float) / threshold_g_l) ** hill
    return max_relief * r / (1.0 + r)


def axon_fraction(
    relief: np.ndarray,
    dt_days: float,
    *,
    disease_years: float,
    response: Response = RESPONSE,
) -> np.ndarray:
    """Surviving share of motor axons (0–1) over time.

    Before the simulation starts the disease has been untreated for
    ``disease_years``; afterwards axons are lost at
    ``axon_loss_per_year · (1 − axon_protection · relief)``.

    Parameters
    ----------
    relief : array_like
        Fraction of the block relieved, one value per time step.
    dt_days : float
        Time step (days).
    disease_years : float
        Untreated disease duration before the simulation starts (years).
    response : Response
        Model parameters (``axon_loss_per_year`` in 1/year, ``axon_protection`` dimensionless).

    Returns
    -------
    numpy.ndarray
        Surviving share of motor axons (0–1), one value per time step.
    """
    rate = response.axon_loss_per_year / DAYS_PER_YEAR * (1.0 - response.axon_protection * np.asarray(relief))
    lost = np.concatenate(([0.0], np.cumsum(rate[1:] * dt_days)))
    return np.exp(-response.axon_loss_per_year * disease_years - lost)


def strength_pct(axons: np.ndarray, relief: np.ndarray, *, conduction_block: float) -> np.ndarray:
    """Strength (% of the patient's normal) = 100 · axons · (1 − block · (1 − relief)).

    Parameters
    ----------
    axons : array_like
        Surviving share of motor axons (0–1).
    relief : array_like
        Fraction of the block relieved.
    conduction_block : float
        Share of motor units blocked when untreated (0–1).

    Returns
    -------
    numpy.ndarray
        Strength (% of the patient's normal).
    """
    return 100.0 * np.asarray(axons) * (1.0 - conduction_block * (1.0 - np.asarray(relief)))


def worn_off(relief: np.ndarray, max_relief: float, *, fraction: float = RESPONSE.wear_off_fraction) -> np.ndarray:
    """True where the effect has fallen below ``fraction`` of the achievable relief after having been above it.

    Days before the first response do not count (nothing has worn off yet);
    a non-responder (``max_relief == 0``) never wears off.

    Parameters
    ----------
    relief : array_like
        Fraction of the block relieved, one value per time step.
    max_relief : float
        The patient's achievable relief.
    fraction : float
        Share of ``max_relief`` below which the effect has worn off.

    Returns
    -------
    numpy.ndarray of bool
        True on the worn-off steps.
    """
    relief = np.asarray(relief)
    if max_relief <= 0.0:
        return np.zeros(relief.shape, dtype=bool)
    above = relief >= fraction * max_relief
    return ~above & (np.cumsum(above) > 0)


def ongoing_attack(
    relief: np.ndarray, dt_days: float, *, activity: float | None = None, response: Response = RESPONSE
) -> np.ndarray:
    """Share (0–``activity``) of the fibres still conducting in the measured segment that the ongoing attack has blocked.

    The newly blocked share follows, with first-order delay (time constant ``activity_days``: nodes are
    damaged and repaired over weeks), the level the attack sustains, ``activity · max(0, 1 − relief / r_stop)``
    with ``r_stop = attack_stopped_at_relief``: IVIg holds the attack back as it takes effect and stops it
    once it relieves ``r_stop`` of the block; the nodes it spares recover::

        attack[i] = q · attack[i − 1] + (1 − q) · activity · max(0, 1 − relief[i] / r_stop),   q = exp(−dt / activity_days)

    starting from 0 on day 0, the day the person is first seen.

    Parameters
    ----------
    relief : array_like
        Fraction of the clinical block relieved, one value per time step (the first step is day 0).
    dt_days : float
        Time step (days).
    activity : float, optional
        Largest share of the conducting fibres the untreated attack blocks (0–1); ``response.disease_activity``
        when omitted.
    response : Response
        Model parameters (``disease_activity``, ``activity_days`` in days, ``attack_stopped_at_relief``).

    Returns
    -------
    numpy.ndarray
        Share of the conducting fibres newly blocked, 0 on day 0, one value per time step.
    """
    activity = response.disease_activity if activity is None else activity
    q = math.exp(-dt_days / response.activity_days)
    held = np.maximum(1.0 - np.asarray(relief, dtype=float) / response.attack_stopped_at_relief, 0.0)
    out = lfilter([1.0 - q], [1.0, -q], held[1:])
    return activity * np.concatenate(([0.0], out))


def measured_block_pct(
    relief: np.ndarray, *, before_pct: float, share: float, attack: np.ndarray | float = 0.0
) -> np.ndarray:
    """Area reduction (%) across the measured conduction block when a fraction ``relief`` of the clinical block is relieved.

    Only ``share`` of the clinical relief shows in the one segment a study
    measures: ``before_pct · (1 − share · relief)``. Strength and the measured
    block therefore move together but not by the same amount (Federico 2000:
    large grip gains with a block improvement of about 13%). The ongoing attack
    (:func:`ongoing_attack`) blocks the share ``attack`` of the fibres that still
    conduct: ``b + (100 − b) · attack`` with ``b`` the value above.

    Parameters
    ----------
    relief : array_like
        Fraction of the clinical block relieved.
    before_pct : float
        Area reduction (%) across the measured block before treatment.
    share : float
        Share of the clinical relief that shows in the measured segment (0–1).
    attack : array_like or float
        Share of the conducting fibres blocked by the ongoing attack (0–1), one value per time step; 0 by default.

    Returns
    -------
    numpy.ndarray
        Area reduction (%) across the measured block.
    """
    functional = before_pct * (1.0 - share * np.asarray(relief, dtype=float))
    return functional + (100.0 - functional) * np.asarray(attack, dtype=float)
