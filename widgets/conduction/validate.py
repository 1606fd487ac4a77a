"""One argument validator for the conduction package: numbers within a range.

Every model function of :mod:`widgets.conduction` checks its numeric
arguments with :func:`number`: ``None``, booleans, strings and other
non-numbers are refused, as are NaN, infinities and values outside the
allowed range. The ``ValueError`` names the parameter and the allowed range.
"""

from __future__ import annotations

import math
import numbers


def number(name: str, value: object, lo: float = -math.inf, hi: float = math.inf, what: str = "", *,
           lo_open: bool = False) -> float:
    """``value`` as a float if it is a real number within ``lo``–``hi`` (``lo`` excluded if ``lo_open``).

    Raises ``ValueError`` naming ``name`` and the allowed range otherwise (``None`` and booleans are not
    numbers). ``what`` is added to the message, e.g. " (fraction of motor axons lost)".
    """
    if math.isinf(lo) and math.isinf(hi):
        allowed = "a finite number"
    elif math.isinf(hi):
        allowed = f"a number {'>' if lo_open else '≥'} {lo:g}"
    elif math.isinf(lo):
        allowed = f"a number ≤ {hi:g}"
    else:
        allowed = f"a number within {lo:g}–{hi:g}" + (f" (above {lo:g})" if lo_open else "")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be {allowed}{what}, got {value!r}")
    v = float(value)
    if not math.isfinite(v) or v < lo or v > hi or (lo_open and v <= lo):
        raise ValueError(f"{name} must be {allowed}{what}, got {value!r}")
    return v
