"""Fetch the pinned reveal.js the offline slide export copies beside the slides.

Writes ``presenter/_vendor/reveal.js/`` (never committed: the folder carries its
own ``.gitignore``) from the npm registry with ``npm pack`` and an exact
version (npm checks the tarball's integrity). Only what the slides load is kept:
the UMD build, its stylesheets, the white theme with its local font, the
speaker-notes plugin and the licence. Idempotent: a stamp records the version.

Not under ``book/_vendor``: that folder is a Sphinx static path, and Jupyter
Book 1 would add every ``.js``/``.css`` found there to every book page.

Usage: .venv/bin/python scripts/vendor_reveal.py    (scripts/slides.sh runs it)
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "presenter" / "_vendor"
REVEAL = VENDOR / "reveal.js"

#: Exact version; change it here and rerun.
REVEAL_VERSION = "5.2.1"

#: Files kept (paths inside the tarball's ``package/``), copied to the same relative paths.
KEEP = [
    "LICENSE",
    "dist/reveal.js",
    "dist/reveal.css",
    "dist/reset.css",
    "dist/theme/white.css",
    "dist/theme/fonts/source-sans-pro",
    "plugin/notes/notes.js",
]


def _stamp() -> dict:
    return {"reveal.js": REVEAL_VERSION, "keep": KEEP}


def up_to_date() -> bool:
    stamp = REVEAL / "stamp.json"
    return stamp.exists() and json.loads(stamp.read_text()) == _stamp() and all((REVEAL / k).exists() for k in KEEP)


def main() -> int:
    if up_to_date():
        print(f"vendor_reveal: reveal.js {REVEAL_VERSION} up to date in {REVEAL.relative_to(ROOT)}")
        return 0
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("vendor_reveal: npm is required to fetch reveal.js for the slide export")
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [npm, "pack", "--json", "--silent", f"reveal.js@{REVEAL_VERSION}"],
            cwd=tmp, check=True, capture_output=True, text=True,
        )
        info = json.loads(out.stdout)[0]
        with tarfile.open(Path(tmp) / info["filename"]) as tar:
            tar.extractall(Path(tmp) / "x", filter="data")
        package = Path(tmp) / "x" / "package"
        if REVEAL.exists():
            shutil.rmtree(REVEAL)
        for rel in KEEP:
            src, dest = package / rel, REVEAL / rel
            if not src.exists():
                raise SystemExit(f"vendor_reveal: {rel} not found in reveal.js {REVEAL_VERSION}")
            dest.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dest)
            else:
                shutil.copy2(src, dest)
    # Keep the third-party copy out of git without touching the repository's .gitignore.
    (VENDOR / ".gitignore").write_text("# fetched by scripts/vendor_reveal.py; not committed\n*\n")
    (REVEAL / "stamp.json").write_text(json.dumps(_stamp(), indent=2))
    size = sum(f.stat().st_size for f in REVEAL.rglob("*") if f.is_file())
    print(f"vendor_reveal: fetched reveal.js@{REVEAL_VERSION} ({info['integrity'][:19]}…, {size / 1e6:.1f} MB kept)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
