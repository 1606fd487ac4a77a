"""Book benchmark: cold build time, size of the built site, bytes and figure render time per page.

Usage: .venv/bin/python benchmarks/bench_book.py [--no-build]

Prints one line per page: bytes loaded by the browser (all requests, and
excluding the once-cached plotly.min.js), and the time from navigation start
until every plotly figure on the page has drawn its traces.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def cold_build() -> float:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    start = time.perf_counter()
    jb = Path(sys.executable).with_name("jupyter-book")
    subprocess.run([str(jb), "build", str(ROOT), "--all", "-W", "--keep-going"], cwd=ROOT, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def site_size() -> tuple[int, int]:
    files = [p for p in HTML.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def page_weights(verbose: bool = False) -> list[tuple[str, int, int, float]]:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages = sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
                   if "_static" not in p.parts and p.name not in ("search.html", "genindex.html")
                   and 'http-equiv="Refresh"' not in p.read_text(errors="replace")[:2000])
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS)
        for rel in pages:
            ctx = browser.new_context()
            page = ctx.new_page()
            sizes: dict[str, int] = {}

            def on_response(resp, sizes=sizes):
                try:
                    sizes[resp.url] = len(resp.body())
                except Exception:
                    pass

            page.on("response", on_response)
            external: list[str] = []
            ctx.route("**/*", lambda r, ext=external: r.continue_() if r.request.url.startswith(base)
                      else (ext.append(r.request.url), r.abort()))
            t0 = time.perf_counter()
            page.goto(f"{base}/{rel}", wait_until="load")
            n = (HTML / rel).read_text().count("Plotly.newPlot(")
            if n:
                page.wait_for_function(
                    "n => Array.from(document.querySelectorAll('.js-plotly-plot'))"
                    ".filter(g => (g._fullData||[]).length).length >= n", arg=n, timeout=30000)
            render_s = time.perf_counter() - t0
            page.wait_for_timeout(500)
            if external:
                print(f"warning: {rel} tried to reach {external}", file=sys.stderr)
            total = sum(sizes.values())
            plotly = sum(v for k, v in sizes.items() if "plotly.min.js" in k)
            rows.append((rel, total, total - plotly, render_s if n else float("nan")))
            if verbose:
                for url, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:8]:
                    print(f"    {size / 1e6:6.2f} MB  {url.removeprefix(base)}")
            ctx.close()
        browser.close()
    server.shutdown()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-build", action="store_true", help="measure the existing _build/html")
    ap.add_argument("--verbose", action="store_true", help="list the largest resources of each page")
    args = ap.parse_args()
    if not args.no_build:
        print(f"cold book build: {cold_build():.1f} s")
    size, n = site_size()
    print(f"_build/html: {size / 1e6:.1f} MB in {n} files")
    print(f"{'page':45s} {'loaded MB':>10s} {'w/o plotly.js MB':>17s} {'figures drawn s':>16s}")
    for rel, total, without, render in page_weights(args.verbose):
        print(f"{rel:45s} {total / 1e6:10.2f} {without / 1e6:17.2f} {render:16.2f}")


if __name__ == "__main__":
    main()
