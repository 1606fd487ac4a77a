"""The quiz cell: :func:`quiz` returns an object that a notebook displays.

Two audiences, one cell (see :mod:`widgets.display`):

* **book** (``in_book_build()`` true): markup only. The book serves
  ``quiz.js``/``quiz.css`` once per page (``book/_ext/mmn_book.py``), and trace
  figures are drawn by the page's single plotly.js (``figure_html``).
* **live** (JupyterLab, Voila): the markup plus the stylesheet and the script
  inline (JupyterLab runs scripts of trusted HTML outputs; the script defines
  itself once per page). plotly.js is not a global there, so a trace figure is
  displayed as its own output just above its question, through the course
  plotly renderer (the JupyterLab plotly extension draws it); the table stays
  with the question.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from widgets import assets
from widgets.display import in_book_build
from widgets.quiz.bank import Question
from widgets.quiz.render import RenderedTrace, quiz_html
from widgets.quiz.schema import ID_PATTERN
from widgets.quiz.selection import dom_id as _dom_id
from widgets.quiz.selection import select_questions
from widgets.quiz.traces import figure_bundle as _figure_bundle

DEFAULT_TITLE = "Check your understanding"
REVIEW_TITLE = "Review quiz"


class Quiz:
    """A display object for one or more questions (see :func:`quiz`)."""

    def __init__(self, questions: Sequence[Question], *, title: str, chapter: str | None, reveals: str | None = None):
        self.questions = tuple(questions)
        self.title = title
        self.chapter = chapter
        self.reveals = reveals
        self.dom_ids = tuple(_dom_id(q.id, chapter) for q in self.questions)

    # -- pieces ---------------------------------------------------------------------------------
    def _trace(self, q: Question, dom_id: str, *, with_figure: bool) -> RenderedTrace:
        from widgets.quiz.traces import render_trace

        return render_trace(q, f"{dom_id}-trace", with_figure=with_figure)

    def markup(self, *, figures: bool = True) -> str:
        """The quiz as one ``.mmn-quiz`` block of markup (no script, no style)."""
        traces = {
            q.id: self._trace(q, d, with_figure=figures)
            for q, d in zip(self.questions, self.dom_ids)
            if q.trace or getattr(q, "emg", None)
        }
        return quiz_html(
            self.questions, self.dom_ids, title=self.title, chapter=self.chapter, traces=traces, reveals=self.reveals
        )

    def book_html(self) -> str:
        """What the built book shows: markup only (the page loads quiz.js, quiz.css and plotly.js once)."""
        return self.markup(figures=True)

    def live_parts(self) -> list[dict]:
        """What JupyterLab shows: mimebundles, in order (trace figures as separate plotly outputs).

        The first HTML part carries the stylesheet and the script inline.
        """
        from widgets.quiz.traces import question_figure

        head = f'<style data-mmn-quiz-css="1">{assets.read("quiz.css")}</style>'
        tail = f'<script data-mmn-quiz-js="1">{assets.read("quiz.js")}</script>'
        # Split the questions into runs; a question with a trace starts a new run after its figure.
        runs: list[list[int]] = [[]]
        figures: dict[int, dict] = {}
        for i, q in enumerate(self.questions):
            if q.trace is not None or getattr(q, "emg", None) is not None:
                figures[i] = question_figure(q)
                if runs[-1]:
                    runs.append([])
            runs[-1].append(i)
        parts: list[dict] = []
        total = len(self.questions)
        runs = [run for run in runs if run]
        if runs and runs[0][0] in figures:
            # The title, the instructions and the assets come before the first figure.
            header = quiz_html((), (), title=self.title, chapter=self.chapter, footer=False, total=total)
            parts.append({"text/html": head + header + tail, "text/plain": self._plain()})
            head = tail = ""
        for r, run in enumerate(runs):
            if run[0] in figures:
                parts.append(_figure_bundle(figures[run[0]], f"{self.dom_ids[run[0]]}-trace"))
            qs = [self.questions[i] for i in run]
            traces = {
                self.questions[i].id: self._trace(self.questions[i], self.dom_ids[i], with_figure=False)
                for i in run
                if self.questions[i].trace or getattr(self.questions[i], "emg", None)
            }
            html = quiz_html(
                qs,
                [self.dom_ids[i] for i in run],
                title=self.title,
                chapter=self.chapter,
                traces=traces,
                header=r == 0 and bool(head),
                footer=r == len(runs) - 1,
                numbering=[i + 1 for i in run],
                total=total,
                reveals=self.reveals,
            )
            if r == 0 and head:
                html = head + html + tail
            parts.append({"text/html": html, "text/plain": self._plain()})
        return parts

    def _plain(self) -> str:
        return f"{self.title}: {len(self.questions)} question(s) ({', '.join(q.id for q in self.questions)})"

    # -- IPython display protocol -------------------------------------------------------------------
    def _ipython_display_(self):
        from IPython.display import display

        if in_book_build():
            display({"text/html": self.book_html(), "text/plain": self._plain()}, raw=True)
            return
        for bundle in self.live_parts():
            display(bundle, raw=True)

    def _repr_html_(self) -> str:
        """HTML for front ends that do not use the display protocol (markup; in a live kernel with assets)."""
        if in_book_build():
            return self.book_html()
        css = f'<style data-mmn-quiz-css="1">{assets.read("quiz.css")}</style>'
        js = f'<script data-mmn-quiz-js="1">{assets.read("quiz.js")}</script>'
        return css + self.markup(figures=True) + js

    def __repr__(self) -> str:
        return f"<Quiz {self._plain()}>"


def quiz(
    chapter: str | None = None,
    *,
    ids: Iterable[str] | None = None,
    title: str | None = None,
    reveals: str | None = None,
    lecture: bool = False,
) -> Quiz:
    """A quiz cell for a notebook.

    ``quiz("nerve_conduction")`` shows that chapter's questions; ``ids=[...]``
    narrows them (or, with no chapter, picks any questions of the bank) in the
    given order; ``title`` overrides the heading. Unknown chapters or ids raise
    :class:`ValueError`. The result displays itself (see the module docstring).

    ``reveals``: the id of a page element (a MyST target such as ``(case-a-exam)=`` put
    before a heading names its section) that stays hidden on screen until the student has
    answered a question of this quiz: a decision point of a case. In print, without
    JavaScript and in JupyterLab (no such id) everything shows.

    ``lecture=True``: the lecture deck's mode (:class:`widgets.quiz.lecture.LectureQuiz`): one question per
    screen, no marks until the lecturer reveals the answer, nothing saved.
    """
    if reveals is not None and (not isinstance(reveals, str) or not ID_PATTERN.match(reveals)):
        raise ValueError(f"reveals must be a section id such as 'case-a-exam', got {reveals!r}")
    questions = select_questions(chapter, ids)
    if title is None:
        title = REVIEW_TITLE if chapter == "review" else DEFAULT_TITLE
    if lecture:  # the deck: one question per screen, revealed by the lecturer, nothing saved
        from widgets.quiz.lecture import LectureQuiz

        return LectureQuiz(questions, title=title)
    return Quiz(questions, title=title, chapter=chapter, reveals=reveals)
