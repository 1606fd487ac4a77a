"""Benchmark of the class poll server on this machine (loopback only, bounded).

Usage: .venv/bin/python benchmarks/bench_poll.py [--students 150] [--seconds 10] [--durable]

Starts ``python -m classpoll`` on 127.0.0.1 with a fresh SQLite file, opens one question and measures:

1. **burst**: ``--students`` simulated phones join and answer at the same moment (what happens when the
   lecturer says "go"): wall time and per-answer latency (request sent -> acknowledgement received);
2. **sustained**: the same students change their answer again and again for ``--seconds`` (each waits for its
   acknowledgement before the next): answers per second and latency median / 99th percentile;
3. **to the hall display**: one student changes their answer 20 times, 0.3 s apart, while the lecturer's event
   stream is open: time from sending the answer to the lecturer stream carrying it (the 1 s target).

Each answer is a new HTTP connection (as phones on a hall's Wi-Fi mostly are); the simulated class runs in this
process, on the same 2 cores as the server, so the figures are a lower bound for the server alone.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from classpoll.launcher import PollProcess  # noqa: E402
from classpoll.loadgen import answer, client, join, run_class, sustained  # noqa: E402
from widgets.quiz import load_bank  # noqa: E402

TOKEN = "bench-token-0123456789"


def call(server: PollProcess, method: str, path: str, body: dict | None = None) -> dict:
    req = urllib.request.Request(server.base + path, method=method,
                                 data=json.dumps(body or {}).encode() if method == "POST" else None,
                                 headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.loads(res.read())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def describe(name: str, latencies: list[float], wall: float, errors: list[str]) -> None:
    ms = [v * 1000 for v in latencies]
    print(f"{name}: {len(ms)} answers in {wall:.2f} s = {len(ms) / wall:.0f} answers/s; latency median "
          f"{statistics.median(ms):.1f} ms, p99 {pct(ms, 99):.1f} ms, max {max(ms):.1f} ms; errors {len(errors)}")


async def to_display(server: PollProcess, code: str, qid: str, n_options: int, rounds: int = 20) -> list[float]:
    """Seconds from sending an answer to the lecturer's event stream showing it, ``rounds`` times."""
    from tornado.httpclient import HTTPRequest

    frames: asyncio.Queue = asyncio.Queue()
    buffer = b""

    def on_chunk(chunk: bytes) -> None:
        nonlocal buffer
        buffer += chunk
        while b"\n\n" in buffer:
            frame, buffer = buffer.split(b"\n\n", 1)
            for line in frame.decode().splitlines():
                if line.startswith("data: "):
                    frames.put_nowait((time.perf_counter(), json.loads(line[6:])))

    http = client(4)
    stream = asyncio.ensure_future(http.fetch(HTTPRequest(
        f"{server.base}api/s/{code}/live", headers={"Authorization": f"Bearer {TOKEN}"},
        streaming_callback=on_chunk, request_timeout=120)))
    await asyncio.wait_for(frames.get(), 10)  # the stream's first state
    cookie = await join(http, server.base, code)
    delays = []
    for i in range(rounds):
        option = i % n_options
        before = call(server, "GET", f"api/s/{code}/results")["counts"][option]
        sent = time.perf_counter()
        await answer(http, server.base, code, cookie, qid, (option,))
        while True:
            seen, view = await asyncio.wait_for(frames.get(), 5)
            if view.get("counts", [0] * n_options)[option] > before:
                delays.append(seen - sent)
                break
        await asyncio.sleep(0.3)  # paced: each answer is a separate event for the display
    http.close()  # ends the stream
    with contextlib.suppress(Exception):
        await stream
    return delays


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--students", type=int, default=150)
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--durable", action="store_true", help="run the server with fsync per answer")
    args = p.parse_args(argv)
    question = next(q for q in load_bank() if q.type == "single" and q.trace is None)
    n = len(question.options)
    with tempfile.TemporaryDirectory() as tmp:
        extra = ("--durable",) if args.durable else ()
        with PollProcess(Path(tmp) / "poll.sqlite", token=TOKEN, extra_args=extra) as server:
            code = call(server, "POST", "api/sessions", {"title": "Benchmark"})["code"]
            call(server, "POST", f"api/s/{code}/open", {"question": question.id})
            print(f"poll server on {server.base} ({'fsync per answer' if args.durable else 'WAL, synchronous=NORMAL'});"
                  f" {args.students} simulated students")
            burst = asyncio.run(run_class(server.base, code, question.id, n, students=args.students, seed=1))
            describe("burst (all at once)", burst.latencies, burst.wall, burst.errors)
            run = asyncio.run(sustained(server.base, code, question.id, n, students=args.students,
                                        duration_s=args.seconds, seed=2))
            describe(f"sustained ({args.seconds:g} s)", run.latencies, run.wall, run.errors)
            results = call(server, "GET", f"api/s/{code}/results")
            # the burst's students and the sustained run's students are two classes of voters
            print(f"check: {results['voters']} voters stored (expected {2 * args.students}); "
                  f"histogram total {sum(results['counts'])}")
            delays = [d * 1000 for d in asyncio.run(to_display(server, code, question.id, n))]
            print(f"answer -> lecturer's stream: median {statistics.median(delays):.0f} ms, "
                  f"max {max(delays):.0f} ms over {len(delays)} answers (target < 1000 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
