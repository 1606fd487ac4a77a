"""Line thinning for plotted traces (:mod:`widgets.polyline`) and its use by the IVIg figures."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.polyline import keep_points


def _sawtooth(n=2000):
    x = np.linspace(0, 260, n)
    return x, 12 + 18 * np.exp(-((x % 3) / 1.2)) + 0.5 * np.sin(x / 9)


@pytest.mark.parametrize("tolerance", [0.01, 0.1, 1.0])
def test_every_dropped_point_lies_within_the_tolerance_of_the_kept_line(tolerance):
    x, y = _sawtooth()
    keep = keep_points(x, y, tolerance)
    assert keep[0] and keep[-1] and keep.sum() < x.size
    drawn = np.interp(x, x[keep], y[keep])
    assert np.max(np.abs(drawn - y)) <= tolerance + 1e-12


def test_peaks_and_troughs_deeper_than_the_tolerance_stay():
    x, y = _sawtooth()
    keep = keep_points(x, y, 0.05)
    peaks = np.flatnonzero((y[1:-1] > y[:-2] + 0.05) & (y[1:-1] > y[2:] + 0.05)) + 1
    assert peaks.size > 50 and keep[peaks].all()
    assert y[keep].max() == y.max() and y[keep].min() == y.min()


def test_a_straight_line_keeps_its_two_ends_and_a_larger_tolerance_keeps_fewer_points():
    x = np.arange(100.0)
    assert np.flatnonzero(keep_points(x, 3 * x + 1, 1e-9)).tolist() == [0, 99]
    xs, ys = _sawtooth()
    assert keep_points(xs, ys, 1.0).sum() < keep_points(xs, ys, 0.1).sum() < keep_points(xs, ys, 0.01).sum()


def test_a_step_drawn_hv_keeps_its_shape():
    x = np.arange(200.0)
    y = np.where((x % 50) < 20, 0.0, 100.0)
    keep = keep_points(x, y, 1.0)
    assert keep.sum() <= 2 * 8 + 2
    # plotly's shape="hv": each kept value holds until the next kept x
    held = y[keep][np.searchsorted(x[keep], x, side="right") - 1]
    assert np.array_equal(held, y)


@pytest.mark.parametrize(
    ("x", "y", "tolerance", "message"),
    [
        ([0, 1, 2], [0, 1], 0.1, "same length"),
        ([0, 2, 1], [0, 1, 2], 0.1, "non-decreasing"),
        ([0, 1, 2], [0, np.nan, 2], 0.1, "finite"),
        ([0, 1, 2], [0, 1, 2], -1.0, "tolerance must be a finite number >= 0"),
    ],
)
def test_bad_input_is_refused_with_the_parameter_named(x, y, tolerance, message):
    with pytest.raises(ValueError, match=message):
        keep_points(x, y, tolerance)


def test_thinned_ivig_lines_draw_the_daily_course_within_the_tolerance_with_far_fewer_points():
    from widgets.ivig import maintenance, simulate
    from widgets.ivig.static import THIN_TOLERANCE, series

    course = simulate(maintenance(1.0, 3), weeks=260)
    weeks = np.round(course.days / 7.0, 3)
    daily = {"igg": np.round(course.igg_g_l, 2), "strength": np.round(course.strength_pct, 2),
             "worn_off": np.where(course.worn_off, 100.0, 0.0), "untreated": np.round(course.untreated_strength_pct, 2)}
    full = {key: {"x": weeks, "y": y} for key, y in daily.items()}
    thin = series(course)
    for key, tolerance in THIN_TOLERANCE.items():
        drawn = np.interp(full[key]["x"], thin[key]["x"], thin[key]["y"])
        assert np.max(np.abs(drawn - np.asarray(full[key]["y"]))) <= tolerance + 1e-9, key
    assert max(thin["igg"]["y"]) == max(full["igg"]["y"]) and min(thin["igg"]["y"]) == min(full["igg"]["y"])
    points = sum(len(thin[k]["x"]) for k in THIN_TOLERANCE)
    assert points < 0.6 * sum(len(full[k]["x"]) for k in THIN_TOLERANCE)
