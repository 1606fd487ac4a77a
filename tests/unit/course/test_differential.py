"""The differential explorer's rule table, its evaluation and its HTML views (no browser)."""

from __future__ import annotations

import html
import json
import re

import pytest
from support.findings import MMN_AT_THE_BEDSIDE
from support.paths import ROOT

from widgets import palette
from widgets.assets import css_files, js_files
from widgets.differential import (
    DIAGNOSES,
    FINDINGS,
    LEVELS,
    RULES,
    SOURCES,
    comparison_table_html,
    compatible,
    evaluate,
    evaluation_json,
    explorer,
    explorer_html,
    remaining,
    results_html,
    rule_table,
    summary_text,
)
from widgets.display import BUILD_ENV


def bib_keys() -> set[str]:
    text = (ROOT / "book" / "references.bib").read_text()
    return set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", text))


def levels(findings: dict) -> dict[str, str]:
    return {k: v.level for k, v in evaluate(findings).items()}


# --- MMN -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "finding, value",
    [
        ("umn_signs", "present"),
        ("bulbar", "marked"),
        ("sensory_loss", "objective"),
    ],
)
def test_efns_exclusion_criteria_exclude_mmn(finding, value):
    verdict = evaluate({finding: value})["mmn"]
    assert verdict.level == "excludes"
    assert any("Exclusion criterion" in r.text and "efnspns2010mmn" in r.cites for r in verdict.reasons)


def test_diffuse_symmetric_weakness_in_the_first_weeks_excludes_mmn_but_symmetry_alone_only_argues_against():
    assert levels({"symmetry": "symmetric", "tempo": "under_one_month"})["mmn"] == "excludes"
    assert levels({"symmetry": "symmetric", "tempo": "eight_weeks_or_more"})["mmn"] == "argues_against"
    assert levels({"symmetry": "symmetric"})["mmn"] == "argues_against"


def test_minor_vibration_loss_in_the_legs_is_allowed_in_mmn():
    verdict = evaluate({"sensory_loss": "minor_vibration_legs"})["mmn"]
    assert verdict.level == "compatible" and verdict.reasons


def test_csf_protein_over_1_g_argues_against_mmn_and_fits_lewis_sumner():
    v = levels({"csf_protein": "over_1g"})
    assert v["mmn"] == "argues_against"
    assert v["lewis_sumner"] == "compatible"


def test_negative_anti_gm1_does_not_exclude_mmn_and_says_why():
    verdict = evaluate({"anti_gm1": "negative"})["mmn"]
    assert verdict.level == "compatible"
    assert "does not exclude" in verdict.reasons[0].text


def test_block_only_at_an_entrapment_site_fits_entrapment_and_counts_as_no_block_for_mmn():
    v = evaluate({"conduction_block": "entrapment_site_only"})
    assert v["entrapment"].level == "compatible"
    # it does not count for MMN, which is the same as "no block found": not "not MMN"
    assert v["mmn"].level == "compatible"
    assert "does not count" in v["mmn"].reasons[0].text and "does not exclude MMN" in v["mmn"].reasons[0].text


def test_steroid_or_plasma_exchange_response_separates_mmn_and_cidp():
    assert levels({"steroid_response": "improved"})["mmn"] == "argues_against"
    assert levels({"steroid_response": "improved"})["cidp"] == "compatible"
    assert levels({"steroid_response": "improved"})["lewis_sumner"] == "compatible"
    assert levels({"steroid_response": "worsened"})["mmn"] == "compatible"
    assert levels({"steroid_response": "worsened"})["cidp"] == "argues_against"
    assert "plasma exchange" in evaluate({"steroid_response": "improved"})["mmn"].reasons[0].text


def test_ivig_response_fits_mmn_and_cidp_alike():
    """IVIg is first-line for CIDP too (EAN/PNS 2021): a response never argues against CIDP."""
    v = evaluate({"ivig_response": "improved"})
    assert v["mmn"].level == v["cidp"].level == v["lewis_sumner"].level == "compatible"
    assert any("vandenbergh2021cidp" in r.cites and "IVIg" in r.text for r in v["cidp"].reasons)
    # and nothing about IVIg anywhere argues against CIDP or its multifocal variant
    for rule in RULES:
        if "ivig_response" in rule.when and rule.diagnosis in ("cidp", "lewis_sumner"):
            assert rule.level == "compatible", rule


