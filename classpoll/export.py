"""A session's answers as CSV for the lecturer: one row per voter and question.

Options are given as letters (A = the first option, as on the student page) and as the option text. A cell that
a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a
leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

from classpoll.questions import QuestionBank
from classpoll.store import Store, decode_choice

COLUMNS = ("session", "title", "question", "chapter", "voter", "options", "option_text", "correct", "answered_utc")


def letters(choice: tuple[int, ...]) -> str:
    """Option positions as letters: ``(0, 2)`` gives ``"AC"``.

    Parameters
    ----------
    choice : tuple of int
        Chosen option positions, from 0.

    Returns
    -------
    str
        One letter per position, in the given order.
    """
    return "".join(chr(ord("A") + i) for i in choice)


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def session_csv(store: Store, bank: QuestionBank, code: str) -> str:
    """CSV text of every answer of session ``code`` (header row first)."""
    session = store.session(code)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for qid, voter, choice_text, updated in store.answers(session.code):
        choice = decode_choice(choice_text)
        q = bank.get(qid) if qid in bank else None
        texts = " | ".join(q.options[i].text for i in choice) if q else ""
        correct = ("yes" if set(choice) == set(q.correct_indices) else "no") if q else ""
        when = datetime.fromtimestamp(updated, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        row = (session.code, session.title, qid, q.chapter if q else "", voter, letters(choice), texts, correct, when)
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()
