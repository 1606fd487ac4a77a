"""The poll's one SQLite file: sessions, the questions asked in them, and the class's answers.

Write-ahead logging (``journal_mode=WAL``) lets the lecturer's export read while
students write; every answer is committed before the server acknowledges it, so
an answer the student saw confirmed survives the server process being killed
(``synchronous=NORMAL``: a committed transaction is in the WAL file, which the
operating system keeps when the process dies; ``durable=True`` adds an fsync per
commit, which a power cut also survives).

One answer per voter and question: the primary key (session, question, voter)
and an upsert make a repeated or changed answer replace the earlier one. A
``voter`` is an opaque pseudonym on a LAN session (never a name) and the hub
user name on a hub session.
"""

from __future__ import annotations

import secrets
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

#: States of a question in a session, in the order a lecturer moves through them.
STATES = ("open", "closed", "revealed")

#: Join codes: upper-case letters and digits without look-alikes (0/O, 1/I/L), 6 characters.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    code TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('lan', 'hub')),
    created REAL NOT NULL,
    current TEXT
);
CREATE TABLE IF NOT EXISTS asked (
    session TEXT NOT NULL REFERENCES sessions(code),
    question TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'revealed')),
    n_options INTEGER NOT NULL,
    opened REAL NOT NULL,
    PRIMARY KEY (session, question)
);
CREATE TABLE IF NOT EXISTS answers (
    session TEXT NOT NULL,
    question TEXT NOT NULL,
    voter TEXT NOT NULL,
    choice TEXT NOT NULL,
    updated REAL NOT NULL,
    PRIMARY KEY (session, question, voter),
    FOREIGN KEY (session, question) REFERENCES asked(session, question)
);
"""


class PollError(ValueError):
    """A request the store refuses; ``status`` is the HTTP status the server answers with."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Session:
    """One class session: its join ``code``, ``title``, ``mode`` (lan | hub) and current question id."""

    code: str
    title: str
    mode: str
    created: float
    current: str | None


def encode_choice(indices) -> str:
    """Chosen option positions (from 0) as stored: sorted, comma-separated (``"0,2"``)."""
    return ",".join(str(i) for i in sorted(set(indices)))


def decode_choice(text: str) -> tuple[int, ...]:
    """Stored option positions back as a tuple: ``"0,2"`` gives ``(0, 2)``.

    Parameters
    ----------
    text : str
        The stored choice, as made by :func:`encode_choice`.

    Returns
    -------
    tuple of int
        The option positions, from 0.
    """
    return tuple(int(part) for part in text.split(",") if part != "")


