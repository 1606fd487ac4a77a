"""Print the whole course to one PDF with headless Chromium, offline (see :mod:`mmn_book.pdf`).

Usage: .venv/bin/python scripts/export_pdf.py [--html _build/html] [--out PATH]
"""

import sys

from mmn_book.pdf import main

if __name__ == "__main__":
    sys.exit(main())
