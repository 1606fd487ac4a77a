"""Diagnostic categories of the EFNS/PNS 2010 MMN guideline (its Table 4) as data, and the walk through them.

The criteria are data, each with the guideline as source (``efnspns2010mmn`` in
``book/references.bib``); :func:`category` walks them for one patient and
returns the category with the path it took, and :func:`flowchart` draws that
path. The rules:

* an exclusion criterion rules MMN out; the clinical core (criteria 1 and 2) must be met;
* conduction block (CB) counts only with normal sensory conduction in the segments with block;
* **definite MMN**: weakness in >= 2 nerve territories and definite CB in >= 1 nerve;
* **probable MMN**: weakness in >= 2 nerve territories and probable CB in >= 2 nerves, or probable
  CB in 1 nerve plus >= 2 supportive investigations;
* **possible MMN**: weakness in >= 2 nerve territories, normal sensory conduction and an objective
  response to IVIg (no block needed); or weakness in one nerve territory with definite or probable CB.

A patient with the clinical picture but no qualifying block and no IVIg response yet does not meet
these categories, but MMN is **not excluded**: the 2010 criteria find definite MMN in 47% and
probable or definite MMN in 57% of patients (``doneddu2024``), and an IVIg trial is reasonable in a
pure lower motor neuron syndrome that looks like MMN: distal arm onset, nerve-territory pattern,
denervation only in weak muscles, normal CK (``burrell2011``, ``simon2013ivig``).
"""


from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

SOURCE = "efnspns2010mmn"

#: Clinical core criteria (both required).
CLINICAL_CORE: tuple[str, ...] = (
    "slowly or stepwise progressive, focal, asymmetric limb weakness in the motor distribution of at least "
    "two nerves for more than one month (one nerve only: at most possible MMN)",
    "no objective sensory abnormalities, except minor vibration loss in the legs",
)

#: Supportive clinical criteria.
SUPPORTIVE_CLINICAL: tuple[str, ...] = (
    "predominant upper-limb involvement",
    "reduced or absent tendon reflexes in the affected limb",
    "no cranial nerve involvement",
    "cramps and fasciculations in the affected limb",
    "response in disability or muscle strength to immunomodulatory treatment",
)

#: Supportive investigations (the "supportive criteria" counted for probable MMN).
SUPPORTIVE_INVESTIGATIONS: tuple[str, ...] = (
    "raised IgM anti-GM1 antibodies",
    "raised CSF protein that stays below 1 g/L",
    "raised T2 signal with diffuse swelling of the brachial plexus on MRI",
    "objective clinical improvement after IVIg",
)
IVIG_RESPONSE = SUPPORTIVE_INVESTIGATIONS[3]

#: Exclusion criteria: any one rules MMN out.
EXCLUSIONS: tuple[str, ...] = (
    "upper motor neuron signs",
    "marked bulbar involvement",
    "sensory impairment more marked than minor vibration loss in the legs",
    "diffuse symmetric weakness during the first weeks",
)

#: Footnotes of the clinical criteria, which soften them.
FOOTNOTES: tuple[str, ...] = (
    "symptoms usually last more than 6 months",
    "sensory signs and symptoms may develop over the course of MMN",
    "nearly 10% start with predominantly lower-limb involvement",
    "slightly brisk reflexes in the affected arm do not exclude MMN if there are no upper motor neuron signs",
    "twelfth nerve palsy has been reported",
)

#: The categories :func:`category` can return, with a plain-language label.
CATEGORIES = MappingProxyType(
    {
        "definite": "Definite MMN",
        "probable": "Probable MMN",
        "possible": "Possible MMN",
        "not_excluded": "No qualifying block: definite and probable MMN are not met, but MMN is not excluded. "
        "An IVIg trial is reasonable when the picture looks like MMN (distal arm onset, nerve-territory "
        "pattern, denervation only in weak muscles, normal CK), with an objective end point; an objective "
        "response makes it possible MMN, and without one follow the patient for ALS",
        "sensory": "Sensory conduction abnormal: the MMN criteria are not met (think of multifocal CIDP)",
        "excluded": "Exclusion criterion present: the criteria rule MMN out; look for another cause",
        "not_met": "Clinical core criteria not met",
    }
)


@dataclass(frozen=True)
class Step:
    """One question of the decision path and this patient's answer."""

    key: str
    question: str
    answer: bool


