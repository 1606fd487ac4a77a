"""The browser's IVIg model (``js/ivig-model.js``) agrees with the Python reference (``widgets.ivig``).

1,200 random valid states of the book's IVIg explorer (every control on its own grid: person, induction,
route, dose, interval, SCIg dose, stop week, years shown, weight, own IgG, responder type, years untreated) are
run through both. The JavaScript reads only the table the book exports (``mmn_book.ivig_tables``), loaded into
a blank page in headless Chromium (no book build needed).

Tolerances: every daily value of serum IgG, strength, untreated strength and block relief, every dose's grams
and every summary number within 1e-9 relative (plus 1e-12 absolute): the two run the same fixed-step scheme
in double precision, so only the last bits of ``exp``/``pow`` and summation order may differ. Exactly equal:
the worn-off day of each day, the cycle start days, the worn-off days per cycle, the dose days and routes, the
regimen label, the title, the grams text and the safety-note key.
"""

from __future__ import annotations

import base64
import dataclasses
import random

import numpy as np
import pytest
from mmn_book.ivig_tables import JS_DIR, ivig_table, table_js

from widgets.ivig import static
from widgets.ivig.course import simulate
from widgets.ivig.explorer_state import CONTROLS, PERSON_SEEDS, ROUTES, ExplorerState
from widgets.ivig.parameters import RESPONDER_TYPES

N_STATES = 1200
BATCH = 60
RTOL, ATOL = 1e-9, 1e-12
ARRAYS = ("iggGL", "strengthPct", "untreatedPct", "relief")


def _grid(rng: random.Random, name: str) -> float:
    lo, hi, step = CONTROLS[name]
    k = rng.randint(0, round((hi - lo) / step))
    return round(lo + k * step, 6)


def random_state(rng: random.Random) -> ExplorerState:
    """A random valid state, each control on the grid its slider offers."""
    maybe = lambda name: _grid(rng, name) if rng.random() < 0.5 else None  # noqa: E731
    return ExplorerState(
        person=rng.randrange(len(PERSON_SEEDS)),
        induction=rng.random() < 0.7,
        route=rng.choice(ROUTES),
        dose_g_per_kg=_grid(rng, "dose_g_per_kg"),
        every_weeks=int(_grid(rng, "every_weeks")),
        scig_weekly_g_per_kg=_grid(rng, "scig_weekly_g_per_kg"),
        stop_week=int(_grid(rng, "stop_week")) if rng.random() < 0.3 else 0,
        years=int(rng.choice((1, 1, 1, 2, 3, 5))),
        weight_kg=maybe("weight_kg"),
        baseline_igg_g_l=maybe("baseline_igg_g_l"),
        responder=rng.choice(RESPONDER_TYPES) if rng.random() < 0.5 else None,
        disease_years=maybe("disease_years"),
    )


def reference(state: ExplorerState) -> dict:
    """What the JavaScript must give for ``state``, from the Python model."""
    course = simulate(state.regimen(), state.patient(), weeks=state.weeks)
    half = len(course.days) // 2
    late = course.cycle_start_days >= half
    label = course.regimen.label
    return {
        "iggGL": course.igg_g_l,
        "strengthPct": course.strength_pct,
        "untreatedPct": course.untreated_strength_pct,
        "relief": course.relief,
        "wornOff": course.worn_off.astype(int).tolist(),
        "label": label,
        "title": label[0].upper() + label[1:],
        "gramsText": static.grams_text(course),
        "noteKey": state.note_key,
        "cycleStartDays": course.cycle_start_days.tolist(),
        "wearOffDays": course.wear_off_days.tolist(),
        "doseDays": course.infusion_days.tolist(),
        "doseRoutes": course.infusion_route.tolist(),
        "doseGrams": course.infusion_g,
        "grams": course.grams,
        "summary": {
            "grams_per_year": course.grams_per_year,
            "igg_mean_g_l": course.igg_g_l[half:].mean(),
            "igg_peak_g_l": course.igg_g_l[half:].max(),
            "igg_trough_g_l": course.igg_g_l[half:].min(),
            "strength_mean_pct": course.strength_pct[half:].mean(),
            "strength_swing_pct": np.ptp(course.strength_pct[half:]),
            "worn_off_days": int(course.worn_off[half:].sum()),
            "worn_off_days_per_cycle": course.wear_off_days[late].mean() if late.any() else 0.0,
        },
    }


