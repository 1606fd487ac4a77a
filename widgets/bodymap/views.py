"""Live view of the body map (JupyterLab, Voila): a dropdown and a slider driving a FigureWidget."""

from __future__ import annotations

import ipywidgets as W
import plotly.graph_objects as go

from widgets.bodymap.figures import STATE_TRACES, _layout_state, figure, state
from widgets.bodymap.patterns import DISEASES, PATTERNS, YEARS


def show(fig: go.FigureWidget, disease: str, year: int) -> None:
    """Put ``disease`` at ``year`` into an existing body-map figure (the same update the static slider makes)."""
    with fig.batch_update():
        fig.plotly_restyle(state(disease, year), list(STATE_TRACES))
        fig.plotly_relayout(_layout_state(disease, year))


def live_view() -> W.VBox:
    """Disease dropdown and time slider above a live body map."""
    disease = W.Dropdown(
        options=[(PATTERNS[k].name, k) for k in DISEASES], value=DISEASES[0], description="Disease", style={"description_width": "initial"}
    )
    year = W.SelectionSlider(
        options=[(f"{y} years" if y != 1 else "1 year", y) for y in YEARS],
        value=YEARS[0],
        description="Time since the first symptom",
        style={"description_width": "initial"},
        layout=W.Layout(width="420px"),
        continuous_update=False,
    )
    fig = go.FigureWidget(figure(disease.value, year.value))

    def update(_change=None):
        show(fig, disease.value, year.value)

    disease.observe(update, names="value")
    year.observe(update, names="value")
    return W.VBox([W.HBox([disease, year]), fig])
