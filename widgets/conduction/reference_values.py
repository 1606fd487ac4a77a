"""Reference data of the nerve conduction simulator: ONE table of nerves.

Everything the model and the criteria need to know about a nerve lives in
:data:`NERVES`: the recorded muscle, the stimulation sites and their distances,
the segments between them (and which of them are long upper-limb segments,
common entrapment sites or proximal segments), the published normal means the
model is calibrated to, the **typical laboratory limits**, and the motor-unit
count of the muscle. Each number carries its source.

Numbers and where they come from
--------------------------------
* Typical laboratory limits (distal motor latency, CMAP amplitude, conduction
  velocity) and the distal distance (7 cm arm, 9 cm leg): commonly used limits,
  cite ``preston2020``. They are *typical*; laboratories use their own. Change
  them here, nowhere else.
* Normal means: median ``buschbacher1999median``; deep peroneal
  ``buschbacher1999peroneal``; ulnar (JNND normative series and a Czech study)
  and tibial (Kim 2022, Ann Rehabil Med) as listed in the course facts sheet.
* Motor-unit numbers: thenar 340 and hypothenar 380 ``sica1974``; extensor
  digitorum brevis about 200 and abductor hallucis about 127 (course facts sheet).
* Between-person SDs (:class:`NormalSpread`; a seed is a person, see
  :mod:`widgets.conduction.person`): median ``buschbacher1999median``; ulnar
  JNND series and the Czech multicentre study; peroneal
  ``buschbacher1999peroneal``; tibial ``kim2022`` (95% ranges / 4).
* Leg CMAPs are longer than hand CMAPs (EFNS/PNS 2010 duration limits,
  ``efnspns2010cidp``), and the normal tibial CMAP loses much amplitude between
  ankle and knee (up to 50%, ``preston2020``): ``mup_duration_scale`` and the
  tibial axon-velocity range below.
* Standard sites (``Site.standard``): only they are compared with the distal
  response for the EAN/PNS 2021 block and dispersion items.
* Distances of the proximal sites and the sensory values are an *illustrative
  model geometry* of the reference person (170 cm; a tape measure gives them in
  each patient); they are not normative data and the course text does not quote
  them. Each person's inter-site distances scale with height
  (:func:`widgets.conduction.person.person_nerve`).

Units: distances in mm, latencies and durations in ms, amplitudes in mV (CMAP)
or µV (SNAP), velocities in m/s (= mm/ms).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Age range (years) of the people drawn from seeds ≥ 1 (uniform), and the reference person's age (seed 0).
AGE_RANGE_YEARS = (20.0, 70.0)
REFERENCE_AGE_YEARS = 30.0
#: Motor-unit numbers fall with age: about 40% fewer (larger) units at about 71 years (course facts sheet §5);
#: the model lets the count fall linearly from this age to that loss at 71 years (illustrative shape).
UNIT_LOSS_FROM_AGE_YEARS = 40.0
UNIT_LOSS_AT_71 = 0.4

#: Height (cm) of the reference person (seed 0) and the SD of height between the people of seeds ≥ 1 (draws
#: clipped at ±2.5 SD): an illustrative adult population, not normative data. The proximal site distances below
#: are the reference person's; a person's inter-site distances scale with height / reference height, because limb
#: segment lengths are proportional to height and F-wave latencies rise linearly with height (R² 0.74-0.76 for
#: median, ulnar and tibial F-waves, gupta2025fwave; height nomogram, nobrega2004fwave). The distal distance is
#: a fixed standard distance and does not scale.
REFERENCE_HEIGHT_CM = 170.0
HEIGHT_SD_CM = 9.0

#: Temperature (°C) at which the reference values apply in the model.
REFERENCE_TEMPERATURE_C = 34.0

#: Allowed limb temperature range of the model (°C).
TEMPERATURE_RANGE_C = (20.0, 40.0)

#: Source key of the typical laboratory limits.
LIMITS_SOURCE = "preston2020"


@dataclass(frozen=True)
class Site:
    """A stimulation site: ``distance_mm`` along the nerve from the recording electrode."""

    name: str
    label: str
    distance_mm: float
    #: a standard stimulation site of routine studies (wrist, elbow, ankle, fibular head, knee). Axilla and
    #: Erb's point (and the popliteal fossa above the fibular head) are extra proximal sites: their comparison
    #: with the distal response is reported, but not counted for the EAN/PNS 2021 dispersion and block items,
    #: because normal velocity spread over these long distances prolongs the CMAP by up to ~30-40% (model
    #: choice; fidelity audit row 7).
    standard: bool = True


@dataclass(frozen=True)
class Segment:
    """The nerve between two adjacent sites (or, for ``distal``, between the distal site and the muscle).

    ``long_segment``: a long upper-limb segment in the sense of the EFNS/PNS 2010
    probable-block rule (wrist–elbow, elbow–axilla). ``entrapment_site``: the
    segment crosses a common entrapment site (median at the wrist, ulnar at the
    elbow, peroneal at the fibular head). ``proximal``: a proximal segment, whose
    axons conduct about 10 m/s faster than in the forearm.
    """

    name: str
    label: str
    long_segment: bool = False
    entrapment_site: bool = False
    proximal: bool = False


@dataclass(frozen=True)
class TypicalLimits:
    """Typical laboratory limits: distal latency upper limit (ms), amplitude and CV lower limits."""

    dml_uln_ms: float
    amplitude_lln_mv: float
    cv_lln_m_s: float
    source: str = LIMITS_SOURCE


@dataclass(frozen=True)
class NormalMeans:
    """Published normal means the model is calibrated to (34 °C)."""

    dml_ms: float
    amplitude_mv: float
    cv_m_s: float
    source: str


@dataclass(frozen=True)
class NormalSpread:
    """Between-person standard deviations of a normal population (34 °C), each with its source.

    A seed is a person (:mod:`widgets.conduction.person`): seeds ≥ 1 draw a
    person's distal CMAP amplitude, distal latency, conduction velocity and
    motor-unit number from these SDs around :class:`NormalMeans`.
    ``motor_units_sd``: SD of the number of motor units of the recorded muscle.
    """

    dml_sd_ms: float
    amplitude_sd_mv: float
    cv_sd_m_s: float
    motor_units_sd: float
    source: str
    #: mean distal CMAP amplitude (mV) of people aged 40 or more, where a series reports it by age (None: no
    #: age effect on amplitude is modelled for this nerve)
    amplitude_mean_from_40_mv: float | None = None


@dataclass(frozen=True)
class SensoryValues:
    """Illustrative sensory (SNAP) values of the model (not normative data)."""

    label: str
    amplitude_uv: float
    amplitude_lln_uv: float
    cv_lln_m_s: float
    source: str = "illustrative model value (not in the course facts sheet)"


@dataclass(frozen=True)
class Nerve:
    """One motor nerve study: muscle, sites (distal first), segments, limits and unit count."""

    name: str
    label: str
    muscle: str
    limb: str  # "arm" or "leg"
    sites: tuple[Site, ...]
    segments: tuple[Segment, ...]  # segments[0] is "distal"; segments[k] lies between sites[k-1] and sites[k]
    limits: TypicalLimits
    means: NormalMeans
    motor_units: int
    motor_units_source: str
    sensory: SensoryValues
    #: velocity range (m/s) of single motor axons in the distal (forearm or leg) segment
    axon_cv_range_m_s: tuple[float, float]
    #: peakedness of the axon velocity distribution (None: the pool's default, see ``PoolParameters``)
    axon_cv_peakedness: float | None = None
    #: between-person SDs of the normal population
    spread: NormalSpread = None  # type: ignore[assignment]
    #: time scale of the motor-unit potential of the recorded muscle (1 = hand muscles)
    mup_duration_scale: float = 1.0
    #: where the site distances come from
    sites_source: str = (
        "distal distance: typical 7 cm (arm) / 9 cm (leg), preston2020; proximal sites: illustrative adult geometry"
    )

    @property
    def site_names(self) -> tuple[str, ...]:
        """Names of the stimulation sites, distal first."""
        return tuple(s.name for s in self.sites)

    @property
    def segment_names(self) -> tuple[str, ...]:
        """Segments between adjacent stimulation sites (the ones a block can be measured in)."""
        return tuple(s.name for s in self.segments[1:])

    @property
    def lesion_segments(self) -> tuple[str, ...]:
        """Segments a lesion can be put in: ``distal``, the inter-site segments, or ``all``."""
        return tuple(s.name for s in self.segments) + ("all",)

    def segment(self, name: str) -> Segment:
        """The segment called ``name``; ValueError naming the nerve's segments if there is none."""
        for seg in self.segments:
            if seg.name == name:
                return seg
        raise ValueError(f"segment must be one of {self.lesion_segments} for the {self.name} nerve, got {name!r}")

    @property
    def standard_sites(self) -> tuple[str, ...]:
        """Proximal sites compared with the distal one for the EAN/PNS 2021 block and dispersion items.

        These are the sites with ``Site.standard`` set.
        """
        return tuple(s.name for s in self.sites[1:] if s.standard)

    def site(self, name: str) -> Site:
        """The stimulation site called ``name``; ValueError naming the nerve's sites if there is none."""
        for s in self.sites:
            if s.name == name:
                return s
        raise ValueError(f"site must be one of {self.site_names} for the {self.name} nerve, got {name!r}")

    @property
    def key_segment(self) -> str:
        """The long segment where presets put a block: forearm (arm) or leg."""
        return self.segments[1].name


