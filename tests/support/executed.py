"""The notebooks as the book build executed them (``_build/jupyter_execute``), to compare pages with."""

from __future__ import annotations

import json
from pathlib import Path

from support.paths import BUILD_DIR

#: The executed notebooks of the build the tests use (``MMN_BUILD_DIR``, as in conftest.py).
EXECUTED = BUILD_DIR / "jupyter_execute"
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def figures_in_executed_notebook(page: str, executed: Path = EXECUTED) -> int:
    """Plotly figures the executed notebook of ``page`` produced (0 for .md pages).

    A plotly output without ``text/html`` fails: it would vanish from the book.
    """
    nb_path = executed / Path(page).with_suffix(".ipynb")
    if not nb_path.exists():
        return 0
    nb = json.loads(nb_path.read_text())
    count = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            html = "".join(data.get("text/html", ""))
            assert PLOTLY_MIME not in data or html, "a plotly output without text/html vanishes from the book"
            count += html.count("Plotly.newPlot(")
    return count
