"""A year of maintenance infusions, seen from the patient's diary.

The infusion days come from the course's IVIg model
(:func:`widgets.ivig.maintenance`), so the calendar and the simulator agree;
this module only lays them out as a calendar. The guideline's maintenance
interval for 1 g/kg is every 2 to 4 weeks (``efnspns2010mmn``): a good
practice point (maintenance IVIg is level C), adjusted to measured strength,
so a real patient's calendar may differ.
"""

from __future__ import annotations

import plotly.graph_objects as go

from widgets import palette
from widgets.ivig import maintenance

#: Maintenance intervals shown (weeks): the guideline's range for 1 g/kg.
INTERVALS_WEEKS: tuple[int, ...] = (2, 3, 4)
DOSE_G_PER_KG = 1.0
DAYS = 364  # 52 weeks
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def infusion_days(every_weeks: int, *, dose_g_per_kg: float = DOSE_G_PER_KG, days: int = DAYS) -> tuple[int, ...]:
    """Days (0 = first infusion) on which a maintenance infusion is given during ``days`` days."""
    if isinstance(days, bool) or not isinstance(days, int) or days < 7:
        raise ValueError(f"days must be a whole number of at least 7, got {days!r}")
    return tuple(sorted({d.day for d in maintenance(dose_g_per_kg, every_weeks).doses(days)}))


def calendar_figure(intervals_weeks: tuple[int, ...] = INTERVALS_WEEKS) -> go.Figure:
    """One row per maintenance interval: a marker on every infusion day of one year, and the yearly count."""
    fig = go.Figure()
    symbols = ("square", "diamond", "circle")
    rows = []
    for i, every in enumerate(intervals_weeks):
        days = infusion_days(every)
        style = palette.style(i)
        label = f"every {every} weeks"
        rows.append(label)
        fig.add_trace(
            go.Scatter(
                x=[d / 7 for d in days],
                y=[label] * len(days),
                mode="markers",
                marker=dict(symbol=symbols[i % len(symbols)], size=13, color=style.color, line=dict(color="#ffffff", width=1)),
                name=f"{label}: {len(days)} infusion days a year",
                hovertemplate=f"{label}<br>infusion in week %{{x:.0f}}<extra></extra>",
            )
        )
        fig.add_annotation(
            x=1.01,
            xref="paper",
            y=label,
            text=f"<b>{len(days)}</b> infusion days",
            showarrow=False,
            xanchor="left",
            font=dict(size=13, color=style.color),
        )
    fig.update_layout(
        title=dict(text=f"A year of IVIg maintenance at {DOSE_G_PER_KG:g} g/kg: how many days in hospital?"),
        height=330,
        margin=dict(l=120, r=130, t=60, b=60),
        xaxis=dict(
            title=dict(text="weeks since the first maintenance infusion"),
            range=[-1, 52],
            dtick=4,
            gridcolor=palette.GRID,
        ),
        yaxis=dict(categoryorder="array", categoryarray=list(reversed(rows)), title=dict(text="interval")),
        showlegend=False,
    )
    return fig
