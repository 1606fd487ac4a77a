"""Benchmark of the in-page IVIg explorer: update time per control change in Chromium, and page weight.

Usage: .venv/bin/python benchmarks/bench_ivig_js.py [--html _build/html] [--repeats 20]

1. Builds a small page from the exported table (``mmn_book.ivig_tables``), the scripts, the stylesheet and
   plotly.js (no book build needed), opens it in headless Chromium at 390 px and, for every control of the
   explorer, changes its value with the keyboard ``--repeats`` times and reads the time of one whole update
   in the page (model + summary + plotly redraw: ``data-update-ms``, ``performance.now()`` around ``update()``,
   which runs at the next animation frame after the change; ``data-latency-ms`` is from the change to the drawn
   update, the wait for that frame included). Prints the median and the 95th percentile per control, the main
   thread's CPU time per change (Chromium's ``ThreadTime``: key press, update, the frame's style, layout and
   paint; it depends much less on other work on the machine than the clock) and the model alone
   (``simulate``) for one and five years. Target: one frame, 16 ms.
2. Prints the size of the table and scripts, and, if a built book is given (``--html``), the bytes chapter 7
   loads beyond plotly.js (budget: ``mmn_book.budgets.PAGE_BUDGET_BYTES``) and how many of them are the
   explorer's.
Timings depend on the machine's load, printed too (2 cores here, shared with other work).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import tempfile
import threading
from pathlib import Path

from mmn_book.browser import LOADED_BYTES_JS
from mmn_book.budgets import PLOTLY_BUNDLES, page_budget_bytes
from mmn_book.ivig_tables import ASSETS, STYLESHEET, write_assets

from widgets.ivig.static import explorer_html

ROOT = Path(__file__).resolve().parents[1]
PLOTLY = ROOT / "book" / "_vendor" / "plotly" / "plotly-basic.min.js"
TARGET_MS = 16.0
#: (control, keys pressed alternately, state it needs first as (control, key) presses)
CONTROLS = [
    ("dose_g_per_kg", ("ArrowRight", "ArrowLeft"), []),
    ("every_weeks", ("ArrowRight", "ArrowLeft"), []),
    ("years", ("ArrowRight", "ArrowLeft"), []),
    ("weight_kg", ("ArrowRight", "ArrowLeft"), []),
    ("baseline_igg_g_l", ("ArrowRight", "ArrowLeft"), []),
    ("disease_years", ("ArrowRight", "ArrowLeft"), []),
    ("responder", ("ArrowDown", "ArrowUp"), []),
    ("person", ("ArrowDown", "ArrowUp"), []),
    ("induction", ("Space",), []),
    ("preset", ("ArrowDown", "ArrowUp"), []),
    ("stop", ("Space",), []),
    ("route", ("ArrowDown", "ArrowUp"), []),
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _test_page(folder: Path) -> None:
    write_assets(folder)
    shutil.copyfile(PLOTLY, folder / "plotly.js")
    shutil.copyfile(ROOT / "widgets" / "static" / STYLESHEET, folder / STYLESHEET)
    (folder / "index.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        '<link rel="stylesheet" href="ivig-explorer.css"><script src="plotly.js"></script>'
        + "".join(f'<script defer src="{n}"></script>' for n in ASSETS if n.endswith(".js"))
        + f"</head><body>{explorer_html()}</body></html>",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--html", type=Path, help="a built book (its _build/html) to weigh chapter 7 in")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        folder = Path(tmp)
        _test_page(folder)
        sizes = {n: (folder / n).stat().st_size for n in ASSETS}
        print("assets: " + ", ".join(f"{n} {b / 1000:.1f} kB" for n, b in sizes.items())
              + f"; total {sum(sizes.values()) / 1000:.1f} kB")
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                     args=["--no-sandbox", "--disable-gpu"])
        server = _serve(folder)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 900})
            page.goto(f"http://127.0.0.1:{server.server_port}/index.html")
            page.wait_for_function("() => +document.querySelector('.mmn-ivig').dataset.updates > 0")
            model = page.evaluate("""() => { const t = MMN_IVIG_TABLE, out = {};
              for (const years of [1, 5]) { const s = Object.assign({}, t.default_state, {years, weight_kg: 70,
                baseline_igg_g_l: 8.3, responder: 'good', disease_years: 5.5}); const ms = [];
                for (let i = 0; i < 40; i++) { const t0 = performance.now(); MMNIvigModel.simulate(t, s);
                  ms.push(performance.now() - t0); } ms.sort((a, b) => a - b); out[years] = ms[20]; }
              return out; }""")
            print(f"model alone (simulate), median of 40: 1 year {model['1']:.2f} ms, 5 years {model['5']:.2f} ms")
            floor = page.evaluate("""() => { const d = document.createElement('div'); document.body.appendChild(d);
              d.style.width = '360px'; d.style.height = '300px'; const ms = [];
              for (let i = 0; i < 21; i++) { const t0 = performance.now();
                Plotly.react(d, [{y: [1, 2, 3 + i % 2], type: 'scatter'}], {datarevision: i}); ms.push(performance.now() - t0); }
              d.remove(); ms.sort((a, b) => a - b); return ms[10]; }""")
            print(f"this machine's floor: Plotly.react of a one-line, three-point figure, median {floor:.1f} ms")
            root = page.locator(".mmn-ivig")
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")

            def cpu_ms() -> float:
                metrics = cdp.send("Performance.getMetrics")["metrics"]
                return 1000 * next(m["value"] for m in metrics if m["name"] == "ThreadTime")

            all_ms = []
            for name, keys, _ in CONTROLS:
                control = root.locator(f'[data-k="{name}"]')
                ms, waited = [], []
                cpu0 = cpu_ms()
                for i in range(args.repeats):
                    before = int(root.get_attribute("data-updates"))
                    control.focus()
                    page.keyboard.press(keys[i % len(keys)])
                    page.wait_for_function("n => +document.querySelector('.mmn-ivig').dataset.updates > n", arg=before)
                    ms.append(float(root.get_attribute("data-update-ms")))
                    waited.append(float(root.get_attribute("data-latency-ms") or "nan"))
                cpu = (cpu_ms() - cpu0) / args.repeats
                ms.sort()
                all_ms += ms
                p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
                print(f"  {name:<18} update median {statistics.median(ms):6.1f} ms, p95 {p95:6.1f} ms"
                      f"   (main-thread CPU per change {cpu:5.1f} ms; change to drawn, the wait for the frame "
                      f"included, median {statistics.median(waited):5.1f} ms)")
            all_ms.sort()
            p95 = all_ms[min(len(all_ms) - 1, round(0.95 * (len(all_ms) - 1)))]
            flag = "" if statistics.median(all_ms) <= TARGET_MS else "  (over the one-frame target on this load)"
            print(f"every control: update median {statistics.median(all_ms):.1f} ms, p95 {p95:.1f} ms over "
                  f"{len(all_ms)} changes (target <= {TARGET_MS:g} ms){flag}")
        finally:
            server.shutdown()
        if args.html:
            server = _serve(args.html)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(f"http://127.0.0.1:{server.server_port}/chapters/07_treatment.html")
                page.wait_for_function(
                    "() => [...document.querySelectorAll('.mmn-ivig')].every(e => +e.dataset.updates > 0)",
                    timeout=60000)
                loaded = page.evaluate(LOADED_BYTES_JS)
                beyond = sum(b for p, b in loaded.items() if p.rsplit("/", 1)[-1] not in PLOTLY_BUNDLES)
                own = sum(b for p, b in loaded.items() if p.rsplit("/", 1)[-1] in ASSETS)
                budget = page_budget_bytes("chapters/07_treatment.html")
                print(f"chapter 7: {beyond / 1e6:.3f} MB beyond plotly.js (budget {budget / 1e6:.1f} MB), "
                      f"of which the IVIg explorer's table and scripts {own / 1000:.1f} kB; "
                      f"{page.locator('.mmn-ivig').count()} explorers on the page")
            finally:
                server.shutdown()
        browser.close()


if __name__ == "__main__":
    main()
