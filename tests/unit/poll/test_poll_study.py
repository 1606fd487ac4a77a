"""A simulated study as the poll draws it: the quiz's own figure as SVG, lines told apart by colour and dash."""

from __future__ import annotations

import re

from classpoll.questions import QuestionBank
from classpoll.study import study_svg
from widgets.quiz import load_bank


def _fig():
    return {
        "data": [
            {"type": "scatter", "y": [0.0, 1.0, 0.0], "x0": 0.0, "dx": 5.0,
             "line": {"color": "#0072B2", "dash": "solid"}},
            {"type": "scatter", "y": [2.0, 3.0, 2.0], "x0": 0.0, "dx": 5.0,
             "line": {"color": "#D55E00", "dash": "dash"}},
            {"type": "scatter", "y": [], "visible": False, "line": {"dash": "dot"}},
        ],
        "layout": {
            "xaxis": {"range": [0, 10], "title": {"text": "Time (ms)"}},
            "yaxis": {"range": [-1, 4]},
            "annotations": [{"x": 10, "y": 3, "xref": "x", "yref": "y", "xanchor": "right",
                             "text": "<b>Erb&#x27;s point</b> <script>x</script> &lt;img&gt;",
                             "font": {"color": "#AA3377"}}],
            "shapes": [{"type": "line", "x0": 5, "x1": 5, "y0": 0, "y1": 1, "line": {"color": "#0072B2"}}],
        },
    }


def test_lines_markers_labels_and_axis_are_drawn_and_text_is_escaped():
    svg = study_svg(_fig(), label='Study "A"')
    assert svg.count("<polyline") == 2  # the hidden trace is not drawn
    assert svg.count("stroke-dasharray") == 1  # the dashed line differs by dash as well as colour
    assert 'aria-label="Study &quot;A&quot;"' in svg and 'role="img"' in svg
    assert "<script" not in svg and "<img" not in svg  # tags dropped, encoded ones stay text
    assert ">Erb&#x27;s point x &lt;img&gt;</text>" in svg
    assert ">Time (ms)<" in svg and svg.count("<line") == 3 + 1  # ticks 0, 5, 10 and the marker


def test_a_study_question_carries_the_figure_before_its_tables():
    question = next(q for q in load_bank() if q.trace is not None)
    html = QuestionBank([question]).study_html(question.id)
    assert html.index("<svg") < html.index("<table")
    visible = re.findall(r"<polyline ", html)
    assert 2 <= len(visible) <= 6  # one line per stimulation site
