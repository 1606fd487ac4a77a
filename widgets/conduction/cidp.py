"""EAN/PNS 2021 CIDP motor conduction criteria (``vandenbergh2021cidp``): per nerve, then over nerves.

:func:`cidp_assessment` checks the items in ONE nerve; :func:`cidp_category`
combines nerves into the guideline's two electrodiagnostic levels:

* **"CIDP"** (strongly supportive of demyelination): an item in at least two
  nerves; a motor conduction block in one nerve counts when another item is
  met in another nerve;
* **"possible CIDP"** (weakly supportive): an item in one nerve only.

A single-nerve study can therefore never reach "CIDP": at most it is
*compatible with possible CIDP*. The category is electrodiagnostic only; the
diagnosis also needs the clinical criteria (and, for typical CIDP, abnormal
sensory conduction in two nerves).

How CIDP rules differ from the EFNS/PNS 2010 MMN rules
(:func:`widgets.conduction.criteria.classify_block`): CIDP grades a block on
negative-peak **amplitude** (≥30% reduction, not in the tibial nerve, distal
CMAP ≥20% of the LLN), MMN on negative-peak **area** (definite ≥50%) with a
limit on the duration increase. Never grade a CIDP study with the MMN area
rules, nor the reverse.

Not graded: F-waves (not part of a single-nerve study; their thresholds
are documented in :data:`~widgets.conduction.criteria.CRITERIA`, and
:mod:`widgets.conduction.patient` grades them across nerves) and distal CMAP
duration (the 2021 cut-offs are given per low-frequency filter setting and
were not verified for this course; the item names the study's filter). Thresholds: ``CRITERIA.cidp``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from widgets.conduction.criteria import _EPS, CRITERIA, CidpThresholds, pct, round_fraction
from widgets.conduction.validate import number

#: Items graded by the simulator, in report order.
GRADED_ITEMS = ("dml", "cv", "block", "dispersion")
#: Items the guideline has but the simulator does not grade.
NOT_GRADED_ITEMS = ("f_wave", "distal_duration")


@dataclass(frozen=True)
class CidpItem:
    """One EAN/PNS 2021 motor item in one nerve (``met`` is None when not assessed or not gradable).

    ``value``: the measured number the item was judged on (None when there is none), in ``unit``
    ("ms", "m/s" or "fraction" for a reduction or increase), printed with ``digits`` decimals.
    """

    key: str
    label: str
    met: bool | None
    text: str
    value: float | None = None
    unit: str = ""
    digits: int = 1

    @property
    def value_text(self) -> str:
        """The measured value as printed in the text ("3.70 ms", "25%"); empty when there is none."""
        if self.value is None or not _finite(self.value):
            return ""
        if self.unit == "fraction":
            return pct(self.value)
        return f"{self.value:.{self.digits}f} {self.unit}".strip()


@dataclass(frozen=True)
class CidpAssessment:
    """The EAN/PNS 2021 motor items assessed in one nerve."""

    nerve: str
    items: tuple[CidpItem, ...]

    @property
    def met(self) -> tuple[str, ...]:
        """Keys of the items met in this nerve."""
        return tuple(i.key for i in self.items if i.met)

    @property
    def any_met(self) -> bool:
        """At least one item met in this nerve (the level "CIDP" needs two nerves)."""
        return bool(self.met)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Each item's text, in item order."""
        return tuple(i.text for i in self.items)

    def item(self, key: str) -> CidpItem:
        """The item with ``key``; ValueError naming the keys if there is none."""
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


def dispersion_rule(nerve: str, thresholds: CidpThresholds = CRITERIA.cidp) -> tuple[float, str]:
    """The EAN/PNS 2021 abnormal temporal dispersion rule of ``nerve``: (limit, sign).

    Worded as in the guideline: a duration increase **>30%** between proximal and distal stimulation, and
    **≥100%** in the tibial nerve (``vandenbergh2021cidp``). ``sign`` is ">" or "≥".
    """
    if nerve == "tibial":
        return thresholds.dispersion_duration_increase_tibial, "≥"
    return thresholds.dispersion_duration_increase, ">"


