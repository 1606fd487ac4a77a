"""The weak-hand chapter's data and rules (widgets.weak_hand), its notebook, and its staged quiz file."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml
from support.paths import ROOT

from widgets import weak_hand as wh

NOTEBOOK = ROOT / "chapters" / "03b_weak_wasted_hand.ipynb"
QUESTIONS = ROOT / "widgets" / "quiz" / "questions"
STAGED = QUESTIONS / "weak_wasted_hand.yaml.pending"
LIVE = QUESTIONS / "weak_wasted_hand.yaml"


def markdown() -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


# --- anatomy -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("abbreviation", "nerve", "roots"),
    [("APB", "median", ("C8", "T1")), ("FDI", "ulnar", ("C8", "T1")), ("ADM", "ulnar", ("C8", "T1")),
     ("EDC", "radial", ("C7", "C8")), ("FPL", "median", ("C7", "C8")), ("BR", "radial", ("C5", "C6"))],
)
def test_hand_muscles_have_their_textbook_nerve_and_roots(abbreviation, nerve, roots):
    m = wh.muscle(abbreviation)
    assert (m.nerve, m.roots) == (nerve, roots)


def test_branches_name_the_interosseous_nerves():
    assert "anterior interosseous" in wh.muscle("FPL").branch
    assert "posterior interosseous" in wh.muscle("EDC").branch


def test_the_chapter_table_agrees_with_the_data():
    text = markdown()
    for m in wh.HAND_MUSCLES:
        row = next(line for line in text.splitlines() if line.startswith(f"| {m.name} ({m.abbreviation})"))
        assert f"| {m.roots[0]}–{m.roots[-1]} |" in row, row
        assert m.nerve in row, row


# --- localisation rules ------------------------------------------------------------------------------

def test_split_hand_fits_no_nerve_and_no_root():
    result = wh.localise(["APB", "FDI"], spared=["ADM"])
    assert result.patterns == (wh.SPLIT_HAND,)
    assert "ALS" in result.next_step
    assert "ALS" in wh.describe(result)


def test_split_hand_needs_adm_examined_and_spared():
    assert wh.SPLIT_HAND not in wh.localise(["APB", "FDI"]).patterns
    assert wh.SPLIT_HAND not in wh.localise(["APB", "FDI", "ADM"]).patterns


def test_one_nerve():
    result = wh.localise(["APB", "FPL"], spared=["FDI", "ADM", "EDC"])
    assert result.patterns == (wh.SINGLE_NERVE,)
    assert result.nerves == ("median",)


def test_two_nerves_sharing_a_root_fit_nerves_or_that_root_and_sensation_decides():
    result = wh.localise(["FDI", "ADM", "FPL"], spared=["BR"])
    assert result.patterns == (wh.SEVERAL_NERVES, wh.ROOT)
    assert result.shared_roots == ("C8",)
    assert "sensory nerve action potentials" in result.next_step
    assert wh.describe(result) == "several nerves (ulnar, median) or root C8"


def test_a_strong_muscle_with_the_same_root_rules_the_root_out():
    # EDC (C7-C8) and APB (C8-T1) share C8, but FDI (C8-T1) is strong: a C8 lesion would weaken it.
    result = wh.localise(["EDC", "APB"], spared=["FDI"])
    assert result.patterns == (wh.SEVERAL_NERVES,)
    assert set(result.nerves) == {"radial", "median"}


def test_nerves_without_a_shared_root_are_several_nerves_only():
    result = wh.localise(["BR", "ADM"])
    assert result.patterns == (wh.SEVERAL_NERVES,)
    assert result.shared_roots == ()


def test_abbreviations_are_case_insensitive_and_duplicates_ignored():
    assert wh.localise(["apb", "APB"]).nerves == ("median",)


@pytest.mark.parametrize(
    ("weak", "spared", "parameter"),
    [(["XYZ"], [], "weak"), ([], [], "weak"), ("APB", [], "weak"), (None, [], "weak"), ([True], [], "weak"),
     (["APB"], ["nope"], "spared"), (["APB"], ["APB"], "spared"), (["APB"], None, "spared")],
)
def test_invalid_arguments_raise_naming_the_parameter(weak, spared, parameter):
    with pytest.raises(ValueError, match=parameter):
        wh.localise(weak, spared)


def test_unknown_muscle_raises():
    with pytest.raises(ValueError, match="abbreviation"):
        wh.muscle("XYZ")
    with pytest.raises(ValueError, match="abbreviation"):
        wh.muscle(None)


def test_examples_table_is_accessible_and_shows_every_pattern():
    html = wh.examples_html()
    assert "<caption>" in html and html.count('<th scope="col">') == 3
    for phrase in ("one nerve", "several nerves", "root C8", "split hand"):
        assert phrase in html
    assert len(wh.muscle_rows()) == len(wh.HAND_MUSCLES)


# --- the chapter's clinical rules --------------------------------------------------------------------

def test_chapter_links_the_criteria_card_and_teaches_the_corrected_facts():
    text = markdown()
    assert "{ref}`criteria-card`" in text
    assert not re.search(r"2021[^.\n]{0,40}MMN|MMN[^.\n]{0,40}2021", text), "there is no 2021 MMN guideline"
    assert "does not shorten life" in text and "{cite:p}`lawsonrobbins2018`" in text
    # ALS survival from a cohort (27 months bulbar, 35 limb onset), not "3 to 5 years" from a case series
    assert "{cite:p}`wijesekera2009`" in text and "3 to 5 years" not in text
    # an IVIg trial without block: both the responder series and the consecutive series, and the MMN-like picture
    assert "{cite:p}`burrell2011,simon2013ivig`" in text and "normal CK" in text
    assert "{cite:p}`burrell2011`" in text and "{cite:p}`doneddu2024`" in text
    assert "{cite:p}`decarvalho2008awaji`" in text and "{cite:p}`shefner2020goldcoast`" in text


def test_every_mimic_row_cites_a_source():
    text = markdown()
    table = text.split("## The mimics", 1)[1].split("*Table:", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| Condition")]
    assert len(rows) >= 12
    for row in rows:
        assert "{cite:p}" in row, row


# --- staged quiz file --------------------------------------------------------------------------------

def _quiz_file() -> Path:
    return LIVE if LIVE.exists() else STAGED


def test_quiz_items_validate_against_the_schema(monkeypatch):
    from widgets.quiz import schema

    if "weak_wasted_hand" not in schema.CHAPTERS:
        monkeypatch.setattr(schema, "CHAPTERS", schema.CHAPTERS + ("weak_wasted_hand",))
    path = _quiz_file()
    data = schema.validate_file(path.name, "weak_wasted_hand", yaml.safe_load(path.read_text(encoding="utf-8")))
    questions = data["questions"]
    assert len(questions) >= 5
    keys = set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", (ROOT / "book" / "references.bib").read_text()))
    positions = []
    longest = []
    for q in questions:
        assert set(q["references"]) <= keys, q["id"]
        correct = [i for i, o in enumerate(q["options"]) if o["correct"]]
        assert len(correct) == 1, q["id"]
        positions.append(correct[0])
        lengths = sorted(((len(o["text"]), i) for i, o in enumerate(q["options"])), reverse=True)
        if lengths[0][1] == correct[0] and lengths[0][0] > 1.15 * lengths[1][0]:
            longest.append(q["id"])
    # The bank's item-writing rules (tests/test_quiz_bank.py), applied to this file before it joins the bank.
    assert len(longest) <= 0.25 * len(questions), f"the key is clearly the longest option in {longest}"
    assert positions.count(0) <= 0.5 * len(questions)
    assert len(set(positions)) >= 4, "correct answers should not sit in the same position"


def test_the_notebook_shows_the_chapter_quiz_once_registered():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    quiz_cells = [c.source for c in nb.cells if c.cell_type == "code" and "quiz(" in c.source]
    assert quiz_cells and 'quiz("weak_wasted_hand")' in quiz_cells[0]
