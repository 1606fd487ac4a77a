"""Diagnostic categories of the EFNS/PNS 2010 MMN guideline, as far as this course teaches them.

The criteria are data (each with the guideline as source, ``efnspns2010mmn`` in
``book/references.bib``); :func:`category` walks them for one patient and
returns the category with the path it took, and :func:`flowchart` draws that
path. Only the rules this course can source are implemented:

* an exclusion criterion rules the diagnosis out;
* the clinical core (criteria 1 and 2) must be met;
* **definite MMN**: clinical core, with weakness in the territory of at least
  two nerves, and definite conduction block in at least one nerve;
* **possible MMN**: the same, but weakness in the territory of one nerve only.

Everything else (for example the guideline's *probable* MMN, whose exact
requirements this course does not reproduce) is reported as "not settled by
these rules": read the guideline itself. A 2021 revision exists.
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
    "two nerves for more than one month (one nerve only: possible MMN)",
    "no objective sensory abnormalities, except minor vibration loss in the legs",
)

#: Supportive clinical criteria.
SUPPORTIVE_CLINICAL: tuple[str, ...] = (
    "predominant upper-limb involvement",
    "reduced or absent tendon reflexes in the affected limb",
    "no cranial nerve involvement",
    "cramps and fasciculations",
    "response to immunomodulatory treatment",
)

#: Supportive investigations.
SUPPORTIVE_INVESTIGATIONS: tuple[str, ...] = (
    "raised IgM anti-GM1 antibodies",
    "CSF protein usually normal, below 1 g/L",
    "raised T2 signal and swelling of the brachial plexus on MRI",
    "objective improvement after IVIg",
)

#: Exclusion criteria: any one rules MMN out.
EXCLUSIONS: tuple[str, ...] = (
    "upper motor neuron signs",
    "marked bulbar involvement",
    "sensory impairment more marked than minor vibration loss in the legs",
    "diffuse symmetric weakness during the first weeks",
)

#: The categories :func:`category` can return, with a plain-language label.
CATEGORIES = MappingProxyType(
    {
        "definite": "Definite MMN",
        "possible": "Possible MMN",
        "excluded": "Not MMN: an exclusion criterion is present",
        "not_met": "Clinical criteria not met",
        "unsettled": "Not settled by these rules: see the guideline's other combinations",
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


#: The decision questions, in the order they are asked.
QUESTIONS = MappingProxyType(
    {
        "exclusion": "Any exclusion criterion?",
        "core": "Clinical core met?",
        "block": "Definite conduction block in ≥ 1 nerve?",
        "two_nerves": "Weakness in ≥ 2 nerve territories?",
    }
)


def _count(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number of at least 0, got {value!r}")
    return value


def category(
    clinical_core_met: bool,
    nerves_with_definite_cb: int,
    *,
    weak_nerve_territories: int = 2,
    exclusions: Iterable[str] = (),
    sensory_conduction_normal: bool = True,
) -> Verdict:
    """EFNS/PNS 2010 category of one patient, as far as this course's rules go.

    Parameters
    ----------
    clinical_core_met
        Clinical core criteria met: progressive focal asymmetric limb weakness for more than a
        month, and no objective sensory abnormality beyond minor vibration loss in the legs.
    nerves_with_definite_cb
        Number of motor nerves with *definite* conduction block away from common entrapment sites.
    weak_nerve_territories
        Number of nerves in whose motor territory the patient is weak (1 gives at most "possible").
    exclusions
        Exclusion criteria present, each one of :data:`EXCLUSIONS`.
    sensory_conduction_normal
        Sensory conduction normal in the upper-limb segments with conduction block; if not, the
        blocks do not count for MMN.
    """
    if not isinstance(clinical_core_met, bool):
        raise ValueError(f"clinical_core_met must be True or False, got {clinical_core_met!r}")
    if not isinstance(sensory_conduction_normal, bool):
        raise ValueError(f"sensory_conduction_normal must be True or False, got {sensory_conduction_normal!r}")
    blocks = _count("nerves_with_definite_cb", nerves_with_definite_cb)
    territories = _count("weak_nerve_territories", weak_nerve_territories)
    if isinstance(exclusions, str):
        exclusions = (exclusions,)
    exclusions = tuple(exclusions)
    unknown = [e for e in exclusions if e not in EXCLUSIONS]
    if unknown:
        raise ValueError(f"exclusions must be taken from {EXCLUSIONS}, got {unknown!r}")

    path = [Step("exclusion", QUESTIONS["exclusion"], bool(exclusions))]
    if exclusions:
        return Verdict("excluded", tuple(path))
    core = clinical_core_met and territories >= 1
    path.append(Step("core", QUESTIONS["core"], core))
    if not core:
        return Verdict("not_met", tuple(path))
    counted_blocks = blocks if sensory_conduction_normal else 0
    path.append(Step("block", QUESTIONS["block"], counted_blocks >= 1))
    if counted_blocks < 1:
        return Verdict("unsettled", tuple(path))
    path.append(Step("two_nerves", QUESTIONS["two_nerves"], territories >= 2))
    return Verdict("definite" if territories >= 2 else "possible", tuple(path))


@dataclass(frozen=True)
class Case:
    """An example patient for the flowchart."""

    key: str
    title: str
    story: str
    clinical_core_met: bool
    nerves_with_definite_cb: int
    weak_nerve_territories: int = 2
    exclusions: tuple[str, ...] = ()
    sensory_conduction_normal: bool = True

    def verdict(self) -> Verdict:
        return category(
            self.clinical_core_met,
            self.nerves_with_definite_cb,
            weak_nerve_territories=self.weak_nerve_territories,
            exclusions=self.exclusions,
            sensory_conduction_normal=self.sensory_conduction_normal,
        )


#: Invented teaching cases (not real patients).
CASES: tuple[Case, ...] = (
    Case(
        "typical",
        "A: wrist drop",
        "2 years of stepwise weakness in the ulnar and radial territories of the right arm; normal sensation; "
        "definite block in the ulnar nerve in the forearm; normal sensory conduction.",
        True,
        1,
        2,
    ),
    Case(
        "one_nerve",
        "B: one nerve only",
        "6 months of weakness in the right radial territory only; definite block in the radial nerve above the "
        "elbow; normal sensory conduction.",
        True,
        1,
        1,
    ),
    Case(
        "brisk",
        "C: extensor plantar response",
        "Asymmetric hand weakness with fasciculations, but brisk reflexes in the weak arm and an extensor plantar "
        "response.",
        True,
        0,
        2,
        exclusions=("upper motor neuron signs",),
    ),
    Case(
        "numb",
        "D: numb hands",
        "Asymmetric weakness of both hands with numbness and reduced pinprick sensation in the same territories.",
        False,
        1,
        2,
    ),
    Case(
        "no_block",
        "E: no definite block",
        "Typical clinical picture in three nerve territories, but nerve conduction shows no definite block.",
        True,
        0,
        3,
    ),
)

# Flowchart geometry: question boxes down the middle, outcomes to the right.
_Q_POS = {"exclusion": (0.0, 4.0), "core": (0.0, 3.0), "block": (0.0, 2.0), "two_nerves": (0.0, 1.0)}
_OUT_POS = {
    "excluded": (1.75, 4.0),
    "not_met": (1.75, 3.0),
    "unsettled": (1.75, 2.0),
    "possible": (1.75, 1.0),
    "definite": (0.0, 0.0),
}
_OUT_TEXT = {
    "excluded": "Not MMN<br>(look for another cause)",
    "not_met": "Criteria not met",
    "unsettled": "Not settled here:<br>see the guideline",
    "possible": "<b>Possible MMN</b>",
    "definite": "<b>Definite MMN</b>",
}
# Each edge: (from, to, answer label).
_EDGES = (
    ("exclusion", "excluded", "yes"),
    ("exclusion", "core", "no"),
    ("core", "not_met", "no"),
    ("core", "block", "yes"),
    ("block", "unsettled", "no"),
    ("block", "two_nerves", "yes"),
    ("two_nerves", "possible", "no (one nerve)"),
    ("two_nerves", "definite", "yes"),
)
_BOX_W, _BOX_H, _OUT_W = 1.05, 0.34, 0.8
_ON = palette.NORMAL.color
_OFF = "#b0b0b0"


def _pos(node: str) -> tuple[float, float]:
    return _Q_POS.get(node) or _OUT_POS[node]


def _visited(verdict: Verdict) -> set[str]:
    return {s.key for s in verdict.path} | {verdict.category}


def _styles(verdict: Verdict) -> tuple[list[dict], list[str]]:
    """Per-box and per-edge styles for one verdict: (shape updates in shape order, edge colours)."""
    visited = _visited(verdict)
    answers = {s.key: s.answer for s in verdict.path}
    nodes = list(_Q_POS) + list(_OUT_POS)
    boxes = []
    for node in nodes:
        on = node in visited
        final = node == verdict.category
        boxes.append(
            {
                "line.color": (palette.PATIENT.color if final else _ON) if on else _OFF,
                "line.width": 4 if final else (2.5 if on else 1),
                "line.dash": "solid" if on else "dot",
                "fillcolor": ("#fbe3d4" if final else "#e3eef8") if on else "#ffffff",
            }
        )
    edges = []
    for a, b, label in _EDGES:
        taken = a in answers and b in visited and ((label.startswith("yes")) == answers[a])
        edges.append(_ON if taken else _OFF)
    return boxes, edges


def _relayout(case: Case) -> dict:
    verdict = case.verdict()
    boxes, edges = _styles(verdict)
    upd: dict = {}
    for i, style in enumerate(boxes):
        for k, v in style.items():
            upd[f"shapes[{i}].{k}"] = v
    for j, colour in enumerate(edges):
        upd[f"shapes[{len(boxes) + j}].line.color"] = colour
        upd[f"shapes[{len(boxes) + j}].line.width"] = 3 if colour == _ON else 1.2
    upd["annotations[0].text"] = f"<b>Case {case.title}</b><br>{_wrap(case.story, 48)}<br>Result: <b>{_wrap(verdict.label, 48)}</b>"
    return upd


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width))


def flowchart(case: str = "typical") -> go.Figure:
    """Decision flowchart of the taught rules, with buttons that walk example cases through it."""
    keys = [c.key for c in CASES]
    if case not in keys:
        raise ValueError(f"case must be one of {tuple(keys)}, got {case!r}")
    chosen = CASES[keys.index(case)]
    shapes, annotations = [], []
    annotations.append(
        dict(
            x=0.75,
            y=0.62,
            xref="x",
            yref="y",
            xanchor="left",
            yanchor="top",
            align="left",
            showarrow=False,
            text="",
            font=dict(size=12),
            bgcolor="#ffffff",
            bordercolor="#999999",
            borderwidth=1,
            borderpad=6,
        )
    )
    for node in list(_Q_POS) + list(_OUT_POS):
        x, y = _pos(node)
        w = _BOX_W if node in _Q_POS else _OUT_W
        shapes.append(dict(type="rect", x0=x - w / 2, x1=x + w / 2, y0=y - _BOX_H / 2, y1=y + _BOX_H / 2, layer="below", line=dict(width=1)))
        text = QUESTIONS[node] if node in QUESTIONS else _OUT_TEXT[node]
        annotations.append(dict(x=x, y=y, text=text, showarrow=False, font=dict(size=12)))
    xs, ys, labels = [], [], []
    for a, b, label in _EDGES:
        (x0, y0), (x1, y1) = _pos(a), _pos(b)
        if y0 == y1:  # to the right
            start, end = (x0 + _BOX_W / 2, y0), (x1 - _OUT_W / 2, y1)
        else:  # downwards
            start, end = (x0, y0 - _BOX_H / 2), (x1, y1 + _BOX_H / 2)
        shapes.append(dict(type="line", x0=start[0], y0=start[1], x1=end[0], y1=end[1], line=dict(width=1.2)))
        xs.append(end[0])
        ys.append(end[1])
        mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        annotations.append(dict(x=mid[0] + (0.0 if y0 == y1 else 0.08), y=mid[1] + (0.07 if y0 == y1 else 0.0), text=label, showarrow=False, xanchor="center" if y0 == y1 else "left", font=dict(size=11, color="#444444")))
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            marker=dict(symbol=["triangle-right" if y0 == y1 else "triangle-down" for (a, b, _) in _EDGES for (_, y0), (_, y1) in [(_pos(a), _pos(b))]], size=9, color="#666666"),
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.update_layout(
        title=dict(text="EFNS/PNS 2010 categories, as taught here"),
        shapes=shapes,
        annotations=annotations,
        height=560,
        margin=dict(l=10, r=10, t=100, b=20),
        xaxis=dict(visible=False, range=[-0.6, 2.2], fixedrange=True),
        yaxis=dict(visible=False, range=[-0.5, 4.3], fixedrange=True),
        updatemenus=[
            dict(
                type="dropdown",
                direction="down",
                showactive=True,
                x=0.0,
                y=1.02,
                xanchor="left",
                yanchor="bottom",
                active=keys.index(case),
                buttons=[dict(label=c.title, method="relayout", args=[_relayout(c)]) for c in CASES],
            )
        ],
    )
    fig.plotly_relayout(_relayout(chosen))
    return fig
