"""The verdict of a measured study in words: findings, the overall pattern key and one paragraph.

:func:`describe` only reads what :mod:`widgets.conduction.interpret` measured
and graded (``BlockVerdict`` per segment by the EFNS/PNS 2010 MMN area rules,
``CidpAssessment`` by the EAN/PNS 2021 CIDP amplitude rules) and says it. The
two rule sets are kept apart: MMN block grades come from area, CIDP items from
amplitude, and where they disagree a finding of kind ``"rules"`` says so.

Pattern keys: normal, motor_block, sensorimotor_block, demyelinating,
dispersion, entrapment, ungradable, axon_loss, technical, cold, abnormal. The
overall pattern is chosen by the pure classifier
:func:`widgets.conduction.patterns.classify_pattern` and written from its
template table; this module gathers the facts and the values.
"""

from __future__ import annotations

import math

from widgets.conduction.cidp import cidp_category, dispersion_met
from widgets.conduction.criteria import CRITERIA, pct
from widgets.conduction.patterns import PatternFacts, classify_pattern, write_pattern
from widgets.conduction.reference_values import REFERENCE_TEMPERATURE_C
from widgets.conduction.study import Finding, SegmentResult

#: ``BlockVerdict.excluded_by`` values of the pitfalls resolved in :mod:`interpret`.
MGA = "Martin–Gruber anastomosis"
SUBMAXIMAL = "submaximal stimulation"


def _area_duration(s: SegmentResult) -> str:
    return f"area −{pct(s.block.area_reduction)}, duration {_signed(s.block.duration_increase)}"


def _short(label: str) -> str:
    """``"forearm (wrist–elbow)"`` → ``"forearm"``."""
    return label.split(" (")[0]


def _signed(x: float) -> str:
    return ("+" if x >= 0 else "−") + pct(abs(x))


def _dispersed_probable(s: SegmentResult) -> bool:
    """A probable block graded on the "area ≥50% with duration >30%" rule: dispersion shares the loss."""
    return s.block.grade == "probable" and s.block.duration_increase > CRITERIA.block.max_duration_increase




def _limit_findings(nerve, d, segments):
    lim = nerve.limits
    outside = []
    # judged on the values as printed (one decimal for ms and mV, whole m/s), so the text never contradicts itself
    if math.isfinite(d.latency_ms) and round(d.latency_ms, 1) > lim.dml_uln_ms:
        outside.append(f"distal latency {d.latency_ms:.1f} ms (typical upper limit {lim.dml_uln_ms:g} ms)")
    if not math.isfinite(d.amplitude_mv):
        outside.append("no distal CMAP")
    elif round(d.amplitude_mv, 1) < lim.amplitude_lln_mv:
        outside.append(f"distal CMAP {d.amplitude_mv:.1f} mV (typical lower limit {lim.amplitude_lln_mv:g} mV)")
    # the typical velocity limit applies to the segments between standard sites (not to axilla, Erb's point or
    # the popliteal fossa, whose short or proximal segments have their own ranges)
    standard = set(nerve.standard_sites)
    slow = [s for s in segments if math.isfinite(s.cv_m_s) and round(s.cv_m_s) < lim.cv_lln_m_s
            and s.proximal_site in standard]
    for s in slow:
        outside.append(f"CV {s.cv_m_s:.0f} m/s in the {s.label} (typical lower limit {lim.cv_lln_m_s:g} m/s)")
    return outside, slow


