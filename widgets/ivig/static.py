"""Figures of the IVIg model that need no kernel: one course, and the book's in-page explorer.

The course figure shares its layout and traces with the live view (:mod:`widgets.ivig.views`) and with the
in-page explorer, whose layout and trace styles :func:`figure_template` exports:

* row 1: serum IgG (g/L) with the infusions marked on the time axis;
* row 2: strength (% of the patient's normal; the tick labels also give grip
  in kg), the untreated course for comparison, and the worn-off days shaded.

:func:`explorer_html` is the mount point of the book's explorer: the browser runs the model
(``book/_ext/mmn_book/js/ivig-model.js``, held to this package by parity tests) on a table exported at build
time (``mmn_book.ivig_tables``), with presets (:data:`PRESETS`), notes (:data:`SAFETY_NOTES`) and the figure
template from here.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from widgets import palette
from widgets.ivig.course import Course, simulate
from widgets.ivig.explorer_state import MAINTENANCE_FROM_WEEK, ExplorerState  # noqa: F401  (re-exported for views)
from widgets.ivig.patients import Patient
from widgets.ivig.regimens import Regimen

#: Order of the traces one course contributes (the live view relies on it).
TRACES = ("igg", "infusions", "strength", "worn_off", "untreated")

#: Week at which the "stopped" preset switches to placebo.
STOP_WEEK = 24


def monitoring_note(regimen: Regimen) -> str:
    """One line of safety and monitoring advice for ``regimen`` (chapter 7 gives the sources)."""
    label = regimen.label
    if "SCIg" in label:
        return "After a switch to SCIg: measure grip and MRC sum score, and titrate from 1:1."
    if "no treatment" in label:
        return "After stopping: measure grip every few weeks; wear-off shows within weeks."
    if "IVIg" not in label:
        return "Before the course: renal function, blood count, IgA, thrombosis risk; hydrate and infuse slowly."
    return (
        "Before each course: renal function and blood count; hydrate, infuse slowly; measure grip at peak and trough."
    )


def _round(values: np.ndarray, decimals: int) -> list[float]:
    return np.round(np.asarray(values, dtype=float), decimals).tolist()


#: How far a thinned line may pass from a dropped point (see :func:`series`): g/L for IgG, % of
#: normal strength for the others; a tenth of a pixel or less on the book's figures.
THIN_TOLERANCE = {"igg": 0.05, "strength": 0.1, "worn_off": 1.0, "untreated": 0.1}


def series(course: Course) -> dict[str, dict]:
    """The data of the five traces (see :data:`TRACES`) for ``course``, from its daily values, rounded.

    Each line keeps only the points needed to draw it within :data:`THIN_TOLERANCE`
    (:func:`widgets.polyline.keep_points`), so lines have their own ``x``: a flat untreated course
    or the wear-off band shrinks to a few points, while every infusion's peak stays.
    """
    from widgets.polyline import keep_points

    weeks = np.asarray(_round(course.days / 7.0, 3))
    kind = np.where(course.infusion_route == "sc", "SCIg", "IVIg")
    doses = zip(course.infusion_days, course.infusion_g, kind, strict=True)

    def line(key: str, values: np.ndarray, decimals: int) -> dict:
        y = np.round(np.asarray(values, dtype=float), decimals)
        mask = keep_points(weeks, y, THIN_TOLERANCE[key])
        return dict(x=weeks[mask].tolist(), y=y[mask].tolist())

    return {
        "igg": line("igg", course.igg_g_l, 2),
        "infusions": dict(
            x=_round(course.infusion_days / 7.0, 3),
            y=[0.0] * len(course.infusion_days),
            text=[f"day {d}: {g:.0f} g {k}" for d, g, k in doses],
            name=f"Infusions: about {course.grams_per_year:,.0f} g per year",
        ),
        "strength": line("strength", course.strength_pct, 2),
        "worn_off": line("worn_off", np.where(course.worn_off, 100.0, 0.0), 0),
        "untreated": line("untreated", course.untreated_strength_pct, 2),
    }


def course_traces(course: Course, *, line_width: float = 2.5, visible: bool = True) -> list[go.Scatter]:
    """The five traces of one course, in the order of :data:`TRACES`, on the axes of :func:`base_figure`."""
    d = series(course)
    igg_style, strength_style, untreated_style = palette.style(0), palette.style(1), palette.style(2)
    return [
        go.Scatter(
            **d["igg"],
            name="Serum IgG (g/L)",
            mode="lines",
            line=dict(color=igg_style.color, dash=igg_style.dash, width=line_width),
            hovertemplate="week %{x:.1f}: IgG %{y:.1f} g/L<extra></extra>",
            xaxis="x",
            yaxis="y",
            visible=visible,
        ),
        go.Scatter(
            **d["infusions"],
            mode="markers",
            marker=dict(symbol="triangle-up", size=4 * line_width + 2, color=palette.HIGHLIGHT.color),
            hovertemplate="%{text}<extra></extra>",
            xaxis="x",
            yaxis="y",
            cliponaxis=False,
            visible=visible,
        ),
        go.Scatter(
            **d["strength"],
            name="Strength on this regimen",
            mode="lines",
            line=dict(color=strength_style.color, dash="solid", width=line_width),
            hovertemplate="week %{x:.1f}: strength %{y:.0f}% of normal<extra></extra>",
            xaxis="x2",
            yaxis="y2",
            visible=visible,
        ),
        go.Scatter(
            **d["worn_off"],
            name="Worn off (below half the achievable effect)",
            mode="lines",
            line=dict(width=0, shape="hv", color=palette.SHADE),
            fill="tozeroy",
            fillcolor=palette.SHADE,
            hoverinfo="skip",
            xaxis="x2",
            yaxis="y2",
            visible=visible,
        ),
        go.Scatter(
            **d["untreated"],
            name="Strength without treatment",
            mode="lines",
            line=dict(color=untreated_style.color, dash=untreated_style.dash, width=line_width * 0.8),
            hovertemplate="week %{x:.1f}: untreated %{y:.0f}% of normal<extra></extra>",
            xaxis="x2",
            yaxis="y2",
            visible=visible,
        ),
    ]


STRENGTH_TICKS = (0, 20, 40, 60, 80, 100)


def grip_ticktext(patient: Patient) -> list[str]:
    """Tick labels of the strength axis: percent of normal and the patient's grip in kg."""
    return [f"{t}% · {t / 100 * patient.normal_grip_kg:.0f} kg" for t in STRENGTH_TICKS]


