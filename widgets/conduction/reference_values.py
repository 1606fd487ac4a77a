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
* Distances of the proximal sites and the sensory values are an *illustrative
  model geometry* of an average adult (a tape measure gives them in each
  patient); they are not normative data and the course text does not quote them.

Units: distances in mm, latencies and durations in ms, amplitudes in mV (CMAP)
or µV (SNAP), velocities in m/s (= mm/ms).
"""

from __future__ import annotations

from dataclasses import dataclass

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
    #: where the site distances come from
    sites_source: str = (
        "distal distance: typical 7 cm (arm) / 9 cm (leg), preston2020; proximal sites: illustrative adult geometry"
    )

    @property
    def site_names(self) -> tuple[str, ...]:
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
        for seg in self.segments:
            if seg.name == name:
                return seg
        raise ValueError(f"segment must be one of {self.lesion_segments} for the {self.name} nerve, got {name!r}")

    def site(self, name: str) -> Site:
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
            Site("axilla", "Axilla", 440.0),
            Site("erb", "Erb's point", 620.0),
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
            Site("axilla", "Axilla", 490.0),
            Site("erb", "Erb's point", 670.0),
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
            Site("popliteal_fossa", "Popliteal fossa", 580.0),
        ),
        segments=(
            _DISTAL,
            Segment("leg", "leg (ankle–below fibular head)"),
            Segment("fibular_head", "fibular head segment (below–above fibular head)", entrapment_site=True),
            Segment("popliteal", "knee segment (above fibular head–popliteal fossa)"),
        ),
        limits=TypicalLimits(dml_uln_ms=6.5, amplitude_lln_mv=2.0, cv_lln_m_s=44.0),
        means=NormalMeans(4.8, 6.8, 46.5, "buschbacher1999peroneal"),
        motor_units=200,
        motor_units_source="course facts sheet (EDB about 200 units)",
        sensory=SensoryValues("superficial peroneal SNAP", amplitude_uv=12.0, amplitude_lln_uv=6.0, cv_lln_m_s=36.0),
        axon_cv_range_m_s=_axon_cv_range(46.5, spread=0.7),
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
        means=NormalMeans(4.3, 7.1, 50.7, "Kim 2022, Ann Rehabil Med (course facts sheet)"),
        motor_units=127,
        motor_units_source="course facts sheet (abductor hallucis about 127 units)",
        sensory=SensoryValues("medial plantar SNAP", amplitude_uv=8.0, amplitude_lln_uv=4.0, cv_lln_m_s=38.0),
        axon_cv_range_m_s=_axon_cv_range(50.7, spread=0.7),
    ),
}


def get_nerve(name: str) -> Nerve:
    """The :class:`Nerve` called ``name`` (``ValueError`` naming the allowed nerves otherwise)."""
    try:
        return NERVES[name]
    except (KeyError, TypeError):
        raise ValueError(f"nerve must be one of {tuple(NERVES)}, got {name!r}") from None
