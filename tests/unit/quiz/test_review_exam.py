"""The review chapter is a new mixed exam (issue 17): no question it asks is asked on another chapter's page.

The questions a page asks are read from its notebook's quiz calls, as a reader meets them: ``quiz("chapter")``
asks that chapter's questions (with the ones its file includes), ``quiz(..., ids=[...])`` asks those ids. Every
call found is counted, both branches of a conditional included, so a copy cannot hide in one of them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
from support.paths import ROOT

from widgets.quiz import load_bank

CHAPTERS_DIR = ROOT / "chapters"
REVIEW = CHAPTERS_DIR / "10_review.ipynb"


def quiz_calls(source: str) -> list[tuple[str | None, list[str] | None]]:
    """``(chapter, ids)`` of every ``quiz(...)`` call in one code cell (``ids`` None when not given)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "quiz"):
            continue
        chapter = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
        ids = None
        for kw in node.keywords:
            if kw.arg == "chapter" and isinstance(kw.value, ast.Constant):
                chapter = kw.value.value
            elif kw.arg == "ids":
                ids = [ast.literal_eval(e) for e in kw.value.elts]
        out.append((chapter, ids))
    return out


def asked_ids(path: Path) -> set[str]:
    """Ids of the questions the notebook at ``path`` asks."""
    asked: set[str] = set()
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code" or "quiz" not in cell.source:
            continue
        for chapter, ids in quiz_calls(cell.source):
            asked |= set(ids) if ids is not None else {q.id for q in load_bank(chapter)}
    return asked


@pytest.fixture(scope="module")
def pages() -> dict[str, set[str]]:
    return {p.name: asked_ids(p) for p in sorted(CHAPTERS_DIR.glob("*.ipynb"))}


def test_the_parser_reads_every_kind_of_quiz_call():
    calls = quiz_calls('quiz("review", ids=["a-01", "b-01"], title="x")\nquiz("treatment")\n'
                       'quiz("x") if flag else quiz(ids=["c-01"])')
    assert calls == [("review", ["a-01", "b-01"]), ("treatment", None), ("x", None), (None, ["c-01"])]


def test_no_question_of_the_review_is_asked_on_another_page(pages):
    review = pages.pop(REVIEW.name)
    assert len(review) >= 15, f"the review asks only {len(review)} questions"
    assert len(pages) >= 10, "the other chapters' quizzes were not found"
    copies = {name: sorted(review & ids) for name, ids in pages.items() if review & ids}
    assert copies == {}, f"questions of the review asked on other pages: {copies}"


def test_every_review_question_is_its_own_and_the_rounds_mix_the_three_diseases():
    own = {q.id: q for q in load_bank("review")}
    asked = asked_ids(REVIEW)
    assert asked <= set(own), f"asked by the review but not written for it: {sorted(asked - set(own))}"
    assert all(q.chapter == "review" and q.bloom and q.teaching_point for q in own.values())
    sims = [own[i] for i in asked if own[i].trace is not None]
    assert len(sims) >= 4, "round 2 reads simulated studies"
    assert len({q.trace.nerve for q in sims}) >= 3, "the simulated studies use several nerves"


def test_select_all_items_of_the_review_vary_their_correct_positions():
    multi = [q for q in load_bank("review") if q.type == "multiple"]
    assert len(multi) >= 2, "the review has select-all items"
    assert len({q.correct_indices for q in multi}) == len(multi), [q.correct_indices for q in multi]
    assert any(0 not in q.correct_indices for q in multi), "the first option is not always correct"
