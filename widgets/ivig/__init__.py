"""IVIg response model of the MMN course: why patients need IVIg again and again.

Pure numpy/scipy model (no UI code in the model modules):

* :mod:`~widgets.ivig.pharmacokinetics` — serum IgG, FcRn-saturable catabolism, SCIg depot;
* :mod:`~widgets.ivig.response` — effect delay, block relief, slow axon loss, wear-off;
* :mod:`~widgets.ivig.patients` — :class:`Patient` and the virtual :func:`cohort`;
* :mod:`~widgets.ivig.regimens` — :func:`induction`, :func:`maintenance`, :func:`scig`,
  :func:`no_treatment` and :meth:`Regimen.then`;
* :mod:`~widgets.ivig.course` — :func:`simulate` → :class:`Course`;
* :mod:`~widgets.ivig.parameters` — every number with its source.

Views: :func:`explorer` (one notebook cell: live widget in a kernel,
kernel-free figure in the book) and :func:`course_figure` (static figure).

The model is for teaching: it reproduces published averages, it does not
predict an individual patient's course.
"""

from widgets.ivig.course import Course, simulate
from widgets.ivig.patients import Patient, cohort
from widgets.ivig.regimens import Regimen, induction, maintenance, no_treatment, scig
from widgets.ivig.static import course_figure
from widgets.ivig.views import explorer

__all__ = [
    "Course",
    "Patient",
    "Regimen",
    "cohort",
    "course_figure",
    "explorer",
    "induction",
    "maintenance",
    "no_treatment",
    "scig",
    "simulate",
]
