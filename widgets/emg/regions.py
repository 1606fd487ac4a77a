"""Reading the needle EMG of a patient, muscle by muscle, and applying the Awaji/Gold Coast regions rule.

:func:`read_muscle` turns the simulated EMG of one muscle into the findings an
electromyographer reports: spontaneous activity, MUP size and shape (from 20
MUPs sampled at several needle positions), recruitment (mean recruitment ratio
over the positions), and whether the muscle shows **lower motor neuron (LMN)
signs** in the Gold Coast sense: chronic neurogenic change *and* ongoing
denervation, where fasciculation potentials count as ongoing denervation
(Awaji, ``decarvalho2008awaji``; ``shefner2020goldcoast``).

:func:`regions` applies the Awaji muscle rule per body region (bulbar and
thoracic: one muscle; cervical and lumbosacral: two muscles supplied by
different roots and different nerves) and counts the regions with LMN signs:
Gold Coast needs LMN dysfunction in at least two regions, or upper and lower
motor neuron dysfunction in one, with other diseases excluded. Reduced
recruitment alone (a conduction block) and myopathic units with fibrillations
are not LMN signs.

Thresholds used to *read* MUPs (model rules, stated in the chapter): chronic
neurogenic change = mean duration above the muscle's upper normal limit (the
published mean + 2 SD for the deltoid, biceps and first dorsal interosseous,
``nfkn_emg_reference``; otherwise 15 ms, the upper end of the published
5–15 ms range, ``preston2020``), or more than 20% polyphasic MUPs with a mean
duration above 12 ms; myopathic = mean duration below 7 ms with early
recruitment; reduced recruitment = mean recruitment ratio of 10 or more
(``preston2020``), or a first unit firing faster than the published mean
recruitment interval minus two SD allows (about 19 Hz, ``petajan1969``) when
the next unit joins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from widgets.emg.model import SLIGHT_UNITS, _muscle, recruitment_frequency, simulate
from widgets.emg.potentials import MupMeasure
from widgets.emg.presets import get_preset
from widgets.emg.reference_values import (
    FIRING,
    MUSCLES,
    ONE_MUSCLE_REGIONS,
    READING,
    REGIONS,
    get_muscle,
    mup_duration_upper_ms,
)
from widgets.emg.state import MuscleState
from widgets.emg.units import SITES, check_seed

#: MUPs sampled per muscle for the MUP analysis (20, as in the published multi-MUP values).
MUPS_SAMPLED = READING.mups_analysed


def analysed_mups(muscle: str, state: MuscleState, seed: int) -> list[MupMeasure]:
    """The MUPs an examiner analyses in ``muscle`` of person ``seed``: :data:`MUPS_SAMPLED` over the needle positions.

    At each of the ``SITES`` positions, the first ``MUPS_SAMPLED // SITES`` surviving units (in recruitment order:
    the units a slight contraction brings in first).

    Parameters
    ----------
    muscle : str
        Key of a muscle in the reference table.
    state : MuscleState
        The muscle's state.
    seed : int
        The person.

    Returns
    -------
    list of MupMeasure
        The measured MUPs (amplitude µV, duration ms, phases), position by position.
    """
    per_site = MUPS_SAMPLED // SITES
    out: list[MupMeasure] = []
    for site in range(SITES):
        m = _muscle(muscle, state, seed, site)
        out += [m.measures[int(u)] for u in m.surviving[:per_site]]
    return out


@dataclass(frozen=True)
class MuscleFinding:
    """What the electromyographer reports for one muscle."""

    muscle: str
    fibrillation_grade: int
    fasciculations: bool
    mup_duration_ms: float
    mup_amplitude_uv: float
    polyphasic_fraction: float
    unstable: bool
    recruitment: str  # "normal", "reduced", "early"
    recruitment_ratio: float
    #: mean number of units firing in a slight contraction, and mean recruitment frequency (Hz), over the sites
    units_firing: float = 0.0
    recruitment_hz: float = 0.0

    @property
    def chronic_neurogenic(self) -> bool:
        """Chronic neurogenic change: long MUPs, or many polyphasic long MUPs without early recruitment.

        Mean duration above the muscle's upper normal limit (:func:`~widgets.emg.reference_values.mup_duration_upper_ms`:
        the published mean + 2 SD where the muscle has muscle-specific values, else the upper end of
        ``NORMAL_MUP.duration_range_ms``), or a polyphasic fraction above ``READING.polyphasic_fraction`` with a mean
        duration above ``READING.polyphasic_duration_ms``.
        """
        d = self.mup_duration_ms
        return d > mup_duration_upper_ms(self.muscle) or (self.polyphasic_fraction > READING.polyphasic_fraction
                                                       and d > READING.polyphasic_duration_ms
                                                       and self.recruitment != "early")

    @property
    def myopathic(self) -> bool:
        """Myopathic units: mean duration below ``READING.myopathic_duration_ms`` with early recruitment."""
        return self.mup_duration_ms < READING.myopathic_duration_ms and self.recruitment == "early"

    @property
    def active_denervation(self) -> bool:
        """Ongoing denervation: fibrillations, or fasciculations in a muscle with chronic neurogenic change."""
        return self.fibrillation_grade > 0 or (self.fasciculations and self.chronic_neurogenic)

    @property
    def lmn_sign(self) -> bool:
        """Gold Coast: chronic neurogenic change and ongoing denervation (fasciculations count, Awaji)."""
        return self.chronic_neurogenic and self.active_denervation

    @property
    def summary(self) -> str:
        """The findings in words: spontaneous activity; MUPs; recruitment."""
        spont = []
        if self.fibrillation_grade:
            spont.append(f"fibrillations/positive sharp waves {self.fibrillation_grade}+")
        if self.fasciculations:
            spont.append("fasciculations")
        parts = [", ".join(spont) if spont else "no spontaneous activity"]
        if self.chronic_neurogenic:
            parts.append("long, large, polyphasic MUPs" + (" (unstable)" if self.unstable else ""))
        elif self.myopathic:
            parts.append("short, small, polyphasic MUPs")
        else:
            parts.append("normal MUPs")
        parts.append({"normal": "normal recruitment", "reduced": "reduced recruitment",
                      "early": "early recruitment"}[self.recruitment])
        return "; ".join(parts)


@lru_cache(maxsize=512)
def read_muscle(muscle: str, preset: str = "normal", *, seed: int = 0) -> MuscleFinding:
    """The findings of ``muscle`` in a patient with ``preset`` (person ``seed``).

    Parameters
    ----------
    muscle : str
        Key of a muscle in the reference table.
    preset : str
        Key of a patient preset (``"normal"``: a healthy person).
    seed : int
        The person.

    Returns
    -------
    MuscleFinding
        MUP duration (ms, mean) and amplitude (µV, median) of :data:`MUPS_SAMPLED` MUPs sampled over the needle
        positions, polyphasic fraction, recruitment (mean recruitment ratio and mean recruitment frequency in
        Hz over the positions, mean number of units firing in a slight contraction) and spontaneous activity.
    """
    get_muscle(muscle)
    seed = check_seed(seed)
    state = get_preset(preset).state(muscle)
    sample = analysed_mups(muscle, state, seed)
    dur = float(np.mean([x.duration_ms for x in sample]))
    amp = float(np.median([x.amplitude_uv for x in sample]))
    poly = float(np.mean([x.polyphasic for x in sample]))
    recs = [simulate(muscle, state, "minimal", seed=seed, site=site) for site in range(SITES)]
    ratio = round(float(np.mean([r.recruitment_ratio for r in recs])), 1)  # classified as reported
    n_firing = float(np.mean([len(r.firing) for r in recs]))
    rec_hz = float(np.mean([recruitment_frequency(muscle, state, seed=seed, site=s) for s in range(SITES)]))
    if n_firing > SLIGHT_UNITS + READING.early_extra_units:
        recruitment = "early"
    elif ratio >= FIRING.reduced_ratio or rec_hz > FIRING.recruitment_upper_hz:
        recruitment = "reduced"
    else:
        recruitment = "normal"
    return MuscleFinding(muscle, state.denervation, state.fasciculations_per_s > 0, round(dur, 1), round(amp),
                         round(poly, 2), any(x.unstable for x in sample), recruitment, ratio,
                         n_firing, rec_hz)


@dataclass(frozen=True)
class RegionVerdict:
    """The Awaji muscle rule applied to one body region.

    ``sampled``: the region's muscles that were examined; ``lmn_muscles``: those with LMN signs;
    ``positive``: whether the region counts as showing LMN signs; ``reason``: why, in words.
    """

    region: str
    sampled: tuple[str, ...]
    lmn_muscles: tuple[str, ...]
    positive: bool
    reason: str


@dataclass(frozen=True)
class RegionsResult:
    """Findings of every sampled muscle of a patient, the verdict per region and the regions with UMN signs."""

    preset: str
    findings: tuple[MuscleFinding, ...]
    regions: tuple[RegionVerdict, ...]
    umn_regions: tuple[str, ...]

    @property
    def lmn_regions(self) -> tuple[str, ...]:
        """Regions with LMN signs, in table order."""
        return tuple(r.region for r in self.regions if r.positive)

    @property
    def meets_gold_coast_emg(self) -> bool:
        """LMN signs in at least two regions, or UMN and LMN signs in the same region."""
        lmn = set(self.lmn_regions)
        return len(lmn) >= 2 or bool(lmn & set(self.umn_regions))

    @property
    def text(self) -> str:
        """The regions count and the Gold Coast verdict, in words."""
        n = len(self.lmn_regions)
        where = ", ".join(self.lmn_regions) if n else "none"
        verdict = ("meets" if self.meets_gold_coast_emg else "does not meet")
        umn = ", ".join(self.umn_regions) if self.umn_regions else "none"
        return (f"Lower motor neuron signs on EMG in {n} of 4 regions ({where}); upper motor neuron signs: {umn}. "
                f"This {verdict} the Gold Coast requirement (LMN in ≥2 regions, or UMN + LMN in one region); "
                "other diseases must still be excluded.")


def _pair_ok(a: str, b: str) -> bool:
    ma, mb = MUSCLES[a], MUSCLES[b]
    return ma.nerve != mb.nerve and ma.root != mb.root


def region_verdict(region: str, findings: dict[str, MuscleFinding]) -> RegionVerdict:
    """Apply the Awaji muscle rule to one region.

    Bulbar and thoracic regions need one muscle with LMN signs; limb regions two, supplied by different roots
    and different nerves.

    Parameters
    ----------
    region : str
        A key of the regions table.
    findings : dict of str to MuscleFinding
        Findings of the sampled muscles (any region), by muscle key.

    Returns
    -------
    RegionVerdict
        The region's verdict (``"not sampled"`` if none of its muscles is in ``findings``).
    """
    sampled = tuple(m for m in findings if MUSCLES[m].region == region)
    lmn = tuple(m for m in sampled if findings[m].lmn_sign)
    if not sampled:
        return RegionVerdict(region, (), (), False, "not sampled")
    if region in ONE_MUSCLE_REGIONS:
        ok = len(lmn) >= 1
        reason = "one muscle with LMN signs is enough" if ok else "no muscle with LMN signs"
    else:
        ok = any(_pair_ok(a, b) for i, a in enumerate(lmn) for b in lmn[i + 1:])
        if ok:
            reason = "two muscles with LMN signs, different roots and nerves"
        elif len(lmn) >= 2:
            reason = "LMN signs only in muscles sharing a root or a nerve"
        elif len(lmn) == 1:
            reason = "LMN signs in only one muscle (a limb region needs two)"
        else:
            reason = "no muscle with LMN signs"
    return RegionVerdict(region, sampled, lmn, ok, reason)


def regions(preset: str, muscles: tuple[str, ...] | list[str] | None = None, *, seed: int = 0) -> RegionsResult:
    """Findings of the sampled ``muscles`` (default: every muscle) and the regions rule for ``preset``.

    Parameters
    ----------
    preset : str
        Key of a patient preset.
    muscles : sequence of str, optional
        Keys of the muscles needled; every muscle of the table when omitted (ValueError if empty).
    seed : int
        The person.

    Returns
    -------
    RegionsResult
        Findings per sampled muscle (table order), the verdict of each region and the preset's regions with
        UMN signs.
    """
    p = get_preset(preset)
    chosen = tuple(MUSCLES) if muscles is None else tuple(muscles)
    if not chosen:
        raise ValueError("muscles must name at least one muscle")
    for m in chosen:
        get_muscle(m)
    findings = {m: read_muscle(m, preset, seed=seed) for m in MUSCLES if m in chosen}
    verdicts = tuple(region_verdict(r, findings) for r in REGIONS)
    return RegionsResult(preset, tuple(findings.values()), verdicts, p.umn_regions)
