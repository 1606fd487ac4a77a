"""The loader rejects malformed question files with a message naming the file, the question and the field."""

from __future__ import annotations

import copy

import pytest
import yaml
from support.paths import ROOT

from widgets.quiz import load_bank
from widgets.quiz.bank import Option, Question


def valid_question(qid: str = "nc-block-01") -> dict:
    return {
        "id": qid,
        "objective": "Tell conduction block from temporal dispersion",
        "difficulty": "medium",
        "type": "single",
        "stem": "A 45-year-old man has weak finger abduction. What does the study show?",
        "options": [
            {"text": "Definite conduction block", "correct": True, "explanation": "Area falls by more than half."},
            {"text": "Temporal dispersion", "correct": False, "explanation": "Duration barely changes."},
            {"text": "Loss of motor axons", "correct": False, "explanation": "The distal response is normal."},
        ],
        "references": ["efnspns2010mmn"],
    }


def write(directory, stem: str, data) -> None:
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    (directory / f"{stem}.yaml").write_text(text, encoding="utf-8")


def test_a_valid_file_loads_into_frozen_dataclasses(tmp_path):
    q = valid_question()
    q["simulator"] = True
    q["trace"] = {"nerve": "ulnar", "preset": "mmn", "lesions": [{"segment": "forearm", "block": 0.4}]}
    write(tmp_path, "nerve_conduction", {"chapter": "nerve_conduction", "questions": [q]})
    (loaded,) = load_bank("nerve_conduction", directory=tmp_path)
    assert isinstance(loaded, Question) and isinstance(loaded.options[0], Option)
    assert loaded.id == "nc-block-01" and loaded.chapter == "nerve_conduction"
    assert [o.text for o in loaded.options] == [o["text"] for o in q["options"]], "option order must be kept"
    assert loaded.references == ("efnspns2010mmn",) and loaded.correct_indices == (0,)
    assert loaded.simulator is True and loaded.trace.nerve == "ulnar"
    assert loaded.trace.simulate_kwargs() == {"preset": "mmn", "lesions": [{"segment": "forearm", "block": 0.4}]}
    with pytest.raises(AttributeError):
        loaded.stem = "changed"  # frozen
    hash(loaded)  # hashable: usable in sets and as cache keys


def test_defaults_and_chapter_filter(tmp_path):
    write(tmp_path, "treatment", {"chapter": "treatment", "questions": [valid_question("tx-a-01")]})
    write(tmp_path, "review", {"chapter": "review", "include": ["tx-a-01"], "questions": [valid_question("rev-a-01")]})
    assert [q.id for q in load_bank(directory=tmp_path)] == ["tx-a-01", "rev-a-01"]
    review = load_bank("review", directory=tmp_path)
    assert [q.id for q in review] == ["rev-a-01", "tx-a-01"]
    assert review[1].chapter == "treatment", "an included question keeps its home chapter"
    assert review[0].simulator is False and review[0].trace is None


def _mutate(fn):
    def build():
        data = {"chapter": "nerve_conduction", "questions": [valid_question()]}
        fn(data, data["questions"][0])
        return data

    return build


def _pop(path):
    def fn(data, q):
        target = q
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return fn


def _set(path, value):
    def fn(data, q):
        target = q
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return fn


