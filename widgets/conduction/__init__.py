"""Nerve conduction simulator of the MMN course.

Model (pure numpy): :func:`simulate` returns a :class:`Study` with the CMAP of
every stimulation site (a seed is a person: :func:`person`, with their own
height and so their own distances; seed 0 is the reference person with the
published mean values), recorded as set up (:mod:`recording`: electrode
position and low-frequency filter), their measurements, per-segment conduction block
verdicts (EFNS/PNS 2010), the SNAP, CIDP items and an interpretation in words.

Views: :func:`explorer` (live widget in JupyterLab/Voila, kernel-free figure in
the book), :func:`study_figure` (static stacked traces of one study),
:func:`measurement_table_html` (accessible tables), :func:`study_view` and
:func:`phase_cancellation_view` (figures with text alternatives for chapters).
"""

from widgets.conduction.cidp import cidp_category
from widgets.conduction.criteria import CRITERIA, BlockVerdict, classify_block
from widgets.conduction.figures import describe_study, study_figure, study_view
from widgets.conduction.phase_figure import phase_cancellation_figure, phase_cancellation_view
from widgets.conduction.tables import measurement_table, measurement_table_html
from widgets.conduction.fwaves import f_waves
from widgets.conduction.inching import inch
from widgets.conduction.lesions import Lesion
from widgets.conduction.model import PITFALLS, simulate
from widgets.conduction.patient import study_patient
from widgets.conduction.person import Person, person
from widgets.conduction.presets import PRESETS, Preset
from widgets.conduction.reference_values import NERVES, Nerve
from widgets.conduction.precomputed import kernel_free_figure
from widgets.conduction.stimulation import stimulus_response
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
    "Person",
    "Preset",
    "Study",
    "cidp_category",
    "classify_block",
    "describe_study",
    "explorer",
    "f_waves",
    "inch",
    "kernel_free_figure",
    "measurement_table",
    "measurement_table_html",
    "phase_cancellation_figure",
    "person",
    "phase_cancellation_view",
    "simulate",
    "stimulus_response",
    "study_patient",
    "study_figure",
    "study_view",
]
