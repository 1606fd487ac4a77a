"""Static pictures of a study: stacked traces like an EMG screen, and the measurement table.

:func:`study_layers` turns a :class:`Study` into plain data (decimated trace
values, marker shapes, labels, verdict text). :func:`study_figure` draws it;
the live widget and the kernel-free figure update the same layers in place, so
all three look alike. Traces are plotted negative-up (EMG convention), one per
stimulation site, distal at the top, offset vertically; a scale bar gives the
gain.
"""

from __future__ import annotations

import html
import math
import re
import textwrap

import numpy as np
import plotly.graph_objects as go

from widgets import palette
from widgets.conduction.checklist import outcome
from widgets.conduction.study import Study

#: Most stimulation sites of any nerve (trace slots of a figure).
MAX_SITES = 5
#: Points per trace in a figure (the kernel-free figure keeps page weight small).
STATIC_POINTS = 200
LIVE_POINTS = 300


def _nice_scale(span: float) -> float:
    """A round scale-bar height (mV) of about a third of ``span``."""
    for v in (0.5, 1, 2, 5, 10, 20):
        if v >= span / 3:
            return float(v)
    return 50.0


def wrap(text: str, width: int = 105) -> str:
    """Wrap ``text`` for a plotly annotation (``<br>`` line breaks, HTML-escaped)."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width))


#: Longest verdict drawn under the traces (characters): about four lines; the whole interpretation is in the
#: text alternative and the chapter's words.
VERDICT_MAX_CHARS = 220
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def verdict_text(study: Study) -> str:
    """The short verdict shown under the traces: the interpretation's leading sentences, whole, up to
    :data:`VERDICT_MAX_CHARS` characters (at least the first sentence)."""
    sentences = _SENTENCE_END.split(study.interpretation.strip())
    out = sentences[0]
    for sentence in sentences[1:]:
        if len(out) + 1 + len(sentence) > VERDICT_MAX_CHARS:
            break
        out = f"{out} {sentence}"
    return out


#: Characters per line of the verdict and checklist under the traces (fits a 390 px phone screen).
VERDICT_WRAP = 50


def checklist_lines(study: Study, width: int = VERDICT_WRAP) -> list[str]:
    """The criteria checklist (:mod:`checklist`) as escaped, wrapped lines with bold headers."""
    from widgets.conduction.checklist import checklist

    c = checklist(study)
    out = ["<b>MMN block rules (EFNS/PNS 2010)</b>",
           f"<b>{html.escape(c.segment[0].upper() + c.segment[1:])}: {html.escape(c.outcome.upper())}</b>"]
    for chk in c.mmn:
        out += [("  " if i else "") + html.escape(x)
                for i, x in enumerate(textwrap.wrap(chk.line, width, subsequent_indent="   "))]
    out.append("<b>CIDP motor items in this nerve (EAN/PNS 2021)</b>")
    for chk in c.cidp:
        out += [html.escape(x) for x in textwrap.wrap(chk.line, width, subsequent_indent="   ")]
    return out


def verdict_block(study: Study, width: int = VERDICT_WRAP) -> str:
    """Short verdict in words, then the checklist (plotly annotation text, ``<br>`` line breaks)."""
    return wrap(verdict_text(study), width) + "<br> <br>" + "<br>".join(checklist_lines(study, width))


def study_layers(study: Study, *, n_points: int = STATIC_POINTS, decimals: int = 2, presenter: bool = False,
                 title_width: int = 58) -> dict:
    """Everything a stacked-trace figure shows for ``study``, as plain lists and dicts.

    Keys: ``x0``, ``dx`` (ms), ``ys`` (one list per trace slot, empty when the
    nerve has fewer sites), ``names``, ``visible``, ``shapes`` (onset and peak
    cursors, scale bar), ``annotations`` (site labels with latency and
    amplitude, scale-bar label, verdict), ``x_range``, ``y_range``, ``title``.
    """
    t = study.time_ms
    t_end = float(t[-1])
    xs = np.linspace(0.0, t_end, n_points)
    dx = t_end / (n_points - 1)
    n = len(study.sites)
    peaks = [max(float(np.max(-s.cmap_mv)), 0.0) for s in study.sites]
    troughs = [max(float(np.max(s.cmap_mv)), 0.0) for s in study.sites]
    spacing = max(max(p + q for p, q in zip(peaks, troughs)) * 1.15, 1.0)
    offsets = [(n - 1 - k) * spacing for k in range(n)]
    ys, names, visible = [], [], []
    shapes, annotations = [], []
    font = 20 if presenter else 13
    for k in range(MAX_SITES):
        if k >= n:
            ys.append([])
            names.append("")
            visible.append(False)
            continue
        s = study.sites[k]
        y = np.round(np.interp(xs, t, -s.cmap_mv) + offsets[k], decimals)
        ys.append(y.tolist())
        names.append(s.label)
        visible.append(True)
        st = palette.style(k)
        if math.isfinite(s.latency_ms):
            # onset cursor (vertical tick) and negative-peak cursor (horizontal tick)
            h = 0.18 * spacing
            shapes.append(dict(type="line", x0=round(s.latency_ms, 2), x1=round(s.latency_ms, 2),
                               y0=round(offsets[k] - h, 3), y1=round(offsets[k] + h, 3),
                               line=dict(color=st.color, width=2)))
            py = offsets[k] + s.amplitude_mv
            shapes.append(dict(type="line", x0=round(s.peak_ms - 0.8, 2), x1=round(s.peak_ms + 0.8, 2),
                               y0=round(py, 3), y1=round(py, 3), line=dict(color=st.color, width=2)))
            label = f"<b>{html.escape(s.label)}</b>  {s.latency_ms:.1f} ms  {s.amplitude_mv:.1f} mV"
        else:
            label = f"<b>{html.escape(s.label)}</b>  no response"
        if s.note:
            label += "  (submaximal)"
        annotations.append(dict(x=t_end, y=offsets[k] + 0.12 * spacing, xref="x", yref="y", text=label,
                                showarrow=False, xanchor="right", yanchor="bottom",
                                font=dict(size=font, color=st.color)))
    bar = _nice_scale(spacing)
    bx = t_end * 0.985
    y_top = offsets[0] + spacing * 0.95
    shapes.append(dict(type="line", x0=bx, x1=bx, y0=round(y_top - bar, 3), y1=round(y_top, 3),
                       line=dict(color=palette.TEXT, width=3)))
    annotations.append(dict(x=bx, y=y_top - bar / 2, xref="x", yref="y", text=f"{bar:g} mV", showarrow=False,
                            xanchor="right", xshift=-6, font=dict(size=font - 1, color=palette.TEXT)))
    annotations.append(dict(x=0, y=-0.16, xref="paper", yref="paper", xanchor="left", yanchor="top", align="left",
                            showarrow=False, text=verdict_block(study, width=44 if presenter else VERDICT_WRAP),
                            font=dict(size=font - 1, color=palette.TEXT)))
    who = f"{study.nerve.label} ({_short_muscle(study.nerve.muscle)})"
    title = who if study.preset is None else f"{who} · {_preset_title(study.preset)}"
    title = "<br>".join(textwrap.wrap(title, 40 if presenter else title_width))
    return dict(
        x0=0.0,
        dx=dx,
        ys=ys,
        names=names,
        visible=visible,
        shapes=shapes,
        annotations=annotations,
        x_range=[0.0, t_end],
        y_range=[round(-spacing * 0.6, 3), round(offsets[0] + spacing * 1.05, 3)],
        title=title,
    )


def _short_muscle(muscle: str) -> str:
    """``"abductor digiti minimi (ADM)"`` → ``"ADM"``."""
    if "(" in muscle and muscle.endswith(")"):
        return muscle[muscle.rindex("(") + 1 : -1]
    return muscle


def _preset_title(name: str) -> str:
    from widgets.conduction.presets import PRESETS

    return PRESETS[name].title if name in PRESETS else name


def base_figure(*, presenter: bool = False, height: int | None = None) -> go.Figure:
    """Empty stacked-trace figure with :data:`MAX_SITES` styled trace slots."""
    width = 4 if presenter else 2
    fig = go.Figure()
    for k in range(MAX_SITES):
        st = palette.style(k)
        fig.add_trace(go.Scatter(y=[], x0=0.0, dx=1.0, mode="lines", name="", line=dict(color=st.color, dash=st.dash,
                                 width=width), hovertemplate="%{x:.1f} ms<extra>%{fullData.name}</extra>"))
    font = 20 if presenter else 14
    fig.update_layout(
        height=height or (760 if presenter else 600),
        showlegend=False,
        margin=dict(l=70, r=20, t=60, b=170 if not presenter else 220),
        font=dict(size=font),
        xaxis=dict(title=dict(text="Time after the stimulus (ms)"), gridcolor=palette.GRID, zeroline=False),
        yaxis=dict(title=dict(text="CMAP (mV, negative up; one trace per site)"), showticklabels=False,
                   showgrid=False, zeroline=False),
    )
    return fig


def apply_layers(fig: go.Figure, layers: dict) -> None:
    """Write ``layers`` into ``fig`` (used for a new figure and for live updates inside ``batch_update``)."""
    for k in range(MAX_SITES):
        tr = fig.data[k]
        tr.y = layers["ys"][k]
        tr.x0 = layers["x0"]
        tr.dx = layers["dx"]
        tr.name = layers["names"][k]
        tr.visible = layers["visible"][k]
    fig.layout.shapes = layers["shapes"]
    fig.layout.annotations = layers["annotations"]
    fig.layout.xaxis.range = layers["x_range"]
    fig.layout.yaxis.range = layers["y_range"]
    fig.layout.title.text = layers["title"]


def study_figure(study: Study, *, title: str | None = None, presenter: bool = False,
                 n_points: int = STATIC_POINTS) -> go.Figure:
    """Static stacked traces of one study (negative up, one trace per site, verdict underneath).

    ``title`` replaces the default (nerve, muscle and preset).
    """
    fig = base_figure(presenter=presenter)
    layers = study_layers(study, n_points=n_points, presenter=presenter)
    if title is not None:
        layers["title"] = title
    apply_layers(fig, layers)
    # room under the traces for the verdict and the criteria checklist
    lines = max((a["text"].count("<br>") + 1 for a in layers["annotations"] if a.get("yref") == "paper"), default=4)
    bottom = 110 + (24 if presenter else 17) * lines
    fig.update_layout(margin=dict(b=bottom, l=70 if presenter else 30, r=10),
                      height=(560 if presenter else 440) + bottom)
    fig.layout.yaxis.title.text = "CMAP (mV, negative up)"
    fig.layout.annotations = [
        {**a.to_plotly_json(), "y": -90 / 440} if a.yref == "paper" else a for a in fig.layout.annotations
    ]
    return fig


def describe_study(study: Study) -> str:
    """Text alternative of :func:`study_figure`: what the traces show, in words."""
    parts = []
    for s in study.sites:
        if math.isfinite(s.latency_ms):
            parts.append(f"{s.label}: latency {s.latency_ms:.1f} ms, amplitude {s.amplitude_mv:.1f} mV, "
                         f"duration {s.duration_ms:.1f} ms")
        else:
            parts.append(f"{s.label}: no response")
    return (f"Stacked compound muscle action potentials of the {study.nerve.label.lower()}, recording "
            f"{study.nerve.muscle}, one trace per stimulation site from distal (top) to proximal (bottom). "
            + "; ".join(parts) + ". " + study.interpretation)


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
    """The criteria checklist as an accessible table: rule, measured value, and met / not met / not assessed
    in a symbol AND a word."""
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
    )


def phase_cancellation_figure(nerve: str = "median", *, dispersion: float = 0.5, seed: int = 0) -> go.Figure:
    """CMAP and SNAP at the two ends of the key segment with the same per-axon dispersion.

    Left: CMAP at the distal site and across the segment; right: the SNAP. The
    titles give the share of negative-peak area each keeps. Long motor-unit
    potentials overlap and keep their area; short sensory potentials cancel.
    """
    from plotly.subplots import make_subplots

    from widgets.conduction.lesions import Lesion
    from widgets.conduction.model import simulate
    from widgets.conduction.reference_values import get_nerve

    spec = get_nerve(nerve)
    seg = spec.segment(spec.key_segment)
    s = simulate(nerve, lesions=(Lesion(seg.name, dispersion=dispersion, sensory=True),), seed=seed)
    m = s.segment(seg.name)
    sn = s.snap.segments[0]
    d, p = s.sites[0], s.sites[1]
    sd, sp = s.snap.sites[0], s.snap.sites[1]
    fig = make_subplots(
        rows=1, cols=2, horizontal_spacing=0.1,
        subplot_titles=(
            f"CMAP keeps {m.area_ratio:.0%} of its area",
            f"SNAP keeps {sn.area_ratio:.0%} of its area",
        ),
    )
    t = s.time_ms
    for col, (a, b, unit, ya, yb) in enumerate(
        ((d, p, "mV", -d.cmap_mv, -p.cmap_mv), (sd, sp, "µV", -sd.snap_uv, -sp.snap_uv)), start=1
    ):
        # show from the stimulus to a little after the proximal response, at most STATIC_POINTS points
        end = b.latency_ms if math.isfinite(b.latency_ms) else a.latency_ms + 10
        t_end = min(float(t[-1]), end + (20.0 if col == 1 else 8.0))
        xs = np.linspace(0.0, t_end, STATIC_POINTS)
        for k, (site, y) in enumerate(((a, ya), (b, yb))):
            st = palette.style(k)
            fig.add_trace(
                go.Scatter(x0=0.0, dx=round(float(xs[1] - xs[0]), 5), y=np.round(np.interp(xs, t, y), 2).tolist(),
                           mode="lines",
                           name=f"{'CMAP' if col == 1 else 'SNAP'}, {site.label}",
                           line=dict(color=st.color, dash=st.dash, width=2.5)),
                row=1, col=col,
            )
        fig.update_yaxes(title_text=f"{'CMAP' if col == 1 else 'SNAP'} ({unit}, negative up)", row=1, col=col,
                         gridcolor=palette.GRID)
        fig.update_xaxes(title_text="Time after the stimulus (ms)", row=1, col=col, gridcolor=palette.GRID,
                         range=[0, t_end])
    fig.update_layout(
        height=430,
        title=dict(text=f"Same dispersion ({dispersion:.0%}) in the {seg.label.split(' (')[0]}: "
                        f"{spec.label.lower()}, distal site and across the segment"),
        legend=dict(orientation="h", y=-0.25),
        margin=dict(b=110),
    )
    return fig


def study_view(study: Study, *, title: str | None = None):
    """A :func:`study_figure` as an :class:`~widgets.display.Explorable` with its text alternative."""
    from widgets.display import Explorable

    return Explorable(live=lambda: study_figure(study, title=title), static=lambda: study_figure(study, title=title),
                      alt=describe_study(study))


def phase_cancellation_view(nerve: str = "median", *, dispersion: float = 0.5):
    """:func:`phase_cancellation_figure` with its text alternative."""
    from widgets.display import Explorable

    fig = phase_cancellation_figure(nerve, dispersion=dispersion)
    t1 = fig.layout.annotations[0].text
    t2 = fig.layout.annotations[1].text
    alt = (f"Two panels, {nerve} nerve, the same temporal dispersion in one segment. Left: the CMAP after distal "
           f"stimulation and after stimulation across the segment; {t1}. Right: the SNAP for the same sites; {t2}. "
           "Short sensory potentials cancel each other much more than long motor-unit potentials.")
    return Explorable(live=lambda: fig, static=lambda: fig, alt=alt)
