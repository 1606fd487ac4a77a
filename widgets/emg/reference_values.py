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
  (``preston2020``).
* Muscle-specific normal MUPs (:data:`MUP_REFERENCE`): the reference values
  for standard (concentric needle) EMG of the Norwegian Society of Clinical
  Neurophysiology's method guideline (``nfkn_emg_reference``): per muscle the
  mean ± SD of a muscle's mean MUP amplitude and duration, and the outlier
  limits for single MUPs (Keypoint definition: the mean of the 3rd highest of
  the first 20 MUPs + 2 SD, and of the 3rd lowest − 2 SD; a muscle is abnormal
  with more than two MUPs outside). Seen for the deltoid, biceps and first
  dorsal interosseous only; the other muscles keep the common calibration
  (``mup_scale`` = 1). No age-specific table could be verified, so the model
  has no age effect on MUPs.
* How people and MUPs differ (:data:`MUP_VARIATION`), derived from the same
  published figures: see :class:`MupVariation`. Known shortfall: the model
  has no acceptance rule for MUPs (clinically, distant units' blunt MUPs are
  not analysed), so its single-MUP amplitudes have a heavier lower tail than
  the published lower outlier limit allows; single amplitudes are held to the
  upper outlier limit only.
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
    ``roots``: segments that supply it, main root first; ``mup_scale`` and
    ``mup_amplitude_scale``: model calibration of the muscle's MUPs (time and
    voltage factors on the common waveforms, 1 = the common calibration),
    fitted so that normal MUPs match :data:`MUP_REFERENCE` where the muscle
    has published values (see the module notes).
    """

    key: str
    label: str
    short: str
    region: str
    nerve: str
    roots: tuple[str, ...]
    mup_scale: float = 1.0
    mup_amplitude_scale: float = 1.0
    source: str = "preston2020"

    @property
    def root(self) -> str:
        """Main root (the first of :attr:`roots`)."""
        return self.roots[0]


@dataclass(frozen=True)
class MupReference:
    """Published normal MUPs of one muscle (concentric needle, multi-MUP analysis).

    ``amplitude_uv`` and ``duration_ms``: mean and SD, over healthy subjects, of
    a muscle's mean MUP amplitude (µV) and duration (ms); ``*_outliers``: lower
    and upper outlier limits for single MUPs (a muscle is abnormal if more than
    two of its MUPs lie outside them).
    """

    amplitude_uv: tuple[float, float]
    amplitude_outliers_uv: tuple[float, float]
    duration_ms: tuple[float, float]
    duration_outliers_ms: tuple[float, float]
    source: str = "nfkn_emg_reference"

    @property
    def duration_limits_ms(self) -> tuple[float, float]:
        """Normal limits of a muscle's mean MUP duration: mean ± 2 SD (ms)."""
        mean, sd = self.duration_ms
        return (mean - 2 * sd, mean + 2 * sd)

    @property
    def amplitude_limits_uv(self) -> tuple[float, float]:
        """Normal limits of a muscle's mean MUP amplitude: mean ± 2 SD (µV)."""
        mean, sd = self.amplitude_uv
        return (mean - 2 * sd, mean + 2 * sd)


#: Published normal MUPs per muscle ("Normalverdier standard EMG", ``nfkn_emg_reference``); muscles absent here
#: have no verified muscle-specific values.
MUP_REFERENCE: dict[str, MupReference] = {
    "deltoid": MupReference((550.0, 110.0), (162.0, 1531.0), (10.4, 1.3), (4.2, 18.4)),
    "biceps": MupReference((436.0, 115.0), (178.0, 1414.0), (9.9, 1.4), (4.2, 16.4)),
    "fdi": MupReference((752.0, 247.0), (188.0, 2301.0), (9.4, 1.3), (4.0, 18.0)),
}

#: Model calibration ``(mup_scale, mup_amplitude_scale)`` of the muscles in :data:`MUP_REFERENCE`: factors on
#: the common waveforms, fitted (60 people, with the person and unit factors of :data:`MUP_VARIATION`) so that
#: the mean over people of a muscle's mean MUP duration and mean MUP amplitude, over the MUPs that
#: :func:`widgets.emg.regions.analysed_mups` samples, meets the published means. Derived, from factors of 1, by
#: ``benchmarks/bench_emg_mup_calibration.py`` (which prints fitted against stored values): rerun it and paste
#: its factors here whenever the waveforms, the variation or the sampler change.
MUP_CALIBRATION: dict[str, tuple[float, float]] = {
    "deltoid": (0.9874, 0.8926),
    "biceps": (1.004, 0.6372),
    "fdi": (0.8488, 1.1073),
}


