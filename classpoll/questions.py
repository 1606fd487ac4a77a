"""The course's question bank as the poll shows it: what students see, and what the lecturer reveals.

The questions are those of :func:`widgets.quiz.load_bank` (``widgets/quiz/questions/*.yaml``), the same ones
the book's quizzes ask; nothing is copied. A question with a simulated nerve conduction study (``trace:``)
carries the study: its traces as an SVG (:mod:`classpoll.study`) and its measurement tables
(:func:`widgets.quiz.traces.quiz_table_html`, without the grade column that would give the answer away), made
once on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from widgets.quiz.bank import Question, load_bank


class QuestionBank:
    """Questions by id, from the course's bank or from ``questions`` given (tests)."""

    def __init__(self, questions: Sequence[Question] | None = None, *, directory: Path | str | None = None):
        self.questions = tuple(questions) if questions is not None else load_bank(directory=directory)
        self._by_id = {q.id: q for q in self.questions}

    def __contains__(self, qid: object) -> bool:
        return qid in self._by_id

    def get(self, qid: str) -> Question:
        """Return the question with id ``qid`` (``KeyError`` if there is none)."""
        return self._by_id[qid]

    def catalogue(self) -> list[dict]:
        """What the lecturer picks from: id, chapter, type, whether it has a simulated study, and the stem."""
        return [
            {"id": q.id, "chapter": q.chapter, "type": q.type, "study": q.trace is not None, "stem": q.stem}
            for q in self.questions
        ]

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one bank per server, a few dozen questions
    def study_html(self, qid: str) -> str:
        """The simulated study's traces and measurement tables (trusted HTML made by the course's code), or ''."""
        q = self._by_id[qid]
        if q.trace is None:
            return ""
        from classpoll.study import study_svg
        from widgets.quiz.traces import caption_for, quiz_figure, quiz_table_html

        study = q.trace.simulate()
        figure = study_svg(quiz_figure(study), label=caption_for(q))
        return f'<figure class="study-figure">{figure}</figure>' + quiz_table_html(study)

    def public(self, qid: str) -> dict:
        """What everyone may see while the question is open: stem, option texts, type, study tables."""
        q = self._by_id[qid]
        return {
            "id": q.id,
            "type": q.type,
            "stem": q.stem,
            "options": [o.text for o in q.options],
            "study_html": self.study_html(qid),
        }

    def key(self, qid: str) -> dict:
        """What the reveal adds: the correct positions, every option's explanation, the teaching point."""
        q = self._by_id[qid]
        return {
            "correct": list(q.correct_indices),
            "explanations": [o.explanation for o in q.options],
            "teaching_point": q.teaching_point or "",
            "references": list(q.references),
        }
