"""Book benchmark: cold build time, size of the built site, bytes and figure render time per page.

Usage: .venv/bin/python benchmarks/bench_book.py [--no-build] [--verbose]

Serves ``_build/html`` on 127.0.0.1 and opens every page in headless Chromium
(a fresh browser context per page, so every page is measured as a first visit),
then prints one line per page:

* ``all MB``        (a) every byte the page loaded (uncompressed, as served);
* ``-plotly MB``    (b) the same without ``plotly.min.js`` (cached once for the whole site);
* ``own MB``        (c) bytes no other page loads: what this page adds once the site-wide
                    assets (theme, fonts, plotly.js, MathJax, search index) are cached;
* ``cold s``        navigation start until the first figure has drawn its traces, first visit
                    to the site (plotly.js downloaded and compiled);
* ``nav s``         the same on a first visit to the page arriving from another chapter, so
                    the theme and plotly.js are cached (how a reader meets most pages);
* ``warm s``        the same on a second visit of the page (everything cached);
* ``all s``         navigation start until every figure has drawn, on the cold visit. Figures
                    are drawn as the reader reaches them (``book/_static/plotly-lazy.js``),
                    the rest one per idle moment after the page has loaded.

Budgets: (b) <= 1.5 MB per page and the first figure drawn <= 1 s (cold and nav); lines over
budget are flagged.
Timings depend on the machine's load, which is printed too (2 cores here, shared with other work).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from mmn_book.browser import LOADED_BYTES_JS
from mmn_book.budgets import FIRST_FIGURE_BUDGET_S, PLOTLY_BUNDLES, page_budget_bytes
from mmn_book.plotly_calls import figures_in_html

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
#: The page a "nav" visit comes from: it loads the theme and plotly.js's basic bundle.
NAV_FROM = "chapters/08_living_with_mmn.html"

#: Records (in the page, on its own clock) when every figure has drawn its traces.
RENDER_PROBE = """(() => {
  function check() {
    const all = document.querySelectorAll('.plotly-graph-div').length;
    const drawn = Array.from(document.querySelectorAll('.js-plotly-plot')).filter(g =>
      (g._fullData || []).length && g.querySelectorAll('.trace, .shapelayer path, .barlayer .point').length).length;
    if (drawn >= 1 && window.__mmnFirstFigure == null) window.__mmnFirstFigure = performance.now();
    if (document.readyState !== 'loading' && drawn >= all) {
      if (all) window.__mmnAllFigures = performance.now();
      return;
    }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
})();"""


@dataclass
class PageWeight:
    rel: str
    sizes: dict[str, int] = field(default_factory=dict)  # URL path -> bytes
    figures: int = 0
    cold_s: float = float("nan")
    nav_s: float = float("nan")
    warm_s: float = float("nan")
    all_s: float = float("nan")
    own: int = 0

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    @property
    def without_plotly(self) -> int:
        return sum(v for k, v in self.sizes.items() if not k.endswith(PLOTLY_BUNDLES))


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


def pages() -> list[str]:
    return sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
                  if "_static" not in p.parts and "_sources" not in p.parts
                  and p.name not in ("search.html", "genindex.html", "py-modindex.html")
                  and 'http-equiv="Refresh"' not in p.read_text(errors="replace")[:2000])


def _visit(page, url: str, figures: int) -> tuple[float, float]:
    """(first figure drawn, all figures drawn) in seconds from navigation start."""
    page.goto(url, wait_until="load")
    if figures:
        page.wait_for_function("() => window.__mmnAllFigures != null", timeout=60000)
        first, last = page.evaluate("() => [window.__mmnFirstFigure, window.__mmnAllFigures]")
        return first / 1000, last / 1000
    return float("nan"), float("nan")


def _offline_context(browser, base: str, external: list[str]):
    """A fresh browser context with the render probe; requests leaving ``base`` are blocked and listed."""
    ctx = browser.new_context()
    ctx.add_init_script(RENDER_PROBE)
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
              else (external.append(r.request.url), r.abort()))
    return ctx


def page_weights(verbose: bool = False) -> list[PageWeight]:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):  # a browser closing a connection early
            pass

    handler = functools.partial(Quiet, directory=str(HTML))
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows: list[PageWeight] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS)
        for rel in pages():
            row = PageWeight(rel, figures=figures_in_html((HTML / rel).read_text(encoding="utf-8")))
            external: list[str] = []
            ctx = _offline_context(browser, base, external)
            page = ctx.new_page()
            row.cold_s, row.all_s = _visit(page, f"{base}/{rel}", row.figures)
            page.wait_for_timeout(300)  # late requests (fonts, MathJax components)
            row.sizes = page.evaluate(LOADED_BYTES_JS)  # as the page-weight test counts them
            # Second visit, same context: cached assets and compiled code.
            row.warm_s = _visit(page, f"{base}/{rel}", row.figures)[0]
            ctx.close()
            if row.figures:
                # A reader arriving from another chapter: theme and plotly.js cached, this page not.
                nav = _offline_context(browser, base, external)
                page = nav.new_page()
                _visit(page, f"{base}/{NAV_FROM}", 1)
                row.nav_s = _visit(page, f"{base}/{rel}", row.figures)[0]
                nav.close()
            if external:
                print(f"warning: {rel} tried to reach {external}", file=sys.stderr)
            if verbose:
                print(f"  {rel}")
                for url, size in sorted(row.sizes.items(), key=lambda kv: -kv[1])[:8]:
                    print(f"    {size / 1e6:6.2f} MB  {url}")
            rows.append(row)
        browser.close()
    server.shutdown()
    # Bytes a page shares with no other page: its own share once the site-wide assets are cached.
    users: dict[str, int] = {}
    for row in rows:
        for url in row.sizes:
            users[url] = users.get(url, 0) + 1
    for row in rows:
        row.own = sum(v for k, v in row.sizes.items() if users[k] == 1)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-build", action="store_true", help="measure the existing _build/html")
    ap.add_argument("--verbose", action="store_true", help="list the largest resources of each page")
    args = ap.parse_args()
    if not args.no_build:
        print(f"cold book build: {cold_build():.1f} s")
    size, n = site_size()
    print(f"_build/html: {size / 1e6:.1f} MB in {n} files; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    rows = page_weights(args.verbose)
    print(f"{'page':40s} {'figs':>4s} {'all MB':>7s} {'-plotly MB':>10s} {'own MB':>7s} "
          f"{'cold s':>7s} {'nav s':>6s} {'warm s':>7s} {'all s':>6s}  budget")
    for r in rows:
        over = []
        if r.without_plotly > page_budget_bytes(r.rel):
            over.append("bytes")
        if r.figures and r.cold_s > FIRST_FIGURE_BUDGET_S:
            over.append("cold render")
        if r.figures and r.nav_s > FIRST_FIGURE_BUDGET_S:
            over.append("nav render")
        flag = "OVER: " + ", ".join(over) if over else "ok"
        print(f"{r.rel:40s} {r.figures:4d} {r.total / 1e6:7.2f} {r.without_plotly / 1e6:10.2f} {r.own / 1e6:7.3f} "
              f"{r.cold_s:7.2f} {r.nav_s:6.2f} {r.warm_s:7.2f} {r.all_s:6.2f}  {flag}")
    distinct: dict[str, int] = {}
    for r in rows:
        distinct.update(r.sizes)
    print(f"reading every page once loads {sum(distinct.values()) / 1e6:.1f} MB "
          f"({len(distinct)} distinct files; plotly.min.js {max((v for k, v in distinct.items() if k.endswith('plotly.min.js')), default=0) / 1e6:.1f} MB)")
    print(re.sub(r"\s+", " ", f"""render times from navigation start to the first figure drawn: cold = first visit
          to the site, nav = arriving from {NAV_FROM}, warm = second visit; all = every figure drawn (cold)."""))


if __name__ == "__main__":
    main()
