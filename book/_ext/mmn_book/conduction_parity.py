"""Parity of the browser conduction model with :mod:`widgets.conduction`: configurations and comparable records.

Used by ``tests/browser/test_conduction_parity.py`` and ``benchmarks/bench_conduction_js.py``.

* :func:`random_configs`: valid random settings on the explorer's control grid (5% steps, 0.5 °C), for the
  nerves and people of the exported table, plus every preset on every nerve it applies to;
* :func:`python_record`: what the Python model gives for one configuration, as plain JSON data;
* :data:`RECORD_JS`: the same record computed in the page by ``MMNConduction`` (a function for
  Playwright's ``page.evaluate``);
* :func:`compare`: every difference between two records (numbers within :data:`REL_TOL` / :data:`ABS_TOL`,
  every word exactly).
"""

from __future__ import annotations

import math
import random
import re
from pathlib import Path

from mmn_book.model_tables import PARITY_SEEDS

#: Tolerance of measured numbers (the browser reads float32 unit properties; everything else is float64).
REL_TOL = 1e-4
ABS_TOL = 1e-4
#: Peak times are sample times (0.05 ms): two nearly equal samples may swap.
PEAK_TOL_MS = 0.051

#: "nan" as a word in a sentence (not inside "maintenance" or "nanc...").
_NAN = re.compile(r"\bnan\b")

SITE_FIELDS = ("latency_ms", "amplitude_mv", "area_mv_ms", "duration_ms", "peak_ms", "end_ms")
SEGMENT_FIELDS = ("cv_m_s", "amplitude_ratio", "area_ratio", "duration_ratio")
BLOCK_FIELDS = ("area_reduction", "duration_increase", "distal_amplitude_mv")


def _grid(rng: random.Random, hi: float, step: float = 0.05, p_zero: float = 0.4) -> float:
    if rng.random() < p_zero:
        return 0.0
    return round(step * rng.randint(1, round(hi / step)), 2)


def random_configs(n: int, seed: int = 2026) -> list[dict]:
    """``n`` random valid configurations (JSON dicts the Python and browser models both take) + every preset."""
    from widgets.conduction.presets import PRESETS
    from widgets.conduction.reference_values import NERVES

    rng = random.Random(seed)
    out = []
    for name, p in PRESETS.items():
        for nerve in p.nerves:
            out.append({"nerve": nerve, "preset": name, "seed": 0})
    while len(out) < n:
        nerve = rng.choice(tuple(NERVES))
        spec = NERVES[nerve]
        lesions = []
        for seg in spec.lesion_segments:
            if rng.random() < 0.45:
                block = 0.0 if seg in ("distal", "all") else _grid(rng, 1.0, p_zero=0.3)
                les = {"segment": seg, "block": block, "slowing": _grid(rng, 0.9 if seg != "all" else 0.6),
                       "dispersion": _grid(rng, 0.9 if seg != "all" else 0.6), "sensory": rng.random() < 0.4}
                if les["block"] or les["slowing"] or les["dispersion"]:
                    lesions.append(les)
        cfg = {
            "nerve": nerve, "preset": None, "seed": rng.choice(PARITY_SEEDS), "lesions": lesions,
            "axon_loss": _grid(rng, 1.0, p_zero=0.6), "reinnervation": _grid(rng, 1.0, p_zero=0.5),
            "sensory_axon_loss": _grid(rng, 1.0, p_zero=0.6),
            "temperature_c": 34.0 if rng.random() < 0.5 else 0.5 * rng.randint(40, 80),
            "submaximal_site": None, "submaximal_fraction": 0.5, "martin_gruber": 0.0,
        }
        if rng.random() < 0.25:
            cfg["submaximal_site"] = rng.choice(spec.site_names)
            cfg["submaximal_fraction"] = round(0.05 * rng.randint(1, 20), 2)
        if nerve == "ulnar" and rng.random() < 0.3:
            cfg["martin_gruber"] = round(0.05 * rng.randint(1, 18), 2)
        if rng.random() < 0.3:  # recording pitfalls (widgets.conduction.recording), on the explorer's grid
            cfg["electrode_offset_mm"] = float(rng.choice((0, 0, 5, 10, 20, 30)))
            cfg["reference_pickup"] = rng.choice((0.0, 0.0, 0.1, 0.3, 0.6))
            cfg["low_frequency_filter_hz"] = rng.choice((None, None, 2.0, 10.0, 20.0, 100.0))
        out.append(cfg)
    return out


def python_study(cfg: dict):
    """The :class:`~widgets.conduction.study.Study` of ``cfg`` by the Python reference."""
    from widgets.conduction.lesions import Lesion
    from widgets.conduction.model import simulate

    if cfg.get("preset"):
        return simulate(cfg["nerve"], preset=cfg["preset"], seed=cfg.get("seed", 0))
    pit = {}
    if cfg.get("submaximal_site"):
        pit = {"submaximal_site": cfg["submaximal_site"], "submaximal_fraction": cfg["submaximal_fraction"]}
    if cfg.get("martin_gruber"):
        pit["martin_gruber"] = cfg["martin_gruber"]
    for key in ("electrode_offset_mm", "reference_pickup", "low_frequency_filter_hz"):
        if cfg.get(key):
            pit[key] = cfg[key]
    return simulate(
        cfg["nerve"], lesions=tuple(Lesion(**les) for les in cfg["lesions"]), axon_loss=cfg["axon_loss"],
        reinnervation=cfg["reinnervation"], sensory_axon_loss=cfg["sensory_axon_loss"],
        temperature_c=cfg["temperature_c"], seed=cfg["seed"], **pit)


