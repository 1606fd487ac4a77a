"""Benchmark: JupyterLab "Run All" of every chapter, and the course's import time.

Usage: .venv/bin/python benchmarks/bench_chapters.py [--only 04_nerve] [--repeat 1]

For each ``chapters/*.ipynb`` (live mode: no book-build flag, as in JupyterLab)
it starts a kernel with nbclient, then runs every cell in order, as "Run All"
does in an open notebook, and prints the kernel start time and the run time
against the 5 s target (issue 19), with the kernel's CPU seconds for the run
(user + system: the figure that does not grow when other jobs share the
machine's cores; wall time does). First it prints the time of
``import widgets`` and of the course's interactive packages in a fresh
interpreter, and whether the ``plotly.io`` -> ``nbformat`` -> ``jsonschema`` ->
``rfc3987_syntax`` chain (about 3-4 s) is back on the import path.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 5.0
IMPORTS = "import widgets, widgets.conduction, widgets.ivig, widgets.differential, widgets.quiz, widgets.presenter"
HEAVY = ("nbformat", "jsonschema", "rfc3987_syntax")


def import_time() -> tuple[str, list[str]]:
    """Wall and CPU seconds to import the course's packages in a fresh interpreter, and the heavy modules imported."""
    code = (f"import sys, time; t = time.perf_counter(); c = time.process_time(); {IMPORTS}; "
            f"print(time.perf_counter() - t, time.process_time() - c); "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    env = {k: v for k, v in os.environ.items() if k != "MMN_COURSE_BUILD"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    seconds, heavy = out.stdout.strip().splitlines() + [""] * (2 - len(out.stdout.strip().splitlines()))
    wall, cpu = (float(x) for x in seconds.split())
    return f"{wall:.2f} s wall, {cpu:.2f} s CPU", [m for m in heavy.split(",") if m]


def run_all(path: Path) -> tuple[float, float, float]:
    """(kernel start s, Run All s, kernel CPU s during Run All) of one notebook, in its folder, fresh kernel."""
    import psutil
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        started = time.perf_counter()
        kernel = psutil.Process(client.km.provisioner.pid)
        cpu0 = sum(kernel.cpu_times()[:2])
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        done = time.perf_counter()
        cpu = sum(kernel.cpu_times()[:2]) - cpu0
    return started - start, done - started, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run only chapters whose file name contains this")
    parser.add_argument("--repeat", type=int, default=1, help="runs per chapter (the median is reported)")
    args = parser.parse_args()
    os.environ.pop("MMN_COURSE_BUILD", None)

    seconds, heavy = import_time()
    print(f"import of the course packages: {seconds}; heavy modules imported: {heavy or 'none'}")
    chapters = sorted(p for p in (ROOT / "chapters").glob("*.ipynb") if args.only in p.name)
    print(f"{'chapter':32} {'kernel start':>12} {'Run All':>9} {'kernel CPU':>11}   target {TARGET_S:.0f} s")
    worst = 0.0
    for path in chapters:
        runs = [run_all(path) for _ in range(max(args.repeat, 1))]
        kernel = statistics.median(r[0] for r in runs)
        run = statistics.median(r[1] for r in runs)
        cpu = statistics.median(r[2] for r in runs)
        worst = max(worst, run)
        flag = "ok" if run <= TARGET_S else "SLOW"
        print(f"{path.name:32} {kernel:11.2f}s {run:8.2f}s {cpu:10.2f}s   {flag}", flush=True)
    print(f"slowest Run All: {worst:.2f} s (target {TARGET_S:.0f} s); load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
