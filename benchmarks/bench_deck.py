"""Benchmark: page changes of the lecture deck (``bash scripts/present.sh``) and its kernels.

Usage: .venv/bin/python benchmarks/bench_deck.py [--rounds 2] [--dwell 30]

Starts the deck as a lecturer does (Voila with preheated kernels, one per page),
waits until Voila reports every page's kernel pool filled, opens the first page
in headless Chromium at 1920×1080 and walks the deck with PageDown, as a
lecturer does. Between pages it stays ``--dwell`` seconds (the lecturer talking:
the time the pool has to heat the next kernel). Each page change is timed from
the key press to the next page's presenter view drawn (its figure drawn, or the
quiz shown), against the 2 s target of issue 19, and summed up per page. Afterwards it
counts the deck's kernels until those of the pages left are culled (present.sh: 60 idle seconds).

plotly's figure front end (5 MB) is loaded once from the deck's server and then from the browser's
cache (``widgets/plotly_bundle.py``): the first page pays for it, later pages do not.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.browser import CHROMIUM_ARGS  # noqa: E402
from support.live import lecture_deck  # noqa: E402
from support.poll import within  # noqa: E402

TARGET_S = 2.0
DECK = sorted(p.name for p in (ROOT / "presenter").glob("*.ipynb"))
DRAWN_JS = """() => {
  const p = document.querySelector('#rendered_cells .mmn-presenter');
  if (!p || getComputedStyle(document.querySelector('#rendered_cells')).display === 'none') return false;
  const gd = document.querySelector('.mmn-presenter .js-plotly-plot');
  if (document.querySelector('.mmn-presenter .widget-box')) return !!(gd && gd.querySelector('.main-svg') && gd.data && gd.data.length);
  return !!document.querySelector('.mmn-presenter .mmn-lecture-quiz[data-current], .mmn-presenter .mmn-differential');
}"""


def kernels(voila_pid: int) -> int:
    """Number of kernel processes under the deck's Voila."""
    import psutil

    try:
        children = psutil.Process(voila_pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    return sum(1 for c in children if "ipykernel" in " ".join(c.cmdline()))


def voila_pid(deck) -> int:
    import psutil

    for child in psutil.Process(deck.proc.pid).children(recursive=True):
        if "voila" in " ".join(child.cmdline()):
            return child.pid
    return deck.proc.pid


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="walks through the deck")
    parser.add_argument("--dwell", type=float, default=30.0, help="seconds on each page before PageDown")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from support.browser import chromium_path

    with tempfile.TemporaryDirectory() as tmp, lecture_deck(Path(tmp)) as deck, sync_playwright() as pw:
        log = deck.stdout
        filled = within(lambda: all(f"Kernel pool of {nb} is filled" in log.read_text(errors="replace") for nb in DECK),
                        300, interval=0.5)
        print(f"deck at {deck.base_url}; kernel pools filled: {bool(filled)}", flush=True)
        time.sleep(args.dwell)  # the pools render their pages (the lecturer opens the laptop and starts talking)
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        start = time.perf_counter()
        page.goto(deck.url(DECK[0]), timeout=120000)
        page.wait_for_function(DRAWN_JS, timeout=120000)
        print(f"first page ({DECK[0]}) drawn {time.perf_counter() - start:.2f} s after opening its URL", flush=True)
        changes: list[float] = []
        per_page: dict[str, list[float]] = {nb: [] for nb in DECK}
        for r in range(args.rounds):
            for nb in DECK[1:] + [DECK[0]]:
                time.sleep(args.dwell)  # the lecturer talks about the page (the scenario's pause, not a wait)
                page.locator("h1").first.click()
                start = time.perf_counter()
                if nb == DECK[0]:
                    page.goto(deck.url(nb))  # back to the start of the deck for the next round
                else:
                    page.keyboard.press("PageDown")
                page.wait_for_url(f"**/{nb}", timeout=60000)
                page.wait_for_function(DRAWN_JS, timeout=120000)
                took = time.perf_counter() - start
                nav = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
                                               return n ? [n.responseStart, n.domContentLoadedEventEnd] : null; }""")
                if nav:
                    print(f"         (server answered after {nav[0] / 1000:.2f} s, page parsed after {nav[1] / 1000:.2f} s "
                          f"of the navigation)", flush=True)
                per_page[nb].append(took)
                if nb != DECK[0]:
                    changes.append(took)
                print(f"round {r + 1}: -> {nb:34} {took:6.2f} s   {'ok' if took <= TARGET_S else 'SLOW'}", flush=True)
        print("per page (key press or link to page drawn; the first page is reached by its link):")
        for nb, times in per_page.items():
            if times:
                print(f"  {nb:34} median {statistics.median(times):5.2f} s   "
                      f"({', '.join(f'{t:.2f}' for t in times)})")
        if changes:
            print(f"page change (PageDown to page drawn): median {statistics.median(changes):.2f} s, "
                  f"max {max(changes):.2f} s over {len(changes)} changes (target {TARGET_S:.0f} s)")
        pid = voila_pid(deck)
        print(f"kernels now: {kernels(pid)} (one preheated per page + the open page's)", flush=True)
        start = time.perf_counter()
        settled = within(lambda: kernels(pid) <= len(DECK) + 1, 150, interval=2)
        print(f"kernels after culling: {kernels(pid)} ({'within' if settled else 'not within'} "
              f"{time.perf_counter() - start:.0f} s)")
        print(f"load average during the run: {os.getloadavg()[0]:.1f} (2 cores here)")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
