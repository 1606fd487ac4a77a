"""Disease presets: the state of every muscle in a patient with a given disease at a given stage.

A preset names the muscles disease has touched (all others are normal), the
clinically weak muscles, and the regions with upper motor neuron signs (for
the Gold Coast rule). The patterns follow the course text: MMN stays in the
territories of the blocked nerves, with denervation only once axons are lost;
ALS spreads across regions, with denervation and chronic neurogenic change in
clinically normal muscles, the thoracic paraspinals and the tongue
(``decarvalho2008awaji``, ``shefner2020goldcoast``); a C8 radiculopathy stays
in one myotome and its paraspinal muscle; inclusion body myositis is
myopathic with fibrillations, in finger flexors and quadriceps
(``preston2020``, ``machado2013ibm``). The severities are illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from widgets.emg.reference_values import MUSCLES, get_muscle
from widgets.emg.state import MuscleState

_ACTIVE = MuscleState(denervation=2, fasciculations_per_s=1.5, axon_loss=0.65, reinnervation=0.8, instability=0.5)
_ACTIVE_SEVERE = MuscleState(denervation=3, fasciculations_per_s=2.0, axon_loss=0.8, reinnervation=0.7,
                             instability=0.6)
_MILD = MuscleState(denervation=1, fasciculations_per_s=0.8, axon_loss=0.6, reinnervation=0.9, instability=0.4)
_FASC_CHRONIC = MuscleState(fasciculations_per_s=1.0, axon_loss=0.7, reinnervation=0.9, instability=0.4)
_CHRONIC_ONLY = MuscleState(axon_loss=0.5, reinnervation=0.8)


@dataclass(frozen=True)
class Preset:
    """A patient: ``states`` of the touched muscles, the ``weak`` muscles, regions with UMN signs."""

    key: str
    title: str
    summary: str
    states: dict[str, MuscleState] = field(default_factory=dict)
    weak: tuple[str, ...] = ()
    umn_regions: tuple[str, ...] = ()
    typical_muscle: str = "fdi"
    short: str = ""
    sources: tuple[str, ...] = ("preston2020",)

    def __post_init__(self):
        if not self.short:
            object.__setattr__(self, "short", _SHORT.get(self.key, self.title))
        for m in (*self.states, *self.weak, self.typical_muscle):
            get_muscle(m)

    def state(self, muscle: str) -> MuscleState:
        """State of one muscle in this patient.

        Parameters
        ----------
        muscle : str
            Key of a muscle in the reference table (ValueError otherwise).

        Returns
        -------
        MuscleState
            The preset's state of that muscle, a normal state if the preset does not touch it.
        """
        get_muscle(muscle)
        return self.states.get(muscle, MuscleState())

    def __hash__(self) -> int:
        return hash(self.key)


#: Short titles for menus at phone width.
_SHORT = {"mmn_block": "MMN block", "mmn_axonal": "MMN + axon loss", "als_bulbar": "ALS bulbar, early",
          "als_cervical": "ALS cervical, early", "als_lumbosacral": "ALS lumbosacral, early", "als_late": "ALS late",
          "radiculopathy_c8": "C8 radiculopathy", "ibm": "IBM"}


def _all(keys, state):
    return {k: state for k in keys}


PRESETS: dict[str, Preset] = {
    p.key: p
    for p in (
        Preset("normal", "Normal", "A healthy person: no spontaneous activity, normal MUPs, full interference."),
        Preset(
            "mmn_block", "MMN: conduction block only",
            "Weak ulnar hand muscles and finger extensors from conduction block in the ulnar and radial nerves. "
            "The axons are intact: reduced recruitment of normal MUPs, no fibrillations, no remodelled units.",
            {"fdi": MuscleState(block=0.9), "adm": MuscleState(block=0.9), "fdp": MuscleState(block=0.9),
             "edc": MuscleState(block=0.9)},
            weak=("fdi", "adm", "fdp", "edc"), sources=("efnspns2010mmn", "preston2020")),
        Preset(
            "mmn_axonal", "MMN years later: block with secondary axon loss",
            "The same nerves after years: block persists and some axons have degenerated. Fibrillations and "
            "reinnervated MUPs appear, but only in the weak nerve territories; tongue and paraspinals are normal.",
            {"fdi": MuscleState(block=0.5, denervation=1, axon_loss=0.5, reinnervation=0.8, instability=0.3),
             "adm": MuscleState(block=0.4, denervation=1, axon_loss=0.4, reinnervation=0.8, instability=0.3),
             "fdp": MuscleState(block=0.4, axon_loss=0.3, reinnervation=0.8),
             "edc": MuscleState(block=0.5, denervation=2, axon_loss=0.6, reinnervation=0.8, instability=0.3)},
            weak=("fdi", "adm", "fdp", "edc"), sources=("efnspns2010mmn", "preston2020")),
        Preset(
            "als_bulbar", "ALS, bulbar onset (early)",
            "Slurred speech: denervation and fasciculations in the tongue; a first limb muscle shows "
            "fasciculations with chronic change.",
            {"tongue": _ACTIVE, "fdi": _FASC_CHRONIC},
            weak=("tongue",), umn_regions=("bulbar",), typical_muscle="tongue",
            sources=("decarvalho2008awaji", "shefner2020goldcoast")),
        Preset(
            "als_cervical", "ALS, cervical onset (early)",
            "A weak, wasted hand (split hand: APB and FDI more than ADM). Denervation and chronic change spread "
            "through the arm, including clinically normal muscles; legs and tongue not yet.",
            {"apb": _ACTIVE_SEVERE, "fdi": _ACTIVE_SEVERE, "adm": _MILD, "fpl": _ACTIVE, "edc": _ACTIVE,
             "triceps": _MILD, "biceps": _MILD, "deltoid": _FASC_CHRONIC, "cervical_paraspinal": _MILD,
             "tibialis_anterior": _CHRONIC_ONLY},
            weak=("apb", "fdi", "fpl"), umn_regions=("cervical",),
            sources=("decarvalho2008awaji", "shefner2020goldcoast", "eisen2012split")),
        Preset(
            "als_lumbosacral", "ALS, lumbosacral onset (early)",
            "Foot drop: denervation and chronic change in several leg muscles of different roots and nerves; "
            "one arm muscle shows fasciculations with chronic change.",
            {"tibialis_anterior": _ACTIVE_SEVERE, "gastrocnemius": _ACTIVE, "vastus_lateralis": _MILD,
             "fdi": _FASC_CHRONIC},
            weak=("tibialis_anterior",), umn_regions=("lumbosacral",), typical_muscle="tibialis_anterior",
            sources=("decarvalho2008awaji", "shefner2020goldcoast")),
        Preset(
            "als_late", "ALS, late (generalised)",
            "Months later: active and chronic denervation in all four regions, including the thoracic "
            "paraspinals and the tongue.",
            {**_all(("apb", "fdi", "fpl", "edc", "fdp", "tibialis_anterior"), _ACTIVE_SEVERE),
             **_all(("tongue", "adm", "biceps", "triceps", "deltoid", "cervical_paraspinal", "thoracic_paraspinal",
                     "gastrocnemius", "vastus_lateralis"), _ACTIVE)},
            weak=("apb", "fdi", "fpl", "edc", "tibialis_anterior", "tongue", "deltoid"),
            umn_regions=("bulbar", "cervical", "lumbosacral"),
            sources=("decarvalho2008awaji", "shefner2020goldcoast")),
        Preset(
            "radiculopathy_c8", "C8 radiculopathy",
            "Neck and arm pain with numb little finger: denervation and chronic change in C8 muscles of "
            "several nerves and in the C8 paraspinal muscle; C5–C7 muscles, legs and tongue are normal.",
            {"fdi": MuscleState(denervation=2, axon_loss=0.4, reinnervation=0.8, instability=0.3),
             "adm": MuscleState(denervation=1, axon_loss=0.35, reinnervation=0.8, instability=0.3),
             "fdp": MuscleState(denervation=1, axon_loss=0.35, reinnervation=0.8, instability=0.3),
             "fpl": MuscleState(denervation=1, axon_loss=0.3, reinnervation=0.8),
             "apb": MuscleState(axon_loss=0.2, reinnervation=0.8),
             "edc": MuscleState(denervation=1, axon_loss=0.2, reinnervation=0.6),
             "cervical_paraspinal": MuscleState(denervation=2)},
            weak=("fdi", "adm", "fdp", "fpl"), sources=("preston2020",)),
        Preset(
            "ibm", "Inclusion body myositis",
            "Weak finger flexors and quadriceps: short, small, polyphasic MUPs recruited early, with "
            "fibrillations; a myopathy, not a disease of motor neurons.",
            {"fdp": MuscleState(myopathy=0.65, denervation=2), "vastus_lateralis": MuscleState(myopathy=0.65,
                                                                                                denervation=2),
             "fpl": MuscleState(myopathy=0.5, denervation=1), "tibialis_anterior": MuscleState(myopathy=0.4,
                                                                                                denervation=1),
             "biceps": MuscleState(myopathy=0.3)},
            weak=("fdp", "vastus_lateralis", "fpl"), typical_muscle="fdp",
            sources=("preston2020", "machado2013ibm")),
    )
}


def get_preset(name: object) -> Preset:
    """The preset called ``name``.

    Raises
    ------
    ValueError
        If ``name`` is not a key of :data:`PRESETS`.
    """
    if not isinstance(name, str) or name not in PRESETS:
        raise ValueError(f"preset must be one of {list(PRESETS)}, got {name!r}")
    return PRESETS[name]


def touched_muscles(name: str) -> tuple[str, ...]:
    """Muscles the preset changes, in table order."""
    p = get_preset(name)
    return tuple(m for m in MUSCLES if not p.state(m).is_normal)
