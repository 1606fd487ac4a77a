"""Presenter mode: the course's interactive elements as a lecturer shows them in a lecture hall.

What a projector at the back of a hall needs, shared by every view:

* big type and thick lines in figures (:func:`style_figure`), read from the
  back row: :data:`FONT_SIZE`, :data:`LINE_WIDTH`;
* big controls, full width, no code: :func:`css` (the stylesheet Voila and
  JupyterLab apply to anything inside a ``.mmn-presenter`` box);
* only the controls that matter: :func:`keep_controls` hides the others
  (they keep working, they are just not drawn);
* :func:`present` — one call per deck cell: takes an element (an
  :class:`~widgets.display.Explorable`, an ipywidget or any displayable) and
  shows its presenter view. ``explorable.live(presenter=True)`` is used when the
  element supports it; otherwise the generic styling above is applied.

The lecture deck (``presenter/*.ipynb``) is served by ``bash scripts/present.sh``
(Voila, sources stripped, 127.0.0.1 only). Slides of the chapters are exported
by ``bash scripts/slides.sh`` (the build package's ``mmn_book.slides``).
"""

from __future__ import annotations

import contextlib
import html
import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from widgets import plotly_bundle, presenter_style
from widgets.display import sync_figure_state

#: Base font size of figures in presenter mode (px); titles and axis titles are larger. (Page text is
#: :data:`widgets.presenter_style.TEXT_SIZE`.)
FONT_SIZE = 28
#: Minimum line width of line traces in presenter mode (px).
LINE_WIDTH = 4
#: Minimum marker size in presenter mode (px).
MARKER_SIZE = 12
#: Height of a presenter figure (px): most of a 1080p projector with the controls above it.
FIGURE_HEIGHT = 620
#: CSS class of a presenter box; :func:`css` styles everything inside one.
CSS_CLASS = "mmn-presenter"
#: CSS class of a box that takes the window height left below its top edge (deck figures).
FILL_CLASS = "mmn-fill-height"


# --------------------------------------------------------------------------------------------- figures
def style_figure(fig: Any, *, height: int | None = FIGURE_HEIGHT) -> Any:
    """Restyle a plotly figure (``go.Figure`` or ``go.FigureWidget``) in place for projection; returns it.

    Fonts become at least :data:`FONT_SIZE` (titles larger), line widths at
    least :data:`LINE_WIDTH`, markers at least :data:`MARKER_SIZE`; the figure
    spans the full width (``autosize``, no fixed width; a ``FigureWidget`` is
    also made ``responsive``) at ``height`` px (``None`` keeps the height).
    Idempotent: styling twice changes nothing more.
    """
    import plotly.graph_objects as go

    if not isinstance(fig, go.Figure | go.FigureWidget):
        raise TypeError(f"fig must be a plotly go.Figure or go.FigureWidget, got {type(fig).__name__}")
    if isinstance(fig, go.FigureWidget):
        # plotly.js then follows window resizes (the presenter script fires one when the box changes width).
        fig._config = {**(fig._config or {}), "responsive": True}
    batch = fig.batch_update() if isinstance(fig, go.FigureWidget) else contextlib.nullcontext()
    with batch:
        layout = fig.layout
        layout.font.size = max(layout.font.size or 0, FONT_SIZE)
        layout.title.font.size = max(layout.title.font.size or 0, FONT_SIZE + 8)
        layout.legend.font.size = max(layout.legend.font.size or 0, FONT_SIZE - 2)
        layout.hoverlabel.font.size = max(layout.hoverlabel.font.size or 0, FONT_SIZE)
        layout.autosize = True
        layout.width = None
        if height is not None:
            layout.height = max(layout.height or 0, height)
        for name in _axis_names(layout):
            axis = layout[name]
            axis.tickfont.size = max(axis.tickfont.size or 0, FONT_SIZE - 2)
            axis.title.font.size = max(axis.title.font.size or 0, FONT_SIZE + 2)
        for ann in layout.annotations or ():
            ann.font.size = max(ann.font.size or 0, FONT_SIZE - 2)
        for trace in fig.data:
            _style_trace(trace)
        _theme_layout(layout)
    return fig


