"""The trace colour check of the accessibility audit: 3:1 contrast, and line style as a second channel."""

from __future__ import annotations

import json

from widgets.palette import contrast_on_white

MIN_TRACE_CONTRAST = 3.0


def _colors(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def trace_colour_problems(figures: list[dict]) -> list[str]:
    """Trace colours under 3:1 on white, and different-coloured traces told apart by colour alone.

    A line is seen by its colour; a marker or a bar by its fill or, failing that, its outline.
    Fully transparent colours (invisible hover targets) and filled bands without a line are not
    data marks. Traces without data points (legend swatches) are named by their legend text, so
    only their contrast is checked.
    """
    out = []
    for f in figures:
        styles: dict[tuple, dict[tuple, str]] = {}
        for t in f["traces"]:
            if t["visible"] is False:
                continue
            kind, mode, opacity = t["type"], t["mode"], t["opacity"]
            marker = t["marker"] or {}
            line = t["line"] or {}
            outline = marker.get("line") or {}
            edge = _colors(outline.get("color")) if (outline.get("width") or 0) > 0 else []
            marks: list[list[str]] = []  # each mark: the colours it can be seen by (any one suffices)
            if kind in ("scatter", "scattergl", "scatterpolar", "scatterternary"):
                if "lines" in mode and (line.get("width") or 0) > 0:
                    marks += [[c] for c in _colors(line.get("color"))]
                if "markers" in mode:
                    marks += [[c] + edge for c in _colors(marker.get("color"))]
            elif kind in ("bar", "histogram", "box", "violin", "funnel", "waterfall"):
                marks += [[c] + edge for c in _colors(marker.get("color"))]
            else:
                continue  # heatmaps, images, tables: colour scales, not trace colours
            marks = [m for m in marks if _alpha(m[0]) > 0]
            if not marks:
                continue
            seen: list[str] = []
            for m in marks:
                alpha = opacity * (marker.get("opacity", 1) if m[0] in _colors(marker.get("color")) else 1)
                best = max(m, key=lambda c: _contrast(c, alpha))
                ratio = _contrast(best, alpha)
                seen.append(best)
                if ratio < MIN_TRACE_CONTRAST and not any(m[0] in o and repr(t["name"]) in o for o in out):
                    out.append(f"figure #{f['index']} ({f['title']!r}): trace {t['name']!r} colour {m[0]} has contrast {ratio:.2f}:1 < 3:1")
            if kind.startswith("scatter") and t.get("points", 1) > 0:
                axes = (t["xaxis"], t["yaxis"])
                style = (line.get("dash") if "lines" in mode else None,
                         json.dumps(marker.get("symbol")) if "markers" in mode else None)
                colour = ",".join(sorted(set(seen)))
                styles.setdefault(axes, {})
                for other_style, other_colour in styles[axes].items():
                    if other_style == style and other_colour != colour:
                        out.append(
                            f"figure #{f['index']} ({f['title']!r}): trace {t['name']!r} differs from another trace on the same "
                            f"axes only by colour ({colour} vs {other_colour}); give it its own dash or marker"
                        )
                styles[axes].setdefault(style, colour)
    return out


def _alpha(color: str) -> float:
    import re

    m = re.match(r"rgba\([^)]*,\s*([\d.]+)\s*\)", color.strip())
    return float(m.group(1)) if m else 1.0


def _contrast(color: str, opacity: float) -> float:
    from widgets.palette import css_color_on_white

    try:
        hexed = css_color_on_white(color)
    except ValueError:
        return 21.0  # named CSS colours etc. are not produced by the course palette
    if opacity < 1:
        r, g, b = (int(hexed[i : i + 2], 16) for i in (1, 3, 5))
        hexed = css_color_on_white(f"rgba({r},{g},{b},{opacity})")
    return contrast_on_white(hexed)
