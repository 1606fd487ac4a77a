"""Quiz items that read a simulator (nerve conduction study, needle EMG): their key against the simulation."""

from __future__ import annotations


def item(qid: str, questions):
    """The one question of ``questions`` whose id is ``qid``."""
    (q,) = [x for x in questions if x.id == qid]
    return q


def key_check(q, expected: dict):
    """The check of ``q``'s expectation (``expected[q.id] = (keyed text, check)``), once its key is as expected.

    The keyed text is the texts of ``q``'s correct options joined by `` | ``; the caller applies the check to
    the simulation the item reads.
    """
    keyed = " | ".join(o.text for o in q.options if o.correct)
    text, check = expected[q.id]
    assert keyed == text, f"{q.id}: the keyed option changed to {keyed!r}"
    return check
