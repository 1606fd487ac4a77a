"""The EFNS/PNS 2010 flowchart (plotly).

The questions of :func:`~widgets.diagnosis.criteria.category` as boxes, with the path one example patient
takes through them highlighted.
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from widgets import palette
from widgets.diagnosis.cases import CASES, Case
from widgets.diagnosis.criteria import QUESTIONS, Verdict

# Flowchart geometry: questions in the left column (rows run downwards), outcomes on the right.
_COL_Q, _COL_O, _BYPASS = 0.0, 1.55, -0.78
_ROW = {"exclusion": 0, "core": 1, "sensory": 2, "two_nerves": 3, "definite_cb": 4, "probable_cb_2": 5,
        "probable_cb_1": 6, "ivig": 7, "one_nerve_cb": 9}
# Outcome boxes: (column, first row, last row, text); a box may span rows so that two arrows reach it.
_OUT = {
    "excluded": (_COL_O, 0, 0, "Not MMN:<br>seek another cause"),
    "not_met": (_COL_O, 1, 1, "Criteria not met"),
    "sensory_abnormal": (_COL_O, 2, 2, "Not met: think of<br>multifocal CIDP"),
    "definite": (_COL_O, 4, 4, "<b>Definite MMN</b>"),
    "probable": (_COL_O, 5, 6, "<b>Probable MMN</b>"),
    "possible": (_COL_O, 7, 9, "<b>Possible MMN</b>"),
    "not_excluded": (_COL_Q, 8, 8, "No block: MMN NOT<br>excluded; IVIg trial?"),
}
# Each edge: (question, answer, destination, label).
_EDGES = (
    ("exclusion", True, "excluded", "yes"), ("exclusion", False, "core", "no"),
    ("core", False, "not_met", "no"), ("core", True, "sensory", "yes"),
    ("sensory", False, "sensory_abnormal", "no"), ("sensory", True, "two_nerves", "yes"),
    ("two_nerves", True, "definite_cb", "yes"), ("two_nerves", False, "one_nerve_cb", "no: one"),
    ("definite_cb", True, "definite", "yes"), ("definite_cb", False, "probable_cb_2", "no"),
    ("probable_cb_2", True, "probable", "yes"), ("probable_cb_2", False, "probable_cb_1", "no"),
    ("probable_cb_1", True, "probable", "yes"), ("probable_cb_1", False, "ivig", "no"),
    ("ivig", True, "possible", "yes"), ("ivig", False, "not_excluded", "no"),
    ("one_nerve_cb", True, "possible", "yes"), ("one_nerve_cb", False, "not_excluded", "no"),
)
_Q_W, _O_W, _BOX_H = 1.3, 1.1, 0.62
_ON, _OFF, _FINAL = palette.NORMAL.color, "#9a9a9a", palette.PATIENT.color


def _nodes() -> list[str]:
    return list(_ROW) + list(_OUT)


def _box(node: str) -> tuple[float, float, float, float]:
    """x0, x1, y0, y1 of a node's box (y runs upwards: row r sits at y = -r)."""
    if node in _ROW:
        x, top, bottom, w = _COL_Q, _ROW[node], _ROW[node], _Q_W
    else:
        x, top, bottom, _ = _OUT[node]
        w = _Q_W if x == _COL_Q else _O_W
    return x - w / 2, x + w / 2, -bottom - _BOX_H / 2, -top + _BOX_H / 2


def _route(a: str, b: str) -> list[tuple[float, float]]:
    """Polyline from question ``a`` to node ``b``."""
    ax0, ax1, ay0, ay1 = _box(a)
    bx0, bx1, by0, by1 = _box(b)
    y = -_ROW[a]
    if bx0 > ax1:  # to the right, entering the box at the question's row
        return [(ax1, y), (bx0, y)]
    if by1 < ay0 and (a, b) == ("two_nerves", "one_nerve_cb"):  # bypass down the left margin
        yb = -_ROW[b]
        return [(ax0, y), (_BYPASS, y), (_BYPASS, yb), (bx0, yb)]
    if by0 > ay1:  # upwards
        return [(_COL_Q, ay1), (_COL_Q, by0)]
    return [(_COL_Q, ay0), (_COL_Q, by1)]  # downwards


def _final_node(verdict: Verdict) -> str:
    last = verdict.path[-1]
    return next(b for a, ans, b, _ in _EDGES if a == last.key and ans == last.answer)