FAULTS = {
    "missing explanation": (_mutate(_pop(["options", 2, "explanation"])), "options[2].explanation", "is missing"),
    "empty explanation": (_mutate(_set(["options", 1, "explanation"], "  ")), "options[1].explanation", "is empty"),
    "missing stem": (_mutate(_pop(["stem"])), "stem", "is missing"),
    "missing references": (_mutate(_pop(["references"])), "references", "is missing"),
    "empty references": (_mutate(_set(["references"], [])), "references", "non-empty list"),
    "unknown reference key": (_mutate(_set(["references"], ["efnspns2010mmn", "nobody2099"])), "references[1]", "nobody2099"),
    "two correct in single": (_mutate(_set(["options", 1, "correct"], True)), "options", "has 2 correct options"),
    "no correct in single": (_mutate(_set(["options", 0, "correct"], False)), "options", "has 0 correct options"),
    "no correct in multiple": (
        _mutate(lambda d, q: (q.__setitem__("type", "multiple"), q["options"][0].__setitem__("correct", False))),
        "options",
        "no correct option",
    ),
    "two options": (_mutate(lambda d, q: q["options"].pop()), "options", "has 2 options; 3 to 6"),
    "seven options": (
        _mutate(lambda d, q: q["options"].extend(
            {"text": f"Distractor {i}", "correct": False, "explanation": "No."} for i in range(4)
        )),
        "options",
        "has 7 options; 3 to 6",
    ),
    "correct is not a boolean": (_mutate(_set(["options", 0, "correct"], "yes")), "options[0].correct", "true or false"),
    "bad difficulty": (_mutate(_set(["difficulty"], "tricky")), "difficulty", "easy, medium, hard"),
    "bad type": (_mutate(_set(["type"], "truefalse")), "type", "single, multiple"),
    "bad id": (_mutate(_set(["id"], "NC_Block 1")), "id", "lower-case"),
    "typo in a field name": (
        _mutate(lambda d, q: q["options"][0].__setitem__("explaination", q["options"][0].pop("explanation"))),
        "options[0].explanation",
        "is missing",
    ),
    "unknown question field": (_mutate(_set(["hint"], "Think of area.")), "hint", "not a known field"),
    "all of the above": (_mutate(_set(["options", 2, "text"], "All of the above")), "options[2].text", "all/none"),
    "repeated option": (_mutate(_set(["options", 2, "text"], "definite conduction block")), "options[2].text", "repeats"),
    "trace without nerve": (_mutate(_set(["trace"], {"preset": "mmn"})), "trace.nerve", "is missing"),
    "simulator not boolean": (_mutate(_set(["simulator"], "sometimes")), "simulator", "true or false"),
    "bad bloom level": (_mutate(_set(["bloom"], "create")), "bloom", "remember, understand, apply, analyse, evaluate"),
    "empty teaching point": (_mutate(_set(["teaching_point"], " ")), "teaching_point", "is empty"),
    "stem not text": (_mutate(_set(["stem"], 42)), "stem", "must be text"),
}


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_a_malformed_question_names_file_question_and_field(tmp_path, fault):
    build, field, problem = FAULTS[fault]
    data = build()
    write(tmp_path, "nerve_conduction", data)
    qid = data["questions"][0]["id"]
    with pytest.raises(ValueError) as err:
        load_bank(directory=tmp_path)
    message = str(err.value)
    assert message.startswith("nerve_conduction.yaml: "), message
    who = f"question {qid!r}" if fault != "bad id" else "question 'NC_Block 1'"
    assert who in message, message
    assert f"field {field!r}" in message, message
    assert problem in message, message


def test_the_documented_example_message(tmp_path):
    data = _mutate(_pop(["options", 2, "explanation"]))()
    write(tmp_path, "nerve_conduction", data)
    with pytest.raises(ValueError, match=r"^nerve_conduction\.yaml: question 'nc-block-01': field 'options\[2\]\.explanation' is missing$"):
        load_bank(directory=tmp_path)


def test_a_question_without_id_is_named_by_its_position(tmp_path):
    second = valid_question("nc-other-01")
    del second["id"]
    write(tmp_path, "nerve_conduction", {"chapter": "nerve_conduction", "questions": [valid_question(), second]})
    with pytest.raises(ValueError, match=r"nerve_conduction\.yaml: question #2: field 'id' is missing"):
        load_bank(directory=tmp_path)


