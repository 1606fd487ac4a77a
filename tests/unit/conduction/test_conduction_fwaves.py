"""F-waves (widgets.conduction.fwaves): normal values over many people, and what disease does to them.

Normative source: Nobrega JAM, Pinheiro DS, Manzano GM, Kimura J. Various aspects of F-wave values in a healthy
population. Clin Neurophysiol 2004;115:2336-42 (PubMed 15351376; book key nobrega2004fwave): 100 healthy
volunteers, 32 stimuli; ulnar vs tibial (mean ± SD) persistence 83 ± 19% vs 97 ± 5%, minimal latency
26.5 ± 2.1 vs 47.0 ± 4.1 ms, chronodispersion 3.9 ± 0.9 vs 5.5 ± 1.4 ms; F latencies adjusted for height.
"""

from __future__ import annotations

import numpy as np
import pytest

from widgets.conduction import Lesion, simulate
from widgets.conduction.fwaves import F_NORMS, ROOT_MM, f_waves, fit_root_length_mm, height_cm

#: published values (Nobrega 2004), typed here from the paper, not read from the model's table
PUBLISHED = {
    "ulnar": dict(min_latency=(26.5, 2.1), persistence=(0.83, 0.19), chronodispersion=(3.9, 0.9)),
    "tibial": dict(min_latency=(47.0, 4.1), persistence=(0.97, 0.05), chronodispersion=(5.5, 1.4)),
}
PEOPLE = range(101, 141)  # 40 people not used for fitting the path length (seeds 1-40)


@pytest.fixture(scope="module", params=["ulnar", "tibial"])
def normal_trains(request):
    nerve = request.param
    return nerve, [f_waves(simulate(nerve, seed=s), n_stimuli=32) for s in PEOPLE]


def test_normal_minimal_latency_persistence_and_chronodispersion_match_nobrega_2004(normal_trains):
    nerve, trains = normal_trains
    pub = PUBLISHED[nerve]
    mins = np.array([f.min_latency_ms for f in trains])
    m, sd = pub["min_latency"]
    assert abs(mins.mean() - m) <= sd  # population mean within one published SD
    assert 0.5 * sd <= mins.std() <= 1.6 * sd  # people differ about as much as real people
    pers = np.array([f.persistence for f in trains])
    pm, psd = pub["persistence"]
    assert abs(pers.mean() - pm) <= psd


def test_normal_chronodispersion_is_within_two_published_sds_of_nobrega_2004(normal_trains):
    nerve, trains = normal_trains
    cd = np.array([f.chronodispersion_ms for f in trains])
    cm, csd = PUBLISHED[nerve]["chronodispersion"]
    assert abs(np.median(cd) - cm) <= 2 * csd


def test_normal_chronodispersion_is_within_one_published_sd_of_nobrega_2004(normal_trains):
    nerve, trains = normal_trains
    cd = np.array([f.chronodispersion_ms for f in trains])
    cm, csd = PUBLISHED[nerve]["chronodispersion"]
    assert abs(np.median(cd) - cm) <= csd


def test_normal_people_rarely_exceed_the_upper_limit(normal_trains):
    nerve, trains = normal_trains
    above = np.mean([f.min_latency_ms > f.upper_limit_ms for f in trains])
    assert above <= 0.10  # the limit is mean + 2 SD: about 2.5% of normal people lie above it


def test_latency_grows_with_height():
    """Nobrega 2004 adjust F latencies for height (a height nomogram): taller people, longer path."""
    r = [f_waves(simulate("ulnar", seed=s), n_stimuli=32) for s in range(101, 161)]
    h = np.array([f.height_cm for f in r])
    mins = np.array([f.min_latency_ms for f in r])
    assert np.corrcoef(h, mins)[0, 1] > 0.3
    assert height_cm(0) == 170.0 and height_cm(7) == height_cm(7)  # a seed is a person


def test_same_seed_same_person_same_train():
    a = f_waves(simulate("median", seed=5))
    b = f_waves(simulate("median", seed=5))
    assert np.array_equal(a.latencies_ms, b.latencies_ms, equal_nan=True)
    c = f_waves(simulate("median", seed=6))
    assert not np.array_equal(a.latencies_ms, c.latencies_ms, equal_nan=True)


def test_proximal_block_removes_f_waves_with_a_normal_distal_cmap():
    """MMN: axons blocked proximally cannot carry the F-wave (antidromic up, orthodromic down)."""
    normal = f_waves(simulate("ulnar", seed=3), n_stimuli=40)
    blocked = simulate("ulnar", seed=3, lesions=(Lesion("upper_arm", block=0.9),))
    f = f_waves(blocked, n_stimuli=40)
    assert blocked.distal.amplitude_mv == pytest.approx(simulate("ulnar", seed=3).distal.amplitude_mv, rel=0.02)
    assert f.persistence <= 0.5 * normal.persistence
    total = simulate("ulnar", seed=3, lesions=(Lesion("plexus", block=1.0),))
    assert f_waves(total).absent and np.isnan(f_waves(total).min_latency_ms)


def test_demyelinating_slowing_prolongs_f_latency_beyond_the_cidp_2021_threshold():
    """EAN/PNS 2021: F latency ≥20% above the upper limit supports demyelination (CRITERIA.cidp)."""
    from widgets.conduction.criteria import CRITERIA

    f = f_waves(simulate("median", preset="cidp"))
    assert f.latency_above_uln >= CRITERIA.cidp.f_wave_above_uln


def test_als_keeps_latency_near_normal_but_loses_persistence():
    normal = f_waves(simulate("ulnar", seed=4), n_stimuli=40)
    mild = f_waves(simulate("ulnar", seed=4, axon_loss=0.5, reinnervation=0.8), n_stimuli=40)
    assert mild.persistence < normal.persistence
    assert mild.min_latency_ms <= mild.upper_limit_ms
    severe = f_waves(simulate("ulnar", seed=4, axon_loss=0.99), n_stimuli=40)
    assert severe.persistence <= 0.15


@pytest.mark.parametrize("nerve", ["ulnar", "tibial"])
def test_root_length_table_is_the_fit(nerve):
    assert fit_root_length_mm(nerve) == pytest.approx(ROOT_MM[nerve], abs=15.0)


def test_norm_table_says_where_values_are_borrowed():
    assert F_NORMS["ulnar"].source == F_NORMS["tibial"].source == "nobrega2004fwave"
    assert "not verified" in F_NORMS["median"].note and "not verified" in F_NORMS["peroneal"].note


@pytest.mark.parametrize("bad", [True, 4, 101, 2.5, "20"])
def test_bad_n_stimuli_is_rejected(bad):
    with pytest.raises(ValueError, match="n_stimuli"):
        f_waves(simulate("ulnar"), n_stimuli=bad)


def test_bad_study_is_rejected():
    with pytest.raises(ValueError, match="study"):
        f_waves("ulnar")
