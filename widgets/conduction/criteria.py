"""Electrodiagnostic criteria: one table of thresholds and the rules that use it.

* EFNS/PNS 2010 MMN guideline, motor conduction block (``efnspns2010mmn``):
  negative-peak CMAP area and duration, proximal vs distal stimulation.
* EFNS/PNS 2010 CIDP guideline, electrodiagnostic demyelination items
  (``efnspns2010cidp``), assessed per nerve.
* An axon-loss pattern: low CMAP, no block, conduction velocity and latency
  outside the demyelinating range of the CIDP items.

Every verdict carries the rule that decided it and plain-English ``reasons``
with the numbers, so a view can explain itself. All thresholds live in
:data:`CRITERIA`; change them there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

#: Tolerance for comparisons at a threshold (floating-point noise only).
_EPS = 1e-9


@dataclass(frozen=True)
class BlockThresholds:
    """EFNS/PNS 2010 MMN motor conduction block (fractions, mV)."""

    definite_area_reduction: float = 0.50
    probable_area_reduction_long_segment: float = 0.30
    max_duration_increase: float = 0.30
    distal_amplitude_fraction_of_lln: float = 0.20
    distal_amplitude_min_mv: float = 1.0
    #: nerves the 2010 criteria name for conduction block
    graded_nerves: tuple[str, ...] = ("median", "ulnar", "peroneal")
    source: str = "efnspns2010mmn"


@dataclass(frozen=True)
class CidpThresholds:
    """EFNS/PNS 2010 CIDP electrodiagnostic items (fractions, ms)."""

    dml_above_uln: float = 0.50
    cv_below_lln: float = 0.30
    block_amplitude_reduction: float = 0.50
    block_distal_fraction_of_lln: float = 0.20
    probable_block_amplitude_reduction: float = 0.30
    probable_block_excluded_nerves: tuple[str, ...] = ("tibial",)
    dispersion_duration_increase: float = 0.30
    distal_duration_ms: dict[str, float] = field(
        default_factory=lambda: {"median": 6.6, "ulnar": 6.7, "peroneal": 7.6, "tibial": 8.8}
    )
    nerves_needed: int = 2
    source: str = "efnspns2010cidp"


@dataclass(frozen=True)
class ModelRules:
    """Settings of the simulator's own reading of a study (not from a guideline)."""

    #: a CMAP (mV) or SNAP (µV) smaller than this counts as absent
    cmap_absent_below_mv: float = 0.02
    snap_absent_below_uv: float = 0.5
    #: sensory conduction across a segment is abnormal when the SNAP area ratio
    #: falls below this fraction of the ratio in the same nerve without lesions
    snap_segment_fraction_of_normal: float = 0.5
    #: a limb cooler than the reference by more than this (°C) gets a temperature note
    temperature_note_below_reference_c: float = 0.5


@dataclass(frozen=True)
class Criteria:
    """The one table of criteria thresholds."""

    block: BlockThresholds = BlockThresholds()
    cidp: CidpThresholds = CidpThresholds()
    model: ModelRules = ModelRules()


CRITERIA = Criteria()

GRADES = ("definite", "probable", "none")


def pct(x: float) -> str:
    """A fraction as a percentage; one decimal when the whole number would hide a threshold."""
    v = 100.0 * x
    if abs(v - round(v)) > 0.05 and (abs(abs(v) - 30) < 1.5 or abs(abs(v) - 50) < 1.5 or abs(abs(v) - 20) < 1.5):
        return f"{v:.1f}%"
    return f"{v:.0f}%"


@dataclass(frozen=True)
class BlockVerdict:
    """Conduction block verdict of one segment.

    ``grade``: "definite", "probable" or "none" (after exclusions);
    ``criteria_grade``: what the area/duration rules alone gave;
    ``excluded_by``: why a drop that met the rules does not count (entrapment
    site, Martin–Gruber anastomosis, submaximal stimulation, nerve not graded);
    ``rule``: the rule that decided; ``reasons``: plain English with numbers.
    Reductions and increases are fractions (0.5 = 50%).
    """

    grade: str
    reasons: tuple[str, ...]
    rule: str
    area_reduction: float
    duration_increase: float
    distal_amplitude_mv: float
    criteria_grade: str
    excluded_by: str | None = None

    @property
    def is_block(self) -> bool:
        return self.grade in ("definite", "probable")

    @property
    def text(self) -> str:
        return " ".join(self.reasons)


