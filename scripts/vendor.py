"""Fetch the pinned third-party JavaScript the offline book serves from itself.

Writes ``book/_vendor/`` (not committed): MathJax 3, require.js and the
Jupyter widget HTML manager from the npm registry (``npm pack`` with exact
versions; npm checks each tarball's integrity), plus ``plotly.min.js`` copied
from the installed plotly package and axe-core for the accessibility tests.
Idempotent: a stamp file records what was fetched.
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
VENDOR = ROOT / "book" / "_vendor"

#: Exact versions; change them here and rerun the setup.
NPM_PACKAGES = {
    "mathjax": "3.2.2",
    "requirejs": "2.3.7",
    "@jupyter-widgets/html-manager": "1.0.15",
    "axe-core": "4.14.1",
    # plotly.js's own "basic" bundle (scatter, bar, pie): pages whose figures need no more load it instead of
    # the full 4.8 MB library; its version must equal the plotly.js shipped with the Python package.
    "plotly.js-basic-dist-min": "4.1.1",
}

#: Files kept from each package (paths inside the tarball's ``package/``).
KEEP = {
    "mathjax": ["es5/tex-chtml.js", "es5/output/chtml", "es5/input/tex/extensions", "es5/ui", "es5/a11y", "es5/adaptors"],
    "requirejs": ["require.js"],
    "@jupyter-widgets/html-manager": ["dist/embed-amd.js", "dist/*.woff2", "dist/*.woff"],
    "axe-core": ["axe.min.js"],
    "plotly.js-basic-dist-min": ["plotly-basic.min.js"],
}

#: Where each package goes: the book's offline assets, or the tests' own copy
#: of axe-core (never served to readers).
TARGET = {
    "mathjax": VENDOR / "mathjax",
    "requirejs": VENDOR / "require",
    "@jupyter-widgets/html-manager": VENDOR / "html-manager",
    "axe-core": ROOT / "tests" / "_vendor" / "axe",
    "plotly.js-basic-dist-min": VENDOR / "plotly",
}


def _stamp() -> dict:
    import plotly
    from plotly.offline import get_plotlyjs_version

    basic = NPM_PACKAGES["plotly.js-basic-dist-min"]
    if basic != get_plotlyjs_version():
        raise SystemExit(f"vendor: plotly.js-basic-dist-min {basic} must match plotly.js {get_plotlyjs_version()}")
    return {"npm": NPM_PACKAGES, "plotly": plotly.__version__}


def _copy_selected(package_dir: Path, patterns: list[str], dest: Path) -> None:
    for pattern in patterns:
        matches = sorted(package_dir.glob(pattern))
        if not matches:
            raise SystemExit(f"vendor: {pattern!r} not found in {package_dir}")
        for src in matches:
            rel = src.relative_to(package_dir)
            # Drop the leading es5/ or dist/ folder so URLs stay short.
            parts = rel.parts[1:] if rel.parts[0] in ("es5", "dist") else rel.parts
            out = dest.joinpath(*parts)
            if src.is_dir():
                shutil.copytree(src, out, dirs_exist_ok=True)
            else:
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, out)


def main() -> int:
    stamp_file = VENDOR / "stamp.json"
    if stamp_file.exists() and (ROOT / "tests/_vendor/axe/axe.min.js").exists() and json.loads(stamp_file.read_text()) == _stamp():
        print(f"vendor: up to date in {VENDOR.relative_to(ROOT)}")
        return 0
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("vendor: npm is required to fetch MathJax, require.js and the widget manager")
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    VENDOR.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        specs = [f"{name}@{version}" for name, version in NPM_PACKAGES.items()]
        out = subprocess.run(
            [npm, "pack", "--json", "--silent", *specs], cwd=tmp, check=True, capture_output=True, text=True
        )
        for info in json.loads(out.stdout):
            name = info["name"]
            extract = Path(tmp) / name.replace("/", "_")
            with tarfile.open(Path(tmp) / info["filename"]) as tar:
                tar.extractall(extract, filter="data")
            if TARGET[name].exists():
                shutil.rmtree(TARGET[name])
            _copy_selected(extract / "package", KEEP[name], TARGET[name])
    import plotly

    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    (VENDOR / "plotly").mkdir(exist_ok=True)
    shutil.copy2(plotly_js, VENDOR / "plotly" / "plotly.min.js")
    stamp_file.write_text(json.dumps(_stamp(), indent=2))
    size = sum(f.stat().st_size for f in VENDOR.rglob("*") if f.is_file())
    print(f"vendor: fetched {', '.join(specs)} and plotly.min.js of plotly {plotly.__version__} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
