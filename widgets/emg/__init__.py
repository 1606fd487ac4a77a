"""Needle EMG simulator of the MMN course.

Model (pure numpy): :func:`simulate` returns a :class:`Recording` of one muscle
in one phase of the examination (insertion, rest, minimal and maximal
contraction) for one person (a seed), in a :class:`MuscleState` or a disease
:data:`PRESETS` entry; :func:`regions` reads every sampled muscle and applies
the Awaji/Gold Coast regions rule. Published values live in
:mod:`widgets.emg.reference_values`.

Views: :func:`explorer` (live widget with a kernel; in the book the screen is
computed in the page by ``book/_ext/mmn_book/js/emg-*.js`` from the table
``book/_ext/mmn_book/emg_tables.py`` exports from this package, with sound made
by Web Audio on request), :func:`~widgets.emg.views.sample_patient` (the
regions-rule exercise, live or in the page), :func:`recording_figure`,
:func:`regions_table_html`.
"""

from widgets.emg.model import Recording, recruitment_frequency, simulate
from widgets.emg.presets import PRESETS, Preset, get_preset
from widgets.emg.reference_values import MUSCLES, PHASES, REGIONS
from widgets.emg.regions import MuscleFinding, RegionsResult, read_muscle, regions
from widgets.emg.state import STATES, MuscleState
from widgets.emg.views import explorer, regions_table_html

__all__ = [
    "MUSCLES",
    "PHASES",
    "PRESETS",
    "REGIONS",
    "STATES",
    "MuscleFinding",
    "MuscleState",
    "Preset",
    "Recording",
    "RegionsResult",
    "explorer",
    "get_preset",
    "read_muscle",
    "recruitment_frequency",
    "regions",
    "regions_table_html",
    "simulate",
]
