"""The question bank: YAML files in, frozen :class:`Question` objects out.

:func:`load_bank` reads every ``<chapter>.yaml`` file of the questions folder,
validates each against :mod:`widgets.quiz.schema`, then checks the bank as a
whole: question ids unique across files, ``include`` lists naming existing
questions of *other* files, and every reference key present in
``book/references.bib``. Any problem raises a :class:`ValueError` naming the
file, the question and the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from widgets.quiz.references import BIBLIOGRAPHY, read_bibliography
from widgets.quiz.schema import CHAPTERS, validate_file

#: Folder of the course's question files.
QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Option:
    """One answer option: its ``text``, whether it is ``correct``, and why (``explanation``)."""

    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class EmgTrace:
    """A simulated needle EMG screen shown with a question (``emg:`` in the YAML file).

    ``spec`` is the mapping given there; :meth:`simulate` passes it to
    ``widgets.emg.simulate(muscle, phase=..., preset=..., seed=...)``.
    """

    muscle: str
    spec_json: str

    @property
    def spec(self) -> dict[str, Any]:
        """A fresh copy of the ``emg:`` mapping (``muscle``, ``phase``, ``preset``, optional ``seed``)."""
        return json.loads(self.spec_json)

    def simulate(self):
        """The :class:`widgets.emg.Recording` (imports :mod:`widgets.emg` lazily)."""
        from widgets.emg import simulate

        spec = self.spec
        return simulate(spec["muscle"], phase=spec["phase"], preset=spec["preset"], seed=spec.get("seed", 0))


@dataclass(frozen=True)
class Trace:
    """A simulated nerve conduction study shown with a question.

    ``spec`` is the mapping given in the YAML file; :meth:`simulate` passes it to
    ``widgets.conduction.simulate(nerve, preset=..., lesions=..., **rest)``.
    It is stored as canonical JSON so the dataclass stays immutable and hashable.
    """

    nerve: str
    spec_json: str

    @property
    def spec(self) -> dict[str, Any]:
        """A fresh copy of the trace mapping (``nerve``, ``preset``, ``lesions``, ...)."""
        return json.loads(self.spec_json)

    def simulate_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of ``simulate`` (everything but ``nerve``)."""
        spec = self.spec
        spec.pop("nerve")
        return spec

    def simulate(self):
        """Run the simulation (imports :mod:`widgets.conduction` lazily).

        Lesions written as mappings in YAML (``{segment: forearm, block: 0.4}``)
        become ``widgets.conduction.Lesion`` objects.
        """
        from widgets.conduction import Lesion, simulate

        kwargs = self.simulate_kwargs()
        if "lesions" in kwargs:
            lesions = kwargs["lesions"]
            items = [lesions] if isinstance(lesions, dict) else list(lesions)
            kwargs["lesions"] = tuple(Lesion(**item) if isinstance(item, dict) else item for item in items)
        return simulate(self.nerve, **kwargs)


@dataclass(frozen=True)
class Question:
    """One validated question of the bank."""

    id: str
    chapter: str
    objective: str
    difficulty: str
    type: str
    stem: str
    options: tuple[Option, ...]
    references: tuple[str, ...]
    simulator: bool = False
    trace: Trace | None = None
    bloom: str | None = None  # remember | understand | apply | analyse | evaluate
    teaching_point: str | None = None  # one line the student should keep
    emg: EmgTrace | None = None  # a simulated needle EMG screen (``emg:`` in the YAML file)

    @property
    def correct_indices(self) -> tuple[int, ...]:
        """Positions (from 0) of the correct options."""
        return tuple(i for i, o in enumerate(self.options) if o.correct)


def _question(chapter: str, q: dict) -> Question:
    trace = None
    if q["trace"] is not None:
        trace = Trace(q["trace"]["nerve"], json.dumps(q["trace"], sort_keys=True))
    return Question(
        id=q["id"],
        chapter=chapter,
        objective=q["objective"],
        difficulty=q["difficulty"],
        type=q["type"],
        stem=q["stem"],
        options=tuple(Option(**o) for o in q["options"]),
        references=tuple(q["references"]),
        simulator=q["simulator"],
        trace=trace,
        emg=EmgTrace(q["emg"]["muscle"], json.dumps(q["emg"], sort_keys=True)) if q.get("emg") else None,
        bloom=q.get("bloom"),
        teaching_point=q.get("teaching_point"),
    )


