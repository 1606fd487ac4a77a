"""Print the whole course to one PDF with headless Chromium, offline.

Usage: .venv/bin/python scripts/export_pdf.py [--html _build/html] [--out PATH] (or ``python -m mmn_book.pdf``)

Opens ``print/course.html`` (the whole course on one page, written by the book
extension after every build) straight from disk, waits until every figure is
drawn and every formula typeset, and prints it to A4 with page numbers. By
default the PDF goes to ``_build/html/print/mmn-course.pdf`` and the pages that
offer it (``print/course.html``, ``book/print.html``) get a link to it in place
of their ``<!-- mmn-pdf-link -->`` placeholder, so a link exists only when the
PDF does. Needs Chromium (``/usr/bin/chromium``; ``scripts/test.sh`` installs
it); without it, says so and exits 0 (the printable HTML page still works).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from mmn_book.browser import wait_until_ready
from mmn_book.print_page import PDF_MARKER, PRINT_DIR, PRINT_PAGE

#: The repository (book/_ext/mmn_book/ is three folders below it).
ROOT = Path(__file__).resolve().parents[3]

PDF_NAME = "mmn-course.pdf"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#444">'
          '<span class="title"></span> — page <span class="pageNumber"></span> of <span class="totalPages"></span></div>')


def pdf_of_loaded_page(page, out: Path, *, timeout_ms: int = 60000) -> bytes:
    """Print a page that has drawn its figures and formulas: A4, page numbers, figures fitted."""
    page.emulate_media(media="print")
    page.wait_for_function(
        "() => !window.mmnPlotlyA11y || Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".every(g => !g._fullLayout || g._fullLayout.width <= window.mmnPlotlyA11y.PRINT_WIDTH_PX)",
        timeout=timeout_ms,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    return page.pdf(path=str(out), format="A4", print_background=True, display_header_footer=True,
                    header_template="<span></span>", footer_template=FOOTER,
                    margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})


def print_to_pdf(browser, url: str, html_text: str, out: Path, *, timeout_ms: int = 60000) -> bytes:
    """Load ``url`` in a fresh context, wait for figures and formulas, write the PDF to ``out``."""
    context = browser.new_context(viewport={"width": 1000, "height": 1400})
    try:
        page = context.new_page()
        page.goto(url, wait_until="load", timeout=timeout_ms)
        wait_until_ready(page, html_text, timeout_ms=timeout_ms)
        return pdf_of_loaded_page(page, out, timeout_ms=timeout_ms)
    finally:
        context.close()


def link_pdf(html_dir: Path, pdf: Path) -> list[Path]:
    """Replace the PDF placeholder of the pages that offer the PDF with a link to it."""
    changed = []
    for page in (html_dir / PRINT_DIR / PRINT_PAGE, html_dir / "book" / "print.html"):
        if not page.is_file():
            continue
        text = page.read_text(encoding="utf-8")
        if PDF_MARKER not in text:
            continue
        href = Path(os.path.relpath(pdf, page.parent)).as_posix()
        size = pdf.stat().st_size / 1e6
        link = f'<a class="mmn-pdf-link" href="{href}" download>Download the whole course as PDF ({size:.1f} MB)</a>'
        page.write_text(text.replace(PDF_MARKER, link), encoding="utf-8")
        changed.append(page)
    return changed


def main(argv: list[str] | None = None) -> int:
    """Command line: print ``print/course.html`` to a PDF and link it; returns the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--html", type=Path, default=ROOT / "_build" / "html", help="the built site")
    ap.add_argument("--out", type=Path, default=None, help=f"PDF path (default: <html>/{PRINT_DIR}/{PDF_NAME})")
    args = ap.parse_args(argv)
    source = args.html / PRINT_DIR / PRINT_PAGE
    if not source.is_file():
        print(f"export_pdf: {source} is missing: build the book first", file=sys.stderr)
        return 2
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        print("export_pdf: no Chromium here; the printable page print/course.html is still available", file=sys.stderr)
        return 0
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("export_pdf: Playwright is not installed (scripts/setup.sh installs it); no PDF", file=sys.stderr)
        return 0

    out = args.out or args.html / PRINT_DIR / PDF_NAME
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
        try:
            # Straight from disk: no server, no network; everything the page loads is in the site.
            pdf = print_to_pdf(browser, source.resolve().as_uri(), source.read_text(encoding="utf-8"), out)
        finally:
            browser.close()
    if out.resolve().is_relative_to(args.html.resolve()):
        link_pdf(args.html, out)
    print(f"export_pdf: wrote {out} ({len(pdf) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