def _number(name: str, value: object, *, positive: bool = False) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(v) or v < 0 or (positive and v == 0):
        need = "a positive" if positive else "a non-negative"
        raise ValueError(f"{name} must be {need} finite number, got {value!r}")
    return v


def classify_block(
    *,
    distal_amplitude_mv: float,
    distal_area: float,
    proximal_area: float,
    distal_duration_ms: float,
    proximal_duration_ms: float,
    lln_mv: float,
    long_segment: bool,
    entrapment_site: bool = False,
    thresholds: BlockThresholds = CRITERIA.block,
) -> BlockVerdict:
    """EFNS/PNS 2010 motor conduction block grade of one segment.

    Areas are negative-peak areas (any consistent unit, e.g. mV·ms) at the
    distal and proximal stimulation sites of the segment; durations are
    negative-peak durations (ms); ``lln_mv`` is the lower limit of normal of
    the distal CMAP amplitude (mV). ``long_segment``: a long upper-limb segment
    (wrist–elbow, elbow–axilla). ``entrapment_site``: the segment crosses a
    common entrapment site, where a drop does not count as conduction block.

    * definite: area reduction ≥50%, duration increase ≤30%;
    * probable: area reduction ≥30% over a long upper-limb segment with
      duration increase ≤30%, or area reduction ≥50% with duration increase >30%;
    * both need a distal CMAP amplitude >20% of the LLN and >1 mV (the course
      applies this floor to every grade: a smaller response is too small to judge).
    """
    t = thresholds
    amp = _number("distal_amplitude_mv", distal_amplitude_mv)
    a_d = _number("distal_area", distal_area, positive=True)
    a_p = _number("proximal_area", proximal_area)
    d_d = _number("distal_duration_ms", distal_duration_ms, positive=True)
    d_p = _number("proximal_duration_ms", proximal_duration_ms, positive=True)
    lln = _number("lln_mv", lln_mv, positive=True)
    if not isinstance(long_segment, bool):
        raise ValueError(f"long_segment must be True or False, got {long_segment!r}")
    if not isinstance(entrapment_site, bool):
        raise ValueError(f"entrapment_site must be True or False, got {entrapment_site!r}")

    area_drop = 1.0 - a_p / a_d
    dur_inc = d_p / d_d - 1.0
    floor_lln = t.distal_amplitude_fraction_of_lln * lln
    reasons = [
        f"Negative-peak area fell {pct(area_drop)} from the distal to the proximal site "
        f"({a_d:.1f} → {a_p:.1f} mV·ms).",
        f"Negative-peak duration changed by {'+' if dur_inc >= 0 else '−'}{pct(abs(dur_inc))} "
        f"({d_d:.1f} → {d_p:.1f} ms).",
    ]
    big_drop = area_drop >= t.definite_area_reduction - _EPS
    long_drop = long_segment and area_drop >= t.probable_area_reduction_long_segment - _EPS
    short_duration = dur_inc <= t.max_duration_increase + _EPS
    floor_ok = amp > floor_lln + _EPS and amp > t.distal_amplitude_min_mv + _EPS

    if not floor_ok:
        grade, rule = "none", "distal amplitude floor"
        reasons.append(
            f"The distal CMAP ({amp:.2f} mV) is not above both 20% of the lower limit of normal "
            f"({floor_lln:.2f} mV) and {t.distal_amplitude_min_mv:g} mV, so the 2010 criteria cannot grade a "
            "block here."
        )
    else:
        reasons.append(
            f"The distal CMAP ({amp:.1f} mV) is above 20% of the lower limit of normal ({floor_lln:.1f} mV) "
            f"and above {t.distal_amplitude_min_mv:g} mV, so a block can be graded."
        )
        if big_drop and short_duration:
            grade, rule = "definite", "definite CB: area reduction ≥50% with duration increase ≤30%"
            reasons.append(
                "Area fell by at least 50% without a duration increase above 30%: definite conduction block."
            )
        elif long_drop and short_duration:
            grade = "probable"
            rule = "probable CB: area reduction ≥30% over a long upper-limb segment, duration increase ≤30%"
            reasons.append(
                "Area fell by at least 30% (but less than 50%) over a long upper-limb segment without a duration "
                "increase above 30%: probable conduction block."
            )
        elif big_drop:
            grade, rule = "probable", "probable CB: area reduction ≥50% with duration increase >30%"
            reasons.append(
                "Area fell by at least 50%, but duration rose by more than 30%: part of the loss may be phase "
                "cancellation from temporal dispersion, so the block is only probable."
            )
        else:
            grade, rule = "none", "no CB: area reduction below the thresholds"
            if area_drop >= t.probable_area_reduction_long_segment - _EPS and not short_duration:
                reasons.append(
                    "Area fell by less than 50% and duration rose by more than 30%: temporal dispersion, "
                    "not conduction block."
                )
            elif area_drop >= t.probable_area_reduction_long_segment - _EPS and not long_segment:
                reasons.append(
                    "Area fell by less than 50% over a segment that is not a long upper-limb segment: "
                    "not enough for conduction block."
                )
            else:
                need = "30% (long upper-limb segment) or 50%" if long_segment else "50%"
                reasons.append(f"Area fell by less than {need}: no conduction block.")

    criteria_grade = grade
    excluded = None
    if entrapment_site and grade != "none":
        excluded = "entrapment site"
        reasons.append(
            f"This segment crosses a common entrapment site: the drop would meet the {grade} rule, but the 2010 "
            "criteria only count a block found away from entrapment sites. Think of a focal entrapment neuropathy."
        )
        grade = "none"
        rule = f"excluded: entrapment site ({rule})"
    return BlockVerdict(
        grade=grade,
        reasons=tuple(reasons),
        rule=rule,
        area_reduction=area_drop,
        duration_increase=dur_inc,
        distal_amplitude_mv=amp,
        criteria_grade=criteria_grade,
        excluded_by=excluded,
    )


