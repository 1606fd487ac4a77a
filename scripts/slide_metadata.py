"""Give every chapter cell its slide type (the rules: :mod:`mmn_book.slides.metadata`).

Usage:
    .venv/bin/python scripts/slide_metadata.py                 # every chapters/*.ipynb
    .venv/bin/python scripts/slide_metadata.py path/to/nb.ipynb ...
    .venv/bin/python scripts/slide_metadata.py --check         # exit 1 if any cell is missing or stale
"""

import sys

from mmn_book.slides.metadata import main

if __name__ == "__main__":
    sys.exit(main())
