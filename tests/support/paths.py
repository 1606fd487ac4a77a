"""Where things are: the repository root and the build folder the tests use."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root (``tests/support/paths.py`` is two folders below it).
ROOT = Path(__file__).resolve().parents[2]
#: The build folder the tests use: ``_build``, or another one named by ``MMN_BUILD_DIR`` (a helper's own
#: build, e.g. ``jupyter-book build . --path-output /tmp/x`` gives ``MMN_BUILD_DIR=/tmp/x/_build``).
BUILD_DIR = Path(os.environ.get("MMN_BUILD_DIR") or ROOT / "_build")
HTML = BUILD_DIR / "html"
BUILD_LOG = BUILD_DIR / "build.log"
#: The plotly.js bundle the book serves (vendored at build time).
PLOTLY_JS = ROOT / "book" / "_vendor" / "plotly" / "plotly.min.js"
