"""Kernel-free needle EMG explorer: precomputed screens in one plotly figure with pure-JS controls.

A dropdown (plotly ``updatemenus``) picks a patient and a muscle; a slider
(plotly ``sliders``) steps through the phases of the examination (insertion,
rest, minimal contraction, maximal contraction). Choosing a patient and muscle
rewrites the slider's four steps in the browser, so the two controls work
together with no kernel. Traces are min/max-decimated to
:data:`~widgets.emg.figures.STATIC_POINTS` points rounded to 1 µV.
"""

from __future__ import annotations

import plotly.graph_objects as go

from widgets.emg.figures import apply_layers, base_figure, recording_layers, update_args
from widgets.emg.model import simulate
from widgets.emg.presets import PRESETS, get_preset
from widgets.emg.reference_values import PHASES, get_muscle  # noqa: F401 (PHASES: step order)

#: Muscles shown for each patient in the book: the weak muscle, a clinically normal one elsewhere, a paraspinal.
BOOK_MUSCLES: dict[str, tuple[str, ...]] = {
    "normal": ("fdi", "tibialis_anterior"),
    "mmn_block": ("fdi", "biceps"),
    "mmn_axonal": ("fdi", "tongue"),
    "als_bulbar": ("tongue", "fdi"),
    "als_cervical": ("fdi", "deltoid"),
    "als_lumbosacral": ("tibialis_anterior", "fdi"),
    "als_late": ("thoracic_paraspinal", "biceps"),
    "radiculopathy_c8": ("fdi", "cervical_paraspinal"),
    "ibm": ("fdp", "vastus_lateralis"),
}


def _steps(preset: str, muscle: str, seed: int) -> tuple[list[dict], dict]:
    steps, first = [], None
    for phase, label in PHASES.items():
        layers = recording_layers(simulate(muscle, phase=phase, preset=preset, seed=seed))
        first = first or layers
        steps.append(dict(label=phase.capitalize(), method="update", args=update_args(layers)))
    return steps, first


def kernel_free_figure(preset: str = "mmn_block", muscle: str | None = None, *, seed: int = 0,
                       book_muscles: dict[str, tuple[str, ...]] | None = None) -> go.Figure:
    """Precomputed explorer: patient·muscle dropdown and a phase slider, findings text per screen."""
    get_preset(preset)
    table = book_muscles or BOOK_MUSCLES
    muscle = muscle or table[preset][0]
    get_muscle(muscle)
    fig = base_figure(height=600)
    buttons, active, first_layers, first_steps = [], 0, None, None
    for k, p in enumerate(PRESETS):
        for m in table.get(p, ()):
            steps, layers = _steps(p, m, seed + k)  # each patient is a different person
            data, layout = update_args(layers)
            layout = dict(layout, **{"sliders[0].steps": steps, "sliders[0].active": 0})
            buttons.append(dict(label=f"{PRESETS[p].short} · {get_muscle(m).short}", method="update",
                                args=[data, layout]))
            if p == preset and m == muscle:
                active, first_layers, first_steps = len(buttons) - 1, layers, steps
    if first_layers is None:
        first_steps, first_layers = _steps(preset, muscle, seed + list(PRESETS).index(preset))
    apply_layers(fig, first_layers)
    fig.update_layout(
        updatemenus=[dict(type="dropdown", direction="down", active=active, buttons=buttons, x=0, y=1.0,
                          xanchor="left", yanchor="bottom", showactive=True, pad=dict(r=4, t=4, b=30))],
        sliders=[dict(active=0, steps=first_steps, x=0.04, len=0.9, y=-0.5, yanchor="top", pad=dict(t=10),
                      currentvalue=dict(prefix="Phase: ", visible=True, xanchor="left"))],
        margin=dict(l=56, r=12, t=120, b=250), height=720,
    )
    fig.layout.title.update(y=0.97, yanchor="top", yref="container")
    return fig
