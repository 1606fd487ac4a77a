"""Chapter 7's exercise questions agree with the IVIg simulator they are answered with.

``tx-sim-interval-01`` (exercise 1) and ``tx-sim-rhythm-01`` (exercise 2) state the model's numbers in their
options and explanations. Each number is recomputed here with ``widgets.ivig`` as the chapter's own cells compute
it, so a change of the model (or an edited key) names the question that went wrong. These are the simulator's
numbers for its virtual patient, not trial data; the stems say so.
"""

from __future__ import annotations

import re

import pytest

from widgets.ivig import Patient, maintenance, simulate
from widgets.quiz import load_bank


def question(qid):
    (q,) = [q for q in load_bank("treatment") if q.id == qid]
    return q


def grams(course) -> str:
    return f"{course.grams_per_year:,.0f}"


def worn_off_per_cycle(course) -> int:
    """The worst cycle, first and last (incomplete) cycles aside: the chapter's exercise 1 cell."""
    return int(course.wear_off_days[1:-1].max())


def test_the_stems_say_the_numbers_are_the_models_for_its_70_kg_patient():
    assert Patient().weight_kg == 70.0
    for qid in ("tx-sim-interval-01", "tx-sim-rhythm-01"):
        stem = " ".join(question(qid).stem.split())
        assert "weighs 70 kg" in stem and "not trial data" in stem


def test_exercise_1_key_is_the_longest_interval_without_wear_off():
    q = question("tx-sim-interval-01")
    options = {}
    for o in q.options:
        m = re.fullmatch(r"Every (\d+) weeks, about ([\d,]+) g a year", o.text)
        assert m, o.text
        course = simulate(maintenance(1.0, int(m.group(1))))
        assert m.group(2) == grams(course), f"{o.text}: the model gives {grams(course)} g a year"
        options[int(m.group(1))] = (o, worn_off_per_cycle(course))
    clean = [weeks for weeks in range(2, 9) if worn_off_per_cycle(simulate(maintenance(1.0, weeks))) == 0]
    longest = max(clean)
    assert options[longest][0].correct and sum(o.correct for o in q.options) == 1
    assert worn_off_per_cycle(simulate(maintenance(1.0, longest + 1))) > 0
    for weeks, (o, days) in options.items():
        stated = re.search(r"(\d+) days of each", o.explanation)
        if days:
            assert stated and int(stated.group(1)) == days, f"every {weeks} weeks: the model gives {days} days"


@pytest.fixture(scope="module")
def rhythms():
    return {(dose, weeks): simulate(maintenance(dose, weeks)).summary() for dose, weeks in [(2.0, 4), (1.0, 2)]}


def test_exercise_2_key_is_the_regimen_with_the_smaller_swings(rhythms):
    q = question("tx-sim-rhythm-01")
    two, four = rhythms[(1.0, 2)], rhythms[(2.0, 4)]
    assert round(two["grams_per_year"]) == round(four["grams_per_year"]), "the exercise compares equal grams"
    assert f"{four['grams_per_year']:,.0f} g" in " ".join(q.stem.split())
    smaller_igg = (two["igg_peak_g_l"] - two["igg_trough_g_l"]) < (four["igg_peak_g_l"] - four["igg_trough_g_l"])
    smaller_strength = two["strength_swing_pct"] < four["strength_swing_pct"]
    assert smaller_igg and smaller_strength
    (key,) = [o for o in q.options if o.correct]
    assert key.text.startswith("Two-weekly 1 g/kg") and "smaller IgG and strength swings" in key.text


def test_exercise_2_explanations_quote_the_model(rhythms):
    q = question("tx-sim-rhythm-01")
    two, four = rhythms[(1.0, 2)], rhythms[(2.0, 4)]
    text = " ".join(" ".join(o.explanation.split()) for o in q.options)
    for s in (two, four):
        assert f"{s['igg_trough_g_l']} to {s['igg_peak_g_l']} g/L" in text
        assert f"{s['strength_swing_pct']} points" in text
    ranges = re.findall(r"(\d+\.\d) to (\d+\.\d) g/L", text)
    allowed = {(str(s["igg_trough_g_l"]), str(s["igg_peak_g_l"])) for s in (two, four)}
    assert set(ranges) <= allowed, ranges
