"""From simulated traces to a measured, interpreted :class:`~widgets.conduction.study.Study`.

Measures every trace (:mod:`measure`), grades every segment for conduction
block (:func:`criteria.classify_block`), resolves the pitfalls the way a
neurophysiologist would (a supramaximal repeat for a submaximal site, median
stimulation at the elbow for a Martin–Gruber anastomosis), assesses the CIDP
items (EAN/PNS 2021), the axon-loss pattern and the SNAP. The verdict in words
is written by :func:`widgets.conduction.describe.describe`.
"""

from __future__ import annotations

import math

import numpy as np

from widgets.conduction.cidp import Comparison, cidp_assessment
from widgets.conduction.criteria import (
    CRITERIA,
    BlockVerdict,
    axon_loss_pattern,
    classify_block,
    exclude,
    pct,
)
from widgets.conduction.describe import MGA, SUBMAXIMAL, describe
from widgets.conduction.measure import conduction_velocity, measure_traces, ratio
from widgets.conduction.config import Config, Raw, segment_lengths_mm
from widgets.conduction.study import (
    SegmentResult,
    SiteResult,
    SnapResult,
    SnapSegment,
    SnapSite,
    Study,
)

def _f(x) -> float:
    return float(x)


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


def build_study(cfg: Config, raw: Raw) -> Study:
    """Measure and interpret the traces ``raw`` simulated for ``cfg``."""
    nerve = cfg.nerve
    rules = CRITERIA.model
    n_sites = len(nerve.sites)
    dt = raw.dt_ms
    n = raw.motor.shape[1]
    t = _readonly(np.arange(n) * dt)
    mm = measure_traces(raw.motor, dt, absent_below=rules.cmap_absent_below_mv,
                        first_return_fallback=cfg.recording.low_frequency_filter_hz is not None)
    sm = measure_traces(raw.sensory, dt, absent_below=rules.snap_absent_below_uv)

    # ---- motor sites
    sites = []
    for k, s in enumerate(nerve.sites):
        note = ""
        if cfg.submaximal_site == s.name:
            note = f"submaximal stimulus (about {raw.excited_fraction:.0%} of the axons excited)"
        sites.append(
            SiteResult(
                name=s.name,
                label=s.label,
                distance_mm=s.distance_mm,
                time_ms=t,
                cmap_mv=_readonly(raw.motor[k]),
                latency_ms=_f(mm.latency_ms[k]),
                amplitude_mv=_f(mm.amplitude[k]),
                area_mv_ms=_f(mm.area[k]),
                duration_ms=_f(mm.duration_ms[k]),
                peak_ms=_f(mm.peak_ms[k]),
                end_ms=_f(mm.end_ms[k]),
                note=note,
            )
        )
    checks = []
    for j, name in enumerate(raw.check_names):
        k = n_sites + j
        if name.startswith("supramaximal:"):
            site = nerve.site(name.split(":", 1)[1])
            label, key, dist = f"{site.label}, supramaximal repeat", "supramaximal_repeat", site.distance_mm
        else:
            label, key = "Median nerve at the elbow, recording ADM", "median_elbow_adm"
            dist = nerve.sites[1].distance_mm
        checks.append(
            SiteResult(key, label, dist, t, _readonly(raw.motor[k]), _f(mm.latency_ms[k]), _f(mm.amplitude[k]),
                       _f(mm.area[k]), _f(mm.duration_ms[k]), _f(mm.peak_ms[k]), _f(mm.end_ms[k]))
        )
    check = {c.name: c for c in checks}

    # ---- segments
    lengths = segment_lengths_mm(nerve)
    lat = mm.latency_ms[:n_sites]
    cvs = conduction_velocity(lengths[1:], lat[:-1], lat[1:])
    amp_r = ratio(mm.amplitude[1:n_sites], mm.amplitude[: n_sites - 1])
    area_r = ratio(mm.area[1:n_sites], mm.area[: n_sites - 1])
    dur_r = ratio(mm.duration_ms[1:n_sites], mm.duration_ms[: n_sites - 1])
    lln = nerve.limits.amplitude_lln_mv
    segments = []
    for k in range(1, n_sites):
        seg = nerve.segments[k]
        d, p = sites[k - 1], sites[k]
        verdict = _segment_verdict(cfg, seg, d, p, lln)
        verdict = _resolve_pitfalls(cfg, k, d, p, verdict, check, raw, lln, seg.long_segment)
        segments.append(
            SegmentResult(
                name=seg.name,
                label=seg.label,
                distal_site=d.name,
                proximal_site=p.name,
                length_mm=float(lengths[k]),
                cv_m_s=_f(cvs[k - 1]),
                amplitude_ratio=_f(amp_r[k - 1]),
                area_ratio=_f(area_r[k - 1]),
                duration_ratio=_f(dur_r[k - 1]),
                block=verdict,
                long_segment=seg.long_segment,
                entrapment_site=seg.entrapment_site,
            )
        )

    snap = _snap(cfg, raw, sm, t, lengths)
    finite_cvs = [s.cv_m_s for s in segments if math.isfinite(s.cv_m_s)]
    min_cv = min(finite_cvs) if finite_cvs else float("nan")
    d0 = sites[0]
    comparisons, note = _cidp_comparisons(cfg, sites, segments, check)
    lim = nerve.limits
    # slowing confined to the carpal tunnel: prolonged median distal latency, every forearm/proximal segment normal
    carpal_tunnel = bool(
        nerve.name == "median" and nerve.segments[0].entrapment_site and math.isfinite(d0.latency_ms)
        and round(d0.latency_ms, 1) > lim.dml_uln_ms and finite_cvs and min(finite_cvs) >= lim.cv_lln_m_s
    )
    cidp = cidp_assessment(
        nerve=nerve.name,
        dml_ms=d0.latency_ms,
        dml_uln_ms=nerve.limits.dml_uln_ms,
        distal_amplitude_mv=d0.amplitude_mv,
        amplitude_lln_mv=lln,
        distal_duration_ms=d0.duration_ms,
        comparisons=comparisons,
        min_cv_m_s=min_cv,
        cv_lln_m_s=nerve.limits.cv_lln_m_s,
        note=note,
        carpal_tunnel=carpal_tunnel,
        low_frequency_filter_hz=cfg.recording.low_frequency_filter_hz,
    )
    half = CRITERIA.block.probable_area_reduction_long_segment
    axon = axon_loss_pattern(
        distal_amplitude_mv=d0.amplitude_mv,
        amplitude_lln_mv=lln,
        # a drop too small to grade still rules out a pure axon-loss pattern
        any_block=any(s.block.is_block or (not s.block.gradable and s.area_ratio < 1 - half) for s in segments),
        dml_ms=d0.latency_ms,
        dml_uln_ms=nerve.limits.dml_uln_ms,
        min_cv_m_s=min_cv,
        cv_lln_m_s=nerve.limits.cv_lln_m_s,
    )
    findings, pattern, text = describe(cfg, tuple(sites), tuple(segments), snap, cidp, axon, min_cv)
    return Study(
        nerve=nerve,
        preset=cfg.preset,
        settings=cfg,
        sites=tuple(sites),
        segments=tuple(segments),
        snap=snap,
        checks=tuple(checks),
        cidp=cidp,
        axon_loss_pattern=axon,
        findings=findings,
        pattern=pattern,
        interpretation=text,
    )


