"""Plotly drawing of the body map: one state, or every state with pure-JavaScript controls.

:func:`figure` draws one disease at one time point. :func:`explorer_figure`
draws the same map with a disease selector (plotly buttons) and a time slider
(plotly slider) whose steps carry precomputed states, so the book can show
every state with no kernel.

Weakness is shown three ways at once, so colour is never the only cue: a
colour-blind-safe sequential fill (light to dark blue), a fill pattern that
gets denser with severity, and the grade number printed in the region.
"""

from __future__ import annotations

import textwrap
from typing import Any

import plotly.graph_objects as go

from widgets import palette
from widgets.bodymap.patterns import DISEASES, GRADES, YEARS, Finding, check_disease, check_year, pattern
from widgets.bodymap.regions import REGIONS

#: Fill colour of each weakness grade: ColorBrewer "Blues" (sequential, colour-blind safe).
GRADE_COLOURS: tuple[str, ...] = ("#f2f2f2", "#c6dbef", "#6baed6", "#08519c")
#: Fill pattern of each grade (none, dots, stripes, cross-hatch).
GRADE_PATTERNS: tuple[str, ...] = ("", ".", "/", "x")
#: Colour of the pattern over each grade's fill (dark on light fills, white on the darkest).
PATTERN_INK: tuple[str, ...] = ("#f2f2f2", "#4a6f99", "#08306b", "#ffffff")
#: Colour of the grade number on each fill.
TEXT_INK: tuple[str, ...] = (palette.TEXT, palette.TEXT, palette.TEXT, "#ffffff")

SENSORY_COLOUR = palette.STYLES[1].color  # vermillion
UMN_COLOUR = palette.STYLES[3].color  # reddish purple
OUTLINE = "#555555"
HEIGHT = 640
#: Axis ranges of the map (body on the left, legend and summary on the right), in body units.
X_RANGE = (-4.6, 8.2)
Y_RANGE = (-0.2, 14.3)

# Trace layout of every body-map figure (the slider and buttons rely on these indices).
_N = len(REGIONS)
_LABELS = _N  # grade numbers at the region centres (with the hover text)
_SENSORY = _N + 1  # "S" markers
_UMN = _N + 2  # "U" markers
STATE_TRACES: tuple[int, ...] = tuple(range(_N + 3))

YEAR_LABELS = {0: "at onset", 1: "after 1 year", 3: "after 3 years", 5: "after 5 years"}


def _title(disease: str, year: int) -> str:
    p = pattern(disease)
    return f"{p.name}: {YEAR_LABELS[year]}<br><span style='font-size:12px'>Schematic illustration, not patient data</span>"


def _hover(region_label: str, f: Finding) -> str:
    parts = [f"<b>{region_label}</b>", GRADES[f.weakness]]
    if f.sensory_loss:
        parts.append("sensory loss")
    if f.umn_signs:
        parts.append("upper motor neuron signs")
    if f.note:
        parts.append(f.note)
    return "<br>".join(parts)


def state(disease: str, year: int) -> dict[str, list[Any]]:
    """Per-trace values of one state, aligned with :data:`STATE_TRACES` (input of ``Plotly.restyle``)."""
    findings = pattern(disease).findings(check_year(year))
    fs = [findings[r.id] for r in REGIONS]
    grades = [f.weakness for f in fs]
    blank = [None] * _N
    return {
        "fillcolor": [GRADE_COLOURS[g] for g in grades] + [None] * 3,
        "fillpattern.shape": [GRADE_PATTERNS[g] for g in grades] + [None] * 3,
        "fillpattern.fgcolor": [PATTERN_INK[g] for g in grades] + [None] * 3,
        "text": blank
        + [
            [str(g) if g else "" for g in grades],
            ["S" if f.sensory_loss else "" for f in fs],
            ["U" if f.umn_signs else "" for f in fs],
        ],
        "textfont.color": blank + [[TEXT_INK[g] for g in grades], "#ffffff", "#ffffff"],
        "hovertext": blank + [[_hover(r.label, f) for r, f in zip(REGIONS, fs, strict=True)], None, None],
        "marker.opacity": blank
        + [0, [1 if f.sensory_loss else 0 for f in fs], [1 if f.umn_signs else 0 for f in fs]],
    }


