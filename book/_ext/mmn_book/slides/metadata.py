"""Give every chapter cell its slide type, so lecturers can present a chapter as slides.

Sets ``metadata.slideshow.slide_type`` (read by jupyterlab-rise in JupyterLab
and by ``jupyter nbconvert --to slides``, i.e. ``bash scripts/slides.sh``) on
every cell, from the cell's content alone:

=====================================================================  ============
cell                                                                    slide type
=====================================================================  ============
tagged ``notes`` / ``lecturer-notes`` / ``speaker-notes``, or markdown  ``notes``
opening with "Lecturer notes", "Speaker notes" or "Notes for the
lecturer" (also as an admonition title)
tagged ``remove-cell``, raw cells, empty cells                          ``skip``
markdown with an H1 or H2 heading (outside code fences)                 ``slide``
markdown with an H3 heading                                             ``subslide``
other markdown (text, figure captions)                                  ``-``
code cell calling ``quiz(``                                             ``fragment``
code cell that shows something (figure, explorer, table: its last       ``-``
statement is an expression, or it calls ``display(``/``print(``/
``.show(``)
code cell that shows nothing (imports, set-up)                          ``skip``
=====================================================================  ============

A tag ``slide-type:<type>`` on a cell overrides the rule (e.g. ``slide-type:fragment``).

The notebook also gets jupyterlab-rise defaults in ``metadata.rise``, only for
keys it does not set yet: ``theme: white`` (RISE's default theme "simple"
loads its fonts from Google Fonts, which a lecture hall may not reach; "white"
uses fonts bundled with RISE) and ``scroll: true`` (long slides scroll).

Idempotent: a notebook whose cells already carry these types is not
rewritten (byte for byte untouched); nothing else in the notebook changes, and
no outputs are added. Run it again after adding or editing chapters.

Usage (``scripts/slide_metadata.py`` runs :func:`main`):
    .venv/bin/python scripts/slide_metadata.py                 # every chapters/*.ipynb
    .venv/bin/python scripts/slide_metadata.py path/to/nb.ipynb ...
    .venv/bin/python scripts/slide_metadata.py --check         # exit 1 if any cell is missing or stale
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import nbformat

#: The repository (book/_ext/mmn_book/slides/ is four folders below it).
ROOT = Path(__file__).resolve().parents[4]
SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "skip", "notes")
NOTES_TAGS = {"notes", "lecturer-notes", "speaker-notes"}
NOTES_TEXT = re.compile(
    r"^\s*(?:[`:]{3,}\{[a-z]+\}\s*)?(?:\*\*|__|#+\s*)?(?:lecturer notes?|speaker notes?|notes for the lecturer)\b",
    re.IGNORECASE,
)
OVERRIDE = "slide-type:"
#: A MyST label target line, ``(case-a-ncs)=``: not text, so a heading after it still opens its cell.
LABEL = re.compile(r"^\s*\([A-Za-z0-9_.:-]+\)=\s*$")
#: jupyterlab-rise settings added to a notebook's metadata when missing.
RISE_DEFAULTS = {"theme": "white", "scroll": True}


def headings(markdown: str) -> list[int]:
    """Levels of the ATX headings of a markdown cell, skipping code fences and directive bodies' code."""
    levels = []
    fence = None
    for line in markdown.splitlines():
        stripped = line.lstrip()
        m = re.match(r"^(`{3,}|~{3,})", stripped)
        if fence is None and m and not re.match(r"^`{3,}\{", stripped):
            fence = m.group(1)
            continue
        if fence is not None:
            if stripped.startswith(fence) and set(stripped.strip()) == {fence[0]}:
                fence = None
            continue
        h = re.match(r"^(#{1,6})\s+\S", line)
        if h:
            levels.append(len(h.group(1)))
    return levels


def shows_something(source: str) -> bool:
    """True when a code cell displays an output: last statement an expression, or an explicit display call."""
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    code = "\n".join(lines)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return True  # unknown: keep it visible
    if not tree.body:
        return False
    last = tree.body[-1]
    if isinstance(last, ast.Expr) and not (isinstance(last.value, ast.Constant) and last.value.value is None):
        return not code.rstrip().endswith(";")
    return bool(re.search(r"\b(display|print)\(|\.show\(", code))