def _cidp_comparisons(cfg, sites, segments, check):
    """Proximal-vs-distal comparisons for the CIDP items, corrected for resolved pitfalls.

    A submaximal site is replaced by its supramaximal repeat; with a
    Martin–Gruber anastomosis the forearm comparison is dropped and sites above
    the elbow are compared with the below-elbow response.
    """
    ref = sites[0]
    notes = []
    mga = bool(segments) and segments[0].block.excluded_by == MGA
    out = []
    standard = set(cfg.nerve.standard_sites)
    skipped = []
    for k, s in enumerate(sites[1:], start=1):
        if s.name not in standard:
            skipped.append(s.label)
            continue
        r = ref
        if mga:
            if k == 1:
                continue
            r = sites[1]
        amp, dur = s.amplitude_mv, s.duration_ms
        rep = check.get("supramaximal_repeat")
        if cfg.submaximal_site == s.name and rep is not None:
            amp, dur = rep.amplitude_mv, rep.duration_ms
        out.append(Comparison(f"{s.label} vs {r.label}", r.amplitude_mv, amp, r.duration_ms, dur))
    if cfg.submaximal_site is not None and check.get("supramaximal_repeat") is not None:
        notes.append("The submaximal site is counted with its supramaximal repeat.")
    if mga:
        notes.append("Drops explained by the Martin–Gruber anastomosis are not counted.")
    if skipped:
        notes.append(f"Responses at {' and '.join(skipped)} are not standard sites and are not counted (normal "
                     "velocity spread over long proximal distances prolongs and lowers them).")
    return out, " ".join(notes)


