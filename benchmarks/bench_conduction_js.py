"""Benchmark of the in-page conduction simulator: update time per control change in Chromium, and page weight.

Usage: .venv/bin/python benchmarks/bench_conduction_js.py [--html _build/html] [--repeats 30]

1. Builds a small page from the exported table (``mmn_book.model_tables``), the two scripts and plotly.js
   (no book build needed), opens it in headless Chromium at 390 px and, for every kind of control of the
   explorer, changes its value ``--repeats`` times and times one whole update in the page (model + measurement
   + verdict + checklist + plotly redraw, ``performance.now()`` around ``update()``), each change made with the
   page drawn and still (one animation frame between changes, as between a person's moves). Prints the median
   and the 95th percentile per control, the same with the page's style and layout for the next frame (forced
   right after the update), the main thread's CPU time per change (Chromium's ``ThreadTime``: the update, the
   frame's style, layout and paint; it depends much less on other work on the machine than the clock does), and
   the model alone (``simulate``). Target: one frame, 16 ms. A change the motor responses do not show (sensory
   fibres, sensory axon loss) draws the same picture, which is not drawn again: its plotly time is the comparison.
2. Prints the size of the table and scripts, and, if a built book is given (``--html``), the bytes chapter 4
   loads beyond plotly.js (budget: ``mmn_book.budgets.PAGE_BUDGET_BYTES``).
Timings depend on the machine's load, printed too (2 cores here, shared with other work).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import tempfile
import threading
from pathlib import Path

from mmn_book import model_tables
from mmn_book.browser import LOADED_BYTES_JS
from mmn_book.budgets import PLOTLY_BUNDLES, page_budget_bytes

ROOT = Path(__file__).resolve().parents[1]
PLOTLY = ROOT / "book" / "_vendor" / "plotly" / "plotly.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

#: One control of each kind, with the values the benchmark cycles through.
CONTROLS = {
    "segment block (forearm)": ("seg:forearm:block", [0, 30, 50, 70, 90]),
    "segment slowing (forearm)": ("seg:forearm:slowing", [0, 20, 40, 60]),
    "segment dispersion (forearm)": ("seg:forearm:dispersion", [0, 30, 60, 90]),
    "sensory fibres (forearm)": ("seg:forearm:sensory", [True, False]),
    "diffuse slowing (whole nerve)": ("seg:all:slowing", [0, 30, 50]),
    "motor axon loss": ("axon_loss", [0, 50, 90]),
    "reinnervation": ("reinnervation", [0, 40, 80]),
    "sensory axon loss": ("sensory_axon_loss", [0, 50]),
    "temperature": ("temperature_c", [34, 28, 22]),
    "submaximal site": ("submaximal_site", ["", "erb", "wrist"]),
    "submaximal fraction": ("submaximal_fraction", [20, 50, 80]),
    "Martin-Gruber": ("martin_gruber", [0, 30, 60]),
}

_TIME_JS = """async ([key, values, repeats]) => {
  const ex = document.querySelector('.mmn-ncs-explorer').__mmnExplorer;
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  const times = [], parts = [], laid = [];
  for (let r = 0; r < repeats; r++) {
    await frame();  // the page drawn and still, as between two moves of a person
    ex.setInput(key, values[r % values.length]);
    ex.preset = 'custom';
    const t0 = performance.now();
    ex.update();
    times.push(performance.now() - t0);
    void document.body.offsetHeight;  // and the page's style and layout for the next frame
    laid.push(performance.now() - t0);
    parts.push(ex.timings);
  }
  const med = (k) => parts.map((p) => p[k]).sort((a, b) => a - b)[Math.floor(parts.length / 2)];
  return [times, med('model_ms'), med('draw_ms'), med('words_ms'), laid];
}"""

_MODEL_JS = """(repeats) => {
  const m = MMNConduction.create(window.MMN_NCS_TABLE);
  const out = [];
  for (const nerve of Object.keys(window.MMN_NCS_TABLE.nerves)) {
    const times = [];
    for (let r = 0; r < repeats; r++) {
      const cfg = m.defaultConfig(nerve);
      cfg.lesions = [{segment: m.table.nerves[nerve].key_segment, block: (r % 10) / 10, slowing: 0.1,
                      dispersion: 0.05, sensory: false}];
      const t0 = performance.now();
      m.simulate(cfg);
      times.push(performance.now() - t0);
    }
    out.push([nerve, times]);
  }
  return out;
}"""


def _page(folder: Path) -> Path:
    from widgets.conduction.static import explorer_html

    static = folder / "_static"
    static.mkdir(parents=True, exist_ok=True)
    model_tables.write_table(static)
    for name in model_tables.SCRIPT_FILES:
        (static / name).write_text(model_tables.compact(model_tables.script_source(name)), encoding="utf-8")
    (static / "plotly.min.js").write_bytes(PLOTLY.read_bytes())
    # every nerve's people up front: the model-alone timing runs all four nerves
    people = [model_tables.people_file(n) for n in ("median", "ulnar", "peroneal", "tibial")]
    scripts = "".join(f"<script defer src='_static/{n}'></script>" for n in (*model_tables.ASSETS, *people))
    page = folder / "index.html"
    page.write_text("<!doctype html><html><head><meta charset='utf-8'><meta name='viewport' "
                    "content='width=device-width'><script src='_static/plotly.min.js'></script>" + scripts
                    + "</head><body><main>" + explorer_html("ulnar", "mmn") + "</main></body></html>",
                    encoding="utf-8")
    return page


def _stats(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    flag = "" if statistics.median(times) <= 16.0 else "  OVER 16 ms"
    return f"median {statistics.median(times):6.2f} ms   p95 {p95:6.2f} ms{flag}"


def _serve(folder: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--html", type=Path, help="a built book (its _build/html) to weigh chapter 4 in")
    ap.add_argument("--repeats", type=int, default=30)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    scripts = sum(len(model_tables.compact(model_tables.script_source(n)).encode()) for n in model_tables.SCRIPT_FILES)
    with tempfile.TemporaryDirectory() as tmp:
        model_tables.write_table(Path(tmp))
        sizes = {p.name: p.stat().st_size for p in Path(tmp).iterdir()}
    print(f"table {sizes.pop(model_tables.TABLE_FILE) / 1e3:.0f} kB, people of each nerve ("
          f"{len(model_tables.EXPORTED_SEEDS)} per nerve, loaded when the nerve is shown): "
          + ", ".join(f"{k[len('conduction-people-'):-3]} {v / 1e3:.0f} kB" for k, v in sorted(sizes.items()))
          + f"; scripts {scripts / 1e3:.0f} kB")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        page_file = _page(Path(tmp))
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
        try:
            pg = browser.new_page(viewport={"width": 390, "height": 844})
            pg.goto(page_file.as_uri())
            pg.wait_for_selector(".mmn-ncs-plot .main-svg", timeout=30000)
            cdp = pg.context.new_cdp_session(pg)
            cdp.send("Performance.enable")

            def cpu_ms() -> float:
                metrics = cdp.send("Performance.getMetrics")["metrics"]
                return 1000 * next(m["value"] for m in metrics if m["name"] == "ThreadTime")

            pg.evaluate(_TIME_JS, ["axon_loss", [0, 10], 5])  # warm up the JIT
            print("\nupdate per control change (model + verdict + checklist + plotly redraw), ulnar nerve, 390 px:")
            every, every_laid = [], []
            for name, (key, values) in CONTROLS.items():
                cpu0 = cpu_ms()
                times, model_ms, draw_ms, words_ms, laid = pg.evaluate(_TIME_JS, [key, values, args.repeats])
                cpu = (cpu_ms() - cpu0) / args.repeats
                every += times
                every_laid += laid
                print(f"  {name:30s} {_stats(times)}   (median model {model_ms:5.2f}, plotly {draw_ms:5.2f}, "
                      f"words {words_ms:5.2f} ms; with the page's layout: median {statistics.median(laid):5.2f}; "
                      f"main-thread CPU per change {cpu:5.2f} ms)")
            print(f"  {'every control':30s} {_stats(every)}   (with the page's layout: {_stats(every_laid)})")
            print("\nmodel alone (simulate: traces, measurements, verdict):")
            for nerve, times in pg.evaluate(_MODEL_JS, args.repeats):
                print(f"  {nerve:30s} {_stats(times)}")
            if args.html:
                srv = _serve(args.html)
                try:
                    url = f"http://127.0.0.1:{srv.server_address[1]}/chapters/04_nerve_conduction.html"
                    p2 = browser.new_page()
                    p2.goto(url, wait_until="load")
                    # the simulator's table loads when the reader comes near it: scroll there, as a reader does
                    p2.locator(".mmn-ncs-explorer").first.scroll_into_view_if_needed()
                    p2.wait_for_selector(".mmn-ncs-plot .main-svg", timeout=30000)
                    loaded = p2.evaluate(LOADED_BYTES_JS)
                    own = sum(v for k, v in loaded.items() if k.rsplit("/", 1)[-1] not in PLOTLY_BUNDLES)
                    budget = page_budget_bytes("chapters/04_nerve_conduction.html")
                    print(f"\nchapter 4 loads {own / 1e6:.2f} MB beyond plotly.js (budget {budget / 1e6:.1f} MB)"
                          + ("" if own <= budget else "  OVER BUDGET"))
                    for k, v in sorted(loaded.items(), key=lambda kv: -kv[1])[:6]:
                        print(f"    {v / 1e3:8.0f} kB  {k}")
                finally:
                    srv.shutdown()
        finally:
            browser.close()


if __name__ == "__main__":
    main()