def dispersion_met(nerve: str, increase: float, thresholds: CidpThresholds = CRITERIA.cidp) -> bool:
    """Whether a duration increase (fraction) meets the dispersion rule of ``nerve`` (see :func:`dispersion_rule`)."""
    limit, sign = dispersion_rule(nerve, thresholds)
    return increase >= limit - _EPS if sign == "≥" else increase > limit + _EPS


def _finite(x) -> bool:
    return x is not None and not isinstance(x, bool) and math.isfinite(x)


def _positive(name: str, value) -> float:
    return number(name, value, 0.0, lo_open=True)


def _verdict(met: bool) -> str:
    return "met" if met else "not met"


def cidp_assessment(
    *,
    nerve: str,
    dml_ms: float,
    dml_uln_ms: float,
    distal_amplitude_mv: float,
    amplitude_lln_mv: float,
    distal_duration_ms: float,
    comparisons: Sequence[Comparison],
    min_cv_m_s: float,
    cv_lln_m_s: float,
    note: str = "",
    carpal_tunnel: bool = False,
    low_frequency_filter_hz: float | None = None,
    thresholds: CidpThresholds = CRITERIA.cidp,
) -> CidpAssessment:
    """EAN/PNS 2021 motor conduction items in one nerve.

    Parameters
    ----------
    nerve : "median", "ulnar", "peroneal" or "tibial".
    dml_ms, dml_uln_ms : distal motor latency and its upper limit of normal (ms); NaN latency = no response.
    distal_amplitude_mv, amplitude_lln_mv : distal CMAP amplitude and its lower limit of normal (mV).
    distal_duration_ms : distal negative-peak duration (ms); reported, not graded.
    comparisons : each proximal response against its reference (amplitude mV, duration ms).
    min_cv_m_s, cv_lln_m_s : slowest segment velocity and the lower limit of normal (m/s).
    note : appended to the block item (how pitfalls were resolved).
    carpal_tunnel : the median distal slowing is confined to the carpal tunnel; the 2021 latency item
        excludes median neuropathy at the wrist.
    low_frequency_filter_hz : the recording's low-frequency filter (None: the model's reference recording);
        named in the distal-duration item, whose 2021 cut-offs depend on it.
    """
    t = thresholds
    if not isinstance(nerve, str) or not nerve:
        raise ValueError(f"nerve must be a nerve name, got {nerve!r}")
    uln = _positive("dml_uln_ms", dml_uln_ms)
    lln = _positive("amplitude_lln_mv", amplitude_lln_mv)
    cv_lln = _positive("cv_lln_m_s", cv_lln_m_s)
    if not isinstance(carpal_tunnel, bool):
        raise ValueError(f"carpal_tunnel must be True or False, got {carpal_tunnel!r}")
    items: list[CidpItem] = []

    # distal motor latency ≥50% above ULN (median: not carpal tunnel syndrome)
    label = "distal motor latency ≥50% above the upper limit"
    lim = (1 + t.dml_above_uln) * uln
    if not _finite(dml_ms):
        items.append(CidpItem("dml", label, None, "No distal response: distal latency not assessed."))
    else:
        dml_ms = round(dml_ms, 2)  # graded as printed
        above = dml_ms / uln - 1
        met = dml_ms >= lim - _EPS
        text = (f"Distal motor latency {dml_ms:.2f} ms, {pct(above)} {'above' if above >= 0 else 'below'} the upper "
                f"limit {uln:g} ms (needs ≥{pct(t.dml_above_uln)}, ≥{lim:.1f} ms): {_verdict(met)}.")
        if met and nerve == "median" and carpal_tunnel:
            met = False
            text += (" But the slowing is confined to the carpal tunnel: the criterion excludes median neuropathy at "
                     "the wrist, so it does not count.")
        elif not met and above > 0:
            text += (" A mildly prolonged distal latency is non-specific (for example carpal tunnel syndrome), not "
                     "in the demyelinating range.")
        items.append(CidpItem("dml", label, met, text, dml_ms, "ms", 2))

    # motor conduction velocity ≥30% below LLN
    label = "motor conduction velocity ≥30% below the lower limit"
    lim = (1 - t.cv_below_lln) * cv_lln
    if _finite(min_cv_m_s):
        min_cv_m_s = round(min_cv_m_s, 1)  # graded as printed
        met = min_cv_m_s <= lim + _EPS
        items.append(CidpItem("cv", label, met, f"Slowest segment {min_cv_m_s:.1f} m/s "
                              f"({'≤' if met else '>'} {lim:.1f} m/s, {pct(t.cv_below_lln)} below the lower limit "
                              f"{cv_lln:g} m/s): {_verdict(met)}.", min_cv_m_s, "m/s", 1))
    else:
        items.append(CidpItem("cv", label, None, "No segment velocity could be measured."))

    items.append(CidpItem(
        "f_wave", "F-wave latency or absent F-waves", None,
        f"F-waves are not part of this study (the F-wave view simulates them): not assessed (the 2021 item needs a latency ≥{pct(t.f_wave_above_uln)} above "
        f"the upper limit, ≥{pct(t.f_wave_above_uln_low_cmap)} if the distal CMAP is below "
        f"{pct(t.f_wave_low_cmap_fraction_of_lln)} of the lower limit)."))

    # conduction block (amplitude) and temporal dispersion (duration)
    comps = [c for c in comparisons if _finite(c.reference_amplitude_mv) and c.reference_amplitude_mv > 0]
    suffix = f" {note}" if note else ""
    block_label = f"motor conduction block (≥{pct(t.block_amplitude_reduction)} amplitude reduction)"
    disp_need, disp_sign = dispersion_rule(nerve, t)
    disp_label = f"abnormal temporal dispersion ({disp_sign}{pct(disp_need)} duration increase)"
    floor = t.block_distal_fraction_of_lln * lln
    if not comps:
        items.append(CidpItem("block", block_label, None, "Needs a distal and a proximal response."))
        items.append(CidpItem("dispersion", disp_label, None, "Needs a distal and a proximal response."))
    else:
        drops = [round_fraction(1 - (c.amplitude_mv if _finite(c.amplitude_mv) else 0.0) / c.reference_amplitude_mv)
                 for c in comps]
        k = max(range(len(drops)), key=lambda j: drops[j])
        head = f"Largest amplitude reduction {pct(drops[k])} ({comps[k].label})"
        if nerve in t.block_excluded_nerves:
            items.append(CidpItem("block", block_label, None,
                                  f"{head}: not graded: the 2021 block item excludes the {nerve} nerve.{suffix}",
                                  drops[k], "fraction"))
        elif comps[k].reference_amplitude_mv < floor - _EPS:
            items.append(CidpItem("block", block_label, None,
                                  f"{head}: cannot be graded (distal CMAP too small): "
                                  f"{comps[k].reference_amplitude_mv:.2f} mV is below "
                                  f"{pct(t.block_distal_fraction_of_lln)} of the lower limit ({floor:.2f} mV)."
                                  f"{suffix}", drops[k], "fraction"))
        else:
            met = drops[k] >= t.block_amplitude_reduction - _EPS
            items.append(CidpItem("block", block_label, met,
                                  f"{head}; needs ≥{pct(t.block_amplitude_reduction)} with a distal CMAP "
                                  f"≥{floor:.1f} mV "
                                  f"({pct(t.block_distal_fraction_of_lln)} of the lower limit): {_verdict(met)}."
                                  f"{suffix}", drops[k], "fraction"))
        incs = [round_fraction(c.duration_ms / c.reference_duration_ms - 1)
                if _finite(c.duration_ms) and _finite(c.reference_duration_ms) and c.reference_duration_ms > 0
                else float("nan") for c in comps]
        valid = [j for j in range(len(incs)) if math.isfinite(incs[j])]
        if valid:
            j = max(valid, key=lambda q: incs[q])
            met = dispersion_met(nerve, incs[j], t)
            items.append(CidpItem("dispersion", disp_label, met,
                                  f"Largest duration increase {pct(incs[j])} ({comps[j].label}; needs "
                                  f"{disp_sign}{pct(disp_need)}): {_verdict(met)}.",
                                  incs[j], "fraction"))
        else:
            items.append(CidpItem("dispersion", disp_label, None, "No proximal duration could be measured."))

    dur = f"{distal_duration_ms:.1f} ms" if _finite(distal_duration_ms) else "not measurable"
    why = "the 2021 cut-offs depend on the filter setting and were not verified for this course"
    if low_frequency_filter_hz is None:  # the reference recording: the wording of the first version, unchanged
        text = f"Distal CMAP duration {dur}: not graded ({why})."
    else:
        text = (f"Distal CMAP duration {dur} (low-frequency filter {low_frequency_filter_hz:g} Hz): not graded "
                f"({why}); a raised filter shortens the CMAP, so a duration is read only against limits measured "
                "with the same filter.")
    items.append(CidpItem("distal_duration", "distal CMAP duration prolonged", None, text,
                          distal_duration_ms if _finite(distal_duration_ms) else None, "ms", 1))
    return CidpAssessment(nerve=nerve, items=tuple(items))


