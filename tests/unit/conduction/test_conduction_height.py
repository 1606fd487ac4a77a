"""Height: a person's height scales the distances between stimulation sites, hence latencies and F-waves.

Published relation the test holds the model to: F-wave minimal latency rises linearly with height; in 100 healthy
adults aged 18-40 the R² of minimal latency against height was 0.755 (median), 0.761 (ulnar), 0.739 (tibial) and
0.650 (peroneal) (Gupta S, Singh R. Study of F-wave components in a control population of young adults. Cureus
2025, doi 10.7759/cureus.81059; book key gupta2025fwave). Nobrega et al. 2004 (nobrega2004fwave) adjust F
latencies with a height nomogram for the same reason.

Taller people also conduct more slowly: ulnar motor CV correlated with height with r = -0.536 (right) and -0.430
(left) in 34 healthy adults (Thakur et al., J Clin Diagn Res 2011;5:260, thakur2011height); height explained
"almost 50%" of the between-person variability of peroneal CV in 40 controls (Campbell, Ward & Swift, Muscle Nerve
1981;4:520, campbell1981height).

Between-person SD of the F-wave minimal latency over 32 stimuli in 100 healthy volunteers: ulnar 26.5 ± 2.1 ms,
tibial 47.0 ± 4.1 ms (Nobrega JAM et al., Clin Neurophysiol 2004;115:2336, nobrega2004fwave).
"""

from __future__ import annotations

import numpy as np
import pytest

from widgets.conduction import f_waves, simulate
from widgets.conduction.person import height_of, person, person_nerve
from widgets.conduction.reference_values import NERVES

#: R² of F-wave minimal latency against height (Gupta & Singh 2025), typed from the paper
PUBLISHED_R2 = {"median": 0.755, "ulnar": 0.761, "tibial": 0.739, "peroneal": 0.650}
PEOPLE = range(1, 121)
#: SD of the F-wave minimal latency (ms) in 100 healthy volunteers (Nobrega et al. 2004), typed from the paper
NOBREGA_SD_MS = {"ulnar": 2.1, "tibial": 4.1}


def test_a_seed_has_one_height_in_every_nerve_and_seed_0_is_the_reference_geometry():
    for seed in (1, 5, 42):
        heights = {person(n, seed).height_cm for n in NERVES}
        assert len(heights) == 1 and heights == {height_of(seed)}
    for n, spec in NERVES.items():
        assert person_nerve(n, 0) is spec
        assert simulate(n).settings.nerve is spec


@pytest.mark.parametrize("nerve", list(NERVES))
def test_only_the_distances_between_sites_scale_with_height(nerve):
    spec = NERVES[nerve]
    for seed in (2, 9):
        own = simulate(nerve, seed=seed).settings.nerve
        scale = height_of(seed) / 170.0
        assert own.sites[0].distance_mm == spec.sites[0].distance_mm  # the standard distal distance is fixed
        for a, b in zip(own.sites[1:], spec.sites[1:]):
            assert a.distance_mm - own.sites[0].distance_mm == pytest.approx((b.distance_mm - spec.sites[0].distance_mm)
                                                                            * scale)


@pytest.fixture(scope="module")
def people():
    out = {}
    for nerve in NERVES:
        h, lat, prox, cv = [], [], [], []
        for seed in PEOPLE:
            s = simulate(nerve, seed=seed)
            h.append(height_of(seed))
            lat.append(f_waves(s, n_stimuli=32).min_latency_ms)
            prox.append(s.sites[-1].latency_ms)
            cv.append(s.segment("leg").cv_m_s if nerve == "peroneal" else s.segments[0].cv_m_s)
        out[nerve] = np.array(h), np.array(lat), np.array(prox), np.array(cv)
    return out


@pytest.mark.parametrize("nerve", list(NERVES))
def test_taller_people_have_longer_f_wave_and_proximal_latencies(people, nerve):
    h, lat, prox, _ = people[nerve]
    for y in (lat, prox):
        slope = np.polyfit(h, y, 1)[0]
        r2 = np.corrcoef(h, y)[0, 1] ** 2
        assert slope > 0 and r2 >= 0.05  # the direction of the published relation, clearly above chance (n=120)


@pytest.mark.parametrize("nerve", [
    "ulnar", "tibial", "peroneal",
    pytest.param("median", marks=pytest.mark.xfail(strict=True, reason=(
        "known gap: R² about 0.55 vs 0.755; distances and the height link the median CV may have "
        "(|r| < 0.34, thakur2011height) leave the model's other residual (segments, distal latency, the fastest "
        "axon of the pool) too large"))),
])
def test_height_explains_as_much_of_the_f_wave_latency_as_in_gupta_2025(people, nerve):
    # Gupta & Singh 2025 (n=100): R² 0.755 (median), 0.761 (ulnar), 0.739 (tibial), 0.650 (peroneal). Sampling error
    # of R² near 0.7 is about ±0.05 at n=100 and n=120 each (2ρ(1-ρ²)/√n), so ±0.15 is about two combined
    # standard errors. The previous split of velocity (no height link, a 4.7% whole-nerve part) gave 0.24 for the
    # median; the height link the median may have (|r| < 0.34, thakur2011height) brings it to about 0.55.
    h, lat, _, _ = people[nerve]
    r2 = np.corrcoef(h, lat)[0, 1] ** 2
    assert PUBLISHED_R2[nerve] - 0.15 <= r2 <= PUBLISHED_R2[nerve] + 0.15, r2


@pytest.mark.parametrize("nerve", ["ulnar", "tibial"])
def test_f_wave_minimal_latency_varies_between_people_as_in_nobrega_2004(people, nerve):
    # Nobrega 2004 (n=100): SD 2.1 ms (ulnar), 4.1 ms (tibial). The standard error of a sample SD is about
    # SD/√(2(n-1)): 7% at n=100, 6.5% at n=120, about 10% for the difference of the two; ±20% is two of them.
    # The model's population height SD (9 cm) is not Nobrega's (not reported in the abstract), another reason
    # for the width.
    _, lat, _, _ = people[nerve]
    sd = float(np.std(lat, ddof=1))
    assert 0.8 * NOBREGA_SD_MS[nerve] <= sd <= 1.2 * NOBREGA_SD_MS[nerve], sd


@pytest.mark.parametrize("nerve,low,high", [
    pytest.param("ulnar", 0.43**2 - 0.1, 0.536**2 + 0.15, id="ulnar"),  # thakur2011height: r = -0.430 / -0.536
    pytest.param("peroneal", 0.30, 0.60, id="peroneal"),  # campbell1981height: "almost 50%" of the variability
])
def test_taller_people_conduct_more_slowly_as_published(people, nerve, low, high):
    h, _, _, cv = people[nerve]  # forearm (ulnar) or leg (peroneal) CV
    r = np.corrcoef(h, cv)[0, 1]
    assert r < 0 and low <= r**2 <= high, r
