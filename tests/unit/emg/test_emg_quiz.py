"""Quiz items that read a simulated needle EMG screen (``emg:`` in widgets/quiz/questions/needle_emg.yaml).

As for the conduction trace questions (tests/unit/quiz/test_quiz_simulator.py), every such item has an
expectation here: the text of its keyed option and a check on the simulated screen that must hold for that key
to be right, with the published values it rests on. If the EMG model or a preset changes, the test names the
item that went wrong. The screen and its table must not give the answer away.
"""

from __future__ import annotations

import math
import re

import pytest
from support.quiz_keys import item, key_check

from widgets.emg import MuscleState, simulate
from widgets.emg.model import SLIGHT_UNITS
from widgets.emg.presets import PRESETS
from widgets.emg.reference_values import FIRING, NORMAL_MUP, mup_duration_upper_ms
from widgets.quiz import load_bank

LOW, HIGH = NORMAL_MUP.duration_range_ms  # 5-15 ms (preston2020)


def _single_mup_limits_ms(muscle):
    """Normal limits of a single MUP's duration: the published outlier limits where the muscle has its own values
    (nfkn_emg_reference: deltoid 4.2–18.4, biceps 4.2–16.4, first dorsal interosseous 4.0–18.0 ms), else the
    common 5–15 ms (preston2020)."""
    return {"deltoid": (4.2, 18.4), "biceps": (4.2, 16.4), "fdi": (4.0, 18.0)}.get(muscle, (LOW, HIGH))


def _reduced_normal_units(rec):
    """Few units, the first firing faster than normal recruitment allows (petajan1969: 90 ± 19 ms, i.e. above
    about 19 Hz) or a ratio of 10 or more (preston2020); units of normal duration (single-MUP limits) and up to
    4 phases, stable."""
    lo, hi = _single_mup_limits_ms(rec.muscle)
    return (len(rec.firing) <= 2 and (rec.recruitment_ratio >= FIRING.reduced_ratio
                                      or rec.firing[0][1] > FIRING.recruitment_upper_hz)
            and all(lo <= m.duration_ms <= hi and m.phases <= NORMAL_MUP.max_phases and not m.unstable
                    for m in rec.mups))


def _denervation_at_rest(rec):
    """Regular fibrillations and positive sharp waves outnumber fasciculations (preston2020)."""
    fib = rec.count("fibrillation") + rec.count("psw")
    return rec.phase == "rest" and fib >= 5 and fib > 3 * rec.count("fasciculation")


def _early_small_units(rec):
    """More units than a normal slight contraction, small (median under 0.3 mV) and short (median under 10 ms)."""
    amps = sorted(m.amplitude_uv for m in rec.mups)
    durs = sorted(m.duration_ms for m in rec.mups)
    return (len(rec.firing) > SLIGHT_UNITS + 1 and amps[len(amps) // 2] < 300
            and durs[len(durs) // 2] < 10 and rec.recruitment_ratio < FIRING.reduced_ratio)


def _chronic_neurogenic(rec):
    """Long (above the muscle's upper normal limit of the mean duration: 15 ms, preston2020, or the published mean
    + 2 SD where the muscle has its own values, nfkn_emg_reference), large, polyphasic, unstable units, few of them."""
    first = rec.mups[0]
    return (len(rec.firing) <= 3 and first.duration_ms > mup_duration_upper_ms(rec.muscle)
            and first.phases > NORMAL_MUP.max_phases
            and first.unstable and first.amplitude_uv > 1000)


EXPECTED = {
    "emg-sim-block-01": ("Reduced recruitment of motor units of normal size and shape", _reduced_normal_units),
    "emg-sim-rest-01": ("Fibrillation potentials and positive sharp waves", _denervation_at_rest),
    "emg-sim-myopathic-01": ("Early recruitment of small, short units, a myopathic pattern", _early_small_units),
    "emg-sim-reinnervation-01": ("Chronic neurogenic change with reinnervation", _chronic_neurogenic),
}


def emg_questions():
    return [q for q in load_bank() if getattr(q, "emg", None) is not None]


def test_at_least_three_items_read_a_simulated_emg_and_each_has_an_expectation():
    ids = {q.id for q in emg_questions()}
    assert len(ids) >= 3
    assert ids == set(EXPECTED), f"without expectation: {ids - set(EXPECTED)}; stale: {set(EXPECTED) - ids}"
    for q in emg_questions():
        assert q.simulator and q.bloom and q.teaching_point and q.chapter == "needle_emg"
        assert all(o.explanation for o in q.options)


@pytest.mark.parametrize("qid", sorted(EXPECTED))
def test_the_key_agrees_with_the_simulated_screen(qid):
    q = item(qid, emg_questions())
    check = key_check(q, EXPECTED)
    assert check(q.emg.simulate()), f"{qid}: the simulated screen no longer supports the key"


def test_an_expectation_can_fail():
    """The checks are not vacuous: a normal muscle fails every one."""
    for phase in ("rest", "minimal"):
        rec = simulate("fdi", MuscleState(), phase, seed=1)
        assert not any(check(rec) for _, check in EXPECTED.values() if (phase == "rest") == (check is
                                                                                            _denervation_at_rest))


GIVEAWAYS = re.compile(r"fibrillat|fascicul|sharp wave|neurogenic|reinnervat|myopath|recruitment|block|myositis|"
                       r"interference|(?-i:\b(?:ALS|MMN|IBM)\b)", re.IGNORECASE)


@pytest.mark.parametrize("qid", sorted(EXPECTED))
def test_the_screen_and_table_do_not_give_the_answer_away(qid):
    from widgets.quiz.traces import emg_figure, render_trace

    q = item(qid, emg_questions())
    rec = q.emg.simulate()
    fig = emg_figure(rec)
    shown = [fig["layout"]["title"]["text"]] + [a.get("text", "") for a in fig["layout"].get("annotations", [])]
    rendered = render_trace(q, "x-trace")
    shown.append(re.sub(r"<[^>]+>", " ", rendered.table_html))
    shown.append(rendered.caption)
    text = " ".join(shown)
    assert not GIVEAWAYS.search(text), GIVEAWAYS.search(text).group(0)
    assert PRESETS[q.emg.spec["preset"]].title not in text
    assert "Plotly.newPlot" in rendered.figure_html and "<th scope=\"row\">" in rendered.table_html
    assert all(all(isinstance(v, int | float) and math.isfinite(v) for v in t.get("y", [])) for t in fig["data"])


def test_the_quiz_cell_shows_the_screens_in_the_book_and_in_jupyterlab():
    from widgets.quiz import quiz

    cell = quiz("needle_emg")
    page = cell.book_html()
    for qid in EXPECTED:
        assert f"{qid}" in page
    assert page.count("Simulated needle EMG") == len(EXPECTED)
    parts = cell.live_parts()
    figures = [p for p in parts if "application/vnd.plotly.v1+json" in p]
    assert len(figures) >= len(EXPECTED)