RUN_JS = """(states) => {
  const t = window.MMN_IVIG_TABLE;
  const b64 = (a) => {
    const bytes = new Uint8Array(Float64Array.from(a).buffer);
    let s = "";
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  return states.map((st) => {
    const c = MMNIvigModel.simulate(t, st);
    return {
      iggGL: b64(c.iggGL), strengthPct: b64(c.strengthPct), untreatedPct: b64(c.untreatedPct), relief: b64(c.relief),
      wornOff: Array.from(c.wornOff), label: c.label, title: c.title, gramsText: c.gramsText, noteKey: c.noteKey,
      cycleStartDays: c.cycleStartDays, wearOffDays: c.wearOffDays,
      doseDays: c.infusions.map((d) => d.day), doseRoutes: c.infusions.map((d) => d.route),
      doseGrams: b64(c.infusions.map((d) => d.grams)), grams: c.grams, summary: c.summary,
    };
  });
}"""


@pytest.fixture(scope="module")
def model_page(browser):
    from support.browser import new_guarded_page

    context, page, guard = new_guarded_page(browser)
    page.set_content("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>")
    page.add_script_tag(content=table_js(ivig_table()))
    page.add_script_tag(content=(JS_DIR / "ivig-model.js").read_text(encoding="utf-8"))
    yield page
    context.close()
    assert guard.external_requests == [] and guard.page_errors == [], (guard.external_requests, guard.page_errors)


def _floats(b64: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(b64), dtype=np.float64)


def _close(a, b) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=RTOL, atol=ATOL))


def test_js_model_agrees_with_python_on_1200_random_states(model_page):
    rng = random.Random(20261207)
    states = [random_state(rng) for _ in range(N_STATES)]
    mismatches: list[str] = []
    worst = 0.0
    for start in range(0, N_STATES, BATCH):
        batch = states[start : start + BATCH]
        got = model_page.evaluate(RUN_JS, [dataclasses.asdict(s) for s in batch])
        for state, js in zip(batch, got, strict=True):
            ref = reference(state)
            bad = [k for k in ARRAYS if not _close(_floats(js[k]), ref[k])]
            bad += [k for k in ("wornOff", "label", "title", "gramsText", "noteKey", "cycleStartDays", "wearOffDays",
                                "doseDays", "doseRoutes") if js[k] != ref[k]]
            if not _close(_floats(js["doseGrams"]), ref["doseGrams"]) or not _close(js["grams"], ref["grams"]):
                bad.append("grams")
            bad += [f"summary.{k}" for k, v in ref["summary"].items() if not _close(js["summary"][k], v)]
            for k in ARRAYS:
                a, b = _floats(js[k]), np.asarray(ref[k])
                if a.shape == b.shape and a.size:
                    worst = max(worst, float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-12))))
            if bad:
                mismatches.append(f"{state}: {bad}")
    assert not mismatches, f"{len(mismatches)} of {N_STATES} states differ, e.g.\n" + "\n".join(mismatches[:5])
    assert worst <= RTOL, worst


def test_random_states_cover_every_kind_of_regimen():
    """The random states reach every route, induction on and off, stops, every person and responder type."""
    rng = random.Random(20261207)
    states = [random_state(rng) for _ in range(N_STATES)]
    assert {s.note_key for s in states} == {"iv", "sc", "stopped", "induction", "none"}
    assert {s.person for s in states} == set(range(len(PERSON_SEEDS)))
    assert {s.patient().responder for s in states} == set(RESPONDER_TYPES)
    assert {s.years for s in states} == {1, 2, 3, 5}
