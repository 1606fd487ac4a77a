"""Print the slides' handouts (three slides per A4 page, lines for notes) to PDF with headless Chromium.

``bash scripts/slides.sh --handouts`` runs ``python -m mmn_book.slides.handout_pdf DIR``: for every
``DIR/<chapter>.slides.html`` it opens ``<chapter>.slides.html?handout`` over a local HTTP server, waits until
the page has laid out its handout, and writes ``DIR/handouts/<chapter>.handout.pdf``. Needs Playwright and
Debian's Chromium (``/usr/bin/chromium``), as the tests do.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D102
        pass


def write_handouts(folder: Path) -> list[Path]:
    """Write ``folder/handouts/<chapter>.handout.pdf`` for every slide deck in ``folder``; returns the PDFs."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    out_dir = folder / "handouts"
    out_dir.mkdir(exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    written = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            for deck in sorted(folder.glob("*.slides.html")):
                page.goto(f"{base}/{deck.name}?handout")
                page.wait_for_function("() => document.documentElement.dataset.mmnSlides === 'ready'", timeout=60000)
                page.evaluate("() => document.fonts.ready")
                target = out_dir / deck.name.replace(".slides.html", ".handout.pdf")
                page.pdf(path=str(target), format="A4", prefer_css_page_size=True, print_background=False)
                written.append(target)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


if __name__ == "__main__":
    for pdf in write_handouts(Path(sys.argv[1]).resolve()):
        print(f"  {pdf}")