def _axon_cv_range(mean_cv: float, spread: float = 1.0) -> tuple[float, float]:
    """Single-axon CV range (m/s) of the distal segment.

    Single thenar motor axons conduct at 34–66 m/s with a peak near 50 m/s
    (facts sheet); other nerves get that range scaled to their mean CV. No
    single-axon data are at hand for the leg nerves: ``spread`` < 1 narrows
    their range (an illustrative choice that keeps their normal proximal CMAP
    duration increase in the range seen in practice).
    """
    scale = mean_cv / 57.0
    mid, half = 50.0 * scale, 16.0 * scale * spread
    return (round(mid - half, 1), round(mid + half, 1))


#: Leg muscles give longer CMAPs than hand muscles: the EFNS/PNS 2010 upper limits of distal negative-peak
#: duration (20 Hz low-frequency filter) are 6.6 (median), 6.7 (ulnar), 7.6 (peroneal) and 8.8 ms (tibial),
#: efnspns2010cidp. The model lengthens the unit potentials of EDB and abductor hallucis by the ratio of
#: those limits to the median one (7.6/6.6, 8.8/6.6): a model choice tied to the published limits.
PERONEAL_MUP_SCALE = round(7.6 / 6.6, 3)
TIBIAL_MUP_SCALE = round(8.8 / 6.6, 3)

