"""Electrodiagnostic criteria: ONE table of thresholds (each value next to its source) and the MMN rules.

* EFNS/PNS 2010 MMN guideline, motor conduction block (``efnspns2010mmn``):
  negative-peak CMAP **area** and duration, proximal vs distal stimulation
  (:func:`classify_block`).
* EAN/PNS 2021 CIDP guideline, motor conduction criteria of demyelination
  (``vandenbergh2021cidp``): CMAP **amplitude**, latency, velocity and duration
  items, assessed per nerve and combined over nerves in
  :mod:`widgets.conduction.cidp`. The 2010 CIDP criteria are superseded and no
  longer graded.
* An axon-loss pattern: low CMAP, no block, conduction velocity and latency
  outside the demyelinating range of the CIDP items.

Every threshold is a field of :data:`CRITERIA` whose ``metadata["source"]`` is
the bibliography key it comes from (:func:`source_of`); change values there.
Every verdict carries the rule that decided it and plain-English ``reasons``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

#: Tolerance for comparisons at a threshold (floating-point noise only).
_EPS = 1e-9

MMN_2010 = "efnspns2010mmn"
CIDP_2021 = "vandenbergh2021cidp"
MODEL = "model choice (not from a guideline)"


def _t(value, source: str, note: str = ""):
    """A threshold field: its default ``value`` with the ``source`` key (and a note) beside it."""
    return field(default=value, metadata={"source": source, "note": note})


@dataclass(frozen=True)
class BlockThresholds:
    """EFNS/PNS 2010 MMN motor conduction block (negative-peak AREA; fractions, mV)."""

    definite_area_reduction: float = _t(0.50, MMN_2010, "definite CB: area reduction ≥50%")
    probable_area_reduction_long_segment: float = _t(
        0.30, MMN_2010, "probable CB: area reduction ≥30% over a long upper-limb segment")
    max_duration_increase: float = _t(0.30, MMN_2010, "duration increase ≤30% (definite; probable 30% rule)")
    distal_amplitude_fraction_of_lln: float = _t(0.20, MMN_2010, "distal CMAP >20% of LLN")
    distal_amplitude_min_mv: float = _t(1.0, MMN_2010, "distal CMAP >1 mV")
    graded_nerves: tuple[str, ...] = _t(("median", "ulnar", "peroneal"), MMN_2010,
                                        "nerves the criteria name for CB")


@dataclass(frozen=True)
class CidpThresholds:
    """EAN/PNS 2021 CIDP motor conduction criteria (AMPLITUDE-based block; fractions).

    F-waves are not part of a single-nerve study: their thresholds are kept here, documented, and
    graded across nerves by :mod:`widgets.conduction.patient` when F-waves are recorded. Distal CMAP duration prolongation has filter-dependent
    cut-offs in the 2021 guideline; the course could not verify those numbers
    against the guideline text, so the item is reported as "not graded" and
    no cut-off is stored (``distal_duration_graded`` is False).
    """

    dml_above_uln: float = _t(0.50, CIDP_2021, "distal motor latency ≥50% above ULN (median: not carpal tunnel)")
    cv_below_lln: float = _t(0.30, CIDP_2021, "motor conduction velocity ≥30% below LLN")
    f_wave_above_uln: float = _t(0.20, CIDP_2021, "F-wave latency ≥20% above ULN (not in a single-nerve study)")
    f_wave_above_uln_low_cmap: float = _t(0.50, CIDP_2021, "≥50% above ULN if distal CMAP <80% LLN (not in a single-nerve study)")
    f_wave_low_cmap_fraction_of_lln: float = _t(0.80, CIDP_2021, "distal CMAP <80% of LLN (F-wave rule)")
    block_amplitude_reduction: float = _t(0.30, CIDP_2021, "motor CB: ≥30% amplitude reduction proximal vs distal")
    block_distal_fraction_of_lln: float = _t(0.20, CIDP_2021, "distal CMAP ≥20% of LLN")
    block_excluded_nerves: tuple[str, ...] = _t(("tibial",), CIDP_2021, "CB not graded in the tibial nerve")
    dispersion_duration_increase: float = _t(0.30, CIDP_2021, "temporal dispersion: >30% duration increase")
    dispersion_duration_increase_tibial: float = _t(1.00, CIDP_2021, "tibial nerve: ≥100% duration increase")
    distal_duration_graded: bool = _t(False, MODEL, "filter-dependent 2021 cut-offs not verified: not graded")
    nerves_needed: int = _t(2, CIDP_2021, "'CIDP' needs the criteria in ≥2 nerves; 1 nerve: 'possible CIDP'")


@dataclass(frozen=True)
class ModelRules:
    """Settings of the simulator's own reading of a study (not from a guideline)."""

    #: a CMAP (mV) or SNAP (µV) smaller than this counts as absent
    cmap_absent_below_mv: float = _t(0.02, MODEL)
    snap_absent_below_uv: float = _t(0.5, MODEL)
    #: sensory conduction across a segment is abnormal when the SNAP area ratio
    #: falls below this fraction of the ratio in the same nerve without lesions
    snap_segment_fraction_of_normal: float = _t(0.5, MODEL)
    #: a limb cooler than the reference by more than this (°C) gets a temperature note
    temperature_note_below_reference_c: float = _t(0.5, MODEL)


