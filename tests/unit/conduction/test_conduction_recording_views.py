"""Views of the recording pitfalls: the live widget's Pitfalls controls and the chapter's recording figure."""

from __future__ import annotations

import math

import pytest

from widgets.conduction.recording import FILTER_CHOICES_HZ
from widgets.conduction.recording_view import SCENARIOS, recording_explorer_figure, recording_view, scenario_studies


def test_the_live_widget_moves_electrode_and_filter_and_says_so():
    pytest.importorskip("ipywidgets")
    from widgets.conduction.views import ConductionExplorer

    e = ConductionExplorer("median", None)
    before = e.study
    e.electrode_offset.value = 10
    assert e.study.settings.recording.electrode_offset_mm == 10.0
    assert e.study.distal.amplitude_mv < before.distal.amplitude_mv
    assert "Check the recording first" in e.verdict.value and "initial positive deflection" in e.verdict.value
    assert list(e.figure.data[0].y) != [] and not any(math.isnan(v) for v in e.figure.data[0].y)
    e.low_frequency_filter.value = 100.0
    assert e.study.settings.recording.low_frequency_filter_hz == 100.0
    assert "nan" not in e.table.value.lower()
    e.reference_pickup.value = 30
    assert e.study.settings.recording.reference_pickup == pytest.approx(0.3)
    # choosing a scenario resets the recording to the reference set-up
    e.preset.value = "mmn"
    assert e.study.settings.recording.is_reference
    assert (e.electrode_offset.value, e.reference_pickup.value, e.low_frequency_filter.value) == (0, 0, None)
    assert [o[1] for o in e.low_frequency_filter.options] == list(FILTER_CHOICES_HZ)


def test_the_recording_figure_has_one_menu_entry_per_scenario_and_draws_each_verdict():
    fig = recording_explorer_figure().to_plotly_json()
    buttons = fig["layout"]["updatemenus"][0]["buttons"]
    assert [b["label"] for b in buttons] == [label for label, *_ in SCENARIOS]
    verdicts = [b["args"][1]["annotations"][-1]["text"] for b in buttons]
    studies = scenario_studies()
    for v, (_, s) in zip(verdicts, studies):
        # an electrode off its place or a filter above 20 Hz is named before the verdict; 20 Hz is a usual setting
        assert ("Check the recording first" in v) == s.settings.recording.suspect
    assert [s.settings.recording.suspect for _, s in studies] == [False, True, True, False, True, True]
    assert len(set(verdicts)) == len(verdicts)
    assert len(recording_explorer_figure().to_json()) < 150_000  # page weight of six precomputed states


def test_the_recording_view_has_a_text_alternative_with_the_numbers():
    v = recording_view()
    for label, *_ in SCENARIOS:
        assert label in v.alt
    assert "amplitude" in v.alt and "duration" in v.alt
