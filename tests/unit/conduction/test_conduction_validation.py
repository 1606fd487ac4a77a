"""One argument validator for the package (widgets.conduction.validate): None and booleans are not numbers.

Every model entry point (simulate's settings, lesions, inching, the CIDP assessment) refuses them with a
ValueError that names the parameter and the allowed range; CIDP items carry their measured value as a number.
"""

from __future__ import annotations

import pytest

from widgets.conduction import Lesion, inch, simulate
from widgets.conduction.cidp import Comparison, cidp_assessment, dispersion_rule
from widgets.conduction.checklist import checklist
from widgets.conduction.validate import number

NOT_NUMBERS = [None, True, False, "0.5", float("nan"), float("inf")]


@pytest.mark.parametrize("value", NOT_NUMBERS)
@pytest.mark.parametrize("call, name", [
    (lambda v: simulate("median", axon_loss=v), "axon_loss"),
    (lambda v: simulate("median", reinnervation=v), "reinnervation"),
    (lambda v: simulate("median", sensory_axon_loss=v), "sensory_axon_loss"),
    (lambda v: simulate("median", temperature_c=v), "temperature_c"),
    (lambda v: simulate("ulnar", submaximal_site="below_elbow", submaximal_fraction=v),
     "submaximal_fraction"),
    (lambda v: Lesion("forearm", block=v), "block"),
    (lambda v: inch(step_mm=v), "step_mm"),
    (lambda v: inch(block=v), "block"),
])
def test_none_booleans_strings_and_nan_are_refused_with_the_parameter_and_range(call, name, value):
    with pytest.raises(ValueError, match=name) as err:
        call(value)
    assert "must be a number" in str(err.value)


@pytest.mark.parametrize("value", [None, True, 0, -1.0])
def test_cidp_assessment_refuses_non_positive_or_non_numeric_limits(value):
    with pytest.raises(ValueError, match="dml_uln_ms"):
        cidp_assessment(nerve="median", dml_ms=3.7, dml_uln_ms=value, distal_amplitude_mv=10.0,
                        amplitude_lln_mv=4.0, distal_duration_ms=5.0, comparisons=(), min_cv_m_s=55.0,
                        cv_lln_m_s=49.0)


def test_number_accepts_numpy_numbers_and_names_open_ranges():
    import numpy as np

    assert number("x", np.float32(0.5), 0, 1) == 0.5
    with pytest.raises(ValueError, match=r"x must be a number > 0"):
        number("x", 0.0, 0.0, lo_open=True)


def test_cidp_items_carry_their_measured_value_and_the_checklist_prints_it():
    s = simulate("ulnar", preset="cidp")
    for item in s.cidp.items:
        if item.key in ("dml", "cv", "block", "dispersion", "distal_duration"):
            assert isinstance(item.value, float)
    rows = {c.rule: c.value for c in checklist(s).cidp}
    assert rows["distal latency ≥50% above ULN"] == f"{s.cidp.item('dml').value:.2f} ms"


def test_tibial_dispersion_is_worded_as_in_the_2021_guideline():
    """EAN/PNS 2021 (facts sheet §3): abnormal temporal dispersion >30% duration increase, ≥100% in the tibial."""
    assert dispersion_rule("tibial") == (1.0, "≥") and dispersion_rule("ulnar") == (0.3, ">")
    a = cidp_assessment(nerve="tibial", dml_ms=4.3, dml_uln_ms=5.8, distal_amplitude_mv=7.0, amplitude_lln_mv=4.0,
                        distal_duration_ms=5.0, comparisons=(Comparison("knee vs ankle", 7.0, 5.0, 5.0, 10.0),),
                        min_cv_m_s=50.0, cv_lln_m_s=41.0)
    item = a.item("dispersion")
    assert item.met is True and "≥100%" in item.label and "≥100%" in item.text  # exactly +100% meets it
    rows = {c.rule for c in checklist(simulate("tibial")).cidp}
    assert "duration increase ≥100% (dispersion)" in rows
