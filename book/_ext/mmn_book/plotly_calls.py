"""The plotly figures of a built page, read from its ``Plotly.newPlot(id, data, layout)`` calls."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Trace types plotly's "basic" bundle draws (plotly.js-basic-dist: 1.2 MB instead of 4.8 MB); it has
#: every layout component (sliders, menus, shapes, annotations, legends).
BASIC_TRACE_TYPES = frozenset({"scatter", "bar", "pie"})
_NEWPLOT = re.compile(r"Plotly\.newPlot\(\s*(?:\"[^\"]*\"|'[^']*'|[A-Za-z_$][\w$.]*)\s*,\s*")
_ARG_SEP = re.compile(r"\s*,\s*")


@dataclass(frozen=True)
class PlotCall:
    """One ``Plotly.newPlot(id, data, layout, ...)`` call read from a page."""

    start: int  # where the call starts in the text
    data: list
    layout: dict
    layout_span: tuple[int, int] | None  # where the layout's JSON stands in the text (None: no layout given)


def plot_calls(text: str) -> Iterable[PlotCall | None]:
    """Every ``Plotly.newPlot`` call of ``text``, in order; ``None`` for a call whose arguments are not JSON."""
    decoder = json.JSONDecoder()
    for m in _NEWPLOT.finditer(text):
        try:
            data, end = decoder.raw_decode(text, m.end())
            sep = _ARG_SEP.match(text, end)
            layout, span = {}, None
            if sep:
                layout, layout_end = decoder.raw_decode(text, sep.end())
                span = (sep.end(), layout_end)
        except ValueError:
            yield None
            continue
        yield PlotCall(m.start(), data, layout, span)


def plotly_trace_types(body: str) -> set[str]:
    """Trace types the figures of rendered page content use, including those their controls switch to.

    Reads each ``Plotly.newPlot(id, data, layout)`` call; a call it cannot read yields ``"?"``
    (so a caller keeps the full bundle).
    """
    types: set[str] = set()
    for call in plot_calls(body):
        if call is None:
            types.add("?")
            continue
        types.update(str(t.get("type", "scatter")) for t in call.data if isinstance(t, dict))
        for control in (call.layout.get("sliders") or []) + (call.layout.get("updatemenus") or []):
            for item in (control.get("steps") or []) + (control.get("buttons") or []):
                for arg in item.get("args") or []:
                    if isinstance(arg, dict) and "type" in arg:
                        value = arg["type"]
                        types.update(map(str, value) if isinstance(value, list) else [str(value)])
    return types


def figures_in_html(text: str) -> int:
    """Plotly figures a built page draws (one ``Plotly.newPlot`` call each)."""
    return text.count("Plotly.newPlot(")
