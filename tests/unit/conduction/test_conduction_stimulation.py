"""Stimulus-response (widgets.conduction.stimulation): submaximal stimulation and current spread seen as curves.

Qualitative physiology (facts sheet §5: submaximal stimulation is a pitfall that mimics conduction block; large
axons have the lowest thresholds); the currents themselves are illustrative model values and are not tested
against any clinical number.
"""

from __future__ import annotations

import numpy as np
import pytest

from widgets.conduction import simulate
from widgets.conduction.stimulation import pseudo_block, stimulus_response, stimulus_response_view


def test_response_rises_to_the_supramaximal_amplitude_and_stays_there():
    st = simulate("median", seed=3)
    r = stimulus_response(st, "wrist")
    assert np.all(np.diff(r.own_mv) >= -1e-12)  # never falls as current rises
    assert r.own_mv[0] == 0.0
    assert r.own_mv[-1] == pytest.approx(st.site("wrist").amplitude_mv)


def test_proximal_sites_need_more_current_and_a_fixed_current_makes_a_pseudo_block():
    st = simulate("median", seed=3)
    wrist, erb = stimulus_response(st, "wrist"), stimulus_response(st, "erb")
    assert erb.current_for(0.95) > 2 * wrist.current_for(0.95)
    same, true = pseudo_block("median", 40.0, seed=3)
    assert same < 0.5 <= true  # the same current "blocks" a normal nerve; supramaximal stimulation does not


def test_current_spread_adds_a_potential_beyond_the_true_maximum():
    st = simulate("median", seed=3)
    r = stimulus_response(st, "wrist")
    assert r.total_mv.max() > 1.1 * r.supramaximal_mv
    supra = r.current_for(0.99)
    assert r.spread_mv[r.currents_ma <= supra].max() < 0.05 * r.supramaximal_mv  # not at just-supramaximal


def test_large_axons_are_excited_first():
    from widgets.conduction.pool import motor_pool

    st = simulate("ulnar", seed=2)
    r = stimulus_response(st, "wrist", np.array([6.0, 100.0]))
    pool = motor_pool("ulnar", 2)
    # at a low current the response share exceeds the share of axons excited: the big ones go first
    first = pool.threshold < np.quantile(pool.threshold, 0.3)
    assert pool.size[first].mean() > pool.size.mean()
    assert r.own_mv[0] < r.own_mv[1]


@pytest.mark.parametrize("kwargs, name", [
    (dict(site="nowhere"), "site"), (dict(currents_ma=np.array([-1.0])), "currents_ma"),
    (dict(currents_ma=np.array([200.0])), "currents_ma"),
])
def test_bad_arguments_are_rejected(kwargs, name):
    with pytest.raises(ValueError, match=name):
        stimulus_response(simulate("median"), **kwargs)
    with pytest.raises(ValueError, match="study"):
        stimulus_response("median")


def test_view_has_a_text_alternative():
    v = stimulus_response_view()
    assert "pseudo-block" in v.alt and "supramaximal" in v.alt