#: Tibial single-axon velocities (m/s) and the peakedness of their distribution (illustrative; no single-axon
#: data are at hand): wide and flat enough that the normal CMAP loses much amplitude but less area between
#: ankle and knee (normal controls may drop up to 50%, preston2020) -- the reason the criteria do not grade a
#: tibial block by amplitude and ask for a 100% duration increase there. Fastest axons near the published mean
#: CV (kim2022).
TIBIAL_AXON_CV_RANGE = (18.5, 53.0)
#: Peroneal single-axon velocities (m/s): the hand range narrowed (illustrative), fastest axons near the mean CV.
PERONEAL_AXON_CV_RANGE = (35.0, 53.5)
TIBIAL_AXON_PEAKEDNESS = 0.8

_DISTAL = Segment("distal", "distal segment (distal site–muscle)")

NERVES: dict[str, Nerve] = {
    "median": Nerve(
        name="median",
        label="Median nerve",
        muscle="abductor pollicis brevis (APB)",
        limb="arm",
        sites=(
            Site("wrist", "Wrist", 70.0),
            Site("elbow", "Elbow", 300.0),
            Site("axilla", "Axilla", 440.0, standard=False),
            Site("erb", "Erb's point", 620.0, standard=False),
        ),
        segments=(
            Segment("distal", "distal segment (wrist–APB, carpal tunnel)", entrapment_site=True),
            Segment("forearm", "forearm (wrist–elbow)", long_segment=True),
            Segment("upper_arm", "upper arm (elbow–axilla)", long_segment=True, proximal=True),
            Segment("plexus", "plexus (axilla–Erb's point)", proximal=True),
        ),
        limits=TypicalLimits(dml_uln_ms=4.4, amplitude_lln_mv=4.0, cv_lln_m_s=49.0),
        means=NormalMeans(3.7, 10.2, 57.0, "buschbacher1999median"),
        motor_units=340,
        motor_units_source="sica1974",
        sensory=SensoryValues("median SNAP", amplitude_uv=30.0, amplitude_lln_uv=15.0, cv_lln_m_s=49.0),
        axon_cv_range_m_s=_axon_cv_range(57.0),
        spread=NormalSpread(0.5, 3.6, 5.0, 87.0, "buschbacher1999median (3.7 ± 0.5 ms, 10.2 ± 3.6 mV, 57 ± 5 m/s); "
                            "thenar units 340 ± 87, sica1974"),
    ),
    "ulnar": Nerve(
        name="ulnar",
        label="Ulnar nerve",
        muscle="abductor digiti minimi (ADM)",
        limb="arm",
        sites=(
            Site("wrist", "Wrist", 70.0),
            Site("below_elbow", "Below elbow", 290.0),
            Site("above_elbow", "Above elbow", 390.0),
            Site("axilla", "Axilla", 490.0, standard=False),
            Site("erb", "Erb's point", 670.0, standard=False),
        ),
        segments=(
            _DISTAL,
            Segment("forearm", "forearm (wrist–below elbow)", long_segment=True),
            Segment("elbow", "elbow segment (below–above elbow)", entrapment_site=True),
            Segment("upper_arm", "upper arm (above elbow–axilla)", long_segment=True, proximal=True),
            Segment("plexus", "plexus (axilla–Erb's point)", proximal=True),
        ),
        limits=TypicalLimits(dml_uln_ms=3.3, amplitude_lln_mv=6.0, cv_lln_m_s=49.0),
        means=NormalMeans(2.75, 9.6, 59.8, "JNND normative series; Czech study (course facts sheet)"),
        motor_units=380,
        motor_units_source="sica1974",
        sensory=SensoryValues("ulnar SNAP", amplitude_uv=25.0, amplitude_lln_uv=12.0, cv_lln_m_s=49.0),
        axon_cv_range_m_s=_axon_cv_range(59.8),
        spread=NormalSpread(0.39, 2.3, 5.2, 79.0, "DML 2.75 ± 0.39 ms (JNND normative series, facts sheet); ADM "
                            "amplitude 9.6 ± 2.3 mV and forearm CV 60.4 ± 5.2 m/s (Czech multicentre normative study "
                            "of 227 volunteers, facts sheet); hypothenar units 380 ± 79, sica1974"),
    ),
    "peroneal": Nerve(
        name="peroneal",
        label="Deep peroneal nerve",
        muscle="extensor digitorum brevis (EDB)",
        limb="leg",
        sites=(
            Site("ankle", "Ankle", 90.0),
            Site("below_fibular_head", "Below fibular head", 400.0),
            Site("above_fibular_head", "Above fibular head", 500.0),
            Site("popliteal_fossa", "Popliteal fossa", 580.0, standard=False),
        ),
        segments=(
            _DISTAL,
            Segment("leg", "leg (ankle–below fibular head)"),
            Segment("fibular_head", "fibular head segment (below–above fibular head)", entrapment_site=True),
            Segment("popliteal", "knee segment (above fibular head–popliteal fossa)"),
        ),
        limits=TypicalLimits(dml_uln_ms=6.5, amplitude_lln_mv=2.0, cv_lln_m_s=44.0),
        means=NormalMeans(4.8, 6.8, 48.0, "buschbacher1999peroneal (CV 44-49 m/s by group; 48 = upper part)"),
        motor_units=200,
        motor_units_source="course facts sheet (EDB about 200 units)",
        sensory=SensoryValues("superficial peroneal SNAP", amplitude_uv=12.0, amplitude_lln_uv=6.0, cv_lln_m_s=36.0),
        axon_cv_range_m_s=PERONEAL_AXON_CV_RANGE,
        spread=NormalSpread(0.8, 2.5, 4.0, 50.0, "buschbacher1999peroneal (4.8 ± 0.8 ms; 6.8 ± 2.5 mV under 40 years, "
                            "5.1 ± 2.5 mV from 40; CV 44-49 m/s, SD 4-5); unit-number SD: the thenar relative SD "
                            "(25%, sica1974), illustrative", amplitude_mean_from_40_mv=5.1),
        mup_duration_scale=PERONEAL_MUP_SCALE,
    ),
    "tibial": Nerve(
        name="tibial",
        label="Tibial nerve",
        muscle="abductor hallucis (AH)",
        limb="leg",
        sites=(
            Site("ankle", "Ankle", 90.0),
            Site("knee", "Knee (popliteal fossa)", 480.0),
        ),
        segments=(
            _DISTAL,
            Segment("leg", "leg (ankle–knee)"),
        ),
        limits=TypicalLimits(dml_uln_ms=5.8, amplitude_lln_mv=4.0, cv_lln_m_s=41.0),
        means=NormalMeans(4.3, 7.1, 50.7, "kim2022 (males in their 20s)"),
        motor_units=127,
        motor_units_source="course facts sheet (abductor hallucis about 127 units)",
        sensory=SensoryValues("medial plantar SNAP", amplitude_uv=8.0, amplitude_lln_uv=4.0, cv_lln_m_s=38.0),
        axon_cv_range_m_s=TIBIAL_AXON_CV_RANGE,
        axon_cv_peakedness=TIBIAL_AXON_PEAKEDNESS,
        spread=NormalSpread(0.58, 1.9, 4.3, 32.0, "kim2022 reference ranges (95%, about mean ± 2 SD): 3.1-5.4 ms, "
                            "3.4-10.9 mV, 42.2-59.3 m/s, so SD = range / 4; unit-number SD: the thenar relative SD "
                            "(25%, sica1974), illustrative"),
        mup_duration_scale=TIBIAL_MUP_SCALE,
    ),
}


def get_nerve(name: str) -> Nerve:
    """The :class:`Nerve` called ``name`` (``ValueError`` naming the allowed nerves otherwise)."""
    try:
        return NERVES[name]
    except (KeyError, TypeError):
        raise ValueError(f"nerve must be one of {tuple(NERVES)}, got {name!r}") from None