@dataclass(frozen=True)
class Criteria:
    """The one table of criteria thresholds."""

    block: BlockThresholds = BlockThresholds()
    cidp: CidpThresholds = CidpThresholds()
    model: ModelRules = ModelRules()


CRITERIA = Criteria()


def source_of(table, name: str) -> str:
    """Bibliography key (or "model choice") of threshold ``name`` in ``table`` (e.g. ``CRITERIA.cidp``)."""
    for f in fields(table):
        if f.name == name:
            return f.metadata["source"]
    raise ValueError(f"name must be a field of {type(table).__name__}, got {name!r}")


def threshold_rows() -> list[tuple[str, str, object, str, str]]:
    """Every threshold as (table, name, value, source, note), for documentation and tests."""
    rows = []
    for part in fields(CRITERIA):
        table = getattr(CRITERIA, part.name)
        for f in fields(table):
            rows.append((part.name, f.name, getattr(table, f.name), f.metadata["source"], f.metadata.get("note", "")))
    return rows


GRADES = ("definite", "probable", "none")


def round_fraction(x: float) -> float:
    """A fraction rounded to 0.1% (the finest step :func:`pct` prints): criteria grade these numbers."""
    return round(float(x), 3) if math.isfinite(x) else x


def pct(x: float) -> str:
    """A fraction as a percentage; one decimal when the whole number would hide a threshold.

    Thresholds lie at whole percentages (20, 30, 50, 100%); a value within 1.5 points of one is printed with
    one decimal unless it is a whole number, so the printed value and the grade (taken on
    :func:`round_fraction` of the same value) always agree.
    """
    v = 100.0 * x
    near = any(abs(abs(v) - t) < 1.5 for t in (20, 30, 50, 100))
    if abs(v - round(v)) > 0.05 and near:
        return f"{v:.1f}%"
    return f"{v:.0f}%"


