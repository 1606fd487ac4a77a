"""The EFNS/PNS 2010 MMN categories (Table 4 of the guideline) and their flowchart: the rules, not the words."""

from __future__ import annotations

import inspect

import pytest

import widgets.diagnosis.cases as example_cases
import widgets.diagnosis.criteria as criteria
import widgets.diagnosis.figures as flow
from widgets.diagnosis import (
    CASES,
    CATEGORIES,
    EXCLUSIONS,
    IVIG_RESPONSE,
    SUPPORTIVE_INVESTIGATIONS,
    category,
    flowchart,
)

GM1, CSF, MRI = SUPPORTIVE_INVESTIGATIONS[:3]


def test_definite_needs_core_two_territories_and_a_definite_block():
    v = category(True, 1, weak_nerve_territories=2)
    assert v.category == "definite" and v.label == "Definite MMN"
    assert [s.key for s in v.path] == ["exclusion", "core", "sensory", "two_nerves", "definite_cb"]
    assert category(True, 3, weak_nerve_territories=4).category == "definite"
    # a definite block outranks probable blocks and does not need supportive findings
    assert category(True, 1, nerves_with_probable_cb=3).category == "definite"


@pytest.mark.parametrize("probable, expected", [(1, "not_excluded"), (2, "probable"), (3, "probable")])
def test_probable_blocks_one_versus_two_nerves(probable, expected):
    assert category(True, 0, nerves_with_probable_cb=probable).category == expected


@pytest.mark.parametrize(
    "supportive, expected",
    [((), "not_excluded"), ((GM1,), "not_excluded"), ((GM1, MRI), "probable"), ((CSF, MRI, GM1), "probable")],
)
def test_one_probable_block_needs_two_supportive_investigations(supportive, expected):
    assert category(True, 0, nerves_with_probable_cb=1, supportive=supportive).category == expected


def test_one_probable_block_plus_ivig_response_alone_is_possible_not_probable():
    assert category(True, 0, nerves_with_probable_cb=1, supportive=[IVIG_RESPONSE]).category == "possible"
    assert category(True, 0, nerves_with_probable_cb=1, supportive=[IVIG_RESPONSE, CSF]).category == "probable"


def test_no_block_with_ivig_response_and_normal_sensory_conduction_is_possible():
    v = category(True, 0, weak_nerve_territories=3, supportive=[IVIG_RESPONSE])
    assert v.category == "possible" and v.path[-1].key == "ivig" and v.path[-1].answer


def test_no_block_without_ivig_response_is_not_excluded_and_points_to_an_ivig_trial():
    v = category(True, 0, weak_nerve_territories=3, supportive=[GM1])
    assert v.category == "not_excluded"
    label = v.label.lower()
    assert "not excluded" in label and "ivig trial" in label and "possible mmn" in label
    assert "not settled" not in label and "not mmn" not in label


def test_no_category_label_says_unsettled_or_not_settled():
    assert "unsettled" not in CATEGORIES
    assert not any("settled" in label.lower() for label in CATEGORIES.values())


@pytest.mark.parametrize("definite, probable, expected", [(1, 0, "possible"), (0, 1, "possible"), (0, 0, "not_excluded")])
def test_one_nerve_territory_gives_at_most_possible(definite, probable, expected):
    v = category(True, definite, nerves_with_probable_cb=probable, weak_nerve_territories=1,
                 supportive=list(SUPPORTIVE_INVESTIGATIONS))
    assert v.category == expected
    assert "definite_cb" not in [s.key for s in v.path]


@pytest.mark.parametrize("exclusion", EXCLUSIONS)
def test_any_exclusion_wins_over_blocks_and_supportive_findings(exclusion):
    v = category(True, 4, nerves_with_probable_cb=2, weak_nerve_territories=3,
                 supportive=SUPPORTIVE_INVESTIGATIONS, exclusions=[exclusion])
    assert v.category == "excluded"
    assert [s.key for s in v.path] == ["exclusion"]


def test_core_not_met_or_no_weakness():
    assert category(False, 2).category == "not_met"
    assert category(True, 2, weak_nerve_territories=0).category == "not_met"


