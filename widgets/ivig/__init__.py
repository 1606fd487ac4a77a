"""IVIg response model of the MMN course: why patients need IVIg again and again.

Pure numpy/scipy model (no UI code in the model modules):

* :mod:`~widgets.ivig.pharmacokinetics` — serum IgG: endogenous production, one saturable FcRn
  mechanism (the half-life follows from it), SCIg depot;
* :mod:`~widgets.ivig.response` — effect delay, clinical relief (strength), the measured block, slow
  axon loss, wear-off;
* :mod:`~widgets.ivig.patients` — :class:`Patient`, :func:`person` (a seed is a person) and :func:`cohort`;
* :mod:`~widgets.ivig.variability` — day-to-day fluctuation and measurement error within a person;
* :mod:`~widgets.ivig.trial` — :func:`~widgets.ivig.trial.run_trial`, a virtual crossover or parallel trial;
* :mod:`~widgets.ivig.trial_outcomes` — outcomes of a trial visit (grip, MRC sum, disability grade, conduction block);
* :mod:`~widgets.ivig.titration` — :func:`titrate`: reduce dose or lengthen the interval until wear-off;
* :mod:`~widgets.ivig.regimens` — :func:`induction`, :func:`maintenance`, :func:`scig`,
  :func:`no_treatment` and :meth:`Regimen.then`;
* :mod:`~widgets.ivig.course` — :func:`simulate` → :class:`Course`;
* :mod:`~widgets.ivig.parameters` — every number with its source;
* :mod:`~widgets.ivig.explorer_state` — what the explorer's controls describe (the reference of the book's
  in-page explorer, whose JavaScript port ``book/_ext/mmn_book/js/ivig-model.js`` parity tests hold to this package).

Views: :func:`explorer` (one notebook cell: live widget in a kernel,
the in-page JavaScript explorer in the book, optionally at an exercise's starting state), :func:`course_figure` (static figure) and
:func:`widgets.ivig.trial_views.trial_explorer` (the virtual trial).

The model is for teaching: it reproduces published averages, it does not
predict an individual patient's course.
"""

from widgets.ivig.course import Course, simulate
from widgets.ivig.patients import Patient, cohort, person
from widgets.ivig.regimens import Regimen, induction, maintenance, no_treatment, scig, scig_from_ivig
from widgets.ivig.titration import Titration, titrate
from widgets.ivig.static import course_figure
from widgets.ivig.views import explorer

__all__ = [
    "Course",
    "Patient",
    "person",
    "Regimen",
    "cohort",
    "course_figure",
    "explorer",
    "induction",
    "maintenance",
    "no_treatment",
    "scig",
    "scig_from_ivig",
    "titrate",
    "Titration",
    "simulate",
]