def slide_type(cell) -> str:
    """The slide type of one cell (see the module docstring)."""
    tags = set(cell.get("metadata", {}).get("tags", []))
    for tag in tags:
        if tag.startswith(OVERRIDE):
            value = tag[len(OVERRIDE):]
            if value not in SLIDE_TYPES:
                raise ValueError(f"tag {tag!r}: slide type must be one of {SLIDE_TYPES}")
            return value
    source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
    if tags & NOTES_TAGS or (cell.cell_type == "markdown" and NOTES_TEXT.match(source)):
        return "notes"
    if "remove-cell" in tags or cell.cell_type == "raw" or not source.strip():
        return "skip"
    if cell.cell_type == "markdown":
        levels = headings(source)
        if levels and min(levels) <= 2:
            return "slide"
        if levels and min(levels) == 3:
            return "subslide"
        return "-"
    if re.search(r"\bquiz\(", source):
        return "fragment"
    return "-" if shows_something(source) else "skip"


def late_headings(nb) -> list[int]:
    """Markdown cells with an H1/H2/H3 that is not their first line: their opening text lands on the new slide.

    (The tool never splits cells; the exported slides split such a cell at its heading, but RISE in JupyterLab
    does not: start a new markdown cell at the heading instead.) Label targets (``(name)=``) before the heading
    are not text.
    """
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown" or not headings(cell.source):
            continue
        first = next((ln for ln in cell.source.splitlines() if ln.strip() and not LABEL.match(ln)), "")
        if not re.match(r"^#{1,3}\s", first) and min(headings(cell.source)) <= 3:
            out.append(i)
    return out


def annotate(nb) -> int:
    """Set the slide type on every cell of ``nb`` (and RISE's defaults) in place; returns how many things changed."""
    changed = 0
    rise = nb.metadata.get("rise", {})
    missing = {k: v for k, v in RISE_DEFAULTS.items() if k not in rise}
    if missing:
        nb.metadata["rise"] = {**rise, **missing}
        changed += 1
    for cell in nb.cells:
        want = slide_type(cell)
        slideshow = cell.metadata.get("slideshow", {})
        if slideshow.get("slide_type") != want:
            cell.metadata["slideshow"] = {**slideshow, "slide_type": want}
            changed += 1
    return changed


def stale_cells(path: Path) -> list[int]:
    """Indices of the cells of ``path`` whose slide type is missing or not what the rules give."""
    nb = nbformat.read(path, as_version=4)
    return [i for i, c in enumerate(nb.cells) if c.metadata.get("slideshow", {}).get("slide_type") != slide_type(c)]


def missing_rise_defaults(path: Path) -> list[str]:
    """Keys of :data:`RISE_DEFAULTS` missing from the notebook's ``metadata.rise``."""
    rise = nbformat.read(path, as_version=4).metadata.get("rise", {})
    return [k for k in RISE_DEFAULTS if k not in rise]


def process(path: Path, *, check: bool) -> int:
    """Set (or, with ``check``, only count) the slide metadata of one notebook; returns the cells changed."""
    text = path.read_text(encoding="utf-8")
    nb = nbformat.reads(text, as_version=4)
    changed = annotate(nb)
    late = late_headings(nb)
    if late:
        print(f"slide_metadata: {path.name}: note: cells {late} start with text before their heading; in RISE that text "
              "opens the new slide (the exported slides split the cell there; split the cell for RISE too)", file=sys.stderr)
    if changed and not check:
        out = nbformat.writes(nb) + ("\n" if text.endswith("\n") else "")
        path.write_text(out, encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    """Command line: annotate (or ``--check``) the notebooks given, or every chapter; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks (default: chapters/*.ipynb)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a cell lacks its slide type")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "chapters").glob("*.ipynb"))
    if not paths:
        print("slide_metadata: no notebooks", file=sys.stderr)
        return 1
    bad = 0
    for path in paths:
        n = process(path, check=args.check)
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if n and args.check:
            print(f"slide_metadata: {where}: {n} cell(s) (or the RISE settings) without their slide metadata")
            bad += 1
        elif n:
            print(f"slide_metadata: {where}: set the slide metadata of {n} cell(s) or RISE settings")
        else:
            print(f"slide_metadata: {where}: up to date")
    if bad:
        print("slide_metadata: run `.venv/bin/python scripts/slide_metadata.py` to fix", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
