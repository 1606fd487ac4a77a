"""Schematic of saltatory conduction along a myelinated motor axon, and of its failure at one site.

A teaching drawing, not a biophysical model: the impulse is shown jumping from
one node of Ranvier to the next, one node per slider step. In the lower axon
the impulse cannot pass one damaged site, so nothing reaches the muscle from
that axon: a conduction block. The drawing says nothing about *what* is
damaged at that site (in MMN this is debated; see the chapter text).

:func:`node_states` is the pure part (which node does what at each step);
:func:`axon_figure` draws it with a pure-JavaScript plotly slider.
"""

from __future__ import annotations

from typing import Literal

import plotly.graph_objects as go

from widgets import palette

NodeState = Literal["waiting", "firing", "fired", "failed", "silent"]

#: Marker of each node state: (symbol, colour, size). Symbol and colour both change, so colour is not the only cue.
NODE_STYLE: dict[str, tuple[str, str, int]] = {
    "waiting": ("circle-open", "#777777", 12),
    "firing": ("star", palette.PATIENT.color, 24),
    "fired": ("circle", palette.NORMAL.color, 13),
    "failed": ("x-thin-open", "#000000", 22),
    "silent": ("square-open", "#595959", 11),
}

MYELIN = "#e8d8a8"
AXON = "#555555"
ROWS = {"healthy": 2.6, "block": 0.0}


def node_states(n_nodes: int, step: int, blocked_node: int | None = None) -> list[NodeState]:
    """State of every node after ``step`` jumps (the impulse starts at node 0 at step 0).

    With ``blocked_node`` the impulse never fires there or beyond: the blocked
    node shows ``"failed"`` once the impulse has reached the node before it,
    and the nodes beyond stay ``"silent"``.
    """
    if isinstance(n_nodes, bool) or not isinstance(n_nodes, int) or n_nodes < 3:
        raise ValueError(f"n_nodes must be a whole number of at least 3, got {n_nodes!r}")
    if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step <= n_nodes:
        raise ValueError(f"step must be a whole number from 0 to {n_nodes}, got {step!r}")
    if blocked_node is not None and (
        isinstance(blocked_node, bool) or not isinstance(blocked_node, int) or not 1 <= blocked_node < n_nodes
    ):
        raise ValueError(f"blocked_node must be None or a whole number from 1 to {n_nodes - 1}, got {blocked_node!r}")
    states: list[NodeState] = []
    for i in range(n_nodes):
        if blocked_node is not None and i >= blocked_node:
            reached = step >= blocked_node
            states.append("failed" if i == blocked_node and reached else ("silent" if reached else "waiting"))
        elif i < step:
            states.append("fired")
        elif i == step:
            states.append("firing")
        else:
            states.append("waiting")
    return states


def muscle_responds(n_nodes: int, step: int, blocked_node: int | None = None) -> bool:
    """True once the impulse has passed the last node (never, if a node is blocked)."""
    states = node_states(n_nodes, step, blocked_node)
    return step == n_nodes and blocked_node is None and states[-1] == "fired"


def _node_update(n_nodes: int, step: int, blocked_node: int) -> dict[str, list]:
    rows = [node_states(n_nodes, step, None), node_states(n_nodes, step, blocked_node)]
    return {
        "marker.symbol": [[NODE_STYLE[s][0] for s in r] for r in rows],
        "marker.color": [[NODE_STYLE[s][1] for s in r] for r in rows],
        "marker.size": [[NODE_STYLE[s][2] for s in r] for r in rows],
    }


def _muscle_text(n_nodes: int, step: int, blocked_node: int) -> tuple[str, str]:
    # short lines: the text sits in the muscle box (labelled "muscle" above it), on a phone too
    healthy = "fibres<br>contract" if muscle_responds(n_nodes, step) else "waiting"
    block = "no impulse:<br>fibres<br>stay still" if step >= blocked_node else "waiting"
    return healthy, block


