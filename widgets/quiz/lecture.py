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
(see :data:`widgets.presenter_style.DECK_JS`).

**Simulated studies.** A question that reads a simulated nerve conduction study
(``trace:``) or needle EMG screen (``emg:``) shows the same figure, measurement
table and caption as in the book (:func:`widgets.quiz.traces.render_trace`),
beside the question. plotly.js is not a page global in Voila or JupyterLab, so
each figure is displayed as its own plotly output after the quiz (tagged with
``layout.meta.mmn_lq``) and the script moves it into its question's place; in
the built book the figure is drawn in place by the page's plotly.js.

**Class poll.** ``.mmn-lq__poll`` holds the class-poll panel: when the
environment variable ``CLASSPOLL_URL`` (the poll server's address, set by
``present.sh --poll URL``) is set, it shows the poll server's deck view for the
question on screen (:func:`classpoll.deck.panel_url`), and the lecturer can hide
and show it (button or P). When it is unset the place stays empty.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from widgets.quiz.bank import Question
from widgets.quiz.render import LETTERS, RenderedTrace, esc, sources_html

#: The deck's stylesheet and script of the lecture quiz (kept as files, linted with the other JavaScript).
_DECK_ASSETS = Path(__file__).resolve().parents[1] / "static" / "deck"

#: Marks shown after the reveal, in a symbol and a word (never colour alone).
MARKS = {True: ("✓", "Correct"), False: ("✗", "Incorrect")}

CSS = (_DECK_ASSETS / "lecture-quiz.css").read_text(encoding="utf-8")

#: One question on screen; the reveal is the lecturer's act (button or R), never a side effect of focus.
JS = (_DECK_ASSETS / "lecture-quiz.js").read_text(encoding="utf-8")


#: Environment variable with the class-poll server's address (as :mod:`classpoll.deck` reads it).
POLL_ENV = "CLASSPOLL_URL"

#: Title of the class-poll frame (the same words as :func:`classpoll.deck.poll_panel`).
POLL_TITLE = "Class poll: live answers of the class"


def has_screen(question: Question) -> bool:
    """Whether ``question`` reads a simulated nerve conduction study or needle EMG screen."""
    return question.trace is not None or getattr(question, "emg", None) is not None


