"""Live benchmark: slider-to-redraw latency of the conduction simulator in JupyterLab and in the Voila deck.

Usage: .venv/bin/python benchmarks/bench_live.py [--moves 20] [--only lab|voila]

Starts JupyterLab (a notebook with the chapter's simulator cell, in a
temporary folder) and the lecture deck (``bash scripts/present.sh``), both on
127.0.0.1, opens each in headless Chromium, focuses the simulator's block
slider and presses the arrow keys ``--moves`` times (right and left in turn,
after two unmeasured warm-up moves). Each latency is measured in the page:
``performance.now()`` at the keydown event (capture phase, before the slider
handles it) to the first animation frame in which the plotly figure's ``data``
differs (a ``requestAnimationFrame`` poll). The path measured is the whole
round trip: key -> ipywidgets -> kernel (model run) -> FigureWidget update ->
plotly redraw. Prints every latency, then median, 90th percentile, min and max
per front end against the 100 ms target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.browser import CHROMIUM_ARGS, chromium_path, new_guarded_page  # noqa: E402
from support.lab import start_kernel  # noqa: E402
from support.live import jupyter_lab, lecture_deck, press_and_wait_for_redraw  # noqa: E402

TARGET_MS = 100.0
CHAPTER = ROOT / "chapters" / "04_nerve_conduction.ipynb"


def simulator_notebook(folder: Path) -> Path:
    """A notebook with the chapter's simulator cell (the same call students run)."""
    import nbformat

    source = 'from widgets.conduction import explorer\n\nexplorer(nerve="ulnar", preset="mmn")'
    if CHAPTER.exists():
        cells = [c for c in nbformat.read(CHAPTER, as_version=4).cells if c.cell_type == "code" and "explorer(" in c.source]
        if cells:
            source = cells[0].source
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source)]
    path = folder / "simulator.ipynb"
    nbformat.write(nb, path)
    return path


def measure(page, handle: str, figure: str, moves: int) -> list[float]:
    out = []
    for i in range(moves + 2):
        key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
        latency = press_and_wait_for_redraw(page, handle, figure, key)
        if latency is None:
            raise SystemExit(f"move {i + 1}: the figure did not change within 20 s")
        if i >= 2:  # two warm-up moves
            out.append(latency)
        page.wait_for_timeout(150)  # let the kernel settle, as a lecturer would between moves
    return out


def bench_lab(browser, moves: int) -> list[float]:

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "root").mkdir()
        nb = simulator_notebook(tmp / "root")
        with jupyter_lab(nb.parent, tmp / "home") as lab:
            context, page, _ = new_guarded_page(browser, viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60000)
            page.goto(lab.url(f"lab/tree/{nb.name}"))
            start_kernel(page, lab, nb)
            page.click(".lm-MenuBar-itemLabel:text-is('Run')")
            page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
            figure = ".mmn-conduction-explorer .js-plotly-plot"
            page.wait_for_function("(s) => { const gd = document.querySelector(s); return gd && gd.data && gd.data.length; }",
                                   arg=figure)
            handle = (".mmn-conduction-explorer .widget-slider:has(.noUi-target:not([disabled]))"
                      ":has(.widget-label:text-is('block (%)')) .noUi-handle")
            try:
                return measure(page, handle, figure, moves)
            finally:
                context.close()


def bench_voila(browser, moves: int) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp, lecture_deck(Path(tmp)) as deck:
        context, page, _ = new_guarded_page(browser, viewport={"width": 1600, "height": 1000})
        page.set_default_timeout(120000)
        page.goto(deck.url("01_nerve_conduction.ipynb"))
        figure = ".mmn-presenter .js-plotly-plot"
        page.wait_for_function("(s) => { const gd = document.querySelector(s); return gd && gd.data && gd.data.length; }",
                               arg=figure)
        handle = ".mmn-presenter .widget-slider:has(.widget-label:text-matches('^block', 'i')) .noUi-handle"
        try:
            return measure(page, handle, figure, moves)
        finally:
            page.goto("about:blank")
            context.close()


def summary(name: str, values: list[float]) -> str:
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
    median = statistics.median(values)
    verdict = "meets" if median <= TARGET_MS else "MISSES"
    return (f"{name:<10} median {median:6.0f} ms   p90 {p90:6.0f} ms   min {values[0]:5.0f}   max {values[-1]:5.0f}"
            f"   ({len(values)} moves; {verdict} the {TARGET_MS:.0f} ms target)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--only", choices=["lab", "voila"])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    try:
        import os

        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    print(f"bench_live: {args.moves} slider moves per front end (load average {load:.1f})")
    results = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            for name, run in (("JupyterLab", bench_lab), ("Voila", bench_voila)):
                if args.only and name.lower() != {"lab": "jupyterlab", "voila": "voila"}[args.only]:
                    continue
                start = time.monotonic()
                results[name] = run(browser, args.moves)
                print(f"{name}: " + " ".join(f"{v:.0f}" for v in results[name])
                      + f" ms  ({time.monotonic() - start:.0f} s with start-up)")
        finally:
            browser.close()
    print()
    for name, values in results.items():
        print(summary(name, values))
    return 0


if __name__ == "__main__":
    sys.exit(main())