@dataclass(frozen=True)
class Bank:
    """All question files of a folder, validated together."""

    questions: tuple[Question, ...]  # every question once, file by file (chapter order), in file order
    includes: dict[str, tuple[str, ...]]  # chapter -> ids included from other files
    chapters: tuple[str, ...]  # chapters that have a file

    def by_id(self) -> dict[str, Question]:
        """Every question of the bank, by its id."""
        return {q.id: q for q in self.questions}

    def chapter(self, chapter: str) -> tuple[Question, ...]:
        """The questions shown with ``chapter``: its own questions, then the included ones in listed order."""
        own = tuple(q for q in self.questions if q.chapter == chapter)
        index = self.by_id()
        return own + tuple(index[i] for i in self.includes.get(chapter, ()))


def _parse(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ValueError(f"{path.name}: not valid YAML{where}: {problem}") from None


def read_bank(directory: Path | str | None = None, *, bibliography: Path | str | None = BIBLIOGRAPHY) -> Bank:
    """Read and validate every ``*.yaml`` file of ``directory`` (default: the course's questions).

    ``bibliography``: BibTeX file whose keys the references must use; ``None``
    skips that check (e.g. outside the repository, where the book is absent).
    """
    folder = Path(directory) if directory is not None else QUESTIONS_DIR
    if not folder.is_dir():
        raise ValueError(f"directory must be a folder of question files, got {str(folder)!r}")
    files = sorted(folder.glob("*.yaml"), key=lambda p: (CHAPTERS.index(p.stem) if p.stem in CHAPTERS else 99, p.stem))
    keys = set(read_bibliography(bibliography)) if bibliography is not None and Path(bibliography).is_file() else None

    questions: list[Question] = []
    home: dict[str, str] = {}
    includes: dict[str, tuple[str, ...]] = {}
    for path in files:
        data = validate_file(path.name, path.stem, _parse(path))
        for q in data["questions"]:
            if q["id"] in home:
                raise ValueError(f"{path.name}: question {q['id']!r}: field 'id' is already used in {home[q['id']]}")
            home[q["id"]] = path.name
            if keys is not None:
                for i, key in enumerate(q["references"]):
                    if key not in keys:
                        raise ValueError(
                            f"{path.name}: question {q['id']!r}: field 'references[{i}]' is {key!r}, "
                            f"which is not a key of {Path(bibliography).name}"
                        )
            questions.append(_question(data["chapter"], q))
        includes[data["chapter"]] = tuple(data["include"])

    for path in files:
        for i, qid in enumerate(includes.get(path.stem, ())):
            if qid not in home:
                raise ValueError(f"{path.name}: field 'include[{i}]' names {qid!r}, which no question file defines")
            if home[qid] == path.name:
                raise ValueError(f"{path.name}: field 'include[{i}]' names {qid!r}, which is already in this file")
    return Bank(tuple(questions), includes, tuple(p.stem for p in files))


def load_bank(
    chapter: str | None = None,
    *,
    directory: Path | str | None = None,
    bibliography: Path | str | None = BIBLIOGRAPHY,
) -> tuple[Question, ...]:
    """Questions of one ``chapter`` (its own, then those it includes), or every question of the bank once.

    Raises :class:`ValueError` for a malformed file (naming the file, question
    and field) or an unknown chapter.
    """
    bank = read_bank(directory, bibliography=bibliography)
    if chapter is None:
        return bank.questions
    if chapter not in CHAPTERS:
        raise ValueError(f"chapter must be one of {', '.join(CHAPTERS)}, got {chapter!r}")
    if chapter not in bank.chapters:
        raise ValueError(f"chapter {chapter!r} has no question file ({chapter}.yaml) yet")
    return bank.chapter(chapter)
