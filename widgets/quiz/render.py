"""Semantic HTML of a quiz: the question data as markup that works before (and without) JavaScript.

The markup is *progressive*: with no script at all, every question shows its
options and a native ``<details>`` "Show the answer" disclosure with every
option's explanation. ``quiz.js`` (in parts in ``widgets/static/quiz/``) (loaded once per page by the
book, or inline in JupyterLab) turns each ``.mmn-quiz`` block into an
interactive quiz: instant feedback, retry, page score, saved progress.

Accessibility choices (see ``widgets/quiz/README.md``): native radio buttons
(``single``) or checkboxes (``multiple``) inside a ``<fieldset>`` whose
``<legend>`` is the stem, labels wrapping their input, one ``aria-live="polite"``
feedback region per question, words and icons besides colour, no shuffling.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from widgets.quiz.bank import Question
from widgets.quiz.references import BIBLIOGRAPHY, Reference, read_bibliography

#: Version of the markup contract between this module and quiz.js.
MARKUP_VERSION = "2"

HOWTO_SINGLE = (
    "Choose an option, then press “Check answer”: moving through the options does not answer. "
    "Your first answer to each question is the one that counts in the score; after a wrong answer you can try "
    "again, or show the answer, to learn."
)
HOWTO_MULTIPLE = "For “select all that apply” questions, tick every option that applies before you check."
SCORE_RULE = "(your first answer to each question counts; retries are for practice)"
LETTERS = "ABCDEF"


def esc(text: str) -> str:
    """HTML-escape text for element content and attribute values."""
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class RenderedTrace:
    """HTML of a question's simulated study: the figure (may be empty) and the measurement table."""

    figure_html: str
    table_html: str
    caption: str


def _labels() -> dict[str, Reference]:
    try:
        return read_bibliography(BIBLIOGRAPHY)
    except OSError:
        return {}


def sources_html(question: Question, labels: dict[str, Reference] | None = None) -> str:
    """"Sources: Author year; ..." line of a question."""
    labels = _labels() if labels is None else labels
    names = [labels[k].label if k in labels else k for k in question.references]
    return f'<p class="mmn-quiz__sources">Sources: {esc("; ".join(names))}.</p>'


def question_html(
    question: Question,
    *,
    dom_id: str,
    number: int,
    total: int,
    trace: RenderedTrace | None = None,
    labels: dict[str, Reference] | None = None,
) -> str:
    """One question as a ``<section>``: stem as legend, (trace), options, feedback region, answer key."""
    multiple = question.type == "multiple"
    kind = "checkbox" if multiple else "radio"
    hint = ' <span class="mmn-quiz__hint">(Select all that apply.)</span>' if multiple else ""
    number_text = f"Question {number} of {total}." if number else "Question."
    parts = [
        f'<section class="mmn-quiz__question" id="{esc(dom_id)}" data-question-id="{esc(question.id)}" '
        f'data-type="{question.type}" data-difficulty="{question.difficulty}" '
        f'data-chapter="{esc(question.chapter)}" data-objective="{esc(question.objective)}"'
        + (f' data-bloom="{esc(question.bloom)}"' if question.bloom else "")
        + ">",
        '<fieldset class="mmn-quiz__fieldset">',
        f'<legend class="mmn-quiz__legend"><span class="mmn-quiz__number">{number_text}</span> '
        f'<span class="mmn-quiz__stem">{esc(question.stem)}</span>{hint}</legend>',
    ]
    if trace is not None:
        parts.append(
            '<figure class="mmn-quiz__trace">'
            f"{trace.figure_html}"
            f'<div class="mmn-quiz__table">{trace.table_html}</div>'
            f'<figcaption class="mmn-quiz__caption">{esc(trace.caption)}</figcaption></figure>'
        )
    parts.append('<div class="mmn-quiz__options">')
    for i, option in enumerate(question.options):
        parts.append(
            f'<label class="mmn-quiz__option"><input type="{kind}" name="{esc(dom_id)}-answer" value="{i}">'
            f'<span class="mmn-quiz__letter">{LETTERS[i]}.</span> '
            f'<span class="mmn-quiz__option-text">{esc(option.text)}</span>'
            '<span class="mmn-quiz__mark"></span></label>'
        )
    parts.append("</div></fieldset>")
    # quiz.js adds the "Check answer" and "Show the answer" buttons here (answering is a deliberate act, never a
    # side effect of focus); without the script they would do nothing, so the markup does not carry them.
    parts.append('<div class="mmn-quiz__feedback" aria-live="polite"></div>')
    # The answer key: a no-script fallback and the data quiz.js reads (it hides this element).
    parts.append('<details class="mmn-quiz__key"><summary>Show the answer</summary><ul>')
    for i, option in enumerate(question.options):
        verdict = "Correct" if option.correct else "Incorrect"
        parts.append(
            f'<li data-option="{i}" data-correct="{"true" if option.correct else "false"}">'
            f"<strong>{verdict}:</strong> <span class=\"mmn-quiz__key-text\">{esc(option.text)}</span> — "
            f'<span class="mmn-quiz__explanation">{esc(option.explanation)}</span></li>'
        )
    parts.append("</ul>")
    if question.teaching_point:
        parts.append(
            '<p class="mmn-quiz__teaching"><strong>Teaching point:</strong> '
            f"{esc(question.teaching_point)}</p>"
        )
    parts.append(sources_html(question, labels))
    parts.append("</details></section>")
    return "".join(parts)


