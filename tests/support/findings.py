"""Findings of the differential explorer (:mod:`widgets.differential`) that several tests start from."""

from __future__ import annotations

#: MMN at the bedside: weakness in the territory of several nerves, asymmetric, over eight weeks or more, without
#: sensory loss, upper motor neuron or bulbar signs (the course's differential tests and case 5, Mr E, add the
#: studies and tests to it).
MMN_AT_THE_BEDSIDE = {
    "distribution": "several_nerves",
    "symmetry": "asymmetric",
    "tempo": "eight_weeks_or_more",
    "sensory_loss": "none",
    "umn_signs": "absent",
    "bulbar": "absent",
}
