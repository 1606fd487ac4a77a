"""Course-wide study tools: a progress dashboard and a spaced-retrieval review, kept in the browser.

Both are markup for ``quiz.js`` (in parts in ``widgets/static/quiz/``) (the same script as the quizzes), so they work in
the static book with no kernel and offline, and in JupyterLab:

* :func:`progress_panel` — first-attempt scores per chapter and per learning objective, read from
  the browser's ``localStorage``; export of the progress as a JSON file, import of such a file, and a
  reset of all progress that asks for confirmation first;
* :func:`review_panel` — questions answered wrongly at the first attempt, on any page of the book,
  come back here when they are due (a Leitner schedule: 10 minutes, then 1, 3 and 7 days). When a
  question enters the review queue, quiz.js keeps a copy of its markup (without the figure: the
  measurement tables are the text alternative) with its record in ``localStorage``; the panel rebuilds
  due questions from those copies. No page carries the whole bank (page weight), and nothing is
  fetched (``file://`` forbids it).
"""

from __future__ import annotations

import json

from widgets import assets
from widgets.display import in_book_build
from widgets.quiz.bank import Question, read_bank

#: Chapter titles as the dashboard names them (the chapter id of each question file).
CHAPTER_TITLES: dict[str, str] = {
    "what_is_mmn": "What is MMN?",
    "pathophysiology": "Pathophysiology",
    "clinical_presentation": "Clinical presentation",
    "weak_wasted_hand": "The weak, wasted hand",
    "needle_emg": "Needle electromyography",
    "nerve_conduction": "Nerve conduction",
    "differential_diagnosis": "Differential diagnosis",
    "diagnosis_in_practice": "Diagnosis in practice",
    "treatment": "Treatment",
    "living_with_mmn": "Living with MMN",
    "clinical_cases": "Clinical cases",
    "review": "Review",
}


class _Panel:
    """A display object: markup in the book, markup plus the quiz assets inline in JupyterLab."""

    def __init__(self, html: str, plain: str):
        self.html = html
        self.plain = plain

    def _repr_html_(self) -> str:
        if in_book_build():
            return self.html
        css = f'<style data-mmn-quiz-css="1">{assets.read("quiz.css")}</style>'
        js = f'<script data-mmn-quiz-js="1">{assets.read("quiz.js")}</script>'
        return css + self.html + js

    def __repr__(self) -> str:
        return f"<{self.plain}>"


def _catalogue(questions: tuple[Question, ...]) -> list[dict]:
    """Chapters in book order, each with its question count and objectives (with counts)."""
    out: dict[str, dict] = {}
    for q in questions:
        entry = out.setdefault(q.chapter, {"id": q.chapter, "title": CHAPTER_TITLES.get(q.chapter, q.chapter), "n": 0, "objectives": {}})
        entry["n"] += 1
        entry["objectives"][q.objective] = entry["objectives"].get(q.objective, 0) + 1
    return [
        {**c, "objectives": [{"text": k, "n": v} for k, v in c["objectives"].items()]} for c in out.values()
    ]


def progress_panel() -> _Panel:
    """The course-wide progress dashboard (first-attempt scores per chapter and objective)."""
    bank = read_bank()
    data = json.dumps(_catalogue(bank.questions), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    html = (
        '<div class="mmn-quiz-progress" data-mmn-quiz-progress="1">'
        '<p class="mmn-quiz__title">Your progress in this course</p>'
        '<p class="mmn-quiz-progress__intro">First-attempt scores from every quiz of the book, kept only in '
        "this browser. Without JavaScript there is nothing to show.</p>"
        f'<script type="application/json" class="mmn-quiz-progress__data">{data}</script>'
        '<div class="mmn-quiz-progress__tables"></div>'
        '<div class="mmn-quiz-progress__actions" hidden>'
        '<button type="button" class="mmn-quiz-progress__export">Export progress (JSON file)</button> '
        '<label class="mmn-quiz-progress__import-label">Import progress from a file '
        '<input type="file" class="mmn-quiz-progress__import" accept="application/json,.json"></label> '
        '<button type="button" class="mmn-quiz-progress__reset" aria-expanded="false">Reset all progress</button>'
        '<div class="mmn-quiz__confirm mmn-quiz-progress__confirm" hidden><p>Delete every answer you have given '
        "in this course, on every page? Export your progress first if you want to keep it.</p>"
        '<button type="button" class="mmn-quiz__confirm-yes">Yes, delete all progress</button> '
        '<button type="button" class="mmn-quiz__confirm-no">Cancel</button></div></div>'
        '<p class="mmn-quiz__status" role="status"></p></div>'
    )
    return _Panel(html, "Course progress panel")


def review_panel(*, round_size: int = 10) -> _Panel:
    """Spaced retrieval across the course: the questions due for review, first answered wrongly on any page."""
    if not isinstance(round_size, int) or isinstance(round_size, bool) or not 1 <= round_size <= 50:
        raise ValueError(f"round_size must be an integer from 1 to 50, got {round_size!r}")
    html = (
        f'<div class="mmn-quiz mmn-quiz-review" data-mmn-quiz="2" data-round-size="{round_size}">'
        '<p class="mmn-quiz__title">Spaced review across the course</p>'
        '<p class="mmn-quiz-review__intro">Questions you answered wrongly at the first attempt, on any page, '
        "come back here later: after 10 minutes, then after 1, 3 and 7 days while you answer them right. "
        "Reviews do not change your first-attempt scores.</p>"
        '<p class="mmn-quiz-review__due" role="status">Without JavaScript the review is not available.</p>'
        '<button type="button" class="mmn-quiz-review__start" hidden>Start a review round</button>'
        '<div class="mmn-quiz-review__round"></div></div>'
    )
    return _Panel(html, "Spaced review panel")


__all__ = ["CHAPTER_TITLES", "progress_panel", "review_panel"]
