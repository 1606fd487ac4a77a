"""nbconvert preprocessor of the offline chapter slides (``bash scripts/slides.sh``).

:class:`MmnSlidesPreprocessor` turns the book's MyST (glossary terms,
citations, admonitions) into plain Markdown, gives cells without slide
metadata the type :func:`mmn_book.slides.metadata.slide_type` gives them,
drops cells tagged ``remove-cell`` (lecturer notes excepted) and stderr noise,
and tells the template where the assets are. For a lecture it also

* makes the deck one row of slides (a sub-slide becomes a slide: the arrow keys and a clicker's
  PageDown then visit every slide, and the counter reads "slide k of n");
* turns each quiz into lecture-mode questions (:mod:`mmn_book.slides.lecture_quiz`): one question per slide,
  options without marks, the answer a fragment the lecturer reveals;
* adds the speaker notes of ``book/slides/notes.yaml`` (:mod:`mmn_book.slides.notes`) after the cell whose
  heading they belong to.

Exercise answers (MyST dropdowns) are marked by :func:`mmn_book.slides.myst.myst_to_markdown`; the template
makes them fragments and splits slides that are taller than the frame (``layout.js``).

:class:`ExecuteUnlessExecuted` takes the place of nbconvert's executor: with ``MMN_SLIDES_REUSE_OUTPUTS=1`` a
notebook whose every code cell has already run (the book build's copy in ``_build/jupyter_execute/chapters``,
executed with ``MMN_COURSE_BUILD=1`` as the slides are) is exported with its outputs instead of being run again.
Without the variable every notebook is executed, as before.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor, Preprocessor

from mmn_book import emg_tables, ivig_tables, model_tables
from mmn_book.slides.lecture_quiz import is_quiz_output, lecture_questions
from mmn_book.slides.metadata import LABEL, slide_type
from mmn_book.slides.myst import bib_citer, myst_to_markdown
from mmn_book.slides.notes import load_notes, notes_cells

#: The models computed in the page (conduction, IVIg, needle EMG): tables and scripts written beside the slides by
#: ``scripts/slides.sh`` (:func:`write_in_page_models`), in load order.
IN_PAGE_MODELS = (model_tables, ivig_tables, emg_tables)
IN_PAGE_MODEL_SCRIPTS = tuple(n for m in IN_PAGE_MODELS for n in m.ASSETS if n.endswith(".js"))

#: Set to ``1``: export an already executed notebook with its outputs (:class:`ExecuteUnlessExecuted`).
REUSE_ENV = "MMN_SLIDES_REUSE_OUTPUTS"


def is_executed(nb) -> bool:
    """True if every non-empty code cell of ``nb`` has run (has an execution count) and there is one."""
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    return bool(code) and all(c.get("execution_count") for c in code)


class ExecuteUnlessExecuted(ExecutePreprocessor):
    """nbconvert's executor, except that with ``MMN_SLIDES_REUSE_OUTPUTS=1`` an executed notebook is kept as is."""

    def preprocess(self, nb, resources=None, km=None):
        """Execute ``nb`` unless reuse is asked for and :func:`is_executed` says it has run already."""
        if os.environ.get(REUSE_ENV) == "1" and is_executed(nb):
            return nb, resources
        return super().preprocess(nb, resources, km)


def write_in_page_models(folder: Path) -> None:
    """Write every in-page model's table and scripts into ``folder`` (the slides' ``course/``)."""
    for module in IN_PAGE_MODELS:
        module.write_assets(Path(folder))


class MmnSlidesPreprocessor(Preprocessor):
    """Course-specific clean-up of an executed chapter before it becomes reveal.js slides."""

    def preprocess(self, nb, resources):
        """Clean up ``nb`` for the slides and name the template's assets in ``resources["mmn"]``."""
        from widgets import assets

        citer = bib_citer()
        chapter = Path(resources.get("metadata", {}).get("name", "")).stem
        notes = load_notes().get(chapter, {})
        cells = []
        for cell in nb.cells:
            slideshow = cell.metadata.setdefault("slideshow", {})
            slideshow.setdefault("slide_type", slide_type(cell))
            if slideshow["slide_type"] == "subslide":
                slideshow["slide_type"] = "slide"
            tags = set(cell.metadata.get("tags", []))
            if "remove-cell" in tags and slideshow["slide_type"] != "notes":
                continue
            if cell.cell_type == "markdown" and slideshow["slide_type"] == "slide":
                before, cell = _split_at_heading(cell)
                if before is not None:  # text before the heading (a figure's caption) stays on the slide before
                    before.source = myst_to_markdown(before.source, cite=citer)
                    cells.append(before)
            source = cell.source
            if cell.cell_type == "markdown":
                cell.source = myst_to_markdown(cell.source, cite=citer)
            elif cell.cell_type == "code":
                if "remove-output" in tags:
                    cell.outputs = []
                cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
                if any(is_quiz_output(o) for o in cell.outputs):
                    cells.extend(_quiz_cells(cell))
                    continue
            cells.append(cell)
            if cell.cell_type == "markdown":
                for note in notes_cells(source, notes, chapter=chapter):
                    note.source = myst_to_markdown(note.source, cite=citer)
                    cells.append(note)
        nb.cells = cells
        resources["mmn"] = {
            "plotly": "plotly/plotly.min.js",
            "mathjax": "mathjax/tex-chtml.js",
            "css": [f"course/{name}" for name in assets.css_files()],
            "js": [f"course/{name}" for name in assets.js_files()]
            + [f"course/{name}" for name in IN_PAGE_MODEL_SCRIPTS],
        }
        return nb, resources


def _split_at_heading(cell):
    """``(text before the cell's first H1–H3 or None, the cell from that heading on)``; fences and labels skipped."""
    lines = cell.source.splitlines()
    fence = None
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        m = re.match(r"^(`{3,}|~{3,}|:{3,})", stripped)
        if m:
            fence = m.group(1) if fence is None else (None if set(stripped.strip()) == {fence[0]} else fence)
            continue
        if fence is None and re.match(r"^#{1,3}\s+\S", line):
            head = "\n".join(lines[:i])
            if not head.strip() or all(LABEL.match(ln) or not ln.strip() for ln in lines[:i]):
                return None, cell
            before = nbformat.v4.new_markdown_cell(head, metadata={"slideshow": {"slide_type": "-"}})
            rest = nbformat.from_dict({**cell, "source": "\n".join(lines[i:])})
            return before, rest
    return None, cell


def _quiz_cells(cell) -> list:
    """One code cell per lecture-mode question of a quiz cell's outputs, each opening a slide."""
    out = []
    for output in cell.outputs:
        if not is_quiz_output(output):
            continue
        for html in lecture_questions(output["data"]["text/html"]):
            new = nbformat.v4.new_code_cell(source="", metadata={"slideshow": {"slide_type": "slide"}})
            new.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html})]
            out.append(new)
    return out
