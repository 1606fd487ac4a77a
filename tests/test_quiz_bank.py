"""The question bank as a whole: size, coverage, references, simulator traces and item-writing rules."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from widgets.quiz import CHAPTERS, load_bank
from widgets.quiz.bank import QUESTIONS_DIR

ROOT = Path(__file__).resolve().parents[1]
BIB = ROOT / "book" / "references.bib"
#: Chapters whose question file this package owns (clinical_cases is written by the clinical-cases author).
OWN_CHAPTERS = tuple(c for c in CHAPTERS if c != "clinical_cases")


def bib_keys() -> set[str]:
    """Keys of book/references.bib, parsed independently of the loader."""
    return set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", BIB.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def test_bank_has_at_least_60_questions(bank):
    assert len(bank) >= 60, f"only {len(bank)} questions"
    assert len({q.id for q in bank}) == len(bank), "question ids must be unique"


@pytest.mark.parametrize("chapter", OWN_CHAPTERS)
def test_every_chapter_has_its_own_file_with_questions(chapter):
    path = QUESTIONS_DIR / f"{chapter}.yaml"
    assert path.is_file(), f"{path.name} is missing"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["chapter"] == chapter
    own = load_bank(chapter)
    assert len([q for q in own if q.chapter == chapter]) >= 5, f"{chapter} needs at least 5 questions of its own"


def test_every_question_file_is_a_chapter():
    stems = sorted(p.stem for p in QUESTIONS_DIR.glob("*.yaml"))
    assert set(stems) <= set(CHAPTERS), f"files that are not chapters: {set(stems) - set(CHAPTERS)}"
    assert not list(QUESTIONS_DIR.glob("*.yml")), "use the .yaml suffix (a .yml file would be ignored)"


def test_every_reference_key_exists_in_the_bibliography(bank):
    keys = bib_keys()
    missing = sorted({(q.id, k) for q in bank for k in q.references if k not in keys})
    assert missing == []
    assert all(q.references for q in bank)


def test_every_option_has_an_explanation_and_the_right_number_of_correct_options(bank):
    for q in bank:
        assert 3 <= len(q.options) <= 6, q.id
        assert all(o.text.strip() and o.explanation.strip() for o in q.options), q.id
        n_correct = sum(o.correct for o in q.options)
        if q.type == "single":
            assert n_correct == 1, f"{q.id}: {n_correct} correct options"
        else:
            assert n_correct >= 1, q.id


def test_no_all_or_none_of_the_above(bank):
    bad = [(q.id, o.text) for q in bank for o in q.options if re.search(r"(all|none) of the above", o.text, re.I)]
    assert bad == []


def test_at_least_15_simulator_questions_with_traces_that_simulate(bank):
    from widgets.quiz.traces import quiz_figure, quiz_table_html

    sims = [q for q in bank if q.simulator and q.trace is not None]
    assert len(sims) >= 15, f"only {len(sims)} simulator questions with a trace"
    for q in sims:
        study = q.trace.simulate()
        assert len(study.sites) >= 2, q.id
        fig = quiz_figure(study)
        assert any(len(t.get("y", [])) > 10 for t in fig["data"]), f"{q.id}: the figure has no trace data"
        assert "<table" in quiz_table_html(study), q.id


def test_every_trace_uses_a_real_nerve_and_preset(bank):
    from widgets.conduction import NERVES, PRESETS

    for q in bank:
        if q.trace is None:
            continue
        spec = q.trace.spec
        assert spec["nerve"] in NERVES, q.id
        if "preset" in spec:
            assert spec["preset"] in PRESETS, q.id


def test_the_bank_covers_the_course_topics(bank):
    text = {q.id: " ".join([q.stem, q.objective, *(o.text for o in q.options)]).lower() for q in bank}

    def count(pattern: str) -> int:
        return sum(1 for t in text.values() if re.search(pattern, t))

    topics = {
        "ALS": r"\bals\b|amyotrophic",
        "CIDP": r"\bcidp\b",
        "Lewis-Sumner / MADSAM": r"lewis|madsam",
        "entrapment": r"entrapment",
        "criteria": r"criteri|guideline",
        "IVIg": r"\bivig\b|immunoglobulin",
        "other treatments": r"prednisolone|corticosteroid|plasma exchange|cyclophosphamide",
        "living with MMN": r"pregnan|work|carer|infection",
        "pathophysiology": r"gm1|phase|dispersion",
    }
    thin = {name: count(p) for name, p in topics.items() if count(p) < 3}
    assert thin == {}, f"topics with fewer than 3 questions: {thin}"
    ncs_sim = [q for q in bank if q.simulator and q.trace is not None]
    assert len(ncs_sim) >= 15


def test_the_review_interleaves_mmn_als_and_cidp():
    review = load_bank("review")
    chapters = Counter(q.chapter for q in review)
    assert len(chapters) >= 3, "the review should draw on several chapters"

    def answer(q) -> str:
        return " ".join(o.text for o in q.options if o.correct).lower() + " " + q.stem.lower()

    for disease, pattern in {"MMN": r"\bmmn\b|multifocal motor", "ALS": r"\bals\b|amyotrophic", "CIDP": r"cidp"}.items():
        n = sum(1 for q in review if re.search(pattern, answer(q)))
        assert n >= 3, f"the review has only {n} questions about {disease}"


def _files():
    return sorted(QUESTIONS_DIR.glob("*.yaml"))


def _files_with_enough_single_answers(minimum: int = 4):
    """Files with enough single-answer questions for position statistics to mean something."""
    counts = Counter(q.chapter for q in load_bank() if q.type == "single")
    return [p for p in _files() if counts[p.stem] >= minimum]


def test_most_files_are_judged_for_answer_cues():
    assert len(_files_with_enough_single_answers()) >= len(_files()) - 1


@pytest.mark.parametrize("path", _files_with_enough_single_answers(), ids=lambda p: p.stem)
def test_correct_answers_are_not_cued_by_position_or_length(path):
    """Single-best-answer hygiene per file: the key moves around and is not the obviously longest option."""
    questions = [q for q in load_bank() if q.chapter == path.stem and q.type == "single"]
    positions = Counter(q.correct_indices[0] for q in questions)
    assert len(positions) >= 2, f"{path.name}: the correct option is always at position {positions}"
    assert max(positions.values()) <= 0.6 * len(questions), f"{path.name}: correct positions {dict(positions)}"
    first = positions.get(0, 0)
    assert first <= 0.5 * len(questions), f"{path.name}: the correct option comes first in {first} of {len(questions)}"
    longest = []
    for q in questions:
        lengths = sorted(((len(o.text), i) for i, o in enumerate(q.options)), reverse=True)
        if lengths[0][1] == q.correct_indices[0] and lengths[0][0] > 1.15 * lengths[1][0]:
            longest.append(q.id)
    assert len(longest) <= 0.25 * len(questions), f"{path.name}: the key is clearly the longest option in {longest}"
