"""The project passes its linters: ``ruff check`` (pyproject.toml's ``[tool.ruff]``) for Python and Biome
(``biome.json``) for the JavaScript in ``.js`` files."""

from __future__ import annotations

import shutil
import subprocess
import sys

from support.paths import ROOT


def test_ruff_check_passes():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "No module named ruff" not in proc.stderr, "install the test extras: ruff is pinned in requirements/constraints.txt"
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def test_biome_lints_the_javascript():
    biome = ROOT / "node_modules" / ".bin" / "biome"
    assert biome.exists() or shutil.which("npm") is None, "run `bash scripts/setup.sh` (npm ci installs Biome)"
    assert biome.exists(), "Biome is not installed: `npm ci` (scripts/setup.sh does it)"
    proc = subprocess.run([str(biome), "lint", "--colors=off", "--max-diagnostics=50"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]
    assert "Checked 0 files" not in proc.stdout + proc.stderr, "biome.json's includes match no JavaScript file"
