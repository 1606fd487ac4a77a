"""Figures of the IVIg model that need no kernel: one course, and the kernel-free explorer.

Both share the layout and the traces with the live view (:mod:`widgets.ivig.views`):

* row 1: serum IgG (g/L) with the infusions marked on the time axis;
* row 2: strength (% of the patient's normal; the tick labels also give grip
  in kg), the untreated course for comparison, and the worn-off days shaded.

:func:`kernel_free_figure` precomputes every combination of a regimen menu
(plotly ``updatemenus``) and a monthly-dose slider (plotly ``sliders``) from
the same model, so the book page works with pure JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from widgets import palette
from widgets.ivig.course import Course, simulate
from widgets.ivig.patients import Patient
from widgets.ivig.regimens import Regimen, induction, maintenance, no_treatment, scig

#: Order of the traces one course contributes (the live view relies on it).
TRACES = ("igg", "infusions", "strength", "worn_off", "untreated")

#: Doses per IVIg infusion (g/kg) offered by the kernel-free slider (SCIg: a quarter of it each week).
DOSES: tuple[float, ...] = (0.4, 0.6, 0.8, 1.0, 1.4, 2.0)
#: Slider position shown first: 1 g/kg, within the guideline range.
START_DOSE = 1.0
#: Kept for callers of the first version: the slider's doses (now per infusion).
MONTHLY_DOSES = DOSES
START_MONTHLY_DOSE = START_DOSE

#: Week at which maintenance follows induction in the kernel-free regimens.
MAINTENANCE_FROM_WEEK = 4
#: Week at which the "stopped" regimen switches to placebo.
STOP_WEEK = 24
#: The regimen without maintenance: the dose slider is hidden while it is shown.
INDUCTION_ONLY = "Induction only (no maintenance)"


def _every(weeks: int) -> Callable[[float], Regimen]:
    return lambda d: induction().then(maintenance(d, weeks), weeks=MAINTENANCE_FROM_WEEK)


#: Kernel-free regimens: menu label -> regimen for a dose per IVIg infusion (g/kg).
KERNEL_FREE_REGIMENS: dict[str, Callable[[float], Regimen]] = {
    **{f"IVIg every {weeks} weeks": _every(weeks) for weeks in range(2, 9)},
    "SCIg weekly, 1:1 grams": lambda d: induction().then(scig(d / 4), weeks=MAINTENANCE_FROM_WEEK),
    f"IVIg every 4 weeks, stopped at week {STOP_WEEK}": lambda d: (
        induction().then(maintenance(d, 4), weeks=MAINTENANCE_FROM_WEEK).then(no_treatment(), weeks=STOP_WEEK)
    ),
    INDUCTION_ONLY: lambda d: induction(),
}

#: What the kernel-free title says about each regimen (second line: what to check).
REGIMEN_NOTES: dict[str, str] = {
    **{
        name: f"{name} from week 4,<br>after induction 2 g/kg over 5 days"
        for name in KERNEL_FREE_REGIMENS
        if name.startswith("IVIg every")
    },
    "SCIg weekly, 1:1 grams": "SCIg weekly from week 4, 1:1 grams:<br>each week a quarter of the IVIg dose",
    f"IVIg every 4 weeks, stopped at week {STOP_WEEK}": f"IVIg every 4 weeks, stopped at week {STOP_WEEK}:<br>placebo from then on",
    INDUCTION_ONLY: "Induction only (no maintenance):<br>one course, 2 g/kg over 5 days",
}


_MEASURE = "<b>Measure</b> grip and MRC sum score<br>at the peak and before each infusion."

_IVIG_SAFETY = (
    "<b>Before the first course:</b><br>"
    "renal function, blood count, IgA,<br>"
    "thrombosis risk. Hydrate, start slowly.<br>"
    "<b>Urgent:</b> bad headache with stiff neck,<br>"
    "chest pain, a swollen leg, weakness<br>"
    "of one side, dark or little urine.<br>"
)

#: Monitoring and adverse-effect note shown under the kernel-free figure for each menu regimen
#: (content from chapter 7, "IVIg in practice"; lines of at most 40 characters so it reads at 390 px).
REGIMEN_SAFETY: dict[str, str] = {
    **{name: _IVIG_SAFETY + _MEASURE for name in KERNEL_FREE_REGIMENS if name.startswith("IVIg every")},
    "SCIg weekly, 1:1 grams": (
        _IVIG_SAFETY + "<b>SCIg:</b> 1:1 is an uncertain start;<br>measure grip and MRC sum, titrate."
    ),
    f"IVIg every 4 weeks, stopped at week {STOP_WEEK}": (
        _IVIG_SAFETY + "<b>After stopping:</b> keep measuring<br>grip and MRC sum score."
    ),
    INDUCTION_ONLY: _IVIG_SAFETY + "<b>Measure</b> grip and MRC sum score<br>before and after the course.",
}


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


ALT = (
    "Two stacked charts over time for one virtual patient with MMN: serum IgG in grams per litre (top) and strength "
    "in percent of the patient's normal, with grip in kilograms (bottom). IgG jumps with each infusion and falls "
    "back over the following weeks; strength rises within days, peaks about two weeks after a course and, when "
    "the next infusion comes late, falls back towards the untreated level (shaded wear-off days). Without "
    "maintenance the benefit of one induction course is gone by about 12 weeks. A menu switches between "
    "regimens and a slider sets the dose per infusion; the legend gives the grams used per year. A note under the "
    "charts lists the checks before a course, the warning symptoms and what to measure for the regimen shown."
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
    return f"{label[0].upper()}{label[1:]}<br><sup>about {course.grams:,.0f} g in {course.weeks:g} weeks</sup>"


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


def kernel_free_figure(patient: Patient | None = None, *, weeks: float = 52) -> go.Figure:
    """Regimen menu × dose slider, every combination precomputed (pure-JS controls, no kernel).

    The menu shows one regimen's traces at a time, names it in the title, and
    hides the dose slider for the regimen without maintenance (where a dose
    would change nothing). Each slider step replaces the data of every
    regimen's traces with those of its dose per infusion; the legend gives the
    grams per year of the regimen shown.
    """
    patient = Patient() if patient is None else patient
    names = list(KERNEL_FREE_REGIMENS)
    courses = {d: [simulate(make(d), patient, weeks=weeks) for make in KERNEL_FREE_REGIMENS.values()] for d in DOSES}
    start = START_DOSE
    first = names.index("IVIg every 4 weeks")

    fig = base_figure(patient, weeks=weeks, title=_regimen_title(names[first], patient))
    for i, course in enumerate(courses[start]):
        for trace in course_traces(course, visible=(i == first)):
            fig.add_trace(trace)
    fixed_names = [trace.name for trace in fig.data]

    n = len(TRACES)
    buttons = [
        dict(
            label=name,
            method="update",
            args=[
                {"visible": [j // n == i for j in range(n * len(names))]},
                {
                    "title.text": _regimen_title(name, patient),
                    "sliders[0].visible": name != INDUCTION_ONLY,
                    "annotations[0].text": REGIMEN_SAFETY[name],
                },
            ],
        )
        for i, name in enumerate(names)
    ]
    steps = []
    for d in DOSES:
        data = [(key, series(course)) for course in courses[d] for key in TRACES]
        steps.append(
            dict(
                label=f"{d:g} g/kg ({d * patient.weight_kg:.0f} g)",
                method="restyle",
                args=[
                    {
                        "x": [s[key]["x"] for key, s in data],
                        "y": [s[key]["y"] for key, s in data],
                        "name": [s[key].get("name", fixed) for (key, s), fixed in zip(data, fixed_names, strict=True)],
                    }
                ],
            )
        )
    fig.update_layout(
        updatemenus=[
            dict(
                type="dropdown",
                buttons=buttons,
                active=first,
                showactive=True,
                x=0,
                xanchor="left",
                y=1.03,
                yanchor="bottom",
            )
        ],
        sliders=[
            dict(
                active=DOSES.index(start),
                steps=steps,
                currentvalue=dict(prefix="IVIg dose per infusion: "),
                x=0,
                len=1.0,
                y=-0.46,
                yanchor="top",
                pad=dict(t=10, b=10),
                visible=True,
            )
        ],
        legend=dict(orientation="v", yanchor="top", y=-0.1, x=0),
        height=1000,
        margin=dict(t=150, b=470),
        annotations=[
            dict(
                text=REGIMEN_SAFETY[names[first]],
                xref="paper",
                yref="paper",
                x=0,
                xshift=-100,  # start under the legend, left of the axis labels, so lines fit at 390 px
                y=-0.74,
                xanchor="left",
                yanchor="top",
                align="left",
                showarrow=False,
                font=dict(size=13),
            )
        ],
    )
    return fig


def _regimen_title(name: str, patient: Patient) -> str:
    note = "dose per infusion on the slider below" if name != INDUCTION_ONLY else "no maintenance doses"
    return f"{REGIMEN_NOTES[name]}<br><sup>{patient.weight_kg:g} kg patient; {note}</sup>"
