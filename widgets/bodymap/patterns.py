"""Which body regions are affected, and how, at each time point: MMN, ALS and typical CIDP.

A schematic teaching illustration, **not data**: each disease's pattern follows
its published definition (the keys in ``sources`` refer to
``book/references.bib``), but the particular regions, grades and years are
invented to show the *shape* of each disease's spread. Pure data, no plotting.

Weakness grades: 0 normal, 1 mild, 2 moderate, 3 severe.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from widgets.bodymap.regions import REGION_IDS, region

#: Time points of the illustration, in years since the first symptom.
YEARS: tuple[int, ...] = (0, 1, 3, 5)

#: Weakness grades and their names (the number is printed on the map, so colour is not the only cue).
GRADES: tuple[str, ...] = ("normal", "mild weakness", "moderate weakness", "severe weakness")


@dataclass(frozen=True)
class Finding:
    """What the examination finds in one region at one time point."""

    weakness: int = 0
    sensory_loss: bool = False
    umn_signs: bool = False
    note: str = ""

    def __post_init__(self):
        if self.weakness not in range(len(GRADES)):
            raise ValueError(f"weakness must be a grade from 0 to {len(GRADES) - 1}, got {self.weakness!r}")

    @property
    def abnormal(self) -> bool:
        """Whether the region shows any finding (weakness, sensory loss or upper motor neuron signs)."""
        return self.weakness > 0 or self.sensory_loss or self.umn_signs


NORMAL = Finding()


@dataclass(frozen=True)
class Pattern:
    """One disease's findings at each time point of :data:`YEARS`."""

    key: str
    name: str
    summary: str
    sources: tuple[str, ...]
    timeline: Mapping[int, Mapping[str, Finding]] = field(repr=False)

    def __post_init__(self):
        if tuple(self.timeline) != YEARS:
            raise ValueError(f"timeline of {self.key} must cover the years {YEARS}, got {tuple(self.timeline)}")
        for year, findings in self.timeline.items():
            for rid in findings:
                region(rid)  # ValueError for an unknown region

    def findings(self, year: int) -> dict[str, Finding]:
        """Finding in every region (normal where the table says nothing) at ``year``."""
        year = check_year(year)
        table = self.timeline[year]
        return {rid: table.get(rid, NORMAL) for rid in REGION_IDS}


def _table(rows: dict[int, dict[str, Finding]]) -> Mapping[int, Mapping[str, Finding]]:
    return MappingProxyType({y: MappingProxyType(dict(r)) for y, r in rows.items()})


F = Finding

_ULNAR = "ulnar nerve territory (grip, finger spreading)"
_RADIAL = "radial nerve territory (wrist and finger extension: wrist drop)"
_PERONEAL = "peroneal nerve territory (ankle and toe lifting: foot drop)"
_MEDIAN = "median nerve territory (thumb)"

MMN = Pattern(
    key="mmn",
    name="Multifocal motor neuropathy",
    summary=(
        "Weakness in the territory of single nerves, one after another: asymmetric, distal, "
        "arm-predominant. No sensory loss, no upper motor neuron signs, no bulbar weakness."
    ),
    sources=("efnspns2010mmn", "loscher2018"),
    timeline=_table(
        {
            0: {"right_hand": F(1, note=_ULNAR)},
            1: {"right_hand": F(2, note=_ULNAR), "right_forearm": F(1, note=_RADIAL)},
            3: {
                "right_hand": F(2, note=_ULNAR),
                "right_forearm": F(2, note=_RADIAL),
                "right_leg_distal": F(1, note=_PERONEAL),
            },
            5: {
                "right_hand": F(3, note=_ULNAR),
                "right_forearm": F(2, note=_RADIAL),
                "right_leg_distal": F(2, note=_PERONEAL),
                "left_hand": F(1, note=_MEDIAN),
            },
        }
    ),
)