def test_no_rule_text_treats_ivig_as_an_mmn_only_treatment():
    for rule in RULES:
        if rule.diagnosis in ("cidp", "lewis_sumner") and rule.level != "compatible":
            assert "IVIg" not in rule.text or "IVIg comes first" in rule.text, rule
    cidp_treatment = [r.text for r in RULES if r.when == {"steroid_response": "improved"} and r.diagnosis == "cidp"]
    assert cidp_treatment and "IVIg or corticosteroids" in cidp_treatment[0]


def test_no_block_with_a_typical_mmn_picture_does_not_lower_mmn_and_points_to_an_ivig_trial():
    picture = dict(MMN_PICTURE, conduction_block="absent")
    verdict = evaluate(picture)["mmn"]
    assert verdict.level == "compatible"
    assert verdict.category.key == "no_block"
    assert "IVIg trial" in verdict.category.text and "doneddu2024" in verdict.category.cites
    no_block = next(r for r in verdict.reasons if r.when == {"conduction_block": "absent"})
    assert "does not exclude MMN" in no_block.text and "47%" in no_block.text
    assert {"doneddu2024", "burrell2011"} <= set(no_block.cites)
    assert "No block found: MMN is not excluded." in summary_text(evaluate(picture))


def test_csf_protein_raised_below_1_g_supports_mmn_and_above_argues_against():
    assert levels({"csf_protein": "raised_under_1g"})["mmn"] == "compatible"
    assert "raised" in evaluate({"csf_protein": "raised_under_1g"})["mmn"].reasons[0].text
    v = levels({"csf_protein": "over_1g"})
    assert v["mmn"] == "argues_against" and v["cidp"] == v["lewis_sumner"] == "compatible"
    assert "10 cells" in evaluate({"csf_protein": "over_1g"})["cidp"].reasons[0].text
    assert levels({"csf_protein": "normal"})["mmn"] == "compatible"


def test_objective_sensory_loss_excludes_mmn_with_the_footnote_on_later_sensory_signs():
    reason = evaluate({"sensory_loss": "objective"})["mmn"].reasons[0]
    assert reason.level == "excludes" and "Exclusion criterion" in reason.text
    assert "may develop over the course" in reason.text


# --- MMN categories (EFNS/PNS 2010) ---------------------------------------------------------------

#: A typical MMN picture at the bedside, with a normal sensory study.
MMN_PICTURE = {**MMN_AT_THE_BEDSIDE, "sensory_conduction": "normal"}


def category(findings: dict) -> str:
    return evaluate(findings)["mmn"].category.key


@pytest.mark.parametrize(
    "extra, expected",
    [
        ({"conduction_block": "outside_entrapment"}, "definite"),
        ({"conduction_block": "probable_two"}, "probable"),
        ({"conduction_block": "probable_one", "anti_gm1": "positive", "csf_protein": "raised_under_1g"}, "probable"),
        ({"conduction_block": "probable_one", "mri_plexus": "abnormal", "ivig_response": "improved"}, "probable"),
        ({"conduction_block": "probable_one", "ivig_response": "improved"}, "possible"),
        ({"conduction_block": "probable_one", "anti_gm1": "positive"}, "pending"),
        ({"conduction_block": "absent", "ivig_response": "improved"}, "possible"),
        ({"conduction_block": "entrapment_site_only", "ivig_response": "improved"}, "possible"),
        ({"conduction_block": "absent"}, "no_block"),
        ({"conduction_block": "outside_entrapment", "distribution": "one_nerve"}, "possible"),
        ({"conduction_block": "outside_entrapment", "umn_signs": "present"}, "excluded"),
        ({"conduction_block": "outside_entrapment", "sensory_loss": "objective"}, "excluded"),
        ({"conduction_block": "outside_entrapment", "sensory_conduction": "abnormal"}, "pending"),
        ({"conduction_block": "outside_entrapment", "umn_signs": "unknown"}, "pending"),
    ],
)
def test_mmn_2010_categories(extra, expected):
    assert category(dict(MMN_PICTURE, **extra)) == expected


def test_a_csf_protein_above_1_g_is_not_a_supportive_criterion_for_probable_mmn():
    picture = dict(MMN_PICTURE, conduction_block="probable_one", anti_gm1="positive", csf_protein="over_1g")
    assert category(picture) == "pending"