def _layout_state(disease: str, year: int) -> dict[str, Any]:
    p = pattern(disease)
    return {"title.text": _title(disease, year), "annotations[0].text": _summary(p.summary)}


def _summary(text: str) -> str:
    """The disease summary wrapped into short lines for the side panel."""
    return "<br>".join(textwrap.wrap(text, 34))


def _base(disease: str, year: int) -> go.Figure:
    s = state(disease, year)
    traces: list[go.Scatter] = []
    for i, r in enumerate(REGIONS):
        xs, ys = zip(*(r.outline + r.outline[:1]), strict=True)
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=s["fillcolor"][i],
                fillpattern=dict(shape=s["fillpattern.shape"][i], fgcolor=s["fillpattern.fgcolor"][i], size=7, solidity=0.25),
                line=dict(color=OUTLINE, width=1.2),
                hoverinfo="skip",
                showlegend=False,
                name=r.label,
            )
        )
    cx, cy = zip(*(r.centre for r in REGIONS), strict=True)
    traces.append(
        go.Scatter(
            x=cx,
            y=cy,
            mode="markers+text",
            marker=dict(size=22, color="rgba(0,0,0,0)"),
            text=s["text"][_LABELS],
            textfont=dict(size=15, color=s["textfont.color"][_LABELS], family="system-ui, sans-serif"),
            hovertext=s["hovertext"][_LABELS],
            hoverinfo="text",
            showlegend=False,
            name="weakness grade",
        )
    )
    ax, ay = zip(*(r.anchor for r in REGIONS), strict=True)
    for idx, colour, symbol, name in (
        (_SENSORY, SENSORY_COLOUR, "square", "S = sensory loss"),
        (_UMN, UMN_COLOUR, "diamond", "U = upper motor neuron signs"),
    ):
        traces.append(
            go.Scatter(
                x=ax,
                y=ay,
                mode="markers+text",
                marker=dict(size=19, color=colour, symbol=symbol, opacity=s["marker.opacity"][idx], line=dict(width=0)),
                text=s["text"][idx],
                textposition="middle center",
                textfont=dict(size=11, color="#ffffff"),
                hoverinfo="skip",
                showlegend=False,
                name=name,
            )
        )
    # Legend-only traces: grade colours (with their numbers) and the two markers.
    for g, label in enumerate(GRADES):
        traces.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker=dict(size=14, symbol="square", color=GRADE_COLOURS[g], line=dict(color=OUTLINE, width=1)),
                name=f"{g} {label}" if g else "no number: normal",
                legendgroup="grades",
            )
        )
    traces.append(
        go.Scatter(x=[None], y=[None], mode="markers", marker=dict(size=14, symbol="square", color=SENSORY_COLOUR), name="S sensory loss")
    )
    traces.append(
        go.Scatter(
            x=[None], y=[None], mode="markers", marker=dict(size=14, symbol="diamond", color=UMN_COLOUR), name="U upper motor neuron signs"
        )
    )
    fig = go.Figure(traces)
    fig.update_layout(
        title=dict(text=_title(disease, year), x=0.02, xanchor="left"),
        height=HEIGHT,
        margin=dict(l=10, r=10, t=80, b=90),
        xaxis=dict(visible=False, range=list(X_RANGE), fixedrange=True),
        yaxis=dict(visible=False, range=list(Y_RANGE), scaleanchor="x", scaleratio=1, fixedrange=True),
        legend=dict(x=0.64, y=0.98, xanchor="left", yanchor="top", title=dict(text="Weakness grade"), bgcolor="rgba(255,255,255,0.9)"),
        hovermode="closest",
        annotations=[
            dict(
                x=4.4,
                y=5.6,
                xref="x",
                yref="y",
                xanchor="left",
                yanchor="top",
                align="left",
                showarrow=False,
                text=_summary(pattern(disease).summary),
                font=dict(size=13),
                bordercolor=OUTLINE,
                borderwidth=1,
                borderpad=6,
                bgcolor="#ffffff",
            ),
            dict(x=-2.7, y=13.7, xref="x", yref="y", text="patient's<br>right", showarrow=False, font=dict(size=12)),
            dict(x=2.7, y=13.7, xref="x", yref="y", text="patient's<br>left", showarrow=False, font=dict(size=12)),
        ],
    )
    return fig


