"""Views of the conduction simulator: the live widget and the one-call notebook explorer.

* :class:`ConductionExplorer`: ipywidgets controls (nerve, preset, block,
  slowing and dispersion per segment, axon loss, reinnervation, temperature,
  pitfalls of stimulation and of recording: electrode position and filter) driving a ``plotly`` ``FigureWidget`` whose traces are updated in
  place inside ``batch_update()`` (no flicker), a measurement table and the
  verdict in words. ``presenter=True``: big fonts, thick lines, only the key
  controls, for a lecture hall.
* :func:`explorer`: one call for a notebook cell; live widget with a kernel,
  the precomputed kernel-free figure (:mod:`static`) in the book.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

from widgets.conduction.figures import (
    LIVE_POINTS,
    apply_layers,
    base_figure,
    measurement_table_html,
    study_layers,
    verdict_html,
)
from widgets.conduction import presenter_view as deck
from widgets.conduction.lesions import Lesion
from widgets.conduction.model import simulate
from widgets.conduction.presets import PRESETS, get_preset
from widgets.conduction.recording import FILTER_CHOICES_HZ, OFFSET_RANGE_MM, PICKUP_RANGE
from widgets.conduction.reference_values import NERVES, TEMPERATURE_RANGE_C, get_nerve
from widgets.display import Explorable

_CUSTOM = deck.CUSTOM


def fwave_html(study) -> str:
    """F-waves of the simulated study (20 stimuli from the distal site), in one accessible line."""
    from widgets.conduction.fwave_view import fwave_summary
    from widgets.conduction.fwaves import f_waves

    return (f"<p class=\"mmn-fwaves\"><strong>F-waves</strong> (20 stimuli at the {html.escape(study.sites[0].label.lower())}): "
            f"{html.escape(fwave_summary(f_waves(study)))}</p>")



class ConductionExplorer:
    """Live nerve conduction simulator (JupyterLab, Voila).

    Attributes useful from code and tests: ``widget`` (the whole view),
    ``figure`` (the ``FigureWidget``), ``verdict`` and ``table`` (``HTML``
    widgets), ``nerve``, ``preset``, ``temperature``, ``axon_loss``,
    ``reinnervation``, ``sensory_loss``, ``submaximal_site``,
    ``submaximal_fraction``, ``martin_gruber``, ``electrode_offset``,
    ``reference_pickup``, ``low_frequency_filter`` (controls), ``segment_controls``
    (per segment: ``block``, ``slowing``, ``dispersion``, ``sensory``),
    ``study`` (the last simulated :class:`Study`).
    """

    def __init__(self, nerve: str = "ulnar", preset: str | None = "mmn", *, presenter: bool = False, seed: int = 0):
        import ipywidgets as W

        get_nerve(nerve)
        if preset is not None:
            p = get_preset(preset)
            if nerve not in p.nerves:
                nerve = p.nerve
        self.presenter = presenter
        self.seed = seed
        self._busy = False
        self.study = None
        style = {"description_width": "initial"}
        wide = W.Layout(width="100%" if presenter else "420px")

        self.nerve = W.Dropdown(options=[(s.label, k) for k, s in NERVES.items()], value=nerve,
                                description="Nerve", style=style, layout=wide)
        self.preset = W.Dropdown(options=[("Custom settings", _CUSTOM)] + [(p.title, k) for k, p in PRESETS.items()],
                                 value=preset or _CUSTOM, description="Preset", style=style, layout=wide)
        self.teaching = W.HTML()
        self.axon_loss = W.IntSlider(0, 0, 100, 5, description="Motor axon loss (%)", style=style,
                                     continuous_update=False)
        self.reinnervation = W.IntSlider(0, 0, 100, 5, description="Reinnervation (% of orphaned fibres)", style=style,
                                         continuous_update=False)
        self.sensory_loss = W.IntSlider(0, 0, 100, 5, description="Sensory axon loss (%)", style=style,
                                        continuous_update=False)
        lo, hi = TEMPERATURE_RANGE_C
        self.temperature = W.FloatSlider(34.0, min=lo, max=hi, step=0.5, description="Limb temperature (°C)",
                                         style=style, continuous_update=False)
        self.submaximal_site = W.Dropdown(description="Submaximal stimulation at", style=style)
        self.submaximal_fraction = W.IntSlider(50, 5, 100, 5, description="Axons excited there (%)", style=style,
                                               continuous_update=False)
        self.martin_gruber = W.IntSlider(0, 0, 90, 5, description="Martin–Gruber crossover (% of ADM axons)",
                                         style=style, continuous_update=False)
        # recording pitfalls (widgets.conduction.recording): electrode position and amplifier filter
        lo_off, hi_off = OFFSET_RANGE_MM
        self.electrode_offset = W.IntSlider(0, int(lo_off), int(hi_off), 5,
                                            description="Active electrode off the motor point (mm)", style=style,
                                            continuous_update=False)
        self.reference_pickup = W.IntSlider(0, 0, round(100 * PICKUP_RANGE[1]), 10,
                                            description="Reference electrode over muscle (% pickup)", style=style,
                                            continuous_update=False)
        self.low_frequency_filter = W.Dropdown(
            options=[("none (reference recording)" if f is None else f"{f:g} Hz", f) for f in FILTER_CHOICES_HZ],
            value=None, description="Low-frequency filter", style=style)
        self.segment_controls: dict[str, dict[str, W.Widget]] = {}
        self.lesion_box = W.VBox()

        fig = base_figure(presenter=presenter, height=700 if presenter else 520)
        fig.update_layout(autosize=True, margin=dict(b=60))
        if presenter:
            deck.fit_figure(fig)
        self.figure = go.FigureWidget(fig)
        self.verdict = W.HTML()
        self.fwaves = W.HTML()
        self.table = W.HTML()

        for w in (self.axon_loss, self.reinnervation, self.sensory_loss, self.temperature, self.submaximal_site,
                  self.submaximal_fraction, self.martin_gruber, self.electrode_offset, self.reference_pickup,
                  self.low_frequency_filter):
            w.observe(self._on_control, names="value")
        self.nerve.observe(self._on_nerve, names="value")
        self.preset.observe(self._on_preset, names="value")

        self._build_segment_rows()
        if preset is not None:
            self._apply_preset(preset)
        self.update()

        if presenter:
            controls = deck.deck_controls(self)
        else:
            tabs = W.Tab(children=[
                self.lesion_box,
                W.VBox([self.axon_loss, self.reinnervation, self.sensory_loss, self.temperature]),
                W.VBox([self.submaximal_site, self.submaximal_fraction, self.martin_gruber,
                        W.HTML("<strong>Recording</strong>"), self.electrode_offset, self.reference_pickup,
                        self.low_frequency_filter]),
            ])
            for i, t in enumerate(("Lesions per segment", "Axons and temperature", "Pitfalls")):
                tabs.set_title(i, t)
            controls = W.VBox([W.HBox([self.nerve, self.preset]), tabs])
        parts = [controls, self.teaching, self.figure, self.verdict, self.fwaves, self.table]
        if presenter:
            parts.insert(0, deck.deck_stylesheet(self))
        self.widget = W.VBox(parts)
        self.widget.add_class("mmn-conduction-explorer")
        if presenter:
            self.widget.add_class("mmn-presenter")

    # ---- controls
    def _build_segment_rows(self) -> None:
        import ipywidgets as W

        spec = get_nerve(self.nerve.value)
        rows = []
        self.segment_controls = {}
        style = {"description_width": "initial"}
        for seg in list(spec.segments) + [None]:
            name = "all" if seg is None else seg.name
            label = "Whole nerve (diffuse)" if seg is None else seg.label[0].upper() + seg.label[1:]
            c = dict(
                block=W.IntSlider(0, 0, 100, 5, description="block (%)", style=style, continuous_update=False,
                                  disabled=name in ("distal", "all")),
                slowing=W.IntSlider(0, 0, 90, 5, description="slowing (%)", style=style, continuous_update=False),
                dispersion=W.IntSlider(0, 0, 90, 5, description="dispersion (%)", style=style, continuous_update=False),
                sensory=W.Checkbox(False, description="sensory fibres too", indent=False),
            )
            # accessible names that say which segment each control belongs to
            for k, w in c.items():
                w.tooltip = f"{label}: {k}"
                w.observe(self._on_control, names="value")
            if self.presenter and name == spec.key_segment:
                c["block"].description = deck.block_label(seg.label)
            self.segment_controls[name] = c
            rows.append(W.VBox([W.HTML(f"<strong>{html.escape(label)}</strong>"),
                                W.HBox([c["block"], c["slowing"], c["dispersion"], c["sensory"]])]))
        self.lesion_box.children = rows
        self.submaximal_site.options = [("none", None)] + [(s.label, s.name) for s in spec.sites]
        self.submaximal_site.value = None
        self.martin_gruber.disabled = spec.name != "ulnar"
        if spec.name != "ulnar":
            self.martin_gruber.value = 0
        if self.presenter:
            deck.show_key_block(self)

    def _reset_controls(self) -> None:
        for c in self.segment_controls.values():
            for k in ("block", "slowing", "dispersion"):
                c[k].value = 0
            c["sensory"].value = False
        self.axon_loss.value = self.reinnervation.value = self.sensory_loss.value = 0
        self.temperature.value = 34.0
        self.submaximal_site.value = None
        self.submaximal_fraction.value = 50
        self.martin_gruber.value = 0
        self.electrode_offset.value = 0
        self.reference_pickup.value = 0
        self.low_frequency_filter.value = None

    def _apply_preset(self, name: str) -> None:
        p = get_preset(name)
        self._busy = True
        try:
            if self.nerve.value not in p.nerves:
                self.nerve.value = p.nerve
                self._build_segment_rows()
            spec = get_nerve(self.nerve.value)
            self._reset_controls()
            for les in p.lesions_for(spec.name):
                c = self.segment_controls[les.segment]
                c["block"].value = round(100 * les.block)
                c["slowing"].value = round(100 * les.slowing)
                c["dispersion"].value = round(100 * les.dispersion)
                c["sensory"].value = les.sensory
            self.axon_loss.value = round(100 * p.axon_loss)
            self.reinnervation.value = round(100 * p.reinnervation)
            self.sensory_loss.value = round(100 * p.sensory_axon_loss)
            self.temperature.value = p.temperature_c
            pit = p.pitfalls_for(spec)
            if pit.get("submaximal_site"):
                self.submaximal_site.value = pit["submaximal_site"]
                self.submaximal_fraction.value = round(100 * pit.get("submaximal_fraction", 0.5))
            self.martin_gruber.value = round(100 * pit.get("martin_gruber", 0.0))
            self.teaching.value = (
                f"<div class=\"mmn-teaching\"><p><strong>{html.escape(p.title)}.</strong> {html.escape(p.teaching)}"
                f"</p><p><em>Expected:</em> {html.escape(p.expected)}</p></div>"
            )
        finally:
            self._busy = False

    def _on_preset(self, change) -> None:
        if self._busy:
            return
        if change["new"] != _CUSTOM:
            self._apply_preset(change["new"])
        else:
            self.teaching.value = ""
        self.update()

    def _on_nerve(self, change) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            self._build_segment_rows()
            p = self.preset.value
            if p != _CUSTOM and change["new"] not in get_preset(p).nerves:
                self.preset.value = _CUSTOM
                self.teaching.value = ""
        finally:
            self._busy = False
        if self.preset.value != _CUSTOM:
            self._apply_preset(self.preset.value)
        self.update()

    def _on_control(self, change) -> None:
        if self._busy:
            return
        if self.preset.value != _CUSTOM:
            self._busy = True
            try:
                self.preset.value = _CUSTOM  # the user has changed the preset's settings
            finally:
                self._busy = False
        self.update()

    def lesions(self) -> tuple[Lesion, ...]:
        """The lesions currently set by the controls."""
        out = []
        for name, c in self.segment_controls.items():
            b, s, d = c["block"].value / 100, c["slowing"].value / 100, c["dispersion"].value / 100
            if b or s or d:
                out.append(Lesion(name, block=b, slowing=s, dispersion=d, sensory=bool(c["sensory"].value)))
        return tuple(out)

    # ---- model and display
    def simulate(self):
        """Simulate the study the controls describe."""
        nerve = self.nerve.value
        if self.preset.value != _CUSTOM:
            return simulate(nerve, preset=self.preset.value, seed=self.seed)
        pitfalls = {}
        if self.submaximal_site.value is not None:
            pitfalls["submaximal_site"] = self.submaximal_site.value
            pitfalls["submaximal_fraction"] = self.submaximal_fraction.value / 100
        if nerve == "ulnar" and self.martin_gruber.value:
            pitfalls["martin_gruber"] = self.martin_gruber.value / 100
        if self.electrode_offset.value:
            pitfalls["electrode_offset_mm"] = float(self.electrode_offset.value)
        if self.reference_pickup.value:
            pitfalls["reference_pickup"] = self.reference_pickup.value / 100
        if self.low_frequency_filter.value is not None:
            pitfalls["low_frequency_filter_hz"] = self.low_frequency_filter.value
        return simulate(
            nerve,
            lesions=self.lesions(),
            axon_loss=self.axon_loss.value / 100,
            reinnervation=self.reinnervation.value / 100,
            sensory_axon_loss=self.sensory_loss.value / 100,
            temperature_c=self.temperature.value,
            seed=self.seed,
            **pitfalls,
        )

    def update(self) -> None:
        """Re-simulate and redraw in place (trace data, cursors, labels, verdict, table)."""
        try:
            study = self.simulate()
        except ValueError as err:  # pragma: no cover - controls keep values valid
            self.verdict.value = f"<p role=\"alert\">{html.escape(str(err))}</p>"
            return
        self.study = study
        layers = study_layers(study, n_points=LIVE_POINTS, presenter=self.presenter)
        if self.presenter:  # the deck names the nerve and the case beside the figure: the plot keeps its height
            layers["title"] = None
        # the verdict is shown in words under the figure (self.verdict): keep only the labels on the traces
        layers["annotations"] = [a for a in layers["annotations"] if a.get("yref") != "paper"]
        with self.figure.batch_update():
            apply_layers(self.figure, layers)
        if not getattr(self, "_drawn_once", False):
            # a front end that connects later (Voila, a reloaded JupyterLab page) starts from the synced
            # state, which plotly fills only at creation: give it the first drawn figure, not an empty one
            from widgets.display import sync_figure_state

            sync_figure_state(self.figure)
            self._drawn_once = True
        if self.presenter:
            preset = None if self.preset.value == _CUSTOM else get_preset(self.preset.value).title
            self.verdict.value = deck.verdict_html(study, preset)
        else:
            self.verdict.value = verdict_html(study)
        self.fwaves.value = "" if self.presenter else fwave_html(study)
        self.table.value = "" if self.presenter else measurement_table_html(study)


def explorer(nerve: str = "ulnar", preset: str | None = "mmn", *, presenter: bool = False) -> Explorable:
    """The conduction simulator for a notebook cell.

    With a kernel (JupyterLab, Voila) the cell shows :class:`ConductionExplorer`;
    in the built book it shows the precomputed kernel-free figure (preset
    dropdown and block slider, see :func:`precomputed.kernel_free_figure`).
    """
    from widgets.conduction.precomputed import kernel_free_figure

    spec = get_nerve(nerve)
    if preset is not None:
        get_preset(preset)
    seg = spec.segment(spec.key_segment)
    alt = (
        f"Nerve conduction simulator: stacked compound muscle action potentials of the {spec.label.lower()} "
        f"(recording {spec.muscle}), one trace per stimulation site from distal (top) to proximal (bottom), with "
        "onset-latency and negative-peak cursors, each trace labelled with its latency and amplitude. A dropdown "
        f"selects a teaching scenario (normal, MMN, ALS, CIDP, Lewis–Sumner syndrome, dispersion, entrapment, "
        f"submaximal stimulation, Martin–Gruber anastomosis, cold limb); a slider sets the conduction block in the "
        f"{seg.label} from 0% to 90%. The verdict under the traces explains, with the numbers, whether the "
        "EFNS/PNS 2010 criteria for conduction block are met."
    )
    return ConductionExplorable(
        live=lambda presenter=presenter: ConductionExplorer(nerve, preset, presenter=presenter).widget,
        static=lambda: kernel_free_figure(nerve, preset),
        alt=alt,
    )


class ConductionExplorable(Explorable):
    """:class:`~widgets.display.Explorable` whose live view can be asked for in presenter mode.

    Called as ``live(presenter=True)``, as :func:`widgets.presenter.present` does.
    """

    def live(self, presenter: bool | None = None):
        """Build the live view.

        Parameters
        ----------
        presenter : bool, optional
            Presenter mode on or off; ``None`` keeps the explorable's own setting.

        Returns
        -------
        object
            The live widget.
        """
        return self._live() if presenter is None else self._live(presenter=presenter)
