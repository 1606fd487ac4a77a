"""The browser EMG (book/_ext/mmn_book/js/emg-model.js) held to the Python model (widgets.emg) in Chromium.

The page loads the table exported by ``mmn_book.emg_tables`` and the model script only. A person's random
draws are data in the table (numpy's generator cannot be replayed in JavaScript); everything computed from them
is recomputed by the script and compared here, on many configurations: every preset × every muscle it changes
(plus an untouched one) × two people × four phases.

Tolerances (stated): firing rates ±0.11 Hz (both round to 0.1 Hz); MUP amplitude ±0.25 µV and duration ±0.11 ms for at least
98% of MUPs, ±0.5 ms for all (the table stores templates in 0.1 µV steps, the model measures floats; a tail
grazing the 12 µV duration threshold can move its end); the noise-free screen within 1.5 µV of
the Python signal minus its noise; insertional activity ±0.001 ms. Exactly: which units fire and in what order,
MUP phases, counts of fibrillations, positive sharp waves, fasciculations and insertion potentials, the
interference pattern, the findings text (bar the last printed digit of the first MUP's amplitude and duration,
within the tolerances; at least 90% of texts identical) and the sound caption, and the regions rule (every region's verdict and
reason, the Gold Coast verdict and its text) on every subset of each preset's changed muscles and on 1,500 random
subsets of all muscles per preset.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import sys

import numpy as np
import pytest

from support.paths import ROOT

sys.path.insert(0, str(ROOT / "book" / "_ext"))

from mmn_book import emg_tables  # noqa: E402

from widgets.emg import PRESETS, simulate  # noqa: E402
from widgets.emg.audio import caption  # noqa: E402
from widgets.emg.figures import findings_text  # noqa: E402
from widgets.emg.model import NOISE_UV  # noqa: E402
from widgets.emg.presets import touched_muscles  # noqa: E402
from widgets.emg.reference_values import MUSCLES, PHASES, get_muscle  # noqa: E402
from widgets.emg.regions import regions  # noqa: E402
from widgets.emg.units import rng_for  # noqa: E402

RATE_TOL_HZ = 0.11
AMP_TOL_UV = 0.25
DUR_TOL_MS = 0.11
#: a tail grazing the 12 µV duration threshold may move the end by a few samples: bound and share of such MUPs
DUR_TOL_RARE_MS = 0.5
DUR_RARE_SHARE = 0.02
SIGNAL_TOL_UV = 1.5
DECIMATE = 5


def _configs() -> list[tuple[str, str, int]]:
    out = []
    for k, p in enumerate(PRESETS):
        muscles = list(touched_muscles(p)) or ["fdi", "tibialis_anterior"]
        untouched = [m for m in ("biceps", "tibialis_anterior", "tongue", "fdi") if m not in muscles][:1]
        for m in muscles + untouched:
            for seed in (k, 100 + k):
                out.append((p, m, seed))
    return out


CONFIGS = _configs()


@pytest.fixture(scope="module")
def emg_page(browser, tmp_path_factory):
    """A page with the exported table (the book's, plus the extra configurations) and emg-model.js."""
    from support.site import served

    folder = tmp_path_factory.mktemp("emg-parity")
    table = dict(emg_tables.table())
    table["screens"] = [emg_tables.screen(p, m, s) for p, m, s in CONFIGS]
    (folder / "emg-table.js").write_text("window.MMN_EMG_TABLE=" + json.dumps(table) + ";", encoding="utf-8")
    (folder / "emg-model.js").write_text((emg_tables.JS_DIR / "emg-model.js").read_text(), encoding="utf-8")
    (folder / "index.html").write_text('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                                       '<script src="emg-table.js"></script><script src="emg-model.js"></script>'
                                       "</head><body></body></html>", encoding="utf-8")
    with served(folder) as base:
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/index.html")
        page.wait_for_function("() => window.MMNEmg && window.MMN_EMG_TABLE", timeout=20000)
        try:
            yield page
        finally:
            context.close()
        assert errors == []


JS_SCREENS = """(dec) => {
  const T = window.MMN_EMG_TABLE, M = window.MMNEmg, out = [];
  for (const scr of T.screens) for (const phase of Object.keys(T.phases)) {
    const r = M.recording(T, scr, phase), sig = [];
    for (let i = 0; i < r.signal.length; i += dec) sig.push(Math.round(r.signal[i] * 100) / 100);
    out.push({preset: scr.preset, muscle: scr.muscle, seed: scr.seed, phase, firing: r.firing, mups: r.mups,
              counts: r.counts, interference: r.interference, insertional: r.insertional_ms,
              text: M.findingsText(T, r), caption: M.caption(T, r), signal: sig});
  }
  return out;
}"""


@pytest.fixture(scope="module")
def js_screens(emg_page):
    return emg_page.evaluate(JS_SCREENS, DECIMATE)


@pytest.fixture(scope="module")
def py_recs(js_screens):
    return [simulate(js["muscle"], phase=js["phase"], preset=js["preset"], seed=js["seed"]) for js in js_screens]


def _python_noise(rec) -> np.ndarray:
    """The noise simulate() drew first from this screen's generator (same stream, same draw)."""
    state = rec.state
    rng = rng_for(get_muscle(rec.muscle), rec.seed, f"trace/0/{rec.phase}/{hash(state) & 0xFFFFFFFF}")
    return NOISE_UV * rng.standard_normal(rec.signal_uv.size)


def test_every_configuration_is_covered(js_screens):
    assert len(js_screens) == len(CONFIGS) * len(PHASES) >= 400


def test_recruitment_measurements_and_counts_match_python(js_screens, py_recs):
    """Firing units and rates, MUP measurements, spontaneous counts, interference, insertional activity."""
    total_mups = rare = 0
    for js, rec in zip(js_screens, py_recs):
        where = f"{js['preset']}/{js['muscle']}/seed {js['seed']}/{js['phase']}"
        assert [u for u, _ in js["firing"]] == [u for u, _ in rec.firing], where
        for (_, a), (_, b) in zip(js["firing"], rec.firing):
            assert abs(a - b) <= RATE_TOL_HZ, where
        assert len(js["mups"]) == len(rec.mups), where
        for a, b in zip(js["mups"], rec.mups):
            assert abs(a["amplitude_uv"] - b.amplitude_uv) <= AMP_TOL_UV, where
            assert abs(a["duration_ms"] - b.duration_ms) <= DUR_TOL_RARE_MS, where
            rare += abs(a["duration_ms"] - b.duration_ms) > DUR_TOL_MS
            assert a["unstable"] == b.unstable, where
            total_mups += 1
            assert a["phases"] == b.phases, where
        for kind in ("fibrillation", "psw", "fasciculation", "insertion"):
            assert js["counts"][kind] == rec.count(kind), (where, kind)
        assert js["interference"] == rec.interference, where
        assert abs(js["insertional"] - rec.insertional_ms) <= 1e-3, where
    assert total_mups > 500
    assert rare <= DUR_RARE_SHARE * total_mups, f"{rare} of {total_mups} MUP durations off by more than {DUR_TOL_MS} ms"


#: The first MUP's numbers in the findings text (within the measurement tolerance, so their last digit may differ).
_MUP_NUMBERS = re.compile(r"first MUP ([0-9.]+) mV, ([0-9.]+) ms")


def test_findings_text_and_sound_caption_are_the_same_words(js_screens, py_recs):
    """Same words; the first MUP's printed amplitude/duration may differ in the last digit (tolerances above)."""
    same = 0
    for js, rec in zip(js_screens, py_recs):
        text = findings_text(rec)
        if js["text"] != text:
            assert _MUP_NUMBERS.sub("MUP", js["text"]) == _MUP_NUMBERS.sub("MUP", text)
            (a_js, d_js), (a_py, d_py) = _MUP_NUMBERS.search(js["text"]).groups(), _MUP_NUMBERS.search(text).groups()
            assert abs(float(a_js) - float(a_py)) <= 0.0101 and abs(float(d_js) - float(d_py)) <= DUR_TOL_RARE_MS + 0.1
        else:
            same += 1
        assert js["caption"] == caption(rec)
    assert same >= 0.9 * len(js_screens)


def test_noise_free_screen_matches_the_python_signal(js_screens, py_recs):
    worst = 0.0
    for js, rec in zip(js_screens, py_recs):
        clean = (rec.signal_uv - _python_noise(rec))[::DECIMATE]
        diff = float(np.max(np.abs(np.asarray(js["signal"]) - clean)))
        worst = max(worst, diff)
        assert diff <= SIGNAL_TOL_UV, f"{js['preset']}/{js['muscle']}/{js['phase']}: {diff:.2f} µV"
    assert worst > 0  # the comparison compared something


ORDER = list(MUSCLES)


def _signature(r) -> str:
    return "|".join(f"{int(v.positive)}:{v.reason}" for v in r.regions) + f"|{int(r.meets_gold_coast_emg)}"


JS_REGIONS = """([preset, masks, order, withText]) => {
  const T = window.MMN_EMG_TABLE, M = window.MMNEmg;
  return masks.map(mask => {
    const chosen = order.filter((m, i) => mask & (1 << i));
    const r = M.regions(T, preset, chosen);
    const sig = r.regions.map(v => (v.positive ? 1 : 0) + ":" + v.reason).join("|") + "|" + (r.meets ? 1 : 0);
    return withText ? sig + "#" + r.text + "#" + chosen.map(m => M.summary(T, T.findings[preset][m])).join(";") : sig;
  });
}"""


@pytest.mark.parametrize("preset", list(PRESETS))
def test_regions_rule_matches_python_on_every_subset_and_random_samples(emg_page, preset):
    touched = [m for m in ORDER if m in touched_muscles(preset)] or ["fdi", "biceps", "tongue"]
    bits = [ORDER.index(m) for m in touched]
    masks = [sum(1 << b for b, on in zip(bits, pick) if on) for pick in itertools.product((0, 1), repeat=len(bits))]
    masks = [m for m in masks if m]
    rnd = random.Random(f"emg-regions/{preset}")
    samples = [rnd.randrange(1, 1 << len(ORDER)) for _ in range(1500)]
    got = emg_page.evaluate(JS_REGIONS, [preset, masks, ORDER, False])
    for mask, sig in zip(masks, got):
        chosen = [m for i, m in enumerate(ORDER) if mask & (1 << i)]
        assert sig == _signature(regions(preset, chosen)), (preset, chosen)
    got = emg_page.evaluate(JS_REGIONS, [preset, samples, ORDER, True])
    for mask, sig in zip(samples, got):
        chosen = [m for i, m in enumerate(ORDER) if mask & (1 << i)]
        r = regions(preset, chosen)
        summaries = ";".join(f.summary for f in r.findings)
        assert sig == f"{_signature(r)}#{r.text}#{summaries}", (preset, chosen)
    assert len(masks) + len(samples) >= 1500
