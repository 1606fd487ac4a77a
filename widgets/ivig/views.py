"""The live IVIg explorer (ipywidgets + plotly FigureWidget) and the one-cell :func:`explorer`.

In JupyterLab or Voila, :class:`LiveExplorer` re-runs the model whenever a
control moves and replaces the figure's data in place inside
``FigureWidget.batch_update()`` (one redraw, no flicker). In the book,
:func:`explorer` shows the kernel-free figure of :mod:`widgets.ivig.static`
instead (see :class:`widgets.display.Explorable`).
"""

from __future__ import annotations

import dataclasses

import ipywidgets as w
import plotly.graph_objects as go

from widgets.display import Explorable
from widgets.ivig import static
from widgets.ivig.course import Course, simulate
from widgets.ivig.parameters import LIMITS, RESPONDER_TYPES
from widgets.ivig.patients import Patient
from widgets.ivig.regimens import Regimen, induction, maintenance, scig


class LiveExplorer:
    """Controls + FigureWidget + summary for one virtual patient.

    Attributes
    ----------
    controls
        The ipywidgets by name: ``route``, ``dose``, ``interval``, ``years``
        and, unless ``presenter``, ``induction``, ``weight``, ``responder``,
        ``baseline``, ``saturation``.
    figure
        The :class:`plotly.graph_objects.FigureWidget` (traces in the order of
        :data:`widgets.ivig.static.TRACES`).
    summary
        HTML widget with grams per year and the wear-off per cycle.
    widget
        The whole view, ready to display.
    course
        The most recent simulated :class:`~widgets.ivig.course.Course`.
    """

    def __init__(self, patient: Patient | None = None, *, presenter: bool = False):
        self.patient = Patient() if patient is None else patient
        self.presenter = presenter
        style = {"description_width": "initial"}
        layout = w.Layout(width="100%" if presenter else "360px")
        c: dict[str, w.ValueWidget] = {
            "route": w.ToggleButtons(options=["IVIg", "SCIg"], value="IVIg", description="Route", style=style),
            "dose": w.FloatSlider(
                value=1.0,
                min=LIMITS.infusion_g_per_kg[0],
                max=LIMITS.infusion_g_per_kg[1],
                step=0.1,
                description="Dose per infusion (g/kg)",
                style=style,
                layout=layout,
                continuous_update=False,
            ),
            "interval": w.IntSlider(
                value=4,
                min=int(LIMITS.every_weeks[0]),
                max=8,
                description="Every (weeks)",
                style=style,
                layout=layout,
                continuous_update=False,
            ),
            "years": w.IntSlider(
                value=1, min=1, max=5, description="Years shown", style=style, layout=layout, continuous_update=False
            ),
        }
        if not presenter:
            c["induction"] = w.Checkbox(
                value=True, description="Start with induction (2 g/kg over 5 days)", style=style
            )
            c["weight"] = w.FloatSlider(
                value=self.patient.weight_kg,
                min=40,
                max=150,
                step=1,
                description="Weight (kg)",
                style=style,
                layout=layout,
                continuous_update=False,
            )
            c["responder"] = w.Dropdown(
                options=list(RESPONDER_TYPES), value=self.patient.responder, description="Responder", style=style
            )
            c["baseline"] = w.FloatSlider(
                value=self.patient.baseline_igg_g_l,
                min=2,
                max=17,
                step=0.5,
                description="Own IgG before treatment (g/L)",
                style=style,
                layout=layout,
                continuous_update=False,
            )
            c["saturation"] = w.FloatSlider(
                value=self.patient.fcrn_saturation_g_l,
                min=2,
                max=20,
                step=0.5,
                description="FcRn saturated above (g/L)",
                style=style,
                layout=layout,
                continuous_update=False,
            )
        self.controls = c
        self.summary = w.HTML()
        self._quiet = False
        self.course = self._simulate()
        figure = static.course_figure(self.course, presenter=presenter)
        if presenter:
            figure.layout.height = None  # the deck gives the figure the window's height (widgets.presenter_style)
        self.figure = go.FigureWidget(figure)
        for name, control in c.items():
            control.observe(self._on_route if name == "route" else self._on_change, names="value")
        self.widget = self._layout()
        self._show_summary()

    def start_from(self, state) -> None:
        """Set the controls this view has to an :class:`~widgets.ivig.explorer_state.ExplorerState`'s treatment."""
        c = self.controls
        self._quiet = True
        try:
            c["route"].value = "SCIg" if state.route == "sc" else "IVIg"
            if state.route == "sc":
                c["dose"].min, c["dose"].max, c["dose"].step = LIMITS.scig_weekly_g_per_kg[0], 1.0, 0.02
                c["dose"].value = state.scig_weekly_g_per_kg
                c["dose"].description = "Dose per week (g/kg)"
                c["interval"].disabled = True
            else:
                c["dose"].value = state.dose_g_per_kg
                c["interval"].value = min(max(int(state.every_weeks), c["interval"].min), c["interval"].max)
            c["years"].value = int(state.years)
            if "induction" in c:
                c["induction"].value = bool(state.induction)
        finally:
            self._quiet = False
        self._on_change()

    # ------------------------------------------------------------------ model
    def regimen(self) -> Regimen:
        """The regimen the controls describe."""
        c = self.controls
        if c["route"].value == "SCIg":
            maintain = scig(c["dose"].value)
        else:
            maintain = maintenance(c["dose"].value, c["interval"].value)
        if "induction" in c and not c["induction"].value:
            return maintain
        return induction().then(maintain, weeks=static.MAINTENANCE_FROM_WEEK)

    def current_patient(self) -> Patient:
        """The patient the controls describe."""
        c = self.controls
        if self.presenter:
            return self.patient
        return dataclasses.replace(
            self.patient,
            weight_kg=c["weight"].value,
            baseline_igg_g_l=c["baseline"].value,
            responder=c["responder"].value,
            fcrn_saturation_g_l=c["saturation"].value,
        )

    def _simulate(self) -> Course:
        return simulate(self.regimen(), self.current_patient(), weeks=52 * self.controls["years"].value)

    # ------------------------------------------------------------------ view
    def _on_route(self, change) -> None:
        """Switching route changes the meaning of the dose slider: per infusion (IVIg) or per week (SCIg).

        The weekly SCIg dose is converted at 1:1 (the same grams per week as the IVIg regimen), as chapter 7
        teaches: start near 1:1 and titrate to measured strength. In MMN the right ratio is not established
        (Harbo 2009 used equivalent doses with equal effect); the 1.37-1.53 of ``PUBLISHED.scig_dose_ratio``
        is US immunodeficiency labelling, not an MMN rule.
        """
        dose, interval = self.controls["dose"], self.controls["interval"]
        ratio = 1.0
        self._quiet = True
        try:
            if change["new"] == "SCIg":
                weekly = dose.value / interval.value * ratio
                dose.min, dose.max, dose.step = LIMITS.scig_weekly_g_per_kg[0], LIMITS.scig_weekly_g_per_kg[1], 0.02
                dose.value = min(max(round(weekly, 2), dose.min), dose.max)
                dose.description = "Dose per week (g/kg)"
                interval.disabled = True
            else:
                dose.max, dose.min, dose.step = LIMITS.infusion_g_per_kg[1], LIMITS.infusion_g_per_kg[0], 0.1
                dose.value = 1.0
                dose.description = "Dose per infusion (g/kg)"
                interval.disabled = False
        finally:
            self._quiet = False
        self._on_change()

    def _on_change(self, change=None) -> None:
        if self._quiet:
            return
        course = self.course = self._simulate()
        data = static.series(course)
        fig = self.figure
        with fig.batch_update():
            for trace, key in zip(fig.data, static.TRACES, strict=True):
                trace.x, trace.y = data[key]["x"], data[key]["y"]
                if "text" in data[key]:
                    trace.text, trace.name = data[key]["text"], data[key]["name"]
            fig.layout.title.text = static.course_title(course)
            fig.layout.xaxis.range = fig.layout.xaxis2.range = [0, course.weeks]
            fig.layout.yaxis2.ticktext = static.grip_ticktext(course.patient)
        self._show_summary()

    def _show_summary(self) -> None:
        course = self.course
        cycles = course.wear_off_days[1:] if len(course.wear_off_days) > 1 else course.wear_off_days
        worn = f"{cycles.mean():.0f}" if cycles.size else "0"
        if self.presenter:  # beside the figure on one projector screen: the three numbers to talk about
            self.summary.value = (
                f"<div><b>About {course.grams_per_year:,.0f} g of immunoglobulin per year.</b> "
                f"Worn-off days per cycle: {worn}. Serum IgG {course.igg_g_l[7:].min():.0f}–"
                f"{course.igg_g_l.max():.0f} g/L.</div>"
            )
            return
        size = "1em"
        self.summary.value = (
            f'<div style="font-size:{size}">'
            f"<b>About {course.grams_per_year:,.0f} g of immunoglobulin per year</b> "
            f"({course.grams:,.0f} g in {course.weeks:g} weeks). "
            f"Worn-off days per cycle after the first: {worn} on average. "
            f"Serum IgG {course.igg_g_l[7:].min():.0f}–{course.igg_g_l.max():.0f} g/L; "
            f"whole-body IgG half-life at this patient's own level {course.patient.half_life_days:.0f} days."
            f"<br>{static.monitoring_note(course.regimen)}"
            "</div>"
        )

    def apply_regimen(self, key: str) -> None:
        """Presenter mode: set route, dose and interval to one of the deck's regimens (one redraw)."""
        from widgets.ivig.presenter_view import regimen

        r = regimen(key)
        c = self.controls
        if c["route"].value != "IVIg":
            c["route"].value = "IVIg"  # redraws once: the IVIg dose and interval come back
        self._quiet = True
        try:
            c["dose"].value, c["interval"].value = r.dose, r.every
        finally:
            self._quiet = False
        if r.route == "SCIg":
            c["route"].value = "SCIg"  # converts to the same grams per week and redraws
        else:
            self._on_change()
        if hasattr(self, "preset_buttons"):
            self.preset_buttons.mark(key)

    def _presenter_layout(self) -> w.Widget:
        """One projector screen: regimen buttons; figure (window height) beside the controls and summary."""
        from widgets.ivig.presenter_view import GRID_CSS, REGIMENS
        from widgets.presenter import FILL_CLASS, preset_buttons

        c = self.controls
        self.preset_buttons = preset_buttons(
            [(r.key, r.label) for r in REGIMENS], self.apply_regimen, active=REGIMENS[0].key
        )
        for control in c.values():
            control.observe(lambda _change: self.preset_buttons.mark(None), names="value")
        controls = w.VBox([c[name] for name in ("route", "dose", "interval", "years")], layout=w.Layout(width="100%"))
        controls.add_class("mmn-deck-controls")
        self.summary.add_class("mmn-deck-summary")
        self.figure.add_class(FILL_CLASS)
        css = w.HTML(GRID_CSS)
        css.add_class("mmn-hidden")
        box = w.VBox([css, self.preset_buttons, self.figure, controls, self.summary])
        box.add_class("mmn-ivig-deck")
        box.add_class("mmn-presenter")
        return box

    def _layout(self) -> w.Widget:
        c = self.controls
        if self.presenter:
            return self._presenter_layout()
        treatment = w.VBox([c[name] for name in ("route", "dose", "interval", "years", "induction") if name in c])
        boxes = [treatment]
        if not self.presenter:
            boxes.append(w.VBox([c["weight"], c["responder"], c["baseline"], c["saturation"]]))
        return w.VBox([w.HBox(boxes), self.summary, self.figure])


