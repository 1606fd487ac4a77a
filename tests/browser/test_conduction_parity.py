"""The browser conduction model agrees with widgets.conduction (the reference) on 1,000+ configurations.

No book build: a blank page gets the exported data table (mmn_book.model_tables) and conduction-model.js (the
parts in book/_ext/mmn_book/js/conduction/ joined by model_tables.script_source), the way the book serves them,
and computes every configuration in headless Chromium. Measurements must agree within the tolerance stated in
mmn_book.conduction_parity (relative 1e-4: the page reads the sampled people's unit properties as float32; peak
times within one sample), and every grade, verdict, pattern, finding, sentence and checklist line exactly.
"""

from __future__ import annotations

import json

import pytest

from mmn_book import conduction_parity as cp
from mmn_book import model_tables

#: Random configurations (plus every preset on every nerve it applies to).
N_CONFIGS = 1100
BATCH = 100


@pytest.fixture(scope="module")
def model_page(browser):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>")
    page.add_script_tag(content=model_tables.table_js(model_tables.PARITY_SEEDS))
    page.add_script_tag(content=model_tables.script_source("conduction-model.js"))
    yield page
    context.close()
    assert errors == [], f"page errors: {errors}"


def _records(page, configs):
    out = []
    for i in range(0, len(configs), BATCH):
        out += page.evaluate(cp.RECORD_JS, configs[i : i + BATCH])
    return out


def _filter_tail(cfg: dict, py: dict) -> bool:
    """A study behind a raised low-frequency filter whose Python duration ran into the filtered tail (> 40 ms)."""
    return bool(cfg.get("low_frequency_filter_hz")) and any(
        (s["duration_ms"] or 0) > 40 for s in py["sites"] + py["checks"])


def test_browser_model_matches_python_on_random_configurations(model_page):
    configs = cp.random_configs(N_CONFIGS)
    assert len(configs) >= N_CONFIGS
    js = _records(model_page, configs)
    failures, python_errors, filter_tail, compared = [], [], [], 0
    for cfg, rec in zip(configs, js):
        assert "error" not in rec, f"the browser model failed on {json.dumps(cfg)}: {rec.get('error')}"
        try:
            py = cp.python_record(cfg)
        except (ValueError, TypeError) as err:  # the reference itself refused: reported below, never hidden
            python_errors.append(f"{json.dumps(cfg)}: {err}")
            continue
        compared += 1
        diff = cp.compare(py, rec)
        if diff and _filter_tail(cfg, py):
            filter_tail.append(json.dumps(cfg))
        elif diff:
            failures.append(f"{json.dumps(cfg)}\n  " + "\n  ".join(diff[:6]))
    # Known defect of the reference (widgets/conduction/describe.py, ``_values``): a block with NO proximal
    # response and an abnormal SNAP formats pct(NaN) and raises; the browser says "amplitude −100%". Any other
    # refusal fails here.
    unknown = [e for e in python_errors if "cannot convert float NaN to integer" not in e]
    assert not unknown, f"{len(unknown)} configurations the Python reference refused:\n" + "\n".join(unknown[:5])
    assert len(python_errors) < 0.05 * len(configs), python_errors[:3]
    # Known fragility of the reference (widgets/conduction/measure.py): behind a raised low-frequency filter the CMAP's
    # tail decays towards 0 and "back to baseline" (y <= 0) is decided by rounding noise, so Python may end the
    # negative phase 80 ms late (a duration of ~80 ms with an area near 0). Rare; every other field must agree.
    assert len(filter_tail) <= 0.01 * compared, filter_tail[:3]
    assert compared >= 0.95 * N_CONFIGS
    assert not failures, f"{len(failures)} of {compared} configurations differ:\n" + "\n".join(failures[:8])


def test_every_preset_reads_the_same_in_the_browser(model_page):
    from widgets.conduction.presets import PRESETS

    configs = [{"nerve": n, "preset": name, "seed": s} for name, p in PRESETS.items() for n in p.nerves
               for s in model_tables.PARITY_SEEDS]
    js = _records(model_page, configs)
    for cfg, rec in zip(configs, js):
        py = cp.python_record(cfg)
        assert (rec["pattern"], rec["interpretation"]) == (py["pattern"], py["interpretation"]), cfg
        assert cp.compare(py, rec) == [], cfg


def test_browser_never_shows_nan_or_blank(model_page):
    """Extreme settings (complete block everywhere, every axon lost, coldest limb): words, no 'nan'."""
    extreme = []
    for nerve, segs in (("ulnar", ("forearm", "elbow", "upper_arm", "plexus")), ("tibial", ("leg",))):
        extreme.append({"nerve": nerve, "seed": 0, "lesions": [{"segment": s, "block": 1.0, "slowing": 0.9,
                                                                 "dispersion": 0.9, "sensory": True} for s in segs],
                        "axon_loss": 1.0, "reinnervation": 1.0, "sensory_axon_loss": 1.0, "temperature_c": 20.0,
                        "submaximal_site": None, "submaximal_fraction": 0.5, "martin_gruber": 0.0})
    for rec in _records(model_page, extreme):
        words = json.dumps([rec["interpretation"], rec["findings"], rec["checklist"], rec["verdict"]])
        assert "nan" not in words.lower().replace("nanc", ""), words
        assert rec["interpretation"].strip()
