"""The EFNS/PNS 2010 categories as the course teaches them, and their flowchart."""

from __future__ import annotations

import pytest

from widgets.diagnosis import CASES, CATEGORIES, EXCLUSIONS, QUESTIONS, category, flowchart


def test_definite_needs_core_two_territories_and_a_definite_block():
    v = category(True, 1, weak_nerve_territories=2)
    assert v.category == "definite" and v.label == "Definite MMN"
    assert [s.key for s in v.path] == list(QUESTIONS)
    assert category(True, 3, weak_nerve_territories=4).category == "definite"


def test_one_nerve_only_is_possible():
    assert category(True, 1, weak_nerve_territories=1).category == "possible"


@pytest.mark.parametrize("exclusion", EXCLUSIONS)
def test_any_exclusion_rules_mmn_out_even_with_blocks(exclusion):
    v = category(True, 4, weak_nerve_territories=3, exclusions=[exclusion])
    assert v.category == "excluded"
    assert [s.key for s in v.path] == ["exclusion"]


def test_core_not_met_or_no_weakness():
    assert category(False, 2).category == "not_met"
    assert category(True, 2, weak_nerve_territories=0).category == "not_met"


def test_no_definite_block_is_not_settled_by_the_taught_rules():
    v = category(True, 0, weak_nerve_territories=3)
    assert v.category == "unsettled"
    assert "guideline" in v.label


def test_blocks_do_not_count_with_abnormal_sensory_conduction():
    assert category(True, 2, sensory_conduction_normal=False).category == "unsettled"


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(clinical_core_met="yes", nerves_with_definite_cb=1), "clinical_core_met"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=-1), "nerves_with_definite_cb"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=1.5), "nerves_with_definite_cb"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=1, weak_nerve_territories=True), "weak_nerve_territories"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=1, exclusions=["ataxia"]), "exclusions"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=1, sensory_conduction_normal=None), "sensory_conduction_normal"),
    ],
)
def test_invalid_input_raises_naming_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        category(**kwargs)


def test_a_single_exclusion_string_is_accepted():
    assert category(True, 1, exclusions="marked bulbar involvement").category == "excluded"


def test_example_cases_cover_every_category():
    assert {c.verdict().category for c in CASES} == set(CATEGORIES)


def test_flowchart_has_a_button_per_case_that_highlights_its_path():
    fig = flowchart()
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == [c.title for c in CASES]
    payloads = [b.args[0] for b in buttons]
    assert len({tuple(sorted((k, str(v)) for k, v in p.items())) for p in payloads}) == len(CASES)
    for case, p in zip(CASES, payloads):
        assert case.verdict().label.split(":")[0] in p["annotations[0].text"]
    with pytest.raises(ValueError, match="case"):
        flowchart("zebra")