@dataclass(frozen=True)
class BlockVerdict:
    """Conduction block verdict of one segment.

    ``grade``: "definite", "probable" or "none" (after exclusions);
    ``criteria_grade``: what the area/duration rules alone gave;
    ``excluded_by``: why a drop that met the rules does not count (entrapment
    site, Martin–Gruber anastomosis, submaximal stimulation, nerve not graded);
    ``rule``: the rule that decided; ``reasons``: plain English with numbers;
    ``gradable``: False when the distal CMAP is too small to grade (then
    ``grade`` is "none" but the report must say "cannot be graded", not "no
    conduction block"). Reductions and increases are fractions (0.5 = 50%).
    """

    grade: str
    reasons: tuple[str, ...]
    rule: str
    area_reduction: float
    duration_increase: float
    distal_amplitude_mv: float
    criteria_grade: str
    excluded_by: str | None = None
    #: False when the distal CMAP is too small for the 2010 criteria to grade a block at all
    gradable: bool = True

    @property
    def is_block(self) -> bool:
        """Whether the grade is a definite or probable conduction block."""
        return self.grade in ("definite", "probable")

    @property
    def outcome(self) -> str:
        """One of three outcomes: ``"block"``, ``"not_gradeable"`` or ``"no_block"``.

        ``"block"``: definite or probable, after exclusions; ``"not_gradeable"``: the distal CMAP is below the
        floor of the criteria, or absent, so neither a block nor its absence can be claimed.
        """
        if self.is_block:
            return "block"
        if not self.gradable or self.rule == "no distal response":
            return "not_gradeable"
        return "no_block"

    @property
    def text(self) -> str:
        """The reasons joined into one paragraph."""
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

    # graded on the numbers as printed (0.1% steps, see :func:`pct`): a grade cannot flip on a digit the
    # report does not show
    area_drop = round_fraction(1.0 - a_p / a_d)
    dur_inc = round_fraction(d_p / d_d - 1.0)
    amp = round(amp, 2)
    floor_lln = t.distal_amplitude_fraction_of_lln * lln
    p50, p30, p_dur = pct(t.definite_area_reduction), pct(t.probable_area_reduction_long_segment), pct(
        t.max_duration_increase)
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
        grade, rule = "none", "cannot be graded (distal CMAP too small)"
        reasons.append(
            f"The distal CMAP ({amp:.2f} mV) is not above both {pct(t.distal_amplitude_fraction_of_lln)} of the lower "
            "limit of normal "
            f"({floor_lln:.2f} mV) and {t.distal_amplitude_min_mv:g} mV: a block cannot be graded here (distal "
            "CMAP too small). This is not evidence against a block."
        )
    else:
        reasons.append(
            f"The distal CMAP ({amp:.2f} mV) is above {pct(t.distal_amplitude_fraction_of_lln)} of the lower limit "
            f"of normal ({floor_lln:.2f} mV) "
            f"and above {t.distal_amplitude_min_mv:g} mV, so a block can be graded."
        )
        if big_drop and short_duration:
            grade, rule = "definite", f"definite CB: area reduction ≥{p50} with duration increase ≤{p_dur}"
            reasons.append(
                f"Area fell by at least {p50} without a duration increase above {p_dur}: definite conduction block."
            )
        elif long_drop and short_duration:
            grade = "probable"
            rule = f"probable CB: area reduction ≥{p30} over a long upper-limb segment, duration increase ≤{p_dur}"
            reasons.append(
                f"Area fell by at least {p30} (but less than {p50}) over a long upper-limb segment without a "
                f"duration increase above {p_dur}: probable conduction block."
            )
        elif big_drop:
            grade, rule = "probable", f"probable CB: area reduction ≥{p50} with duration increase >{p_dur}"
            reasons.append(
                f"Area fell by at least {p50}, but duration rose by more than {p_dur}: part of the loss may be phase "
                "cancellation from temporal dispersion, so the block is only probable."
            )
        else:
            grade, rule = "none", "no CB: area reduction below the thresholds"
            if area_drop >= t.probable_area_reduction_long_segment - _EPS and not short_duration:
                reasons.append(
                    f"Area fell by less than {p50} and duration rose by more than {p_dur}: temporal dispersion, "
                    "not conduction block."
                )
            elif area_drop >= t.probable_area_reduction_long_segment - _EPS and not long_segment:
                reasons.append(
                    f"Area fell by less than {p50} over a segment that is not a long upper-limb segment: "
                    "not enough for conduction block."
                )
            else:
                need = f"{p30} (long upper-limb segment) or {p50}" if long_segment else p50
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
        gradable=floor_ok,
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
    reasons.append("No proximal drop that could be a conduction block." if not any_block
                   else "There is a conduction block, or a proximal drop too large for pure axon loss.")
    if math.isfinite(dml_ms):
        reasons.append(f"Distal latency {dml_ms:.1f} ms is {'below' if dml_ok else 'in'} the demyelinating range "
                       f"(≥{dml_lim:.1f} ms).")
    if math.isfinite(min_cv_m_s):
        reasons.append(f"Slowest CV {min_cv_m_s:.0f} m/s is {'above' if cv_ok else 'in'} the demyelinating range "
                       f"(≤{cv_lim:.1f} m/s).")
    present = (low or absent) and not any_block and dml_ok and cv_ok
    reasons.append("Axon-loss pattern." if present else "Not an axon-loss pattern.")
    return AxonLossVerdict(present=present, reasons=tuple(reasons))


__all__ = [
    "CRITERIA",
    "AxonLossVerdict",
    "BlockVerdict",
    "axon_loss_pattern",
    "classify_block",
    "exclude",
    "pct",
    "round_fraction",
    "source_of",
    "threshold_rows",
]
