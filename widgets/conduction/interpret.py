"""From simulated traces to a measured, interpreted :class:`~widgets.conduction.study.Study`.

Measures every trace (:mod:`measure`), grades every segment for conduction
block (:func:`criteria.classify_block`), resolves the pitfalls the way a
neurophysiologist would (a supramaximal repeat for a submaximal site, median
stimulation at the elbow for a Martin–Gruber anastomosis), assesses the CIDP
items, the axon-loss pattern and the SNAP, and writes the verdict in words.
"""

from __future__ import annotations

import math

import numpy as np

from widgets.conduction.criteria import (
    CRITERIA,
    BlockVerdict,
    Comparison,
    axon_loss_pattern,
    cidp_assessment,
    classify_block,
    exclude,
    pct,
)
from widgets.conduction.measure import conduction_velocity, measure_traces, ratio
from widgets.conduction.model import Config, Raw, segment_lengths_mm
from widgets.conduction.reference_values import REFERENCE_TEMPERATURE_C
from widgets.conduction.study import (
    Finding,
    SegmentResult,
    SiteResult,
    SnapResult,
    SnapSegment,
    SnapSite,
    Study,
)

#: ``BlockVerdict.excluded_by`` values of the pitfalls resolved here.
MGA = "Martin–Gruber anastomosis"
SUBMAXIMAL = "submaximal stimulation"


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
    mm = measure_traces(raw.motor, dt, absent_below=rules.cmap_absent_below_mv)
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
    )
    axon = axon_loss_pattern(
        distal_amplitude_mv=d0.amplitude_mv,
        amplitude_lln_mv=lln,
        any_block=any(s.block.is_block for s in segments),
        dml_ms=d0.latency_ms,
        dml_uln_ms=nerve.limits.dml_uln_ms,
        min_cv_m_s=min_cv,
        cv_lln_m_s=nerve.limits.cv_lln_m_s,
    )
    findings, pattern, text = _interpret(cfg, tuple(sites), tuple(segments), snap, cidp, axon, min_cv)
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
    for k, s in enumerate(sites[1:], start=1):
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
        if d.amplitude_uv < sv.amplitude_lln_uv:
            reasons.insert(0, f"Distal SNAP {d.amplitude_uv:.0f} µV is below the model's lower limit "
                              f"({sv.amplitude_lln_uv:g} µV).")
        if math.isfinite(cv) and cv < sv.cv_lln_m_s:
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


