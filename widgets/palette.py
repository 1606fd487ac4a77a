"""Colour-blind-safe trace styles shared by every figure of the course.

Colours follow the Okabe-Ito scheme (distinguishable with deuteranopia,
protanopia and tritanopia), darkened where needed so each has a contrast ratio
of at least 3:1 against the white plot background (checked in
``tests/test_palette.py``). Line dash is a second channel so traces stay
distinguishable in greyscale print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BACKGROUND = "#ffffff"
TEXT = "#222222"
GRID = "#d9d9d9"


@dataclass(frozen=True)
class TraceStyle:
    """Colour (hex) and plotly dash pattern of one trace."""

    color: str
    dash: str


#: Ordered trace styles: use ``STYLES[i % len(STYLES)]`` for the i-th trace.
STYLES: tuple[TraceStyle, ...] = (
    TraceStyle("#0072B2", "solid"),  # blue
    TraceStyle("#D55E00", "dash"),  # vermillion
    TraceStyle("#117733", "dot"),  # green
    TraceStyle("#AA3377", "dashdot"),  # reddish purple
    TraceStyle("#332288", "longdash"),  # indigo
    TraceStyle("#000000", "longdashdot"),  # black
)

#: Named roles used across figures (a normal reference vs the patient, shading).
NORMAL = STYLES[0]
PATIENT = STYLES[1]
HIGHLIGHT = STYLES[3]
SHADE = "rgba(213, 94, 0, 0.12)"
#: Text in the patient's colour: a darker vermillion that reaches WCAG AA (5.2:1) on white, where the line
#: colour itself (3.9:1) is only enough for marks.
PATIENT_TEXT = "#B34F00"


def style(i: int) -> TraceStyle:
    """Style of the ``i``-th trace (cycles through :data:`STYLES`)."""
    return STYLES[i % len(STYLES)]


def relative_luminance(hex_color: str) -> float:
    """WCAG 2.x relative luminance of an ``#rrggbb`` colour (0 = black, 1 = white)."""
    h = hex_color.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"hex_color must be '#rrggbb', got {hex_color!r}")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


_RGB = re.compile(r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)")


def css_color_on_white(color: str) -> str:
    """A CSS colour (``#rgb``, ``#rrggbb``, ``rgb()``, ``rgba()``) composited on white, as ``#rrggbb``."""
    c = color.strip().lower()
    if c.startswith("#"):
        h = c[1:]
        if len(h) == 3:
            h = "".join(ch * 2 for ch in h)
        if len(h) != 6 or not re.fullmatch(r"[0-9a-f]{6}", h):
            raise ValueError(f"color must be #rgb, #rrggbb, rgb() or rgba(), got {color!r}")
        return "#" + h
    m = _RGB.fullmatch(c)
    if not m:
        raise ValueError(f"color must be #rgb, #rrggbb, rgb() or rgba(), got {color!r}")
    r, g, b = (float(m.group(i)) for i in (1, 2, 3))
    a = float(m.group(4)) if m.group(4) is not None else 1.0
    mix = [round(a * v + (1 - a) * 255) for v in (r, g, b)]
    return "#" + "".join(f"{max(0, min(255, v)):02x}" for v in mix)


def contrast_on_white(color: str) -> float:
    """WCAG contrast ratio of a CSS colour (alpha composited) against the white plot background."""
    return contrast_ratio(css_color_on_white(color), "#ffffff")