def _num(x) -> float | None:
    x = float(x)
    return x if math.isfinite(x) else None


def python_record(cfg: dict) -> dict:
    """Every measurement and every word of the Python study of ``cfg``."""
    from widgets.conduction.checklist import checklist
    from widgets.conduction.figures import verdict_text

    st = python_study(cfg)

    def site(s):
        return {**{f: _num(getattr(s, f)) for f in SITE_FIELDS}, "note": s.note, "label": s.label}

    def seg(s):
        b = s.block
        return {**{f: _num(getattr(s, f)) for f in SEGMENT_FIELDS}, **{f: _num(getattr(b, f)) for f in BLOCK_FIELDS},
                "grade": b.grade, "criteria_grade": b.criteria_grade, "excluded_by": b.excluded_by, "rule": b.rule,
                "reasons": list(b.reasons), "gradable": b.gradable, "outcome": b.outcome}

    sn = st.snap
    return {
        "n_samples": int(st.time_ms.size),
        "sites": [site(s) for s in st.sites],
        "checks": [site(s) for s in st.checks],
        "segments": [seg(s) for s in st.segments],
        "snap": {"amplitude_uv": _num(sn.amplitude_uv), "latency_ms": _num(sn.latency_ms), "cv_m_s": _num(sn.cv_m_s),
                 "area_uv_ms": _num(sn.area_uv_ms), "abnormal": sn.abnormal, "reasons": list(sn.reasons),
                 "sites": [{"latency_ms": _num(s.latency_ms), "amplitude_uv": _num(s.amplitude_uv),
                            "area_uv_ms": _num(s.area_uv_ms), "duration_ms": _num(s.duration_ms)} for s in sn.sites],
                 "segments": [{"cv_m_s": _num(s.cv_m_s), "amplitude_ratio": _num(s.amplitude_ratio),
                               "area_ratio": _num(s.area_ratio), "normal_area_ratio": _num(s.normal_area_ratio),
                               "abnormal": s.abnormal} for s in sn.segments]},
        "cidp": [{"key": i.key, "met": i.met, "text": i.text} for i in st.cidp.items],
        "axon": {"present": st.axon_loss_pattern.present, "reasons": list(st.axon_loss_pattern.reasons)},
        "findings": [[f.kind, f.text] for f in st.findings],
        "pattern": st.pattern,
        "interpretation": st.interpretation,
        "verdict": verdict_text(st),
        "checklist": checklist(st).lines(),
    }


#: The same record computed in the page (``page.evaluate(RECORD_JS, configs)`` returns one record per config).
RECORD_JS = (Path(__file__).with_name("js") / "conduction-record.js").read_text(encoding="utf-8")


def _close(a, b, tol_abs: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol_abs + REL_TOL * max(abs(a), abs(b))


def compare(py, js, path: str = "") -> list[str]:
    """Every difference between two records: numbers beyond tolerance, any other value not equal."""
    out: list[str] = []
    if isinstance(py, dict) and isinstance(js, dict):
        for k in py:
            if k not in js:
                out.append(f"{path}.{k}: missing in the browser record")
            else:
                out += compare(py[k], js[k], f"{path}.{k}")
        return out
    if isinstance(py, list) and isinstance(js, list):
        if len(py) != len(js):
            return [f"{path}: {len(py)} items in Python, {len(js)} in the browser"]
        for i, (a, b) in enumerate(zip(py, js)):
            out += compare(a, b, f"{path}[{i}]")
        return out
    if isinstance(py, float) or (isinstance(py, int) and not isinstance(py, bool) and isinstance(js, float)):
        tol = PEAK_TOL_MS if path.endswith("peak_ms") else ABS_TOL
        if not (isinstance(js, (int, float)) and not isinstance(js, bool) and _close(float(py), float(js), tol)):
            out.append(f"{path}: Python {py!r}, browser {js!r}")
        return out
    if isinstance(py, str) and isinstance(js, str) and _NAN.search(py):
        # a sentence where the Python reference prints "nan" (an absent response formatted as a number): the browser
        # must say it in words, with everything else the same
        pattern = "^" + ".+?".join(re.escape(part) for part in _NAN.split(py)) + "$"
        if _NAN.search(js) or not re.match(pattern, js, re.S):
            out.append(f"{path}: Python {py!r}, browser {js!r}")
        return out
    if py is None and js is not None and not isinstance(js, (str, bool, list, dict)):
        out.append(f"{path}: Python None, browser {js!r}")
    elif py != js:
        out.append(f"{path}: Python {py!r}, browser {js!r}")
    return out