def quiz_html(
    questions: Sequence[Question],
    dom_ids: Sequence[str],
    *,
    title: str,
    chapter: str | None,
    traces: dict[str, RenderedTrace] | None = None,
    header: bool = True,
    footer: bool = True,
    numbering: Sequence[int] | None = None,
    total: int | None = None,
    reveals: str | None = None,
) -> str:
    """A ``.mmn-quiz`` block with the given questions (markup only, no script or style).

    ``header``/``footer`` let a quiz be split into several blocks (the live view
    splits around figures); ``numbering``/``total`` keep "Question k of n" right.
    """
    if len(questions) != len(dom_ids):
        raise ValueError(f"dom_ids must have one id per question, got {len(dom_ids)} for {len(questions)}")
    traces = traces or {}
    labels = _labels()
    total = len(questions) if total is None else total
    numbering = list(range(1, len(questions) + 1)) if numbering is None else list(numbering)
    chapter_attr = f' data-chapter="{esc(chapter)}"' if chapter else ""
    if reveals:
        chapter_attr += f' data-reveals="{esc(reveals)}"'
    parts = [f'<div class="mmn-quiz" data-mmn-quiz="{MARKUP_VERSION}"{chapter_attr}>']
    if header:
        howto = HOWTO_SINGLE + (" " + HOWTO_MULTIPLE if any(q.type == "multiple" for q in questions) else "")
        parts.append(
            f'<div class="mmn-quiz__header"><p class="mmn-quiz__title">{esc(title)}</p>'
            f'<p class="mmn-quiz__howto">{esc(howto)}</p></div>'
        )
    for q, dom_id, number in zip(questions, dom_ids, numbering):
        parts.append(question_html(q, dom_id=dom_id, number=number, total=total, trace=traces.get(q.id), labels=labels))
    if questions:
        parts.append(print_key_html(questions, numbering, title=title))
    if footer:
        parts.append(
            '<div class="mmn-quiz__footer" hidden>'
            '<p class="mmn-quiz__score"><span class="mmn-quiz__score-text"></span> '
            f'<span class="mmn-quiz__score-rule">{esc(SCORE_RULE)}</span></p>'
            '<button type="button" class="mmn-quiz__reset" aria-expanded="false">Reset quiz progress</button>'
            '<p class="mmn-quiz__status" role="status"></p></div>'
        )
    parts.append("</div>")
    return "".join(parts)


def print_key_html(questions: Sequence[Question], numbering: Sequence[int], *, title: str) -> str:
    """The answer key of a quiz block for print: hidden on screen, printed after the questions.

    Each entry names the question, the letter and text of the correct option(s), why, and the
    teaching point, so the printed course can be used for self-testing (questions first, key after).
    """
    parts = [
        '<div class="mmn-quiz__print-key" aria-hidden="true">'
        f'<p class="mmn-quiz__print-key-title">Answer key: {esc(title)}</p><ol class="mmn-quiz__print-key-list">'
    ]
    for q, number in zip(questions, numbering):
        right = [(LETTERS[i], q.options[i]) for i in q.correct_indices]
        answer = "; ".join(f"{letter}. {o.text}" for letter, o in right)
        why = " ".join(o.explanation for _, o in right)
        teaching = f" <em>Teaching point:</em> {esc(q.teaching_point)}" if q.teaching_point else ""
        parts.append(
            f'<li value="{number}"><strong>{esc(answer)}</strong> — {esc(why)}{teaching}</li>'
        )
    parts.append("</ol></div>")
    return "".join(parts)
