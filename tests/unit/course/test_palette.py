"""The course palette must stay readable and colour-blind safe."""

import pytest

from widgets import palette


@pytest.mark.parametrize("style", palette.STYLES, ids=lambda s: s.color)
def test_trace_colour_contrast_at_least_3_to_1(style):
    assert palette.contrast_ratio(style.color, palette.BACKGROUND) >= 3.0


def test_text_contrast_at_least_4_5_to_1():
    assert palette.contrast_ratio(palette.TEXT, palette.BACKGROUND) >= 4.5


def test_line_style_is_a_second_channel():
    dashes = [s.dash for s in palette.STYLES]
    assert len(set(dashes)) == len(dashes), "every trace style needs its own dash pattern"
    colours = [s.color.lower() for s in palette.STYLES]
    assert len(set(colours)) == len(colours)


def test_contrast_ratio_reference_values():
    # WCAG: black on white is 21:1, a colour against itself 1:1.
    assert palette.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert palette.contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    with pytest.raises(ValueError, match="hex_color"):
        palette.relative_luminance("#fff")
