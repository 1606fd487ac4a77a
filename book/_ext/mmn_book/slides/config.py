"""nbconvert configuration of the offline chapter slides (used by ``bash scripts/slides.sh``).

``jupyter nbconvert --to slides --execute --config book/_ext/mmn_book/slides/config.py``:

* the template ``templates/mmn_slides`` beside this file loads everything from beside the slides
  (reveal.js, plotly.js, MathJax, the course's quiz/differential scripts), never from a CDN, and fits
  every slide in the 1280×720 frame (16:9);
* :class:`mmn_book.slides.export.MmnSlidesPreprocessor` turns the book's MyST into plain Markdown
  (citations labelled as in the book), gives cells without slide metadata their type, makes quizzes
  lecture-mode questions, adds the speaker notes and drops what slides do not show.

The kernel runs with ``MMN_COURSE_BUILD=1`` (set by the script), so figures and
quizzes are the kernel-free ones of the book. The executor is
:class:`mmn_book.slides.export.ExecuteUnlessExecuted`: with ``MMN_SLIDES_REUSE_OUTPUTS=1`` the book build's
executed copies of the chapters are exported without running them again.
"""

from pathlib import Path

from nbconvert.exporters import SlidesExporter

from mmn_book.slides.export import ExecuteUnlessExecuted, MmnSlidesPreprocessor

HERE = Path(__file__).resolve().parent

c = get_config()  # noqa: F821  (provided by traitlets when nbconvert loads this file)

c.TemplateExporter.extra_template_basedirs = [str(HERE / "templates")]
c.SlidesExporter.template_name = "mmn_slides"
c.SlidesExporter.preprocessors = [MmnSlidesPreprocessor]
c.SlidesExporter.default_preprocessors = [
    ExecuteUnlessExecuted if p == "nbconvert.preprocessors.ExecutePreprocessor" else p
    for p in SlidesExporter.default_preprocessors.default()
]
c.SlidesExporter.reveal_url_prefix = "reveal.js"
c.SlidesExporter.reveal_theme = "white"
c.SlidesExporter.reveal_transition = "none"
c.SlidesExporter.reveal_number = "c/t"
c.SlidesExporter.reveal_width = "1280"
c.SlidesExporter.reveal_height = "720"
c.SlidesExporter.exclude_input = True
c.SlidesExporter.exclude_input_prompt = True
c.SlidesExporter.exclude_output_prompt = True
c.ExecutePreprocessor.timeout = 300
c.ExecutePreprocessor.kernel_name = "python3"