def _interpret(cfg, sites, segments, snap, cidp, axon, min_cv):
    """Findings (one sentence each), the overall pattern key and the interpretation paragraph."""
    nerve = cfg.nerve
    lim = nerve.limits
    d = sites[0]
    f: list[Finding] = []
    block_rules = CRITERIA.block

    # values against the typical limits
    outside = []
    if math.isfinite(d.latency_ms) and d.latency_ms > lim.dml_uln_ms:
        outside.append(f"distal latency {d.latency_ms:.1f} ms (typical upper limit {lim.dml_uln_ms:g} ms)")
    if not math.isfinite(d.amplitude_mv):
        outside.append("no distal CMAP")
    elif d.amplitude_mv < lim.amplitude_lln_mv:
        outside.append(f"distal CMAP {d.amplitude_mv:.1f} mV (typical lower limit {lim.amplitude_lln_mv:g} mV)")
    slow = [s for s in segments if math.isfinite(s.cv_m_s) and s.cv_m_s < lim.cv_lln_m_s]
    for s in slow:
        outside.append(f"CV {s.cv_m_s:.0f} m/s in the {s.label} (typical lower limit {lim.cv_lln_m_s:g} m/s)")
    if outside:
        f.append(Finding("limits", "Outside the typical laboratory limits: " + "; ".join(outside) + "."))
    else:
        f.append(Finding("limits", "Distal latency, CMAP amplitude and every segment velocity are within the "
                                   "typical laboratory limits."))

    # slowing confined to a distal segment that crosses an entrapment site (median nerve at the wrist)
    distal_entrapment = bool(
        nerve.segments[0].entrapment_site and math.isfinite(d.latency_ms) and d.latency_ms > lim.dml_uln_ms
        and segments and not slow
    )
    if distal_entrapment:
        f.append(Finding("entrapment", f"Distal latency {d.latency_ms:.1f} ms is prolonged while the segments above "
                                       f"the wrist conduct normally: the slowing lies in the "
                                       f"{nerve.segments[0].label}, a common entrapment site."))

    blocks = [s for s in segments if s.block.is_block]
    for s in blocks:
        f.append(Finding("block", f"{s.block.grade.capitalize()} conduction block in the {s.label}: "
                                  f"{_area_duration(s)} ({s.block.rule})."))
    excluded = [s for s in segments if s.block.excluded_by]
    for s in excluded:
        f.append(Finding("excluded", f"The drop in the {s.label} (area −{pct(s.block.area_reduction)}) meets the "
                                     f"{s.block.criteria_grade} rule but does not count: {s.block.excluded_by}. "
                                     f"{s.block.reasons[-1]}"))
    dispersed = [s for s in segments if math.isfinite(s.block.duration_increase)
                 and s.block.duration_increase > block_rules.max_duration_increase]
    for s in dispersed:
        f.append(Finding("dispersion", f"Temporal dispersion in the {s.label}: duration "
                                       f"{_signed(s.block.duration_increase)}, amplitude "
                                       f"−{pct(1 - s.amplitude_ratio)} but area only "
                                       f"−{pct(s.block.area_reduction)}: phase cancellation costs amplitude more "
                                       "than area."))
    demyelinating_items = "; ".join(i.label for i in cidp.items if i.met and i.level == "definite")
    if cidp.meets_definite:
        f.append(Finding("cidp", f"CIDP demyelination items met in this nerve: {demyelinating_items}. The "
                                 "EFNS/PNS 2010 criteria need them in at least "
                                 f"{CRITERIA.cidp.nerves_needed} nerves."))
    if axon.present:
        f.append(Finding("axon_loss", "Axon-loss pattern: " + " ".join(axon.reasons[:-1])))
    f.append(Finding("snap", ("Abnormal SNAP: " if snap.abnormal else "") + " ".join(snap.reasons)))

    margin = CRITERIA.model.temperature_note_below_reference_c
    cold = cfg.temperature_c < REFERENCE_TEMPERATURE_C - margin
    if cold:
        f.append(Finding("temperature", f"Limb temperature {cfg.temperature_c:g} °C, below the "
                                        f"{REFERENCE_TEMPERATURE_C:g} °C reference: cooling slows conduction and "
                                        "makes CMAPs larger and longer. Warm the limb and repeat before calling "
                                        "slowing abnormal."))
    elif cfg.temperature_c > REFERENCE_TEMPERATURE_C + margin:
        f.append(Finding("temperature", f"Limb temperature {cfg.temperature_c:g} °C, above the "
                                        f"{REFERENCE_TEMPERATURE_C:g} °C reference: conduction is faster and "
                                        "potentials slightly smaller and shorter."))
    for s in sites:
        if s.note:
            f.append(Finding("pitfall", f"{s.label}: {s.note}."))
    if cfg.martin_gruber > 0:
        f.append(Finding("pitfall", f"{MGA}: about {cfg.martin_gruber:.0%} of the ADM motor axons cross from the "
                                    "median to the ulnar nerve in the forearm."))

    # ---- the overall picture, most specific first
    focal = [s for s in segments if s.block.criteria_grade != "none" or s in slow
             or (math.isfinite(s.area_ratio) and s.area_ratio < 1 - block_rules.probable_area_reduction_long_segment)]
    entrapment_only = (bool(focal) and all(s.entrapment_site for s in focal)) or (distal_entrapment and not focal)
    technical = [s for s in excluded if s.block.excluded_by in (SUBMAXIMAL, MGA)]
    half = 1 - CRITERIA.cidp.block_amplitude_reduction
    pseudo = [s for s in dispersed
              if math.isfinite(s.amplitude_ratio) and s.amplitude_ratio <= half and not s.block.is_block]
    # a cold limb explains slowing beyond the typical limits when amplitude is kept and the slowing stays
    # outside the demyelinating range
    demyelinating_slowing = any(i.met for i in cidp.items if i.key in ("dml", "cv"))
    cold_only = bool(outside and cold and not excluded and not demyelinating_slowing
                     and math.isfinite(d.amplitude_mv) and d.amplitude_mv >= lim.amplitude_lln_mv)

    if blocks:
        grades = "; ".join(f"{s.block.grade} in the {_short(s.label)}: {_area_duration(s)}" for s in blocks)
        if snap.abnormal:
            pattern = "sensorimotor_block"
            text = (f"Conduction block ({grades}) with abnormal sensory conduction. MMN requires normal sensory "
                    "conduction in the segments with block, so this points to CIDP, in particular its multifocal "
                    "variant (Lewis–Sumner syndrome, MADSAM).")
        else:
            pattern = "motor_block"
            text = (f"Motor conduction block ({grades}), away from entrapment sites, with normal sensory "
                    "conduction: the electrodiagnostic hallmark of MMN (EFNS/PNS 2010).")
    elif cold_only:
        pattern = "cold"
        text = (f"Slowing ({'; '.join(outside)}) with CMAP amplitude not reduced in a limb at "
                f"{cfg.temperature_c:g} °C: cooling explains it. Warm the limb and repeat.")
    elif cidp.meets_definite and snap.abnormal and not entrapment_only:
        pattern = "demyelinating"
        text = (f"Demyelinating features ({demyelinating_items}) with an abnormal SNAP: the pattern of CIDP when "
                f"found in at least {CRITERIA.cidp.nerves_needed} nerves (EFNS/PNS 2010).")
    elif pseudo:
        s = pseudo[0]
        pattern = "dispersion"
        text = (f"Across the {s.label} amplitude falls {pct(1 - s.amplitude_ratio)} but area only "
                f"{pct(s.block.area_reduction)}, while duration rises {pct(s.block.duration_increase)}: temporal "
                "dispersion with phase cancellation, not a definite conduction block.")
    elif entrapment_only:
        pattern = "entrapment"
        where = ", ".join(s.label for s in focal) if focal else nerve.segments[0].label
        text = (f"The abnormality is confined to the {where}, a common entrapment site: a focal entrapment "
                "neuropathy. It does not count as conduction block for MMN.")
    elif axon.present:
        pattern = "axon_loss"
        text = (f"Low CMAP ({d.amplitude_mv:.1f} mV) with no conduction block and velocities outside the "
                f"demyelinating range (slowest {min_cv:.0f} m/s), {'abnormal' if snap.abnormal else 'normal'} SNAP: "
                "an axon-loss pattern, as in ALS.")
    elif technical:
        pattern = "technical"
        causes = "; ".join(
            f"the drop in the {s.label} is explained by {'a ' if s.block.excluded_by == MGA else ''}"
            f"{s.block.excluded_by}"
            for s in technical
        )
        text = causes[0].upper() + causes[1:] + ": no conduction block."
    elif cidp.meets_definite:
        pattern = "demyelinating"
        which = "an abnormal" if snap.abnormal else "a normal"
        text = f"Demyelinating features ({demyelinating_items}) with {which} SNAP."
    elif outside or snap.abnormal:
        pattern = "abnormal"
        text = "Abnormal study: " + ("; ".join(outside) if outside else "abnormal SNAP") + "."
    else:
        pattern = "normal"
        text = "A normal study: values within the typical limits, no conduction block and a normal SNAP."
    return tuple(f), pattern, text


def _area_duration(s: SegmentResult) -> str:
    return f"area −{pct(s.block.area_reduction)}, duration {_signed(s.block.duration_increase)}"


def _short(label: str) -> str:
    """``"forearm (wrist–elbow)"`` → ``"forearm"``."""
    return label.split(" (")[0]


def _signed(x: float) -> str:
    return ("+" if x >= 0 else "−") + pct(abs(x))
