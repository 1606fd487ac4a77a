"""Check every internal link, anchor and local asset of the built book, offline.

Usage: .venv/bin/python scripts/check_links.py [_build/html]

For every ``.html`` file: each ``href``/``src`` of ``<a>``, ``<link>``,
``<script>``, ``<img>``... that is not an external URL must name an existing
file, and a ``#fragment`` must be an ``id`` in the target page (citations,
glossary terms, section anchors). Exits 1 and lists the broken references if
any. The checker itself is :func:`widgets.a11y.check_links`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from widgets.a11y import check_links

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    html = Path(argv[1]) if len(argv) > 1 else ROOT / "_build" / "html"
    if not (html / "index.html").is_file():
        print(f"check_links: no built site in {html} (build the book first)", file=sys.stderr)
        return 2
    broken = check_links(html)
    for b in broken:
        print(b)
    pages = sum(1 for p in html.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)
    print(f"check_links: {pages} pages, {len(broken)} broken references", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
