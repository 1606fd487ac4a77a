"""The poll's SQLite store: WAL, one answer per voter and question, states, histogram, secrets."""

from __future__ import annotations

import sqlite3

import pytest

from classpoll.store import PollError, Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "poll.sqlite")
    yield s
    s.close()


def test_the_database_uses_write_ahead_logging(store, tmp_path):
    assert store.journal_mode == "wal"
    assert sqlite3.connect(tmp_path / "poll.sqlite").execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_one_answer_per_voter_changeable_until_closed(store):
    code = store.create_session("Week 3").code
    store.open_question(code, "q1", 4)
    store.answer(code, "q1", "v1", (1,))
    store.answer(code, "q1", "v1", (1,))  # a repeat
    store.answer(code, "q1", "v1", (2,))  # a change
    store.answer(code, "q1", "v2", (2,))
    assert store.histogram(code, "q1") == ([0, 0, 2, 0], 2)
    assert store.own_answer(code, "q1", "v1") == (2,)
    store.set_state(code, "q1", "closed")
    with pytest.raises(PollError) as err:
        store.answer(code, "q1", "v1", (0,))
    assert err.value.status == 409
    assert store.own_answer(code, "q1", "v1") == (2,)


def test_select_all_answers_count_once_per_option_chosen(store):
    code = store.create_session("x").code
    store.open_question(code, "m1", 5)
    store.answer(code, "m1", "a", (0, 2))
    store.answer(code, "m1", "b", (2,))
    assert store.histogram(code, "m1") == ([1, 0, 2, 0, 0], 2)


@pytest.mark.parametrize("choice", [(), (4,), (-1,), (0, 9)])
def test_options_outside_the_question_are_refused(store, choice):
    code = store.create_session("x").code
    store.open_question(code, "q1", 4)
    with pytest.raises(PollError, match="positions from 0 to 3"):
        store.answer(code, "q1", "v", choice)
    assert store.answers(code) == []


def test_unknown_session_and_question_are_404(store):
    with pytest.raises(PollError) as err:
        store.session("NOSUCH")
    assert err.value.status == 404
    code = store.create_session("x").code
    with pytest.raises(PollError) as err:
        store.answer(code, "never-asked", "v", (0,))
    assert err.value.status == 404


def test_opening_a_question_closes_the_one_before_and_reopening_keeps_answers(store):
    code = store.create_session("x").code
    store.open_question(code, "q1", 3)
    store.answer(code, "q1", "v", (0,))
    store.open_question(code, "q2", 3)
    assert dict(store.asked(code)) == {"q1": "closed", "q2": "open"}
    assert store.session(code).current == "q2"
    store.open_question(code, "q1", 3)
    assert dict(store.asked(code)) == {"q1": "open", "q2": "closed"}
    assert store.histogram(code, "q1") == ([1, 0, 0], 1)


def test_reset_deletes_the_answers_of_one_question_and_reopens_it(store):
    code = store.create_session("x").code
    store.open_question(code, "q1", 3)
    store.answer(code, "q1", "v", (0,))
    store.set_state(code, "q1", "revealed")
    assert store.reset(code, "q1") == 1
    assert store.histogram(code, "q1") == ([0, 0, 0], 0)
    assert store.state(code, "q1") == "open"


def test_join_codes_are_unambiguous_and_distinct(store):
    codes = {store.create_session(f"s{i}").code for i in range(50)}
    assert len(codes) == 50
    assert all(len(c) == 6 and not set(c) & set("01OIL") for c in codes)


def test_secrets_survive_a_restart(tmp_path):
    first = Store(tmp_path / "p.sqlite")
    token = first.secret("lecturer_token")
    first.close()
    again = Store(tmp_path / "p.sqlite")
    assert again.secret("lecturer_token") == token and len(token) >= 32
    again.close()
