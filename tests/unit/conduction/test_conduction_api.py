"""Public API of widgets.conduction: names other modules rely on, and errors that name the bad parameter."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import widgets.conduction as wc
from widgets.conduction import Lesion, simulate


def test_public_names():
    for name in ("simulate", "classify_block", "NERVES", "PRESETS", "Lesion", "explorer", "study_figure",
                 "measurement_table_html", "Study"):
        assert hasattr(wc, name), name
    assert set(wc.NERVES) >= {"median", "ulnar", "peroneal", "tibial"}


def test_study_structure():
    s = simulate("ulnar", preset="mmn")
    spec = wc.NERVES["ulnar"]
    assert [x.name for x in s.sites] == ["wrist", "below_elbow", "above_elbow", "axilla", "erb"]
    assert [x.distance_mm for x in s.sites] == [site.distance_mm for site in spec.sites]
    assert [g.name for g in s.segments] == ["forearm", "elbow", "upper_arm", "plexus"]
    for site in s.sites:
        for attr in ("latency_ms", "amplitude_mv", "area_mv_ms", "duration_ms"):
            assert isinstance(getattr(site, attr), float)
        assert isinstance(site.time_ms, np.ndarray) and isinstance(site.cmap_mv, np.ndarray)
    for g in s.segments:
        assert g.block.grade in ("definite", "probable", "none")
        assert g.length_mm == pytest.approx(
            spec.site(g.proximal_site).distance_mm - spec.site(g.distal_site).distance_mm
        )
        assert g.amplitude_ratio == pytest.approx(s.site(g.proximal_site).amplitude_mv / s.site(g.distal_site).amplitude_mv)
        assert g.cv_m_s == pytest.approx(
            g.length_mm / (s.site(g.proximal_site).latency_ms - s.site(g.distal_site).latency_ms)
        )
    assert s.snap.amplitude_uv > 0 and s.snap.cv_m_s > 0
    assert len(s.snap.sites) == len(s.sites)
    assert s.interpretation and s.findings
    assert {"median": ("forearm", "upper_arm", "plexus"), "peroneal": ("leg", "fibular_head", "popliteal"),
            "tibial": ("leg",)} == {n: wc.NERVES[n].segment_names for n in ("median", "peroneal", "tibial")}


def test_lesion_is_frozen():
    les = Lesion("forearm", block=0.6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        les.block = 0.1


BAD = [
    (lambda: simulate("radial"), "nerve"),
    (lambda: simulate("sciatic"), "nerve"),
    (lambda: simulate("ulnar", preset="guillain_barre"), "preset"),
    (lambda: simulate("tibial", preset="mmn"), "nerve"),
    (lambda: Lesion("forearm", block=1.2), "block"),
    (lambda: Lesion("forearm", block=-0.1), "block"),
    (lambda: Lesion("forearm", slowing=-0.1), "slowing"),
    (lambda: Lesion("forearm", slowing=0.95), "slowing"),
    (lambda: Lesion("forearm", dispersion=2.0), "dispersion"),
    (lambda: Lesion("", block=0.5), "segment"),
    (lambda: simulate("ulnar", lesions=[Lesion("thigh", block=0.5)]), "segment"),
    (lambda: simulate("median", lesions=[Lesion("below_elbow", block=0.5)]), "segment"),
    (lambda: simulate("ulnar", lesions=["forearm"]), "lesions"),
    (lambda: simulate("ulnar", temperature_c=45.0), "temperature_c"),
    (lambda: simulate("ulnar", temperature_c=15.0), "temperature_c"),
    (lambda: simulate("ulnar", axon_loss=1.5), "axon_loss"),
    (lambda: simulate("ulnar", reinnervation=-0.2), "reinnervation"),
    (lambda: simulate("ulnar", sensory_axon_loss=2), "sensory_axon_loss"),
    (lambda: simulate("ulnar", seed=-1), "seed"),
    (lambda: simulate("ulnar", seed=1.5), "seed"),
    (lambda: simulate("ulnar", colder=True), "pitfall"),
    (lambda: simulate("ulnar", submaximal_site="knee"), "submaximal_site"),
    (lambda: simulate("ulnar", submaximal_site="erb", submaximal_fraction=0.0), "submaximal_fraction"),
    (lambda: simulate("median", martin_gruber=0.4), "martin_gruber"),
    (lambda: simulate("ulnar", martin_gruber=1.0), "martin_gruber"),
    (lambda: wc.explorer(nerve="radial"), "nerve"),
    (lambda: wc.explorer(preset="nope"), "preset"),
]


@pytest.mark.parametrize("call, name", BAD, ids=[f"{i}-{n}" for i, (_, n) in enumerate(BAD)])
def test_bad_input_raises_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name) as err:
        call()
    # the message also says what is allowed
    assert any(w in str(err.value) for w in ("must be", "allowed", "one of", "applies to"))


def test_simulate_is_importable_from_the_package_and_the_model_module():
    from widgets.conduction import simulate as a
    from widgets.conduction.model import simulate as b
    from widgets.conduction.reference_values import get_nerve

    assert a is b
    assert get_nerve("tibial").name == "tibial"


@pytest.mark.parametrize("seed", [-1, 1.5, True, None, "3"])
def test_a_person_needs_a_non_negative_integer_seed(seed):
    with pytest.raises(ValueError, match="seed"):
        wc.person("median", seed)
    with pytest.raises(ValueError, match="seed"):
        simulate("median", seed=seed)


def test_seed_zero_is_the_reference_person():
    p = wc.person("ulnar", 0)
    assert p.is_reference and p.amplitude_factor == 1.0 and p.cv_factor == 1.0 and p.dml_shift_ms == 0.0
    with pytest.raises(ValueError, match="nerve"):
        wc.person("radial", 1)


def test_every_segment_verdict_has_one_of_three_outcomes():
    for preset in ("normal", "mmn", "als", "cidp", "pseudo_block_dispersion"):
        for g in simulate("median", preset=preset).segments:
            assert g.block.outcome in ("block", "not_gradeable", "no_block")
