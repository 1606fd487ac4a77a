"""Opening a notebook in JupyterLab and starting its kernel."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from support.poll import within


def start_kernel(page, server, notebook: Path) -> None:
    """Start the notebook's kernel as a student does: accept JupyterLab's "Select Kernel" dialog when it asks.

    Ready when the server reports an idle kernel in a session for this notebook.
    """
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
    try:
        page.wait_for_selector(".jp-Dialog .jp-mod-accept", timeout=15000)
    except Exception:  # no dialog: JupyterLab started the preferred kernel itself
        pass
    else:
        assert "Python 3" in page.inner_text(".jp-Dialog"), page.inner_text(".jp-Dialog")
        page.click(".jp-Dialog .jp-mod-accept")

    def idle() -> bool:
        with urllib.request.urlopen(server.url("api/sessions"), timeout=10) as r:
            sessions = json.load(r)
        return "idle" in [s["kernel"]["execution_state"] for s in sessions if s.get("path", "").endswith(notebook.name)]

    if not within(idle, 60, interval=0.3):
        pytest.fail(f"no idle kernel for {notebook.name} after 60 s")