def exclude(verdict: BlockVerdict, *, by: str, reason: str) -> BlockVerdict:
    """The same verdict with its grade set to "none" because ``by`` explains the drop."""
    from dataclasses import replace

    return replace(
        verdict,
        grade="none",
        excluded_by=by,
        rule=f"excluded: {by} ({verdict.rule})",
        reasons=verdict.reasons + (reason,),
    )


@dataclass(frozen=True)
class CidpItem:
    """One EFNS/PNS 2010 CIDP demyelination item in one nerve (``met`` is None when not assessed)."""

    key: str
    label: str
    met: bool | None
    text: str
    level: str = "definite"  # or "probable"


@dataclass(frozen=True)
class CidpAssessment:
    """CIDP demyelination items assessed in one nerve."""

    items: tuple[CidpItem, ...]

    @property
    def met(self) -> tuple[str, ...]:
        """Keys of the definite items met in this nerve."""
        return tuple(i.key for i in self.items if i.met and i.level == "definite")

    @property
    def probable_met(self) -> tuple[str, ...]:
        return tuple(i.key for i in self.items if i.met and i.level == "probable")

    @property
    def meets_definite(self) -> bool:
        """At least one definite demyelination item in this nerve (the criteria need ≥2 nerves)."""
        return bool(self.met)

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(i.text for i in self.items)

    def item(self, key: str) -> CidpItem:
        for i in self.items:
            if i.key == key:
                return i
        raise ValueError(f"key must be one of {tuple(i.key for i in self.items)}, got {key!r}")


@dataclass(frozen=True)
class Comparison:
    """A proximal response compared with its reference (normally the distal site): amplitudes mV, durations ms."""

    label: str
    reference_amplitude_mv: float
    amplitude_mv: float
    reference_duration_ms: float
    duration_ms: float


