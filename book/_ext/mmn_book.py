"""Sphinx extension of the MMN course book.

* Cites with short labels and links every source (:mod:`mmn_citations`).
* Marks the build, so every notebook kernel started by the executor shows the
  kernel-free views (see :mod:`widgets.display`).
* Starts the notebook kernels with a private IPython profile that silences
  ipykernel's start-up notice about unencrypted local TCP (it would land in the
  first cell's stderr and, with ``-W``, fail the build; real stderr output
  still does) and the traceback a kernel may log while being shut down.
* Serves the static assets of the course package (the quiz renderer) once per
  page, from the installed package itself, so the book and JupyterLab use the
  same script.
* Accessibility, weight and print (functions ``_a11y_*``, helpers in
  :mod:`widgets.a11y`): serves ``book/_static/plotly-a11y.js`` once per page
  (keyboard proxies for plotly sliders and menus, figures named after their
  title, figures narrowed for print) and ``plotly-lazy.js`` (figures drawn as
  the reader reaches them); writes formulas as MathML; gives each page only the
  scripts its content uses (plotly.js only where there are figures); after
  the build, repairs what the theme emits and axe-core reports and drops the
  theme's 1.5 MB Font Awesome script (its stylesheet draws the icons); and
  writes the whole course on one printable page, ``print/course.html``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sphinx.application import Sphinx


def _add_package_assets(app: Sphinx, config) -> None:
    from widgets.assets import STATIC_DIR, js_files, css_files

    if not STATIC_DIR.is_dir():
        return
    config.html_static_path.append(str(STATIC_DIR))
    for name in css_files():
        app.add_css_file(name)
    for name in js_files():
        app.add_js_file(name, priority=600)


def _quiet_kernel_profile(outdir: Path) -> None:
    profile = outdir / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text(
        'c.IPKernelApp.log_level = "ERROR"\n'
        # A kernel being shut down after its last cell can log a ZMQ "Socket operation on non-socket"
        # traceback (its control channel answers after the sockets closed): noise, not a cell's output.
        'import logging\nlogging.getLogger("tornado.general").setLevel(logging.CRITICAL)\n'
    )
    os.environ["IPYTHONDIR"] = str(outdir)


# -- accessibility, page weight and print ---------------------------------------------------------

#: The front-matter page that links to the printable course; it is left out of the print itself.
PRINT_DOC = "book/print"
#: plotly.js as the book serves it, and its basic bundle (scatter, bar and pie traces only).
PLOTLY_FULL = "plotly/plotly.min.js"
PLOTLY_BASIC = "plotly/plotly-basic.min.js"


def _a11y_add_assets(app: Sphinx, config) -> None:
    app.add_js_file("plotly-a11y.js", priority=650, defer="defer")
    # right after plotly.js (priority 100 in _config.yml), before the figures' inline scripts
    app.add_js_file("plotly-lazy.js", priority=101)


#: Assets a page loads only if its content uses them: a marker in the body, and the file names.
FEATURE_ASSETS = (
    ("Plotly", (PLOTLY_FULL.rsplit("/", 1)[-1], "plotly-a11y.js", "plotly-lazy.js")),
    ("mmn-quiz", ("quiz.js", "quiz.css")),
    ("mmn-differential", ("differential.js", "differential.css")),
    ('class="sd-', ("sphinx-design.min.css", "design-tabs.js")),
)
THEBE_ASSETS = ("sphinx-thebe.js", "sphinx-thebe.css")
#: The kernel configuration sphinx-thebe writes into every page, used only by a thebe launch button.
_THEBE_CONFIG = re.compile(r'\s*<script type="text/x-thebe-config">.*?</script>', re.S)


def _a11y_trim_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give each page only the scripts and stylesheets its content needs.

    * Formulas are written as MathML (:func:`widgets.a11y.formulas_as_mathml`), which the browser
      draws itself, so MathJax (1.2 MB) loads only where a formula could not be converted.
    * plotly.js (4.8 MB) loads only on pages with figures, and its basic bundle
      (``plotly/plotly-basic.min.js``, 1.2 MB) where the figures only use its trace types
      (scatter, bar, pie).
    * The quiz and differential scripts and sphinx-design load only where they are used; thebe
      (and the kernel configuration it writes into every page) only if its launch button is on.
    * Several differential explorers on one page share one copy of the rule table.
    """
    from widgets.a11y import BASIC_TRACE_TYPES, body_needs_mathjax, formulas_as_mathml, plotly_trace_types
    from widgets.differential.view import share_table_data

    if app.builder.name != "html" or "script_files" not in context:
        return
    body = share_table_data(formulas_as_mathml(context.get("body", "")))
    context["body"] = body
    drop_math = not body_needs_mathjax(body)
    basic = (
        "Plotly" in body
        and _a11y_static_file(app, PLOTLY_BASIC) is not None
        and plotly_trace_types(body) <= BASIC_TRACE_TYPES
    )
    mathjax = str(app.config.mathjax_path)
    unused = {name for marker, names in FEATURE_ASSETS if marker not in body for name in names}
    if not (app.config.html_theme_options.get("launch_buttons") or {}).get("thebe"):
        unused.update(THEBE_ASSETS)
        body = context["body"] = _THEBE_CONFIG.sub("", body)

    def filename(asset) -> str:
        return str(getattr(asset, "filename", "") or "")

    def unneeded(js) -> bool:
        name = filename(js)
        inline = str(getattr(js, "attributes", {}).get("body", "")).lstrip()
        if drop_math and ((mathjax and name.endswith(mathjax)) or inline.startswith("window.MathJax")):
            return True
        return name.rsplit("/", 1)[-1] in unused or ("sphinx-thebe.js" in unused and "THEBE_JS_URL" in inline)

    scripts = [js for js in context["script_files"] if not unneeded(js)]
    if basic:
        from sphinx.builders.html._assets import _JavaScript

        scripts = [
            _JavaScript(filename(js).replace(PLOTLY_FULL, PLOTLY_BASIC), priority=js.priority, **js.attributes)
            if filename(js).endswith(PLOTLY_FULL)
            else js
            for js in scripts
        ]
    context["script_files"][:] = scripts
    if "css_files" in context:
        context["css_files"][:] = [c for c in context["css_files"] if filename(c).rsplit("/", 1)[-1] not in unused]