def figure(disease: str, year: int) -> go.Figure:
    """Body map of ``disease`` (``"mmn"``, ``"als"``, ``"cidp"``) ``year`` years after onset (0, 1, 3 or 5)."""
    return _base(check_disease(disease), check_year(year))


def _slider(disease: str, active: int = 0) -> dict[str, Any]:
    return dict(
        active=active,
        currentvalue=dict(prefix="Time since the first symptom: ", font=dict(size=14)),
        pad=dict(t=10, b=10, l=30, r=30),  # room for the end labels, centred on the rail's ends
        x=0.02,
        len=0.6,
        y=0,
        yanchor="top",
        steps=[
            dict(
                label=YEAR_LABELS[y].replace("after ", ""),
                method="update",
                args=[state(disease, y), _layout_state(disease, y), list(STATE_TRACES)],
            )
            for y in YEARS
        ],
    )


def explorer_figure(disease: str = "mmn") -> go.Figure:
    """Body map with a disease selector and a time slider that work without a kernel.

    Choosing a disease shows it at onset and gives the slider that disease's time steps.
    """
    disease = check_disease(disease)
    fig = _base(disease, YEARS[0])
    fig.update_layout(
        sliders=[_slider(disease)],
        updatemenus=[
            dict(
                type="buttons",
                direction="right",
                showactive=True,
                active=DISEASES.index(disease),
                x=0.02,
                y=1.0,
                xanchor="left",
                yanchor="bottom",
                pad=dict(t=0, b=4),
                buttons=[
                    dict(
                        label=key.upper(),
                        method="update",
                        args=[state(key, YEARS[0]), {**_layout_state(key, YEARS[0]), "sliders": [_slider(key)]}, list(STATE_TRACES)],
                    )
                    for key in DISEASES
                ],
            )
        ],
    )
    fig.update_layout(margin=dict(t=110), title=dict(y=0.97), meta={"mmnNarrow": narrow_layout()})
    return fig


#: Below this figure width (CSS px) the book shows the phone layout of :func:`narrow_layout`.
NARROW_MAX_WIDTH = 560


def narrow_layout() -> dict[str, Any]:
    """The body map's phone layout, applied by the book's ``plotly-a11y.js`` (``layout.meta.mmnNarrow``).

    Side by side, the body, legend and summary shared ~350 px and collapsed (a 60 px body, labels on top
    of each other, a slider rail of negative width). Stacked instead: the body across the full width,
    then the legend in rows, the summary, and the time slider across the full width.
    """
    plot_h = 580  # px: the body (14.5 units tall) at ~39 px per unit on a 390 px phone
    gap = 10

    def below(px: float) -> float:  # paper y of a point ``px`` pixels below the plot area
        return round(-px / plot_h, 4)

    legend_h, summary_h, slider_h = 175, 100, 85
    bottom = gap + legend_h + gap + summary_h + gap + slider_h + gap
    return {
        "maxWidth": NARROW_MAX_WIDTH,
        # plotly widens the ranges it shows to keep the body's proportions: the wide layout gets its own back
        "restore": {"xaxis.range": list(X_RANGE), "yaxis.range": list(Y_RANGE)},
        "relayout": {
            "height": 110 + plot_h + bottom,
            "margin.b": bottom,
            "margin.l": 6,
            "margin.r": 6,
            "xaxis.range": [-4.4, 4.4],
            "yaxis.range": list(Y_RANGE),
            "legend.orientation": "h",
            "legend.x": 0,
            "legend.xanchor": "left",
            "legend.y": below(gap),
            "legend.yanchor": "top",
            "legend.title.side": "top",
            "annotations[0].xref": "paper",
            "annotations[0].yref": "paper",
            "annotations[0].x": 0,
            "annotations[0].y": below(gap + legend_h + gap),
            "sliders[0].x": 0,
            "sliders[0].len": 1,
            "sliders[0].y": below(gap + legend_h + gap + summary_h + gap),
        },
    }
