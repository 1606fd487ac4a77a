"""Inching (widgets.conduction.inching): short-step stimulation finds where a focal lesion sits.

Physiology checked from first principles, not from the model's own numbers: over 10 mm of normal nerve
conducting at 40-70 m/s (facts sheet §5: single motor axons 34-66 m/s, proximal segments faster) the latency
grows by 10/70-10/40 = 0.14-0.25 ms per step; a block removes the blocked axons only when the stimulus is
above the lesion.
"""

from __future__ import annotations

import numpy as np
import pytest

from widgets.conduction.inching import inch, mmn_focal_block


def test_normal_nerve_steps_are_even_and_physiological():
    s = inch(lesion_at_mm=None, seed=4)
    assert np.all(np.abs(s.amplitude_steps) < 0.05)
    assert np.all((s.latency_steps_ms > 0.09) & (s.latency_steps_ms < 0.3))


@pytest.mark.parametrize("centre", [25.0, 55.0, 85.0])
def test_the_step_lands_where_the_lesion_is(centre):
    s = inch("ulnar", "elbow", lesion_at_mm=centre, block=0.6, slowing=0.7, step_mm=10.0, seed=2)
    k = s.block_step
    assert s.positions_mm[k] <= centre <= s.positions_mm[k + 1]
    assert s.amplitude_steps[k] < -0.4  # about the blocked fraction
    assert s.latency_steps_ms[s.slowing_step] > 1.8 * np.median(s.latency_steps_ms)
    assert s.positions_mm[s.slowing_step] <= centre <= s.positions_mm[s.slowing_step + 1]


def test_mmn_focal_block_without_slowing_has_no_latency_jump():
    s = mmn_focal_block()
    k = s.block_step
    assert s.positions_mm[k] <= 120.0 <= s.positions_mm[k + 1]
    assert s.amplitude_steps[k] < -0.5
    assert s.latency_steps_ms.max() < 2.0 * np.median(s.latency_steps_ms)


def test_amplitude_at_the_segment_start_matches_the_conduction_study():
    from widgets.conduction import simulate

    s = inch(seed=6)
    assert s.amplitudes_mv[0] == pytest.approx(simulate("ulnar", seed=6).site("below_elbow").amplitude_mv, rel=1e-6)


@pytest.mark.parametrize("kwargs, name", [
    (dict(segment="distal"), "segment"), (dict(step_mm=1.0), "step_mm"), (dict(block=True), "block"),
    (dict(slowing=None), "slowing"), (dict(lesion_at_mm=500.0), "lesion_at_mm"), (dict(seed=-1), "seed"),
    (dict(lesion_length_mm="10"), "lesion_length_mm"),
])
def test_bad_arguments_are_rejected(kwargs, name):
    with pytest.raises(ValueError, match=name):
        inch(**kwargs)


def test_views_draw_every_scenario_without_nan():
    import json

    from widgets.conduction.fwave_view import fwave_explorer_figure
    from widgets.conduction.inching_view import inching_explorer_figure, inching_view
    from widgets.conduction.patient import patients_view

    for fig in (inching_explorer_figure(), fwave_explorer_figure()):
        js = json.dumps(fig.to_plotly_json(), default=lambda o: o.tolist())
        assert "NaN" not in js and "nan" not in js.replace("nan ", "")
        assert len(fig.layout.updatemenus[0].buttons) >= 3
    assert "Largest amplitude fall" in inching_view().alt
    html = patients_view()._repr_html_()
    assert html.count("<table") == 5 and "<caption>" in html and "Across nerves" in html
