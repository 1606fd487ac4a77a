"""The needle EMG simulator's ONE data table for the browser, exported from :mod:`widgets.emg` at build time.

The book's kernel-free EMG (``js/emg-model.js``, ``js/emg-view.js``) is a
browser implementation of the model: it recruits units (drive, firing rates,
size principle, blocked and lost units), measures MUPs, names the interference
pattern, builds the screen and its sound, writes the findings and captions, and
applies the Awaji/Gold Coast regions rule. It reads everything from the table
this module writes (``_static/emg-table.js``, ``window.MMN_EMG_TABLE``):

* ``reference``: the published values and reading rules of
  :mod:`widgets.emg.reference_values` and the model constants;
* ``muscles``, ``presets``: the muscle table (region, nerve, roots) and each
  preset's muscle states and upper motor neuron regions;
* ``screens``: one per (patient, muscle) of the book's explorer — the person's
  sampled unit pool (thresholds, rates, fibres, loss/block draws), each
  surviving unit's MUP templates and, per phase, where each discharge falls;
* ``findings``: what :func:`widgets.emg.regions.read_muscle` measured for every
  muscle of every preset (the numbers; the browser classifies them).

**A seed is a person**, and numpy's random generator cannot be replayed in
JavaScript, so the *random draws* of a person (units, templates, discharge
times) are exported as data; everything computed *from* them is computed again
in the browser and held to Python by ``tests/browser/test_emg_parity.py``. Only
the amplifier noise is drawn in the page (a small seeded PRNG, mulberry32): it
is not measured.

Templates are stored at the model's 20 kHz as integers of 0.1 µV (coarser steps
moved MUP durations by up to 2 ms: the tails hover near the 12 µV duration
threshold), from their first to their last non-zero sample, as second
differences (``[first_index, d2_0, d2_1, ...]``, summed twice to decode): the
templates are smooth, so the numbers are short.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from widgets.emg.potentials import MEASURE_STEP_UV

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The browser files of the EMG simulator, in load order (the table first).
JS_DIR = Path(__file__).parent / "js"
TABLE_FILE = "emg-table.js"
JS_FILES = ("emg-model.js", "emg-view.js")
ASSETS = (TABLE_FILE, *JS_FILES)
#: Marker in a page body that needs the EMG scripts (see ``page_assets.FEATURE_ASSETS``).
MARKER = "mmn-emg-kf"
#: Template resolution in the table (µV per step): the resolution the model measures MUPs at.
TEMPLATE_STEP_UV = MEASURE_STEP_UV


def _encode(template: np.ndarray) -> list[int]:
    q = np.round(np.asarray(template) / TEMPLATE_STEP_UV).astype(int)
    nz = np.flatnonzero(q)
    if nz.size == 0:
        return [0]
    seg = q[nz[0]: nz[-1] + 1]
    d1 = np.diff(np.concatenate([[0], seg]))
    return [int(nz[0]), *np.diff(np.concatenate([[0], d1])).tolist()]


def _state(s) -> dict:
    return {k: getattr(s, k) for k in ("denervation", "fasciculations_per_s", "axon_loss", "reinnervation",
                                       "instability", "block", "myopathy")}


def screen(preset: str, muscle: str, seed: int) -> dict:
    """One (patient, muscle, person) of the explorer: the person's units and discharges, per phase."""
    from widgets.emg.model import _enlargement, _muscle, simulate
    from widgets.emg.presets import get_preset
    from widgets.emg.reference_values import PHASES
    from widgets.emg.units import unit_pool

    state = get_preset(preset).state(muscle)
    pool = unit_pool(muscle, seed, 0)
    m = _muscle(muscle, state, seed, 0)
    phases = {}
    for phase in PHASES:
        rec = simulate(muscle, phase=phase, preset=preset, seed=seed)
        units = [[e[1], e[2], list(e[3])] for e in rec.events if e[0] == "unit"]
        spont = [[e[0], e[1], round(e[2], 4), round(e[3], 3)] for e in rec.events if e[0] != "unit"]
        phases[phase] = {"units": units, "spont": spont}
    return {
        "preset": preset, "muscle": muscle, "seed": seed, "state": _state(state),
        "enlargement": _enlargement(state),
        "pool": {"threshold": pool.threshold.tolist(), "onset_hz": pool.onset_hz.tolist(),
                 "max_hz": pool.max_hz.tolist(), "gain_hz": pool.gain_hz, "fibres": pool.fibres.tolist(),
                 "u_loss": pool.u_loss.tolist(), "u_block": pool.u_block.tolist()},
        # only the units that discharge on some screen (blocked, silent units are not needed)
        "templates": {str(u): [_encode(v) for v in tpl] for u, tpl in m.templates.items()
                      if any(x[0] == u for ph in phases.values() for x in ph["units"])},
        "phases": phases,
    }


def _figure() -> dict:
    """The screen's empty plotly figure (styles from :func:`widgets.emg.figures.base_figure`), phone-sized."""
    from widgets.emg.figures import base_figure

    fig = base_figure(height=360).to_plotly_json()
    layout = {k: v for k, v in fig["layout"].items() if k != "template"}
    layout["margin"] = {"l": 56, "r": 12, "t": 24, "b": 48}
    return {"data": fig["data"], "layout": layout}


def _finding(f) -> dict:
    return {"muscle": f.muscle, "fib": f.fibrillation_grade, "fasc": f.fasciculations, "dur": f.mup_duration_ms,
            "amp": f.mup_amplitude_uv, "poly": f.polyphasic_fraction, "unstable": f.unstable,
            "ratio": f.recruitment_ratio, "units_firing": f.units_firing, "rec_hz": f.recruitment_hz}


