"""Evaluate a set of findings against the rule table: which diagnoses remain compatible, and why.

A pure function of its input: :func:`evaluate` applies every rule of
:data:`widgets.differential.findings.RULES` whose conditions all hold and gives
each diagnosis the most severe level among them (``compatible`` when no rule
applies); MMN also gets its EFNS/PNS 2010 category
(:func:`widgets.differential.categories.mmn_category`).
``widgets/static/differential.js`` implements the same few lines for the
kernel-free view; the tests check that both agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from widgets.differential.categories import DIAGNOSIS as CATEGORY_DIAGNOSIS
from widgets.differential.categories import Category, mmn_category
from widgets.differential.findings import DIAGNOSES, FINDINGS, LEVELS, RULES, UNKNOWN, Rule, finding


@dataclass(frozen=True)
class Reason:
    """One rule that applied: the findings that triggered it, its level, text and citation keys."""

    when: dict[str, str]
    level: str
    text: str
    cites: tuple[str, ...]

    def to_json(self) -> dict:
        """The rule as plain JSON for the page's script."""
        return {"when": dict(self.when), "level": self.level, "text": self.text, "cites": list(self.cites)}


@dataclass(frozen=True)
class Verdict:
    """What the findings say about one diagnosis: ``level``, the reasons (most severe first) and, for MMN, the category."""

    diagnosis: str
    level: str
    reasons: tuple[Reason, ...]
    category: Category | None = None

    @property
    def remains(self) -> bool:
        """True unless the diagnosis is excluded (``argued against`` diagnoses remain, flagged)."""
        return self.level != "excludes"

    def to_json(self) -> dict:
        """The verdict as plain JSON for the page's script."""
        data = {"level": self.level, "reasons": [r.to_json() for r in self.reasons]}
        if self.category is not None:
            data["category"] = self.category.to_json()
        return data


def validate(findings: Mapping[str, str]) -> dict[str, str]:
    """Complete ``findings`` with ``unknown`` for every finding not given; ``ValueError`` on bad input.

    The message names the offending finding and its allowed values.
    """
    if not isinstance(findings, Mapping):
        raise ValueError(f"findings must be a mapping of finding to value, got {type(findings).__name__}")
    out = {f.key: UNKNOWN for f in FINDINGS}
    for key, value in findings.items():
        f = finding(key)  # raises ValueError listing the allowed findings
        if value not in f.value_keys():
            raise ValueError(f"finding {key!r} must be one of {list(f.value_keys())}, got {value!r}")
        out[key] = value
    return out


def _applies(rule: Rule, findings: Mapping[str, str]) -> bool:
    return all(findings[k] == v for k, v in rule.when.items())


def evaluate(findings: Mapping[str, str]) -> dict[str, Verdict]:
    """Verdict for every diagnosis, in the order of :data:`DIAGNOSES`.

    ``findings`` maps finding keys (e.g. ``"umn_signs"``) to value keys (e.g.
    ``"present"``); findings left out count as ``"unknown"``.

    >>> evaluate({"umn_signs": "present"})["mmn"].level
    'excludes'
    """
    full = validate(findings)
    rank = {level: i for i, level in enumerate(LEVELS)}
    result: dict[str, Verdict] = {}
    for d in DIAGNOSES:
        applied = [r for r in RULES if r.diagnosis == d.key and _applies(r, full)]
        applied.sort(key=lambda r: -rank[r.level])  # stable: table order within a level
        level = applied[0].level if applied else LEVELS[0]
        reasons = tuple(Reason(dict(r.when), r.level, r.text, tuple(r.cites)) for r in applied)
        category = mmn_category(full) if d.key == CATEGORY_DIAGNOSIS else None
        result[d.key] = Verdict(d.key, level, reasons, category)
    return result


def evaluation_json(findings: Mapping[str, str]) -> dict:
    """:func:`evaluate` as plain data, the same shape ``differential.js`` returns."""
    return {key: verdict.to_json() for key, verdict in evaluate(findings).items()}


def remaining(findings: Mapping[str, str]) -> list[str]:
    """Diagnoses not excluded by ``findings`` (compatible or argued against), in table order."""
    return [key for key, v in evaluate(findings).items() if v.remains]


def compatible(findings: Mapping[str, str]) -> list[str]:
    """Diagnoses that no finding argues against or excludes, in table order."""
    return [key for key, v in evaluate(findings).items() if v.level == "compatible"]
