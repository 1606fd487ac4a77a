"""Static pictures of a study: stacked traces like an EMG screen.

Tables are in :mod:`tables`, the phase cancellation figure in :mod:`phase_figure`.

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
from widgets.conduction.tables import (  # noqa: F401  (re-exported: callers import them from here)
    checklist_html,
    measurement_table,
    measurement_table_html,
    verdict_html,
)
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
    """The short verdict shown under the traces.

    The interpretation's leading sentences, whole, up to :data:`VERDICT_MAX_CHARS` characters (at least the
    first sentence).
    """
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


def study_view(study: Study, *, title: str | None = None):
    """A :func:`study_figure` as an :class:`~widgets.display.Explorable` with its text alternative."""
    from widgets.display import Explorable

    return Explorable(live=lambda: study_figure(study, title=title), static=lambda: study_figure(study, title=title),
                      alt=describe_study(study))
