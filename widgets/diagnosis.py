"""Diagnostic categories of the EFNS/PNS 2010 MMN guideline (its Table 4), and their flowchart.

The criteria are data, each with the guideline as source (``efnspns2010mmn`` in
``book/references.bib``); :func:`category` walks them for one patient and
returns the category with the path it took, and :func:`flowchart` draws that
path. The rules:

* an exclusion criterion rules MMN out; the clinical core (criteria 1 and 2) must be met;
* conduction block (CB) counts only with normal sensory conduction in the segments with block;
* **definite MMN**: weakness in >= 2 nerve territories and definite CB in >= 1 nerve;
* **probable MMN**: weakness in >= 2 nerve territories and probable CB in >= 2 nerves, or probable
  CB in 1 nerve plus >= 2 supportive investigations;
* **possible MMN**: weakness in >= 2 nerve territories, normal sensory conduction and an objective
  response to IVIg (no block needed); or weakness in one nerve territory with definite or probable CB.

A patient with the clinical picture but no qualifying block and no IVIg response yet does not meet
these categories, but MMN is **not excluded**: the 2010 criteria find definite MMN in 47% and
probable or definite MMN in 57% of patients (``doneddu2024``), and an IVIg trial is reasonable in a
pure lower motor neuron syndrome that looks like MMN: distal arm onset, nerve-territory pattern,
denervation only in weak muscles, normal CK (``burrell2011``, ``simon2013ivig``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

import plotly.graph_objects as go

from widgets import palette

SOURCE = "efnspns2010mmn"

#: Clinical core criteria (both required).
CLINICAL_CORE: tuple[str, ...] = (
    "slowly or stepwise progressive, focal, asymmetric limb weakness in the motor distribution of at least "
    "two nerves for more than one month (one nerve only: at most possible MMN)",
    "no objective sensory abnormalities, except minor vibration loss in the legs",
)

#: Supportive clinical criteria.
SUPPORTIVE_CLINICAL: tuple[str, ...] = (
    "predominant upper-limb involvement",
    "reduced or absent tendon reflexes in the affected limb",
    "no cranial nerve involvement",
    "cramps and fasciculations in the affected limb",
    "response in disability or muscle strength to immunomodulatory treatment",
)

#: Supportive investigations (the "supportive criteria" counted for probable MMN).
SUPPORTIVE_INVESTIGATIONS: tuple[str, ...] = (
    "raised IgM anti-GM1 antibodies",
    "raised CSF protein that stays below 1 g/L",
    "raised T2 signal with diffuse swelling of the brachial plexus on MRI",
    "objective clinical improvement after IVIg",
)
IVIG_RESPONSE = SUPPORTIVE_INVESTIGATIONS[3]

#: Exclusion criteria: any one rules MMN out.
EXCLUSIONS: tuple[str, ...] = (
    "upper motor neuron signs",
    "marked bulbar involvement",
    "sensory impairment more marked than minor vibration loss in the legs",
    "diffuse symmetric weakness during the first weeks",
)

#: Footnotes of the clinical criteria, which soften them.
FOOTNOTES: tuple[str, ...] = (
    "symptoms usually last more than 6 months",
    "sensory signs and symptoms may develop over the course of MMN",
    "nearly 10% start with predominantly lower-limb involvement",
    "slightly brisk reflexes in the affected arm do not exclude MMN if there are no upper motor neuron signs",
    "twelfth nerve palsy has been reported",
)

#: The categories :func:`category` can return, with a plain-language label.
CATEGORIES = MappingProxyType(
    {
        "definite": "Definite MMN",
        "probable": "Probable MMN",
        "possible": "Possible MMN",
        "not_excluded": "No qualifying block: definite and probable MMN are not met, but MMN is not excluded. "
        "An IVIg trial is reasonable when the picture looks like MMN (distal arm onset, nerve-territory "
        "pattern, denervation only in weak muscles, normal CK), with an objective end point; an objective "
        "response makes it possible MMN, and without one follow the patient for ALS",
        "sensory": "Sensory conduction abnormal: the MMN criteria are not met (think of multifocal CIDP)",
        "excluded": "Exclusion criterion present: the criteria rule MMN out; look for another cause",
        "not_met": "Clinical core criteria not met",
    }
)


@dataclass(frozen=True)
class Step:
    """One question of the decision path and this patient's answer."""

    key: str
    question: str
    answer: bool


