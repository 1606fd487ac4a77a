"""Which questions a quiz cell shows, and the element ids of rendered questions (student and lecture modes)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from widgets.quiz.bank import Question, load_bank, read_bank
from widgets.quiz.schema import CHAPTERS

#: How many times each question id was rendered in this kernel: repeats get a suffix, so DOM ids stay unique
#: on a page while a fresh kernel (book build, nbval) always produces the same ids.
_RENDERED: Counter[str] = Counter()


def dom_id(qid: str, context: str | None) -> str:
    """Element id of a rendered question: ``mmnq-<context>-<question id>``.

    The context (chapter of the quiz cell) keeps ids unique when pages are merged (the printable course); a
    repeat in the same kernel gets a ``-2``, ``-3`` ... suffix.
    """
    base = f"mmnq-{(context or 'bank').replace('_', '-')}-{qid}"
    _RENDERED[base] += 1
    n = _RENDERED[base]
    return base if n == 1 else f"{base}-{n}"


def select_questions(chapter: str | None, ids: Iterable[str] | None) -> tuple[Question, ...]:
    """The questions a quiz cell shows: a chapter's set, optionally narrowed to ``ids`` (in that order)."""
    if chapter is None and ids is None:
        raise ValueError("quiz() needs a chapter (one of the chapter ids) or a list of question ids")
    if chapter is not None and chapter not in CHAPTERS:
        raise ValueError(f"chapter must be one of {', '.join(CHAPTERS)}, got {chapter!r}")
    pool = load_bank(chapter) if chapter is not None else read_bank().questions
    if ids is None:
        return pool
    if isinstance(ids, str):
        raise ValueError(f"ids must be a list of question ids, got the string {ids!r}")
    ids = list(ids)
    if not ids:
        raise ValueError("ids must name at least one question")
    index = {q.id: q for q in pool}
    unknown = [i for i in ids if i not in index]
    if unknown:
        where = f"chapter {chapter!r}" if chapter else "the question bank"
        raise ValueError(f"unknown question id(s) for {where}: {', '.join(map(repr, unknown))}")
    if len(set(ids)) != len(ids):
        raise ValueError("ids lists a question twice")
    return tuple(index[i] for i in ids)