def describe(cfg, sites, segments, snap, cidp, axon, min_cv):
    """Findings (one sentence each), the overall pattern key and the interpretation paragraph."""
    nerve = cfg.nerve
    lim = nerve.limits
    d = sites[0]
    f: list[Finding] = []
    block_rules = CRITERIA.block
    category = cidp_category([cidp])

    outside, slow = _limit_findings(nerve, d, segments)
    if outside:
        f.append(Finding("limits", "Outside the typical laboratory limits: " + "; ".join(outside) + "."))
    else:
        f.append(Finding("limits", "Distal latency, CMAP amplitude and every segment velocity are within the "
                                   "typical laboratory limits."))
    dml = cidp.item("dml")
    if math.isfinite(d.latency_ms) and round(d.latency_ms, 1) > lim.dml_uln_ms and dml.met is False:
        above = d.latency_ms / lim.dml_uln_ms - 1
        why = (f"below the demyelinating range (≥{pct(CRITERIA.cidp.dml_above_uln)} above, EAN/PNS 2021)"
               if above < CRITERIA.cidp.dml_above_uln
               else "not counted: the slowing is confined to the carpal tunnel")
        f.append(Finding("dml_mild", f"Distal latency {d.latency_ms:.2f} ms is {pct(above)} above the upper limit: "
                                     f"{why}. A mildly prolonged distal latency is non-specific (for example carpal "
                                     "tunnel syndrome)."))

    # slowing confined to a distal segment that crosses an entrapment site (median nerve at the wrist)
    distal_entrapment = bool(
        nerve.segments[0].entrapment_site and math.isfinite(d.latency_ms) and round(d.latency_ms, 1) > lim.dml_uln_ms
        and segments and not slow
    )
    if distal_entrapment:
        f.append(Finding("entrapment", f"Distal latency {d.latency_ms:.1f} ms is prolonged while the segments above "
                                       f"the wrist conduct normally: the slowing lies in the "
                                       f"{nerve.segments[0].label}, a common entrapment site."))

    blocks = [s for s in segments if s.block.is_block]
    for s in blocks:
        extra = (f" The duration rose by more than {pct(block_rules.max_duration_increase)}: phase cancellation "
                 "from temporal dispersion cannot be excluded, so this is a probable block only."
                 if _dispersed_probable(s) else "")
        if snap.abnormal:
            extra += (" With abnormal sensory conduction this is not an MMN block: the CIDP amplitude rules "
                      "(EAN/PNS 2021) apply.")
        f.append(Finding("block", f"{s.block.grade.capitalize()} conduction block by the MMN area rules (EFNS/PNS "
                                  f"2010) in the {s.label}: {_area_duration(s)} ({s.block.rule}).{extra}"))
    ungradable = [s for s in segments if not s.block.gradable and math.isfinite(s.block.area_reduction)
                  and s.block.area_reduction >= block_rules.probable_area_reduction_long_segment]
    for s in ungradable:
        f.append(Finding("ungradable", f"In the {s.label} the area falls {pct(s.block.area_reduction)}, but a block "
                                       f"cannot be graded (distal CMAP too small: {s.block.distal_amplitude_mv:.2f} "
                                       "mV). This is neither evidence of a block nor of its absence."))
    excluded = [s for s in segments if s.block.excluded_by]
    for s in excluded:
        f.append(Finding("excluded", f"The drop in the {s.label} (area −{pct(s.block.area_reduction)}) meets the "
                                     f"{s.block.criteria_grade} rule but does not count: {s.block.excluded_by}. "
                                     f"{s.block.reasons[-1]}"))
    dispersed = [s for s in segments if math.isfinite(s.block.duration_increase)
                 and dispersion_met(nerve.name, s.block.duration_increase)]
    for s in dispersed:
        f.append(Finding("dispersion", f"Temporal dispersion in the {s.label}: duration "
                                       f"{_signed(s.block.duration_increase)}, amplitude "
                                       f"−{pct(1 - s.amplitude_ratio)} but area only "
                                       f"−{pct(s.block.area_reduction)}: phase cancellation costs amplitude more "
                                       "than area."))
    cidp_block = cidp.item("block").met
    cidp30, mmn50 = pct(CRITERIA.cidp.block_amplitude_reduction), pct(block_rules.definite_area_reduction)
    if cidp_block and not blocks:
        f.append(Finding("rules", "The amplitude falls enough for the conduction-block item of the EAN/PNS 2021 CIDP "
                                  f"criteria (amplitude reduction ≥{cidp30}), but no segment meets an EFNS/PNS 2010 MMN "
                                  f"block grade, which is judged on negative-peak area (definite ≥{mmn50}) with a limit "
                                  "on "
                                  "the duration increase. The two guidelines measure different things: MMN rules "
                                  "for MMN, CIDP rules for CIDP."))
    elif blocks and cidp_block:
        f.append(Finding("rules", "This drop meets both the EFNS/PNS 2010 MMN block rule (negative-peak area) and "
                                  f"the EAN/PNS 2021 CIDP block item (amplitude ≥{cidp30}). Which guideline applies is a "
                                  "clinical question: a pure motor picture with normal sensory conduction points to "
                                  "MMN, sensory involvement to CIDP."))
    elif blocks and cidp_block is False:
        f.append(Finding("rules", "The MMN area rules grade a block here, but the amplitude falls by less than the "
                                  f"{cidp30} of the EAN/PNS 2021 CIDP block item: the guidelines measure different "
                                  "things."))
    items = "; ".join(i.label for i in cidp.items if i.met)
    if cidp.any_met:
        f.append(Finding("cidp", f"EAN/PNS 2021 CIDP motor items met in this nerve: {items}. {category.text}"))
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

    recording = _recording_findings(cfg, d)
    f.extend(recording)

    pattern, text = _overall(cfg, d, segments, snap, cidp, category, axon, min_cv, outside, slow, cold,
                             blocks, ungradable, excluded, dispersed, distal_entrapment, items)
    if cfg.recording.suspect:
        # a distorting recording set-up comes first: every number after it is read through it
        text = f"Check the recording first: {cfg.recording.describe()}. {text}"
    return tuple(f), pattern, text


