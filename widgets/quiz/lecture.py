"""Lecture mode of a quiz: one question per screen, no marks until the lecturer reveals them, nothing saved.

In a lecture hall the lecturer asks the question, the students answer (show of
hands, or the class poll), then the lecturer reveals the answer. So
:class:`LectureQuiz` shows one question at a time with its options and no way
for the page to mark them; **Reveal the answer** (or the R key) marks the
correct option(s) in words and symbols and shows every option's explanation,
the teaching point and the sources. →/PageDown step to the next question
(after the last one, the deck's next page), ←/PageUp back. Nothing is stored
(no localStorage): a reload starts the rehearsal afresh.

The student mode of the same questions (:class:`widgets.quiz.cell.Quiz`) is
unchanged. The script hooks into the deck's keys through ``window.mmnDeckStep``
(see :data:`widgets.presenter_style.DECK_JS`). ``.mmn-lq__poll`` is the place
left for a class-poll panel.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from widgets.quiz.bank import Question
from widgets.quiz.render import LETTERS, esc, sources_html

#: The deck's stylesheet and script of the lecture quiz (kept as files, linted with the other JavaScript).
_DECK_ASSETS = Path(__file__).resolve().parents[1] / "static" / "deck"

#: Marks shown after the reveal, in a symbol and a word (never colour alone).
MARKS = {True: ("✓", "Correct"), False: ("✗", "Incorrect")}

CSS = (_DECK_ASSETS / "lecture-quiz.css").read_text(encoding="utf-8")

#: One question on screen; the reveal is the lecturer's act (button or R), never a side effect of focus.
JS = (_DECK_ASSETS / "lecture-quiz.js").read_text(encoding="utf-8")


def question_html(question: Question, *, number: int, total: int) -> str:
    """One question for the hall: number, stem, lettered options; marks and explanations hidden until revealed."""
    parts = [
        f'<section class="mmn-lq__question" data-question-id="{esc(question.id)}" aria-label="Question {number} of {total}">',
        f'<p class="mmn-lq__stem"><span class="mmn-lq__number">Question {number} of {total}'
        + (" (select all that apply)" if question.type == "multiple" else "") + ".</span>"
        f'{esc(question.stem)}</p><ol class="mmn-lq__options">',
    ]
    for i, option in enumerate(question.options):
        symbol, word = MARKS[option.correct]
        parts.append(
            f'<li class="mmn-lq__option" data-correct="{"true" if option.correct else "false"}">'
            f'<span class="mmn-lq__letter">{LETTERS[i]}.</span>{esc(option.text)}'
            f'<span class="mmn-lq__mark" hidden>{symbol} {word}</span>'
            f'<span class="mmn-lq__explanation" hidden>{esc(option.explanation)}</span></li>'
        )
    parts.append("</ol><div class=\"mmn-lq__after\" hidden>")
    if question.teaching_point:
        parts.append(f"<p><strong>Teaching point:</strong> {esc(question.teaching_point)}</p>")
    parts.append(sources_html(question))
    parts.append("</div></section>")
    return "".join(parts)


class LectureQuiz:
    """A quiz in lecture mode (see the module docstring); displays itself as one HTML output."""

    def __init__(self, questions: Sequence[Question], *, title: str):
        if not questions:
            raise ValueError("a lecture quiz needs at least one question")
        self.questions = tuple(questions)
        self.title = title

    def html(self) -> str:
        """Markup, style and script of the lecture quiz (no external resources, nothing stored)."""
        total = len(self.questions)
        body = "".join(question_html(q, number=i + 1, total=total) for i, q in enumerate(self.questions))
        return (
            f'<style data-mmn-lq-css="1">{CSS}</style>'
            f'<div class="mmn-lecture-quiz" data-mmn-lecture-quiz="1" aria-label="{esc(self.title)}">{body}'
            '<div class="mmn-lq__bar">'
            '<button type="button" class="mmn-lq__prev">← Previous question</button>'
            '<button type="button" class="mmn-lq__reveal" aria-expanded="false">Reveal the answer (R)</button>'
            '<button type="button" class="mmn-lq__next">Next question →</button></div>'
            '<div class="mmn-lq__poll"></div></div>'
            f"<script data-mmn-lq-js=\"1\">{JS}</script>"
        )

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return f"<LectureQuiz {self.title}: {len(self.questions)} question(s)>"


def lecture_quiz(chapter: str | None = None, *, ids=None, title: str = "Your turn") -> LectureQuiz:
    """The questions :func:`widgets.quiz.quiz` would show, in lecture mode (:class:`LectureQuiz`)."""
    from widgets.quiz.cell import select_questions

    return LectureQuiz(select_questions(chapter, ids), title=title)