@dataclass(frozen=True)
class MupVariation:
    """How much healthy people, and the MUPs of one person, differ (log-normal factors on the MUP waveforms).

    A person's MUPs of one muscle are the common waveforms times a **person factor** (time: log-SD
    ``duration_between``; voltage: log-SD ``amplitude_between``), ``exp(s·z − s²/2)``, and, per motor unit, a
    **unit factor** on time, ``1 + s·z`` with ``s`` = ``duration_within`` (symmetric: the published lower
    outlier limits lie at or below what a log-normal spread predicts, 4.2/4.2/4.0 ms against 5.0/5.2/3.9 ms,
    so single-MUP durations are less right-skewed than log-normal); ``z`` is standard normal, clipped to ±2.5,
    and both factors leave the mean over people unchanged. Log-SDs are dimensionless (a log-SD of 0.1 is about a 10%
    coefficient of variation).

    Derivation (``nfkn_emg_reference``; per muscle, 20 MUPs per person as in the published multi-MUP analysis):
    for a log-normal population with between-person log-SD ``s_b`` and within-person log-SD ``s_w``,

    * the published SD ÷ mean of a muscle's mean MUP value (duration: 1.3/10.4 ms deltoid, 1.4/9.9 ms biceps,
      1.3/9.4 ms first dorsal interosseous; amplitude: 110/550, 115/436, 247/752 µV) is the coefficient of
      variation of the mean of 20 MUPs, about ``sqrt(s_b² + s_w²/20)``;
    * the published upper outlier limit (18.4, 16.4, 18.0 ms; 1531, 1414, 2301 µV) is, by its definition, the
      mean over people of the 3rd highest of 20 MUPs + 2 SD;

    solved together (Monte Carlo of 20,000 people) they give, for duration, ``s_b`` = 0.102, 0.130, 0.108 and
    ``s_w`` = 0.307, 0.227, 0.365 (deltoid, biceps, first dorsal interosseous), and for amplitude a
    coefficient of variation of the person's mean of 0.200, 0.264, 0.328. The model's own waveforms already
    vary (units differ in fibres and distance from the needle): within a person their durations have a log-SD
    of 0.054, 0.070, 0.047, and the mean amplitude of 20 MUPs varies between people with a coefficient of
    variation of 0.120, 0.133, 0.141 (measured over 40 people before these factors, on the first recruited
    units of each needle position; the tests hold the result to the published SDs). The factors add the rest,
    in quadrature: ``duration_within = sqrt(s_w² − model²)``, ``duration_between = s_b`` (the model's own
    between-person spread of mean duration, 0.013–0.016, is negligible), ``amplitude_between =
    sqrt(CV² − model²)``. The model's within-person amplitude spread (log-SD about 0.56–0.59) is of the size the
    published upper limits imply (0.66–0.86), so it gets no unit factor. Muscles without published values use
    the mean of the three (:data:`MUP_VARIATION_DEFAULT`); a person's factors are drawn for each muscle
    independently (no published correlation between muscles was found).
    """

    duration_between: float
    duration_within: float
    amplitude_between: float
    source: str = "nfkn_emg_reference"


#: Published-derived spread of MUPs per muscle (see :class:`MupVariation`): log-SDs, dimensionless.
MUP_VARIATION: dict[str, MupVariation] = {
    "deltoid": MupVariation(0.102, 0.302, 0.160),
    "biceps": MupVariation(0.130, 0.216, 0.228),
    "fdi": MupVariation(0.108, 0.362, 0.296),
}
#: Spread used for muscles without published values: the mean of :data:`MUP_VARIATION`.
MUP_VARIATION_DEFAULT = MupVariation(
    *(round(sum(getattr(v, f) for v in MUP_VARIATION.values()) / len(MUP_VARIATION), 3)
      for f in ("duration_between", "duration_within", "amplitude_between")))


def mup_variation(muscle: object) -> MupVariation:
    """The :class:`MupVariation` of ``muscle`` (its own where published, else the default); ``ValueError`` if unknown."""
    return MUP_VARIATION.get(get_muscle(muscle).key, MUP_VARIATION_DEFAULT)


MUSCLES: dict[str, Muscle] = {
    m.key: m
    for m in (
        Muscle("tongue", "Tongue (genioglossus)", "Tongue", "bulbar", "hypoglossal", ("XII",)),
        Muscle("deltoid", "Deltoid", "Deltoid", "cervical", "axillary", ("C5", "C6"),
               *MUP_CALIBRATION["deltoid"]),
        Muscle("biceps", "Biceps brachii", "Biceps", "cervical", "musculocutaneous", ("C6", "C5"),
               *MUP_CALIBRATION["biceps"]),
        Muscle("triceps", "Triceps", "Triceps", "cervical", "radial", ("C7", "C6", "C8")),
        Muscle("edc", "Extensor digitorum communis (EDC)", "EDC", "cervical", "radial", ("C7", "C8")),
        Muscle("fdp", "Flexor digitorum profundus (FDP, digits 4–5)", "FDP", "cervical", "ulnar", ("C8", "T1")),
        Muscle("fpl", "Flexor pollicis longus (FPL)", "FPL", "cervical", "median", ("C8", "C7")),
        Muscle("apb", "Abductor pollicis brevis (APB)", "APB", "cervical", "median", ("T1", "C8")),
        Muscle("fdi", "First dorsal interosseous (FDI)", "FDI", "cervical", "ulnar", ("C8", "T1"),
               *MUP_CALIBRATION["fdi"]),
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
    #: MUPs analysed per muscle (the published multi-MUP values are of 20 MUPs, ``nfkn_emg_reference``)
    mups_analysed: int = 20


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


def mup_duration_upper_ms(muscle: object) -> float:
    """Upper normal limit (ms) of a muscle's mean MUP duration.

    The published mean + 2 SD of :data:`MUP_REFERENCE` where the muscle has muscle-specific values, else the upper
    end of the common range ``NORMAL_MUP.duration_range_ms``. ``ValueError`` for an unknown muscle.
    """
    key = get_muscle(muscle).key
    ref = MUP_REFERENCE.get(key)
    return round(ref.duration_limits_ms[1], 2) if ref else NORMAL_MUP.duration_range_ms[1]
