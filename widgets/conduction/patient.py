"""A multi-nerve study of one patient: several nerves, both sides, one person, one verdict across nerves.

MMN and CIDP categories are defined across nerves: the EFNS/PNS 2010 MMN
categories count the nerves with a definite or probable conduction block
(``efnspns2010mmn``; :func:`widgets.diagnosis.category` takes these counts), and
the EAN/PNS 2021 electrodiagnostic level "CIDP" needs its motor criteria in
two nerves (``vandenbergh2021cidp``; :func:`widgets.conduction.cidp.cidp_category`).
:func:`study_patient` simulates every nerve of one person (one ``seed``: the
same person in every nerve) with the lesions of a scenario, and reports which
criterion is met in which nerve. Optionally it records F-waves in each nerve
(:mod:`widgets.conduction.fwaves`) and grades the 2021 F-wave item.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from widgets.conduction.cidp import CidpCategory, cidp_category
from widgets.conduction.criteria import CRITERIA
from widgets.conduction.lesions import Lesion
from widgets.conduction.model import simulate
from widgets.conduction.presets import get_preset
from widgets.conduction.study import Study

#: Nerves and sides of a full study (a four-nerve study: ``sides=("right",)``).
NERVES_STUDIED = ("median", "ulnar", "peroneal", "tibial")
SIDES = ("right", "left")


@dataclass(frozen=True)
class PatientScenario:
    """Teaching scenario of a patient.

    A single-nerve preset for some nerves (``presets``, key ``"nerve/side"``), and the preset every other nerve
    gets (``default``, None: normal).
    """

    title: str
    presets: Mapping[str, str]
    default: str | None = None
    teaching: str = ""


PATIENTS: dict[str, PatientScenario] = {
    "normal": PatientScenario("Healthy person", {}, None, "Every nerve normal."),
    "mmn": PatientScenario(
        "MMN: blocks in two arm nerves",
        {"ulnar/right": "mmn", "median/left": "mmn"},
        None,
        "Definite blocks in two nerves of different arms; legs normal; sensory conduction normal.",
    ),
    "mmn_single": PatientScenario(
        "MMN: one block only", {"ulnar/right": "mmn"}, None, "A definite block in a single nerve."),
    "cidp": PatientScenario("Typical CIDP", {}, "cidp", "Diffuse demyelination in every nerve."),
    "als": PatientScenario("ALS", {}, "als", "Motor neuron loss: small CMAPs, no block."),
    "madsam": PatientScenario(
        "Lewis–Sumner syndrome (MADSAM)",
        {"median/left": "madsam", "ulnar/left": "madsam"},
        None,
        "Multifocal blocks with sensory involvement in one arm.",
    ),
}


@dataclass(frozen=True)
class NerveResult:
    """One nerve of the patient: its study and what it contributes to each category."""

    nerve: str
    side: str
    study: Study
    mmn_grade: str  # "definite", "probable", "not gradeable", "none"
    block_segments: tuple[str, ...]
    cidp_items: tuple[str, ...]
    f_wave: object | None = None  # FWaveStudy when recorded
    f_wave_met: bool | None = None

    @property
    def label(self) -> str:
        """Side and nerve, e.g. ``"right ulnar"``."""
        return f"{self.side} {self.nerve}"


@dataclass(frozen=True)
class PatientStudy:
    """Every nerve of one patient and the verdict across nerves."""

    seed: int
    scenario: str | None
    nerves: tuple[NerveResult, ...]
    cidp: CidpCategory

    def of(self, grade: str) -> tuple[str, ...]:
        """Labels of the nerves whose MMN grade is ``grade``.

        ``grade`` is one of ``"definite"``, ``"probable"``, ``"not gradeable"``, ``"none"``.
        """
        return tuple(r.label for r in self.nerves if r.mmn_grade == grade)

    @property
    def mmn_definite(self) -> tuple[str, ...]:
        """Nerves with a definite conduction block (EFNS/PNS 2010), away from entrapment sites."""
        return self.of("definite")

    @property
    def mmn_probable(self) -> tuple[str, ...]:
        """Further nerves whose strongest block is only probable."""
        return self.of("probable")

    @property
    def not_gradeable(self) -> tuple[str, ...]:
        """Nerves whose block cannot be graded (distal CMAP too small for the criteria)."""
        return self.of("not gradeable")

    @property
    def sensory_normal(self) -> bool:
        """Sensory conduction normal across every segment with a block.

        The 2010 MMN condition: normal sensory conduction in the upper-limb segments with CB.
        """
        for r in self.nerves:
            if r.mmn_grade not in ("definite", "probable"):
                continue
            blocked = {g.name for g in r.study.segments if g.block.is_block}
            snap = {g.name: g.abnormal for g in r.study.snap.segments}
            if any(snap.get(name, r.study.snap.abnormal) for name in blocked):
                return False
        return True

    def mmn_category(self, clinical_core_met: bool = True, **kwargs):
        """EFNS/PNS 2010 category from these counts (:func:`widgets.diagnosis.category`)."""
        from widgets.diagnosis import category

        return category(clinical_core_met, len(self.mmn_definite), nerves_with_probable_cb=len(self.mmn_probable),
                        sensory_conduction_normal=self.sensory_normal, **kwargs)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """Per nerve: (nerve, MMN block grade with segments, CIDP items met, F-waves)."""
        out = []
        for r in self.nerves:
            blk = r.mmn_grade if not r.block_segments else f"{r.mmn_grade} ({', '.join(r.block_segments)})"
            items = ", ".join(r.cidp_items) or "none"
            if r.f_wave is None:
                fw = "not recorded"
            elif r.f_wave.absent:
                fw = "absent"
            else:
                fw = f"{r.f_wave.min_latency_ms:.1f} ms, {r.f_wave.persistence:.0%}"
                if r.f_wave_met:
                    fw += " (2021 item met)"
            out.append((r.label, blk, items, fw))
        return out

    @property
    def summary(self) -> str:
        """The verdict across nerves in words."""
        parts = []
        d, p, ng = self.mmn_definite, self.mmn_probable, self.not_gradeable
        if d or p:
            parts.append("MMN block rules (EFNS/PNS 2010): "
                         + "; ".join(x for x in (f"definite block in {len(d)} nerve(s) ({', '.join(d)})" if d else "",
                                                 f"probable block in {len(p)} ({', '.join(p)})" if p else "") if x)
                         + ("" if self.sensory_normal else "; but sensory conduction is abnormal in a nerve with a "
                            "block, so no block counts for MMN") + ".")
        else:
            parts.append("No nerve has a conduction block by the MMN rules (EFNS/PNS 2010).")
        if ng:
            parts.append(f"Not gradeable (distal CMAP too small): {', '.join(ng)}.")
        parts.append(f"CIDP (EAN/PNS 2021): {self.cidp.level}. " + self.cidp.text)
        return " ".join(parts)


def _mmn_grade(study: Study) -> tuple[str, tuple[str, ...]]:
    segs = study.segments
    for grade in ("definite", "probable"):
        hit = tuple(s.label.split(" (")[0] for s in segs if s.block.grade == grade)
        if hit:
            return grade, hit
    ng = tuple(s.label.split(" (")[0] for s in segs if not s.block.gradable and s.area_ratio < 1.0
               and math.isfinite(s.area_ratio))
    if ng and any(1.0 - s.area_ratio >= CRITERIA.block.probable_area_reduction_long_segment for s in segs
                  if not s.block.gradable and math.isfinite(s.area_ratio)):
        return "not gradeable", ng
    return "none", ()


def f_wave_item(f, study: Study) -> bool | None:
    """EAN/PNS 2021 F-wave item in one nerve.

    Met when the minimal latency is ≥20% above the upper limit (≥50% if the distal CMAP is below 80% of the
    LLN), or when F-waves are absent with a distal CMAP ≥20% of the LLN. Thresholds: ``CRITERIA.cidp``.

    Parameters
    ----------
    f : FWaveStudy
        The nerve's F-wave train.
    study : Study
        The nerve's conduction study (distal CMAP amplitude, lower limit of normal).

    Returns
    -------
    bool or None
        Whether the item is met; None when F-waves are absent and the distal CMAP is too small to judge.
    """
    c = CRITERIA.cidp
    lln = study.nerve.limits.amplitude_lln_mv
    amp = study.distal.amplitude_mv if math.isfinite(study.distal.amplitude_mv) else 0.0
    if f.absent:
        return True if amp >= c.block_distal_fraction_of_lln * lln else None
    need = c.f_wave_above_uln_low_cmap if amp < c.f_wave_low_cmap_fraction_of_lln * lln else c.f_wave_above_uln
    return bool(f.latency_above_uln >= need - 1e-9)


def study_patient(
    scenario: str | None = "mmn",
    *,
    seed: int = 0,
    nerves: tuple[str, ...] = NERVES_STUDIED,
    sides: tuple[str, ...] = SIDES,
    lesions: Mapping[str, tuple[Lesion, ...]] | None = None,
    f_waves: bool = False,
) -> PatientStudy:
    """Simulate ``nerves`` on ``sides`` of one person (``seed``) and read them together.

    Parameters
    ----------
    scenario
        One of :data:`PATIENTS` or None (every nerve normal unless ``lesions`` says otherwise).
    seed
        The person: the same seed in every nerve.
    nerves, sides
        Which nerves ("median", "ulnar", "peroneal", "tibial") and sides ("right", "left") to study.
    lesions
        Extra lesions per nerve, keyed ``"nerve/side"`` (e.g. ``{"ulnar/left": (Lesion("forearm", block=.6),)}``).
    f_waves
        Also record F-waves in each nerve and grade the 2021 F-wave item.

    Returns
    -------
    PatientStudy
    """
    sc = None
    if scenario is not None:
        if scenario not in PATIENTS:
            raise ValueError(f"scenario must be one of {tuple(PATIENTS)} or None, got {scenario!r}")
        sc = PATIENTS[scenario]
    if isinstance(nerves, str) or not nerves or any(n not in NERVES_STUDIED for n in nerves):
        raise ValueError(f"nerves must be a non-empty tuple of {NERVES_STUDIED}, got {nerves!r}")
    if isinstance(sides, str) or not sides or any(s not in SIDES for s in sides):
        raise ValueError(f"sides must be a non-empty tuple of {SIDES}, got {sides!r}")
    if not isinstance(f_waves, bool):
        raise ValueError(f"f_waves must be True or False, got {f_waves!r}")
    lesions = dict(lesions or {})
    keys = {f"{n}/{s}" for n in nerves for s in sides}
    bad = set(lesions) - keys
    if bad:
        raise ValueError(f"lesions keys must be among {sorted(keys)}, got {sorted(bad)}")

    cache: dict = {}
    results = []
    for s in sides:
        for n in nerves:
            key = f"{n}/{s}"
            preset = None
            if sc is not None:
                preset = sc.presets.get(key, sc.default)
                if preset is not None and n not in get_preset(preset).nerves:
                    preset = None
            extra = tuple(lesions.get(key, ()))
            memo = (n, preset, extra)
            if memo not in cache:  # the same person with the same lesions gives the same study on both sides
                cache[memo] = simulate(n, preset=preset, lesions=extra, seed=seed)
            study = cache[memo]
            grade, segs = _mmn_grade(study)
            fw, met = None, None
            if f_waves:
                from widgets.conduction.fwaves import f_waves as record

                fw = record(study)
                met = f_wave_item(fw, study)
            items = study.cidp.met + (("f_wave",) if met else ())
            results.append(NerveResult(n, s, study, grade, segs, items, fw, met))
    cat = cidp_category([r.study.cidp for r in results])
    return PatientStudy(seed=seed, scenario=scenario, nerves=tuple(results), cidp=cat)


def describe_patient(p: PatientStudy) -> str:
    """The per-nerve table and verdict as plain text (a text alternative)."""
    lines = [f"{a}: block {b}; CIDP items {c}; F-waves {d}." for a, b, c, d in p.rows()]
    return " ".join(lines) + " " + p.summary


__all__ = ["PATIENTS", "NerveResult", "PatientScenario", "PatientStudy", "describe_patient", "f_wave_item",
           "patient_html", "patients_view", "study_patient"]


def patient_html(p: PatientStudy, *, caption: str | None = None) -> str:
    """Accessible HTML table of a patient: one row per nerve, then the verdict across nerves."""
    import html

    esc = html.escape
    rows = "".join(
        f"<tr><th scope=\"row\">{esc(a)}</th><td>{esc(b)}</td><td>{esc(c)}</td><td>{esc(d)}</td></tr>"
        for a, b, c, d in p.rows()
    )
    cap = caption or (PATIENTS[p.scenario].title if p.scenario in PATIENTS else "Multi-nerve study")
    return (
        f"<table class=\"mmn-ncs-table mmn-patient\"><caption>{esc(cap)}: one person, every nerve</caption>"
        "<thead><tr><th scope=\"col\">Nerve</th><th scope=\"col\">MMN block (EFNS/PNS 2010)</th>"
        "<th scope=\"col\">CIDP items met (EAN/PNS 2021)</th><th scope=\"col\">F-waves (minimal latency, "
        f"persistence)</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<p class=\"mmn-verdict\"><strong>Across nerves:</strong> {esc(p.summary)}</p>"
    )


class _Html:
    def __init__(self, text: str):
        self.html = text

    def _repr_html_(self) -> str:
        return self.html


def patients_view(scenarios: tuple[str, ...] = ("mmn", "mmn_single", "cidp", "als", "madsam"), *, seed: int = 0):
    """Several patients, each in a collapsible section (works in the book without a kernel)."""
    parts = []
    for name in scenarios:
        p = study_patient(name, seed=seed, f_waves=True)
        parts.append(f"<details class=\"mmn-patient-case\"><summary>{PATIENTS[name].title}</summary>"
                     f"{patient_html(p)}</details>")
    return _Html("<div class=\"mmn-patients\">" + "".join(parts) + "</div>")