def _present(s) -> bool:
    return math.isfinite(s.amplitude_mv) and math.isfinite(s.area_mv_ms) and s.area_mv_ms > 0


def _segment_verdict(cfg: Config, seg, d: SiteResult, p: SiteResult, lln: float) -> BlockVerdict:
    if not _present(d):
        return BlockVerdict(
            grade="none",
            reasons=(f"No response at {d.label}: a block in the {seg.label} cannot be judged.",),
            rule="no distal response",
            area_reduction=float("nan"),
            duration_increase=float("nan"),
            distal_amplitude_mv=0.0 if not math.isfinite(d.amplitude_mv) else d.amplitude_mv,
            criteria_grade="none",
            gradable=False,  # nothing to grade against: never "distal CMAP above the floor"
        )
    absent = not _present(p)
    v = classify_block(
        distal_amplitude_mv=d.amplitude_mv,
        distal_area=d.area_mv_ms,
        proximal_area=0.0 if absent else p.area_mv_ms,
        distal_duration_ms=d.duration_ms,
        proximal_duration_ms=d.duration_ms if absent else p.duration_ms,
        lln_mv=lln,
        long_segment=seg.long_segment,
        entrapment_site=seg.entrapment_site,
    )
    if absent:
        from dataclasses import replace

        v = replace(v, reasons=(f"No response at {p.label}.",) + v.reasons)
    graded = CRITERIA.block.graded_nerves
    if cfg.nerve.name not in graded and v.grade != "none":
        v = exclude(
            v,
            by="nerve not graded",
            reason=f"The 2010 criteria define conduction block in the {', '.join(graded)} nerves only: "
            f"this {cfg.nerve.name} drop is reported but not graded.",
        )
    return v


def _resolve_pitfalls(cfg, k, d, p, verdict, check, raw, lln, long_segment) -> BlockVerdict:
    """Check a drop against the pitfalls, as a neurophysiologist would, and explain or exclude it."""
    nerve = cfg.nerve
    sub = cfg.submaximal_site
    if sub is not None:
        s_idx = nerve.site_names.index(sub)
        rep = check.get("supramaximal_repeat")
        suspicious = verdict.criteria_grade != "none" or (
            math.isfinite(verdict.area_reduction)
            and verdict.area_reduction >= CRITERIA.block.probable_area_reduction_long_segment
        )
        if s_idx == k and rep is not None and suspicious and _present(rep):
            again = classify_block(
                distal_amplitude_mv=d.amplitude_mv,
                distal_area=d.area_mv_ms,
                proximal_area=rep.area_mv_ms,
                distal_duration_ms=d.duration_ms,
                proximal_duration_ms=rep.duration_ms,
                lln_mv=lln,
                long_segment=long_segment,
            )
            if again.criteria_grade == "none":
                return exclude(
                    verdict,
                    by=SUBMAXIMAL,
                    reason=f"The stimulus at {p.label} was submaximal (about {raw.excited_fraction:.0%} of the axons "
                    f"excited). Repeated with a supramaximal stimulus the CMAP is {rep.amplitude_mv:.1f} mV "
                    f"(area {rep.area_mv_ms:.1f} mV·ms, a fall of only {pct(again.area_reduction)}): the drop was "
                    "technical, not a conduction block.",
                )
        grew = math.isfinite(p.area_mv_ms) and math.isfinite(d.area_mv_ms) and p.area_mv_ms > d.area_mv_ms
        if s_idx == k - 1 and grew:
            from dataclasses import replace

            return replace(
                verdict,
                reasons=verdict.reasons
                + (
                    f"The CMAP is larger at {p.label} than at {d.label}: a sign that {d.label} was not stimulated "
                    "supramaximally.",
                ),
            )
    mga = check.get("median_elbow_adm")
    if nerve.name == "ulnar" and k == 1 and mga is not None and verdict.criteria_grade != "none":
        extra = mga.area_mv_ms if _present(mga) else 0.0
        p_area = p.area_mv_ms if _present(p) else 0.0
        left = 1.0 - (p_area + extra) / d.area_mv_ms
        if extra > 0 and left < CRITERIA.block.probable_area_reduction_long_segment:
            return exclude(
                verdict,
                by=MGA,
                reason=f"Stimulating the median nerve at the elbow while recording ADM evokes a CMAP of "
                f"{mga.amplitude_mv:.1f} mV (area {extra:.1f} mV·ms): these axons run in the median nerve at the "
                f"elbow and cross to the ulnar nerve in the forearm. Added to the below-elbow response, the area "
                f"loss is only {pct(max(left, 0.0))}: a Martin–Gruber anastomosis, not a conduction block.",
            )
        from dataclasses import replace

        return replace(
            verdict,
            reasons=verdict.reasons
            + (
                "Median-nerve stimulation at the elbow evokes "
                + (f"only {mga.amplitude_mv:.1f} mV" if extra > 0 else "no response")
                + " at ADM: a Martin–Gruber anastomosis does not explain this drop.",
            ),
        )
    return verdict