def _theme_layout(layout) -> None:
    """Colours of the projector theme (``present.sh --theme``) for a dark or high-contrast page."""
    if presenter_style.theme_name() == "light":
        return
    t = presenter_style.theme()
    layout.paper_bgcolor = layout.plot_bgcolor = t["bg"]
    layout.font.color = t["fg"]
    for name in _axis_names(layout):
        layout[name].gridcolor = t["grid"]
        layout[name].linecolor = layout[name].zerolinecolor = t["line"]


def _axis_names(layout) -> list[str]:
    names = [k for k in layout.to_plotly_json() if re.fullmatch(r"[xy]axis\d*", k)]
    return sorted(set(names) | {"xaxis", "yaxis"})


def _style_trace(trace) -> None:
    props = trace.to_plotly_json()
    is_scatter = trace.type in ("scatter", "scattergl")
    mode = props.get("mode", "lines" if is_scatter else "")
    if ("line" in props or is_scatter) and (not is_scatter or "lines" in mode):
        try:
            width = trace.line.width
        except AttributeError:
            width = 0
        if width != 0 and (width is None or isinstance(width, int | float)):  # an explicit 0 hides a line on purpose
            trace.line.width = max(width or 0, LINE_WIDTH)
    if is_scatter and "markers" in mode:
        size = trace.marker.size
        if size is None or isinstance(size, int | float):
            trace.marker.size = max(size or 0, MARKER_SIZE)
    if "text" in props and hasattr(trace, "textfont"):
        size = trace.textfont.size
        if size is None or isinstance(size, int | float):
            trace.textfont.size = max(size or 0, FONT_SIZE - 2)


# --------------------------------------------------------------------------------------------- page style
def css() -> str:
    """The presenter stylesheet (CSS text) for pages with ``.mmn-presenter`` boxes: see :mod:`widgets.presenter_style`.

    Body text :data:`~widgets.presenter_style.TEXT_SIZE` px and titles
    :data:`~widgets.presenter_style.TITLE_SIZE` px at 1920×1080 (in proportion
    at other window sizes, times ``--scale``), controls at least
    :data:`~widgets.presenter_style.TARGET_SIZE` px, slider tracks across
    their column, projector theme colours; with a presenter box on the page,
    Voila's notebook column takes the whole window.
    """
    return presenter_style.css(CSS_CLASS, FONT_SIZE)


#: Script shown with the stylesheet (:data:`widgets.presenter_style.DECK_JS`): figures follow their box
#: (presenter ``FigureWidget`` objects are ``responsive``, see :func:`style_figure`), ``.mmn-fill-height`` boxes
#: take the window height left below them, and the deck's keys (→/PageDown, ←/PageUp, 1–9 and 0 for presets).
RESIZE_JS = presenter_style.DECK_JS


def stylesheet_html() -> str:
    """:func:`css` as a ``<style>`` element plus :data:`RESIZE_JS` (both idempotent on a page)."""
    return f'<style data-mmn-presenter-css="1">{css()}</style><script data-mmn-presenter-js="1">{RESIZE_JS}</script>'


# --------------------------------------------------------------------------------------------- controls
def iter_widgets(root: Any) -> Iterator[Any]:
    """Every widget below ``root`` (depth first, ``root`` included), following ``children``."""
    yield root
    for child in getattr(root, "children", ()) or ():
        yield from iter_widgets(child)


def figures(root: Any) -> list[Any]:
    """The plotly ``FigureWidget`` objects inside a widget tree."""
    import plotly.graph_objects as go

    return [w for w in iter_widgets(root) if isinstance(w, go.FigureWidget)]


def controls(root: Any) -> list[Any]:
    """The value controls (sliders, dropdowns, toggles, checkboxes…) inside a widget tree."""
    import ipywidgets as W

    kinds = (W.widgets.widget_int._Int, W.widgets.widget_float._Float, W.widgets.widget_selection._Selection,
             W.widgets.widget_bool._Bool, W.widgets.widget_selection._MultipleSelection, W.Button)
    return [w for w in iter_widgets(root) if isinstance(w, kinds) and not isinstance(w, W.widgets.widget_int._IntRange | W.Label)]