@dataclass(frozen=True)
class CidpCategory:
    """Electrodiagnostic level over the nerves studied: "CIDP", "possible CIDP" or "not met"."""

    level: str
    n_nerves: int
    reasons: tuple[str, ...]

    @property
    def text(self) -> str:
        """The reasons joined into one paragraph."""
        return " ".join(self.reasons)


def cidp_category(assessments: Sequence[CidpAssessment], thresholds: CidpThresholds = CRITERIA.cidp) -> CidpCategory:
    """Combine per-nerve :class:`CidpAssessment` into the EAN/PNS 2021 electrodiagnostic level.

    "CIDP": the same item in ≥2 nerves, or a conduction block in one nerve plus
    any other graded item in another nerve. "possible CIDP": an item in one
    nerve only. One nerve alone can reach "possible CIDP" at most.
    """
    if isinstance(assessments, CidpAssessment) or not all(isinstance(a, CidpAssessment) for a in assessments):
        raise ValueError(f"assessments must be a sequence of CidpAssessment, got {assessments!r}")
    n = len(assessments)
    need = thresholds.nerves_needed
    count = {k: sum(1 for a in assessments if k in a.met) for k in GRADED_ITEMS}
    reasons = []
    strong = [k for k in GRADED_ITEMS if count[k] >= need]
    block_plus = any(
        "block" in a.met and any(set(b.met) - {"f_wave"} for j, b in enumerate(assessments) if j != i)
        for i, a in enumerate(assessments)
    )
    if strong or block_plus:
        level = "CIDP"
        what = ", ".join(strong) if strong else "block in one nerve plus another item in another nerve"
        reasons.append(f"EAN/PNS 2021 motor criteria met in ≥{need} nerves ({what}): electrodiagnostic level "
                       "'CIDP' (the diagnosis also needs the clinical criteria).")
    elif any(count.values()):
        level = "possible CIDP"
        met_in = [a.nerve for a in assessments if a.any_met]
        if len(met_in) == 1:
            reasons.append(f"EAN/PNS 2021 motor criteria met in one nerve only ({met_in[0]}): compatible with "
                           f"possible CIDP; the level 'CIDP' needs them in ≥{need} nerves.")
        else:
            reasons.append(f"EAN/PNS 2021 motor items met in {', '.join(met_in)}, but no item in ≥{need} nerves "
                           "(each item is worded 'in two nerves'; a block counts with another item elsewhere): "
                           "possible CIDP.")
        if n == 1:
            reasons.append(f"A single-nerve study cannot show more: study at least {need} nerves.")
    else:
        level = "not met"
        reasons.append("No EAN/PNS 2021 motor criterion of demyelination is met in the nerves studied.")
    return CidpCategory(level=level, n_nerves=n, reasons=tuple(reasons))
