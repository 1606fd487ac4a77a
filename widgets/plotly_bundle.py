"""plotly's figure widget front end served as one cached file: fast page changes in the lecture deck.

A plotly ``FigureWidget`` is an anywidget: its front end is an ES module of about 5 MB (plotly.js included)
held in the widget's ``_esm`` trait. By default the kernel sends that text with every figure's state and the
browser evaluates it from a ``blob:`` URL, on every deck page again (seconds per page on a lecture laptop).
anywidget also accepts an ``http(s)`` URL in ``_esm``: the browser then imports the module from the server and
keeps it in its HTTP cache across pages.

The lecture deck (``scripts/present.sh``) copies plotly's bundle into a folder Voila serves as static files
(:func:`stage`, ``python -m widgets.plotly_bundle DIR``) and tells its kernels where (:data:`ENV`); for each
presenter figure, :func:`serve_from_deck` then replaces ``_esm`` with a small loader module
(:func:`loader_esm`) that imports the served file (same origin, no CDN: works offline). Without :data:`ENV`
(JupyterLab, the book, a hub) nothing changes and figures carry the bundle inline as plotly ships them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

#: Environment variable naming the bundle's address below the server's base URL (set by ``present.sh``),
#: e.g. ``voila/static/mmn-plotly-widgetbundle.js?v=3f2a…`` (the ``v`` query makes Voila send it cacheable).
ENV = "MMN_PLOTLY_BUNDLE"
#: File name of the staged copy.
FILENAME = "mmn-plotly-widgetbundle.js"
#: Where Voila serves a template's ``static`` folder, below its base URL.
VOILA_STATIC = "voila/static/"
_PATH = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*(\?v=[0-9a-f]{8,64})?$")


def source() -> Path:
    """The widget bundle of plotly (the ES module a ``FigureWidget`` sends by default)."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"
    if not path.is_file():
        raise FileNotFoundError(f"plotly's widget bundle is missing: {path}")
    return path


def stage(static_dir: str | Path) -> str:
    """Copy plotly's bundle into ``static_dir`` (created if needed); returns its address for :data:`ENV`.

    Parameters
    ----------
    static_dir : str or Path
        A folder the server serves at :data:`VOILA_STATIC` (a Voila template's ``static`` folder).

    Returns
    -------
    str
        ``voila/static/<FILENAME>?v=<first 16 hex digits of the file's SHA-256>``: the version changes with
        the file, so a browser never keeps a stale copy.
    """
    src = source()
    folder = Path(static_dir)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, folder / FILENAME)
    digest = hashlib.sha256(src.read_bytes()).hexdigest()[:16]
    return f"{VOILA_STATIC}{FILENAME}?v={digest}"


def loader_esm(path: str) -> str:
    """A small ES module that imports the bundle at ``path`` (below the page's base URL) and re-exports it.

    The address is resolved in the browser from the page's Jupyter configuration (``baseUrl``), so it holds
    behind a proxy or a hub prefix; anywidget loads this text from a ``blob:`` URL, which cannot resolve a
    relative import by itself.
    """
    if not isinstance(path, str) or not _PATH.match(path) or ".." in path:
        raise ValueError(f"path must be a relative address such as 'voila/static/x.js?v=0123abcd', got {path!r}")
    return (
        "const cfg = document.getElementById('jupyter-config-data');\n"
        "let base = '/';\n"
        "try { base = (cfg && JSON.parse(cfg.textContent).baseUrl) || '/'; } catch (e) { base = '/'; }\n"
        f"const url = new URL(base.replace(/\\/?$/, '/') + {json.dumps(path)}, window.location.href).href;\n"
        "const mod = await import(url);\n"
        "export default mod.default;\n"
    )


def deck_path() -> str | None:
    """The bundle's address from :data:`ENV`, or ``None`` when unset (not in the deck)."""
    value = os.environ.get(ENV, "").strip()
    return value or None


def serve_from_deck(fig: Any) -> bool:
    """Make a ``FigureWidget`` load plotly's front end from the deck's server (:data:`ENV`); True if it did.

    Without :data:`ENV` the figure is left as it is (its bundle inline). Call it before a browser connects
    (the deck's pages are executed before the lecturer opens them).
    """
    path = deck_path()
    if path is None or not hasattr(fig, "_esm"):
        return False
    fig._esm = loader_esm(path)
    return True


def main(argv: list[str] | None = None) -> int:
    """``python -m widgets.plotly_bundle DIR``: stage the bundle into DIR and print its address."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m widgets.plotly_bundle STATIC_DIR", file=sys.stderr)
        return 2
    print(stage(args[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
