"""The simulated study shown with a question that has a ``trace:``.

The study comes from :mod:`widgets.conduction` (``simulate``, ``study_figure``,
``measurement_table_html``). Two changes make it fit a quiz:

* **no give-aways**: the simulator's own verdict (the interpretation printed
  under the traces, the preset's name in the title, the table's "Conduction
  block" grade column) would answer the question, so they are removed; the
  student reads latencies, amplitudes, areas, durations, ratios and the SNAP
  as on an EMG machine's report;
* **page weight**: the figure is lower (:data:`TRACE_HEIGHT`), its data
  rounded to :data:`DIGITS` significant digits, and the plotly template is
  dropped (every trace carries its own style).

A question with ``emg:`` shows one simulated needle EMG screen instead
(:mod:`widgets.emg`: :func:`emg_figure`, :func:`emg_table_html`): the screen
titled with muscle and phase only, and a table of what an electromyographer
measures on it, described by shape and rhythm, never by the name of the finding
or the patient's preset (which would answer the question).
"""

from __future__ import annotations

import json
import re
from typing import Any

from widgets.quiz.bank import Question
from widgets.quiz.render import RenderedTrace

#: Height (px) of a trace figure inside a quiz.
TRACE_HEIGHT = 380

#: Significant digits kept for the numbers of the figure's data arrays.
DIGITS = 4

#: Samples per trace: enough for a CMAP of a few milliseconds, fewer bytes than the chapter figures.
TRACE_POINTS = 160


def _views():
    """``study_figure`` and ``measurement_table_html`` of the conduction package."""
    try:
        from widgets.conduction import measurement_table_html, study_figure
    except ImportError:  # older layout of the package: the views live in widgets.conduction.figures
        from widgets.conduction.figures import measurement_table_html, study_figure
    return study_figure, measurement_table_html


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return float(f"{value:.{DIGITS}g}")
    if isinstance(value, list):
        return [_round(v) for v in value]
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    return value


def neutral_title(study) -> str:
    """Figure title naming nerve and muscle only (not the preset, which would name the answer)."""
    return f"{study.nerve.label}, recording {study.nerve.muscle}"


def quiz_figure(study) -> dict:
    """The study's stacked traces as a compact plotly figure dict, without the verdict or preset name."""
    import plotly.io as pio

    import inspect

    study_figure, _ = _views()
    kwargs = {"title": neutral_title(study)}
    if "n_points" in inspect.signature(study_figure).parameters:
        kwargs["n_points"] = TRACE_POINTS
    fig = study_figure(study, **kwargs)
    fig_dict = json.loads(pio.to_json(fig, validate=False, remove_uids=True))
    fig_dict["data"] = [_round(trace) for trace in fig_dict.get("data", [])]
    layout = fig_dict.setdefault("layout", {})
    # The verdict is the one annotation placed on the paper below the plot; site labels sit on the data axes.
    layout["annotations"] = [a for a in layout.get("annotations", []) if a.get("yref", "y") != "paper"]
    layout["height"] = TRACE_HEIGHT
    margin = layout.setdefault("margin", {})
    margin["b"] = 50
    margin["t"] = 40
    layout.pop("template", None)
    return fig_dict


_BLOCK_HEADER = re.compile(r'<th scope="col">Conduction block</th>')
#: The caption's note on the grade column, whatever its wording ("(EFNS/PNS 2010 conduction block grade)",
#: "(conduction block graded by the EFNS/PNS 2010 MMN area rules)"): it goes with the column.
_CAPTION_GRADE = re.compile(r"\s*\([^()]*conduction block grad[^()]*\)", re.IGNORECASE)