def cidp_assessment(
    *,
    nerve: str,
    dml_ms: float,
    dml_uln_ms: float,
    distal_amplitude_mv: float,
    amplitude_lln_mv: float,
    distal_duration_ms: float,
    comparisons,
    min_cv_m_s: float,
    cv_lln_m_s: float,
    note: str = "",
    thresholds: CidpThresholds = CRITERIA.cidp,
) -> CidpAssessment:
    """EFNS/PNS 2010 CIDP electrodiagnostic items in one nerve.

    ``comparisons``: :class:`Comparison` of each proximal response with the
    distal one (a pitfall may change the reference, see ``note``). F-waves are
    not simulated, so those items are "not assessed". The guideline needs the
    items in at least two nerves.
    """
    t = thresholds
    items: list[CidpItem] = []

    def finite(x):
        return x is not None and math.isfinite(x)

    def verdict(met):
        return "met" if met else "not met"

    # distal motor latency
    label = "distal motor latency ≥50% above the upper limit"
    lim = (1 + t.dml_above_uln) * dml_uln_ms
    if finite(dml_ms):
        met = dml_ms >= lim - _EPS
        items.append(CidpItem("dml", label, met, f"Distal motor latency {dml_ms:.1f} ms {'≥' if met else '<'} "
                              f"{lim:.1f} ms (50% above the upper limit {dml_uln_ms:g} ms): {verdict(met)}."))
    else:
        items.append(CidpItem("dml", label, None, "No distal response."))

    # conduction velocity
    label = "motor conduction velocity ≥30% below the lower limit"
    lim = (1 - t.cv_below_lln) * cv_lln_m_s
    if finite(min_cv_m_s):
        met = min_cv_m_s <= lim + _EPS
        items.append(CidpItem("cv", label, met, f"Slowest segment conducts at {min_cv_m_s:.0f} m/s, "
                              f"{'≤' if met else '>'} {lim:.1f} m/s (30% below the lower limit {cv_lln_m_s:g} m/s): "
                              f"{verdict(met)}."))
    else:
        items.append(CidpItem("cv", label, None, "No segment velocity could be measured."))

    items.append(
        CidpItem("f_wave", "F-wave latency or absent F-waves", None, "F-waves are not simulated: not assessed.")
    )

    floor = t.block_distal_fraction_of_lln * amplitude_lln_mv
    comps = [c for c in comparisons if finite(c.reference_amplitude_mv) and c.reference_amplitude_mv > 0]
    suffix = f" {note}" if note else ""
    block_label = "partial motor conduction block (≥50% amplitude reduction)"
    disp_label = "abnormal temporal dispersion (>30% duration increase)"
    if comps:
        drops = [1 - (c.amplitude_mv if finite(c.amplitude_mv) else 0.0) / c.reference_amplitude_mv for c in comps]
        k = max(range(len(drops)), key=lambda j: drops[j])
        ref_ok = comps[k].reference_amplitude_mv >= floor - _EPS
        met = drops[k] >= t.block_amplitude_reduction - _EPS and ref_ok
        items.append(CidpItem("block", block_label, met,
                              f"Largest amplitude reduction {pct(drops[k])} ({comps[k].label}; needs ≥50% with a "
                              f"reference CMAP ≥{floor:.1f} mV, 20% of the lower limit): {verdict(met)}.{suffix}"))
        big30 = drops[k] >= t.probable_block_amplitude_reduction - _EPS
        p_ok = big30 and ref_ok and nerve not in t.probable_block_excluded_nerves and not met
        excl = ", not used in the tibial nerve" if nerve in t.probable_block_excluded_nerves else ""
        items.append(CidpItem("probable_block", "≥30% amplitude reduction (probable item)", p_ok,
                              f"Amplitude reduction {pct(drops[k])} ({'≥' if big30 else '<'}30%{excl}): "
                              f"{verdict(p_ok)}.", level="probable"))
        incs = [(c.duration_ms / c.reference_duration_ms - 1)
                if finite(c.duration_ms) and finite(c.reference_duration_ms) and c.reference_duration_ms > 0
                else float("nan") for c in comps]
        valid = [j for j in range(len(incs)) if math.isfinite(incs[j])]
        if valid:
            j = max(valid, key=lambda q: incs[q])
            met = incs[j] > t.dispersion_duration_increase + _EPS
            items.append(CidpItem("dispersion", disp_label, met,
                                  f"Largest duration increase {pct(incs[j])} ({comps[j].label}; needs >30%): "
                                  f"{verdict(met)}."))
        else:
            items.append(CidpItem("dispersion", disp_label, None, "No proximal duration could be measured."))
    else:
        items.append(CidpItem("block", block_label, None, "Needs a distal and a proximal response."))
        items.append(CidpItem("dispersion", disp_label, None, "Needs a distal and a proximal response."))

    lim = t.distal_duration_ms.get(nerve)
    if lim is not None and finite(distal_duration_ms):
        met = distal_duration_ms >= lim - _EPS
        items.append(CidpItem("distal_duration", "distal CMAP duration prolonged", met,
                              f"Distal CMAP duration {distal_duration_ms:.1f} ms {'≥' if met else '<'} {lim:g} ms "
                              f"({nerve}): {verdict(met)}."))
    else:
        items.append(CidpItem("distal_duration", "distal CMAP duration prolonged", None, "Not assessed."))
    return CidpAssessment(items=tuple(items))


