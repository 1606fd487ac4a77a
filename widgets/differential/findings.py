"""The rule table of the differential explorer: ONE source of every rule.

For each bedside or laboratory *finding* (upper motor neuron signs, sensory
loss, conduction block, …) a student can pick a *value*; :data:`RULES` says,
for a value (or, rarely, a combination of values) and a *diagnosis*, whether
the finding is compatible with it, argues against it or excludes it, with the
rule in plain words and the citation keys of ``book/references.bib``.

Only rules that the course's sources state are in the table:

* MMN: EFNS/PNS 2010 clinical core, supportive and exclusion criteria, the
  conduction block and sensory conduction criteria (``efnspns2010mmn``),
  anti-GM1 frequencies (``lawson2014``, ``loscher2018``), steroids
  (``donaghy1994``).
* ALS: Gold Coast criteria (``shefner2020goldcoast``), Awaji criteria
  (``decarvalho2008awaji``).
* Typical CIDP and its multifocal variant (Lewis-Sumner syndrome, MADSAM):
  EAN/PNS 2021 (``vandenbergh2021cidp``), EFNS/PNS 2010 electrodiagnostic
  criteria (``efnspns2010cidp``).
* Entrapment neuropathy at the common sites (median at the wrist, ulnar at the
  elbow, peroneal at the fibular head), as named in ``efnspns2010mmn``.

Where the sources are silent there is **no rule**: the finding leaves the
diagnosis compatible and nothing is explained. Severity levels:

``compatible``
    the finding fits (a rule with text says why; no rule says nothing);
``argues_against``
    the finding is unusual for the diagnosis or a defining element is not (yet) met;
``excludes``
    an exclusion criterion, or the finding contradicts the definition of the diagnosis.

The same table is embedded as JSON in the kernel-free view and read there by
``widgets/static/differential.js``; :mod:`widgets.differential.model` evaluates
it in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Verdict levels, from the mildest to the most severe.
LEVELS: tuple[str, ...] = ("compatible", "argues_against", "excludes")

#: How each level is named to the student.
LEVEL_LABELS: dict[str, str] = {
    "compatible": "compatible",
    "argues_against": "less likely",
    "excludes": "excluded",
}

#: How a single rule of each level is named next to its text.
RULE_LABELS: dict[str, str] = {
    "compatible": "fits",
    "argues_against": "argues against",
    "excludes": "excludes",
}

#: The value every finding starts at: nothing known, no rule.
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Value:
    """One value a finding can take: ``key`` (machine name) and ``label`` (shown to the student)."""

    key: str
    label: str


@dataclass(frozen=True)
class Finding:
    """A finding of the history, examination or investigations, with its possible values."""

    key: str
    label: str
    hint: str
    values: tuple[Value, ...]

    def value_keys(self) -> tuple[str, ...]:
        return tuple(v.key for v in self.values)

    def value_label(self, key: str) -> str:
        return next(v.label for v in self.values if v.key == key)


@dataclass(frozen=True)
class Diagnosis:
    """A diagnosis of the differential: ``short`` is used in summaries."""

    key: str
    label: str
    short: str


@dataclass(frozen=True)
class Rule:
    """When every finding in ``when`` has the given value, ``diagnosis`` gets ``level`` because of ``text``."""

    when: dict[str, str]
    diagnosis: str
    level: str
    text: str
    cites: tuple[str, ...] = field(default_factory=tuple)


def _unknown(label: str = "not known") -> Value:
    return Value(UNKNOWN, label)


#: The findings, in the order the explorer shows them.
FINDINGS: tuple[Finding, ...] = (
    Finding(
        "distribution",
        "Where is the weakness?",
        "which muscles are weak",
        (
            _unknown(),
            Value("one_nerve", "in the territory of one nerve"),
            Value("several_nerves", "in the territories of two or more individual nerves"),
            Value("proximal_distal", "proximal and distal muscles of arms and legs"),
        ),
    ),
    Finding(
        "symmetry",
        "Symmetry of the weakness",
        "compare the same muscles on both sides",
        (
            _unknown(),
            Value("asymmetric", "asymmetric"),
            Value("symmetric", "symmetric"),
        ),
    ),
    Finding(
        "tempo",
        "How long has the weakness been developing?",
        "time from onset to now",
        (
            _unknown(),
            Value("under_one_month", "less than 1 month (the first weeks)"),
            Value("one_to_two_months", "1 month to 8 weeks"),
            Value("eight_weeks_or_more", "8 weeks or more"),
        ),
    ),
    Finding(
        "sensory_loss",
        "Sensory loss on examination",
        "touch, pain, joint position and vibration sense",
        (
            _unknown("not examined"),
            Value("none", "none"),
            Value("minor_vibration_legs", "only minor vibration loss in the legs"),
            Value("objective", "objective sensory loss beyond that"),
        ),
    ),
    Finding(
        "umn_signs",
        "Upper motor neuron signs",
        "for example a Babinski or Hoffmann sign, spasticity, slowed and poorly coordinated movement",
        (
            _unknown("not examined"),
            Value("absent", "absent"),
            Value("present", "present"),
        ),
    ),
    Finding(
        "bulbar",
        "Bulbar involvement",
        "weakness of speech and swallowing",
        (
            _unknown("not examined"),
            Value("absent", "absent"),
            Value("marked", "marked"),
        ),
    ),
    Finding(
        "cramps_fasciculations",
        "Cramps and fasciculations",
        "muscle cramps, visible twitches of resting muscle",
        (
            _unknown("not asked or seen"),
            Value("absent", "absent"),
            Value("present", "present"),
        ),
    ),
    Finding(
        "conduction_block",
        "Motor conduction block",
        "nerve conduction study: loss of CMAP area between a distal and a proximal stimulation site",
        (
            _unknown("not tested"),
            Value("absent", "absent"),
            Value("outside_entrapment", "present, away from the common entrapment sites"),
            Value("entrapment_site_only", "only at a common entrapment site"),
        ),
    ),
    Finding(
        "sensory_conduction",
        "Sensory nerve conduction",
        "sensory nerve action potentials of the affected nerves",
        (
            _unknown("not tested"),
            Value("normal", "normal"),
            Value("abnormal", "abnormal"),
        ),
    ),
    Finding(
        "anti_gm1",
        "IgM anti-GM1 antibodies",
        "serum test",
        (
            _unknown("not tested"),
            Value("positive", "positive"),
            Value("negative", "negative"),
        ),
    ),
    Finding(
        "csf_protein",
        "CSF protein",
        "lumbar puncture",
        (
            _unknown("not tested"),
            Value("under_1g", "below 1 g/L"),
            Value("over_1g", "above 1 g/L"),
        ),
    ),
    Finding(
        "steroid_response",
        "Response to corticosteroids",
        "if the patient has already been given them",
        (
            _unknown("not given"),
            Value("improved", "improved"),
            Value("worsened", "worsened"),
        ),
    ),
)

#: The diagnoses of the differential, in the order the explorer lists them.
DIAGNOSES: tuple[Diagnosis, ...] = (
    Diagnosis("mmn", "Multifocal motor neuropathy (MMN)", "MMN"),
    Diagnosis("als", "Amyotrophic lateral sclerosis (ALS)", "ALS"),
    Diagnosis("cidp", "Typical CIDP", "typical CIDP"),
    Diagnosis(
        "lewis_sumner",
        "Lewis-Sumner syndrome (multifocal CIDP, MADSAM)",
        "Lewis-Sumner syndrome",
    ),
    Diagnosis(
        "entrapment",
        "Entrapment neuropathy (median at the wrist, ulnar at the elbow, peroneal at the fibular head)",
        "entrapment neuropathy",
    ),
)

#: Short labels of the cited sources, shown next to each rule (full entries in the bibliography).
SOURCES: dict[str, str] = {
    "efnspns2010mmn": "EFNS/PNS MMN guideline 2010",
    "efnspns2010cidp": "EFNS/PNS CIDP guideline 2010",
    "vandenbergh2021cidp": "EAN/PNS CIDP guideline 2021",
    "shefner2020goldcoast": "Gold Coast criteria, Shefner et al. 2020",
    "decarvalho2008awaji": "Awaji criteria, de Carvalho et al. 2008",
    "lawson2014": "Lawson & Arnold 2014",
    "loscher2018": "Löscher et al. 2018",
    "donaghy1994": "Donaghy et al. 1994",
}

_MMN = ("efnspns2010mmn",)
_CIDP = ("vandenbergh2021cidp",)
_ALS = ("shefner2020goldcoast",)
_ALS_NCS = ("shefner2020goldcoast", "decarvalho2008awaji")
_SITES = "median at the wrist, ulnar at the elbow, peroneal at the fibular head"

#: THE rule table. A finding value with no rule for a diagnosis leaves it compatible, unexplained.
RULES: tuple[Rule, ...] = (
    # --- distribution -------------------------------------------------------------------------
    Rule({"distribution": "one_nerve"}, "mmn", "compatible",
         "Weakness in the territory of only one nerve allows at most 'possible MMN': the clinical core "
         "criterion asks for weakness in the motor distribution of at least two nerves.", _MMN),
    Rule({"distribution": "one_nerve"}, "cidp", "excludes",
         "Typical CIDP is symmetric weakness of proximal and distal muscles of the limbs, not weakness "
         "in the territory of one nerve.", _CIDP),
    Rule({"distribution": "one_nerve"}, "entrapment", "compatible",
         f"An entrapment neuropathy affects one nerve at one site; the common sites are the {_SITES}.", _MMN),
    Rule({"distribution": "several_nerves"}, "mmn", "compatible",
         "Clinical core criterion: focal weakness in the motor distribution of at least two nerves.", _MMN),
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
         "The multifocal variant of CIDP is asymmetric.", _CIDP),
    Rule({"symmetry": "symmetric"}, "mmn", "argues_against",
         "The clinical core criterion asks for asymmetric weakness.", _MMN),
    Rule({"symmetry": "symmetric"}, "cidp", "compatible",
         "Typical CIDP: symmetric weakness.", _CIDP),
    Rule({"symmetry": "symmetric"}, "lewis_sumner", "excludes",
         "The multifocal variant of CIDP is asymmetric.", _CIDP),
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
         "Typical CIDP includes sensory involvement of at least two limbs.", _CIDP),
    Rule({"sensory_loss": "none"}, "lewis_sumner", "excludes",
         "The multifocal variant (MADSAM, multifocal acquired demyelinating sensory and motor neuropathy) "
         "involves sensory as well as motor fibres.", _CIDP),
    Rule({"sensory_loss": "minor_vibration_legs"}, "mmn", "compatible",
         "The clinical core criterion allows minor vibration loss in the legs.", _MMN),
    Rule({"sensory_loss": "objective"}, "mmn", "excludes",
         "Exclusion criterion: sensory impairment beyond minor vibration loss in the legs.", _MMN),
    Rule({"sensory_loss": "objective"}, "als", "excludes",
         "ALS is a disease of motor neurons: the Gold Coast criteria describe progressive motor impairment "
         "and require investigations that exclude other diseases; objective sensory loss needs another "
         "explanation.", _ALS),
    Rule({"sensory_loss": "objective"}, "cidp", "compatible",
         "Typical CIDP: sensory involvement of at least two limbs.", _CIDP),
    Rule({"sensory_loss": "objective"}, "lewis_sumner", "compatible",
         "The multifocal variant of CIDP is sensory and motor.", _CIDP),
    # --- upper motor neuron signs -------------------------------------------------------------
    Rule({"umn_signs": "present"}, "mmn", "excludes",
         "Exclusion criterion: upper motor neuron signs.", _MMN),
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
    Rule({"conduction_block": "outside_entrapment"}, "mmn", "compatible",
         "The hallmark of MMN: persistent multifocal partial motor conduction block, counted only away "
         "from the common entrapment sites.", _MMN),
    Rule({"conduction_block": "outside_entrapment"}, "als", "excludes",
         "ALS lowers CMAP amplitudes through axon loss but causes no conduction block; the Gold Coast "
         "criteria require investigations that exclude other diseases.", _ALS_NCS),
    Rule({"conduction_block": "outside_entrapment"}, "cidp", "compatible",
         "Partial motor conduction block is one of the electrodiagnostic signs of demyelination in CIDP.",
         ("efnspns2010cidp",)),
    Rule({"conduction_block": "outside_entrapment"}, "lewis_sumner", "compatible",
         "Partial motor conduction block is one of the electrodiagnostic signs of demyelination in CIDP, "
         "and Lewis-Sumner syndrome is its multifocal variant.", ("efnspns2010cidp", "vandenbergh2021cidp")),
    Rule({"conduction_block": "outside_entrapment"}, "entrapment", "argues_against",
         f"An entrapment blocks conduction at its own site ({_SITES}); a block elsewhere needs another "
         "explanation.", _MMN),
    Rule({"conduction_block": "entrapment_site_only"}, "mmn", "argues_against",
         f"A conduction block counts for MMN only away from the common entrapment sites ({_SITES}).", _MMN),
    Rule({"conduction_block": "entrapment_site_only"}, "entrapment", "compatible",
         f"A focal block at a common entrapment site ({_SITES}) fits an entrapment; the MMN criteria set "
         "such blocks aside for that reason.", _MMN),
    Rule({"conduction_block": "absent"}, "mmn", "argues_against",
         "Conduction block is the hallmark of MMN: definite MMN needs a definite block in at least one nerve.",
         _MMN),
    Rule({"conduction_block": "absent"}, "als", "compatible",
         "ALS: low CMAP amplitudes from axon loss, no conduction block.", _ALS_NCS),
    # --- sensory conduction -------------------------------------------------------------------
    Rule({"sensory_conduction": "normal"}, "mmn", "compatible",
         "Criterion: normal sensory conduction in the arm segments with motor conduction block.", _MMN),
    Rule({"sensory_conduction": "normal"}, "als", "compatible",
         "Sensory conduction is normal in ALS.", _ALS_NCS),
    Rule({"sensory_conduction": "normal"}, "cidp", "argues_against",
         "Sensory conduction is abnormal in typical CIDP.", _CIDP),
    Rule({"sensory_conduction": "abnormal"}, "mmn", "argues_against",
         "Criterion: sensory conduction must be normal in the arm segments with motor conduction block.",
         _MMN),
    Rule({"sensory_conduction": "abnormal"}, "als", "argues_against",
         "Sensory conduction is normal in ALS; abnormal sensory potentials point to another (or an "
         "additional) disease.", _ALS_NCS),
    Rule({"sensory_conduction": "abnormal"}, "cidp", "compatible",
         "Sensory conduction is abnormal in typical CIDP.", _CIDP),
    # --- anti-GM1 -----------------------------------------------------------------------------
    Rule({"anti_gm1": "positive"}, "mmn", "compatible",
         "Supportive investigation: IgM anti-GM1 antibodies, found in 40–50% of patients.",
         ("efnspns2010mmn", "lawson2014")),
    Rule({"anti_gm1": "negative"}, "mmn", "compatible",
         "IgM anti-GM1 antibodies are found in only 40–50% of patients (43% in a nationwide survey), "
         "so a negative test does not exclude MMN.", ("lawson2014", "loscher2018")),
    # --- CSF protein --------------------------------------------------------------------------
    Rule({"csf_protein": "under_1g"}, "mmn", "compatible",
         "Supportive investigation: CSF protein is usually normal in MMN, below 1 g/L.", _MMN),
    Rule({"csf_protein": "over_1g"}, "mmn", "argues_against",
         "CSF protein is usually below 1 g/L in MMN; a higher value argues against it.", _MMN),
    Rule({"csf_protein": "over_1g"}, "lewis_sumner", "compatible",
         "CSF protein is often raised in the multifocal variant of CIDP.", _CIDP),
    # --- response to corticosteroids ----------------------------------------------------------
    Rule({"steroid_response": "improved"}, "mmn", "argues_against",
         "Corticosteroids are ineffective in MMN.", ("efnspns2010mmn", "donaghy1994")),
    Rule({"steroid_response": "improved"}, "cidp", "compatible",
         "Corticosteroids help CIDP.", _CIDP),
    Rule({"steroid_response": "worsened"}, "mmn", "compatible",
         "In MMN steroids can worsen weakness: four patients got worse within a month of prednisolone.",
         ("donaghy1994",)),
    Rule({"steroid_response": "worsened"}, "cidp", "argues_against",
         "Corticosteroids help CIDP; getting worse on them is unexpected.", _CIDP),
)


def finding(key: str) -> Finding:
    """The finding called ``key`` (``ValueError`` naming the allowed findings otherwise)."""
    for f in FINDINGS:
        if f.key == key:
            return f
    raise ValueError(f"finding must be one of {[f.key for f in FINDINGS]}, got {key!r}")


def diagnosis(key: str) -> Diagnosis:
    """The diagnosis called ``key``."""
    for d in DIAGNOSES:
        if d.key == key:
            return d
    raise ValueError(f"diagnosis must be one of {[d.key for d in DIAGNOSES]}, got {key!r}")


def rule_table() -> dict:
    """The whole table as plain JSON-able data (what the kernel-free view embeds)."""
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
