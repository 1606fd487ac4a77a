"""Nerve conduction simulator of the MMN course.

Model (pure numpy): :func:`simulate` returns a :class:`Study` with the CMAP of
every stimulation site, their measurements, per-segment conduction block
verdicts (EFNS/PNS 2010), the SNAP, CIDP items and an interpretation in words.

Views: :func:`explorer` (live widget in JupyterLab/Voila, kernel-free figure in
the book), :func:`study_figure` (static stacked traces of one study),
:func:`measurement_table_html` (accessible tables), :func:`study_view` and
:func:`phase_cancellation_view` (figures with text alternatives for chapters).
"""

from widgets.conduction.criteria import CRITERIA, BlockVerdict, classify_block
from widgets.conduction.figures import (
    describe_study,
    measurement_table,
    measurement_table_html,
    phase_cancellation_figure,
    phase_cancellation_view,
    study_figure,
    study_view,
)
from widgets.conduction.lesions import Lesion
from widgets.conduction.model import PITFALLS, simulate
from widgets.conduction.presets import PRESETS, Preset
from widgets.conduction.reference_values import NERVES, Nerve
from widgets.conduction.static import kernel_free_figure
from widgets.conduction.study import Study
from widgets.conduction.views import ConductionExplorer, explorer

__all__ = [
    "CRITERIA",
    "NERVES",
    "PITFALLS",
    "PRESETS",
    "BlockVerdict",
    "ConductionExplorer",
    "Lesion",
    "Nerve",
    "Preset",
    "Study",
    "classify_block",
    "describe_study",
    "explorer",
    "kernel_free_figure",
    "measurement_table",
    "measurement_table_html",
    "phase_cancellation_figure",
    "phase_cancellation_view",
    "simulate",
    "study_figure",
    "study_view",
]
