"""The project passes its linter: ``ruff check`` with the rules in pyproject.toml's ``[tool.ruff]``."""

from __future__ import annotations

import subprocess
import sys

from support.paths import ROOT


def test_ruff_check_passes():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "No module named ruff" not in proc.stderr, "install the test extras: ruff is pinned in requirements/constraints.txt"
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