@lru_cache(maxsize=2)
def table(regions_seed: int = 0) -> dict:
    """The whole table (plain JSON-able data)."""
    from widgets.emg.audio import AUDIO_RATE_HZ, FADE_MS
    from widgets.emg.figures import GAIN_UV_PER_DIV, GAINS, LIVE_POINTS, SWEEP_MS_PER_DIV, SWEEPS
    from widgets.emg.model import EPOCH_MS, NOISE_UV, SLIGHT_UNITS, _DRIVES
    from widgets.emg.potentials import DURATION_THRESHOLD_UV, FS_HZ, TEMPLATE_MS
    from widgets.emg.presets import PRESETS
    from widgets.emg.reference_values import (
        FIRING,
        MUP_REFERENCE,
        MUSCLES,
        NORMAL_MUP,
        ONE_MUSCLE_REGIONS,
        PHASES,
        READING,
        REGIONS,
        SPONTANEOUS,
        mup_duration_upper_ms,
    )
    from widgets.emg.regions import read_muscle
    from widgets.emg.static import BOOK_MUSCLES
    from widgets.emg.units import PARAMETERS

    screens = [screen(p, m, regions_seed + k) for k, p in enumerate(PRESETS) for m in BOOK_MUSCLES.get(p, ())]
    return {
        "version": 1,
        "reference": {
            "fs_hz": FS_HZ, "template_ms": TEMPLATE_MS, "template_offset_samples": int(TEMPLATE_MS * 0.35 * FS_HZ
                                                                                      / 1000),
            "template_step_uv": TEMPLATE_STEP_UV, "noise_uv": NOISE_UV, "epoch_ms": EPOCH_MS,
            "duration_threshold_uv": DURATION_THRESHOLD_UV, "slight_units": SLIGHT_UNITS,
            "threshold_max": PARAMETERS.threshold_max, "drives": len(_DRIVES),
            "duration_range_ms": list(NORMAL_MUP.duration_range_ms), "max_phases": NORMAL_MUP.max_phases,
            "reduced_ratio": FIRING.reduced_ratio, "recruitment_upper_hz": FIRING.recruitment_upper_hz,
            "insertional_max_ms": SPONTANEOUS.insertional_max_ms,
            "polyphasic_fraction": READING.polyphasic_fraction,
            "polyphasic_duration_ms": READING.polyphasic_duration_ms,
            "myopathic_duration_ms": READING.myopathic_duration_ms, "early_extra_units": READING.early_extra_units,
            "interference": {"full": 0.7, "reduced": 0.35, "low_amplitude_uv": 250},
            "audio_rate_hz": AUDIO_RATE_HZ, "fade_ms": FADE_MS, "audio_floor_uv": 500.0, "audio_peak": 0.8,
            "sources": {"mup": NORMAL_MUP.source, "firing": FIRING.source, "ratio": FIRING.ratio_source,
                        "regions": ["decarvalho2008awaji", "shefner2020goldcoast"],
                        "mup_muscle": sorted({r.source for r in MUP_REFERENCE.values()})},
            "mup_reference": {k: {"amplitude_uv": list(r.amplitude_uv), "duration_ms": list(r.duration_ms),
                                  "amplitude_outliers_uv": list(r.amplitude_outliers_uv),
                                  "duration_outliers_ms": list(r.duration_outliers_ms)}
                              for k, r in MUP_REFERENCE.items()},
        },
        "regions": list(REGIONS), "one_muscle_regions": list(ONE_MUSCLE_REGIONS),
        "phases": PHASES, "sweeps": list(SWEEPS), "gains": list(GAINS), "sweep_default": SWEEP_MS_PER_DIV,
        "gain_default": GAIN_UV_PER_DIV, "points": LIVE_POINTS,
        "muscles": {k: {"label": m.label, "short": m.short, "region": m.region, "nerve": m.nerve,
                        "roots": list(m.roots), "duration_upper_ms": mup_duration_upper_ms(k)}
                    for k, m in MUSCLES.items()},
        "presets": {k: {"title": p.title, "short": p.short, "umn_regions": list(p.umn_regions),
                        "states": {m: _state(p.state(m)) for m in MUSCLES if not p.state(m).is_normal}}
                    for k, p in PRESETS.items()},
        "findings": {p: {m: _finding(read_muscle(m, p, seed=regions_seed)) for m in MUSCLES} for p in PRESETS},
        "regions_seed": regions_seed,
        "figure": _figure(),
        "screens": screens,
    }


def table_js(regions_seed: int = 0) -> str:
    """``emg-table.js``: the table as a script that sets ``window.MMN_EMG_TABLE`` (works from ``file://``)."""
    data = json.dumps(table(regions_seed), separators=(",", ":"), ensure_ascii=True).replace("</", "<\\/")
    return f"window.MMN_EMG_TABLE={data};\n"


def write_assets(folder: Path) -> list[Path]:
    """Write the table and copy the EMG scripts into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    out = [folder / TABLE_FILE]
    out[0].write_text(table_js(), encoding="utf-8")
    for name in JS_FILES:
        (folder / name).write_text((JS_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
        out.append(folder / name)
    return out


def _write_static(app: Sphinx, exception) -> None:
    if exception is None and app.builder.name == "html":
        write_assets(Path(app.outdir) / "_static")


def setup(app: Sphinx) -> dict:
    """Serve the EMG table and scripts (each page keeps them only if it shows the EMG: ``page_assets``)."""
    # the table itself is loaded by emg-view.js when the reader comes near an EMG view
    for name in JS_FILES:
        app.add_js_file(name, priority=640, defer="defer")
    app.connect("build-finished", _write_static, priority=500)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
