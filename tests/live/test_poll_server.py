"""The poll server as a process on 127.0.0.1: a class of 150 answering at once, and a SIGKILL mid-question.

Loopback only and bounded: 150 simulated students (``classpoll.loadgen``), each with its own voter cookie, a
deadline on every run. The stored answers are read straight from the SQLite file the server writes.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import signal
import sqlite3
import sys
import urllib.request
from collections import Counter

import pytest

from support.paths import ROOT

try:
    import classpoll  # noqa: F401
except ImportError:  # until pyproject installs the package
    sys.path.insert(0, str(ROOT))

from classpoll.launcher import PollProcess  # noqa: E402
from classpoll.loadgen import answer, client, join, run_class  # noqa: E402
from widgets.quiz import load_bank  # noqa: E402

TOKEN = "live-test-token-0123456789"
STUDENTS = 150


def run(coro):
    """Run ``coro`` to the end in a thread of its own: Playwright's sync API (the session's browser, when browser
    tests ran first in this process) keeps an event loop running in the main thread."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=60)


def call(server: PollProcess, method: str, path: str, body: dict | None = None, *, cookie: str = "") -> dict:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    if cookie:
        headers = {"Cookie": cookie, "Content-Type": "application/json"}
    data = json.dumps(body or {}).encode() if method == "POST" else None
    req = urllib.request.Request(server.base + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.loads(res.read())


def stored(server: PollProcess, code: str, qid: str) -> list[tuple[str, str]]:
    db = sqlite3.connect(f"file:{server.db}?mode=ro", uri=True)
    try:
        query = "SELECT voter, choice FROM answers WHERE session = ? AND question = ?"
        return db.execute(query, (code, qid)).fetchall()
    finally:
        db.close()


@pytest.fixture(scope="module")
def question():
    return next(q for q in load_bank() if q.type == "single" and q.trace is None and len(q.options) >= 4)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for the module's tests (each makes its own session)."""
    with PollProcess(tmp_path_factory.mktemp("poll") / "poll.sqlite", token=TOKEN) as proc:
        yield proc


def open_session(server, question) -> str:
    code = call(server, "POST", "api/sessions", {"title": "Load test"})["code"]
    call(server, "POST", f"api/s/{code}/open", {"question": question.id})
    return code


def test_150_students_answer_one_question_within_10_s_each_recorded_once(server, question):
    code = open_session(server, question)
    n = len(question.options)
    klass = run(run_class(server.base, code, question.id, n, students=STUDENTS, changes=30, seed=7,
                  deadline_s=10))
    assert klass.errors == []
    assert klass.wall < 10, f"the class took {klass.wall:.1f} s"
    assert len(klass.acks) == STUDENTS and len(klass.latencies) == STUDENTS + 30
    rows = stored(server, code, question.id)
    assert len(rows) == STUDENTS and len({voter for voter, _ in rows}) == STUDENTS  # each student exactly once
    assert Counter(int(choice) for _, choice in rows) == Counter(c[0] for c in klass.acks.values())
    results = call(server, "GET", f"api/s/{code}/results")
    assert results["voters"] == STUDENTS
    assert results["counts"] == klass.histogram(n) == [sum(1 for _, c in rows if int(c) == i) for i in range(n)]


def test_sigkill_mid_question_loses_no_acknowledged_answer_and_the_session_resumes(server, question):
    """Students keep changing their answers; the server is killed after ``kill_after`` acknowledgements, with
    requests in flight. Afterwards each student's stored answer is their last acknowledged one, or the one they
    had sent after it when the server died (a commit whose acknowledgement was lost), never anything else."""
    code = open_session(server, question)
    n, students, kill_after = len(question.options), 120, 300
    acked: dict[int, int] = {}  # last acknowledged answer of each student
    in_flight: dict[int, int] = {}  # answer sent after it, unacknowledged when the server died

    async def scenario():
        http = client(students)
        cookies = await asyncio.gather(*(join(http, server.base, code) for _ in range(students)))
        killed = asyncio.Event()
        total = 0

        async def student(i: int) -> None:
            nonlocal total
            for k in range(50):  # bounded: at most 50 answers each
                if killed.is_set():
                    return
                choice = (i + k) % n
                in_flight[i] = choice
                try:
                    await answer(http, server.base, code, cookies[i], question.id, (choice,))
                except Exception:  # noqa: BLE001 - the server died under this request
                    return
                del in_flight[i]
                acked[i] = choice
                total += 1
                if total >= kill_after and not killed.is_set():
                    killed.set()
                    server.proc.send_signal(signal.SIGKILL)

        await asyncio.wait_for(asyncio.gather(*(student(i) for i in range(students))), 30)
        http.close()
        return cookies

    cookies = run(scenario())
    assert server.kill() == -signal.SIGKILL  # reaped: it was killed, not stopped
    print(f"killed after {kill_after} acknowledged answers with {len(in_flight)} in flight")
    server.start()

    # every acknowledged answer is still there, under its own student (unless the same student's later one won)
    for i in range(students):
        mine = call(server, "GET", f"api/s/{code}/state", cookie=cookies[i])["mine"]
        allowed = [[acked[i]]] if i in acked else [None]
        if i in in_flight:
            allowed.append([in_flight[i]])
        assert mine in allowed, f"student {i}: stored {mine}, acknowledged {acked.get(i)}, sent {in_flight.get(i)}"
    rows = stored(server, code, question.id)
    assert len(acked) <= len(rows) <= len(set(acked) | set(in_flight))  # one row per student, none invented

    # the session resumes: same question open, students change or give answers with the cookies they had
    state = call(server, "GET", f"api/s/{code}/state", cookie=cookies[0])
    assert state["question"]["id"] == question.id and state["state"] == "open"
    for i in range(students):
        call(server, "POST", f"api/s/{code}/answer", {"question": question.id, "options": [(i + 1) % n]},
             cookie=cookies[i])
    results = call(server, "POST", f"api/s/{code}/reveal")
    expected = Counter((i + 1) % n for i in range(students))
    assert results["voters"] == students
    assert results["counts"] == [expected[i] for i in range(n)]
    assert results["key"]["correct"] == list(question.correct_indices)


def test_a_body_over_64_kib_is_refused_before_it_is_read_and_the_server_goes_on(server, question):
    import http.client
    import socket

    code = open_session(server, question)
    # declared, not sent: the JSON 413 naming the limit comes back at once
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        raw.sendall(f"POST /api/s/{code}/answer HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    "Content-Length: 200000\r\n\r\n".encode())
        reply = b""
        while b"}" not in reply:
            chunk = raw.recv(4096)
            if not chunk:
                break
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 413 "), reply[:200]
    assert b"larger than the limit of 4096 bytes" in reply
    # sent in full: 413 too, unless the server has already closed the connection while the body was still coming
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("POST", f"/api/s/{code}/answer", body=b"x" * 200_000,
                     headers={"Content-Type": "application/json"})
        status = conn.getresponse().status
    except OSError:
        status = None
    finally:
        conn.close()
    assert status in (413, None)
    assert stored(server, code, question.id) == []
    assert call(server, "GET", f"api/s/{code}/results")["voters"] == 0
