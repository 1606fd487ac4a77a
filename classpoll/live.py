"""Live updates over server-sent events: the lecturer's histogram and the students' question state.

Every answer marks its session as changed; within :data:`COALESCE_S` the hub recomputes the session's payloads
once and hands the newest to each open stream, so 150 answers in a second cost a few recomputations, not 150,
and a slow screen only ever receives the latest state (it never queues stale ones). Lecturer streams get the
histogram; student streams get only the question and its state (no counts, no other student's answer).
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from collections.abc import Callable

from tornado.ioloop import IOLoop

#: Longest wait (s) between an answer and the lecturer screens receiving it (well under the 1 s asked for).
COALESCE_S = 0.1
#: Seconds between keep-alive comments on an idle stream (proxies close silent connections).
KEEPALIVE_S = 15.0


class Listener:
    """One open event stream: its ``role`` (lecturer | student) and the newest payload not yet sent."""

    def __init__(self, role: str):
        self.role = role
        self.payload: str | None = None
        self.ready = asyncio.Event()

    def push(self, payload: str) -> None:
        """Replace the pending payload with ``payload`` and wake the stream."""
        self.payload = payload
        self.ready.set()

    def take(self) -> str | None:
        """Return the pending payload (``None`` if there is none) and clear it."""
        self.ready.clear()
        payload, self.payload = self.payload, None
        return payload


class LiveHub:
    """Open streams by session code, and the coalesced broadcast of changes to them.

    ``lecturer_view(code)`` and ``student_view(code)`` return the payload dicts of one session.
    """

    def __init__(self, lecturer_view: Callable[[str], dict], student_view: Callable[[str], dict]):
        self.lecturer_view = lecturer_view
        self.student_view = student_view
        self.listeners: dict[str, set[Listener]] = defaultdict(set)
        self._pending: dict[str, bool] = {}  # code -> whether the students' view changed too

    def add(self, code: str, listener: Listener) -> None:
        """Register an open stream of session ``code``."""
        self.listeners[code].add(listener)

    def remove(self, code: str, listener: Listener) -> None:
        """Unregister a stream of session ``code`` (and forget the session once it has none)."""
        self.listeners[code].discard(listener)
        if not self.listeners[code]:
            del self.listeners[code]

    def changed(self, code: str, *, state: bool = False) -> None:
        """Note a change of session ``code`` (``state``: the question or its state, not only the counts)."""
        if code in self._pending:
            self._pending[code] = self._pending[code] or state
            return
        self._pending[code] = state
        IOLoop.current().call_later(COALESCE_S, self._flush, code)

    def _flush(self, code: str) -> None:
        state = self._pending.pop(code, False)
        listeners = self.listeners.get(code, ())
        if not listeners:
            return
        lecturer = json.dumps(self.lecturer_view(code))
        student = json.dumps(self.student_view(code)) if state else None
        for listener in list(listeners):
            if listener.role == "lecturer":
                listener.push(lecturer)
            elif student is not None:
                listener.push(student)


def sse_frame(payload: str) -> str:
    """One server-sent event carrying ``payload`` (JSON on one line)."""
    return f"data: {payload}\n\n"