def test_only_mmn_gets_a_category_and_the_summary_names_a_diagnostic_one():
    verdicts = evaluate(dict(MMN_PICTURE, conduction_block="probable_two"))
    assert [k for k, v in verdicts.items() if v.category is not None] == ["mmn"]
    assert verdicts["mmn"].category.label == "probable MMN"
    assert summary_text(verdicts).endswith("By the EFNS/PNS 2010 criteria: probable MMN.")
    assert category({}) == "pending"


# --- ALS -----------------------------------------------------------------------------------------


def test_umn_signs_exclude_mmn_but_not_als():
    v = levels({"umn_signs": "present"})
    assert v["mmn"] == "excludes"
    assert v["als"] == "compatible"


def test_absent_umn_signs_do_not_exclude_als():
    verdict = evaluate({"umn_signs": "absent"})["als"]
    assert verdict.level == "compatible"
    assert "shefner2020goldcoast" in verdict.reasons[0].cites


def test_marked_bulbar_involvement_fits_als():
    assert levels({"bulbar": "marked"})["als"] == "compatible"


@pytest.mark.parametrize("block", ["outside_entrapment", "probable_two", "probable_one"])
def test_conduction_block_argues_against_als_but_does_not_exclude_it(block):
    verdict = evaluate({"conduction_block": block})["als"]
    assert verdict.level == "argues_against"
    assert "pseudo-block" in verdict.reasons[0].text  # technical pitfalls named
    assert levels({"conduction_block": "absent"})["als"] == "compatible"


def test_no_single_finding_excludes_als():
    assert not [r for r in RULES if r.diagnosis == "als" and r.level == "excludes"]


def test_gold_coast_both_limbs_are_taught():
    texts = " ".join(r.text for r in RULES if r.diagnosis == "als")
    assert "upper and lower motor neuron dysfunction in" in texts
    assert "lower motor neuron dysfunction alone in at least two body regions" in texts


def test_cidp_block_is_graded_by_amplitude_not_by_the_mmn_area_rules():
    reason = evaluate({"conduction_block": "outside_entrapment"})["cidp"].reasons[0]
    assert "amplitude" in reason.text and "30%" in reason.text and "tibial" in reason.text
    assert reason.cites == ("vandenbergh2021cidp",)


def test_fasciculations_do_not_separate_mmn_from_als():
    v = levels({"cramps_fasciculations": "present"})
    assert v["mmn"] == v["als"] == "compatible"


# --- sensory findings ----------------------------------------------------------------------------


def test_objective_sensory_loss_excludes_mmn_argues_against_als_and_fits_cidp_and_lewis_sumner():
    v = evaluate({"sensory_loss": "objective"})
    assert v["mmn"].level == "excludes"
    assert v["als"].level == "argues_against"  # comorbid carpal tunnel syndrome or polyneuropathy is common
    assert "carpal tunnel" in v["als"].reasons[0].text
    assert v["cidp"].level == "compatible"
    assert v["lewis_sumner"].level == "compatible"


def test_pure_motor_weakness_excludes_typical_cidp_and_lewis_sumner():
    v = levels({"sensory_loss": "none"})
    assert v["cidp"] == "excludes"
    assert v["lewis_sumner"] == "excludes"
    assert v["mmn"] == v["als"] == "compatible"


def test_abnormal_sensory_conduction_argues_against_mmn_and_als_and_fits_cidp():
    v = levels({"sensory_conduction": "abnormal"})
    assert v["mmn"] == "argues_against"
    assert v["als"] == "argues_against"
    assert v["cidp"] == "compatible"
    assert levels({"sensory_conduction": "normal"})["cidp"] == "argues_against"


# --- CIDP and Lewis-Sumner -----------------------------------------------------------------------


def test_symmetric_proximal_and_distal_weakness_with_sensory_loss_leaves_typical_cidp():
    findings = {
        "distribution": "proximal_distal",
        "symmetry": "symmetric",
        "sensory_loss": "objective",
        "tempo": "eight_weeks_or_more",
        "sensory_conduction": "abnormal",
    }
    assert compatible(findings) == ["cidp"]
    v = levels(findings)
    assert v["mmn"] == v["entrapment"] == "excludes"
    assert v["als"] == v["lewis_sumner"] == "argues_against"  # multifocal CIDP is usually, not always, asymmetric


