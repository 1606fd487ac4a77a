"""Scripts the book serves joined from their parts (``widgets.assets.bundle``), as files for synthetic test pages."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from mmn_book.page_assets import PLOTLY_A11Y_FRAME

from widgets.assets import bundle


@functools.cache
def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="mmn-test-scripts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def plotly_a11y_js() -> Path:
    """``plotly-a11y.js`` as the book serves it (joined from ``book/_ext/mmn_book/js/plotly-a11y/``), in a file."""
    path = _folder() / "plotly-a11y.js"
    path.write_text(bundle(PLOTLY_A11Y_FRAME), encoding="utf-8")
    return path
