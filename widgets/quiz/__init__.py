"""Quizzes of the MMN course: a validated YAML question bank and an accessible, kernel-free quiz cell.

* :func:`load_bank` — the questions of one chapter (or of the whole bank), as frozen dataclasses;
* :func:`quiz` — a notebook cell showing questions, the same in JupyterLab and in the static book;
* :func:`progress_panel`, :func:`review_panel` — course-wide progress and spaced review (in the browser).

See ``widgets/quiz/README.md`` for the file format and the design.
"""

from widgets.quiz.bank import Option, Question, Trace, load_bank
from widgets.quiz.cell import Quiz, quiz
from widgets.quiz.review import progress_panel, review_panel
from widgets.quiz.schema import CHAPTERS

__all__ = ["CHAPTERS", "Option", "Question", "Quiz", "Trace", "load_bank", "progress_panel", "quiz", "review_panel"]
