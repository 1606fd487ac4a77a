"""What each built page loads: the course's own assets, and only the scripts its content uses.

* The course package's static assets (the quiz and differential renderers) are
  served once per page, from the installed package itself, so the book and
  JupyterLab use the same script (:func:`add_package_assets`).
* ``plotly-a11y.js`` (keyboard proxies for plotly sliders and menus, figures
  named after their title, figures narrowed for print; kept in parts in
  ``js/plotly-a11y/``, joined by :func:`widgets.assets.bundle`) and
  ``book/_static/plotly-lazy.js`` (figures drawn as the reader reaches them)
  are served on pages with figures (:func:`add_plotly_scripts`).
* Scripts kept in parts are joined into ``<build>/bundled_static`` (:data:`BUNDLED`),
  which joins ``html_static_path``: a page still loads each as one file.
* :func:`trim_page_assets` gives each page only the scripts and stylesheets
  its content needs, and writes its formulas as MathML.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mmn_book.ivig_tables import ASSETS as IVIG_ASSETS
from mmn_book.ivig_tables import MARKER as IVIG_MARKER
from mmn_book.mathml import body_needs_mathjax, formulas_as_mathml
from mmn_book.model_tables import ASSETS as CONDUCTION_ASSETS
from mmn_book.model_tables import MARKER as CONDUCTION_MARKER
from mmn_book.plotly_calls import BASIC_TRACE_TYPES, plotly_trace_types
from mmn_book.emg_tables import ASSETS as EMG_ASSETS
from mmn_book.emg_tables import MARKER as EMG_MARKER

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The frame of ``plotly-a11y.js``, whose ``// @parts`` line names its parts (:func:`widgets.assets.bundle`).
PLOTLY_A11Y_FRAME = Path(__file__).with_name("js") / "plotly-a11y" / "plotly-a11y.js"
#: Folder, beside the HTML output, of the scripts kept in parts, joined (it joins ``html_static_path``).
BUNDLED = "bundled_static"

#: plotly.js as the book serves it, and its basic bundle (scatter, bar and pie traces only).
PLOTLY_FULL = "plotly/plotly.min.js"
PLOTLY_BASIC = "plotly/plotly-basic.min.js"

#: Assets a page loads only if its content uses them: a marker in the body, and the file names.
FEATURE_ASSETS = (
    ("Plotly", (PLOTLY_FULL.rsplit("/", 1)[-1], "plotly-a11y.js", "plotly-lazy.js")),
    ("mmn-quiz", ("quiz.js", "quiz.css")),
    ("mmn-differential", ("differential.js", "differential.css")),
    ('class="sd-', ("sphinx-design.min.css", "design-tabs.js")),
    (IVIG_MARKER, IVIG_ASSETS),
    (CONDUCTION_MARKER, CONDUCTION_ASSETS),
    (EMG_MARKER, EMG_ASSETS),
)
THEBE_ASSETS = ("sphinx-thebe.js", "sphinx-thebe.css")
#: The kernel configuration sphinx-thebe writes into every page, used only by a thebe launch button.
_THEBE_CONFIG = re.compile(r'\s*<script type="text/x-thebe-config">.*?</script>', re.S)


def add_package_assets(app: Sphinx, config) -> None:
    """Serve the course package's stylesheets and scripts (``widgets/static``, its scripts in parts joined)."""
    from widgets.assets import STATIC_DIR, css_files, js_files, write_bundles

    if not STATIC_DIR.is_dir():
        return
    config.html_static_path.append(str(STATIC_DIR))
    write_bundles(_bundled_folder(app, config))
    for name in css_files():
        app.add_css_file(name)
    for name in js_files():
        app.add_js_file(name, priority=600)


def add_plotly_scripts(app: Sphinx, config) -> None:
    """Serve ``plotly-a11y.js`` (joined from its parts) and ``plotly-lazy.js`` (dropped where a page has no figure)."""
    from widgets.assets import bundle

    (_bundled_folder(app, config) / "plotly-a11y.js").write_text(bundle(PLOTLY_A11Y_FRAME), encoding="utf-8")
    app.add_js_file("plotly-a11y.js", priority=650, defer="defer")
    # right after plotly.js (priority 100 in _config.yml), before the figures' inline scripts
    app.add_js_file("plotly-lazy.js", priority=101)


def _bundled_folder(app: Sphinx, config) -> Path:
    """``<build>/bundled_static`` (:data:`BUNDLED`), made and added to ``html_static_path`` once."""
    folder = Path(app.outdir).parent / BUNDLED
    folder.mkdir(parents=True, exist_ok=True)
    if str(folder) not in config.html_static_path:
        config.html_static_path.append(str(folder))
    return folder


def trim_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give each page only the scripts and stylesheets its content needs.

    * Formulas are written as MathML (:func:`mmn_book.mathml.formulas_as_mathml`), which the browser
      draws itself, so MathJax (1.2 MB) loads only where a formula could not be converted.
    * plotly.js (4.8 MB) loads only on pages with figures, and its basic bundle
      (``plotly/plotly-basic.min.js``, 1.2 MB) where the figures only use its trace types
      (scatter, bar, pie).
    * The quiz and differential scripts and sphinx-design load only where they are used; thebe
      (and the kernel configuration it writes into every page) only if its launch button is on.
    * Several differential explorers on one page share one copy of the rule table.
    """
    from widgets.differential.views import share_table_data

    if app.builder.name != "html" or "script_files" not in context:
        return
    body = share_table_data(formulas_as_mathml(context.get("body", "")))
    context["body"] = body
    drop_math = not body_needs_mathjax(body)
    basic = (
        "Plotly" in body
        and static_file(app, PLOTLY_BASIC) is not None
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


def static_file(app: Sphinx, rel: str) -> Path | None:
    """The file ``rel`` in one of the static paths, if it is there."""
    for entry in app.config.html_static_path:
        path = Path(app.confdir, entry, rel)
        if path.is_file():
            return path
    return None
