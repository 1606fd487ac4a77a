"""Check every internal link, anchor and local asset of the built book, offline.

Usage: .venv/bin/python scripts/check_links.py [_build/html]

For every ``.html`` file: each ``href``/``src`` of ``<a>``, ``<link>``,
``<script>``, ``<img>``... that is not an external URL must name an existing
file, and a ``#fragment`` must be an ``id`` in the target page (citations,
glossary terms, section anchors). Exits 1 and lists the broken references if
any. The checker itself is :func:`mmn_book.links.check_links`.
"""

import sys
from pathlib import Path

from mmn_book.links import main

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or [str(ROOT / "_build" / "html")]))