@dataclass(frozen=True)
class Verdict:
    """Result of :func:`category`: the category key, its label, and the questions asked on the way."""

    category: str
    path: tuple[Step, ...]

    @property
    def label(self) -> str:
        return CATEGORIES[self.category]


#: The decision questions (short enough for the flowchart boxes), in the order of the flowchart.
QUESTIONS = MappingProxyType(
    {
        "exclusion": "Any exclusion<br>criterion?",
        "core": "Clinical core<br>met?",
        "sensory": "Sensory conduction<br>normal?",
        "two_nerves": "Weak in ≥ 2 nerve<br>territories?",
        "definite_cb": "Definite CB<br>in ≥ 1 nerve?",
        "probable_cb_2": "Probable CB<br>in ≥ 2 nerves?",
        "probable_cb_1": "Probable CB in 1 nerve<br>+ ≥ 2 supportive?",
        "ivig": "Objective response<br>to IVIg?",
        "one_nerve_cb": "One nerve: definite<br>or probable CB?",
    }
)


def _count(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number of at least 0, got {value!r}")
    return value


def _flag(name: str, value) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return value


def _choices(name: str, values, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if values is None:
        raise ValueError(f"{name} must be a list of criteria, got None")
    values = (values,) if isinstance(values, str) else tuple(values)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValueError(f"{name} must be taken from {allowed}, got {unknown!r}")
    return tuple(dict.fromkeys(values))


def category(
    clinical_core_met: bool,
    nerves_with_definite_cb: int,
    *,
    nerves_with_probable_cb: int = 0,
    weak_nerve_territories: int = 2,
    supportive: Iterable[str] = (),
    exclusions: Iterable[str] = (),
    sensory_conduction_normal: bool = True,
) -> Verdict:
    """EFNS/PNS 2010 category (Table 4 of the guideline) of one patient.

    Parameters
    ----------
    clinical_core_met
        Clinical core criteria met: progressive focal asymmetric limb weakness for more than a
        month, and no objective sensory abnormality beyond minor vibration loss in the legs.
    nerves_with_definite_cb
        Number of motor nerves with *definite* conduction block away from common entrapment sites.
    nerves_with_probable_cb
        Number of further motor nerves whose block is only *probable* (area loss >= 30% over a long
        arm segment, or >= 50% with more than 30% increase of duration).
    weak_nerve_territories
        Number of nerves in whose motor territory the patient is weak; 1 gives at most possible MMN.
    supportive
        Supportive investigations present, each one of :data:`SUPPORTIVE_INVESTIGATIONS`
        (:data:`IVIG_RESPONSE` is the objective response to IVIg).
    exclusions
        Exclusion criteria present, each one of :data:`EXCLUSIONS`.
    sensory_conduction_normal
        Sensory conduction normal in the arm segments with block (and in the nerves studied); if not,
        no block counts for MMN and no category is reached.
    """
    _flag("clinical_core_met", clinical_core_met)
    _flag("sensory_conduction_normal", sensory_conduction_normal)
    definite = _count("nerves_with_definite_cb", nerves_with_definite_cb)
    probable = _count("nerves_with_probable_cb", nerves_with_probable_cb)
    territories = _count("weak_nerve_territories", weak_nerve_territories)
    supportive = _choices("supportive", supportive, SUPPORTIVE_INVESTIGATIONS)
    exclusions = _choices("exclusions", exclusions, EXCLUSIONS)

    path: list[Step] = []

    def ask(key: str, answer: bool) -> bool:
        path.append(Step(key, QUESTIONS[key].replace("<br>", " "), answer))
        return answer

    def verdict(cat: str) -> Verdict:
        return Verdict(cat, tuple(path))

    if ask("exclusion", bool(exclusions)):
        return verdict("excluded")
    if not ask("core", clinical_core_met and territories >= 1):
        return verdict("not_met")
    if not ask("sensory", sensory_conduction_normal):
        return verdict("sensory")
    if not ask("two_nerves", territories >= 2):
        return verdict("possible" if ask("one_nerve_cb", definite + probable >= 1) else "not_excluded")
    if ask("definite_cb", definite >= 1):
        return verdict("definite")
    if ask("probable_cb_2", probable >= 2):
        return verdict("probable")
    if ask("probable_cb_1", probable == 1 and len(supportive) >= 2):
        return verdict("probable")
    return verdict("possible" if ask("ivig", IVIG_RESPONSE in supportive) else "not_excluded")


@dataclass(frozen=True)
class Case:
    """An invented example patient for the flowchart (not a real patient)."""

    key: str
    title: str
    story: str
    clinical_core_met: bool
    nerves_with_definite_cb: int
    nerves_with_probable_cb: int = 0
    weak_nerve_territories: int = 2
    supportive: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    sensory_conduction_normal: bool = True

    def verdict(self) -> Verdict:
        return category(
            self.clinical_core_met,
            self.nerves_with_definite_cb,
            nerves_with_probable_cb=self.nerves_with_probable_cb,
            weak_nerve_territories=self.weak_nerve_territories,
            supportive=self.supportive,
            exclusions=self.exclusions,
            sensory_conduction_normal=self.sensory_conduction_normal,
        )


_GM1, _CSF, _MRI = SUPPORTIVE_INVESTIGATIONS[:3]

#: Invented teaching cases (not real patients).
CASES: tuple[Case, ...] = (
    Case("typical", "A: wrist drop", "2 years of stepwise weakness in the ulnar and radial territories; normal "
         "sensation; definite block in the ulnar nerve in the forearm; normal sensory conduction.", True, 1),
    Case("two_probable", "B: two probable blocks", "Weak in median and ulnar territories; 35% area loss over the "
         "forearm in both nerves (probable blocks); normal sensory conduction.", True, 0, 2),
    Case("probable_plus", "C: one block + tests", "Weak in three nerve territories; one probable block (40% area "
         "loss, elbow to axilla); raised IgM anti-GM1 and a swollen brachial plexus on MRI.", True, 0, 1,
         supportive=(_GM1, _MRI)),
    Case("ivig_responder", "D: no block, IVIg", "Pure motor weakness in ulnar and radial territories; no block "
         "found up to Erb's point; normal sensory conduction; grip strength clearly better after IVIg.", True, 0,
         supportive=(IVIG_RESPONSE,)),
    Case("no_block", "E: no block yet", "Pure motor weakness in three nerve territories, no upper motor neuron "
         "signs; no block found; normal sensory conduction; IVIg not yet tried.", True, 0),
    Case("one_nerve", "F: one nerve only", "6 months of weakness in the radial territory only; definite block in "
         "the radial nerve above the elbow; normal sensory conduction.", True, 1, weak_nerve_territories=1),
    Case("sensory_block", "G: block, numb SNAP", "Weak hand in two nerve territories; a block in the median "
         "forearm, but the median sensory potential is small over the same segment.", True, 1,
         sensory_conduction_normal=False),
    Case("brisk", "H: Babinski sign", "Asymmetric hand weakness with fasciculations, brisk reflexes in the weak "
         "arm and an extensor plantar response.", True, 0, exclusions=("upper motor neuron signs",)),
    Case("numb", "I: numb hands", "Asymmetric weakness of both hands with reduced pinprick sensation in the "
         "same territories.", False, 1),
)

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
