"""What a trial visit measures: grip, an MRC sum score, an upper-limb disability grade, the conduction block.

Each outcome is read from the simulated person (:class:`widgets.ivig.course.Course`) on a visit day:

* ``grip_kg`` / ``grip_pct`` — the dynamometer reading of the weaker hand (the course's
  ``observed_grip_kg``: true strength × day-to-day fluctuation × reading error), the primary outcome of
  Federico 2000 and Hahn 2013;
* ``mrc_sum`` — Medical Research Council grades (0–5) of :data:`MRC_MUSCLES` arm muscle groups, summed
  (0–50). Léger 2001 and the long-term cohorts graded strength on the MRC scale; Léger's group counted a
  response as at least 1 MRC point gained in at least 2 affected muscles (Léger 2008);
* ``disability`` — an upper-limb disability grade 0 (normal) to 5, like the upper-limb part of Guy's
  Neurological Disability Scale used by Hahn 2013 (35.7% worsened on placebo but not on IVIg, 11.9% the
  converse);
* ``block_pct`` — the measured conduction block (area reduction, %) of one nerve segment, the
  electrophysiological outcome of Federico 2000 (the course's ``observed_block_pct``).

**Assumptions, not published figures.** How a share of normal force maps onto MRC grades and onto a
disability grade (:class:`OutcomeAssumptions`), how much muscles of one person differ, and the rater's error
are illustrative choices: no test–retest figure of the MRC sum score or of the disability scale in MMN was
verified for this course. They serve to show *why* ordinal scales are coarse (a grade 4 spans a wide band of
force, so a real gain in force can leave the MRC sum unchanged) and are not calibrated claims. The grip and
block errors are those of :mod:`widgets.ivig.variability` (see their sources in the parameters table).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from widgets.ivig.parameters import RESPONSE, sourced
from widgets.ivig.variability import fluctuation

#: Arm muscle groups graded for ``mrc_sum`` (both sides).
MRC_MUSCLES = 10


@dataclass(frozen=True)
class Outcome:
    """One outcome: its label, unit and the direction that is better."""

    label: str
    unit: str
    higher_is_better: bool
    responder_rule: str


OUTCOMES: dict[str, Outcome] = {
    "grip_kg": Outcome("Grip of the weaker hand", "kg", True, "grip up by at least 15%"),
    "grip_pct": Outcome("Grip of the weaker hand, % of the period's start", "%", True, "grip up by at least 15%"),
    "mrc_sum": Outcome(
        f"MRC sum score of {MRC_MUSCLES} arm muscle groups (0–{5 * MRC_MUSCLES})",
        "points",
        True,
        "at least 1 MRC grade gained in at least 2 muscles",
    ),
    "disability": Outcome("Upper-limb disability grade (0 normal – 5)", "grades", False, "at least 1 grade better"),
    "block_pct": Outcome(
        "Measured conduction block (area reduction)", "% points", False, "block reversed (below 50% area reduction)"
    ),
}


@dataclass(frozen=True)
class OutcomeAssumptions:
    """Illustrative mapping from strength to the ordinal scales (no verified published figure; see module)."""

    mrc_force_thresholds: tuple[float, ...] = sourced(
        (0.005, 0.03, 0.08, 0.25, 0.85),
        "share of normal force",
        "assumption: force needed for MRC grades 1, 2, 3, 4 and 5 (grade 4 is a wide band of force)",
    )
    mrc_rater_log_sd: float = sourced(
        0.15, "1", "assumption: SD of the log force a rater perceives on one visit (no verified MMN test-retest figure)"
    )
    mrc_affected_share: float = sourced(
        0.6, "1", "assumption: share of the graded muscles in affected nerve territories"
    )
    mrc_weight_range: tuple[float, float] = sourced(
        (0.4, 1.3), "1", "assumption: how much an affected muscle shares the weakness of the weaker hand's grip"
    )
    disability_strength_thresholds: tuple[float, ...] = sourced(
        (0.9, 0.7, 0.5, 0.3, 0.15),
        "share of normal strength",
        "assumption: strength below which the upper-limb disability grade reaches 1, 2, 3, 4 and 5",
    )


ASSUMPTIONS = OutcomeAssumptions()
_MRC_STREAM, _MRC_VISIT_STREAM = 11, 12


def check_outcome(outcome) -> str:
    """``outcome`` if it is one of :data:`OUTCOMES`, else a ValueError naming the parameter."""
    if not isinstance(outcome, str) or outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {', '.join(map(repr, OUTCOMES))}, got {outcome!r}")
    return outcome


def muscle_weights(seed: int, a: OutcomeAssumptions = ASSUMPTIONS) -> np.ndarray:
    """How much each of the :data:`MRC_MUSCLES` muscles of person ``seed`` shares the weakness (0 = spared)."""
    rng = np.random.default_rng([int(seed), _MRC_STREAM])
    affected = rng.random(MRC_MUSCLES) < a.mrc_affected_share
    affected[0] = True  # the weaker hand's own muscles are always affected
    return np.where(affected, rng.uniform(*a.mrc_weight_range, MRC_MUSCLES), 0.0)


def mrc_grades(
    strength_pct: np.ndarray, days: np.ndarray, seed: int, a: OutcomeAssumptions = ASSUMPTIONS
) -> np.ndarray:
    """MRC grades (0–5) of each muscle on each visit, shape ``(len(days), MRC_MUSCLES)``.

    Parameters
    ----------
    strength_pct
        The person's strength on each visit (% of normal).
    days
        The visit days (the rater's error is drawn afresh on each visit day, reproducibly).
    seed
        The person's seed.
    """
    s = np.clip(np.asarray(strength_pct, dtype=float) / 100.0, 0.0, 1.2)[:, None]
    force = np.clip(1.0 - muscle_weights(seed, a)[None, :] * (1.0 - s), 0.0, None)
    error = np.stack(
        [np.random.default_rng([int(seed), _MRC_VISIT_STREAM, int(d)]).normal(0.0, 1.0, MRC_MUSCLES) for d in days]
    )
    perceived = force * np.exp(a.mrc_rater_log_sd * error)
    return np.searchsorted(np.asarray(a.mrc_force_thresholds), perceived, side="right")


def disability_grade(strength_share: np.ndarray, a: OutcomeAssumptions = ASSUMPTIONS) -> np.ndarray:
    """Upper-limb disability grade (0 normal – 5) from strength as a share of normal (array in, array out)."""
    thresholds = np.asarray(a.disability_strength_thresholds)
    return (np.asarray(strength_share, dtype=float)[..., None] < thresholds).sum(axis=-1)


def visit(course, days: np.ndarray, outcome: str) -> np.ndarray:
    """The outcome measured on ``days`` of ``course``.

    Parameters
    ----------
    course
        One patient's simulated course.
    days : numpy.ndarray
        Days of the course to measure on (integers).
    outcome : str
        One of :data:`OUTCOMES`.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(days),)``: the observed grip (kg, for both grip outcomes), the observed block (%) or the
        disability grade; for ``mrc_sum``, shape ``(len(days), MRC_MUSCLES)`` grades (sum them for the score).

    Raises
    ------
    ValueError
        If ``outcome`` is not one of :data:`OUTCOMES`.
    """
    days = np.asarray(days, dtype=int)
    seed = course.patient.seed
    if outcome in ("grip_kg", "grip_pct"):
        return course.observed_grip_kg[days]
    if outcome == "block_pct":
        return course.observed_block_pct[days]
    if outcome == "mrc_sum":
        return mrc_grades(course.strength_pct[days], days, seed)
    if outcome == "disability":
        # what the person can do follows true strength on that day (fluctuation), not the reading error
        day_factor = fluctuation(int(days.max()) + 1, seed)[days]
        return disability_grade(course.strength_pct[days] / 100.0 * day_factor)
    raise ValueError(f"outcome must be one of {', '.join(map(repr, OUTCOMES))}, got {outcome!r}")


def change_and_response(
    before: np.ndarray, after: np.ndarray, outcome: str, grip_responder_pct: float = 15.0
) -> tuple[float, bool]:
    """Change of the outcome over a period (unit of :data:`OUTCOMES`) and whether it counts as a response.

    Grip responds when it rose by at least ``grip_responder_pct`` % of the period's start.
    """
    if outcome in ("grip_kg", "grip_pct"):
        relative = 100.0 * (after / before - 1.0)
        return float(after - before if outcome == "grip_kg" else relative), bool(relative >= grip_responder_pct)
    if outcome == "mrc_sum":
        gained = after.astype(int) - before.astype(int)
        return float(gained.sum()), bool((gained >= 1).sum() >= 2)
    if outcome == "disability":
        change = float(after) - float(before)
        return change, change <= -1
    limit = RESPONSE.block_reversed_below_pct
    return float(after - before), bool(before >= limit > after)
