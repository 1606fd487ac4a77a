"""The saltatory-conduction schematic: node states per step and the figure's slider."""

from __future__ import annotations

import pytest
from support.paths import ROOT

from widgets.pathophysiology import axon_figure, muscle_responds, node_states


def test_healthy_impulse_visits_every_node_in_order():
    n = 6
    for step in range(n):
        s = node_states(n, step)
        assert s[:step] == ["fired"] * step and s[step] == "firing"
        assert s[step + 1 :] == ["waiting"] * (n - step - 1)
    assert node_states(n, n) == ["fired"] * n
    assert muscle_responds(n, n) and not muscle_responds(n, n - 1)


def test_impulse_stops_at_the_blocked_node_and_never_reaches_the_muscle():
    n, b = 8, 4
    assert node_states(n, b - 1, b)[b] == "waiting"
    for step in range(b, n + 1):
        s = node_states(n, step, b)
        assert s[b] == "failed" and set(s[b + 1 :]) == {"silent"}
        assert "firing" not in s[b:]
    assert not muscle_responds(n, n, b)


@pytest.mark.parametrize("args, name", [((2, 0), "n_nodes"), ((5, 6), "step"), ((5, 0, 0), "blocked_node"), ((5, 0, 5), "blocked_node")])
def test_invalid_arguments_name_the_parameter(args, name):
    with pytest.raises(ValueError, match=name):
        node_states(*args)


def test_slider_steps_change_the_nodes_of_both_axons():
    fig = axon_figure(n_nodes=7, blocked_node=3)
    steps = fig.layout.sliders[0].steps
    assert len(steps) == 8
    symbols = [tuple(map(tuple, s.args[0]["marker.symbol"][:2])) for s in steps]
    assert len(set(symbols)) == len(steps)
    assert "no impulse" in steps[-1].args[0]["text"][2][1]
    assert "contract" in steps[-1].args[0]["text"][2][0]


# --- chapter 1 figure (widgets/epidemiology.py): feature frequencies only, each with a known source ---


def _bib_keys() -> set[str]:
    import re

    bib = (ROOT / "book" / "references.bib").read_text()
    return set(re.findall(r"@\w+\{([^,\s]+),", bib))


def test_epidemiology_rows_cite_known_sources_and_stay_percentages():
    from widgets.epidemiology import MMN_FREQUENCIES, Frequency

    keys = _bib_keys()
    assert MMN_FREQUENCIES and all(r.source in keys for r in MMN_FREQUENCIES)
    with pytest.raises(ValueError, match="percent"):
        Frequency("x", 101.0, "loscher2018", "")


def test_epidemiology_figure_does_not_headline_the_2005_cochrane_figure():
    """Issue 13: the 2005 '78% vs 4%' result is not a feature frequency; the 2022 review is taught in chapter 7."""
    from widgets.epidemiology import MMN_FREQUENCIES, frequency_figure

    assert all(r.source != "vanschaik2005cochrane" for r in MMN_FREQUENCIES)
    fig = frequency_figure()
    assert all("IVIg" not in label for label in fig.data[0].y)
    assert 78.0 not in [round(v, 1) for v in fig.data[0].x]
