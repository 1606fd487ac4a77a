"""Criteria checklist of a study: which rule passed, with the measured number, built from the :class:`Study`.

The views draw this beside the traces instead of run-on prose. Nothing here is
a new threshold: every limit comes from :data:`~widgets.conduction.criteria.CRITERIA`
and every verdict from the study (``segments[i].block`` for the EFNS/PNS 2010
MMN block rules, ``cidp.items`` for the EAN/PNS 2021 CIDP motor items).

A check is ``met`` True (✓), False (✗) or None (– not assessed / not gradeable).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from widgets.conduction.cidp import dispersion_rule
from widgets.conduction.criteria import CRITERIA, pct
from widgets.conduction.study import SegmentResult, Study

#: Marks drawn for met / not met / not assessed (a symbol AND a word, never colour alone).
MARKS = {True: "✓", False: "✗", None: "–"}


@dataclass(frozen=True)
class Check:
    """One rule: what it needs (``rule``, thresholds from CRITERIA), the measured ``value`` and whether it is met."""

    rule: str
    value: str
    met: bool | None

    @property
    def line(self) -> str:
        """The check as one line of text: mark (✓, ✗ or –), rule and measured value."""
        return f"{MARKS[self.met]} {self.rule}: {self.value}"


@dataclass(frozen=True)
class Checklist:
    """Checklist of one study.

    ``segment``: label of the segment the MMN block rules are shown for (the
    one with the strongest block, else one that cannot be graded, else the
    largest area drop); ``outcome``: "definite block", "probable block", "no
    block", "not gradeable" or "not counted (<reason>)"; ``mmn`` and ``cidp``:
    the checks.
    """

    segment: str
    outcome: str
    mmn: tuple[Check, ...]
    cidp: tuple[Check, ...]

    def lines(self) -> list[str]:
        """Plain-text lines (for a figure annotation or a text alternative)."""
        out = [f"MMN block rules (EFNS/PNS 2010), {self.segment}: {self.outcome.upper()}"]
        out += ["  " + c.line for c in self.mmn]
        out.append("CIDP motor items (EAN/PNS 2021), this nerve:")
        out += ["  " + c.line for c in self.cidp]
        return out


def shown_segment(study: Study) -> SegmentResult:
    """The segment whose block rules the checklist shows."""
    segs = [s for s in study.segments if math.isfinite(s.area_ratio)]
    if not segs:
        return study.segments[0]
    rank = {"definite": 0, "probable": 1}
    blocked = [s for s in segs if s.block.grade in rank]
    if blocked:
        return min(blocked, key=lambda s: (rank[s.block.grade], s.area_ratio))
    excluded = [s for s in segs if s.block.excluded_by]
    if excluded:
        return min(excluded, key=lambda s: s.area_ratio)
    ungradable = [s for s in segs if not s.block.gradable and s.area_ratio < 1.0]
    if ungradable:
        return min(ungradable, key=lambda s: s.area_ratio)
    return min(segs, key=lambda s: s.area_ratio)


def outcome(seg: SegmentResult) -> str:
    """Three outcomes for a segment (plus "not counted" when a pitfall or entrapment explains the drop)."""
    b = seg.block
    if not b.gradable:
        return "not gradeable"
    if b.excluded_by:
        return f"not counted ({b.excluded_by})"
    if b.grade in ("definite", "probable"):
        return f"{b.grade} block"
    return "no block"


def _signed(x: float) -> str:
    return ("+" if x >= 0 else "−") + pct(abs(x))


def mmn_checks(study: Study, seg: SegmentResult) -> tuple[Check, ...]:
    """The EFNS/PNS 2010 motor conduction block rules for one segment, each with its measured value.

    Parameters
    ----------
    study : Study
        The nerve's study (gives the nerve's lower limit of normal amplitude).
    seg : SegmentResult
        The segment judged.

    Returns
    -------
    tuple of Check
        Distal CMAP above the floor (mV), area drop (and, for a long segment, the probable-block area drop),
        duration increase, and away from entrapment sites and pitfalls; ``met`` is None for a rule that
        cannot be judged because the distal CMAP is too small or a value is missing.
    """
    t = CRITERIA.block
    b = seg.block
    lln = study.nerve.limits.amplitude_lln_mv
    floor = max(t.distal_amplitude_fraction_of_lln * lln, t.distal_amplitude_min_mv)
    area = b.area_reduction if math.isfinite(b.area_reduction) else 1.0 - seg.area_ratio
    dur = b.duration_increase if math.isfinite(b.duration_increase) else seg.duration_ratio - 1.0
    amp = b.distal_amplitude_mv
    gradable = b.gradable
    checks = [
        Check(f"distal CMAP >{floor:.1f} mV ({pct(t.distal_amplitude_fraction_of_lln)} of LLN, "
              f">{t.distal_amplitude_min_mv:g} mV)", "—" if not math.isfinite(amp) else f"{amp:.1f} mV", gradable),
        Check(f"area drop ≥{pct(t.definite_area_reduction)}", pct(area) if math.isfinite(area) else "—",
              None if not gradable or not math.isfinite(area) else area >= t.definite_area_reduction - 1e-9),
    ]
    if seg.long_segment:
        checks.append(Check(f"or ≥{pct(t.probable_area_reduction_long_segment)} (long segment, probable)",
                            pct(area) if math.isfinite(area) else "—",
                            None if not gradable or not math.isfinite(area)
                            else area >= t.probable_area_reduction_long_segment - 1e-9))
    checks.append(Check(f"duration increase ≤{pct(t.max_duration_increase)}",
                        _signed(dur) if math.isfinite(dur) else "—",
                        None if not gradable or not math.isfinite(dur) else dur <= t.max_duration_increase + 1e-9))
    checks.append(Check("away from entrapment sites and pitfalls",
                        b.excluded_by or ("entrapment site" if seg.entrapment_site else "yes"),
                        not (b.excluded_by or seg.entrapment_site)))
    return tuple(checks)


def cidp_checks(study: Study) -> tuple[Check, ...]:
    """The EAN/PNS 2021 items of this nerve, each with the measured value it was judged on (``CidpItem.value``)."""
    out = []
    for item in study.cidp.items:
        value = item.value_text
        if item.met is None:
            value = "not in this study" if "not part of this study" in item.text or not value else f"{value}, not graded"
        out.append(Check(_cidp_label(item.key, study.nerve.name, item.label), value, item.met))
    return tuple(out)


def _cidp_label(key: str, nerve: str, default: str) -> str:
    """Short rule names for a phone-width figure; thresholds read from CRITERIA.cidp."""
    c = CRITERIA.cidp
    disp, sign = dispersion_rule(nerve)
    labels = {
        "dml": f"distal latency ≥{pct(c.dml_above_uln)} above ULN",
        "cv": f"velocity ≥{pct(c.cv_below_lln)} below LLN",
        "f_wave": "F-wave latency / absent F-waves",
        "block": f"amplitude drop ≥{pct(c.block_amplitude_reduction)} (block)",
        "dispersion": f"duration increase {sign}{pct(disp)} (dispersion)",
        "distal_duration": "distal CMAP duration",
    }
    return labels.get(key, default)


def checklist(study: Study) -> Checklist:
    """The criteria checklist of ``study`` (see :class:`Checklist`)."""
    if not isinstance(study, Study):
        raise ValueError(f"study must be a Study, got {type(study).__name__}")
    seg = shown_segment(study)
    return Checklist(segment=seg.label.split(" (")[0], outcome=outcome(seg), mmn=mmn_checks(study, seg),
                     cidp=cidp_checks(study))
