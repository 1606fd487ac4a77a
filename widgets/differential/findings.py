"""The rule table of the differential explorer: ONE source of every rule.

For each bedside or laboratory *finding* (upper motor neuron signs, sensory
loss, conduction block, …) a student can pick a *value*; :data:`RULES` says,
for a value (or, rarely, a combination of values) and a *diagnosis*, whether
the finding is compatible with it, argues against it or excludes it, with the
rule in plain words and the citation keys of ``book/references.bib``.

Only rules that the course's sources state are in the table:

* MMN: EFNS/PNS 2010 clinical core, supportive and exclusion criteria with their
  footnotes, the conduction block and sensory conduction criteria
  (``efnspns2010mmn``); how often a block is found (``doneddu2024``,
  ``burrell2011``); anti-GM1 frequencies (``lawson2014``, ``loscher2018``);
  steroids (``donaghy1994``). The 2010 diagnostic categories (definite, probable,
  possible MMN) are in :mod:`widgets.differential.categories`.
* ALS: Gold Coast criteria (``shefner2020goldcoast``: upper and lower motor
  neuron signs in one region, or lower motor neuron signs in at least two),
  Awaji criteria (``decarvalho2008awaji``); technical pseudo-block
  (``preston2020``).
* Typical CIDP and its multifocal variant (Lewis-Sumner syndrome, MADSAM):
  EAN/PNS 2021 (``vandenbergh2021cidp``), including its amplitude-based block
  criterion and its treatment (IVIg or corticosteroids, plasma exchange if these
  fail): an IVIg response fits MMN *and* CIDP; a response to corticosteroids or
  plasma exchange is what argues for CIDP and against MMN.
* Entrapment neuropathy at the common sites (median at the wrist, ulnar at the
  elbow, peroneal at the fibular head), as named in ``efnspns2010mmn``.

Where the sources are silent there is **no rule**: the finding leaves the
diagnosis compatible and nothing is explained. Severity levels:

``compatible``
    the finding fits, or does not count against the diagnosis (a rule with text says why; no rule says nothing);
``argues_against``
    the finding is unusual for the diagnosis, or a defining element is not (yet) met;
``excludes``
    an exclusion criterion of the guideline, or the finding contradicts the definition of the diagnosis
    (typical CIDP, entrapment). No single finding here excludes ALS: sensory loss or a block only argue against it.

The same table is embedded as JSON in the kernel-free view and read there by
``widgets/static/differential.js``; :mod:`widgets.differential.model` evaluates
it in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from widgets.differential.vocabulary import (  # noqa: F401  (re-exported: the table's one import point)
    DIAGNOSES,
    FINDINGS,
    LEVEL_LABELS,
    LEVELS,
    RULE_LABELS,
    SOURCES,
    UNKNOWN,
    Diagnosis,
    Finding,
    Value,
    diagnosis,
    finding,
)


@dataclass(frozen=True)
class Rule:
    """When every finding in ``when`` has the given value, ``diagnosis`` gets ``level`` because of ``text``."""

    when: dict[str, str]
    diagnosis: str
    level: str
    text: str
    cites: tuple[str, ...] = field(default_factory=tuple)


_MMN = ("efnspns2010mmn",)
_CIDP = ("vandenbergh2021cidp",)
_ALS = ("shefner2020goldcoast",)
_ALS_NCS = ("shefner2020goldcoast", "decarvalho2008awaji")
_SITES = "median at the wrist, ulnar at the elbow, peroneal at the fibular head"
_BLOCKS = ("outside_entrapment", "probable_two", "probable_one")

_NO_BLOCK = (
    "No block found does not exclude MMN: the 2010 criteria find a definite block in only 47% of patients with "
    "MMN (a probable or definite block in 57%), and only 22.6% of 31 patients with a pure lower motor neuron "
    "syndrome who responded to IVIg had a block. But of 31 consecutive patients with a progressive pure lower "
    "motor neuron syndrome and no block, only 3 (10%) responded to IVIg, all with distal arm onset, EMG changes "
    "confined to weak muscles and a normal CK. When the picture looks like MMN (distal arm onset, nerve-territory "
    "pattern, denervation only in weak muscles, normal CK), think of probable or possible MMN and consider an IVIg "
    "trial with an objective end point, and follow the patient for signs of ALS."
)
_CIDP_BLOCK = (
    "Motor conduction block is an electrodiagnostic criterion of CIDP, graded by amplitude: a drop of at least 30% "
    "of the proximal against the distal CMAP amplitude (not in the tibial nerve; distal CMAP at least 20% of the "
    "lower limit), with another abnormal parameter in another nerve. Do not grade a CIDP study with the MMN area rules."
)
_ALS_BLOCK = (
    "ALS lowers CMAP amplitudes through axon loss and causes no conduction block, so a block away from the "
    "entrapment sites argues strongly against ALS. It does not exclude it on its own: check for a technical "
    "pseudo-block first (submaximal proximal stimulation, a Martin-Gruber anastomosis, a very small distal CMAP)."
)
_IVIG_CIDP = (
    "IVIg helps CIDP as well as MMN: IVIg or corticosteroids are the first-line (induction) treatments of CIDP, and an "
    "objective response to treatment is a supportive criterion. An IVIg response does not separate MMN from CIDP."
)

#: THE rule table. A finding value with no rule for a diagnosis leaves it compatible, unexplained.
RULES: tuple[Rule, ...] = (
    # --- distribution -------------------------------------------------------------------------
    Rule({"distribution": "one_nerve"}, "mmn", "compatible",
         "Weakness in the territory of only one nerve allows at most 'possible MMN': the clinical core "
         "criterion asks for weakness in the motor distribution of at least two nerves.", _MMN),
    Rule({"distribution": "one_nerve"}, "cidp", "excludes",
         "Typical CIDP is symmetric weakness of proximal and distal muscles of the limbs, not weakness "
         "in the territory of one nerve (a focal picture would be the focal variant of CIDP).", _CIDP),
    Rule({"distribution": "one_nerve"}, "entrapment", "compatible",
         f"An entrapment neuropathy affects one nerve at one site; the common sites are the {_SITES}.", _MMN),
    Rule({"distribution": "several_nerves"}, "mmn", "compatible",
         "Clinical core criterion: focal weakness in the motor distribution of at least two nerves.", _MMN),
    Rule({"distribution": "several_nerves"}, "als", "compatible",
         "Weakness in several nerve territories does not exclude ALS: the Gold Coast criteria need upper and "
         "lower motor neuron dysfunction in one body region, or lower motor neuron dysfunction in at least two.",
         _ALS),
    Rule({"distribution": "several_nerves"}, "cidp", "excludes",
         "Typical CIDP is symmetric proximal and distal weakness, not weakness in the territories of "
         "individual nerves; a multifocal pattern points to the multifocal variant (Lewis-Sumner syndrome).",
         _CIDP),
    Rule({"distribution": "several_nerves"}, "lewis_sumner", "compatible",
         "The multifocal variant of CIDP affects individual nerves, asymmetrically, with sensory and "
         "motor involvement.", _CIDP),
    Rule({"distribution": "several_nerves"}, "entrapment", "argues_against",
         f"One entrapment affects one nerve at one site ({_SITES}); weakness in several nerves needs "
         "another explanation.", _MMN),
    Rule({"distribution": "proximal_distal"}, "mmn", "argues_against",
         "MMN weakness is focal, in the motor distribution of individual nerves, and mainly distal; "
         "proximal and distal weakness of all limbs does not fit the clinical core criterion.", _MMN),
    Rule({"distribution": "proximal_distal"}, "cidp", "compatible",
         "Typical CIDP: proximal and distal weakness of the limbs.", _CIDP),
    Rule({"distribution": "proximal_distal"}, "lewis_sumner", "argues_against",
         "The multifocal variant affects individual nerves; proximal and distal weakness of all limbs fits "
         "typical CIDP better.", _CIDP),
    Rule({"distribution": "proximal_distal"}, "entrapment", "excludes",
         f"An entrapment affects one nerve at one site ({_SITES}); it cannot explain proximal and distal "
         "weakness of all limbs.", _MMN),
    # --- symmetry -----------------------------------------------------------------------------
    Rule({"symmetry": "asymmetric"}, "mmn", "compatible",
         "Clinical core criterion: asymmetric weakness (a difference of 1 MRC grade between sides if "
         "strength is above grade 3, of 2 grades if it is grade 3 or less).", _MMN),
    Rule({"symmetry": "asymmetric"}, "cidp", "excludes",
         "Typical CIDP is symmetric; asymmetric weakness points to a variant such as multifocal CIDP "
         "(Lewis-Sumner syndrome).", _CIDP),
    Rule({"symmetry": "asymmetric"}, "lewis_sumner", "compatible",
         "The multifocal variant of CIDP is usually asymmetric.", _CIDP),
    Rule({"symmetry": "symmetric"}, "mmn", "argues_against",
         "The clinical core criterion asks for asymmetric weakness.", _MMN),
    Rule({"symmetry": "symmetric"}, "cidp", "compatible",
         "Typical CIDP: symmetric weakness.", _CIDP),
    Rule({"symmetry": "symmetric"}, "lewis_sumner", "argues_against",
         "The multifocal variant of CIDP is usually asymmetric; symmetric weakness fits typical CIDP better.",
         _CIDP),
    Rule({"symmetry": "symmetric", "tempo": "under_one_month"}, "mmn", "excludes",
         "Exclusion criterion: diffuse symmetric weakness during the first weeks.", _MMN),
    # --- tempo --------------------------------------------------------------------------------
    Rule({"tempo": "under_one_month"}, "mmn", "argues_against",
         "Clinical core criterion: weakness progressing for more than 1 month; not met yet.", _MMN),
    Rule({"tempo": "under_one_month"}, "cidp", "argues_against",
         "Typical CIDP develops over at least 8 weeks; not met yet.", _CIDP),
    Rule({"tempo": "one_to_two_months"}, "mmn", "compatible",
         "Clinical core criterion: slowly or stepwise progressive weakness for more than 1 month.", _MMN),
    Rule({"tempo": "one_to_two_months"}, "cidp", "argues_against",
         "Typical CIDP develops over at least 8 weeks; not met yet.", _CIDP),
    Rule({"tempo": "eight_weeks_or_more"}, "mmn", "compatible",
         "Clinical core criterion: slowly or stepwise progressive weakness for more than 1 month.", _MMN),
    Rule({"tempo": "eight_weeks_or_more"}, "cidp", "compatible",
         "Typical CIDP develops over at least 8 weeks.", _CIDP),
    # --- sensory loss -------------------------------------------------------------------------
    Rule({"sensory_loss": "none"}, "mmn", "compatible",
         "Clinical core criterion: no objective sensory abnormality.", _MMN),
    Rule({"sensory_loss": "none"}, "als", "compatible",
         "ALS is a disease of motor neurons: the Gold Coast criteria describe progressive motor impairment.",
         _ALS),
    Rule({"sensory_loss": "none"}, "cidp", "excludes",
         "Typical CIDP includes sensory involvement of at least two limbs (a purely motor, symmetric picture "
         "would be the motor variant of CIDP).", _CIDP),
    Rule({"sensory_loss": "none"}, "lewis_sumner", "excludes",
         "The multifocal variant (MADSAM, multifocal acquired demyelinating sensory and motor neuropathy) "
         "involves sensory as well as motor fibres.", _CIDP),
    Rule({"sensory_loss": "minor_vibration_legs"}, "mmn", "compatible",
         "The clinical core criterion allows minor vibration loss in the legs.", _MMN),
    Rule({"sensory_loss": "objective"}, "mmn", "excludes",
         "Exclusion criterion at diagnosis: sensory impairment beyond minor vibration loss in the legs. The "
         "guideline adds in a footnote that sensory signs and symptoms may develop over the course of MMN, so "
         "new mild sensory signs in a patient known to have MMN for years do not overturn the diagnosis.", _MMN),
    Rule({"sensory_loss": "objective"}, "als", "argues_against",
         "ALS is a disease of motor neurons, so objective sensory loss argues against it and needs an explanation. "
         "It does not exclude ALS: the Gold Coast criteria ask that investigations exclude other diseases, and a "
         "second, common condition such as carpal tunnel syndrome or a polyneuropathy can explain the sensory loss.",
         _ALS),
    Rule({"sensory_loss": "objective"}, "cidp", "compatible",
         "Typical CIDP: sensory involvement of at least two limbs.", _CIDP),
    Rule({"sensory_loss": "objective"}, "lewis_sumner", "compatible",
         "The multifocal variant of CIDP is sensory and motor.", _CIDP),
    # --- upper motor neuron signs -------------------------------------------------------------
    Rule({"umn_signs": "present"}, "mmn", "excludes",
         "Exclusion criterion: upper motor neuron signs. Slightly brisk reflexes, particularly in an affected "
         "arm, do not exclude MMN when there are no other upper motor neuron signs.", _MMN),
    Rule({"umn_signs": "present"}, "als", "compatible",
         "Gold Coast criteria: upper and lower motor neuron dysfunction in at least one body region.", _ALS),
    Rule({"umn_signs": "absent"}, "als", "compatible",
         "The Gold Coast criteria also accept lower motor neuron dysfunction alone in at least two body "
         "regions: absent upper motor neuron signs do not exclude ALS.", _ALS),
    # --- bulbar ------------------------------------------------------------------------------
    Rule({"bulbar": "marked"}, "mmn", "excludes",
         "Exclusion criterion: marked bulbar involvement.", _MMN),
    Rule({"bulbar": "marked"}, "als", "compatible",
         "Bulbar involvement (speech, swallowing) is typical of ALS.", _ALS),
    Rule({"bulbar": "marked"}, "entrapment", "excludes",
         f"The common entrapment sites ({_SITES}) are in the limbs; they cannot explain weakness of "
         "speech or swallowing.", _MMN),
    Rule({"bulbar": "absent"}, "mmn", "compatible",
         "Supportive criterion: no cranial nerve involvement.", _MMN),
    # --- cramps and fasciculations ------------------------------------------------------------
    Rule({"cramps_fasciculations": "present"}, "mmn", "compatible",
         "Supportive criterion: cramps and fasciculations.", _MMN),
    Rule({"cramps_fasciculations": "present"}, "als", "compatible",
         "Fasciculation potentials count as a sign of lower motor neuron involvement (Awaji criteria); "
         "fasciculations occur in MMN too, so they do not separate the two.",
         ("decarvalho2008awaji", "efnspns2010mmn")),
    # --- motor conduction block ---------------------------------------------------------------
    Rule({"conduction_block": "absent"}, "mmn", "compatible", _NO_BLOCK,
         ("doneddu2024", "burrell2011", "simon2013ivig", "efnspns2010mmn")),
    Rule({"conduction_block": "absent"}, "als", "compatible",
         "ALS: low CMAP amplitudes from axon loss, no conduction block.", _ALS_NCS),
    Rule({"conduction_block": "outside_entrapment"}, "mmn", "compatible",
         "The hallmark of MMN: a definite block (area loss of at least 50%; distal CMAP above 20% of the lower "
         "limit and above 1 mV; duration increase at most 30%), counted only away from the common entrapment "
         "sites. With the clinical criteria and normal sensory conduction it makes definite MMN.", _MMN),
    Rule({"conduction_block": "probable_two"}, "mmn", "compatible",
         "A probable block away from the entrapment sites in two nerves, with the clinical criteria and normal "
         "sensory conduction, makes probable MMN.", _MMN),
    Rule({"conduction_block": "probable_one"}, "mmn", "compatible",
         "A probable block in one nerve makes probable MMN when at least two supportive investigations are "
         "positive (IgM anti-GM1, CSF protein raised but below 1 g/L, brachial plexus MRI, objective response "
         "to IVIg); with an IVIg response alone it is possible MMN.", _MMN),
    *(Rule({"conduction_block": b}, "als", "argues_against", _ALS_BLOCK, _ALS_NCS + ("preston2020",))
      for b in _BLOCKS),
    *(Rule({"conduction_block": b}, "cidp", "compatible", _CIDP_BLOCK, _CIDP) for b in _BLOCKS),
    *(Rule({"conduction_block": b}, "lewis_sumner", "compatible",
           _CIDP_BLOCK + " Lewis-Sumner syndrome is the multifocal variant of CIDP.", _CIDP) for b in _BLOCKS),
    *(Rule({"conduction_block": b}, "entrapment", "argues_against",
           f"An entrapment blocks conduction at its own site ({_SITES}); a block elsewhere needs another "
           "explanation.", _MMN) for b in _BLOCKS),
    Rule({"conduction_block": "entrapment_site_only"}, "mmn", "compatible",
         f"A block at a common entrapment site ({_SITES}) does not count for MMN, which makes the study "
         "equivalent to 'no block found': that does not exclude MMN.", _MMN + ("doneddu2024",)),
    Rule({"conduction_block": "entrapment_site_only"}, "entrapment", "compatible",
         f"A focal block at a common entrapment site ({_SITES}) fits an entrapment; the MMN criteria set "
         "such blocks aside for that reason.", _MMN),
    # --- sensory conduction -------------------------------------------------------------------
    Rule({"sensory_conduction": "normal"}, "mmn", "compatible",
         "Criterion: normal sensory conduction in the arm segments with motor conduction block.", _MMN),
    Rule({"sensory_conduction": "normal"}, "als", "compatible",
         "Sensory conduction is normal in ALS.", _ALS_NCS),
    Rule({"sensory_conduction": "normal"}, "cidp", "argues_against",
         "Typical CIDP needs abnormal sensory conduction in at least two nerves.", _CIDP),
    Rule({"sensory_conduction": "abnormal"}, "mmn", "argues_against",
         "Criterion: sensory conduction must be normal in the arm segments with motor conduction block.",
         _MMN),
    Rule({"sensory_conduction": "abnormal"}, "als", "argues_against",
         "Sensory conduction is normal in ALS; abnormal sensory potentials point to another (or an "
         "additional, for example a carpal tunnel syndrome) disease.", _ALS_NCS),
    Rule({"sensory_conduction": "abnormal"}, "cidp", "compatible",
         "Sensory conduction is abnormal in typical CIDP (at least two nerves).", _CIDP),
    # --- anti-GM1 -----------------------------------------------------------------------------
    Rule({"anti_gm1": "positive"}, "mmn", "compatible",
         "Supportive investigation: IgM anti-GM1 antibodies, found in 40–50% of patients.",
         ("efnspns2010mmn", "lawson2014")),
    Rule({"anti_gm1": "negative"}, "mmn", "compatible",
         "IgM anti-GM1 antibodies are found in only 40–50% of patients (43% in a nationwide survey), "
         "so a negative test does not exclude MMN.", ("lawson2014", "loscher2018")),
    # --- CSF protein --------------------------------------------------------------------------
    Rule({"csf_protein": "normal"}, "mmn", "compatible",
         "The supportive criterion of MMN is a raised protein that stays below 1 g/L; a normal protein adds "
         "no support but does not argue against MMN.", _MMN),
    Rule({"csf_protein": "normal"}, "cidp", "compatible",
         "A raised CSF protein is a supportive criterion of CIDP, not a required one.", _CIDP),
    Rule({"csf_protein": "raised_under_1g"}, "mmn", "compatible",
         "Supportive investigation: CSF protein raised, but below 1 g/L.", _MMN),
    Rule({"csf_protein": "raised_under_1g"}, "cidp", "compatible",
         "Supportive criterion of CIDP: raised CSF protein with fewer than 10 cells/µL.", _CIDP),
    Rule({"csf_protein": "raised_under_1g"}, "lewis_sumner", "compatible",
         "Supportive criterion of CIDP, including its multifocal variant: raised CSF protein with fewer than "
         "10 cells/µL.", _CIDP),
    Rule({"csf_protein": "over_1g"}, "mmn", "argues_against",
         "In MMN a raised CSF protein stays below 1 g/L; above 1 g/L argues against MMN and points to CIDP.",
         _MMN),
    Rule({"csf_protein": "over_1g"}, "cidp", "compatible",
         "Supportive criterion of CIDP: raised CSF protein with fewer than 10 cells/µL.", _CIDP),
    Rule({"csf_protein": "over_1g"}, "lewis_sumner", "compatible",
         "CSF protein is often raised in the multifocal variant of CIDP; with fewer than 10 cells/µL it is a "
         "supportive criterion.", _CIDP),
    # --- MRI of the brachial plexus -------------------------------------------------------------
    Rule({"mri_plexus": "abnormal"}, "mmn", "compatible",
         "Supportive investigation: increased T2 signal with diffuse swelling of the brachial plexus.", _MMN),
    Rule({"mri_plexus": "abnormal"}, "cidp", "compatible",
         "Supportive criterion of CIDP: enlargement, T2 signal or gadolinium enhancement of nerve roots or plexus.",
         _CIDP),
    Rule({"mri_plexus": "abnormal"}, "lewis_sumner", "compatible",
         "Supportive criterion of CIDP, including its multifocal variant: enlargement, T2 signal or gadolinium "
         "enhancement of nerve roots or plexus.", _CIDP),
    # --- response to IVIg -----------------------------------------------------------------------
    Rule({"ivig_response": "improved"}, "mmn", "compatible",
         "Supportive criterion: objective improvement after IVIg. Without a block that meets the criteria, it "
         "makes possible MMN.", _MMN),
    Rule({"ivig_response": "improved"}, "als", "argues_against",
         "An objective improvement after IVIg points to a treatable immune neuropathy rather than ALS: in a cohort "
         "of pure lower motor neuron syndromes, most patients who improved with IVIg had no conduction block, "
         "which is why an IVIg trial is worth doing when the picture looks like MMN. Only a minority of unselected "
         "patients respond, so a missing response does not prove ALS.",
         ("burrell2011", "simon2013ivig", "efnspns2010mmn")),
    Rule({"ivig_response": "improved"}, "cidp", "compatible", _IVIG_CIDP, _CIDP),
    Rule({"ivig_response": "improved"}, "lewis_sumner", "compatible", _IVIG_CIDP, _CIDP),
    Rule({"ivig_response": "not_improved"}, "mmn", "compatible",
         "A response to IVIg is a supportive criterion of MMN, not a required one; but without a block, "
         "possible MMN needs it.", _MMN),
    # --- response to corticosteroids or plasma exchange ------------------------------------------
    Rule({"steroid_response": "improved"}, "mmn", "argues_against",
         "Corticosteroids and plasma exchange are not effective in MMN; a clear improvement points to CIDP.",
         ("efnspns2010mmn", "donaghy1994")),
    Rule({"steroid_response": "improved"}, "cidp", "compatible",
         "CIDP is treated with IVIg or corticosteroids for induction, plasma exchange if these fail: "
         "a response to corticosteroids or plasma exchange fits CIDP.", _CIDP),
    Rule({"steroid_response": "improved"}, "lewis_sumner", "compatible",
         "The multifocal variant is treated as CIDP (IVIg or corticosteroids, plasma exchange if these fail).",
         _CIDP),
    Rule({"steroid_response": "worsened"}, "mmn", "compatible",
         "Corticosteroids are not recommended in MMN and can worsen it: four patients with a pure motor "
         "demyelinating neuropathy got worse within a month of prednisolone.", ("efnspns2010mmn", "donaghy1994")),
    Rule({"steroid_response": "worsened"}, "cidp", "argues_against",
         "Typical CIDP usually improves with corticosteroids; worsening is unexpected (in the pure motor "
         "variant, steroids may worsen weakness, which is why IVIg comes first there).", _CIDP),
)


def rule_table() -> dict:
    """The whole table as plain JSON-able data (what the kernel-free view embeds), with the MMN categories."""
    from widgets.differential.categories import category_table  # imports this module

    return {
        "levels": list(LEVELS),
        "level_labels": dict(LEVEL_LABELS),
        "rule_labels": dict(RULE_LABELS),
        "unknown": UNKNOWN,
        "findings": [
            {
                "key": f.key,
                "label": f.label,
                "hint": f.hint,
                "values": [{"key": v.key, "label": v.label} for v in f.values],
            }
            for f in FINDINGS
        ],
        "diagnoses": [{"key": d.key, "label": d.label, "short": d.short} for d in DIAGNOSES],
        "sources": dict(SOURCES),
        "rules": [
            {"when": dict(r.when), "diagnosis": r.diagnosis, "level": r.level, "text": r.text, "cites": list(r.cites)}
            for r in RULES
        ],
        "categories": category_table(),
    }


def _check_table() -> None:
    """Fail at import if the table is inconsistent (unknown finding, value, diagnosis, level or source)."""
    diagnoses = {d.key for d in DIAGNOSES}
    for r in RULES:
        if not r.when:
            raise ValueError(f"rule without condition: {r}")
        for fkey, vkey in r.when.items():
            f = finding(fkey)
            if vkey not in f.value_keys() or vkey == UNKNOWN:
                raise ValueError(f"rule value {vkey!r} is not a known value of {fkey!r}: {r}")
        if r.diagnosis not in diagnoses:
            raise ValueError(f"rule diagnosis {r.diagnosis!r} unknown: {r}")
        if r.level not in LEVELS:
            raise ValueError(f"rule level {r.level!r} unknown: {r}")
        if not r.text.strip() or not r.cites:
            raise ValueError(f"every rule needs text and at least one citation: {r}")
        missing = [c for c in r.cites if c not in SOURCES]
        if missing:
            raise ValueError(f"rule cites {missing} without a short label in SOURCES: {r}")
    keys = [(tuple(sorted(r.when.items())), r.diagnosis) for r in RULES]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise ValueError(f"two rules for the same condition and diagnosis: {sorted(dupes)}")


_check_table()
