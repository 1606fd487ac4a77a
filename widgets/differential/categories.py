"""The EFNS/PNS 2010 diagnostic categories of MMN, as the differential explorer gives them.

The guideline (``efnspns2010mmn``) grades MMN as *definite*, *probable* or
*possible*; the explorer names the category its findings reach, or says what is
missing. Like :data:`widgets.differential.findings.RULES`, the categories are
data: an ordered list of :class:`CategoryRule`; the **first** rule whose
conditions all hold gives the category, else :data:`FALLBACK`. The list is
embedded in the rule table (``rule_table()["categories"]``) and applied by
``widgets/static/differential.js`` in exactly the same way.

What the explorer can grade (2010, categories table):

* **definite MMN**: clinical core criteria 1 and 2, no exclusion criterion,
  definite block in at least one nerve and normal sensory conduction;
* **probable MMN**: the same with a probable block in two nerves, or a probable
  block in one nerve and at least two supportive investigations (IgM anti-GM1,
  CSF protein raised but below 1 g/L, brachial plexus MRI, objective IVIg response);
* **possible MMN**: the clinical criteria with normal sensory conduction and an
  objective response to IVIg; or weakness in one nerve only with a block in it.

A pure lower motor neuron picture without a demonstrable block is **not**
"not MMN" (``doneddu2024``, ``burrell2011``): the explorer says so and points to
an IVIg trial when the picture looks like MMN (``simon2013ivig``). Integration note: ``widgets.diagnosis.category`` grades the same
categories from numbers (nerve counts); these rules grade the explorer's
categorical findings and must agree with it on the cases both can express.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from widgets.differential.vocabulary import SOURCES, UNKNOWN, finding

#: The diagnosis whose categories these are.
DIAGNOSIS = "mmn"

#: Heading of the category line in the explorer.
NAME = "EFNS/PNS 2010 category"

#: Category keys and how they are named to the student.
CATEGORY_LABELS: dict[str, str] = {
    "definite": "definite MMN",
    "probable": "probable MMN",
    "possible": "possible MMN",
    "excluded": "none: an exclusion criterion is present",
    "no_block": "not classified yet: no block found, MMN not excluded",
    "pending": "not classified yet",
}

#: The categories that are a diagnosis of MMN.
DIAGNOSTIC = ("definite", "probable", "possible")


@dataclass(frozen=True)
class CategoryRule:
    """When every finding in ``when`` has one of its listed values, MMN is in ``category`` because of ``text``."""

    when: dict[str, tuple[str, ...]]
    category: str
    text: str
    cites: tuple[str, ...] = field(default_factory=lambda: ("efnspns2010mmn",))


_MMN = ("efnspns2010mmn",)
_CORE = {
    "symmetry": ("asymmetric",),
    "tempo": ("one_to_two_months", "eight_weeks_or_more"),
    "sensory_loss": ("none", "minor_vibration_legs"),
    "umn_signs": ("absent",),
    "bulbar": ("absent",),
    "sensory_conduction": ("normal",),
}
_TWO = {"distribution": ("several_nerves",), **_CORE}
_ONE = {"distribution": ("one_nerve",), **_CORE}
_CLINICAL = (
    "clinical core criteria met (asymmetric weakness in at least two nerve territories for more than 1 month, "
    "no objective sensory loss), no exclusion criterion, normal sensory conduction"
)
#: Supportive investigations of the 2010 categories, as explorer findings.
SUPPORTIVE: tuple[tuple[str, str], ...] = (
    ("anti_gm1", "positive"),
    ("csf_protein", "raised_under_1g"),
    ("mri_plexus", "abnormal"),
    ("ivig_response", "improved"),
)
_EXCLUDED = "An exclusion criterion is present, so no category applies (see the rules below)."

#: THE category rules, in order: the first that applies wins.
CATEGORY_RULES: tuple[CategoryRule, ...] = (
    CategoryRule({"umn_signs": ("present",)}, "excluded", _EXCLUDED),
    CategoryRule({"bulbar": ("marked",)}, "excluded", _EXCLUDED),
    CategoryRule({"sensory_loss": ("objective",)}, "excluded", _EXCLUDED),
    CategoryRule({"symmetry": ("symmetric",), "tempo": ("under_one_month",)}, "excluded", _EXCLUDED),
    CategoryRule({**_TWO, "conduction_block": ("outside_entrapment",)}, "definite",
                 f"{_CLINICAL.capitalize()}, and a definite block in at least one nerve."),
    CategoryRule({**_TWO, "conduction_block": ("probable_two",)}, "probable",
                 f"{_CLINICAL.capitalize()}, and a probable block in two nerves."),
    *(
        CategoryRule({**_TWO, "conduction_block": ("probable_one",), a[0]: (a[1],), b[0]: (b[1],)}, "probable",
                     f"{_CLINICAL.capitalize()}, a probable block in one nerve and two supportive investigations.")
        for a, b in itertools.combinations(SUPPORTIVE, 2)
    ),
    CategoryRule({**_TWO, "ivig_response": ("improved",)}, "possible",
                 f"{_CLINICAL.capitalize()}, and an objective improvement after IVIg, without a block that "
                 "meets the criteria for a higher category."),
    CategoryRule({**_ONE, "conduction_block": ("outside_entrapment", "probable_two", "probable_one")}, "possible",
                 "Weakness in the territory of one nerve only, with a definite or probable block: at most possible "
                 "MMN. Follow the patient: weakness in a second nerve would raise the category."),
    CategoryRule({**_TWO, "conduction_block": ("absent", "entrapment_site_only")}, "no_block",
                 "The clinical picture of MMN without a demonstrable block. This does not exclude MMN: the 2010 "
                 "criteria find a definite block in only about half of patients. When the picture looks like MMN "
                 "(distal arm onset, nerve-territory pattern, denervation only in weak muscles, normal CK), consider "
                 "an IVIg trial with an objective end point: an improvement makes possible MMN. Without one, follow "
                 "the patient for signs of ALS.",
                 ("efnspns2010mmn", "doneddu2024", "burrell2011", "simon2013ivig")),
    CategoryRule({**_TWO, "conduction_block": ("probable_one",)}, "pending",
                 "A probable block in one nerve makes probable MMN only with two supportive investigations "
                 "(IgM anti-GM1, CSF protein raised but below 1 g/L, brachial plexus MRI, objective IVIg response); "
                 "an objective IVIg response alone makes possible MMN."),
)

#: What the explorer says when no category rule applies.
FALLBACK = CategoryRule(
    {}, "pending",
    "The 2010 categories need the clinical core criteria (asymmetric weakness in the territories of at least two "
    "nerves, or of one for possible MMN, for more than 1 month, with no objective sensory loss), upper motor "
    "neuron signs and marked bulbar weakness examined and absent, and a nerve conduction study with normal "
    "sensory conduction.",
)


@dataclass(frozen=True)
class Category:
    """The category the findings reach: ``key``, its ``label``, the reason and citation keys."""

    key: str
    label: str
    text: str
    cites: tuple[str, ...]

    @property
    def diagnostic(self) -> bool:
        """True for definite, probable and possible MMN."""
        return self.key in DIAGNOSTIC

    def to_json(self) -> dict:
        """The category as plain JSON for the page's script."""
        return {"key": self.key, "label": self.label, "text": self.text, "cites": list(self.cites)}


