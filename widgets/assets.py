"""Static browser assets of the course package (CSS and JS).

They live in ``widgets/static/`` and are the single copy used everywhere: the
book serves them once per page (``mmn_book.page_assets``), JupyterLab gets
them inline from the quiz cell that needs them.
"""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"


def js_files() -> list[str]:
    """Names of the package's JavaScript files, in load order."""
    return sorted(p.name for p in STATIC_DIR.glob("*.js"))


def css_files() -> list[str]:
    """Names of the package's stylesheets."""
    return sorted(p.name for p in STATIC_DIR.glob("*.css"))


def read(name: str) -> str:
    """Text of one asset, e.g. ``read("quiz.js")``."""
    path = STATIC_DIR / name
    if not path.is_file():
        raise ValueError(f"name must be one of {js_files() + css_files()}, got {name!r}")
    return path.read_text(encoding="utf-8")