_BRISK = "brisk reflexes in weak, wasted muscles"
_SPLIT = "split hand: thenar and first dorsal interosseous wasted, hypothenar spared"
ALS = Pattern(
    key="als",
    name="Amyotrophic lateral sclerosis",
    summary=(
        "Weakness spreads from region to neighbouring region, with upper motor neuron signs "
        "(brisk reflexes, spasticity) and, typically, bulbar weakness. No sensory loss."
    ),
    sources=("shefner2020goldcoast", "decarvalho2008awaji", "kuwabara2008split"),
    timeline=_table(
        {
            0: {"right_hand": F(1, note=_SPLIT)},
            1: {
                "right_hand": F(2, note=_SPLIT),
                "right_forearm": F(1, umn_signs=True, note=_BRISK),
                "left_hand": F(1),
            },
            3: {
                "right_hand": F(3, note=_SPLIT),
                "right_forearm": F(2, umn_signs=True, note=_BRISK),
                "right_upper_arm": F(2, umn_signs=True, note=_BRISK),
                "right_shoulder": F(1),
                "left_hand": F(2),
                "left_forearm": F(1, umn_signs=True, note=_BRISK),
                "bulbar": F(1, umn_signs=True, note="slurred speech; brisk jaw jerk"),
            },
            5: {
                "right_hand": F(3, note=_SPLIT),
                "right_forearm": F(3, umn_signs=True, note=_BRISK),
                "right_upper_arm": F(3, umn_signs=True, note=_BRISK),
                "right_shoulder": F(2),
                "left_hand": F(3),
                "left_forearm": F(2, umn_signs=True, note=_BRISK),
                "left_upper_arm": F(2),
                "left_shoulder": F(1),
                "bulbar": F(2, umn_signs=True, note="slurred speech, difficulty swallowing"),
                "trunk": F(1),
                "right_leg_proximal": F(1, umn_signs=True, note="brisk knee jerk, extensor plantar response"),
                "left_leg_proximal": F(1, umn_signs=True, note="brisk knee jerk, extensor plantar response"),
            },
        }
    ),
)

_SENS = "numbness and reduced sensation"
CIDP = Pattern(
    key="cidp",
    name="Typical CIDP",
    summary=(
        "Symmetric weakness of proximal and distal muscles of all limbs, with sensory loss "
        "and reduced or absent reflexes in all limbs."
    ),
    sources=("vandenbergh2021cidp",),
    timeline=_table(
        {
            year: {
                f"{side}_{segment}": F(grade, sensory_loss=sensory, note=_SENS if sensory else "")
                for side in ("right", "left")
                for segment, grade, sensory in rows
            }
            for year, rows in {
                0: (("hand", 1, True), ("leg_distal", 1, True), ("leg_proximal", 1, False), ("shoulder", 1, False)),
                1: (
                    ("hand", 2, True),
                    ("forearm", 1, True),
                    ("leg_distal", 2, True),
                    ("leg_proximal", 1, False),
                    ("shoulder", 1, False),
                    ("upper_arm", 1, False),
                ),
                3: (
                    ("hand", 2, True),
                    ("forearm", 2, True),
                    ("leg_distal", 2, True),
                    ("leg_proximal", 2, False),
                    ("shoulder", 2, False),
                    ("upper_arm", 1, False),
                ),
                5: (
                    ("hand", 2, True),
                    ("forearm", 2, True),
                    ("leg_distal", 3, True),
                    ("leg_proximal", 2, True),
                    ("shoulder", 2, False),
                    ("upper_arm", 2, False),
                ),
            }.items()
        }
    ),
)

#: The three diseases of the body map, by key.
PATTERNS: Mapping[str, Pattern] = MappingProxyType({p.key: p for p in (MMN, ALS, CIDP)})
DISEASES: tuple[str, ...] = tuple(PATTERNS)


def check_disease(disease: str) -> str:
    """Normalised disease key (``"mmn"``, ``"als"``, ``"cidp"``); ValueError naming ``disease`` otherwise."""
    key = disease.lower().strip() if isinstance(disease, str) else disease
    if key not in PATTERNS:
        raise ValueError(f"disease must be one of {DISEASES} (any case), got {disease!r}")
    return key


def check_year(year: int) -> int:
    """``year`` if it is one of :data:`YEARS`; ValueError naming ``year`` otherwise."""
    if isinstance(year, bool) or year not in YEARS:
        raise ValueError(f"year must be one of {YEARS}, got {year!r}")
    return int(year)


def pattern(disease: str) -> Pattern:
    """The :class:`Pattern` of ``disease`` (``"mmn"``, ``"als"`` or ``"cidp"``, any case)."""
    return PATTERNS[check_disease(disease)]