def axon_figure(n_nodes: int = 9, blocked_node: int = 5) -> go.Figure:
    """Two motor axons side by side, a healthy one and one with a conduction block, with a step slider."""
    node_states(n_nodes, 0, blocked_node)  # validates the arguments
    xs = list(range(n_nodes))
    length = n_nodes - 1
    fig = go.Figure()
    shapes = []
    for name, y in ROWS.items():
        # axon line, then myelin sheaths over each internode (gaps at the nodes)
        shapes.append(dict(type="line", x0=-0.6, x1=length + 0.6, y0=y, y1=y, line=dict(color=AXON, width=3)))
        for i in range(length):
            shapes.append(
                dict(
                    type="rect",
                    x0=i + 0.14,
                    x1=i + 0.86,
                    y0=y - 0.32,
                    y1=y + 0.32,
                    line=dict(color="#9c8540", width=1),
                    fillcolor=MYELIN,
                    layer="below",
                )
            )
        if name == "block":
            # the damaged site: the node and the ends of the myelin next to it, without saying what is damaged
            shapes.append(
                dict(
                    type="rect",
                    x0=blocked_node - 0.42,
                    x1=blocked_node + 0.42,
                    y0=y - 0.55,
                    y1=y + 0.55,
                    line=dict(color=palette.PATIENT.color, width=2, dash="dash"),
                    fillcolor=palette.SHADE,
                    layer="below",
                )
            )
        # the muscle at the end of each axon
        shapes.append(
            dict(type="rect", x0=length + 0.6, x1=length + 2.0, y0=y - 0.55, y1=y + 0.55, fillcolor="#f1d3d3", line=dict(color="#a15c5c"), layer="below")
        )
    healthy0, block0 = _muscle_text(n_nodes, 0, blocked_node)
    update0 = _node_update(n_nodes, 0, blocked_node)
    for k, (name, y) in enumerate(ROWS.items()):
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[y] * n_nodes,
                mode="markers",
                marker=dict(
                    symbol=update0["marker.symbol"][k],
                    color=update0["marker.color"][k],
                    size=update0["marker.size"][k],
                    opacity=1,
                    line=dict(width=2),
                ),
                hovertext=[f"node of Ranvier {i + 1}" + (" (site of the block)" if name == "block" and i == blocked_node else "") for i in xs],
                hoverinfo="text",
                name="healthy axon" if name == "healthy" else "axon with a conduction block",
                showlegend=False,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[length + 1.3, length + 1.3],
            y=[ROWS["healthy"], ROWS["block"]],
            mode="text",
            text=[healthy0, block0],
            textfont=dict(size=11),
            cliponaxis=False,
            hoverinfo="skip",
            showlegend=False,
        )
    )
    steps = []
    for step in range(n_nodes + 1):
        upd = _node_update(n_nodes, step, blocked_node)
        healthy, block = _muscle_text(n_nodes, step, blocked_node)
        upd = {k: v + [None] for k, v in upd.items()}
        upd["text"] = [None, None, [healthy, block]]
        steps.append(
            dict(
                label=str(step),
                method="restyle",
                args=[upd, [0, 1, 2]],
            )
        )
    annotations = [
        dict(x=-0.6, y=ROWS["healthy"] + 0.95, text="<b>Healthy motor axon</b>", showarrow=False, xanchor="left"),
        dict(
            x=-0.6,
            y=ROWS["block"] + 0.95,
            text=f"<b>Axon with a conduction block</b> at node {blocked_node + 1}",
            showarrow=False,
            xanchor="left",
        ),
        # far enough apart that the two labels do not meet on a 390 px phone
        dict(x=0.5, y=ROWS["healthy"] - 0.32, ax=0, ay=40, text="myelin sheath", arrowhead=2, font=dict(size=12)),
        dict(x=min(4, n_nodes - 1), y=ROWS["healthy"] - 0.1, ax=0, ay=44, text="node of Ranvier", arrowhead=2,
             font=dict(size=12)),
        dict(
            x=blocked_node,
            y=ROWS["block"] - 0.55,
            ax=0,
            ay=20,
            text="damaged site (what is damaged is debated)",
            arrowhead=2,
            font=dict(size=12, color=palette.PATIENT_TEXT),
        ),
        dict(
            x=length / 2,
            y=-1.3,
            text="● impulse has passed   ★ impulse here now   ○ not reached yet   × impulse fails here",
            showarrow=False,
            font=dict(size=12),
        ),
        dict(x=-0.6, y=ROWS["healthy"] + 0.45, text="from the spinal cord", showarrow=False, xanchor="left", font=dict(size=11)),
        dict(x=-0.6, y=ROWS["block"] + 0.45, text="from the spinal cord", showarrow=False, xanchor="left", font=dict(size=11)),
        dict(x=length + 1.3, y=ROWS["healthy"] + 0.75, text="muscle", showarrow=False, font=dict(size=12)),
        dict(x=length + 1.3, y=ROWS["block"] + 0.75, text="muscle", showarrow=False, font=dict(size=12)),
    ]
    fig.update_layout(
        title=dict(text="How conduction fails at one site<br><span style='font-size:12px'>Schematic, not to scale</span>"),
        shapes=shapes,
        annotations=annotations,
        height=500,
        margin=dict(l=20, r=20, t=60, b=70),
        xaxis=dict(visible=False, range=[-0.8, length + 2.1], fixedrange=True),
        yaxis=dict(visible=False, range=[-1.5, ROWS["healthy"] + 1.3], fixedrange=True),
        hovermode="closest",
        sliders=[
            dict(
                active=0,
                currentvalue=dict(prefix="Jumps of the impulse: "),
                pad=dict(t=5),
                steps=steps,
            )
        ],
    )
    return fig
