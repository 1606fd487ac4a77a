"""Kernel-free needle EMG in the book.

:func:`kernel_free_html` and :func:`sample_patient_html` write the markup of the
views the page computes itself (``book/_ext/mmn_book/js/emg-*.js``, reading the
EMG table the build exports from this package: screen, sound, findings, regions
rule). :func:`kernel_free_figure` is the older precomputed alternative:

A dropdown (plotly ``updatemenus``) picks a patient and a muscle; a slider
(plotly ``sliders``) steps through the phases of the examination (insertion,
rest, minimal contraction, maximal contraction). Choosing a patient and muscle
rewrites the slider's four steps in the browser, so the two controls work
together with no kernel. Traces are min/max-decimated to
:data:`~widgets.emg.figures.STATIC_POINTS` points rounded to 1 µV.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

from widgets.emg.figures import apply_layers, base_figure, recording_layers, update_args
from widgets.emg.model import simulate
from widgets.emg.presets import PRESETS, get_preset
from widgets.emg.reference_values import PHASES, get_muscle

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


#: Class of the browser-computed views (``book/_ext/mmn_book/js/emg-view.js``); the book loads the EMG scripts
#: and table only on pages whose HTML contains it.
KF_CLASS = "mmn-emg-kf"


def _options(pairs, selected) -> str:
    return "".join(f'<option value="{html.escape(v)}"{" selected" if v == selected else ""}>{html.escape(t)}</option>'
                   for v, t in pairs)


def kernel_free_html(preset: str = "mmn_block", muscle: str | None = None, phase: str = "insertion", *,
                     book_muscles: dict[str, tuple[str, ...]] | None = None) -> str:
    """The EMG screen computed in the page (no kernel): patient·muscle menu, phase radios, sweep, gain, sound.

    The markup already carries the findings and caption of the first screen (what a reader without scripts
    sees); ``emg-view.js`` recomputes both from the book's EMG table, draws the screen and makes the sound.
    """
    from widgets.emg.audio import caption
    from widgets.emg.figures import GAIN_UV_PER_DIV, GAINS, SWEEP_MS_PER_DIV, SWEEPS, findings_text
    from widgets.emg.reference_values import check_phase

    get_preset(preset)
    check_phase(phase)
    table = book_muscles or BOOK_MUSCLES
    muscle = muscle or table[preset][0]
    get_muscle(muscle)
    if muscle not in table.get(preset, ()):
        raise ValueError(f"muscle must be one of {list(table.get(preset, ()))} for preset {preset!r}, got {muscle!r}")
    pairs = [(f"{p}/{m}", f"{PRESETS[p].short} · {get_muscle(m).short}") for p in PRESETS for m in table.get(p, ())]
    seed = list(PRESETS).index(preset)  # each patient is a different person, as in the explorer's table
    rec = simulate(muscle, phase=phase, preset=preset, seed=seed)
    uid = f"emg-{preset}-{muscle}-{phase}"
    radios = "".join(
        f'<label><input type="radio" name="{uid}-phase" value="{k}"{" checked" if k == phase else ""}> '
        f"{html.escape(v.split(' (')[0])}</label>" for k, v in PHASES.items())
    sweep = _options([(str(s), f"{s} ms/div") for s in SWEEPS], str(SWEEP_MS_PER_DIV[phase]))
    gain = _options([(str(g), f"{g} µV/div") for g in GAINS], str(GAIN_UV_PER_DIV[phase]))
    words = f"{SWEEP_MS_PER_DIV[phase]} ms/div, {GAIN_UV_PER_DIV[phase]} µV/div. {findings_text(rec)}"
    off, on = "Sound is off: press to listen", "Sound is on: press to mute"
    return (
        f'<div class="{KF_CLASS}" data-draws-with="Plotly" role="group" aria-label="Needle EMG simulator">'
        # controls and screen stay hidden until the script draws them: without it (print, no JavaScript) the
        # reader gets the first screen in words, not a blank box and controls that do nothing
        '<div class="mmn-emg-kf__controls" hidden>'
        f'<label class="mmn-emg-kf__field">Patient · muscle <select class="mmn-emg-kf__screen">'
        f"{_options(pairs, f'{preset}/{muscle}')}</select></label>"
        f'<fieldset class="mmn-emg-kf__phase"><legend>Phase</legend>{radios}</fieldset>'
        f'<label class="mmn-emg-kf__field">Sweep <select class="mmn-emg-kf__sweep">{sweep}</select></label> '
        f'<label class="mmn-emg-kf__field">Gain <select class="mmn-emg-kf__gain">{gain}</select></label> '
        f'<button type="button" class="mmn-emg-kf__sound" aria-pressed="false" data-off="{off}" data-on="{on}">'
        f"{off}</button></div>"
        '<div class="mmn-emg-kf__plot" role="img" style="width:100%;min-height:360px" hidden '
        f'aria-label="EMG screen. {html.escape(findings_text(rec))}"></div>'
        f'<p class="mmn-emg-kf__findings mmn-verdict" aria-live="polite">{html.escape(words)}</p>'
        f'<p class="mmn-emg-kf__caption"><span class="mmn-emg-kf__caption-text">{html.escape(caption(rec))}</span></p>'
        "</div>"
    )


def sample_patient_html(preset: str = "als_cervical", muscles: tuple[str, ...] = ("fdi", "adm")) -> str:
    """The "sample the patient" exercise computed in the page: choose a patient and muscles, then read them."""
    from widgets.emg.reference_values import MUSCLES, REGIONS

    get_preset(preset)
    for m in muscles:
        get_muscle(m)
    uid = f"emg-sample-{preset}"
    groups = []
    for region in REGIONS:
        boxes = "".join(
            f'<label><input type="checkbox" value="{k}"{" checked" if k in muscles else ""}> '
            f"{html.escape(m.label)}</label>" for k, m in MUSCLES.items() if m.region == region)
        groups.append(f"<fieldset><legend>{region.capitalize()}</legend>{boxes}</fieldset>")
    patients = _options([(k, q.title) for k, q in PRESETS.items() if k != "normal"], preset)
    return (
        f'<div class="{KF_CLASS}-sample" role="group" aria-labelledby="{uid}-title">'
        f'<p id="{uid}-title"><b>Sample the patient:</b> choose the muscles to needle, then read them.</p>'
        '<p class="mmn-emg-kf-sample__nojs">This exercise runs in the web version of the book; the tables above '
        "read every muscle of two patients.</p>"
        '<div class="mmn-emg-kf-sample__form" hidden>'
        f'<label>Patient <select class="mmn-emg-kf-sample__preset">{patients}</select></label>'
        f'<div class="mmn-emg-kf-sample__muscles">{"".join(groups)}</div>'
        '<button type="button" class="mmn-emg-kf-sample__read">Needle these muscles</button></div>'
        '<div class="mmn-emg-kf-sample__result" aria-live="polite"></div>'
        "</div>"
    )
