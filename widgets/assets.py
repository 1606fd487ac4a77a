"""Static browser assets of the course package (CSS and JS).

They live in ``widgets/static/`` and are the single copy used everywhere: the
book serves them once per page (``mmn_book.page_assets``), JupyterLab gets
them inline from the quiz cell that needs them.

A long script is kept in parts, in a folder named after it (``static/quiz/``): its frame
(``static/quiz/quiz.js``) names the parts on its ``// @parts`` line, and :func:`bundle`
joins them into the one script a page loads (:func:`read`, :func:`write_bundles`).
"""

from __future__ import annotations

import re
from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"

#: Scripts kept in parts: the name a page loads, and the frame its parts are joined into.
BUNDLES = {"quiz.js": STATIC_DIR / "quiz" / "quiz.js"}

#: The line of a frame that names its parts (files beside it), in order.
_PARTS_LINE = re.compile(r"^(?P<indent>[ \t]*)// @parts (?P<names>.+)$", re.M)


def parts(frame: Path) -> tuple[str, ...]:
    """Names of a frame's parts (files beside it), in the order its ``// @parts`` line gives them.

    Parameters
    ----------
    frame : Path
        The script's frame.

    Returns
    -------
    tuple of str
        File names, e.g. ``("store.js", "question.js", ...)``.
    """
    match = _PARTS_LINE.search(Path(frame).read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f"frame must have a '// @parts' line naming its parts, got {frame}")
    return tuple(match["names"].split())


def bundle(frame: Path) -> str:
    """The whole script a frame stands for: its ``// @parts a.js b.js …`` line replaced by those files.

    Parameters
    ----------
    frame : Path
        The script's frame; its parts are the files beside it that its ``// @parts`` line names.

    Returns
    -------
    str
        The frame with the parts in its place, one blank line between two parts, each line indented as the
        ``// @parts`` line is; the parts' ``// biome-ignore`` lines (linting the part on its own) are left out.
    """
    text = Path(frame).read_text(encoding="utf-8")
    match = _PARTS_LINE.search(text)
    if match is None:
        raise ValueError(f"frame must have a '// @parts' line naming its parts, got {frame}")
    joined = []
    for name in match["names"].split():
        lines = (Path(frame).parent / name).read_text(encoding="utf-8").splitlines()
        joined.append("\n".join(match["indent"] + line if line else line
                               for line in lines if not line.startswith("// biome-ignore")))
    return text[: match.start()] + "\n\n".join(joined) + text[match.end():]


def js_files() -> list[str]:
    """Names of the package's JavaScript files, in load order."""
    return sorted({p.name for p in STATIC_DIR.glob("*.js")} | set(BUNDLES))


def css_files() -> list[str]:
    """Names of the package's stylesheets."""
    return sorted(p.name for p in STATIC_DIR.glob("*.css"))


def read(name: str) -> str:
    """Text of one asset, e.g. ``read("quiz.js")`` (a script kept in parts is joined, :func:`bundle`)."""
    if name in BUNDLES:
        return bundle(BUNDLES[name])
    path = STATIC_DIR / name
    if not path.is_file():
        raise ValueError(f"name must be one of {js_files() + css_files()}, got {name!r}")
    return path.read_text(encoding="utf-8")


def write_bundles(folder: Path) -> list[Path]:
    """Write each script kept in parts (:data:`BUNDLES`), joined, into ``folder``; return the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in BUNDLES:
        path = folder / name
        path.write_text(read(name), encoding="utf-8")
        written.append(path)
    return written