def _recording_findings(cfg, d) -> list[Finding]:
    """What the recording pitfalls (:mod:`widgets.conduction.recording`) do to this study, one sentence each."""
    rec = cfg.recording
    out = []
    if rec.electrode_offset_mm:
        onset = int(d.latency_ms / d.time_ms[1]) if math.isfinite(d.latency_ms) else 0
        lead = float(d.cmap_mv[:onset].max()) if onset > 0 else 0.0
        dip = f"an initial positive deflection of {lead:.1f} mV" if lead >= 0.05 else "a changed shape"
        out.append(Finding("pitfall", f"The active electrode is {rec.electrode_offset_mm:g} mm off the motor point: "
                                      f"the distal CMAP shows {dip}, is smaller and starts later than over the "
                                      "motor point. Move the electrode until the CMAP starts with a negative "
                                      "deflection, then measure amplitude and latency."))
    if rec.reference_pickup:
        out.append(Finding("pitfall", "The reference electrode lies over active muscle, not the tendon: the "
                                      "amplifier shows the difference of two muscle potentials, so amplitude, "
                                      "duration and area change. Put the reference electrode on the tendon."))
    if rec.low_frequency_filter_hz is not None:
        dur = f"{d.duration_ms:.1f} ms" if math.isfinite(d.duration_ms) else "not measurable"
        out.append(Finding("pitfall", f"Low-frequency filter {rec.low_frequency_filter_hz:g} Hz: a higher setting "
                                      "shortens the negative phase and lowers amplitude and area (distal duration "
                                      f"here {dur}). Duration limits hold only for the filter setting they were "
                                      "measured with."))
    return out


def _overall(cfg, d, segments, snap, cidp, category, axon, min_cv, outside, slow, cold,
             blocks, ungradable, excluded, dispersed, distal_entrapment, items):
    """The overall picture, most specific first: (pattern key, paragraph)."""
    nerve = cfg.nerve
    lim = nerve.limits
    block_rules = CRITERIA.block
    focal = [s for s in segments if s.block.criteria_grade != "none" or s in slow
             or (math.isfinite(s.area_ratio) and s.area_ratio < 1 - block_rules.probable_area_reduction_long_segment)]
    entrapment_only = (bool(focal) and all(s.entrapment_site for s in focal)) or (distal_entrapment and not focal)
    technical = [s for s in excluded if s.block.excluded_by in (SUBMAXIMAL, MGA)]
    half = 1 - block_rules.definite_area_reduction
    pseudo = [s for s in dispersed
              if math.isfinite(s.amplitude_ratio) and s.amplitude_ratio <= half and not s.block.is_block]
    # a cold limb explains slowing beyond the typical limits when amplitude is kept and the slowing stays
    # outside the demyelinating range
    demyelinating_slowing = any(i.met for i in cidp.items if i.key in ("dml", "cv"))
    cold_only = bool(outside and cold and not excluded and not demyelinating_slowing
                     and math.isfinite(d.amplitude_mv) and d.amplitude_mv >= lim.amplitude_lln_mv)

    drops = [s for s in segments if s.block.outcome == "no_block" and not s.entrapment_site
             and math.isfinite(s.block.area_reduction)
             and s.block.area_reduction >= block_rules.probable_area_reduction_long_segment]
    facts = PatternFacts(
        block_grades=tuple(s.block.grade for s in blocks),
        dispersed_probable=tuple(_dispersed_probable(s) for s in blocks),
        sensory_abnormal=snap.abnormal,
        cold_only=cold_only,
        cidp_any=cidp.any_met,
        pseudo_block=bool(pseudo),
        entrapment_only=entrapment_only,
        ungradable=bool(ungradable),
        axon_loss=axon.present,
        technical=bool(technical),
        subthreshold_drop=bool(drops),
        outside_limits=bool(outside),
    )
    key = classify_pattern(facts)
    return write_pattern(key, **_values(key, cfg, d, segments, snap, cidp, category, min_cv, outside, blocks,
                                        ungradable, pseudo, technical, focal, items, drops))


