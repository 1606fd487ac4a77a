"""The saltatory-conduction schematic: node states per step and the figure's slider."""

from __future__ import annotations

import pytest

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
