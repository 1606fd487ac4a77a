"""Published frequencies of MMN features, one table with the source of each value.

Values are percentages of patients in the cited series; keys refer to
``book/references.bib``.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from widgets import palette


@dataclass(frozen=True)
class Frequency:
    """One published frequency: ``percent`` of patients (0–100) in ``source``."""

    label: str
    percent: float
    source: str
    detail: str

    def __post_init__(self):
        if not 0.0 <= self.percent <= 100.0:
            raise ValueError(f"percent must be within 0–100, got {self.percent!r} for {self.label!r}")


#: Frequencies of MMN features in published series.
MMN_FREQUENCIES: tuple[Frequency, ...] = (
    Frequency("Men among patients", 100 * 2.7 / 3.7, "yeh2020", "male:female ratio 2.7:1"),
    Frequency("Onset in an arm", 77.0, "loscher2018", "Austrian nationwide survey"),
    Frequency("Onset in distal muscles", 92.0, "loscher2018", "Austrian nationwide survey"),
    Frequency("IgM anti-GM1 antibodies", 43.0, "loscher2018", "Austrian nationwide survey; the rate depends on the assay"),
)
# Treatment response is not a feature frequency and is taught with its trials in chapter 7 (keddie2022cochrane);
# the 2005 Cochrane figure ("78% vs 4%") is deliberately not shown here as a headline number.


def frequency_figure(rows: tuple[Frequency, ...] = MMN_FREQUENCIES) -> go.Figure:
    """Horizontal bar chart of published frequencies (percent of patients) with their sources."""
    labels = [r.label for r in rows]
    values = [round(r.percent, 1) for r in rows]
    hover = [f"{r.label}: {r.percent:.0f}%<br>{r.detail}<br>source: {r.source}" for r in rows]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker=dict(color=palette.NORMAL.color, pattern=dict(shape="/", fgcolor="#ffffff", size=6)),
            text=[f"{v:.0f}%" for v in values],
            textposition="outside",
            cliponaxis=False,  # a value beside a long bar may reach past the axis on a phone
            hovertext=hover,
            hoverinfo="text",
            name="percent of patients",
        )
    )
    fig.update_layout(
        title=dict(text="MMN in numbers: percent of patients in published series"),
        xaxis=dict(title=dict(text="percent of patients (%)"), range=[0, 110], gridcolor=palette.GRID),
        yaxis=dict(autorange="reversed"),
        height=360,
        margin=dict(r=36),
        showlegend=False,
    )
    return fig