def _a11y_static_file(app: Sphinx, rel: str) -> Path | None:
    """The file ``rel`` in one of the static paths, if it is there."""
    for entry in app.config.html_static_path:
        path = Path(app.confdir, entry, rel)
        if path.is_file():
            return path
    return None


def _a11y_reading_order(app: Sphinx) -> list[str]:
    relations = app.env.collect_relations()
    order, doc, seen = [], app.config.root_doc, set()
    while doc and doc not in seen:
        seen.add(doc)
        order.append(doc)
        doc = relations.get(doc, [None, None, None])[2]
    return [d for d in order if d != PRINT_DOC]


def _a11y_after_build(app: Sphinx, exception) -> None:
    """Repair every page, then compose the printable whole-course page from the built pages."""
    if exception is not None or app.builder.name != "html":
        return
    from widgets.a11y import fix_site, write_print_page
    from widgets.assets import css_files

    outdir = Path(app.outdir)
    fix_site(outdir)
    suffix = app.builder.out_suffix
    pages = [doc + suffix for doc in _a11y_reading_order(app)]
    title = app.config.html_title or app.config.project
    # The course's own stylesheets stay whole (they style what its scripts add); the theme's are
    # cut to the rules the print page uses.
    own_css = set(css_files()) | {p.name for p in (Path(__file__).parents[1] / "_static").glob("*.css")}
    write_print_page(outdir, pages, title=title, whole_css=own_css)


def setup(app: Sphinx) -> dict:
    from widgets.display import BUILD_ENV

    os.environ[BUILD_ENV] = "1"
    app.setup_extension("mmn_citations")
    _quiet_kernel_profile(Path(app.outdir).parent / ".ipython")
    app.connect("config-inited", _add_package_assets)
    app.connect("config-inited", _a11y_add_assets)
    app.connect("html-page-context", _a11y_trim_page_assets, priority=900)
    # after the theme's own build-finished step, which writes the final pygments.css the print page subsets
    app.connect("build-finished", _a11y_after_build, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