def test_typical_cidp_needs_eight_weeks():
    assert levels({"tempo": "under_one_month"})["cidp"] == "argues_against"
    assert levels({"tempo": "one_to_two_months"})["cidp"] == "argues_against"
    assert levels({"tempo": "eight_weeks_or_more"})["cidp"] == "compatible"


def test_asymmetric_multifocal_sensorimotor_picture_leaves_lewis_sumner():
    findings = {
        "distribution": "several_nerves",
        "symmetry": "asymmetric",
        "sensory_loss": "objective",
        "conduction_block": "outside_entrapment",
        "csf_protein": "over_1g",
    }
    assert compatible(findings) == ["lewis_sumner"]
    # ALS and an entrapment are only "argued against": they could coexist, but do not explain the picture
    assert remaining(findings) == ["als", "lewis_sumner", "entrapment"]
    assert levels(findings)["entrapment"] == levels(findings)["als"] == "argues_against"


def test_asymmetric_pure_motor_weakness_with_conduction_block_leaves_mmn_and_not_als():
    findings = {
        "distribution": "several_nerves",
        "symmetry": "asymmetric",
        "sensory_loss": "none",
        "umn_signs": "absent",
        "bulbar": "absent",
        "conduction_block": "outside_entrapment",
        "sensory_conduction": "normal",
    }
    assert compatible(findings) == ["mmn"]
    v = levels(findings)
    assert v["cidp"] == v["lewis_sumner"] == "excludes"
    assert v["als"] == v["entrapment"] == "argues_against"
    assert evaluate(findings)["mmn"].category.key == "pending"  # the duration is not known yet
    assert evaluate(dict(findings, tempo="eight_weeks_or_more"))["mmn"].category.key == "definite"


def test_als_looks_like_mmn_until_the_conduction_study():
    bedside = {"distribution": "several_nerves", "symmetry": "asymmetric", "sensory_loss": "none",
               "umn_signs": "absent", "cramps_fasciculations": "present"}
    assert {"mmn", "als"} <= set(compatible(bedside))
    study = dict(bedside, conduction_block="absent", sensory_conduction="normal")
    # no block found: ALS fits, and MMN is NOT argued against (a block is often not found in MMN)
    assert levels(study)["als"] == "compatible"
    assert levels(study)["mmn"] == "compatible"
    # the study with a definite block: ALS is argued against, and MMN is definite
    study = dict(study, conduction_block="outside_entrapment", tempo="eight_weeks_or_more", bulbar="absent")
    assert levels(study)["als"] == "argues_against"
    assert evaluate(study)["mmn"].category.key == "definite"


# --- entrapment ----------------------------------------------------------------------------------


def test_entrapment_fits_one_nerve_and_not_diffuse_or_bulbar_weakness():
    assert levels({"distribution": "one_nerve"})["entrapment"] == "compatible"
    assert levels({"distribution": "proximal_distal"})["entrapment"] == "excludes"
    assert levels({"bulbar": "marked"})["entrapment"] == "excludes"
    assert levels({"conduction_block": "outside_entrapment"})["entrapment"] == "argues_against"


# --- evaluation mechanics ------------------------------------------------------------------------


def test_nothing_known_leaves_every_diagnosis_compatible_without_reasons():
    verdicts = evaluate({})
    assert list(verdicts) == [d.key for d in DIAGNOSES]
    assert all(v.level == "compatible" and v.reasons == () for v in verdicts.values())
    assert evaluate({f.key: "unknown" for f in FINDINGS}) == verdicts


def test_reasons_are_sorted_most_severe_first():
    v = evaluate({"umn_signs": "present", "anti_gm1": "positive", "csf_protein": "over_1g"})["mmn"]
    assert [r.level for r in v.reasons] == ["excludes", "argues_against", "compatible"]


def test_evaluate_does_not_modify_its_input():
    findings = {"umn_signs": "present"}
    evaluate(findings)
    assert findings == {"umn_signs": "present"}


def test_an_unknown_finding_raises_a_value_error_naming_it_and_the_allowed_ones():
    with pytest.raises(ValueError, match=r"finding must be one of \[.*'umn_signs'.*\], got 'reflexes'"):
        evaluate({"reflexes": "brisk"})


def test_a_bad_value_raises_a_value_error_naming_the_finding_and_its_values():
    with pytest.raises(ValueError, match=r"finding 'umn_signs' must be one of \['unknown', 'absent', 'present'\], got 'yes'"):
        evaluate({"umn_signs": "yes"})


