"""How course figures and interactive elements reach the screen.

Two audiences see the same notebook cell:

* a student or lecturer in JupyterLab or Voila, with a running kernel: they get
  the *live* view (ipywidgets driving the model in Python);
* a reader of the built HTML book, with no kernel and possibly no internet:
  they get the *kernel-free* view (a plotly figure whose controls are pure
  JavaScript, or HTML driven by a script the book loads once per page).

The book build sets the environment variable :data:`BUILD_ENV` (see
``scripts/book.sh`` and ``tests/conftest.py``); the notebook kernel inherits it,
so :class:`Explorable` can pick the right view. No ipywidget is ever created
during a book build, so no widget state ends up in the pages.

Plotly figures use the course renderer registered by :func:`setup_plotly`. It
emits the plotly mimetype (rendered by JupyterLab's plotly extension) *and* a
``text/html`` fallback that calls ``Plotly.newPlot`` without inlining
plotly.js: the book loads one local copy of plotly.js per page.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

#: Environment variable set to ``1`` while the book is built.
BUILD_ENV = "MMN_COURSE_BUILD"

#: Name of the course renderer in ``plotly.io.renderers``.
RENDERER = "mmn_course"

#: Config shared by every figure: no plotly logo link, responsive, no
#: "edit in chart studio" link, and a PNG download button for lecturers.
PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendChartToCloud"],
}


def in_book_build() -> bool:
    """True while the notebook is executed by the book build (no live kernel for the reader)."""
    return os.environ.get(BUILD_ENV, "") not in ("", "0")


def figure_html(fig: go.Figure | dict, *, div_id: str | None = None) -> str:
    """Figure as an HTML ``<div>`` plus script, *without* plotly.js.

    The page must provide ``window.Plotly`` (the book loads it once per page).
    ``div_id`` makes the output deterministic, which keeps notebook outputs and
    test snapshots stable.
    """
    fig_dict = fig.to_plotly_json() if isinstance(fig, go.Figure) else fig
    return _without_indentation(pio.to_html(
        fig_dict,
        config=PLOTLY_CONFIG,
        auto_play=False,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        default_width="100%",
        default_height=fig_dict.get("layout", {}).get("height", 450),
        div_id=div_id,
        validate=False,
    ))


_JSON_START = re.compile(r'["\[{]')
_SPACES = re.compile(r"\s{2,}")


def _without_indentation(markup: str) -> str:
    """Plotly's figure HTML with each run of whitespace in its wrapper cut to one space.

    The wrapper is indented with about 400 spaces per figure; the JSON arguments (whose strings
    may hold runs of spaces on purpose) are copied unchanged.
    """
    decoder = json.JSONDecoder()
    out, pos = [], 0
    for m in _JSON_START.finditer(markup):
        if m.start() < pos:
            continue
        try:
            _, end = decoder.raw_decode(markup, m.start())
        except ValueError:
            continue
        out += [_SPACES.sub(" ", markup[pos : m.start()]), markup[m.start() : end]]
        pos = end
    out.append(_SPACES.sub(" ", markup[pos:]))
    return "".join(out)


class CourseRenderer(MimetypeRenderer):
    """Plotly renderer for the course: plotly mimetype + kernel-free HTML."""

    def to_mimebundle(self, fig_dict: dict) -> dict[str, Any]:
        """The MIME bundle Jupyter displays for ``fig_dict`` (HTML in the book, plotly JSON in JupyterLab)."""
        bundle: dict[str, Any] = {"text/html": figure_html(fig_dict)}
        if not in_book_build():
            # JupyterLab prefers this (rendered by the jupyterlab-plotly extension);
            # the book does not need it and myst-nb would only warn about it.
            plain = json.loads(pio.to_json(fig_dict, validate=False, remove_uids=False))
            plain["config"] = PLOTLY_CONFIG
            bundle["application/vnd.plotly.v1+json"] = plain
        return bundle


def _import_renderers_without_nbformat() -> None:
    """Import ``plotly.io._renderers`` with ``nbformat`` bound lazily (imported on first use).

    plotly imports ``nbformat`` when its renderers module loads, only to check its version in ``fig.show()``;
    ``nbformat`` imports ``jsonschema``, which builds the ``rfc3987_syntax`` grammar: about 3–4 s of every
    kernel start (JupyterLab, Voila deck pages) for nothing. The module is bound to a proxy that imports the
    real ``nbformat`` the first time plotly reads an attribute of it.
    """
    import importlib.util
    import sys
    import types

    if "plotly.io._renderers" in sys.modules or "nbformat" in sys.modules:
        return
    from plotly import optional_imports

    class _LazyModule(types.ModuleType):
        def __getattr__(self, attr):
            import importlib

            return getattr(importlib.import_module(self.__name__), attr)

    original = optional_imports.get_module

    def get_module(name, should_load=True):
        if name == "nbformat" and should_load:  # plotly.io._renderers: ``nbformat = get_module("nbformat")``
            return _LazyModule(name) if importlib.util.find_spec(name) else None
        return original(name, should_load)

    optional_imports.get_module = get_module
    try:
        import plotly.io._renderers  # noqa: F401
    finally:
        optional_imports.get_module = original


def setup_plotly() -> None:
    """Register and select the course renderer and the course template (idempotent)."""
    _import_renderers_without_nbformat()
    if RENDERER not in pio.renderers:
        pio.renderers[RENDERER] = CourseRenderer()
    pio.renderers.default = RENDERER
    pio.templates["mmn_course"] = _course_template()
    pio.templates.default = "mmn_course"


#: Trace types the course draws (plotly's basic bundle); the template keeps defaults for these only.
TEMPLATE_TRACE_TYPES = ("bar", "histogram", "pie", "scatter", "scattergl")
#: Parts of plotly_white for subplots and colour scales the course never uses (3D, maps, polar).
_UNUSED_TEMPLATE_LAYOUT = ("coloraxis", "colorscale", "geo", "polar", "scene", "ternary")


def _course_template() -> go.layout.Template:
    """plotly_white for the trace types the course uses, with the course's font, colours and margins.

    plotly embeds the template in every figure: the whole of plotly_white (defaults for 24 trace
    types and 3D scenes) was 6.6 kB per figure, 0.29 MB on the printable course.
    """
    from widgets import palette

    white = pio.templates["plotly_white"].to_plotly_json()
    data = {k: v for k, v in white["data"].items() if k in TEMPLATE_TRACE_TYPES}
    layout = {k: v for k, v in white["layout"].items() if k not in _UNUSED_TEMPLATE_LAYOUT}
    template = go.layout.Template(data=data, layout=layout)
    template.layout.update(
        font=dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=14, color=palette.TEXT),
        colorway=[s.color for s in palette.STYLES],
        paper_bgcolor=palette.BACKGROUND,
        plot_bgcolor=palette.BACKGROUND,
        margin=dict(l=60, r=20, t=60, b=50),
        hoverlabel=dict(font_size=14),
    )
    return template


class Explorable:
    """One notebook cell, two views: live widget with a kernel, kernel-free HTML in the book.

    Parameters
    ----------
    live
        Callable returning the live view (an ipywidget), called only when a
        kernel serves a real front end.
    static
        Callable returning the kernel-free view: a plotly figure or an HTML
        string that works with no kernel and no internet.
    alt
        Text alternative describing what the element shows (used as the
        figure's accessible description in the book).
    """

    def __init__(self, live: Callable[[], Any], static: Callable[[], go.Figure | str], *, alt: str):
        if not alt or not alt.strip():
            raise ValueError("alt must be a non-empty text alternative describing the figure")
        self._live = live
        self._static = static
        self.alt = alt

    def static_html(self) -> str:
        """The kernel-free view as HTML, wrapped in a described ``<figure>``."""
        view = self._static()
        body = figure_html(view) if isinstance(view, go.Figure | dict) else str(view)
        return (
            f'<figure class="mmn-explorable" aria-label="{_escape(self.alt)}">'
            f"{body}<figcaption class=\"mmn-alt\">{_escape(self.alt)}</figcaption></figure>"
        )

    def live(self) -> Any:
        """The live view (ipywidgets)."""
        return self._live()

    def _repr_mimebundle_(self, include=None, exclude=None):
        if in_book_build():
            return {"text/html": self.static_html(), "text/plain": self.alt}
        view = self._live()
        return view._repr_mimebundle_(include=include, exclude=exclude)


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def sync_figure_state(fig: Any) -> Any:
    """Make a ``FigureWidget``'s synced state match its current figure; returns it.

    A ``FigureWidget`` sends later changes (``batch_update``, restyle,
    relayout) as one-off messages and refreshes its synced state only when it
    is displayed *itself*. Inside an ipywidgets box (displayed by the box),
    a front end that connects after those changes — Voila always does, as does
    a reloaded JupyterLab page — draws the figure as it was *created*, e.g.
    with no traces. This copies the current figure into the synced state, as
    plotly's own ``FigureWidget._repr_mimebundle_`` does.
    """
    from copy import deepcopy

    if not isinstance(fig, go.FigureWidget):
        raise TypeError(f"fig must be a plotly go.FigureWidget, got {type(fig).__name__}")
    fig._widget_layout = deepcopy(fig._layout_obj._props)
    fig._widget_data = deepcopy(fig._data)
    return fig
