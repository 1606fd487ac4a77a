"""Invented example patients (not real patients) for the EFNS/PNS 2010 flowchart, one per path through it."""

from __future__ import annotations

from dataclasses import dataclass

from widgets.diagnosis.criteria import IVIG_RESPONSE, SUPPORTIVE_INVESTIGATIONS, Verdict, category


@dataclass(frozen=True)
class Case:
    """An invented example patient for the flowchart (not a real patient)."""

    key: str
    title: str
    story: str
    clinical_core_met: bool
    nerves_with_definite_cb: int
    nerves_with_probable_cb: int = 0
    weak_nerve_territories: int = 2
    supportive: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    sensory_conduction_normal: bool = True

    def verdict(self) -> Verdict:
        """The EFNS/PNS 2010 category this patient meets, with the questions asked on the way."""
        return category(
            self.clinical_core_met,
            self.nerves_with_definite_cb,
            nerves_with_probable_cb=self.nerves_with_probable_cb,
            weak_nerve_territories=self.weak_nerve_territories,
            supportive=self.supportive,
            exclusions=self.exclusions,
            sensory_conduction_normal=self.sensory_conduction_normal,
        )


_GM1, _CSF, _MRI = SUPPORTIVE_INVESTIGATIONS[:3]

#: Invented teaching cases (not real patients).
CASES: tuple[Case, ...] = (
    Case("typical", "A: wrist drop", "2 years of stepwise weakness in the ulnar and radial territories; normal "
         "sensation; definite block in the ulnar nerve in the forearm; normal sensory conduction.", True, 1),
    Case("two_probable", "B: two probable blocks", "Weak in median and ulnar territories; 35% area loss over the "
         "forearm in both nerves (probable blocks); normal sensory conduction.", True, 0, 2),
    Case("probable_plus", "C: one block + tests", "Weak in three nerve territories; one probable block (40% area "
         "loss, elbow to axilla); raised IgM anti-GM1 and a swollen brachial plexus on MRI.", True, 0, 1,
         supportive=(_GM1, _MRI)),
    Case("ivig_responder", "D: no block, IVIg", "Pure motor weakness in ulnar and radial territories; no block "
         "found up to Erb's point; normal sensory conduction; grip strength clearly better after IVIg.", True, 0,
         supportive=(IVIG_RESPONSE,)),
    Case("no_block", "E: no block yet", "Pure motor weakness in three nerve territories, no upper motor neuron "
         "signs; no block found; normal sensory conduction; IVIg not yet tried.", True, 0),
    Case("one_nerve", "F: one nerve only", "6 months of weakness in the radial territory only; definite block in "
         "the radial nerve above the elbow; normal sensory conduction.", True, 1, weak_nerve_territories=1),
    Case("sensory_block", "G: block, numb SNAP", "Weak hand in two nerve territories; a block in the median "
         "forearm, but the median sensory potential is small over the same segment.", True, 1,
         sensory_conduction_normal=False),
    Case("brisk", "H: Babinski sign", "Asymmetric hand weakness with fasciculations, brisk reflexes in the weak "
         "arm and an extensor plantar response.", True, 0, exclusions=("upper motor neuron signs",)),
    Case("numb", "I: numb hands", "Asymmetric weakness of both hands with reduced pinprick sensation in the "
         "same territories.", False, 1),
)