class Store:
    """The poll database at ``path`` (created if missing). Not shared between threads: one per server process.

    Its methods name a session by ``code`` (str, the session's join code) and a question by ``question`` (str, the
    question's id). A method about a question asked in a session raises :class:`PollError` with status 404 if the
    session does not exist or the question has not been asked in it.
    """

    def __init__(self, path: Path | str, *, durable: bool = False):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=5000")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()

    @property
    def journal_mode(self) -> str:
        """The database's journal mode as SQLite reports it (``wal`` when WAL could be enabled)."""
        return self.db.execute("PRAGMA journal_mode").fetchone()[0]

    # -- secrets kept across restarts (cookie signing key, lecturer token) --------------------------------------
    def secret(self, key: str, *, nbytes: int = 32) -> str:
        """The value stored under ``key``, made (random, URL-safe) on first use."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row:
            return row[0]
        value = secrets.token_urlsafe(nbytes)
        self.db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value))
        return self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0]

    # -- sessions ------------------------------------------------------------------------------------------------
    def create_session(self, title: str, *, mode: str = "lan") -> Session:
        """Create a session with a new random join code.

        Parameters
        ----------
        title : str
            The session's title.
        mode : {"lan", "hub"}, default "lan"
            How people are identified in it.

        Returns
        -------
        Session
            The new session.

        Raises
        ------
        PollError
            If ``mode`` is not valid.
        """
        if mode not in ("lan", "hub"):
            raise PollError(f"mode must be 'lan' or 'hub', got {mode!r}")
        for _ in range(20):
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            try:
                self.db.execute(
                    "INSERT INTO sessions (code, title, mode, created) VALUES (?, ?, ?, ?)",
                    (code, title, mode, time.time()),
                )
            except sqlite3.IntegrityError:
                continue
            return self.session(code)
        raise PollError("could not draw a free join code", 500)  # pragma: no cover - 31**6 codes

    def session(self, code: str) -> Session:
        """Look up a session by join code (case-insensitive).

        Parameters
        ----------
        code : str
            The join code.

        Returns
        -------
        Session
            The stored session.

        Raises
        ------
        PollError
            With status 404 if no session has this code.
        """
        row = self.db.execute(
            "SELECT code, title, mode, created, current FROM sessions WHERE code = ?", (str(code).upper(),)
        ).fetchone()
        if row is None:
            raise PollError("no session has this join code", 404)
        return Session(*row)

    def sessions(self) -> list[Session]:
        """Return every session, newest first."""
        rows = self.db.execute("SELECT code, title, mode, created, current FROM sessions ORDER BY created DESC")
        return [Session(*row) for row in rows]

    # -- questions asked -----------------------------------------------------------------------------------------
    def open_question(self, code: str, question: str, n_options: int) -> None:
        """Make ``question`` the session's current one and open it (again) for answers; earlier answers stay.

        The question asked before it, if still open, is closed. ``n_options`` (int) is the question's number of
        options.
        """
        session = self.session(code)
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute(  # the question asked before closes: one question is open at a time
                "UPDATE asked SET state = 'closed' WHERE session = ? AND question = ? AND question != ? "
                "AND state = 'open'",
                (session.code, session.current, question),
            )
            self.db.execute(
                "INSERT INTO asked (session, question, state, n_options, opened) VALUES (?, ?, 'open', ?, ?) "
                "ON CONFLICT (session, question) DO UPDATE SET state = 'open', n_options = excluded.n_options",
                (session.code, question, n_options, time.time()),
            )
            self.db.execute("UPDATE sessions SET current = ? WHERE code = ?", (question, session.code))

    def _asked_row(self, code: str, question: str) -> tuple[str, int]:
        """``(state, n_options)`` of a question asked in a session; :class:`PollError` 404 if it was not asked."""
        row = self.db.execute(
            "SELECT state, n_options FROM asked WHERE session = ? AND question = ?", (code, question)
        ).fetchone()
        if row is None:
            raise PollError("this question has not been asked in this session", 404)
        return row[0], row[1]

    def state(self, code: str, question: str) -> str:
        """State of a question asked in the session: one of :data:`STATES` (``"open"``, ``"closed"``, ``"revealed"``)."""
        return self._asked_row(code, question)[0]

    def set_state(self, code: str, question: str, state: str) -> None:
        """Set the state of a question asked in the session to ``state``, one of :data:`STATES` (else PollError 400)."""
        if state not in STATES:
            raise PollError(f"state must be one of {STATES}, got {state!r}")
        self.state(code, question)
        self.db.execute("UPDATE asked SET state = ? WHERE session = ? AND question = ?", (state, code, question))

    def reset(self, code: str, question: str) -> int:
        """Delete the answers to ``question`` and open it again; returns how many answers were deleted."""
        self.state(code, question)
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            deleted = self.db.execute(
                "DELETE FROM answers WHERE session = ? AND question = ?", (code, question)
            ).rowcount
            self.db.execute("UPDATE asked SET state = 'open' WHERE session = ? AND question = ?", (code, question))
        return deleted

    def asked(self, code: str) -> list[tuple[str, str]]:
        """(question id, state) of every question asked in the session, in the order first opened."""
        rows = self.db.execute("SELECT question, state FROM asked WHERE session = ? ORDER BY opened", (code,))
        return list(rows)

    # -- answers -------------------------------------------------------------------------------------------------
    def answer(self, code: str, question: str, voter: str, choice: tuple[int, ...]) -> None:
        """Record (or replace) ``voter``'s answer; refused unless the question is open. Committed on return."""
        state, n_options = self._asked_row(code, question)
        if state != "open":
            raise PollError("answers to this question are closed", 409)
        if not choice or any(not 0 <= i < n_options for i in choice):
            raise PollError(f"options must be positions from 0 to {n_options - 1}")
        self.db.execute(
            "INSERT INTO answers (session, question, voter, choice, updated) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (session, question, voter) DO UPDATE SET choice = excluded.choice, updated = excluded.updated",
            (code, question, voter, encode_choice(choice), time.time()),
        )

    def own_answer(self, code: str, question: str, voter: str) -> tuple[int, ...] | None:
        """Return ``voter``'s stored answer to ``question`` (option positions), or ``None`` if there is none."""
        row = self.db.execute(
            "SELECT choice FROM answers WHERE session = ? AND question = ? AND voter = ?", (code, question, voter)
        ).fetchone()
        return decode_choice(row[0]) if row else None

    def histogram(self, code: str, question: str) -> tuple[list[int], int]:
        """Count the answers to ``question`` per option; a voter of a select-all item counts once per option chosen.

        Returns
        -------
        tuple of (list of int, int)
            The count per option and the number of voters.
        """
        counts = [0] * self._asked_row(code, question)[1]
        voters = 0
        rows = self.db.execute(
            "SELECT choice, COUNT(*) FROM answers WHERE session = ? AND question = ? GROUP BY choice", (code, question)
        )
        for choice, n in rows:
            voters += n
            for i in decode_choice(choice):
                if i < len(counts):  # an option the bank has since dropped is not drawn
                    counts[i] += n
        return counts, voters

    def answers(self, code: str) -> list[tuple[str, str, str, float]]:
        """(question, voter, choice, updated) of every answer of the session, question by question."""
        rows = self.db.execute(
            "SELECT a.question, a.voter, a.choice, a.updated FROM answers a JOIN asked q "
            "ON a.session = q.session AND a.question = q.question WHERE a.session = ? ORDER BY q.opened, a.updated",
            (code,),
        )
        return list(rows)
