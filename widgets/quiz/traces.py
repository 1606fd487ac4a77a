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


def render_trace(question: Question, div_id: str, *, with_figure: bool = True) -> RenderedTrace:
    """Figure HTML (drawn by the page's plotly.js), tables and caption of ``question``'s study."""
    from widgets.display import figure_html

    if question.trace is None:
        raise ValueError(f"question {question.id!r} has no trace")
    study = question.trace.simulate()
    fig_html = figure_html(quiz_figure(study), div_id=div_id) if with_figure else ""
    return RenderedTrace(fig_html, quiz_table_html(study), caption_for(question))