def test_abnormal_sensory_conduction_in_the_block_segment_means_the_block_does_not_count():
    for kwargs in (dict(nerves_with_definite_cb=2), dict(nerves_with_definite_cb=0, nerves_with_probable_cb=2)):
        v = category(True, sensory_conduction_normal=False, **kwargs)
        assert v.category == "sensory"
        assert "definite_cb" not in [s.key for s in v.path]
    # nor does an IVIg response rescue it: possible MMN needs normal sensory conduction
    assert category(True, 0, supportive=[IVIG_RESPONSE], sensory_conduction_normal=False).category == "sensory"


def test_csf_supportive_criterion_is_a_raised_protein_below_1_g_per_l():
    csf = [s for s in SUPPORTIVE_INVESTIGATIONS if "CSF" in s]
    assert len(csf) == 1
    assert "raised" in csf[0] and "below 1 g/L" in csf[0] and "normal" not in csf[0]


def test_module_says_nothing_of_a_2021_mmn_revision():
    source = "".join(inspect.getsource(m) for m in (criteria, flow, example_cases))
    assert "2021" not in source
    assert "revision exists" not in source.lower()


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(clinical_core_met="yes", nerves_with_definite_cb=1), "clinical_core_met"),
        (dict(clinical_core_met=None, nerves_with_definite_cb=1), "clinical_core_met"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=-1), "nerves_with_definite_cb"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=1.5), "nerves_with_definite_cb"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=None), "nerves_with_definite_cb"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=0, nerves_with_probable_cb=True), "nerves_with_probable_cb"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=1, weak_nerve_territories=True), "weak_nerve_territories"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=1, exclusions=["ataxia"]), "exclusions"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=1, supportive=["normal CSF"]), "supportive"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=1, supportive=None), "supportive"),
        (dict(clinical_core_met=True, nerves_with_definite_cb=1, sensory_conduction_normal=None), "sensory_conduction_normal"),
    ],
)
def test_invalid_input_raises_naming_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        category(**kwargs)


def test_single_strings_are_accepted_and_duplicates_count_once():
    assert category(True, 1, exclusions="marked bulbar involvement").category == "excluded"
    assert category(True, 0, nerves_with_probable_cb=1, supportive=[GM1, GM1]).category == "not_excluded"
    assert category(True, 0, supportive=IVIG_RESPONSE).category == "possible"


def test_example_cases_cover_every_category():
    assert {c.verdict().category for c in CASES} == set(CATEGORIES)
    by_key = {c.key: c.verdict().category for c in CASES}
    assert by_key["ivig_responder"] == "possible" and by_key["no_block"] == "not_excluded"
    assert by_key["two_probable"] == by_key["probable_plus"] == "probable"


def test_flowchart_has_a_box_for_every_category_and_a_menu_entry_per_case():
    fig = flowchart()
    texts = " ".join(a.text or "" for a in fig.layout.annotations)
    for word in ("Definite MMN", "Probable MMN", "Possible MMN", "NOT<br>excluded"):
        assert word in texts
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == [c.title for c in CASES]
    payloads = [b.args[0] for b in buttons]
    assert len({tuple(sorted((k, str(v)) for k, v in p.items())) for p in payloads}) == len(CASES)
    for case, p in zip(CASES, payloads):
        assert case.verdict().label.split(":")[0] in p["annotations[0].text"].replace("<br>", " ")
    with pytest.raises(ValueError, match="case"):
        flowchart("zebra")


def test_flowchart_highlights_the_path_with_width_and_dash_not_colour_alone():
    fig = flowchart("ivig_responder")
    n_nodes = len(flow._nodes())
    shapes = fig.layout.shapes
    final = flow._nodes().index("possible")
    assert shapes[final].line.width > max(s.line.width for i, s in enumerate(shapes[:n_nodes]) if i != final)
    taken = [s for s in shapes[n_nodes:] if s.line.dash == "solid"]
    untaken = [s for s in shapes[n_nodes:] if s.line.dash == "dot"]
    assert taken and untaken and all(s.line.width > u.line.width for s in taken for u in untaken)
