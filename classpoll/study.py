"""A question's simulated study drawn as a static SVG for phones and the projector (no plotting library).

The figure is the quiz's own (:func:`widgets.quiz.traces.quiz_figure`: no verdict, no preset name); this module
only draws its lines, its markers and labels, and a time axis. Line colour *and* dash tell the sites apart, as in
the book; the measurement tables that follow the figure are its text alternative.
"""

from __future__ import annotations

import html
import re

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 16, 12, 12, 46
_DASH = {"solid": "", "dash": "9 5", "dot": "2 4", "dashdot": "9 4 2 4", "longdash": "16 6", "longdashdot": "16 5 2 5"}
_TAGS = re.compile(r"<[^>]+>")


def _text(raw: str) -> str:
    """Plotly label text as plain, escaped SVG text (tags dropped, entities decoded then escaped)."""
    return html.escape(html.unescape(_TAGS.sub("", str(raw))))


def study_svg(fig: dict, *, label: str) -> str:
    """SVG of a plotly figure dict made of line traces (``y`` with ``x0``/``dx`` or ``x``) on one pair of axes."""
    layout = fig.get("layout", {})
    x0, x1 = layout.get("xaxis", {}).get("range", (0.0, 1.0))
    y0, y1 = layout.get("yaxis", {}).get("range", (0.0, 1.0))
    w, h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + (x - x0) / (x1 - x0) * w

    def py(y: float) -> float:
        return TOP + (y1 - y) / (y1 - y0) * h

    # white in dark mode too: the line colours are chosen for white
    parts = [f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>']
    step = 5 if x1 - x0 <= 60 else 10
    tick = step * int(x0 // step)
    while tick <= x1:
        if tick >= x0:
            parts.append(f'<line x1="{px(tick):.1f}" x2="{px(tick):.1f}" y1="{TOP}" y2="{TOP + h}" stroke="#d9d9d9"/>'
                         f'<text x="{px(tick):.1f}" y="{TOP + h + 16}" text-anchor="middle" fill="#1a1a1a">'
                         f'{tick:g}</text>')
        tick += step
    title = layout.get("xaxis", {}).get("title", {}).get("text", "")
    parts.append(f'<text x="{LEFT + w / 2:.0f}" y="{HEIGHT - 6}" text-anchor="middle" fill="#1a1a1a">'
                 f'{_text(title)}</text>')
    for shape in layout.get("shapes", []):
        if shape.get("type") == "line" and shape.get("xref", "x") == "x" and shape.get("yref", "y") == "y":
            line = shape.get("line", {})
            parts.append(f'<line x1="{px(shape["x0"]):.1f}" x2="{px(shape["x1"]):.1f}" y1="{py(shape["y0"]):.1f}" '
                         f'y2="{py(shape["y1"]):.1f}" stroke="{html.escape(line.get("color", "#000"))}" '
                         f'stroke-width="{line.get("width", 1)}"/>')
    for trace in fig.get("data", []):
        ys = trace.get("y") or []
        if trace.get("visible") is False or not isinstance(ys, list) or len(ys) < 2:
            continue
        xs = trace.get("x") or [trace.get("x0", 0) + i * trace.get("dx", 1) for i in range(len(ys))]
        points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys) if x is not None and y is not None)
        line = trace.get("line", {})
        dash = _DASH.get(line.get("dash", "solid"), "")
        parts.append(f'<polyline points="{points}" fill="none" stroke="{html.escape(line.get("color", "#000"))}" '
                     f'stroke-width="{line.get("width", 2)}"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
    for note in layout.get("annotations", []):
        if note.get("xref", "x") != "x" or note.get("yref", "y") != "y":
            continue
        anchor = {"right": "end", "left": "start"}.get(note.get("xanchor"), "middle")
        # labels in near-black (AA contrast on white at 14 px); each sits just above its own coloured line
        parts.append(f'<text x="{px(note["x"]):.1f}" y="{py(note["y"]) - 3:.1f}" text-anchor="{anchor}" '
                     f'fill="#1a1a1a" font-weight="600">{_text(note.get("text", ""))}</text>')
    return (f'<svg class="study-figure" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'role="img" aria-label="{html.escape(label, quote=True)}" font-size="14" '
            f'font-family="system-ui, sans-serif">{"".join(parts)}</svg>')