def quiz_table_html(study) -> str:
    """The measurement tables without the "Conduction block" grade column (the answer to many questions)."""
    _, measurement_table_html = _views()
    html_text = measurement_table_html(study)
    tables = re.split(r"(?=<table\b)", html_text)
    out = []
    for chunk in tables:
        if _BLOCK_HEADER.search(chunk):
            chunk = _BLOCK_HEADER.sub("", chunk)
            chunk = _CAPTION_GRADE.sub("", chunk)
            # drop the last cell of every body row (the grade)
            chunk = re.sub(r"<td>(?:(?!</td>).)*</td></tr>", "</tr>", chunk, flags=re.DOTALL)
        out.append(chunk)
    return "".join(out)


def caption_for(question: Question) -> str:
    """Text that introduces the figure and points to the tables as its text alternative."""
    return (
        f"Simulated nerve conduction study of the {question.trace.nerve} nerve: one trace per stimulation site, "
        "distal at the top. The tables give the measurements read from the traces."
    )


def emg_figure(rec) -> dict:
    """One needle EMG screen as a compact plotly figure dict: muscle and phase in the title, no findings text."""
    import plotly.io as pio

    from widgets.emg.figures import apply_layers, base_figure, recording_layers
    from widgets.emg.reference_values import PHASES, get_muscle

    fig = base_figure(height=TRACE_HEIGHT)
    layers = recording_layers(rec)
    apply_layers(fig, layers)
    fig.layout.title.text = f"{get_muscle(rec.muscle).short}, {PHASES[rec.phase].split(' (')[0].lower()}"
    fig.layout.annotations = [a for a in fig.layout.annotations if a.yref == "paper" and a.y >= 1]
    fig_dict = json.loads(pio.to_json(fig, validate=False, remove_uids=True))
    fig_dict["data"] = [_round(trace) for trace in fig_dict.get("data", [])]
    layout = fig_dict.setdefault("layout", {})
    # The title sits at the top of the figure and the inset's label ("MUP (dashed, 40 ms)") just above the
    # plot, each on its own band: on a phone the centred title reached across into the label and overlapped it.
    layout["margin"] = {"l": 56, "r": 12, "t": EMG_TOP_MARGIN, "b": 50}
    layout["height"] = TRACE_HEIGHT + EMG_TOP_MARGIN - 40  # the plot keeps the height it had under a 40 px margin
    title = layout.setdefault("title", {})
    title.update({"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 6}})
    layout.pop("template", None)
    return fig_dict


#: Top margin (px) of an EMG quiz screen: the title's line above the inset label's (two lines when wrapped).
EMG_TOP_MARGIN = 70


def emg_alt_text(rec) -> str:
    """The screen's text alternative: muscle, phase, sweep, gain and what is drawn, never what it shows.

    Like the conduction figure, whose title names nerve and muscle, it names what was recorded, not the
    finding; the measurements are in the table below the screen.
    """
    from widgets.emg.figures import recording_layers
    from widgets.emg.reference_values import PHASES, get_muscle

    layers = recording_layers(rec)
    phase = PHASES[rec.phase].split(" (")[0].lower()
    label = get_muscle(rec.muscle).label
    text = (f"Needle EMG screen recorded from the {label[:1].lower()}{label[1:]} during {phase}: "
            f"{layers['sweep']:g} ms and {layers['gain']:g} µV per division, negative up, time across")
    if layers["mup_y"]:
        text += "; the first unit's potential is drawn dashed in an inset at the top right"
    return text + ". The table below gives what is measured on the screen."


def _with_alt_text(fig_html: str, div_id: str, alt: str) -> str:
    """``fig_html`` with ``alt`` as the plot's own accessible name (role="figure", as plotly-a11y.js gives)."""
    import html as _html

    target = f'<div id="{div_id}" class="plotly-graph-div"'
    if target not in fig_html:
        return fig_html
    return fig_html.replace(target, f'{target} role="figure" aria-label="{_html.escape(alt, quote=True)}"', 1)


def emg_rows(rec) -> list[tuple[str, str]]:
    """What is measured on the screen, described by shape and rhythm (not by the finding's name)."""
    from widgets.emg.reference_values import get_muscle

    rows = [("Muscle", get_muscle(rec.muscle).label),
            ("Sweep, gain", "{sweep:g} ms/div, {gain:g} µV/div")]
    if rec.phase in ("insertion", "rest"):
        if rec.phase == "insertion":
            rows.append(("Burst as the needle moves", f"about {rec.insertional_ms:.0f} ms"))
        rows += [
            ("Brief spikes with an initial positive phase, firing regularly", f"{rec.count('fibrillation')} in 1 s"),
            ("Sharp positive (downward) waves with a slow negative phase, firing regularly",
             f"{rec.count('psw')} in 1 s"),
            ("Large potentials firing on their own, irregularly", f"{rec.count('fasciculation')} in 1 s"),
        ]
    else:
        rates = ", ".join(f"{r:.0f}" for _, r in rec.firing[:8]) + ("…" if len(rec.firing) > 8 else "")
        rows += [("Units firing", f"{len(rec.firing)} ({rates} Hz)"),
                 ("Fastest rate ÷ units firing", f"{rec.recruitment_ratio:.1f}")]
        for k, m in enumerate(rec.mups[:3]):
            rows.append((f"Unit {k + 1}: amplitude, duration, phases",
                         f"{m.amplitude_uv / 1000:.2f} mV, {m.duration_ms:.1f} ms, {m.phases}"
                         + ("; shape changes from discharge to discharge" if m.unstable else "")))
    return rows


def emg_table_html(rec) -> str:
    """The measurements of :func:`emg_rows` as an HTML table (the screen's text alternative)."""
    import html as _html

    from widgets.emg.figures import recording_layers

    layers = recording_layers(rec)
    body = "".join(
        f'<tr><th scope="row">{_html.escape(k)}</th>'
        f"<td>{_html.escape(v.format(sweep=layers['sweep'], gain=layers['gain']))}</td></tr>"
        for k, v in emg_rows(rec))
    return f"<table><caption>Measured on the screen</caption><tbody>{body}</tbody></table>"


def question_figure(question: Question) -> dict:
    """The figure of a question with ``trace:`` (nerve conduction) or ``emg:`` (needle EMG)."""
    emg = getattr(question, "emg", None)
    if emg is not None:
        return emg_figure(emg.simulate())
    if question.trace is None:
        raise ValueError(f"question {question.id!r} has no trace")
    return quiz_figure(question.trace.simulate())


def render_trace(question: Question, div_id: str, *, with_figure: bool = True) -> RenderedTrace:
    """Figure HTML (drawn by the page's plotly.js), tables and caption of ``question``'s study or EMG screen."""
    from widgets.display import figure_html

    emg = getattr(question, "emg", None)
    if emg is not None:
        rec = emg.simulate()
        fig_html = _with_alt_text(figure_html(emg_figure(rec), div_id=div_id), div_id, emg_alt_text(rec)) \
            if with_figure else ""
        caption = ("Simulated needle EMG: one screen, negative up, time across; the first unit's potential is "
                   "drawn dashed in the inset. The table gives what is measured on the screen.")
        return RenderedTrace(fig_html, emg_table_html(rec), caption)
    if question.trace is None:
        raise ValueError(f"question {question.id!r} has no trace")
    study = question.trace.simulate()
    fig_html = figure_html(quiz_figure(study), div_id=div_id) if with_figure else ""
    return RenderedTrace(fig_html, quiz_table_html(study), caption_for(question))


def figure_bundle(fig_dict: dict, div_id: str) -> dict:
    """A trace figure as its own live output: plotly mimetype (JupyterLab) plus the HTML fallback."""
    import json

    import plotly.io as pio

    from widgets.display import PLOTLY_CONFIG, figure_html

    plain = json.loads(pio.to_json(fig_dict, validate=False, remove_uids=False))
    plain["config"] = PLOTLY_CONFIG
    return {
        "application/vnd.plotly.v1+json": plain,
        "text/html": figure_html(fig_dict, div_id=div_id),
        "text/plain": "Simulated nerve conduction study",
    }
