"""Body map: where weakness appears over time in MMN, ALS and typical CIDP.

A schematic teaching illustration, not patient data:

* :mod:`~widgets.bodymap.regions` — the body regions and which are neighbours (pure data);
* :mod:`~widgets.bodymap.patterns` — each disease's findings at years 0, 1, 3 and 5 (pure data);
* :mod:`~widgets.bodymap.figures` — plotly drawing, one state or all states with pure-JS controls;
* :mod:`~widgets.bodymap.views` — the live ipywidgets view.

Public functions: :func:`figure` (one disease at one time point) and
:func:`explorer` (one notebook cell: live widget in a kernel, kernel-free
figure in the book).
"""

from __future__ import annotations

from widgets.bodymap.figures import explorer_figure, figure
from widgets.bodymap.patterns import DISEASES, PATTERNS, YEARS, pattern
from widgets.display import Explorable

__all__ = ["DISEASES", "PATTERNS", "YEARS", "explorer", "explorer_figure", "figure", "pattern"]

ALT = (
    "Schematic body map of weakness over five years. Multifocal motor neuropathy: weakness appears in single nerve "
    "territories one after another (right hand, then right forearm, then right lower leg, then left hand), asymmetric, "
    "with no sensory loss, no upper motor neuron signs and no bulbar weakness. ALS: weakness starts in the right hand and "
    "spreads to neighbouring regions on both sides, to the bulbar muscles and the trunk, with upper motor neuron signs. "
    "Typical CIDP: symmetric weakness of proximal and distal muscles of all four limbs from the start, with sensory loss "
    "in the hands, forearms and legs. Each region shows its weakness grade as a number (1 mild, 2 moderate, 3 severe), "
    "a fill pattern and a shade of blue; S marks sensory loss and U upper motor neuron signs."
)


def explorer(disease: str = "mmn") -> Explorable:
    """The body map as one notebook cell: dropdown and slider with a kernel, plotly controls in the book."""

    def live():
        from widgets.bodymap.views import live_view

        return live_view()

    return Explorable(live=live, static=lambda: explorer_figure(disease), alt=ALT)