def test_findings_must_be_a_mapping():
    with pytest.raises(ValueError, match="mapping"):
        evaluate([("umn_signs", "present")])


def test_explorer_ids_are_unique_by_default_and_checked_when_given():
    import re as _re

    a, b = explorer_html(), explorer_html()
    assert _re.search(r'id="(mmn-ddx-\d+)"', a).group(1) != _re.search(r'id="(mmn-ddx-\d+)"', b).group(1)
    with pytest.raises(ValueError, match="uid"):
        explorer(uid="two words")
    with pytest.raises(ValueError, match="uid"):
        explorer_html(uid='x" onclick="y')


def test_explorer_rejects_bad_presets_before_display():
    with pytest.raises(ValueError, match="'bulbar'"):
        explorer({"bulbar": "mild"})


# --- the table itself ----------------------------------------------------------------------------


def test_every_rule_cites_keys_that_exist_in_the_bibliography():
    keys = bib_keys()
    assert set(SOURCES) <= keys
    for rule in RULES:
        assert rule.cites and set(rule.cites) <= keys, rule


def test_every_exclusion_is_explained():
    for rule in RULES:
        assert rule.level in LEVELS
        assert len(rule.text) > 20 and rule.text.endswith("."), rule


def test_every_reason_of_an_evaluation_cites_existing_keys():
    keys = bib_keys()
    for finding in FINDINGS:
        for value in finding.values:
            for verdict in evaluate({finding.key: value.key}).values():
                for reason in verdict.reasons:
                    assert set(reason.cites) <= keys


def test_every_diagnosis_but_als_can_be_excluded_by_some_finding():
    excluded = {r.diagnosis for r in RULES if r.level == "excludes"}
    assert excluded == {d.key for d in DIAGNOSES} - {"als"}


def test_value_keys_are_unique_and_unknown_comes_first():
    for f in FINDINGS:
        keys = f.value_keys()
        assert len(keys) == len(set(keys))
        assert keys[0] == "unknown"
    assert len({f.key for f in FINDINGS}) == len(FINDINGS)


def test_no_rule_is_attached_to_unknown():
    assert all("unknown" not in r.when.values() for r in RULES)


# --- HTML ----------------------------------------------------------------------------------------


def embedded_json(markup: str) -> dict:
    m = re.search(r'<script type="application/json" class="mmn-ddx-data">(.*?)</script>', markup, re.S)
    assert m, "no embedded rule table"
    return json.loads(m.group(1))


def test_json_embedded_in_the_html_equals_the_python_table():
    assert embedded_json(explorer_html()) == rule_table()
    # and it really is the table the rules come from
    assert [r["text"] for r in embedded_json(explorer_html())["rules"]] == [r.text for r in RULES]


def test_explorer_markup_has_a_labelled_radio_group_per_finding_and_a_live_region():
    markup = explorer_html(uid="t1")
    assert markup.count("<fieldset") == len(FINDINGS) == markup.count("<legend>")
    for f in FINDINGS:
        assert markup.count(f'name="t1-{f.key}"') == len(f.values)
    assert markup.count(" checked>") == len(FINDINGS)
    assert 'aria-live="polite"' in markup and 'role="status"' in markup
    assert markup.count('<li class="mmn-ddx-dx"') == len(DIAGNOSES)


def test_explorer_preset_checks_the_given_values_and_renders_their_results():
    markup = explorer_html({"umn_signs": "present"}, uid="t2")
    assert 'name="t2-umn_signs" value="present" checked>' in markup
    assert 'data-diagnosis="mmn" data-level="excludes"' in markup
    assert html.escape(summary_text(evaluate({"umn_signs": "present"})), quote=True) in markup


def test_summary_is_a_polite_live_region_outside_the_result_list():
    from widgets.differential import summary_html

    markup = explorer_html({"csf_protein": "over_1g"}, uid="t5")
    assert markup.count('role="status"') == 1
    assert summary_html({"csf_protein": "over_1g"}) in markup
    assert "mmn-ddx-summary" not in results_html({"csf_protein": "over_1g"})


def test_results_html_names_each_reason_with_its_finding_and_source():
    markup = results_html({"bulbar": "marked"})
    assert "Bulbar involvement: marked." in markup
    assert "(EFNS/PNS MMN guideline 2010)" in markup


