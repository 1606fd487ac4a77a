"""Reference data of the needle EMG simulator: ONE table of muscles and the published values.

Everything the model, the presets and the regions rule need to know about a
muscle lives in :data:`MUSCLES` (body region, nerve, roots); the published
values the model is held to live in :data:`NORMAL_MUP`, :data:`FIRING` and
:data:`SPONTANEOUS`. Each number carries its source key in
``book/references.bib``.

Numbers and where they come from
--------------------------------
* Normal motor unit potential (MUP) with a concentric needle: duration
  commonly about 5–15 ms, most MUPs with 2–4 phases; long, large, polyphasic
  MUPs after reinnervation, short, small, polyphasic MUPs in myopathy
  (``preston2020``). The range is the same for every muscle in this table:
  muscle- and age-specific normative tables (Buchthal's series, quantitative
  EMG reference sets) could not be verified for the course yet, so the model
  uses one calibration for all muscles (``mup_scale`` = 1) and says so.
* Firing: onset interval 132 ± 32 ms (about 7.6 Hz) and recruitment interval
  90 ± 19 ms (about 11 Hz), means of limb and girdle muscles
  (``petajan1969``); a recruitment ratio (firing rate of the fastest unit ÷
  number of units firing) of about 5 normally, above 10 in reduced
  recruitment; maximal firing about 30–50 Hz (``preston2020``).
* Spontaneous activity: fibrillation potentials (brief spikes of single
  muscle fibres, initial positivity, regular firing about 0.5–15 Hz), positive
  sharp waves, grading 0 to 4+; fasciculation potentials (whole motor units,
  irregular, slow); normal insertional activity lasts less than about 300 ms
  (``preston2020``). Awaji: fasciculation potentials count as ongoing
  denervation in a muscle with chronic neurogenic change
  (``decarvalho2008awaji``).
* Regions and the muscle rule: bulbar, cervical, thoracic, lumbosacral;
  in a limb region two muscles supplied by different roots and different
  nerves, in the bulbar and thoracic regions one muscle
  (``decarvalho2008awaji``); Gold Coast 2020: LMN dysfunction in at least two
  regions, or UMN and LMN dysfunction in one (``shefner2020goldcoast``).
* Muscle innervation (nerve, roots): standard EMG anatomy (``preston2020``).

Units: times in ms, amplitudes in µV, rates in Hz (impulses per second).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Body regions of the Gold Coast/Awaji rules, head to foot.
REGIONS: tuple[str, ...] = ("bulbar", "cervical", "thoracic", "lumbosacral")

#: Regions where ONE muscle with lower motor neuron signs is enough (Awaji 2008); limb regions need two.
ONE_MUSCLE_REGIONS: tuple[str, ...] = ("bulbar", "thoracic")


@dataclass(frozen=True)
class Muscle:
    """A muscle the needle can sample.

    ``region``: body region (:data:`REGIONS`); ``nerve``: peripheral nerve
    (``"cranial"`` and ``"dorsal rami"`` for tongue and paraspinals);
    ``roots``: segments that supply it, main root first; ``mup_scale``:
    muscle-specific scale of the normal MUP duration (1 = the common
    calibration, see the module notes).
    """

    key: str
    label: str
    short: str
    region: str
    nerve: str
    roots: tuple[str, ...]
    mup_scale: float = 1.0
    source: str = "preston2020"

    @property
    def root(self) -> str:
        """Main root (the first of :attr:`roots`)."""
        return self.roots[0]


MUSCLES: dict[str, Muscle] = {
    m.key: m
    for m in (
        Muscle("tongue", "Tongue (genioglossus)", "Tongue", "bulbar", "hypoglossal", ("XII",)),
        Muscle("deltoid", "Deltoid", "Deltoid", "cervical", "axillary", ("C5", "C6")),
        Muscle("biceps", "Biceps brachii", "Biceps", "cervical", "musculocutaneous", ("C6", "C5")),
        Muscle("triceps", "Triceps", "Triceps", "cervical", "radial", ("C7", "C6", "C8")),
        Muscle("edc", "Extensor digitorum communis (EDC)", "EDC", "cervical", "radial", ("C7", "C8")),
        Muscle("fdp", "Flexor digitorum profundus (FDP, digits 4–5)", "FDP", "cervical", "ulnar", ("C8", "T1")),
        Muscle("fpl", "Flexor pollicis longus (FPL)", "FPL", "cervical", "median", ("C8", "C7")),
        Muscle("apb", "Abductor pollicis brevis (APB)", "APB", "cervical", "median", ("T1", "C8")),
        Muscle("fdi", "First dorsal interosseous (FDI)", "FDI", "cervical", "ulnar", ("C8", "T1")),
        Muscle("adm", "Abductor digiti minimi (ADM)", "ADM", "cervical", "ulnar", ("C8", "T1")),
        Muscle("cervical_paraspinal", "Cervical paraspinal (C8 level)", "C8 paraspinal", "cervical",
               "dorsal rami", ("C8",)),
        Muscle("thoracic_paraspinal", "Thoracic paraspinal (T10 level)", "T10 paraspinal", "thoracic",
               "dorsal rami", ("T10",)),
        Muscle("vastus_lateralis", "Vastus lateralis", "Vastus lat.", "lumbosacral", "femoral", ("L3", "L4")),
        Muscle("tibialis_anterior", "Tibialis anterior", "Tib. ant.", "lumbosacral", "deep peroneal", ("L4", "L5")),
        Muscle("gastrocnemius", "Medial gastrocnemius", "Gastrocnemius", "lumbosacral", "tibial", ("S1", "S2")),
    )
}


def get_muscle(key: object) -> Muscle:
    """The muscle ``key`` of :data:`MUSCLES`; ``ValueError`` naming the allowed keys otherwise."""
    if not isinstance(key, str) or key not in MUSCLES:
        raise ValueError(f"muscle must be one of {sorted(MUSCLES)}, got {key!r}")
    return MUSCLES[key]


@dataclass(frozen=True)
class NormalMup:
    """Published normal range of MUPs (concentric needle), the same for every muscle here."""

    duration_range_ms: tuple[float, float] = (5.0, 15.0)
    #: most normal MUPs have up to this many phases; more = polyphasic
    max_phases: int = 4
    #: polyphasic MUPs are a minority of normal MUPs (the course uses 20% as the test's upper bound)
    polyphasic_fraction_max: float = 0.2
    source: str = "preston2020"


@dataclass(frozen=True)
class Firing:
    """Published firing behaviour of motor units (limb and girdle muscles)."""

    onset_interval_ms: tuple[float, float] = (132.0, 32.0)  # mean, SD
    recruitment_interval_ms: tuple[float, float] = (90.0, 19.0)  # mean, SD
    source: str = "petajan1969"
    #: recruitment ratio (fastest rate / units firing): about 5 normally; above 10 = reduced recruitment
    normal_ratio: float = 5.0
    reduced_ratio: float = 10.0
    max_rate_hz: tuple[float, float] = (30.0, 50.0)
    ratio_source: str = "preston2020"

    @property
    def recruitment_upper_hz(self) -> float:
        """Fastest normal recruitment frequency: the mean recruitment interval minus two SD (Hz)."""
        mean, sd = self.recruitment_interval_ms
        return 1000.0 / (mean - 2 * sd)


@dataclass(frozen=True)
class Spontaneous:
    """Published properties of spontaneous and insertional activity."""

    fibrillation_rate_hz: tuple[float, float] = (0.5, 15.0)
    fibrillation_duration_ms: tuple[float, float] = (1.0, 5.0)
    insertional_max_ms: float = 300.0
    grades: tuple[str, ...] = (
        "0: none",
        "1+: single trains in at least two areas",
        "2+: moderate numbers in three or more areas",
        "3+: many in all areas",
        "4+: fill the screen in all areas",
    )
    source: str = "preston2020"


@dataclass(frozen=True)
class Reading:
    """Model rules for *reading* a muscle's MUPs and recruitment (stated in the chapter; see :mod:`.regions`).

    Chronic neurogenic change: mean duration above the published upper limit (:data:`NORMAL_MUP`), or more than
    ``polyphasic_fraction`` polyphasic MUPs with a mean duration above ``polyphasic_duration_ms``; myopathic:
    mean duration below ``myopathic_duration_ms`` with early recruitment; early recruitment: more than
    ``early_extra_units`` units beyond a normal slight contraction's.
    """

    polyphasic_fraction: float = 0.2
    polyphasic_duration_ms: float = 12.0
    myopathic_duration_ms: float = 7.0
    early_extra_units: int = 1


NORMAL_MUP = NormalMup()
READING = Reading()
FIRING = Firing()
SPONTANEOUS = Spontaneous()

#: Phases of the examination, in the order they are done.
PHASES: dict[str, str] = {
    "insertion": "Insertional activity",
    "rest": "Rest (spontaneous activity)",
    "minimal": "Minimal contraction (MUP analysis)",
    "maximal": "Maximal contraction (interference pattern)",
}


def check_phase(phase: object) -> str:
    """Return ``phase`` if it is a key of :data:`PHASES`, else raise ValueError."""
    if not isinstance(phase, str) or phase not in PHASES:
        raise ValueError(f"phase must be one of {list(PHASES)}, got {phase!r}")
    return phase
