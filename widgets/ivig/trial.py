"""A virtual randomised trial of IVIg against placebo, run on the virtual cohort.

:func:`run_trial` enrols virtual people (:func:`widgets.ivig.patients.cohort`) and
randomises them in one of two arrangements:

* a **crossover** (as all the MMN trials): ``n`` people, each on IVIg and on placebo in random
  order; each person is their own control (paired difference, paired t-test);
* a **parallel** trial: two independent groups of ``n`` different people, one period each
  (difference of the group means, Welch's t-test).

It simulates each person and measures the outcome at the start and the end of each period
the way the trials did (:mod:`widgets.ivig.trial_outcomes`: grip by dynamometer, an MRC sum
score, an upper-limb disability grade, the measured conduction block), with the person's own
day-to-day fluctuation and measurement error (:mod:`widgets.ivig.variability`).

Three designs follow the published placebo-controlled trials (:data:`DESIGNS`):
``"federico"`` (one course of 2 g/kg, outcome at about day 28, Federico 2000),
``"leger"`` (0.5 g/kg/day for 5 days monthly for 3 months, Léger 2001) and
``"hahn"`` (patients stable on maintenance, IVIg continued or replaced by
placebo for 12 weeks, Hahn 2013). The trials' own numbers are in
:class:`widgets.ivig.parameters.Published`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from scipy import stats

from widgets.ivig.course import simulate
from widgets.ivig.parameters import LIMITS, check_range
from widgets.ivig.patients import cohort
from widgets.ivig.regimens import Regimen, induction, maintenance, no_treatment
from widgets.ivig.trial_outcomes import OUTCOMES, change_and_response, check_outcome, visit

ARRANGEMENTS = ("crossover", "parallel")


@dataclass(frozen=True)
class Design:
    """A crossover trial design.

    Attributes
    ----------
    label
        Readable name.
    enrol_maintained
        False: untreated people (all responder types). True: people already
        stable on maintenance IVIg (responders only), as in Hahn 2013.
    period_weeks
        Length of each treatment period; the outcome is measured at its start and end.
    washout_weeks
        Between the periods: no treatment (untreated people) or IVIg again until
        stable (maintained people).
    dose_g_per_kg, every_weeks
        The active treatment: ``dose_g_per_kg`` over 5 days (untreated people;
        ``every_weeks`` 0 = one course) or maintenance of ``dose_g_per_kg`` every
        ``every_weeks`` weeks (maintained people).
    run_in_weeks
        Maintenance before randomisation (maintained people).
    responder_pct
        Improvement of the outcome (% of the period's starting grip) that counts
        as a response (illustrative; Léger 2001 used the MRC score).
    """

    label: str
    enrol_maintained: bool
    period_weeks: float
    washout_weeks: float
    dose_g_per_kg: float
    every_weeks: float
    run_in_weeks: float = 0.0
    responder_pct: float = 15.0


DESIGNS: dict[str, Design] = {
    "federico": Design("Federico-like: one course of 2 g/kg, measured at day 28", False, 4, 8, 2.0, 0),
    "leger": Design("Léger-like: 2.5 g/kg every 4 weeks for 3 months", False, 12, 0, 2.5, 4),
    "hahn": Design("Hahn-like: maintenance continued or stopped for 12 weeks", True, 12, 12, 1.0, 3, run_in_weeks=24),
}


@dataclass(frozen=True, eq=False)
class TrialResult:
    """The outcome of one virtual trial.

    ``arrangement`` is ``"crossover"`` (``n`` people, each on IVIg and on placebo in random order) or
    ``"parallel"`` (the ``n`` people split into two independent groups, ``n // 2`` on IVIg, the others on placebo).

    Per arm (arrays of length ``n`` in a crossover, of the group sizes in a parallel trial): ``change_ivig`` and ``change_placebo`` (outcome change over the
    period, unit of :data:`widgets.ivig.trial_outcomes.OUTCOMES`), ``responded_ivig`` and
    ``responded_placebo``. In a crossover the arrays are the same people in the same order and
    ``ivig_first`` gives each person's sequence; in a parallel trial they are different people and
    ``ivig_first`` is all True, one per person of the IVIg group (IVIg in their only period).

    ``difference`` (mean IVIg − placebo), ``ci`` (95%) and ``p``: paired t-test in a crossover, Welch's
    t-test in a parallel trial. ``carryover_p`` (crossover only, else None): the sum of both periods
    compared between sequences; a small p means the first period leaks into the second.
    """

    design: Design
    outcome: str
    n: int
    ivig_first: np.ndarray
    change_ivig: np.ndarray
    change_placebo: np.ndarray
    responded_ivig: np.ndarray
    responded_placebo: np.ndarray
    difference: float
    ci: tuple[float, float]
    p: float
    carryover_p: float | None
    arrangement: str = "crossover"

    @property
    def unit(self) -> str:
        """Unit of the trial's outcome (from :data:`~widgets.ivig.trial_outcomes.OUTCOMES`)."""
        return OUTCOMES[self.outcome].unit

    def arm_means(self) -> dict[str, tuple[float, tuple[float, float]]]:
        """Mean outcome change on IVIg and on placebo, each with its 95% confidence interval."""
        return {
            "ivig": _mean_ci(self.change_ivig)[:2],
            "placebo": _mean_ci(self.change_placebo)[:2],
        }

    def responders(self) -> dict[str, tuple[int, int, float, float]]:
        """Responders on IVIg and on placebo, and in the first period by sequence: ``(k, n, low, high)`` (Wilson 95%).

        In a parallel trial the first periods are the whole groups.
        """
        first = self.ivig_first
        groups = {
            "ivig": self.responded_ivig,
            "placebo": self.responded_placebo,
            "first period, IVIg": self.responded_ivig[first],
            "first period, placebo": self.responded_placebo[~first]
            if self.arrangement == "crossover"
            else self.responded_placebo,
        }
        return {name: (int(r.sum()), int(r.size), *wilson(int(r.sum()), int(r.size))) for name, r in groups.items()}

    def worse_on_one_arm_only(self) -> tuple[float, float]:
        """Crossover: share of people worse on placebo but not on IVIg, and the converse (as Hahn 2013 reported).

        "Worse" is a change in the bad direction of the outcome (for grades, by at least one grade).
        """
        if self.arrangement != "crossover":
            raise ValueError("arrangement must be 'crossover' for within-person comparisons, got 'parallel'")
        sign = 1.0 if OUTCOMES[self.outcome].higher_is_better else -1.0
        worse_p, worse_i = sign * self.change_placebo < 0, sign * self.change_ivig < 0
        return float(np.mean(worse_p & ~worse_i)), float(np.mean(worse_i & ~worse_p))

    def summary(self) -> str:
        """One paragraph in words, with the confidence intervals."""
        u = self.unit
        r = self.responders()
        arms = self.arm_means()
        (m_i, _), (m_p, _) = arms["ivig"], arms["placebo"]
        k_i, n_i, *_ = r["ivig"]
        k_p, n_p, lo, hi = r["placebo"]
        who = (
            f"{self.n} patients, each on IVIg and on placebo"
            if self.arrangement == "crossover"
            else f"{self.n} patients in two groups ({self.change_ivig.size} on IVIg, {self.change_placebo.size} on placebo)"
        )
        carry = "" if self.carryover_p is None else f" Carry-over test: p = {_p(self.carryover_p)}."
        return (
            f"{who}; outcome: {OUTCOMES[self.outcome].label}. Mean change {m_i:+.1f} {u} on IVIg, {m_p:+.1f} {u} on placebo. "
            f"{self.arrangement.capitalize()}: IVIg − placebo {self.difference:+.1f} {u} "
            f"(95% CI {self.ci[0]:+.1f} to {self.ci[1]:+.1f}; p = {_p(self.p)}).{carry} "
            f"Responders ({OUTCOMES[self.outcome].responder_rule}): {k_i}/{n_i} on IVIg, {k_p}/{n_p} on placebo "
            f"({100 * lo:.0f}–{100 * hi:.0f}%)."
        )


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson 95% confidence interval of a proportion ``k/n``."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def _p(p: float) -> str:
    return "<0.001" if p < 0.001 else f"{p:.3f}" if p < 0.01 else f"{p:.2f}"


def _mean_ci(x: np.ndarray) -> tuple[float, tuple[float, float], float]:
    n = x.size
    mean = float(x.mean())
    if n < 2 or np.all(x == x[0]):
        return mean, (mean, mean), 1.0 if mean == 0 else 0.0
    se = float(x.std(ddof=1)) / math.sqrt(n)
    t = float(stats.t.ppf(0.975, n - 1))
    p = float(2 * stats.t.sf(abs(mean) / se, n - 1))
    return mean, (mean - t * se, mean + t * se), p


def _two_sample(a: np.ndarray, b: np.ndarray) -> tuple[float, tuple[float, float], float]:
    diff = float(a.mean() - b.mean())
    if a.size < 2 or b.size < 2:
        return diff, (-math.inf, math.inf), 1.0
    res = stats.ttest_ind(a, b, equal_var=False)
    ci = res.confidence_interval(0.95)
    return diff, (float(ci.low), float(ci.high)), float(res.pvalue)


def _regimens(d: Design) -> tuple[Regimen, Regimen, int, int]:
    """Regimens for IVIg-first and placebo-first, and the first days of periods 1 and 2."""
    p, w, r = round(7 * d.period_weeks), round(7 * d.washout_weeks), round(7 * d.run_in_weeks)
    if d.enrol_maintained:
        maint = induction().then(maintenance(d.dose_g_per_kg, d.every_weeks), weeks=4)
        again = maintenance(d.dose_g_per_kg, d.every_weeks)
        ivig_first = maint.then(no_treatment(), weeks=(r + p + w) / 7)
        placebo_first = maint.then(no_treatment(), weeks=r / 7).then(again, weeks=(r + p) / 7)
        return ivig_first, placebo_first, r, r + p + w
    if d.every_weeks:
        active = maintenance(d.dose_g_per_kg, d.every_weeks, infusion_days=5)
    else:
        active = induction(d.dose_g_per_kg, 5)
    ivig_first = active.then(no_treatment(), weeks=p / 7)
    placebo_first = no_treatment().then(active, weeks=(p + w) / 7)
    return ivig_first, placebo_first, 0, p + w


def run_trial(
    design: str | Design = "hahn",
    n: int = 40,
    seed: int = 0,
    *,
    outcome: str = "grip_pct",
    washout_weeks: float | None = None,
    arrangement: str = "crossover",
) -> TrialResult:
    """Run one virtual randomised trial of IVIg against placebo.

    Parameters
    ----------
    design
        ``"federico"``, ``"leger"``, ``"hahn"`` (see :data:`DESIGNS`) or a :class:`Design`.
    n
        Number of patients (2–400; at least 4 in a parallel trial). In a crossover each of the ``n`` people has
        both treatments, half starting on IVIg (random order); in a parallel trial the ``n`` people are split
        at random into two independent groups, ``n // 2`` on IVIg and the others on placebo.
    seed
        The trial: which people enrol and how they are randomised.
    outcome
        One of :data:`widgets.ivig.trial_outcomes.OUTCOMES`: ``"grip_kg"`` (change of grip, kg), ``"grip_pct"``
        (% of the period's start, as Hahn 2013), ``"mrc_sum"`` (MRC sum score, points), ``"disability"``
        (upper-limb disability grade) or ``"block_pct"`` (measured conduction block, % points).
    washout_weeks
        Overrides the design's washout (0–26 weeks; crossover only).
    arrangement
        ``"crossover"`` or ``"parallel"``.

    Returns
    -------
    TrialResult
    """
    if isinstance(design, str):
        if design not in DESIGNS:
            raise ValueError(f"design must be one of {', '.join(map(repr, DESIGNS))} or a Design, got {design!r}")
        design = DESIGNS[design]
    elif not isinstance(design, Design):
        raise ValueError(f"design must be one of {', '.join(map(repr, DESIGNS))} or a Design, got {design!r}")
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or not 2 <= n <= 400:
        raise ValueError(f"n must be a whole number of patients between 2 and 400, got {n!r}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative whole number, got {seed!r}")
    check_outcome(outcome)
    if not isinstance(arrangement, str) or arrangement not in ARRANGEMENTS:
        raise ValueError(f"arrangement must be one of {', '.join(map(repr, ARRANGEMENTS))}, got {arrangement!r}")
    if washout_weeks is not None:
        design = replace(design, washout_weeks=check_range("washout_weeks", washout_weeks, (0.0, 26.0), "weeks"))
    if arrangement == "parallel":
        if n < 4:
            raise ValueError(f"n must be at least 4 patients in a parallel trial (two groups of 2), got {n!r}")
        return _parallel(design, int(n), int(seed), outcome)

    people = cohort(int(n), int(seed), responders_only=design.enrol_maintained)
    rng = np.random.default_rng([int(seed), 99])
    ivig_first = np.zeros(n, dtype=bool)
    ivig_first[rng.permutation(n)[: n // 2]] = True
    regimen_ivig_first, regimen_placebo_first, start1, start2 = _regimens(design)
    length = round(7 * design.period_weeks)
    weeks = (start2 + length) / 7 + 1 / 7
    if not LIMITS.simulate_weeks[0] <= weeks <= LIMITS.simulate_weeks[1]:
        raise ValueError(f"washout_weeks makes the trial too long ({weeks:g} weeks), got {design.washout_weeks!r}")

    change = np.zeros((n, 2))  # outcome change in [period 1, period 2]
    responded = np.zeros((n, 2), dtype=bool)
    visits = np.array([start1, start1 + length, start2, start2 + length])
    for i, person in enumerate(people):
        course = simulate(regimen_ivig_first if ivig_first[i] else regimen_placebo_first, person, weeks=weeks)
        seen = visit(course, visits, outcome)
        for k in range(2):
            change[i, k], responded[i, k] = change_and_response(
                seen[2 * k], seen[2 * k + 1], outcome, design.responder_pct
            )

    def by_arm(values):
        return np.where(ivig_first, values[:, 0], values[:, 1]), np.where(ivig_first, values[:, 1], values[:, 0])

    change_ivig, change_placebo = by_arm(change)
    responded_ivig, responded_placebo = by_arm(responded)
    difference, ci, p = _mean_ci(change_ivig - change_placebo)
    totals = change.sum(axis=1)
    _, _, carry = _two_sample(totals[ivig_first], totals[~ivig_first])
    return TrialResult(
        design=design,
        outcome=outcome,
        n=int(n),
        ivig_first=ivig_first,
        change_ivig=change_ivig,
        change_placebo=change_placebo,
        responded_ivig=responded_ivig,
        responded_placebo=responded_placebo,
        difference=difference,
        ci=ci,
        p=p,
        carryover_p=carry,
    )


def _parallel(design: Design, n: int, seed: int, outcome: str) -> TrialResult:
    """``n`` different people in two independent groups (``n // 2`` on IVIg): one period each."""
    people = cohort(n, seed, responders_only=design.enrol_maintained)
    rng = np.random.default_rng([seed, 98])
    on_ivig = np.zeros(n, dtype=bool)
    on_ivig[rng.permutation(n)[: n // 2]] = True
    regimen_ivig, regimen_placebo, start, _ = _regimens(design)
    length = round(7 * design.period_weeks)
    weeks = (start + length) / 7 + 1 / 7
    change = np.zeros(n)
    responded = np.zeros(n, dtype=bool)
    visits = np.array([start, start + length])
    for i, person in enumerate(people):
        # the IVIg-first regimen is IVIg in the first period; the placebo-first one is placebo in it
        course = simulate(regimen_ivig if on_ivig[i] else regimen_placebo, person, weeks=weeks)
        seen = visit(course, visits, outcome)
        change[i], responded[i] = change_and_response(seen[0], seen[1], outcome, design.responder_pct)
    difference, ci, p = _two_sample(change[on_ivig], change[~on_ivig])
    return TrialResult(
        design=design,
        outcome=outcome,
        n=n,
        ivig_first=np.ones(int(on_ivig.sum()), dtype=bool),
        change_ivig=change[on_ivig],
        change_placebo=change[~on_ivig],
        responded_ivig=responded[on_ivig],
        responded_placebo=responded[~on_ivig],
        difference=difference,
        ci=ci,
        p=p,
        carryover_p=None,
        arrangement="parallel",
    )
