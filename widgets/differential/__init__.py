"""Differential diagnosis of MMN: ALS, typical CIDP, Lewis-Sumner syndrome and entrapment neuropathy.

* :mod:`widgets.differential.findings` — THE rule table (findings, values,
  diagnoses, rules with text and citation keys);
* :func:`evaluate` — pure function: findings → verdict per diagnosis;
* :func:`explorer` — the interactive explorer for one notebook cell
  (kernel-free HTML + ``widgets/static/differential.js`` in the book);
* :func:`comparison_table_html` — the side-by-side table generated from the same rules.
"""

from widgets.differential.findings import DIAGNOSES, FINDINGS, LEVELS, RULES, SOURCES, rule_table
from widgets.differential.model import Reason, Verdict, compatible, evaluate, evaluation_json, remaining, validate
from widgets.differential.views import (
    comparison_table,
    comparison_table_html,
    explorer,
    explorer_html,
    results_html,
    summary_html,
    summary_text,
    table_json,
)

__all__ = [
    "DIAGNOSES",
    "FINDINGS",
    "LEVELS",
    "RULES",
    "SOURCES",
    "Reason",
    "Verdict",
    "compatible",
    "comparison_table",
    "comparison_table_html",
    "evaluate",
    "evaluation_json",
    "explorer",
    "explorer_html",
    "remaining",
    "results_html",
    "rule_table",
    "summary_html",
    "summary_text",
    "table_json",
    "validate",
]
