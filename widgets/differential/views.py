"""HTML views of the differential explorer: the interactive form and the side-by-side table.

The explorer is plain HTML (native radio groups in labelled fieldsets, a
result list and an ``aria-live`` summary) plus the rule table embedded as JSON;
``widgets/static/differential.js`` finds every ``.mmn-differential`` element,
reads that JSON and re-evaluates the rules whenever a finding changes. The book
loads the script once per page (``book/_ext/mmn_book.py``); in JupyterLab the
cell's output carries the script and stylesheet inline (the script defines
itself once and only initialises new explorers on later runs).

The initial result list is rendered here in Python by the same markup rules as
the script uses, so the page is complete before any script runs; the tests
check that the script's rendering is identical.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Mapping

from widgets.assets import read as read_asset
from widgets.differential.categories import NAME as CATEGORY_NAME
from widgets.differential.categories import Category, summary_sentence
from widgets.differential.findings import (
    DIAGNOSES,
    FINDINGS,
    LEVEL_LABELS,
    RULE_LABELS,
    RULES,
    SOURCES,
    UNKNOWN,
    diagnosis,
    finding,
    rule_table,
)
from widgets.differential.model import Verdict, evaluate, validate
from widgets.display import Explorable

_ids = itertools.count(1)

#: Symbols shown (hidden from screen readers, which hear the word) before each level.
SYMBOLS = {"compatible": "✓", "argues_against": "▼", "excludes": "✕"}

ALT = (
    "Differential diagnosis explorer: set findings of the history, examination and investigations; "
    "the list shows which of MMN, ALS, typical CIDP, Lewis-Sumner syndrome and entrapment neuropathy "
    "remain compatible, are argued against or are excluded, each with the rule and its source; for MMN it also "
    "names the EFNS/PNS 2010 category (definite, probable or possible MMN) or what is missing."
)


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def table_json() -> str:
    """The rule table as JSON that is safe inside a ``<script>`` element."""
    return json.dumps(rule_table(), ensure_ascii=True, sort_keys=False).replace("</", "<\\/")


def _cite(keys) -> str:
    return "(" + "; ".join(SOURCES[k] for k in keys) + ")"


def _when_text(when: Mapping[str, str]) -> str:
    parts = []
    for fkey, vkey in when.items():
        f = finding(fkey)
        parts.append(f"{f.label.rstrip('?')}: {f.value_label(vkey)}")
    return "; ".join(parts) + "."


def summary_text(verdicts: Mapping[str, Verdict]) -> str:
    """The sentence announced to screen readers after each change (same text as the script's)."""
    groups = {level: [diagnosis(k).short for k, v in verdicts.items() if v.level == level] for level in LEVEL_LABELS}
    if not groups["compatible"] and not groups["argues_against"]:
        return "Every diagnosis in the list is excluded by these findings."
    parts = []
    for level, names in groups.items():
        if names:
            parts.append(f"{LEVEL_LABELS[level].capitalize()}: {', '.join(names)}.")
    for v in verdicts.values():
        if v.category is not None and summary_sentence(v.category):
            parts.append(summary_sentence(v.category))
    return " ".join(parts)


def summary_html(findings: Mapping[str, str] | None = None) -> str:
    """The live region with the one-sentence summary (kept above the form, sticky while scrolling)."""
    return (
        '<p class="mmn-ddx-summary" role="status" aria-live="polite" aria-atomic="true">'
        f"{_e(summary_text(evaluate(findings or {})))}</p>"
    )


def category_html(category: Category) -> str:
    """The category line of MMN (same markup as the script's)."""
    return (
        f'<p class="mmn-ddx-category" data-category="{category.key}"><span class="mmn-ddx-catname">'
        f"{_e(CATEGORY_NAME)}:</span> <strong>{_e(category.label)}</strong>. {_e(category.text)} "
        f'<cite class="mmn-ddx-cite">{_e(_cite(category.cites))}</cite></p>'
    )


def results_html(findings: Mapping[str, str] | None = None) -> str:
    """The result list for ``findings`` (what the script renders into ``.mmn-ddx-results``)."""
    verdicts = evaluate(findings or {})
    items = []
    for d in DIAGNOSES:
        v = verdicts[d.key]
        if v.reasons:
            reasons = "".join(
                f'<li data-level="{r.level}"><span class="mmn-ddx-tag">'
                f'<span aria-hidden="true">{SYMBOLS[r.level]} </span>{_e(RULE_LABELS[r.level])}</span> '
                f'<span class="mmn-ddx-when">{_e(_when_text(r.when))}</span> {_e(r.text)} '
                f'<cite class="mmn-ddx-cite">{_e(_cite(r.cites))}</cite></li>'
                for r in v.reasons
            )
            detail = f'<ul class="mmn-ddx-reasons">{reasons}</ul>'
        else:
            detail = '<p class="mmn-ddx-none">No rule applies to the findings set so far.</p>'
        items.append(
            f'<li class="mmn-ddx-dx" data-diagnosis="{d.key}" data-level="{v.level}">'
            f'<p class="mmn-ddx-head"><span class="mmn-ddx-name">{_e(d.label)}</span> '
            f'<span class="mmn-ddx-badge"><span aria-hidden="true">{SYMBOLS[v.level]} </span>'
            f"{_e(LEVEL_LABELS[v.level])}</span></p>"
            f"{category_html(v.category) if v.category is not None else ''}{detail}</li>"
        )
    return f'<ul class="mmn-ddx-list">{"".join(items)}</ul>'


_UID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def _check_uid(uid: str | None) -> str:
    if uid is None:
        return f"mmn-ddx-{next(_ids)}"
    if not isinstance(uid, str) or not _UID.match(uid):
        raise ValueError(f"uid must be letters, digits, '-' or '_' starting with a letter, got {uid!r}")
    return uid


def _check_patient(patient: str) -> str:
    if not isinstance(patient, str) or not patient.strip():
        raise ValueError(f"patient must be a non-empty name such as 'Mr A', got {patient!r}")
    return patient.strip()


def explorer_html(
    findings: Mapping[str, str] | None = None, *, uid: str | None = None, patient: str = "the patient"
) -> str:
    """Markup of one explorer, preset to ``findings`` (unknown elsewhere), without script or CSS.

    ``uid`` is the element id (and the prefix of its inputs' names): give each
    explorer of the course its own, so pages can be merged (the printable
    course) without duplicate ids; by default a counter numbers them.
    ``patient`` names whose findings these are ("Mr A") in the labels of the
    explorer's form and results, so several explorers on a page can be told apart.
    """
    state = validate(findings or {})
    uid = _check_uid(uid)
    who = _e(_check_patient(patient))
    fieldsets = []
    for f in FINDINGS:
        hint_id = f"{uid}-{f.key}-hint"
        options = "".join(
            f'<label class="mmn-ddx-option"><input type="radio" name="{uid}-{f.key}" value="{v.key}"'
            f'{" checked" if state[f.key] == v.key else ""}> {_e(v.label)}</label>'
            for v in f.values
        )
        fieldsets.append(
            f'<fieldset class="mmn-ddx-finding" data-finding="{f.key}" aria-describedby="{hint_id}">'
            f"<legend>{_e(f.label)}</legend>"
            f'<p class="mmn-ddx-hint" id="{hint_id}">{_e(f.hint)}</p>'
            f'<div class="mmn-ddx-options">{options}</div></fieldset>'
        )
    return (
        f'<div class="mmn-differential" id="{uid}">'
        f'<script type="application/json" class="mmn-ddx-data">{table_json()}</script>'
        f"{summary_html(state)}"
        f'<div class="mmn-ddx-layout">'
        f'<form class="mmn-ddx-form" aria-label="Findings of {who}">'
        f'<p class="mmn-ddx-intro">Set what you know about the patient; leave the rest '
        f"&ldquo;not known&rdquo;. The list of diagnoses, with the rules that applied, follows the findings.</p>"
        f'<div class="mmn-ddx-fields">{"".join(fieldsets)}</div>'
        f'<p class="mmn-ddx-actions"><button type="reset" class="mmn-ddx-reset">Reset the findings</button></p>'
        f"</form>"
        f'<div class="mmn-ddx-results" aria-label="Diagnoses for {who} and the rules that applied" role="region">'
        f"{results_html(state)}</div>"
        f"</div></div>"
    )


_DATA_SCRIPT = re.compile(r'<script type="application/json" class="mmn-ddx-data">(.*?)</script>', re.S)


def share_table_data(markup: str) -> str:
    """``markup`` (a page) with the rule table embedded once: later explorers use the first copy.

    Every explorer carries the table (20 kB) so that it works alone, in a notebook output; on a
    book page with several explorers ``differential.js`` falls back to the page's first copy.
    """
    first: list[str] = []

    def keep_first(m: re.Match) -> str:
        if not first:
            first.append(m.group(1))
            return m.group(0)
        return "" if m.group(1) == first[0] else m.group(0)

    return _DATA_SCRIPT.sub(keep_first, markup)


def inline_assets() -> str:
    """Stylesheet and script for a page that does not load them itself (JupyterLab)."""
    return f"<style>{read_asset('differential.css')}</style><script>{read_asset('differential.js')}</script>"


class _HTMLView:
    """Minimal rich-display object: HTML with the explorer's assets inline (the live view)."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.markup, "text/plain": ALT}


def explorer(
    findings: Mapping[str, str] | None = None, *, uid: str | None = None, patient: str = "the patient", alt: str = ALT
) -> Explorable:
    """The differential explorer, preset to ``findings`` (e.g. a clinical case), for one notebook cell.

    In the book it is kernel-free HTML driven by ``differential.js``; in
    JupyterLab the same markup comes with its script and stylesheet inline.
    ``patient`` names the case in the explorer's labels (see :func:`explorer_html`).
    """
    validate(findings or {})
    uid = _check_uid(uid)
    _check_patient(patient)
    explorable: Explorable

    def static() -> str:
        return explorer_html(findings, uid=uid, patient=patient)

    def live() -> _HTMLView:
        return _HTMLView(explorable.static_html() + inline_assets())

    explorable = Explorable(live, static, alt=alt)
    return explorable


def _cell(rule_level: str | None, text: str = "") -> str:
    if rule_level is None:
        return '<td class="mmn-ddx-norule"><span aria-hidden="true">–</span><span class="mmn-ddx-sr">no rule</span></td>'
    return (
        f'<td data-level="{rule_level}" title="{_e(text)}"><span aria-hidden="true">{SYMBOLS[rule_level]} </span>'
        f"{_e(RULE_LABELS[rule_level])}</td>"
    )


def comparison_table_html() -> str:
    """Side-by-side table of the rules: one row per finding value, one column per diagnosis.

    Generated from :data:`RULES`, so it always says what the explorer does.
    Rows without any rule (``unknown`` values, for instance) are left out.
    """
    conditions: list[tuple[tuple[str, str], ...]] = []
    for f in FINDINGS:
        for v in f.values:
            if v.key != UNKNOWN:
                conditions.append(((f.key, v.key),))
    for r in RULES:
        cond = tuple(r.when.items())
        if cond not in conditions:
            # a combination: place it after the last row of its first finding
            first = cond[0][0]
            last = max(i for i, c in enumerate(conditions) if c[0][0] == first)
            conditions.insert(last + 1, cond)
    head = "".join(f'<th scope="col">{_e(d.short[0].upper() + d.short[1:])}</th>' for d in DIAGNOSES)
    rows = []
    current = None
    ncols = len(DIAGNOSES) + 1
    for cond in conditions:
        rules = {r.diagnosis: r for r in RULES if tuple(r.when.items()) == cond}
        if not rules:
            continue
        group = cond[0][0]
        if group != current:
            rows.append(
                f'<tr class="mmn-ddx-group"><th scope="rowgroup" colspan="{ncols}">{_e(finding(group).label)}</th></tr>'
            )
            current = group
        label = " + ".join(finding(fk).value_label(vk) for fk, vk in cond)
        cells = "".join(
            _cell(rules[d.key].level, rules[d.key].text) if d.key in rules else _cell(None) for d in DIAGNOSES
        )
        keys = list(dict.fromkeys(k for r in rules.values() for k in r.cites))
        sources = "; ".join(SOURCES[k] for k in keys)
        rows.append(
            f'<tr><th scope="row">{_e(label)}<span class="mmn-ddx-src">{_e(sources)}</span></th>{cells}</tr>'
        )
    return (
        '<div class="mmn-ddx-table-wrap" role="region" aria-label="Findings against diagnoses" tabindex="0">'
        '<table class="mmn-ddx-table">'
        f'<thead><tr><th scope="col">Finding (sources)</th>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )


def comparison_table() -> Explorable:
    """The side-by-side table for a notebook cell, with its stylesheet inline in JupyterLab."""
    alt = (
        "Table: for each finding value, whether it is compatible with, argues against or excludes MMN, ALS, typical CIDP, "
        "Lewis-Sumner syndrome and entrapment neuropathy, with the sources of the rules."
    )
    explorable: Explorable

    def live() -> _HTMLView:
        return _HTMLView(explorable.static_html() + f"<style>{read_asset('differential.css')}</style>")

    explorable = Explorable(live, comparison_table_html, alt=alt)
    return explorable
