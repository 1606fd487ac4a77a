"""The state of one muscle under the needle: what disease has done to its motor units.

:class:`MuscleState` is a frozen dataclass of validated numbers; :data:`STATES`
names the teaching states of the simulator (normal, acute denervation, chronic
reinnervation, reduced recruitment, fasciculations, pure conduction block,
myopathy). Presets (:mod:`widgets.emg.presets`) combine them per muscle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def _number(name: str, value: object, lo: float, hi: float) -> float:
    if isinstance(value, bool) or value is None or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number in [{lo:g}, {hi:g}], got {value!r}")
    v = float(value)
    if not math.isfinite(v) or not lo <= v <= hi:
        raise ValueError(f"{name} must be a number in [{lo:g}, {hi:g}], got {value!r}")
    return v


@dataclass(frozen=True)
class MuscleState:
    """What has happened to the motor units of one muscle.

    Parameters
    ----------
    denervation
        Fibrillation potentials and positive sharp waves, graded 0 to 4 (0 to 4+).
    fasciculations_per_s
        Fasciculation potentials per second in the needle's pick-up (0 to 5).
    axon_loss
        Fraction of motor units whose axon has degenerated (0 to 0.95).
    reinnervation
        Completeness of collateral reinnervation of the orphaned fibres by surviving units (0 to 1):
        enlarged, long, polyphasic MUPs.
    instability
        Fraction of the new sprouts' fibres that jitter and block from firing to firing (0 to 1):
        unstable MUPs of ongoing reinnervation.
    block
        Fraction of motor axons blocked proximal to the muscle (0 to 0.95): they cannot be recruited
        voluntarily, but their fibres stay innervated (no denervation, no remodelling).
    myopathy
        Fraction of muscle fibres lost from every motor unit (0 to 0.9): small, short, polyphasic MUPs and
        early recruitment.
    """

    denervation: int = 0
    fasciculations_per_s: float = 0.0
    axon_loss: float = 0.0
    reinnervation: float = 0.0
    instability: float = 0.0
    block: float = 0.0
    myopathy: float = 0.0

    def __post_init__(self):
        d = self.denervation
        if isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 4:
            raise ValueError(f"denervation must be an integer grade 0 to 4, got {d!r}")
        for name, lo, hi in (("fasciculations_per_s", 0, 5), ("axon_loss", 0, 0.95), ("reinnervation", 0, 1),
                             ("instability", 0, 1), ("block", 0, 0.95), ("myopathy", 0, 0.9)):
            object.__setattr__(self, name, _number(name, getattr(self, name), lo, hi))

    @property
    def unavailable(self) -> float:
        """Fraction of the units that cannot be recruited voluntarily (lost or blocked)."""
        return 1.0 - (1.0 - self.axon_loss) * (1.0 - self.block)

    @property
    def is_normal(self) -> bool:
        """Whether every field has its normal (default) value."""
        return self == MuscleState()


#: The teaching states of the issue, one per finding.
STATES: dict[str, MuscleState] = {
    "normal": MuscleState(),
    "acute_denervation": MuscleState(denervation=3, axon_loss=0.6),
    "chronic_reinnervation": MuscleState(axon_loss=0.7, reinnervation=0.9, instability=0.4),
    "reduced_recruitment": MuscleState(axon_loss=0.75, reinnervation=0.5),
    "fasciculations": MuscleState(fasciculations_per_s=2.0, axon_loss=0.5, reinnervation=0.8, instability=0.3),
    "conduction_block": MuscleState(block=0.8),
    "myopathic": MuscleState(myopathy=0.6, denervation=1),
}

STATE_LABELS: dict[str, str] = {
    "normal": "Normal",
    "acute_denervation": "Acute denervation (fibrillations 3+)",
    "chronic_reinnervation": "Chronic neurogenic change (reinnervated units)",
    "reduced_recruitment": "Reduced recruitment",
    "fasciculations": "Fasciculation potentials with chronic change",
    "conduction_block": "Pure conduction block (MMN)",
    "myopathic": "Myopathic (inclusion body myositis)",
}


def get_state(name: object) -> MuscleState:
    """The teaching state called ``name``.

    Raises
    ------
    ValueError
        If ``name`` is not a key of :data:`STATES`.
    """
    if not isinstance(name, str) or name not in STATES:
        raise ValueError(f"state must be one of {list(STATES)}, got {name!r}")
    return STATES[name]
