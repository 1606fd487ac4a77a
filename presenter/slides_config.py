"""nbconvert configuration of the offline chapter slides (used by ``bash scripts/slides.sh``).

``jupyter nbconvert --to slides --execute --config presenter/slides_config.py``:

* the template ``presenter/share/nbconvert/templates/mmn_slides`` loads everything from beside
  the slides (reveal.js, plotly.js, MathJax, the course's quiz/differential
  scripts), never from a CDN;
* :class:`MmnSlidesPreprocessor` turns the book's MyST (glossary terms,
  citations, admonitions) into plain Markdown, gives cells without slide
  metadata the type ``scripts/slide_metadata.py`` would give them, drops cells
  tagged ``remove-cell`` (lecturer notes excepted) and stderr noise, and tells
  the template where the assets are.

The kernel runs with ``MMN_COURSE_BUILD=1`` (set by the script), so figures and
quizzes are the kernel-free ones of the book.
"""

import importlib.util
from pathlib import Path

from nbconvert.preprocessors import Preprocessor

ROOT = Path(__file__).resolve().parents[1]

c = get_config()  # noqa: F821  (provided by traitlets when nbconvert loads this file)


def _slide_rules():
    spec = importlib.util.spec_from_file_location("mmn_slide_metadata", ROOT / "scripts" / "slide_metadata.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class MmnSlidesPreprocessor(Preprocessor):
    """Course-specific clean-up of an executed chapter before it becomes reveal.js slides."""

    def preprocess(self, nb, resources):
        from widgets import assets
        from widgets.presenter import bib_citer, myst_to_markdown

        rules = _slide_rules()
        citer = bib_citer(str(ROOT / "book" / "references.bib"))
        cells = []
        for cell in nb.cells:
            slideshow = cell.metadata.setdefault("slideshow", {})
            slideshow.setdefault("slide_type", rules.slide_type(cell))
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


c.TemplateExporter.extra_template_basedirs = [str(ROOT / "presenter" / "share" / "nbconvert" / "templates")]
c.SlidesExporter.template_name = "mmn_slides"
c.SlidesExporter.preprocessors = [MmnSlidesPreprocessor]
c.SlidesExporter.reveal_url_prefix = "reveal.js"
c.SlidesExporter.reveal_theme = "white"
c.SlidesExporter.reveal_transition = "none"
c.SlidesExporter.reveal_number = "c/t"
c.SlidesExporter.reveal_width = "1280"
c.SlidesExporter.reveal_height = "800"
c.SlidesExporter.exclude_input = True
c.SlidesExporter.exclude_input_prompt = True
c.SlidesExporter.exclude_output_prompt = True
c.ExecutePreprocessor.timeout = 300
c.ExecutePreprocessor.kernel_name = "python3"
