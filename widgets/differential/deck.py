"""The differential explorer on the lecture deck: one screen, big case buttons, a compact form.

The deck page (``presenter/03_differential_diagnosis.ipynb``) shows the same rules and the same result list as
the chapter's explorer (:func:`widgets.differential.views.explorer_html`; ``differential.js`` evaluates them),
laid out for a projector by :mod:`widgets.presenter_style`:

* one button per case (:data:`CASES`): one click, or its number key, sets every finding of that patient;
* each finding is a drop-down list (the chapter's radio group stays in the page, hidden, and
  ``presenter-deck.js`` keeps the two in step), so fourteen findings fit beside the diagnoses;
* the diagnoses with their verdict and the MMN category; the rules behind them are in the chapter.

The cases are the patients of chapter 9 (``chapters/09_clinical_cases.ipynb``), with the findings its text
gives them (Mrs B six months after her first visit): the deck's verdicts are the chapter's diagnoses, checked
by ``tests/unit/course/test_differential_deck.py``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from widgets.differential.findings import FINDINGS
from widgets.differential.model import validate
from widgets.differential.views import (
    ALT,
    _check_uid,
    inline_assets,
    results_html,
    summary_html,
    table_json,
)


@dataclass(frozen=True)
class Case:
    """A patient of chapter 9 as a deck preset: ``key``, button ``label``, ``title`` (tooltip) and findings."""

    key: str
    label: str
    title: str
    findings: Mapping[str, str] = field(default_factory=dict)


#: The presets of the deck page, in key order (1, 2, …). Findings as chapter 9 states them; unset ones stay
#: "not known". The expected verdicts are in the tests (definite MMN, ALS, Lewis-Sumner, typical CIDP, possible MMN).
CASES: tuple[Case, ...] = (
    Case("mr_a", "Mr A", "Case 1: Mr A, a weak right hand, after his nerve conduction study",
         {"distribution": "several_nerves", "symmetry": "asymmetric", "tempo": "eight_weeks_or_more",
          "sensory_loss": "none", "umn_signs": "absent", "bulbar": "absent", "cramps_fasciculations": "present",
          "conduction_block": "outside_entrapment", "sensory_conduction": "normal", "anti_gm1": "negative"}),
    Case("mrs_b", "Mrs B", "Case 2: Mrs B, a weak left hand, six months after her first visit",
         {"symmetry": "asymmetric", "tempo": "eight_weeks_or_more", "sensory_loss": "none", "umn_signs": "present",
          "bulbar": "marked", "cramps_fasciculations": "present", "conduction_block": "absent",
          "sensory_conduction": "normal"}),
    Case("ms_c", "Ms C", "Case 3: Ms C, weakness with numbness, after her nerve conduction studies",
         {"distribution": "several_nerves", "symmetry": "asymmetric", "tempo": "eight_weeks_or_more",
          "sensory_loss": "objective", "umn_signs": "absent", "bulbar": "absent",
          "conduction_block": "outside_entrapment", "sensory_conduction": "abnormal"}),
    Case("mr_d", "Mr D", "Case 4: Mr D, weak legs and numb feet, after his nerve conduction studies",
         {"distribution": "proximal_distal", "symmetry": "symmetric", "tempo": "eight_weeks_or_more",
          "sensory_loss": "objective", "umn_signs": "absent", "bulbar": "absent", "sensory_conduction": "abnormal"}),
    Case("mr_e", "Mr E", "Case 5: Mr E, weakness in both hands, after his tests and the IVIg trial",
         {"distribution": "several_nerves", "symmetry": "asymmetric", "tempo": "eight_weeks_or_more",
          "sensory_loss": "none", "umn_signs": "absent", "bulbar": "absent", "cramps_fasciculations": "present",
          "conduction_block": "absent", "sensory_conduction": "normal", "anti_gm1": "negative",
          "ivig_response": "improved"}),
)
#: The last button: every finding back to "not known".
CLEAR = Case("clear", "Clear", "Every finding back to not known")


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def preset_findings(case: Case) -> dict[str, str]:
    """Every finding of ``case`` (validated), "not known" where the case does not give one."""
    return validate(dict(case.findings))


def _field(uid: str, f, value: str) -> str:
    options = "".join(
        f'<option value="{v.key}"{" selected" if v.key == value else ""}>{_e(v.label)}</option>' for v in f.values
    )
    radios = "".join(
        f'<input type="radio" name="{uid}-{f.key}" value="{v.key}" aria-hidden="true" tabindex="-1"'
        f'{" checked" if v.key == value else ""}>'
        for v in f.values
    )
    return (
        f'<fieldset class="mmn-ddx-finding" data-finding="{f.key}"><legend title="{_e(f.label)}">{_e(f.label)}</legend>'
        f'<select class="mmn-ddx-select" aria-label="{_e(f.label)}" title="{_e(f.hint)}">{options}</select>'
        f'<div class="mmn-ddx-options" hidden>{radios}</div></fieldset>'
    )


def deck_html(findings: Mapping[str, str] | None = None, *, uid: str | None = None) -> str:
    """Markup of the deck's explorer (preset to ``findings``), without script or CSS.

    The preset buttons (class ``mmn-preset-button``, number keys 1–9 in order) carry their findings as JSON in
    ``data-mmn-ddx-preset``; ``presenter-deck.js`` applies them and keeps the drop-down lists and the hidden
    radio groups (which ``differential.js`` reads) in step.
    """
    state = validate(findings or {})
    uid = _check_uid(uid)
    buttons = "".join(
        f'<button type="button" class="mmn-preset-button" aria-pressed="false" title="{_e(case.title)} (key {n})" '
        f"data-mmn-ddx-preset='{_e(json.dumps(preset_findings(case)))}'>{n} · {_e(case.label)}</button>"
        for n, case in zip("1234567890", (*CASES, CLEAR))
    )
    fields = "".join(_field(uid, f, state[f.key]) for f in FINDINGS)
    return (
        f'<div class="mmn-differential mmn-ddx-deck" id="{uid}">'
        f'<script type="application/json" class="mmn-ddx-data">{table_json()}</script>'
        f'<div class="mmn-preset-buttons mmn-ddx-presets" role="group" aria-label="Patients of chapter 9">{buttons}</div>'
        f"{summary_html(state)}"
        f'<div class="mmn-ddx-layout">'
        f'<form class="mmn-ddx-form" aria-label="Findings of the patient"><div class="mmn-ddx-fields">{fields}</div></form>'
        f'<div class="mmn-ddx-results" aria-label="Diagnoses and their verdicts" role="region">{results_html(state)}</div>'
        f"</div></div>"
    )


class _DeckView:
    """Rich display of the deck's explorer: its markup with the explorer's script and stylesheet inline."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.markup, "text/plain": ALT}


def deck_explorer(findings: Mapping[str, str] | None = None, *, uid: str | None = None) -> _DeckView:
    """The differential explorer for the lecture deck (``present(deck_explorer())``): see :func:`deck_html`."""
    return _DeckView(deck_html(findings, uid=uid) + inline_assets())


__all__ = ["CASES", "CLEAR", "Case", "deck_explorer", "deck_html", "preset_findings"]
