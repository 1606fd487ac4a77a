"""Fewer points for a plotted line that look the same: Ramer–Douglas–Peucker simplification."""

from __future__ import annotations

import numpy as np


def keep_points(x, y, tolerance: float) -> np.ndarray:
    """Boolean mask of the points of the line (``x``, ``y``) to keep.

    A point is dropped when the straight segment between the points kept around it passes within
    ``tolerance`` of it, measured along ``y`` (in the units of ``y``). The first and last points
    and every peak and trough deeper than ``tolerance`` stay. A step drawn with plotly's
    ``line.shape="hv"`` keeps its shape, since both ends of every jump larger than ``tolerance`` stay.

    Parameters
    ----------
    x : array of float, non-decreasing (any unit)
    y : array of float, same length as ``x``
    tolerance : float >= 0, units of ``y``
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or y.shape != x.shape:
        raise ValueError(f"x and y must be 1-D arrays of the same length, got shapes {x.shape} and {y.shape}")
    if not np.isfinite(tolerance) or tolerance < 0:
        raise ValueError(f"tolerance must be a finite number >= 0 (units of y), got {tolerance!r}")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise ValueError("x and y must be finite")
    if np.any(np.diff(x) < 0):
        raise ValueError("x must be non-decreasing")
    n = x.size
    keep = np.zeros(n, dtype=bool)
    if n == 0:
        return keep
    keep[[0, -1]] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        inner = slice(a + 1, b)
        span = x[b] - x[a]
        chord = y[a] + (y[b] - y[a]) * ((x[inner] - x[a]) / span if span > 0 else 0.0)
        off = np.abs(y[inner] - chord)
        k = int(np.argmax(off))
        if off[k] > tolerance:
            k += a + 1
            keep[k] = True
            stack += [(a, k), (k, b)]
    return keep