def _snap(cfg: Config, raw: Raw, sm, t: np.ndarray, lengths: np.ndarray) -> SnapResult:
    nerve = cfg.nerve
    sv = nerve.sensory
    n_sites = len(nerve.sites)
    rows = []
    for k, s in enumerate(nerve.sites):
        rows.append(
            SnapSite(
                name=s.name,
                label=s.label,
                distance_mm=s.distance_mm,
                time_ms=t,
                snap_uv=_readonly(raw.sensory[k]),
                latency_ms=_f(sm.latency_ms[k]),
                amplitude_uv=_f(sm.amplitude[k]),
                area_uv_ms=_f(sm.area[k]),
                duration_ms=_f(sm.duration_ms[k]),
            )
        )
    ref_area = sm.area[n_sites:]
    lat = sm.latency_ms[:n_sites]
    cvs = conduction_velocity(lengths[1:], lat[:-1], lat[1:])
    area = np.nan_to_num(sm.area[:n_sites], nan=0.0)
    area_r = ratio(area[1:], sm.area[: n_sites - 1])
    amp_r = ratio(np.nan_to_num(sm.amplitude[1:n_sites], nan=0.0), sm.amplitude[: n_sites - 1])
    ref_r = ratio(ref_area[1:], ref_area[:-1])
    frac = CRITERIA.model.snap_segment_fraction_of_normal
    segs = []
    reasons = []
    for k in range(1, n_sites):
        seg = nerve.segments[k]
        ar, nr = _f(area_r[k - 1]), _f(ref_r[k - 1])
        abnormal = math.isfinite(nr) and (not math.isfinite(ar) or ar < frac * nr)
        segs.append(
            SnapSegment(seg.name, seg.label, float(lengths[k]), _f(cvs[k - 1]), _f(amp_r[k - 1]), ar, nr, abnormal)
        )
        if abnormal:
            kept = "none" if not math.isfinite(ar) else f"{ar:.0%}"
            reasons.append(
                f"Across the {seg.label} the SNAP keeps {kept} of its area, against {nr:.0%} in the same nerve "
                f"without lesions (below {frac:.0%} of that): sensory conduction fails there."
            )
    d = rows[0]
    cv = d.distance_mm / d.latency_ms if math.isfinite(d.latency_ms) and d.latency_ms > 0 else float("nan")
    if not math.isfinite(d.amplitude_uv):
        reasons.insert(0, "No distal SNAP.")
    else:
        # judged on the values as printed (whole µV and m/s)
        if round(d.amplitude_uv) < sv.amplitude_lln_uv:
            reasons.insert(0, f"Distal SNAP {d.amplitude_uv:.0f} µV is below the model's lower limit "
                              f"({sv.amplitude_lln_uv:g} µV).")
        if math.isfinite(cv) and round(cv) < sv.cv_lln_m_s:
            reasons.insert(0, f"Sensory conduction velocity {cv:.0f} m/s is below the model's lower limit "
                              f"({sv.cv_lln_m_s:g} m/s).")
    abnormal = bool(reasons)
    if not abnormal:
        reasons.append(
            f"Normal SNAP: {d.amplitude_uv:.0f} µV, {cv:.0f} m/s, and sensory conduction across every segment "
            "like that of a nerve without lesions."
        )
    return SnapResult(
        label=sv.label,
        amplitude_uv=d.amplitude_uv,
        latency_ms=d.latency_ms,
        cv_m_s=cv,
        area_uv_ms=d.area_uv_ms,
        sites=tuple(rows),
        segments=tuple(segs),
        abnormal=abnormal,
        reasons=tuple(reasons),
    )