def keep_controls(root: Any, keep: Iterable[str] | Callable[[Any], bool]) -> list[Any]:
    """Hide every control of ``root`` except those to keep; returns the hidden ones.

    ``keep`` is either descriptions (matched case-insensitively, as a prefix
    of the control's ``description``, ``tooltip`` or ``description_allow_html``
    text) or a predicate on the control. Hidden controls keep their values
    and callbacks; a description that matches no control raises
    :class:`ValueError` (a renamed control must not vanish silently).
    """
    ctrls = controls(root)
    if callable(keep):
        wanted = keep
    else:
        names = [k.strip().lower() for k in keep]
        if not names:
            raise ValueError("keep must name at least one control")
        labels = {id(c): _label(c) for c in ctrls}
        missing = [n for n in names if not any(lab.startswith(n) for lab in labels.values())]
        if missing:
            raise ValueError(f"no control is described {missing!r}; controls: {sorted(set(labels.values()))}")

        def wanted(c) -> bool:
            return any(labels[id(c)].startswith(n) for n in names)

    hidden = [c for c in ctrls if not wanted(c)]
    for c in hidden:
        c.layout.display = "none"
    return hidden


def _label(widget) -> str:
    text = getattr(widget, "description", "") or getattr(widget, "tooltip", "") or ""
    return re.sub(r"<[^>]+>", "", str(text)).strip().lower()


# --------------------------------------------------------------------------------------------- presets
#: Keys that choose the first to tenth preset button of a deck page (see DECK_JS).
PRESET_KEYS = "1234567890"


def preset_buttons(choices: Iterable[tuple[str, str]], on_choose: Callable[[str], Any], *,
                   active: str | None = None) -> Any:
    """Big buttons, one click per case: ``choices`` are ``(key, label)``; a click calls ``on_choose(key)``.

    Returns an ``HBox`` (class ``mmn-preset-buttons``) whose buttons (class
    ``mmn-preset-button``) show the number key that also chooses them (1–9,
    then 0). ``box.mark(key)`` shows which case is on (class ``mmn-active``,
    ``None`` for none); ``box.buttons`` maps keys to buttons.
    """
    import ipywidgets as W

    choices = list(choices)
    if not choices:
        raise ValueError("choices must name at least one preset")
    if len(choices) > len(PRESET_KEYS):
        raise ValueError(f"at most {len(PRESET_KEYS)} presets have a number key, got {len(choices)}")
    buttons: dict[str, Any] = {}
    for number, (key, label) in zip(PRESET_KEYS, choices):
        button = W.Button(description=f"{number} · {label}", tooltip=f"{label} (key {number})",
                          layout=W.Layout(width="auto"))
        button.add_class("mmn-preset-button")
        button.on_click(lambda _b, key=key: on_choose(key))
        buttons[key] = button
    box = W.HBox(list(buttons.values()))
    box.add_class("mmn-preset-buttons")

    def mark(key: str | None) -> None:
        for k, b in buttons.items():
            (b.add_class if k == key else b.remove_class)("mmn-active")

    box.buttons = buttons
    box.mark = mark
    mark(active)
    return box


# --------------------------------------------------------------------------------------------- one deck cell
class Presented:
    """What :func:`present` returns: the presenter stylesheet and title, then the element's presenter view.

    ``view`` is either the full-width ``.mmn-presenter`` box (an ipywidgets
    ``VBox``) around a widget view, or the list of display bundles of a
    rich-display element (a quiz, an HTML explorer), each HTML part wrapped in
    a ``.mmn-presenter`` block. ``element_view`` is the element's own view.
    """

    def __init__(self, view: Any, element_view: Any, *, title: str | None = None):
        self.view = view
        self.element_view = element_view
        self.title = title

    def _ipython_display_(self):
        from IPython.display import HTML, display

        head = stylesheet_html()
        if self.title:
            head += f'<div class="{CSS_CLASS}"><h2 class="mmn-presenter-title">{html.escape(self.title)}</h2></div>'
        display(HTML(head))
        if isinstance(self.view, list):
            for bundle in self.view:
                display(bundle, raw=True)
        else:
            display(self.view)

    def __repr__(self) -> str:
        return f"<Presented {type(self.element_view).__name__}{' ' + repr(self.title) if self.title else ''}>"


