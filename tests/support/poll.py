"""Polling with a deadline, instead of fixed sleeps.

``until(check, timeout)`` calls ``check`` until it returns something truthy or ``timeout`` seconds pass;
``settled(measure, timeout)`` waits until two measures in a row agree (a layout that stopped moving). The short
pause between two tries is the polling interval, never a wait for something to happen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: Seconds between two tries.
INTERVAL = 0.1


def until(check: Callable[[], T], timeout: float, *, interval: float = INTERVAL, message: str | None = None) -> T:
    """The first truthy value of ``check()`` within ``timeout`` seconds.

    Raises ``TimeoutError`` (with ``message`` and the last value) when none came in time.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{message or 'condition not met'} within {timeout:g} s (last value: {value!r})")
        time.sleep(interval)


def within(check: Callable[[], T], timeout: float, *, interval: float = INTERVAL) -> T:
    """Like :func:`until`, but returns the last (falsy) value at the deadline instead of raising, for tests whose
    own assertion says better what went wrong."""
    try:
        return until(check, timeout, interval=interval)
    except TimeoutError:
        return check()


def settled(measure: Callable[[], T], timeout: float, *, interval: float = 0.15) -> T:
    """The value of ``measure()`` once two calls in a row return the same (or the last one at the deadline)."""
    deadline = time.monotonic() + timeout
    last = measure()
    while time.monotonic() < deadline:
        time.sleep(interval)
        now = measure()
        if now == last:
            return now
        last = now
    return last
