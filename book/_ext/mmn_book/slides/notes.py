"""Speaker notes of the chapter slides, kept in one file outside the notebooks: ``book/slides/notes.yaml``.

The file maps a chapter (the notebook's stem, e.g. ``04_nerve_conduction``) to its headings (the text of an
H1–H3 heading of that chapter, as written, without the ``#``) and each heading to what the lecturer says on
that slide, in Markdown::

    04_nerve_conduction:
      How a motor conduction study is done: |
        Start with the set-up ...

The export (:class:`mmn_book.slides.export.MmnSlidesPreprocessor`) puts each note after the cell that holds its
heading, as a ``notes`` cell: reveal.js shows it in the speaker view (key S). Notes use only facts the chapter
states; :func:`problems` finds notes whose chapter or heading does not exist (a renamed heading would silently
lose its note).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import nbformat
import yaml

#: The repository (book/_ext/mmn_book/slides/ is four folders below it).
ROOT = Path(__file__).resolve().parents[4]
NOTES_FILE = ROOT / "book" / "slides" / "notes.yaml"
_HEADING = re.compile(r"^(#{1,3})\s+(?P<text>\S.*?)\s*#*\s*$")
_ROLE = re.compile(r"\{[a-zA-Z:_-]+\}`(?P<body>[^`<]*)(?:<[^>]*>)?`")


def normalise(text: str) -> str:
    """A heading's text for matching: MyST roles to their text, no emphasis marks, case-folded, single spaces."""
    text = _ROLE.sub(lambda m: m.group("body").strip(), text)
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split()).casefold()


def heading_texts(markdown: str) -> list[str]:
    """The H1–H3 headings of a markdown cell (outside code fences), normalised."""
    out, fence = [], None
    for line in markdown.splitlines():
        stripped = line.lstrip()
        m = re.match(r"^(`{3,}|~{3,}|:{3,})", stripped)
        if m:
            if fence is None:
                fence = m.group(1)
            elif stripped.strip() == fence or set(stripped.strip()) == {fence[0]}:
                fence = None
            continue
        if fence is None:
            h = _HEADING.match(line)
            if h:
                out.append(normalise(h.group("text")))
    return out


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> dict[str, dict[str, str]]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ValueError(f"{path}: must map chapter -> {{heading: note}}")
    return {chapter: {str(h): str(n).strip() for h, n in notes.items()} for chapter, notes in data.items()}


def load_notes(path: Path | str = NOTES_FILE) -> dict[str, dict[str, str]]:
    """``{chapter: {heading: note}}`` of the notes file (empty if there is none)."""
    path = Path(path)
    if not path.is_file():
        return {}
    return _load(str(path), path.stat().st_mtime)


def notes_cells(markdown: str, notes: dict[str, str], *, chapter: str = "") -> list:
    """``notes`` cells for the headings of one markdown cell that have a note, in the headings' order."""
    wanted = {normalise(h): n for h, n in notes.items()}
    return [
        nbformat.v4.new_markdown_cell(wanted[h], metadata={"slideshow": {"slide_type": "notes"}})
        for h in heading_texts(markdown)
        if h in wanted
    ]


def problems(path: Path | str = NOTES_FILE, chapters: Path | str = ROOT / "chapters") -> list[str]:
    """Notes that would be lost: a chapter that does not exist, a heading the chapter does not have, an empty note."""
    out = []
    for chapter, notes in load_notes(path).items():
        nb_path = Path(chapters) / f"{chapter}.ipynb"
        if not nb_path.is_file():
            out.append(f"{chapter}: no such chapter")
            continue
        nb = nbformat.read(nb_path, as_version=4)
        have = {h for c in nb.cells if c.cell_type == "markdown" for h in heading_texts(c.source)}
        out += [f"{chapter}: no heading {h!r}" for h in notes if normalise(h) not in have]
        out += [f"{chapter}: empty note for {h!r}" for h, n in notes.items() if not n.strip()]
    return out