FILE_FAULTS = {
    "chapter differs from file stem": (
        {"chapter": "treatment", "questions": [valid_question()]},
        "field 'chapter' is 'treatment' but must equal the file name stem 'nerve_conduction'",
    ),
    "missing chapter": ({"questions": [valid_question()]}, "field 'chapter' is missing"),
    "questions not a list": ({"chapter": "nerve_conduction", "questions": {"a": 1}}, "field 'questions' must be a list"),
    "no questions": ({"chapter": "nerve_conduction", "questions": []}, "field 'questions' is empty"),
    "unknown top-level field": (
        {"chapter": "nerve_conduction", "question": [valid_question()]},
        "field 'question' is not a known field",
    ),
    "not a mapping": ("- just\n- a list\n", "must be a mapping"),
    "invalid YAML": ("chapter: nerve_conduction\nquestions:\n  - id: [unclosed\n", "not valid YAML (line"),
    "duplicate id in one file": (
        {"chapter": "nerve_conduction", "questions": [valid_question(), valid_question()]},
        "question 'nc-block-01': field 'id' is used twice in this file",
    ),
    "include of an unknown id": (
        {"chapter": "nerve_conduction", "include": ["xx-none-01"], "questions": [valid_question()]},
        "field 'include[0]' names 'xx-none-01', which no question file defines",
    ),
}


@pytest.mark.parametrize("fault", FILE_FAULTS, ids=list(FILE_FAULTS))
def test_a_malformed_file_names_the_file_and_field(tmp_path, fault):
    data, expected = FILE_FAULTS[fault]
    write(tmp_path, "nerve_conduction", copy.deepcopy(data))
    with pytest.raises(ValueError) as err:
        load_bank(directory=tmp_path)
    assert str(err.value).startswith("nerve_conduction.yaml: "), str(err.value)
    assert expected in str(err.value), str(err.value)


def test_a_file_named_after_no_chapter_is_rejected(tmp_path):
    write(tmp_path, "nerve_conductions", {"chapter": "nerve_conductions", "questions": [valid_question()]})
    with pytest.raises(ValueError, match=r"nerve_conductions\.yaml: field 'chapter' is 'nerve_conductions', not a chapter"):
        load_bank(directory=tmp_path)


def test_duplicate_ids_across_files_name_both_files(tmp_path):
    write(tmp_path, "nerve_conduction", {"chapter": "nerve_conduction", "questions": [valid_question("x-dup-01")]})
    write(tmp_path, "treatment", {"chapter": "treatment", "questions": [valid_question("x-dup-01")]})
    with pytest.raises(ValueError) as err:
        load_bank(directory=tmp_path)
    message = str(err.value)
    assert "question 'x-dup-01': field 'id' is already used in" in message
    assert "nerve_conduction.yaml" in message and "treatment.yaml" in message


def test_unknown_chapter_and_missing_file(tmp_path):
    write(tmp_path, "treatment", {"chapter": "treatment", "questions": [valid_question()]})
    with pytest.raises(ValueError, match="chapter must be one of"):
        load_bank("neurology", directory=tmp_path)
    with pytest.raises(ValueError, match="has no question file"):
        load_bank("pathophysiology", directory=tmp_path)
    with pytest.raises(ValueError, match="directory must be a folder"):
        load_bank(directory=tmp_path / "absent")


def test_chapters_are_the_notebooks_in_book_order():
    """Every chapter notebook (stem without its number) has a quiz chapter id, in the order of the book."""
    import re

    from widgets.quiz.schema import CHAPTERS

    notebooks = sorted((ROOT / "chapters").glob("*.ipynb"))
    assert [re.sub(r"^\d+[a-z]?_", "", p.stem) for p in notebooks] == list(CHAPTERS)


def test_the_json_schema_is_valid_and_used(tmp_path, monkeypatch):
    """The structural rules live in widgets/quiz/schema.json, checked by the jsonschema package."""
    import json

    from jsonschema import Draft202012Validator

    from widgets.quiz import schema

    Draft202012Validator.check_schema(json.loads(schema.SCHEMA_PATH.read_text()))
    data = {"chapter": "nerve_conduction", "questions": [valid_question()]}
    data["questions"][0]["bloom"] = "apply"
    data["questions"][0]["teaching_point"] = "Block is graded on area for MMN."
    assert schema.schema_error("nerve_conduction.yaml", data) is None
    write(tmp_path, "nerve_conduction", data)
    (q,) = load_bank(directory=tmp_path, bibliography=None)
    assert q.bloom == "apply" and q.teaching_point == "Block is graded on area for MMN."
    data["questions"][0]["bloom"] = "synthesise"
    message = str(schema.schema_error("nerve_conduction.yaml", data))
    assert message.startswith("nerve_conduction.yaml: question ") and "field 'bloom'" in message
