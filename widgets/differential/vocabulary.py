"""The vocabulary of the differential explorer: levels, findings with their values, diagnoses and sources.

:mod:`widgets.differential.findings` builds the rules on it (and re-exports all
of it); :mod:`widgets.differential.categories` builds the MMN categories on it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Verdict levels, from the mildest to the most severe.
LEVELS: tuple[str, ...] = ("compatible", "argues_against", "excludes")

#: How each level is named to the student.
LEVEL_LABELS: dict[str, str] = {
    "compatible": "compatible",
    "argues_against": "argued against",
    "excludes": "excluded",
}

#: How a single rule of each level is named next to its text.
RULE_LABELS: dict[str, str] = {
    "compatible": "compatible",
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
        """The keys of the finding's possible values, in display order."""
        return tuple(v.key for v in self.values)

    def value_label(self, key: str) -> str:
        """The label shown for the value ``key``."""
        return next(v.label for v in self.values if v.key == key)


@dataclass(frozen=True)
class Diagnosis:
    """A diagnosis of the differential: ``short`` is used in summaries."""

    key: str
    label: str
    short: str


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
        "nerve conduction study graded by the MMN rules (loss of negative-peak CMAP area from distal to proximal "
        "stimulation): definite = area loss of at least 50%; probable = at least 30% over a long arm segment, or "
        "50% with a duration increase above 30%. CIDP grades a block by amplitude instead",
        (
            _unknown("not tested"),
            Value("absent", "no block found in the nerves tested"),
            Value("outside_entrapment", "definite block in at least one nerve, away from the common entrapment sites"),
            Value("probable_two", "probable (not definite) block in two or more nerves, away from the entrapment sites"),
            Value("probable_one", "probable (not definite) block in one nerve only, away from the entrapment sites"),
            Value("entrapment_site_only", "block only at a common entrapment site"),
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
        "lumbar puncture: protein and cell count",
        (
            _unknown("not tested"),
            Value("normal", "normal"),
            Value("raised_under_1g", "raised, but below 1 g/L"),
            Value("over_1g", "above 1 g/L"),
        ),
    ),
    Finding(
        "mri_plexus",
        "MRI of the brachial plexus",
        "T2-weighted images of the nerves of the arm",
        (
            _unknown("not done"),
            Value("abnormal", "increased T2 signal with swelling"),
            Value("normal", "normal"),
        ),
    ),
    Finding(
        "ivig_response",
        "Response to IVIg",
        "an objective change in strength or disability after intravenous immunoglobulin",
        (
            _unknown("not given"),
            Value("improved", "objective improvement"),
            Value("not_improved", "no objective improvement"),
        ),
    ),
    Finding(
        "steroid_response",
        "Response to corticosteroids or plasma exchange",
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
    "vandenbergh2021cidp": "EAN/PNS CIDP guideline 2021",
    "shefner2020goldcoast": "Gold Coast criteria, Shefner et al. 2020",
    "decarvalho2008awaji": "Awaji criteria, de Carvalho et al. 2008",
    "lawson2014": "Lawson & Arnold 2014",
    "loscher2018": "Löscher et al. 2018",
    "donaghy1994": "Donaghy et al. 1994",
    "doneddu2024": "Doneddu et al. 2024",
    "burrell2011": "Burrell et al. 2011",
    "simon2013ivig": "Simon et al. 2013",
    "preston2020": "Preston & Shapiro 2020",
}

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