def _styles(verdict: Verdict) -> tuple[list[dict], list[bool]]:
    """Per-box styles in :func:`_nodes` order, and whether each edge of :data:`_EDGES` was taken."""
    answers = {s.key: s.answer for s in verdict.path}
    final = _final_node(verdict)
    visited = set(answers) | {final}
    boxes = []
    for node in _nodes():
        on, last = node in visited, node == final
        boxes.append({
            "line.color": (_FINAL if last else _ON) if on else _OFF,
            "line.width": 4.5 if last else (2.5 if on else 1),
            "line.dash": "solid" if on else "dot",
            "fillcolor": ("#fbe3d4" if last else "#e3eef8") if on else "#ffffff",
        })
    taken = [a in answers and answers[a] == ans and b in visited for a, ans, b, _ in _EDGES]
    return boxes, taken


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width))


def _relayout(case: Case) -> dict:
    verdict = case.verdict()
    boxes, taken = _styles(verdict)
    upd: dict = {}
    for i, style in enumerate(boxes):
        for k, v in style.items():
            upd[f"shapes[{i}].{k}"] = v
    for j, on in enumerate(taken):
        upd[f"shapes[{len(boxes) + j}].line.color"] = _ON if on else _OFF
        upd[f"shapes[{len(boxes) + j}].line.width"] = 3 if on else 1.2
        upd[f"shapes[{len(boxes) + j}].line.dash"] = "solid" if on else "dot"
    upd["annotations[0].text"] = (
        f"<b>Case {case.title}</b><br>{_wrap(case.story, 44)}<br>Result: <b>{_wrap(verdict.label, 40)}</b>"
    )
    return upd


def flowchart(case: str = "typical") -> go.Figure:
    """Decision flowchart of the 2010 categories, with a menu that walks example cases through it."""
    keys = [c.key for c in CASES]
    if case not in keys:
        raise ValueError(f"case must be one of {tuple(keys)}, got {case!r}")
    shapes, annotations = [], []
    annotations.append(dict(x=_BYPASS, y=-9.55, xref="x", yref="y", xanchor="left", yanchor="top", align="left",
                            showarrow=False, text="", font=dict(size=12), bgcolor="#ffffff",
                            bordercolor="#999999", borderwidth=1, borderpad=6))
    for node in _nodes():
        x0, x1, y0, y1 = _box(node)
        shapes.append(dict(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, layer="below", line=dict(width=1)))
        text = QUESTIONS[node] if node in QUESTIONS else _OUT[node][3]
        annotations.append(dict(x=(x0 + x1) / 2, y=(y0 + y1) / 2, text=text, showarrow=False, font=dict(size=11)))
    tips_x, tips_y, symbols = [], [], []
    for a, _, b, label in _EDGES:
        pts = _route(a, b)
        path = "M " + " L ".join(f"{x:.3f},{y:.3f}" for x, y in pts)
        shapes.append(dict(type="path", path=path, line=dict(width=1.2)))
        (px, py), (qx, qy) = pts[-2], pts[-1]
        tips_x.append(qx)
        tips_y.append(qy)
        symbols.append("triangle-right" if qx > px else ("triangle-up" if qy > py else "triangle-down"))
        (sx, sy), (ex, ey) = pts[0], pts[1]
        if len(pts) == 4:  # bypass: label beside its vertical run
            lx, ly, anchor = _BYPASS + 0.03, -_ROW[a] - 0.45, "left"
        elif sy == ey:
            lx, ly, anchor = (sx + ex) / 2, sy + 0.14, "center"
        else:
            lx, ly, anchor = sx + 0.05, (sy + ey) / 2, "left"
        annotations.append(dict(x=lx, y=ly, text=label, showarrow=False, xanchor=anchor,
                                font=dict(size=10, color="#444444")))
    fig = go.Figure(go.Scatter(x=tips_x, y=tips_y, mode="markers", hoverinfo="skip", showlegend=False,
                               marker=dict(symbol=symbols, size=8, color="#555555")))
    fig.update_layout(
        title=dict(text="EFNS/PNS 2010 categories of MMN", font=dict(size=15)),
        shapes=shapes,
        annotations=annotations,
        height=1010,  # the case box below the chart holds the longest verdict (case E, 15 lines on a phone)
        margin=dict(l=4, r=4, t=90, b=10),
        plot_bgcolor=palette.BACKGROUND,
        xaxis=dict(visible=False, range=[_BYPASS - 0.05, _COL_O + _O_W / 2 + 0.03], fixedrange=True),
        yaxis=dict(visible=False, range=[-14.2, 0.45], fixedrange=True),
        updatemenus=[dict(type="dropdown", direction="down", showactive=True, x=0.0, y=1.0, xanchor="left",
                          yanchor="bottom", active=keys.index(case),
                          buttons=[dict(label=c.title, method="relayout", args=[_relayout(c)]) for c in CASES])],
    )
    fig.plotly_relayout(_relayout(CASES[keys.index(case)]))
    return fig