def _holds(rule: CategoryRule, findings) -> bool:
    return all(findings[k] in allowed for k, allowed in rule.when.items())


def mmn_category(findings) -> Category:
    """The EFNS/PNS 2010 category of MMN for complete ``findings`` (every finding key present).

    >>> from widgets.differential.model import validate
    >>> mmn_category(validate({"umn_signs": "present"})).key
    'excluded'
    """
    rule = next((r for r in CATEGORY_RULES if _holds(r, findings)), FALLBACK)
    return Category(rule.category, CATEGORY_LABELS[rule.category], rule.text, tuple(rule.cites))


def summary_sentence(category: Category) -> str:
    """The sentence the live summary adds for a category ('' when it has nothing to add)."""
    if category.diagnostic:
        return f"By the EFNS/PNS 2010 criteria: {category.label}."
    if category.key == "no_block":
        return "No block found: MMN is not excluded."
    return ""


def category_table() -> dict:
    """The category rules as plain JSON-able data (embedded in the rule table)."""
    return {
        "diagnosis": DIAGNOSIS,
        "name": NAME,
        "labels": dict(CATEGORY_LABELS),
        "diagnostic": list(DIAGNOSTIC),
        "rules": [
            {"when": {k: list(v) for k, v in r.when.items()}, "category": r.category, "text": r.text,
             "cites": list(r.cites)}
            for r in CATEGORY_RULES
        ],
        "fallback": {"category": FALLBACK.category, "text": FALLBACK.text, "cites": list(FALLBACK.cites)},
    }


def _check() -> None:
    """Fail at import if a category rule names an unknown finding, value, category or source."""
    for r in (*CATEGORY_RULES, FALLBACK):
        if r.category not in CATEGORY_LABELS:
            raise ValueError(f"unknown category {r.category!r}: {r}")
        if not r.text.strip() or not r.cites or any(c not in SOURCES for c in r.cites):
            raise ValueError(f"category rule needs text and citations with a short label: {r}")
        for fkey, allowed in r.when.items():
            values = finding(fkey).value_keys()
            if not allowed or any(v not in values or v == UNKNOWN for v in allowed):
                raise ValueError(f"category rule value {allowed!r} not allowed for {fkey!r}: {r}")


_check()
