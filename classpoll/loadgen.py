"""Simulated students for the load test and the benchmark (loopback only, bounded in count and time).

Each simulated student is what a phone does: ``GET /api/s/<code>/state`` (which gives the browser its voter
cookie), then ``POST /api/s/<code>/answer`` one or more times; the last acknowledged answer is the one that
must be stored. Only ``127.0.0.1``/``localhost`` addresses are accepted, so this never loads another machine.

The two simulations, :func:`run_class` and :func:`sustained`, take the same first arguments: ``base`` (str, the
server's address, a loopback one), ``code`` (str, the session's join code), ``qid`` (str, the id of the open
question), ``n_options`` (int, its number of options), then the keywords ``students`` (int, default 150, how
many simulated students) and ``seed`` (int, default 0, of the random choices). Both return a :class:`ClassRun`:
acknowledged answers, latencies (s), errors and wall time (s).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _check_loopback(base: str) -> None:
    host = urlparse(base).hostname
    if host not in LOOPBACK:
        raise ValueError(f"base must be a loopback address (127.0.0.1 or localhost), got {host!r}")


@dataclass
class ClassRun:
    """What the simulated class saw: last acknowledged answer per student, latencies (s) and errors."""

    acks: dict[int, tuple[int, ...]] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0

    def histogram(self, n_options: int) -> list[int]:
        """Count the acknowledged answers per option.

        Parameters
        ----------
        n_options : int
            Number of options of the question.

        Returns
        -------
        list of int
            How many students' last acknowledged answer includes each option.
        """
        counts = [0] * n_options
        for choice in self.acks.values():
            for i in choice:
                counts[i] += 1
        return counts


def client(max_clients: int) -> AsyncHTTPClient:
    """Return a fresh (not shared) tornado HTTP client allowing ``max_clients`` simultaneous requests."""
    return AsyncHTTPClient(force_instance=True, max_clients=max_clients)


async def join(http: AsyncHTTPClient, base: str, code: str) -> str:
    """A new student's voter cookie (``name=value``) from the state request."""
    res = await http.fetch(f"{base}api/s/{code}/state", request_timeout=10)
    for header in res.headers.get_list("Set-Cookie"):
        if header.startswith("classpoll_voter="):
            return header.split(";", 1)[0]
    return ""


async def answer(http: AsyncHTTPClient, base: str, code: str, cookie: str, qid: str, choice) -> float:
    """Send one answer; returns the latency (s) to its acknowledgement. Raises on a non-2xx answer."""
    body = json.dumps({"question": qid, "options": list(choice)})
    req = HTTPRequest(f"{base}api/s/{code}/answer", method="POST", body=body, request_timeout=10,
                      headers={"Content-Type": "application/json", "Cookie": cookie})
    start = time.perf_counter()
    await http.fetch(req)
    return time.perf_counter() - start


async def _timed(run: ClassRun, http: AsyncHTTPClient, students: list, timeout_s: float) -> ClassRun:
    """Run the students' coroutines together within ``timeout_s``; note the wall time in ``run``, close ``http``."""
    start = time.perf_counter()
    try:
        await asyncio.wait_for(asyncio.gather(*students), timeout_s)
    finally:
        run.wall = time.perf_counter() - start
        http.close()
    return run


async def run_class(base: str, code: str, qid: str, n_options: int, *, students: int = 150, changes: int = 0,
                    seed: int = 0, deadline_s: float = 30.0) -> ClassRun:
    """Simulate a class answering one question at once.

    ``students`` students join at once and answer ``qid`` (a random option each); ``changes`` (int) of them then
    change their answer once. Stops at ``deadline_s`` (s). Arguments and result: see the module's docstring.
    """
    _check_loopback(base)
    rng = random.Random(seed)
    plan = [[(rng.randrange(n_options),)] for _ in range(students)]
    for i in rng.sample(range(students), changes):
        plan[i].append((rng.randrange(n_options),))
    run = ClassRun()
    http = client(students)

    async def student(i: int) -> None:
        try:
            cookie = await join(http, base, code)
            for choice in plan[i]:
                run.latencies.append(await answer(http, base, code, cookie, qid, choice))
                run.acks[i] = choice
        except (HTTPClientError, OSError, asyncio.TimeoutError) as exc:
            run.errors.append(f"student {i}: {exc}")

    return await _timed(run, http, [student(i) for i in range(students)], deadline_s)


async def sustained(base: str, code: str, qid: str, n_options: int, *, students: int = 150,
                    duration_s: float = 5.0, seed: int = 0) -> ClassRun:
    """Measure the sustained answer rate and its latencies.

    ``students`` students change their answer again and again for ``duration_s`` seconds, in (0, 60] (each waits
    for its acknowledgement before the next). Arguments and result: see the module's docstring.
    """
    _check_loopback(base)
    if not 0 < duration_s <= 60:
        raise ValueError(f"duration_s must be in (0, 60] seconds, got {duration_s!r}")
    rng = random.Random(seed)
    run = ClassRun()
    http = client(students)
    cookies = await asyncio.gather(*(join(http, base, code) for _ in range(students)))
    stop = time.perf_counter() + duration_s

    async def student(i: int) -> None:
        while time.perf_counter() < stop:
            choice = (rng.randrange(n_options),)
            try:
                run.latencies.append(await answer(http, base, code, cookies[i], qid, choice))
                run.acks[i] = choice
            except (HTTPClientError, OSError, asyncio.TimeoutError) as exc:
                run.errors.append(f"student {i}: {exc}")
                return

    return await _timed(run, http, [student(i) for i in range(students)], duration_s + 30)
