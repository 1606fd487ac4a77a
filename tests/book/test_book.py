"""The built HTML book, as a self-study student meets it: offline, in a real browser.

The build itself is a test (``-W``: any warning fails). Then every page is
opened in headless Chromium: nothing may be requested from outside
127.0.0.1, no script may fail, every plotly figure must have drawn its traces
and every formula must have been typeset. A figure that silently vanished
(for instance a plotly output that myst-nb skipped) fails here, because the
figures counted in the executed notebooks must all be present on the page.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from support.executed import EXECUTED, PLOTLY_MIME, figures_in_executed_notebook
from support.paths import ROOT



def test_the_built_book_tests_run_together_on_one_worker(request, book_build):
    """All tests of the built book form one xdist group, so one worker builds and browses the book."""
    mark = request.node.get_closest_marker("xdist_group")
    assert mark is not None and mark.args == ("book",)
    if os.environ.get("PYTEST_XDIST_WORKER") and getattr(request.config.option, "loadgroup", False):
        # xdist read the group into the test id: the conftest hook ran before xdist's
        assert request.node.nodeid.endswith("@book"), request.node.nodeid


def test_book_builds_without_warnings(book_build):
    warnings = [line for line in book_build.log.splitlines() if "WARNING" in line or "ERROR" in line]
    assert book_build.returncode == 0, "\n".join(book_build.log.splitlines()[-30:])
    assert warnings == []
    assert "build succeeded" in book_build.log


def test_every_chapter_was_executed_by_the_build(book_build):
    chapters = sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))
    executed = sorted(p.stem for p in (EXECUTED / "chapters").glob("*.ipynb"))
    assert executed == chapters


def test_pages_load_no_cdn_assets(site):
    """Static check of every page: every script and stylesheet is served by the site itself."""
    bad = {}
    for rel in site.pages():
        html = (site.root / rel).read_text()
        for tag in re.findall(r"<(?:script|link)\b[^>]*>", html):
            src = re.search(r'(?:src|href)="([^"]+)"', tag)
            if src and re.match(r"(https?:)?//", src.group(1)) and "rel=\"canonical\"" not in tag:
                bad.setdefault(rel, []).append(src.group(1))
        assert html.count("plotly.min.js") <= 1, f"{rel}: plotly.js must be loaded once per page"
        assert "plotly.js v" not in html, f"{rel}: plotly.js is inlined in the page"
    assert bad == {}


def test_a_vanished_figure_is_detected(tmp_path):
    """The figure count check itself: an executed plotly output with no HTML must be reported."""
    nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", "data": {PLOTLY_MIME: {}}}]}]}
    page = tmp_path / "x.ipynb"
    page.write_text(json.dumps(nb))
    with pytest.raises(AssertionError, match="vanishes"):
        figures_in_executed_notebook("x.html", executed=tmp_path)
