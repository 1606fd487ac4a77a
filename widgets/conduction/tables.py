"""Tables of a study in HTML: measurements per site and segment, the SNAP, the verdict and the criteria checklist.

Accessible tables (captions, header scopes) for the live widget, the notebook
cells and the text alternatives; values beyond the typical laboratory limits
are marked in words, not only by style.
"""

from __future__ import annotations

import html
import math

from widgets.conduction.checklist import outcome
from widgets.conduction.study import Study


def _fmt(x: float, digits: int = 1) -> str:
    return "—" if x is None or not math.isfinite(x) else f"{x:.{digits}f}"


def _flag(text: str, high: bool, low: bool) -> str:
    if high:
        return f"<strong>{text}</strong> <span class=\"mmn-flag\">(above typical limit)</span>"
    if low:
        return f"<strong>{text}</strong> <span class=\"mmn-flag\">(below typical limit)</span>"
    return text


def measurement_table_html(study: Study) -> str:
    """Accessible HTML tables: CMAP per site, segments (velocity, ratios, block verdict) and SNAP.

    Values beyond the typical laboratory limits are marked in words, not only by style.
    """
    n = study.nerve
    lim = n.limits
    esc = html.escape
    rows = []
    for k, s in enumerate(study.sites):
        lat = _fmt(s.latency_ms, 2)
        amp = _fmt(s.amplitude_mv)
        if k == 0:
            lat = _flag(lat, math.isfinite(s.latency_ms) and s.latency_ms > lim.dml_uln_ms, False)
            amp = _flag(amp, False, (not math.isfinite(s.amplitude_mv)) or s.amplitude_mv < lim.amplitude_lln_mv)
        note = f" <span class=\"mmn-flag\">({esc(s.note)})</span>" if s.note else ""
        rows.append(
            f"<tr><th scope=\"row\">{esc(s.label)}{note}</th><td>{s.distance_mm:.0f}</td><td>{lat}</td><td>{amp}</td>"
            f"<td>{_fmt(s.area_mv_ms)}</td><td>{_fmt(s.duration_ms)}</td></tr>"
        )
    motor = (
        f"<table class=\"mmn-ncs-table\"><caption>Motor study: {esc(n.label)}, recording {esc(n.muscle)}. "
        f"Typical laboratory limits: distal latency ≤{lim.dml_uln_ms:g} ms, "
        f"amplitude ≥{lim.amplitude_lln_mv:g} mV, conduction velocity ≥{lim.cv_lln_m_s:g} m/s.</caption>"
        "<thead><tr><th scope=\"col\">Stimulation site</th><th scope=\"col\">Distance (mm)</th>"
        "<th scope=\"col\">Onset latency (ms)</th><th scope=\"col\">Amplitude (mV)</th>"
        "<th scope=\"col\">Area (mV·ms)</th><th scope=\"col\">Duration (ms)</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    srows = []
    for g in study.segments:
        cv = _flag(_fmt(g.cv_m_s, 0), False, math.isfinite(g.cv_m_s) and g.cv_m_s < lim.cv_lln_m_s)
        verdict = outcome(g)
        srows.append(
            f"<tr><th scope=\"row\">{esc(g.label)}</th><td>{g.length_mm:.0f}</td><td>{cv}</td>"
            f"<td>{_fmt(g.amplitude_ratio, 2)}</td><td>{_fmt(g.area_ratio, 2)}</td><td>{_fmt(g.duration_ratio, 2)}</td>"
            f"<td>{esc(verdict)}</td></tr>"
        )
    seg = (
        "<table class=\"mmn-ncs-table\"><caption>Segments: conduction velocity and proximal/distal ratios "
        "(conduction block graded by the EFNS/PNS 2010 MMN area rules)</caption>"
        "<thead><tr><th scope=\"col\">Segment</th><th scope=\"col\">Length (mm)</th><th scope=\"col\">CV (m/s)</th>"
        "<th scope=\"col\">Amplitude ratio</th><th scope=\"col\">Area ratio</th><th scope=\"col\">Duration ratio</th>"
        "<th scope=\"col\">Conduction block</th></tr></thead>"
        f"<tbody>{''.join(srows)}</tbody></table>"
    )
    sp = study.snap
    snap = (
        f"<table class=\"mmn-ncs-table\"><caption>Sensory study: {esc(sp.label)} (distal site; illustrative model "
        "values)</caption><thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Value</th></tr></thead><tbody>"
        f"<tr><th scope=\"row\">Amplitude (µV)</th><td>{_fmt(sp.amplitude_uv)}</td></tr>"
        f"<tr><th scope=\"row\">Conduction velocity (m/s)</th><td>{_fmt(sp.cv_m_s, 0)}</td></tr>"
        f"<tr><th scope=\"row\">Verdict</th><td>{'abnormal' if sp.abnormal else 'normal'}</td></tr>"
        "</tbody></table>"
    )
    return f"<div class=\"mmn-ncs-tables\">{motor}{seg}{snap}</div>"


class _HTML:
    """Minimal object with an HTML representation (for a notebook cell)."""

    def __init__(self, html_text: str):
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html


def measurement_table(study: Study) -> _HTML:
    """The measurement tables of ``study`` as a displayable notebook object."""
    return _HTML(measurement_table_html(study))


def verdict_html(study: Study) -> str:
    """The interpretation, the findings and each segment's reasons as HTML (for the live widget)."""
    esc = html.escape
    items = "".join(f"<li>{esc(f.text)}</li>" for f in study.findings)
    segs = "".join(
        f"<li><strong>{esc(s.label)}</strong>: {esc(outcome(s))}. {esc(s.block.text)}</li>"
        for s in study.segments
    )
    return (
        f"<div class=\"mmn-verdict\" role=\"status\" aria-live=\"polite\"><p><strong>Verdict:</strong> "
        f"{esc(study.interpretation)}</p>{checklist_html(study)}<ul>{items}</ul>"
        f"<details><summary>Why: segment by segment</summary><ul>{segs}</ul></details></div>"
    )


_MARK_WORDS = {True: "met", False: "not met", None: "not assessed"}


def checklist_html(study: Study) -> str:
    """The criteria checklist as an accessible HTML table.

    Each row gives the rule, the measured value, and met / not met / not assessed in a symbol AND a word.
    """
    from widgets.conduction.checklist import MARKS, checklist

    esc = html.escape
    c = checklist(study)

    def rows(checks):
        return "".join(
            f"<tr><th scope=\"row\">{esc(k.rule)}</th><td>{esc(k.value)}</td>"
            f"<td>{MARKS[k.met]} {_MARK_WORDS[k.met]}</td></tr>" for k in checks
        )

    head = ("<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Measured</th>"
            "<th scope=\"col\">Result</th></tr></thead>")
    return (
        f"<table class=\"mmn-ncs-table mmn-checklist\"><caption>MMN conduction block rules (EFNS/PNS 2010), "
        f"{esc(c.segment)}: <strong>{esc(c.outcome)}</strong></caption>{head}<tbody>{rows(c.mmn)}</tbody></table>"
        f"<table class=\"mmn-ncs-table mmn-checklist\"><caption>CIDP motor items (EAN/PNS 2021) in this nerve"
        f"</caption>{head}<tbody>{rows(c.cidp)}</tbody></table>"
        # why an item is not graded, in words (the distal duration: filter-dependent cut-offs)
        f"<p class=\"mmn-checklist-note\">{esc(study.cidp.item('distal_duration').text)}</p>"
    )