def present(element: Any, *, keep: Iterable[str] | Callable[[Any], bool] | None = None,
            title: str | None = None, height: int | None = FIGURE_HEIGHT) -> Presented:
    """The presenter view of one interactive element, for one cell of the lecture deck.

    ``element`` is an :class:`~widgets.display.Explorable` (its live view is
    used, with ``presenter=True`` when its ``live`` accepts it), an ipywidget,
    or any object with a rich display (a quiz, an HTML view). A widget view
    goes in a full-width ``.mmn-presenter`` box styled by :func:`css`; its
    plotly ``FigureWidget`` objects are restyled with :func:`style_figure`,
    their synced state refreshed (:func:`sync_figure_state`, so Voila draws
    them as they are now) and, in the deck, their front end loaded from the
    server's cached copy (:func:`widgets.plotly_bundle.serve_from_deck`); when ``keep`` is given, every control not named in
    it is hidden (:func:`keep_controls`). A rich-display element's outputs are
    collected (without an ``Output`` widget, whose capture can stall Voila's
    execution) and shown again with their HTML inside ``.mmn-presenter``.
    """
    view = _live_view(element)
    if not _is_widget(view):
        if keep is not None:
            raise ValueError("keep applies to ipywidget views only; this element has no controls to hide")
        return Presented([_wrap_html(b) for b in display_bundles(view)], view, title=title)
    import ipywidgets as W

    for fig in figures(view):
        # a figure in a fill-height box takes the window's height (see DECK_JS), not a fixed one
        style_figure(fig, height=None if FILL_CLASS in getattr(fig, "_dom_classes", ()) else height)
        sync_figure_state(fig)
        plotly_bundle.serve_from_deck(fig)  # in the deck: plotly's front end from one cached file, not inline
    if keep is not None:
        keep_controls(view, keep)
    box = W.VBox([view], layout=W.Layout(width="100%"))
    box.add_class(CSS_CLASS)
    return Presented(box, view, title=title)


def display_bundles(obj: Any) -> list[dict]:
    """The mimebundles ``display(obj)`` would send, in order (objects that display several outputs included)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        from IPython.display import display
        from IPython.utils.capture import capture_output

        with capture_output(stdout=False, stderr=False, display=True) as captured:
            display(obj)
        if captured.outputs:
            return [dict(out.data) for out in captured.outputs]
    if hasattr(obj, "_repr_mimebundle_"):
        out = obj._repr_mimebundle_()
        return [dict(out[0] if isinstance(out, tuple) else out)]
    if hasattr(obj, "_repr_html_"):
        return [{"text/html": obj._repr_html_(), "text/plain": repr(obj)}]
    return [{"text/plain": repr(obj)}]


def _wrap_html(bundle: dict) -> dict:
    if "text/html" not in bundle:
        return bundle
    out = dict(bundle)
    out["text/html"] = f'<div class="{CSS_CLASS}">{bundle["text/html"]}</div>'
    return out


def _live_view(element: Any) -> Any:
    live = getattr(element, "live", None)
    if not callable(live):
        return element
    try:
        params = inspect.signature(live).parameters
    except (TypeError, ValueError):
        params = {}
    if "presenter" in params or any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return live(presenter=True)
    return live()


def _is_widget(obj: Any) -> bool:
    try:
        import ipywidgets as W
    except ImportError:  # pragma: no cover - ipywidgets is a dependency
        return False
    return isinstance(obj, W.Widget)


__all__ = [
    "CSS_CLASS",
    "FILL_CLASS",
    "FIGURE_HEIGHT",
    "FONT_SIZE",
    "LINE_WIDTH",
    "MARKER_SIZE",
    "Presented",
    "controls",
    "css",
    "display_bundles",
    "figures",
    "iter_widgets",
    "keep_controls",
    "present",
    "preset_buttons",
    "style_figure",
    "stylesheet_html",
    "sync_figure_state",
]