def test_summary_text():
    assert summary_text(evaluate({})) == "Compatible: MMN, ALS, typical CIDP, Lewis-Sumner syndrome, entrapment neuropathy."
    every = {"sensory_loss": "none", "umn_signs": "present", "conduction_block": "outside_entrapment",
             "distribution": "proximal_distal"}
    assert remaining(every) == ["als"]  # no single finding excludes ALS
    assert summary_text(evaluate(every)) == (
        "Argued against: ALS. Excluded: MMN, typical CIDP, Lewis-Sumner syndrome, entrapment neuropathy.")
    assert summary_text(evaluate({"csf_protein": "over_1g"})).startswith(
        "Compatible: ALS, typical CIDP, Lewis-Sumner syndrome, entrapment neuropathy. Argued against: MMN."
    )



def test_explorer_static_view_in_the_book(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "1")
    bundle = explorer(uid="t3")._repr_mimebundle_()
    markup = bundle["text/html"]
    assert markup.startswith('<figure class="mmn-explorable"')
    assert 'id="t3"' in markup and "<script>" not in markup  # the book loads differential.js itself
    assert embedded_json(markup) == rule_table()


def test_explorer_live_view_carries_its_script_and_style(monkeypatch):
    monkeypatch.delenv(BUILD_ENV, raising=False)
    markup = explorer(uid="t4")._repr_mimebundle_()["text/html"]
    assert 'id="t4"' in markup
    assert markup.count("window.mmnDifferential") >= 1 and "<style>" in markup
    assert "if (window.mmnDifferential)" in markup  # defined once even if several cells run


def test_assets_are_served_by_the_book():
    assert "differential.js" in js_files()
    assert "differential.css" in css_files()


def test_comparison_table_has_a_row_per_rule_condition_and_a_column_per_diagnosis():
    markup = comparison_table_html()
    conditions = {tuple(r.when.items()) for r in RULES}
    assert markup.count('<th scope="row">') == len(conditions)
    assert markup.count('<th scope="col">') == len(DIAGNOSES) + 1
    assert markup.count('class="mmn-ddx-src"') == len(conditions)
    cells = re.findall(r'<td data-level="(\w+)"', markup)
    assert len(cells) == len(RULES)
    assert "symmetric + less than 1 month" in markup


def test_badge_colours_are_readable_with_white_text():
    css = (ROOT / "widgets" / "static" / "differential.css").read_text()
    for name in ("compatible", "against", "excludes"):
        colour = re.search(rf"--mmn-ddx-{name}:\s*(#[0-9a-fA-F]{{6}})", css).group(1)
        assert palette.contrast_ratio(colour, "#ffffff") >= 4.5, (name, colour)


def test_evaluation_json_shape():
    data = evaluation_json({"umn_signs": "present"})
    assert set(data) == {d.key for d in DIAGNOSES}
    assert data["mmn"]["level"] == "excludes"
    assert data["mmn"]["category"]["key"] == "excluded"
    assert all("category" not in data[k] for k in data if k != "mmn")
    assert data["mmn"]["reasons"][0] == {
        "when": {"umn_signs": "present"},
        "level": "excludes",
        "text": "Exclusion criterion: upper motor neuron signs. Slightly brisk reflexes, particularly in an "
                "affected arm, do not exclude MMN when there are no other upper motor neuron signs.",
        "cites": ["efnspns2010mmn"],
    }


def _landmark_labels(markup: str) -> list[str]:
    return re.findall(r'<(?:form|div) class="mmn-ddx-(?:form|results)"[^>]*aria-label="([^"]+)"', markup)


def test_explorers_for_different_patients_have_different_landmark_names():
    from widgets.differential.views import explorer_html

    a = explorer_html({}, uid="ddx-a", patient="Mr A")
    b = explorer_html({}, uid="ddx-b", patient="Mrs B at her first visit")
    labels = _landmark_labels
    assert labels(a) == ["Findings of Mr A", "Diagnoses for Mr A and the rules that applied"]
    assert set(labels(a)).isdisjoint(labels(b))
    assert labels(explorer_html({}, uid="ddx-c")) == ["Findings of the patient", "Diagnoses for the patient and the rules that applied"]


@pytest.mark.parametrize("patient", ["", "   ", None])
def test_an_explorer_without_a_patient_name_is_refused(patient):
    from widgets.differential import explorer

    with pytest.raises(ValueError, match="patient must be a non-empty name"):
        explorer({}, uid="ddx-x", patient=patient)
