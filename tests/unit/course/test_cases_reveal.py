"""Chapter 9's cases are decisions: no case states its diagnosis before its first decision point.

Read from the notebook (the source of the built page): each case (a ``## Case`` section) is split at its
decision points, quiz cells with ``reveals="<target>"``; everything after such a cell is hidden on screen
until the student has answered (quiz.js, in parts in widgets/static/quiz/). The case title and every heading are neutral,
and the diagnosis is first stated after a decision point.
"""

from __future__ import annotations

import json
import re

import pytest
from support.paths import ROOT

NOTEBOOK = ROOT / "chapters" / "09_clinical_cases.ipynb"
DIAGNOSIS_NAMES = re.compile(r"\b(MMN|ALS|CIDP|Lewis-Sumner|MADSAM|motor neuron(e)? disease)\b", re.IGNORECASE)
#: How each case states its diagnosis (the spoiler that must come after a decision point).
SPOILERS = {
    "Case 1": [r"definite MMN\b"],
    "Case 2": [r"\*\*ALS\*\*", r"points to ALS", r"sign of ALS"],
    "Case 3": [r"\*\*multifocal CIDP\*\*"],
    "Case 4": [r"typical CIDP"],
    "Case 5": [r"possible MMN"],
    "Case 6": [r"\*\*wear-off\*\*", r"\bwear-off\b", r"under-?dos"],
    "Case 7": [r"Hirayama", r"monomelic", r"oblique amyotrophy"],
}


def cells():
    nb = json.loads(NOTEBOOK.read_text())
    return [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]


def cases() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list] = {}
    current = None
    for kind, src in cells():
        m = re.search(r"^## (Case \d+)\b.*$", src, flags=re.M)
        if m:
            current = m.group(1)
            out[current] = []
            src = src[m.start():]
        elif re.search(r"^## ", src, flags=re.M) and current:
            current = None
        if current:
            out[current].append((kind, src))
    return out


GATE = re.compile(r"""quiz\(.*reveals=["']([a-z0-9-]+)["']""", re.S)


def test_every_case_is_found():
    assert set(cases()) == set(SPOILERS)


@pytest.mark.parametrize("case", sorted(SPOILERS))
def test_titles_and_headings_are_neutral(case):
    body = cases()[case]
    headings = [line for kind, src in body if kind == "markdown" for line in src.splitlines() if line.startswith("#")]
    assert headings and headings[0].startswith(f"## {case}")
    for heading in headings:
        assert not DIAGNOSIS_NAMES.search(heading), f"{heading!r} names a diagnosis"


@pytest.mark.parametrize("case", sorted(SPOILERS))
def test_no_case_states_its_diagnosis_before_its_decision_point(case):
    body = cases()[case]
    gates = [i for i, (kind, src) in enumerate(body) if kind == "code" and GATE.search(src)]
    assert gates, f"{case} has no decision point that reveals the next step"
    before = "\n".join(src for kind, src in body[: gates[0]] if kind == "markdown")
    for pattern in SPOILERS[case]:
        assert not re.search(pattern, before), f"{case} says {pattern!r} before its first decision point"
    after = "\n".join(src for _, src in body[gates[0]:])
    assert any(re.search(p, after) for p in SPOILERS[case]), "the diagnosis is stated after the decision point"


@pytest.mark.parametrize("case", sorted(SPOILERS))
def test_each_decision_point_hides_the_text_right_after_it(case):
    """The markdown that follows a decision point opens with the section it reveals: no step leaks in between."""
    body = cases()[case]
    for i, (kind, src) in enumerate(body):
        m = GATE.search(src) if kind == "code" else None
        if not m:
            continue
        following = next((s for k, s in body[i + 1:] if k == "markdown"), "")
        assert following.lstrip().startswith(f"({m.group(1)})="), f"{case}: text after the decision point is not hidden"


def test_no_explorer_in_a_case_is_preset():
    """Explorers in the cases start empty: the student enters the findings (issue 17)."""
    import ast

    for kind, src in cells():
        if kind == "code" and "explorer(" in src:
            call = next(n for n in ast.walk(ast.parse(src)) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "explorer")
            assert not call.args, f"an explorer of chapter 9 is preset: {src!r}"
            assert {k.arg for k in call.keywords} <= {"uid", "patient"}, src


@pytest.mark.parametrize("case", sorted(SPOILERS))
def test_every_decision_point_reveals_a_later_step_of_its_case(case):
    body = cases()[case]
    for i, (kind, src) in enumerate(body):
        m = GATE.search(src) if kind == "code" else None
        if not m:
            continue
        later = "\n".join(s for k, s in body[i + 1:] if k == "markdown")
        assert f"({m.group(1)})=" in later, f"{case}: reveals={m.group(1)!r} names no later target"
