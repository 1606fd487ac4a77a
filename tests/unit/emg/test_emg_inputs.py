"""Bad input to the needle EMG model raises ValueError naming the parameter (None and booleans are not numbers)."""

from __future__ import annotations

import pytest

from widgets.emg import MuscleState, get_preset, read_muscle, regions, simulate
from widgets.emg.audio import audio_samples
from widgets.emg.potentials import unit_templates
from widgets.emg.units import unit_pool


@pytest.mark.parametrize("field,value", [
    ("denervation", 5), ("denervation", -1), ("denervation", True), ("denervation", 1.5), ("denervation", None),
    ("fasciculations_per_s", -0.1), ("fasciculations_per_s", 6), ("fasciculations_per_s", None),
    ("axon_loss", 0.99), ("axon_loss", True), ("axon_loss", float("nan")), ("reinnervation", 1.5),
    ("instability", -1), ("block", 1.0), ("block", "half"), ("myopathy", 0.95),
])
def test_state_fields_are_validated(field, value):
    with pytest.raises(ValueError, match=field):
        MuscleState(**{field: value})


@pytest.mark.parametrize("kwargs,name", [
    (dict(muscle="nose"), "muscle"), (dict(muscle=None), "muscle"), (dict(phase="sleep"), "phase"),
    (dict(seed=-1), "seed"), (dict(seed=True), "seed"), (dict(seed=1.0), "seed"), (dict(seed=None), "seed"),
    (dict(preset="flu"), "preset"), (dict(site=9), "site"), (dict(site=False), "site"),
    (dict(state="normal"), "state"),
])
def test_simulate_rejects_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        simulate(**kwargs)


def test_state_and_preset_together_are_ambiguous():
    with pytest.raises(ValueError, match="preset"):
        simulate("fdi", MuscleState(), preset="als_late")


def test_other_entry_points_validate():
    with pytest.raises(ValueError, match="preset"):
        get_preset("nope")
    with pytest.raises(ValueError, match="muscle"):
        read_muscle("elbow", "normal")
    with pytest.raises(ValueError, match="muscles"):
        regions("als_late", ())
    with pytest.raises(ValueError, match="muscle"):
        regions("als_late", ("fdi", "kneecap"))
    with pytest.raises(ValueError, match="variants"):
        unit_templates(unit_pool("fdi", 0), 0, MuscleState(), variants=9)
    with pytest.raises(ValueError, match="rate_hz"):
        audio_samples(simulate("fdi"), rate_hz=True)