@dataclass(frozen=True)
class Verdict:
    """Result of :func:`category`: the category key, its label, and the questions asked on the way."""

    category: str
    path: tuple[Step, ...]

    @property
    def label(self) -> str:
        """The category's name as the criteria write it."""
        return CATEGORIES[self.category]


#: The decision questions (short enough for the flowchart boxes), in the order of the flowchart.
QUESTIONS = MappingProxyType(
    {
        "exclusion": "Any exclusion<br>criterion?",
        "core": "Clinical core<br>met?",
        "sensory": "Sensory conduction<br>normal?",
        "two_nerves": "Weak in ≥ 2 nerve<br>territories?",
        "definite_cb": "Definite CB<br>in ≥ 1 nerve?",
        "probable_cb_2": "Probable CB<br>in ≥ 2 nerves?",
        "probable_cb_1": "Probable CB in 1 nerve<br>+ ≥ 2 supportive?",
        "ivig": "Objective response<br>to IVIg?",
        "one_nerve_cb": "One nerve: definite<br>or probable CB?",
    }
)


def _count(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number of at least 0, got {value!r}")
    return value


def _flag(name: str, value) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return value


def _choices(name: str, values, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if values is None:
        raise ValueError(f"{name} must be a list of criteria, got None")
    values = (values,) if isinstance(values, str) else tuple(values)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValueError(f"{name} must be taken from {allowed}, got {unknown!r}")
    return tuple(dict.fromkeys(values))


def category(
    clinical_core_met: bool,
    nerves_with_definite_cb: int,
    *,
    nerves_with_probable_cb: int = 0,
    weak_nerve_territories: int = 2,
    supportive: Iterable[str] = (),
    exclusions: Iterable[str] = (),
    sensory_conduction_normal: bool = True,
) -> Verdict:
    """EFNS/PNS 2010 category (Table 4 of the guideline) of one patient.

    Parameters
    ----------
    clinical_core_met
        Clinical core criteria met: progressive focal asymmetric limb weakness for more than a
        month, and no objective sensory abnormality beyond minor vibration loss in the legs.
    nerves_with_definite_cb
        Number of motor nerves with *definite* conduction block away from common entrapment sites.
    nerves_with_probable_cb
        Number of further motor nerves whose block is only *probable* (area loss >= 30% over a long
        arm segment, or >= 50% with more than 30% increase of duration).
    weak_nerve_territories
        Number of nerves in whose motor territory the patient is weak; 1 gives at most possible MMN.
    supportive
        Supportive investigations present, each one of :data:`SUPPORTIVE_INVESTIGATIONS`
        (:data:`IVIG_RESPONSE` is the objective response to IVIg).
    exclusions
        Exclusion criteria present, each one of :data:`EXCLUSIONS`.
    sensory_conduction_normal
        Sensory conduction normal in the arm segments with block (and in the nerves studied); if not,
        no block counts for MMN and no category is reached.
    """
    _flag("clinical_core_met", clinical_core_met)
    _flag("sensory_conduction_normal", sensory_conduction_normal)
    definite = _count("nerves_with_definite_cb", nerves_with_definite_cb)
    probable = _count("nerves_with_probable_cb", nerves_with_probable_cb)
    territories = _count("weak_nerve_territories", weak_nerve_territories)
    supportive = _choices("supportive", supportive, SUPPORTIVE_INVESTIGATIONS)
    exclusions = _choices("exclusions", exclusions, EXCLUSIONS)

    path: list[Step] = []

    def ask(key: str, answer: bool) -> bool:
        path.append(Step(key, QUESTIONS[key].replace("<br>", " "), answer))
        return answer

    def verdict(cat: str) -> Verdict:
        return Verdict(cat, tuple(path))

    if ask("exclusion", bool(exclusions)):
        return verdict("excluded")
    if not ask("core", clinical_core_met and territories >= 1):
        return verdict("not_met")
    if not ask("sensory", sensory_conduction_normal):
        return verdict("sensory")
    if not ask("two_nerves", territories >= 2):
        return verdict("possible" if ask("one_nerve_cb", definite + probable >= 1) else "not_excluded")
    if ask("definite_cb", definite >= 1):
        return verdict("definite")
    if ask("probable_cb_2", probable >= 2):
        return verdict("probable")
    if ask("probable_cb_1", probable == 1 and len(supportive) >= 2):
        return verdict("probable")
    return verdict("possible" if ask("ivig", IVIG_RESPONSE in supportive) else "not_excluded")
