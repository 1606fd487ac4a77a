"""nbconvert preprocessor of the offline chapter slides (``bash scripts/slides.sh``).

:class:`MmnSlidesPreprocessor` turns the book's MyST (glossary terms,
citations, admonitions) into plain Markdown, gives cells without slide
metadata the type :func:`mmn_book.slides.metadata.slide_type` gives them,
drops cells tagged ``remove-cell`` (lecturer notes excepted) and stderr noise,
and tells the template where the assets are.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor

from mmn_book.slides.metadata import slide_type
from mmn_book.slides.myst import bib_citer, myst_to_markdown


class MmnSlidesPreprocessor(Preprocessor):
    """Course-specific clean-up of an executed chapter before it becomes reveal.js slides."""

    def preprocess(self, nb, resources):
        """Clean up ``nb`` for the slides and name the template's assets in ``resources["mmn"]``."""
        from widgets import assets

        citer = bib_citer()
        cells = []
        for cell in nb.cells:
            slideshow = cell.metadata.setdefault("slideshow", {})
            slideshow.setdefault("slide_type", slide_type(cell))
            tags = set(cell.metadata.get("tags", []))
            if "remove-cell" in tags and slideshow["slide_type"] != "notes":
                continue
            if cell.cell_type == "markdown":
                cell.source = myst_to_markdown(cell.source, cite=citer)
            elif cell.cell_type == "code":
                if "remove-output" in tags:
                    cell.outputs = []
                cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
            cells.append(cell)
        nb.cells = cells
        resources["mmn"] = {
            "plotly": "plotly/plotly.min.js",
            "mathjax": "mathjax/tex-chtml.js",
            "css": [f"course/{name}" for name in assets.css_files()],
            "js": [f"course/{name}" for name in assets.js_files()],
        }
        return nb, resources