def _values(key, cfg, d, segments, snap, cidp, category, min_cv, outside, blocks, ungradable, pseudo, technical,
            focal, items, drops) -> dict[str, str]:
    """The measured values template ``key`` needs, formatted."""
    nerve = cfg.nerve
    lim = nerve.limits
    v: dict[str, str] = {"category": category.text, "items": items}
    if key.endswith("block"):
        # no proximal response (a complete block): the amplitude fell 100%
        v["drops"] = "; ".join(
            f"amplitude −{pct(1 - (s.amplitude_ratio if math.isfinite(s.amplitude_ratio) else 0.0))} in the "
            f"{_short(s.label)}" for s in blocks)
        v["cidp_block_text"] = cidp.item("block").text
    if key.startswith("motor_block"):
        v["grades"] = "; ".join(f"{s.block.grade} in the {_short(s.label)}: {_area_duration(s)}" for s in blocks)
    if key == "cold":
        v.update(outside="; ".join(outside), temperature=f"{cfg.temperature_c:g}")
    if key == "dispersion":
        s = pseudo[0]
        v.update(pseudo_segment=s.label, pseudo_amplitude=pct(1 - s.amplitude_ratio),
                 pseudo_area=pct(s.block.area_reduction), pseudo_duration=pct(s.block.duration_increase))
    if key == "entrapment":
        v["where"] = ", ".join(s.label for s in focal) if focal else nerve.segments[0].label
    if key == "ungradable":
        s = ungradable[0]
        v.update(distal_mv=f"{d.amplitude_mv:.2f}", ungradable_area=pct(s.block.area_reduction),
                 ungradable_segment=s.label)
    if key == "axon_loss":
        gradable = all(s.block.gradable for s in segments)
        v.update(
            # no distal response: 0 mV, and a dash for a velocity that cannot be measured
            distal_mv_short=f"{d.amplitude_mv:.1f}" if math.isfinite(d.amplitude_mv) else "0.0",
            no_block="no conduction block" if gradable else
            "no drop between sites (with a distal CMAP this small a block cannot be formally graded)",
            min_cv=f"{min_cv:.0f}" if math.isfinite(min_cv) else "—", snap_word="abnormal" if snap.abnormal else "normal")
    if key == "technical":
        causes = "; ".join(
            f"the drop in the {s.label} is explained by {'a ' if s.block.excluded_by == MGA else ''}"
            f"{s.block.excluded_by}"
            for s in technical
        )
        v["technical"] = causes[0].upper() + causes[1:]
    if key == "subthreshold_drop":
        s = max(drops, key=lambda g: g.block.area_reduction)
        v.update(drop_area=pct(s.block.area_reduction), drop_segment=s.label)
    if key == "demyelinating":
        v["snap_article"] = "an abnormal" if snap.abnormal else "a normal"
    if key == "abnormal":
        v["outside_or_snap"] = "; ".join(outside) if outside else "abnormal SNAP"
        mildly = (cidp.item("dml").met is False and math.isfinite(d.latency_ms)
                  and round(d.latency_ms, 1) > lim.dml_uln_ms)
        v["mild"] = (" The distal latency is only mildly prolonged: non-specific (for example carpal tunnel "
                     "syndrome)." if mildly else "")
    return v
