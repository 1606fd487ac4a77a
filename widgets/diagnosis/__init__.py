"""MMN by the EFNS/PNS 2010 guideline.

The categories as data (:mod:`.criteria`), invented example patients (:mod:`.cases`) and the flowchart
that shows a patient's path (:mod:`.figures`).
"""

from widgets.diagnosis.cases import CASES, Case
from widgets.diagnosis.criteria import (
    CATEGORIES,
    EXCLUSIONS,
    IVIG_RESPONSE,
    QUESTIONS,
    SOURCE,
    SUPPORTIVE_INVESTIGATIONS,
    Step,
    Verdict,
    category,
)
from widgets.diagnosis.figures import flowchart

__all__ = ["CASES", "CATEGORIES", "EXCLUSIONS", "IVIG_RESPONSE", "QUESTIONS", "SOURCE", "SUPPORTIVE_INVESTIGATIONS",
           "Case", "Step", "Verdict", "category", "flowchart"]