def course_title(course: Course) -> str:
    """Figure title: the regimen (one line per phase) and the grams it uses."""
    label = course.regimen.label.replace(", then ", ",<br>then ")
    return f"{label[0].upper()}{label[1:]}<br><sup>{grams_text(course)}</sup>"


def grams_text(course: Course) -> str:
    """``about 983 g in 52 weeks``: the grams rounded to micrograms first, so a sum's last bit cannot flip it."""
    return f"about {round(course.grams, 6):,.0f} g in {course.weeks:g} weeks"


def base_figure(patient: Patient, *, weeks: float, presenter: bool = False, title: str = "") -> go.Figure:
    """Empty two-row figure with axis titles (units) and grip-in-kg tick labels for ``patient``."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.09, row_heights=[0.45, 0.55])
    font = 22 if presenter else 14
    height = 760 if presenter else 620
    fig.update_layout(
        # plotly anchors a multi-line title by its first line: leave that line room above it
        title=dict(text=title, yref="container", y=1 - (10 + 1.2 * font) / height, yanchor="top"),
        height=height,
        font=dict(size=font),
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
        margin=dict(t=30 + round(1.6 * font) * (title.count("<br>") + 1), b=120),
        hovermode="closest",
    )
    fig.update_yaxes(title_text="Serum IgG (g/L)", rangemode="tozero", gridcolor=palette.GRID, row=1, col=1)
    fig.update_yaxes(
        title_text="Strength, % of normal (grip, kg)",
        range=[0, 105],
        tickvals=list(STRENGTH_TICKS),
        ticktext=grip_ticktext(patient),
        gridcolor=palette.GRID,
        row=2,
        col=1,
    )
    fig.update_xaxes(range=[0, weeks], gridcolor=palette.GRID)
    fig.update_xaxes(title_text="Time since the first infusion (weeks)", row=2, col=1)
    return fig


def course_figure(course: Course, *, presenter: bool = False) -> go.Figure:
    """Static figure of one simulated course: IgG, infusions, strength, untreated strength, wear-off."""
    fig = base_figure(course.patient, weeks=course.weeks, presenter=presenter, title=course_title(course))
    for trace in course_traces(course, line_width=5 if presenter else 2.5):
        fig.add_trace(trace)
    return fig


# --------------------------------------------------------------------------- the in-page explorer (JavaScript)
#: Treatment controls a preset sets (the patient controls keep their values).
TREATMENT_CONTROLS = ("induction", "route", "dose_g_per_kg", "every_weeks", "scig_weekly_g_per_kg", "stop_week")


def _preset(label: str, **state) -> dict:
    values = dataclasses.asdict(ExplorerState(**state))  # validated like any state
    return {"label": label, "state": {name: values[name] for name in TREATMENT_CONTROLS}}


#: The explorer's presets: each sets every treatment control (a moved control then shows "custom").
PRESETS: list[dict] = [
    _preset("Induction, then IVIg 1 g/kg every 4 weeks"),
    _preset("Induction, then IVIg 1 g/kg every 3 weeks", every_weeks=3),
    _preset("Induction, then IVIg 2 g/kg every 8 weeks", dose_g_per_kg=2.0, every_weeks=8),
    _preset("Induction, then SCIg weekly, 1:1 grams", route="sc", scig_weekly_g_per_kg=0.25),
    _preset(f"IVIg every 4 weeks, stopped at week {STOP_WEEK}", stop_week=STOP_WEEK),
    _preset("Induction only (no maintenance)", route="none"),
    _preset("No treatment", induction=False, route="none"),
]

_BEFORE = (
    "<b>Before the first course:</b> renal function, blood count, IgA, thrombosis risk. Hydrate, start slowly. "
    "<b>Urgent:</b> bad headache with stiff neck, chest pain, a swollen leg, weakness of one side, dark or little urine."
)
#: Safety and monitoring note under the explorer, by :attr:`ExplorerState.note_key`
#: (content from chapter 7, "IVIg in practice").
SAFETY_NOTES: dict[str, str] = {
    "iv": _BEFORE + " <b>Measure</b> grip and MRC sum score at the peak and before each infusion.",
    "sc": _BEFORE + " <b>SCIg:</b> 1:1 is an uncertain start; measure grip and MRC sum score, and titrate.",
    "stopped": _BEFORE + " <b>After stopping:</b> keep measuring grip and MRC sum score; wear-off shows within weeks.",
    "induction": _BEFORE + " <b>Measure</b> grip and MRC sum score before and after the course.",
    "none": "<b>Untreated:</b> axons are lost slowly; measure grip and MRC sum score and discuss treatment.",
}

EXPLORER_ALT = (
    "An IVIg simulator computed in the page. Controls: a preset regimen; induction on or off; maintenance by IVIg, "
    "SCIg or none; the IVIg dose per infusion and the interval in weeks; the weekly SCIg dose; a week at which "
    "maintenance stops; the years shown; and the patient (a virtual person, weight, own IgG before treatment, "
    "responder type, years untreated). Two stacked charts over time: serum IgG in grams per litre with the "
    "infusions marked (top) and strength in percent of the patient's normal with grip in kilograms, the untreated "
    "course and the worn-off days shaded (bottom). The heading names the regimen shown; a summary gives the grams "
    "per year, IgG trough and peak, mean strength and worn-off days per cycle; a note gives the checks before a "
    "course and what to measure."
)


def figure_template() -> dict:
    """Layout and trace styles of the explorer's figure (no data, no title): the browser fills them in."""
    state = ExplorerState()
    fig = course_figure(simulate(state.regimen(), state.patient(), weeks=state.weeks)).to_plotly_json()
    layout = fig["layout"]
    layout.pop("title", None)
    layout["margin"] = dict(t=20, b=40, l=60, r=10)
    layout["height"] = 520
    layout["legend"] = dict(orientation="h", yanchor="top", y=-0.1, x=0)
    traces = [{k: v for k, v in t.items() if k not in ("x", "y", "text")} for t in fig["data"]]
    traces[TRACES.index("infusions")]["name"] = "Infusions (grams a year: see the summary)"
    wide = {
        "font_size": layout["font"]["size"],
        "xaxis2_title": layout["xaxis2"]["title"]["text"],
        "yaxis_title": layout["yaxis"]["title"]["text"],
        "yaxis2_title": layout["yaxis2"]["title"]["text"],
        "margin": layout["margin"],
    }
    narrow = {
        "below_px": 560,
        "font_size": 12,
        "xaxis2_title": "Weeks since the first infusion",
        "yaxis_title": "IgG (g/L)",
        "yaxis2_title": "Strength, % (grip, kg)",
        "margin": dict(t=10, b=30, l=50, r=6),
    }
    return {"layout": layout, "traces": traces, "trace_keys": list(TRACES), "wide": wide, "narrow": narrow}


def explorer_html(start: dict | None = None, *, label: str = "", uid: str = "ivig-explorer") -> str:
    """Mount point of the in-page IVIg explorer; ``js/ivig-explorer.js`` builds its controls and figure.

    ``start`` overrides fields of the default :class:`~widgets.ivig.explorer_state.ExplorerState` (validated here);
    ``label`` names that starting state in the preset menu (e.g. "Start of exercise 1"). The model's table is
    served once per page as ``ivig-table.js``.
    """
    import html
    import json

    state = dataclasses.asdict(ExplorerState(**(start or {})))
    given = sorted(start or {})  # the fields the question sets (the explorer folds the patient box if none is one)
    data = html.escape(json.dumps({"state": state, "label": label, "given": given}, separators=(",", ":")), quote=True)
    return (
        f'<div class="mmn-ivig" id="{html.escape(uid)}" data-start="{data}">'
        '<p class="mmn-ivig__noscript">The IVIg simulator needs JavaScript.</p></div>'
    )