@dataclass(frozen=True)
class AxonLossVerdict:
    """Axon-loss pattern: low distal CMAP, no block, no slowing in the demyelinating range."""

    present: bool
    reasons: tuple[str, ...]


def axon_loss_pattern(
    *,
    distal_amplitude_mv: float,
    amplitude_lln_mv: float,
    any_block: bool,
    dml_ms: float,
    dml_uln_ms: float,
    min_cv_m_s: float,
    cv_lln_m_s: float,
    thresholds: CidpThresholds = CRITERIA.cidp,
) -> AxonLossVerdict:
    """Low CMAP (below the typical lower limit), no conduction block, CV and latency outside the demyelinating range.

    "Demyelinating range" uses the CIDP items: latency ≥50% above the upper
    limit or CV ≥30% below the lower limit.
    """
    t = thresholds
    low = math.isfinite(distal_amplitude_mv) and distal_amplitude_mv < amplitude_lln_mv
    absent = not math.isfinite(distal_amplitude_mv)
    dml_lim = (1 + t.dml_above_uln) * dml_uln_ms
    cv_lim = (1 - t.cv_below_lln) * cv_lln_m_s
    dml_ok = (not math.isfinite(dml_ms)) or dml_ms < dml_lim
    cv_ok = (not math.isfinite(min_cv_m_s)) or min_cv_m_s > cv_lim
    reasons = []
    if absent:
        reasons.append("No distal CMAP: the muscle does not respond (complete axon loss or distal block).")
    else:
        reasons.append(f"Distal CMAP {distal_amplitude_mv:.1f} mV is {'' if low else 'not '}below the typical lower "
                       f"limit ({amplitude_lln_mv:g} mV).")
    reasons.append("No conduction block." if not any_block else "There is a conduction block.")
    if math.isfinite(dml_ms):
        reasons.append(f"Distal latency {dml_ms:.1f} ms is {'below' if dml_ok else 'in'} the demyelinating range "
                       f"(≥{dml_lim:.1f} ms).")
    if math.isfinite(min_cv_m_s):
        reasons.append(f"Slowest CV {min_cv_m_s:.0f} m/s is {'above' if cv_ok else 'in'} the demyelinating range "
                       f"(≤{cv_lim:.1f} m/s).")
    present = (low or absent) and not any_block and dml_ok and cv_ok
    reasons.append("Axon-loss pattern." if present else "Not an axon-loss pattern.")
    return AxonLossVerdict(present=present, reasons=tuple(reasons))
