"""The schema of the question bank: what one YAML file may contain, and precise errors.

Each chapter's questions live in ``widgets/quiz/questions/<chapter>.yaml``::

    chapter: nerve_conduction            # must equal the file stem
    include: [cp-weak-hand-01]           # optional: ids from other files shown with this chapter
    questions:
      - id: nc-block-01                  # unique across the bank, ^[a-z0-9]+(-[a-z0-9]+)*$
        objective: Tell conduction block from temporal dispersion
        difficulty: medium               # easy | medium | hard
        type: single                     # single (exactly one correct) | multiple (>= 1 correct)
        simulator: true                  # optional, default false
        stem: A 45-year-old ...
        trace: {nerve: ulnar, preset: mmn}   # optional: passed to widgets.conduction.simulate
        options:                         # 3 to 6
          - {text: ..., correct: true, explanation: ...}
        references: [efnspns2010mmn]     # >= 1 key of book/references.bib

:func:`validate_file` checks one parsed file against this schema and raises a
:class:`ValueError` whose message names the file, the question and the field,
e.g. ``nerve_conduction.yaml: question 'nc-block-01': field
'options[2].explanation' is missing``. Checks that need the whole bank
(duplicate ids, ``include`` targets, reference keys) live in :mod:`widgets.quiz.bank`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

#: The JSON Schema (draft 2020-12) of a question file, checked with the maintained ``jsonschema`` validator.
SCHEMA_PATH = Path(__file__).resolve().parent / "schema.json"

#: Chapter ids of the course: the notebook stems without their number.
CHAPTERS: tuple[str, ...] = (
    "what_is_mmn",
    "pathophysiology",
    "clinical_presentation",
    "weak_wasted_hand",
    "nerve_conduction",
    "needle_emg",
    "differential_diagnosis",
    "diagnosis_in_practice",
    "treatment",
    "living_with_mmn",
    "clinical_cases",
    "review",
)

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
TYPES: tuple[str, ...] = ("single", "multiple")
MIN_OPTIONS, MAX_OPTIONS = 3, 6

#: Option texts that break single-best-answer item writing rules.
FORBIDDEN_OPTIONS = re.compile(r"\b(all|none|both|neither) of the (above|following)\b", re.IGNORECASE)

FILE_FIELDS = {"chapter": True, "questions": False, "include": False}  # name -> required
QUESTION_FIELDS = {
    "id": True,
    "objective": True,
    "difficulty": True,
    "type": True,
    "simulator": False,
    "stem": True,
    "trace": False,
    "emg": False,  # a simulated needle EMG screen (widgets.quiz.traces.render_emg)
    "options": True,
    "references": True,
    "bloom": False,
    "teaching_point": False,
}
#: Levels of Bloom's taxonomy an item may be tagged with (optional field ``bloom``).
BLOOM_LEVELS: tuple[str, ...] = ("remember", "understand", "apply", "analyse", "evaluate")
OPTION_FIELDS = {"text": True, "correct": True, "explanation": True}


class _Where:
    """Builds error messages that name the file, the question and the field."""

    def __init__(self, filename: str, question: str | None = None):
        self.filename = filename
        self.question = question

    def error(self, field: str | None, problem: str) -> ValueError:
        parts = [self.filename]
        if self.question is not None:
            parts.append(f"question {self.question}")
        if field is not None:
            parts.append(f"field {field!r} {problem}")
        else:
            parts.append(problem)
        return ValueError(": ".join(parts))


def _type_name(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def _text(where: _Where, data: dict, field: str, path: str) -> str:
    value = data.get(field)
    if not isinstance(value, str):
        raise where.error(path, f"must be text, got {_type_name(value)}")
    if not value.strip():
        raise where.error(path, "is empty")
    return value.strip()


def _check_fields(where: _Where, data: dict, allowed: dict[str, bool], prefix: str) -> None:
    for name, required in allowed.items():
        if required and name not in data:
            raise where.error(f"{prefix}{name}", "is missing")
    for name in data:
        if name not in allowed:
            raise where.error(f"{prefix}{name}", f"is not a known field (allowed: {', '.join(allowed)})")


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _field_path(parts: list) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_PRIORITY = {"required": 0, "additionalProperties": 2}


def schema_error(filename: str, data: Any) -> ValueError | None:
    """The first problem the JSON Schema finds in a parsed file, as a message naming file, question and field.

    ``None`` when the file conforms. Semantic rules a JSON Schema cannot say well (one correct option for
    ``single``, repeated option texts, "all of the above", the chapter name) are checked afterwards.
    """
    errors = list(_validator().iter_errors(data))
    if not errors:
        return None

    def key(err):
        path = list(err.absolute_path)
        qindex = path[1] if len(path) > 1 and path[0] == "questions" and isinstance(path[1], int) else -1
        return (qindex, _PRIORITY.get(err.validator, 1), len(path), str(path))

    err = min(errors, key=key)
    path = list(err.absolute_path)
    question = None
    if len(path) > 1 and path[0] == "questions" and isinstance(path[1], int):
        raw = data["questions"][path[1]]
        qid = raw.get("id") if isinstance(raw, dict) else None
        question = repr(qid.strip()) if isinstance(qid, str) and qid.strip() else f"#{path[1] + 1}"
        path = path[2:]
    where = _Where(filename, question)
    field = _field_path(path)
    value = err.instance
    name = path[-1] if path else None
    if err.validator == "required":
        missing = re.match(r"'([^']+)'", err.message)
        return where.error(_field_path(path + [missing.group(1) if missing else "?"]), "is missing")
    if err.validator == "additionalProperties":
        allowed = list(err.schema.get("properties", {}))
        extra = [k for k in value if k not in allowed]
        return where.error(_field_path(path + [extra[0]]), f"is not a known field (allowed: {', '.join(allowed)})")
    if field == "" and question is not None:
        return where.error(None, f"must be a mapping of fields, got {_type_name(value)}")
    if err.validator == "type":
        wanted = err.validator_value
        if wanted == "boolean":
            return where.error(field, f"must be true or false, got {value!r}")
        if wanted == "string":
            return where.error(field, f"must be text, got {_type_name(value)}")
        if name == "references":
            return where.error(field, f"must be a non-empty list of keys of book/references.bib, got {value!r}")
        if isinstance(name, int) and path[-2] == "options":
            return where.error(field, f"must be a mapping with text, correct and explanation, got {_type_name(value)}")
        kind = {"array": "a list", "object": "a mapping"}.get(str(wanted), str(wanted))
        return where.error(field, f"must be {kind}, got {_type_name(value)}")
    if err.validator == "pattern":
        if err.validator_value == "\\S":
            return where.error(field, "is empty")
        if name == "id":
            return where.error(field, f"is {value!r}; use lower-case words and digits joined by '-' (e.g. 'nc-block-01')")
        return where.error(field, f"must be a question id, got {value!r}")
    if err.validator == "enum":
        return where.error(field, f"is {value!r}; must be one of {', '.join(map(str, err.validator_value))}")
    if err.validator in ("minItems", "maxItems"):
        if name == "options":
            return where.error(field, f"has {len(value)} options; {MIN_OPTIONS} to {MAX_OPTIONS} are required")
        return where.error(field, f"must be a non-empty list of keys of book/references.bib, got {value!r}")
    if err.validator == "uniqueItems":
        return where.error(field, "lists an id twice")
    return where.error(field or None, err.message)


def validate_file(filename: str, stem: str, data: Any) -> dict:
    """Check one parsed YAML file; return it normalised (plain dicts, stripped text, defaults filled).

    ``filename`` is used in messages, ``stem`` is the file name without ``.yaml``.
    Raises :class:`ValueError` naming the file, the question and the field.
    """
    where = _Where(filename)
    if not isinstance(data, dict):
        raise where.error(None, f"the file must be a mapping with 'chapter' and 'questions', got {_type_name(data)}")
    problem = schema_error(filename, data)
    if problem is not None:
        raise problem
    _check_fields(where, data, FILE_FIELDS, "")
    chapter = _text(where, data, "chapter", "chapter")
    if chapter != stem:
        raise where.error("chapter", f"is {chapter!r} but must equal the file name stem {stem!r}")
    if chapter not in CHAPTERS:
        raise where.error("chapter", f"is {chapter!r}, not a chapter of the course ({', '.join(CHAPTERS)})")

    include = data.get("include", [])
    if not isinstance(include, list):
        raise where.error("include", f"must be a list of question ids, got {_type_name(include)}")
    for i, qid in enumerate(include):
        if not isinstance(qid, str) or not ID_PATTERN.match(qid):
            raise where.error(f"include[{i}]", f"must be a question id, got {qid!r}")
    if len(set(include)) != len(include):
        raise where.error("include", "lists an id twice")

    questions = data.get("questions", [])
    if not isinstance(questions, list):
        raise where.error("questions", f"must be a list of questions, got {_type_name(questions)}")
    if not questions and not include:
        raise where.error("questions", "is empty: a chapter file needs at least one question (or an include list)")

    seen: dict[str, int] = {}
    normalised = []
    for index, raw in enumerate(questions):
        q = validate_question(filename, index, raw)
        if q["id"] in seen:
            raise _Where(filename, repr(q["id"])).error("id", f"is used twice in this file (questions #{seen[q['id']] + 1} and #{index + 1})")
        seen[q["id"]] = index
        normalised.append(q)
    return {"chapter": chapter, "include": list(include), "questions": normalised}


def validate_question(filename: str, index: int, raw: Any) -> dict:
    """Check one question mapping (``index`` counts from 0); return it normalised."""
    label = f"#{index + 1}"
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
        label = repr(raw["id"].strip())
    where = _Where(filename, label)
    if not isinstance(raw, dict):
        raise where.error(None, f"must be a mapping of fields, got {_type_name(raw)}")
    _check_fields(where, raw, QUESTION_FIELDS, "")

    qid = _text(where, raw, "id", "id")
    if not ID_PATTERN.match(qid):
        raise where.error("id", f"is {qid!r}; use lower-case words and digits joined by '-' (e.g. 'nc-block-01')")
    objective = _text(where, raw, "objective", "objective")
    stem = _text(where, raw, "stem", "stem")
    difficulty = raw.get("difficulty")
    if difficulty not in DIFFICULTIES:
        raise where.error("difficulty", f"is {difficulty!r}; must be one of {', '.join(DIFFICULTIES)}")
    qtype = raw.get("type")
    if qtype not in TYPES:
        raise where.error("type", f"is {qtype!r}; must be one of {', '.join(TYPES)}")
    simulator = raw.get("simulator", False)
    if not isinstance(simulator, bool):
        raise where.error("simulator", f"must be true or false, got {simulator!r}")

    bloom = raw.get("bloom")
    if bloom is not None and bloom not in BLOOM_LEVELS:
        raise where.error("bloom", f"is {bloom!r}; must be one of {', '.join(BLOOM_LEVELS)}")
    teaching_point = _text(where, raw, "teaching_point", "teaching_point") if "teaching_point" in raw else None

    trace = raw.get("trace")
    if trace is not None:
        trace = _validate_trace(where, trace)
    emg = raw.get("emg")
    if emg is not None:
        emg = _validate_emg(where, emg)

    options = raw.get("options")
    if not isinstance(options, list):
        raise where.error("options", f"must be a list of options, got {_type_name(options)}")
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise where.error("options", f"has {len(options)} options; {MIN_OPTIONS} to {MAX_OPTIONS} are required")
    clean_options = []
    texts: dict[str, int] = {}
    for i, opt in enumerate(options):
        path = f"options[{i}]"
        if not isinstance(opt, dict):
            raise where.error(path, f"must be a mapping with text, correct and explanation, got {_type_name(opt)}")
        _check_fields(where, opt, OPTION_FIELDS, f"{path}.")
        text = _text(where, opt, "text", f"{path}.text")
        if not isinstance(opt["correct"], bool):
            raise where.error(f"{path}.correct", f"must be true or false, got {opt['correct']!r}")
        explanation = _text(where, opt, "explanation", f"{path}.explanation")
        if FORBIDDEN_OPTIONS.search(text):
            raise where.error(f"{path}.text", "uses 'all/none of the above': write a homogeneous, independent option")
        key = text.casefold()
        if key in texts:
            raise where.error(f"{path}.text", f"repeats options[{texts[key]}].text")
        texts[key] = i
        clean_options.append({"text": text, "correct": opt["correct"], "explanation": explanation})

    n_correct = sum(o["correct"] for o in clean_options)
    if qtype == "single" and n_correct != 1:
        raise where.error("options", f"has {n_correct} correct options; type 'single' needs exactly 1")
    if qtype == "multiple" and n_correct < 1:
        raise where.error("options", "has no correct option; type 'multiple' needs at least 1")

    refs = raw.get("references")
    if not isinstance(refs, list) or not refs:
        raise where.error("references", f"must be a non-empty list of keys of book/references.bib, got {refs!r}")
    for i, key in enumerate(refs):
        if not isinstance(key, str) or not key.strip():
            raise where.error(f"references[{i}]", f"must be a citation key, got {key!r}")

    return {
        "id": qid,
        "objective": objective,
        "difficulty": difficulty,
        "type": qtype,
        "simulator": simulator,
        "stem": stem,
        "trace": trace,
        "emg": emg,
        "options": clean_options,
        "references": [k.strip() for k in refs],
        "bloom": bloom,
        "teaching_point": teaching_point,
    }


def _validate_emg(where: _Where, emg: Any) -> dict:
    """``emg: {muscle: fdi, preset: mmn_block, phase: minimal, seed: 1}``: passed to ``widgets.emg.simulate``."""
    if not isinstance(emg, dict):
        raise where.error("emg", f"must be a mapping passed to widgets.emg.simulate, got {_type_name(emg)}")
    for key in ("muscle", "preset", "phase"):
        if not isinstance(emg.get(key), str) or not emg[key].strip():
            raise where.error(f"emg.{key}", f"must be a name, got {emg.get(key)!r}")
    seed = emg.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise where.error("emg.seed", f"must be a non-negative integer, got {seed!r}")
    unknown = set(emg) - {"muscle", "preset", "phase", "seed"}
    if unknown:
        raise where.error("emg", f"has unknown keys {sorted(unknown)}")
    return dict(emg)


def _validate_trace(where: _Where, trace: Any) -> dict:
    if not isinstance(trace, dict):
        raise where.error("trace", f"must be a mapping passed to widgets.conduction.simulate, got {_type_name(trace)}")
    nerve = trace.get("nerve")
    if "nerve" not in trace:
        raise where.error("trace.nerve", "is missing")
    if not isinstance(nerve, str) or not nerve.strip():
        raise where.error("trace.nerve", f"must be a nerve name, got {nerve!r}")
    if "preset" in trace and not (isinstance(trace["preset"], str) and trace["preset"].strip()):
        raise where.error("trace.preset", f"must be a preset name, got {trace['preset']!r}")
    if "lesions" in trace and not isinstance(trace["lesions"], list | dict):
        raise where.error("trace.lesions", f"must be a list or mapping, got {_type_name(trace['lesions'])}")
    return dict(trace)