def question_html(question: Question, *, number: int, total: int, trace: RenderedTrace | None = None,
                  plot_id: str | None = None, poll_src: str | None = None) -> str:
    """One question for the hall: number, stem, lettered options; marks and explanations hidden until revealed.

    ``trace`` (with ``plot_id``, the id its figure is known by) adds the question's simulated study or EMG
    screen beside it: figure (or an empty place the script fills), measurement table and caption.
    ``poll_src`` is the address of the class poll's view of this question.
    """
    attrs = f' data-poll-src="{esc(poll_src)}"' if poll_src else ""
    if trace is not None:
        attrs += ' data-screen="1"'
    parts = [
        f'<section class="mmn-lq__question" data-question-id="{esc(question.id)}"{attrs} '
        f'aria-label="Question {number} of {total}">',
        '<div class="mmn-lq__text">' if trace is not None else "",
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
    parts.append("</div>")
    if trace is not None:
        parts.append(
            '</div><figure class="mmn-lq__trace">'
            f'<div class="mmn-lq__plot" data-mmn-lq-plot="{esc(plot_id or "")}">{trace.figure_html}</div>'
            f'<div class="mmn-lq__table">{trace.table_html}</div>'
            f'<figcaption class="mmn-lq__caption">{esc(trace.caption)}</figcaption></figure>'
        )
    parts.append("</section>")
    return "".join(parts)


def poll_sources(questions: Sequence[Question]) -> tuple[list[str | None], str]:
    """The class poll's address for each question, and the poll place's content.

    Without ``CLASSPOLL_URL`` nothing changes: no addresses, an empty place. With it, each question gets the
    poll server's deck view of that question and the place gets the frame; an address the poll module refuses
    is said in the place instead of failing the quiz.
    """
    if not os.environ.get(POLL_ENV):
        return [None] * len(questions), ""
    try:
        from classpoll.deck import panel_url

        sources = [panel_url(question=q.id) for q in questions]
    except (ImportError, ValueError) as err:
        return [None] * len(questions), f'<p class="mmn-lq__poll-error" role="alert">Class poll: {esc(str(err))}</p>'
    frame = (f'<iframe class="mmn-lq__poll-frame" title="{esc(POLL_TITLE)}" src="{esc(sources[0])}" '
             'loading="eager"></iframe>')
    return sources, frame


class LectureQuiz:
    """A quiz in lecture mode (see the module docstring).

    In Voila and JupyterLab it displays as the quiz's HTML followed by one plotly output per figure
    (:meth:`parts`); in the built book, or through :meth:`_repr_html_`, as one HTML output with the figures
    drawn in place (the page provides plotly.js).
    """

    def __init__(self, questions: Sequence[Question], *, title: str):
        if not questions:
            raise ValueError("a lecture quiz needs at least one question")
        from widgets.quiz.selection import dom_id

        self.questions = tuple(questions)
        self.title = title
        #: id of each question's figure place (None for a question without a simulated study)
        self.plot_ids = tuple(f"{dom_id(q.id, 'lecture')}-trace" if has_screen(q) else None
                              for q in self.questions)

    def _traces(self, *, figures: bool) -> list[RenderedTrace | None]:
        from widgets.quiz.traces import render_trace

        return [render_trace(q, f"{pid}-fig", with_figure=figures) if pid else None
                for q, pid in zip(self.questions, self.plot_ids)]

    def html(self, *, figures: bool = False) -> str:
        """Markup, style and script of the lecture quiz (no external resources, nothing stored).

        ``figures``: draw each figure in place (the page must provide ``window.Plotly``, as the book does);
        by default its place stays empty for the plotly output of :meth:`parts` that the script moves there.
        """
        total = len(self.questions)
        sources, poll = poll_sources(self.questions)
        traces = self._traces(figures=figures)
        body = "".join(
            question_html(q, number=i + 1, total=total, trace=traces[i], plot_id=self.plot_ids[i],
                          poll_src=sources[i])
            for i, q in enumerate(self.questions)
        )
        poll_button = ('<button type="button" class="mmn-lq__poll-toggle" aria-expanded="true">'
                       "Hide the class poll (P)</button>") if poll.startswith("<iframe") else ""
        poll_attr = ' data-poll="1"' if poll else ""
        return (
            f'<style data-mmn-lq-css="1">{CSS}</style>'
            f'<div class="mmn-lecture-quiz" data-mmn-lecture-quiz="1" aria-label="{esc(self.title)}">{body}'
            '<div class="mmn-lq__bar">'
            '<button type="button" class="mmn-lq__prev">← Previous question</button>'
            '<button type="button" class="mmn-lq__reveal" aria-expanded="false">Reveal the answer (R)</button>'
            f'<button type="button" class="mmn-lq__next">Next question →</button>{poll_button}</div>'
            f'<div class="mmn-lq__poll"{poll_attr}>{poll}</div></div>'
            f"<script data-mmn-lq-js=\"1\">{JS}</script>"
        )

    def figure_bundles(self) -> list[dict]:
        """One plotly output per question with a simulated study, tagged ``layout.meta.mmn_lq`` with its place."""
        from widgets.quiz.traces import figure_bundle, question_figure

        out = []
        for q, pid in zip(self.questions, self.plot_ids):
            if pid is None:
                continue
            fig = question_figure(q)
            fig.setdefault("layout", {})["meta"] = {"mmn_lq": pid}
            out.append(figure_bundle(fig, f"{pid}-fig"))
        return out

    def parts(self) -> list[dict]:
        """What Voila and JupyterLab show: the quiz's HTML, then its figures as plotly outputs."""
        plain = repr(self)
        return [{"text/html": self.html(), "text/plain": plain}, *self.figure_bundles()]

    def _ipython_display_(self):
        from IPython.display import display

        from widgets.display import in_book_build

        if in_book_build():
            display({"text/html": self.html(figures=True), "text/plain": repr(self)}, raw=True)
            return
        for bundle in self.parts():
            display(bundle, raw=True)

    def _repr_html_(self) -> str:
        return self.html(figures=True)

    def __repr__(self) -> str:
        return f"<LectureQuiz {self.title}: {len(self.questions)} question(s)>"


def lecture_quiz(chapter: str | None = None, *, ids=None, title: str = "Your turn") -> LectureQuiz:
    """The questions :func:`widgets.quiz.quiz` would show, in lecture mode (:class:`LectureQuiz`)."""
    from widgets.quiz.selection import select_questions

    return LectureQuiz(select_questions(chapter, ids), title=title)
