"""Views of the needle EMG simulator: the live widget, the regions table and the one-call notebook explorer.

* :class:`EmgExplorer`: ipywidgets controls (patient, muscle, phase, sweep
  speed, gain, person) driving a plotly ``FigureWidget`` updated in place, the
  findings in words, and an optional sound clip (``ipywidgets.Audio``, never
  autoplaying, with its caption).
* :func:`regions_table_html`: every sampled muscle's findings and the
  Awaji/Gold Coast regions verdict as an accessible HTML table.
* :func:`explorer`: one call for a notebook cell; live widget with a kernel,
  the precomputed kernel-free figure (:mod:`widgets.emg.static`) in the book.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

from widgets.display import Explorable
from widgets.emg.figures import GAINS, GAIN_UV_PER_DIV, LIVE_POINTS, SWEEPS, SWEEP_MS_PER_DIV, apply_layers, \
    base_figure, recording_layers
from widgets.emg.model import simulate
from widgets.emg.presets import PRESETS, get_preset
from widgets.emg.reference_values import MUSCLES, PHASES, REGIONS, get_muscle
from widgets.emg.regions import regions


class EmgExplorer:
    """Live needle EMG (JupyterLab, Voila).

    Attributes: ``widget``, ``figure``, ``findings`` (HTML), ``preset``, ``muscle``, ``phase``, ``sweep``,
    ``gain``, ``seed`` (controls), ``sound`` (button), ``audio_box``, ``recording`` (the last
    :class:`~widgets.emg.model.Recording`).
    """

    def __init__(self, preset: str = "mmn_block", muscle: str | None = None, phase: str = "minimal", *,
                 seed: int = 0):
        import ipywidgets as W

        p = get_preset(preset)
        muscle = muscle or p.typical_muscle
        get_muscle(muscle)
        if phase not in PHASES:
            raise ValueError(f"phase must be one of {list(PHASES)}, got {phase!r}")
        style = {"description_width": "initial"}
        wide = W.Layout(width="100%", max_width="420px")
        self.preset = W.Dropdown(options=[(q.title, k) for k, q in PRESETS.items()], value=preset,
                                 description="Patient", style=style, layout=wide)
        self.muscle = W.Dropdown(options=[(m.label, k) for k, m in MUSCLES.items()], value=muscle,
                                 description="Muscle", style=style, layout=wide)
        self.phase = W.ToggleButtons(options=[(v.split(" (")[0], k) for k, v in PHASES.items()], value=phase,
                                     description="Phase", style=style)
        self.sweep = W.Dropdown(options=[(f"{s} ms/div", s) for s in SWEEPS], value=SWEEP_MS_PER_DIV[phase],
                                description="Sweep", style=style)
        self.gain = W.Dropdown(options=[(f"{g} µV/div", g) for g in GAINS], value=GAIN_UV_PER_DIV[phase],
                               description="Gain", style=style)
        self.seed = W.BoundedIntText(value=seed, min=0, max=10_000, description="Person (seed)", style=style,
                                     layout=W.Layout(width="200px"))
        self.figure = go.FigureWidget(base_figure(height=520))
        self.findings = W.HTML()
        self.sound = W.Button(description="Make sound clip", tooltip="Create a 1-second sound clip (does not play "
                              "until you press play)", icon="volume-up")
        self.audio_box = W.VBox()
        self.recording = None
        self.sound.on_click(self._on_sound)
        for w in (self.preset, self.muscle, self.sweep, self.gain, self.seed):
            w.observe(self._on_change, names="value")
        self.phase.observe(self._on_phase, names="value")
        self.update()
        self.widget = W.VBox([self.preset, self.muscle, self.phase, W.HBox([self.sweep, self.gain]), self.seed,
                              self.figure, self.findings, self.sound, self.audio_box])

    def _on_phase(self, change):
        self.sweep.value = SWEEP_MS_PER_DIV[change["new"]]
        self.gain.value = GAIN_UV_PER_DIV[change["new"]]
        self.update()

    def _on_change(self, change):
        self.update()

    def _on_sound(self, _button):
        import ipywidgets as W

        from widgets.emg.audio import caption, wav_bytes

        rec = self.recording
        self.audio_box.children = [W.Audio(value=wav_bytes(rec), format="wav", autoplay=False, loop=False,
                                           controls=True), W.HTML(f"<p>{html.escape(caption(rec))}</p>")]

    def update(self) -> None:
        """Simulate the screen the controls choose, redraw the figure and findings, and clear the audio."""
        seed = int(self.seed.value)
        self.recording = rec = simulate(self.muscle.value, phase=self.phase.value, preset=self.preset.value,
                                        seed=seed)
        layers = recording_layers(rec, sweep_ms_per_div=self.sweep.value, gain_uv_per_div=self.gain.value,
                                  n_points=LIVE_POINTS)
        with self.figure.batch_update():
            apply_layers(self.figure, layers)
        self.findings.value = f'<p class="mmn-verdict">{html.escape(layers["text"])}</p>'
        self.audio_box.children = []


def regions_table_html(preset: str, muscles=None, *, seed: int = 0) -> str:
    """Findings of each sampled muscle and the regions verdict, as an HTML table with a caption."""
    r = regions(preset, muscles, seed=seed)
    rows = []
    by_region = {v.region: v for v in r.regions}
    for region in REGIONS:
        v = by_region[region]
        for m in v.sampled:
            f = next(x for x in r.findings if x.muscle == m)
            mu = MUSCLES[m]
            rows.append(f"<tr><th scope=\"row\">{html.escape(mu.label)}</th><td>{region}</td>"
                        f"<td>{html.escape(mu.nerve)}, {'/'.join(mu.roots)}</td><td>{html.escape(f.summary)}</td>"
                        f"<td>{'yes' if f.lmn_sign else 'no'}</td></tr>")
    verdicts = "".join(f"<li><b>{v.region}</b>: {'LMN signs' if v.positive else 'no LMN signs'} ({html.escape(v.reason)})"
                       "</li>" for v in r.regions)
    title = html.escape(get_preset(preset).title)
    # tabindex: at phone width the table scrolls sideways, and a scrolling region must be reachable by keyboard
    return (f'<div class="mmn-emg-regions"><table tabindex="0"><caption>Needle EMG, {title}: findings per muscle</caption>'
            "<thead><tr><th scope=\"col\">Muscle</th><th scope=\"col\">Region</th><th scope=\"col\">Nerve, roots</th>"
            "<th scope=\"col\">Findings</th><th scope=\"col\">LMN signs</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table><ul>{verdicts}</ul><p>{html.escape(r.text)}</p></div>")


def explorer(preset: str = "mmn_block", muscle: str | None = None, phase: str = "minimal") -> Explorable:
    """The needle EMG simulator for a notebook cell (live with a kernel, kernel-free in the book)."""
    from widgets.emg.static import BOOK_MUSCLES, kernel_free_html

    get_preset(preset)
    book_muscle = muscle if muscle in BOOK_MUSCLES.get(preset, ()) else None
    alt = ("Needle EMG simulator: the screen of an EMG machine (time in ms across, microvolts up and down, "
           "negative up) for one muscle of a chosen patient, with the first motor unit potential drawn dashed in "
           "an inset during minimal contraction. A menu chooses the patient and muscle (normal; MMN with pure "
           "conduction block or with axon loss; ALS with bulbar, cervical or lumbosacral onset and late; C8 "
           "radiculopathy; inclusion body myositis); buttons choose the phase (insertion, rest, minimal and "
           "maximal contraction), menus the sweep speed and gain, and a button turns the sound on or off (off at "
           "first). The text under the screen states what it shows: spontaneous activity, units firing and "
           "their rates, the recruitment ratio, the first unit's amplitude, duration and phases, and the "
           "interference pattern; a caption says what the sound is like.")
    return Explorable(live=lambda: EmgExplorer(preset, muscle, phase).widget,
                      static=lambda: kernel_free_html(preset, book_muscle, phase), alt=alt)


class SamplePatient:
    """Live "sample the patient" exercise: choose a patient and the muscles to needle, then read them.

    Attributes: ``widget``, ``preset`` (dropdown), ``boxes`` (one checkbox per muscle, keyed by muscle),
    ``read`` (button), ``result`` (HTML: findings table and regions verdict).
    """

    def __init__(self, preset: str = "als_cervical", muscles: tuple[str, ...] = ("fdi", "adm"), *, seed: int = 0):
        import ipywidgets as W

        get_preset(preset)
        for m in muscles:
            get_muscle(m)
        self.seed = seed
        self.preset = W.Dropdown(options=[(q.title, k) for k, q in PRESETS.items() if k != "normal"], value=preset,
                                 description="Patient", style={"description_width": "initial"})
        self.boxes = {k: W.Checkbox(value=k in muscles, description=f"{m.label} ({m.region})", indent=False)
                      for k, m in MUSCLES.items()}
        self.read = W.Button(description="Needle these muscles", button_style="primary")
        self.result = W.HTML()
        self.read.on_click(lambda _b: self.update())
        self.preset.observe(lambda _c: setattr(self.result, "value", ""), names="value")
        self.widget = W.VBox([self.preset, W.VBox(list(self.boxes.values())), self.read, self.result])

    def chosen(self) -> tuple[str, ...]:
        """Keys of the ticked muscles, in table order."""
        return tuple(k for k, b in self.boxes.items() if b.value)

    def update(self) -> None:
        """Show the regions table of the ticked muscles, or ask for at least one muscle."""
        chosen = self.chosen()
        if not chosen:
            self.result.value = "<p>Choose at least one muscle.</p>"
            return
        self.result.value = regions_table_html(self.preset.value, chosen, seed=self.seed)


def sample_patient(preset: str = "als_cervical", muscles: tuple[str, ...] = ("fdi", "adm")) -> Explorable:
    """The sampling exercise for a notebook cell: live in JupyterLab/Voila, computed in the page in the book."""
    from widgets.emg.static import sample_patient_html

    get_preset(preset)
    alt = ("Sample the patient: choose a patient and tick the muscles to needle (grouped by body region), then "
           "press the button. A table gives each sampled muscle's findings and whether it shows lower motor "
           "neuron signs; a list gives each region's verdict under the Awaji muscle rule and a sentence says "
           "whether the pattern meets the Gold Coast requirement.")
    return Explorable(live=lambda: SamplePatient(preset, muscles).widget,
                      static=lambda: sample_patient_html(preset, muscles), alt=alt)