def explorer(
    patient: Patient | None = None, *, presenter: bool = False, start: dict | None = None, label: str = ""
) -> Explorable:
    """One notebook cell: the live explorer with a kernel, the in-page (JavaScript) explorer in the book.

    ``presenter=True`` gives lecturers big fonts, thick lines and only the key controls (route, dose,
    interval, years). ``start`` sets the explorer's starting state (fields of
    :class:`~widgets.ivig.explorer_state.ExplorerState`, e.g. an exercise's question) and ``label`` names it
    in the book's preset menu; the live view starts from the same treatment where it has the control.
    """
    from widgets.ivig.explorer_state import ExplorerState

    state = ExplorerState(**(start or {}))  # validated for both views
    patient = state.patient() if patient is None and start else (Patient() if patient is None else patient)

    def live():
        view = LiveExplorer(patient, presenter=presenter)
        view.start_from(state)
        return view.widget

    return Explorable(
        live=live,
        static=lambda: static.explorer_html(start, label=label, uid=_uid(start, label)),
        alt=static.EXPLORER_ALT,
    )


def _uid(start: dict | None, label: str) -> str:
    """A stable element id per starting state (several explorers on one page stay distinct)."""
    import hashlib
    import json

    key = json.dumps([start or {}, label], sort_keys=True)
    return "mmn-ivig-" + hashlib.sha1(key.encode()).hexdigest()[:8]
