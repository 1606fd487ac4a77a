"""The question bank as a whole: size, coverage, references, simulator traces and item-writing rules."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml
from support.paths import ROOT

from widgets.quiz import CHAPTERS, load_bank
from widgets.quiz.bank import QUESTIONS_DIR

BIB = ROOT / "book" / "references.bib"
#: Chapters whose question file this package owns (clinical_cases is written by the clinical-cases author;
#: weak_wasted_hand by the weak-hand chapter's author and checked by tests/test_weak_hand.py).
OTHER_AUTHORS = ("clinical_cases", "weak_wasted_hand")
OWN_CHAPTERS = tuple(c for c in CHAPTERS if c not in OTHER_AUTHORS)


def bib_keys() -> set[str]:
    """Keys of book/references.bib, parsed independently of the loader."""
    return set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", BIB.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def test_bank_has_at_least_120_questions_and_most_apply_knowledge(bank):
    """Issue 17: >= 120 items, >= 60% application items (Bloom apply, analyse or evaluate), each one tagged."""
    assert len(bank) >= 120, f"only {len(bank)} questions"
    assert all(q.bloom and q.teaching_point for q in bank), [q.id for q in bank if not (q.bloom and q.teaching_point)]
    applied = sum(1 for q in bank if q.bloom in ("apply", "analyse", "evaluate"))
    assert applied >= 0.6 * len(bank), f"{applied} of {len(bank)} application items"
    assert len({q.id for q in bank}) == len(bank), "question ids must be unique"


@pytest.mark.parametrize("chapter", OWN_CHAPTERS)
def test_every_chapter_has_its_own_file_with_questions(chapter):
    path = QUESTIONS_DIR / f"{chapter}.yaml"
    assert path.is_file(), f"{path.name} is missing"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["chapter"] == chapter
    own = load_bank(chapter)
    assert len([q for q in own if q.chapter == chapter]) >= 5, f"{chapter} needs at least 5 questions of its own"


def test_every_question_file_is_a_chapter():
    stems = sorted(p.stem for p in QUESTIONS_DIR.glob("*.yaml"))
    assert set(stems) <= set(CHAPTERS), f"files that are not chapters: {set(stems) - set(CHAPTERS)}"
    assert not list(QUESTIONS_DIR.glob("*.yml")), "use the .yaml suffix (a .yml file would be ignored)"


def test_every_reference_key_exists_in_the_bibliography(bank):
    keys = bib_keys()
    missing = sorted({(q.id, k) for q in bank for k in q.references if k not in keys})
    assert missing == []
    assert all(q.references for q in bank)


def test_every_option_has_an_explanation_and_the_right_number_of_correct_options(bank):
    for q in bank:
        assert 3 <= len(q.options) <= 6, q.id
        assert all(o.text.strip() and o.explanation.strip() for o in q.options), q.id
        n_correct = sum(o.correct for o in q.options)
        if q.type == "single":
            assert n_correct == 1, f"{q.id}: {n_correct} correct options"
        else:
            assert n_correct >= 1, q.id


def test_no_all_or_none_of_the_above(bank):
    bad = [(q.id, o.text) for q in bank for o in q.options if re.search(r"(all|none) of the above", o.text, re.I)]
    assert bad == []


def test_at_least_15_simulator_questions_with_traces_that_simulate(bank):
    from widgets.quiz.traces import quiz_figure, quiz_table_html

    sims = [q for q in bank if q.simulator and q.trace is not None]
    assert len(sims) >= 15, f"only {len(sims)} simulator questions with a trace"
    for q in sims:
        study = q.trace.simulate()
        assert len(study.sites) >= 2, q.id
        fig = quiz_figure(study)
        assert any(len(t.get("y", [])) > 10 for t in fig["data"]), f"{q.id}: the figure has no trace data"
        assert "<table" in quiz_table_html(study), q.id


def test_every_trace_uses_a_real_nerve_and_preset(bank):
    from widgets.conduction import NERVES, PRESETS

    for q in bank:
        if q.trace is None:
            continue
        spec = q.trace.spec
        assert spec["nerve"] in NERVES, q.id
        if "preset" in spec:
            assert spec["preset"] in PRESETS, q.id


def test_the_bank_covers_the_course_topics(bank):
    text = {q.id: " ".join([q.stem, q.objective, *(o.text for o in q.options)]).lower() for q in bank}

    def count(pattern: str) -> int:
        return sum(1 for t in text.values() if re.search(pattern, t))

    topics = {
        "ALS": r"\bals\b|amyotrophic",
        "CIDP": r"\bcidp\b",
        "Lewis-Sumner / MADSAM": r"lewis|madsam",
        "entrapment": r"entrapment",
        "criteria": r"criteri|guideline",
        "IVIg": r"\bivig\b|immunoglobulin",
        "other treatments": r"prednisolone|corticosteroid|plasma exchange|cyclophosphamide",
        "living with MMN": r"pregnan|work|carer|infection",
        "pathophysiology": r"gm1|phase|dispersion",
    }
    thin = {name: count(p) for name, p in topics.items() if count(p) < 3}
    assert thin == {}, f"topics with fewer than 3 questions: {thin}"
    ncs_sim = [q for q in bank if q.simulator and q.trace is not None]
    assert len(ncs_sim) >= 15


def test_the_review_interleaves_mmn_als_and_cidp():
    review = load_bank("review")
    chapters = Counter(q.chapter for q in review)
    assert set(chapters) == {"review"}, "the review is a new mixed exam: no copies of chapter questions (issue 17)"

    def answer(q) -> str:
        return " ".join(o.text for o in q.options if o.correct).lower() + " " + q.stem.lower()

    for disease, pattern in {"MMN": r"\bmmn\b|multifocal motor", "ALS": r"\bals\b|amyotrophic", "CIDP": r"cidp"}.items():
        n = sum(1 for q in review if re.search(pattern, answer(q)))
        assert n >= 3, f"the review has only {n} questions about {disease}"


def _files():
    return sorted(QUESTIONS_DIR.glob("*.yaml"))


def _files_with_enough_single_answers(minimum: int = 4):
    """Files with enough single-answer questions for position statistics to mean something."""
    counts = Counter(q.chapter for q in load_bank() if q.type == "single")
    return [p for p in _files() if counts[p.stem] >= minimum]


def test_most_files_are_judged_for_answer_cues():
    assert len(_files_with_enough_single_answers()) >= len(_files()) - 1


@pytest.mark.parametrize("path", _files_with_enough_single_answers(), ids=lambda p: p.stem)
def test_correct_answers_are_not_cued_by_position_or_length(path):
    """Single-best-answer hygiene per file: the key moves around and is not the obviously longest option."""
    questions = [q for q in load_bank() if q.chapter == path.stem and q.type == "single"]
    positions = Counter(q.correct_indices[0] for q in questions)
    assert len(positions) >= 2, f"{path.name}: the correct option is always at position {positions}"
    assert max(positions.values()) <= 0.6 * len(questions), f"{path.name}: correct positions {dict(positions)}"
    first = positions.get(0, 0)
    assert first <= 0.5 * len(questions), f"{path.name}: the correct option comes first in {first} of {len(questions)}"
    longest = []
    for q in questions:
        lengths = sorted(((len(o.text), i) for i, o in enumerate(q.options)), reverse=True)
        if lengths[0][1] == q.correct_indices[0] and lengths[0][0] > 1.15 * lengths[1][0]:
            longest.append(q.id)
    assert len(longest) <= 0.25 * len(questions), f"{path.name}: the key is clearly the longest option in {longest}"


# --- Clinical corrections (issue 13): keys and explanations follow the current rules -------------------------------
#
# Each test below re-derives a key from the rule it teaches (EFNS/PNS 2010 for MMN, EAN/PNS 2021 for CIDP, Gold Coast
# 2020 for ALS), so an edit that makes a key contradict the rule fails here, not only a missing word.


def _question(bank, qid):
    (q,) = [x for x in bank if x.id == qid]
    return q


def _keyed(q):
    return [o for o in q.options if o.correct]


def _all_text(q) -> str:
    return " ".join([q.stem, *(o.text for o in q.options), *(o.explanation for o in q.options)])


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;:])\s+", " ".join(text.split())) if s]


def test_no_question_mentions_a_2021_revision_of_the_mmn_guideline(bank):
    """There is no 2021 MMN revision: EFNS/PNS 2010 is current; 2021 is the CIDP guideline."""
    pattern = re.compile(r"2021[^.]{0,80}\b(revision|revised)\b|\b(revision|revised)\b[^.]{0,80}2021", re.I)
    bad = [q.id for q in bank if pattern.search(_all_text(q))]
    assert bad == []


def test_the_csf_criterion_is_a_raised_protein_below_1_g_per_l(bank):
    """No explanation calls the CSF protein of MMN 'normal': the supportive criterion is a raised protein < 1 g/L."""
    bad = [
        (q.id, s)
        for q in bank
        for s in _sentences(_all_text(q))
        if "csf" in s.lower() and re.search(r"usually normal|normal,? below 1 g/l|normal \(below", s, re.I)
    ]
    assert bad == []


def _supportive_in(text: str) -> tuple[set[str], bool]:
    """Supportive investigations (widgets.diagnosis wording) named in an option, and whether sensory conduction is
    normal."""
    from widgets.diagnosis import SUPPORTIVE_INVESTIGATIONS as S

    found: set[str] = set()
    low = text.lower()
    if "anti-gm1" in low and "negative" not in low:
        found.add(S[0])
    csf = re.search(r"csf protein of ([0-9.]+) g/l", low)
    if csf and float(csf.group(1)) < 1.0:
        found.add(S[1])
    if "csf protein below 1 g/l" in low or ("raised csf protein" in low and "below 1 g/l" in low):
        found.add(S[1])
    if "plexus" in low and "mri" in low:
        found.add(S[2])
    if "response to ivig" in low or "improvement after ivig" in low:
        found.add(S[3])
    return found, "abnormal" not in low or "sensory" not in low


def test_probable_mmn_needs_two_supportive_criteria_with_one_probable_block(bank):
    """dx-supportive-01: the keyed pair is the one that makes the 2010 category 'probable' (probable CB in 1 nerve)."""
    from widgets.diagnosis import category

    q = _question(bank, "dx-supportive-01")
    for o in q.options:
        supportive, sensory_normal = _supportive_in(o.text)
        verdict = category(
            True, 0, nerves_with_probable_cb=1, supportive=supportive, sensory_conduction_normal=sensory_normal
        )
        assert (verdict.category == "probable") == o.correct, (o.text, sorted(supportive), verdict.category)
    # the CSF value above 1 g/L is not supportive
    assert _supportive_in("CSF protein of 1.6 g/L")[0] == set()


def _grade_2010(area_loss: float, duration_rise: float) -> str:
    from widgets.conduction.criteria import classify_block

    return classify_block(
        distal_amplitude_mv=7.0,
        distal_area=100.0,
        proximal_area=100.0 * (1 - area_loss),
        distal_duration_ms=10.0,
        proximal_duration_ms=10.0 * (1 + duration_rise),
        lln_mv=4.0,
        long_segment=True,
    ).grade


def test_the_category_item_follows_the_2010_table(bank):
    """dx-probable-mmn-01: grade each block in the stem with the 2010 area rules, then apply Table 4."""
    from widgets.diagnosis import category

    q = _question(bank, "dx-probable-mmn-01")
    pairs = re.findall(r"area loss of (\d+)% \(duration \+(\d+)%\)|of (\d+)% \(duration \+(\d+)%\)", q.stem)
    grades = [_grade_2010(int(a or c) / 100, int(b or d) / 100) for a, b, c, d in pairs]
    assert len(grades) == 2
    verdict = category(
        True, grades.count("definite"), nerves_with_probable_cb=grades.count("probable"), weak_nerve_territories=2
    )
    (key,) = _keyed(q)
    assert key.text == verdict.label, (grades, verdict.category)


def test_no_block_is_not_taught_as_not_mmn(bank):
    """Without a qualifying block the 2010 rules give 'not excluded' (or possible MMN after an IVIg response)."""
    from widgets.diagnosis import IVIG_RESPONSE, category

    assert category(True, 0, weak_nerve_territories=2).category == "not_excluded"
    assert category(True, 0, weak_nerve_territories=2, supportive=[IVIG_RESPONSE]).category == "possible"
    q = _question(bank, "dx-possible-mmn-01")
    (key,) = _keyed(q)
    assert "IVIg" in key.text and "objective" in key.text
    says_excluded = re.compile(r"(mmn|it) is excluded|excludes mmn|not mmn", re.I)
    bad = [
        (x.id, o.text)
        for x in bank
        for o in x.options
        if o.correct and "block" in o.text.lower() and says_excluded.search(o.text)
    ]
    assert bad == []


def test_cidp_block_is_graded_on_amplitude_and_mmn_block_on_area(bank):
    """nc-cidp-block-01: EAN/PNS 2021 counts a >= 30% amplitude reduction; the MMN 2010 rules need area loss."""
    q = _question(bank, "nc-cidp-block-01")
    before, after = map(float, re.search(r"falls from ([0-9.]+) to ([0-9.]+) mV", q.stem).groups())
    area_loss = int(re.search(r"area falls by (\d+)%", q.stem).group(1)) / 100
    duration_rise = int(re.search(r"duration rises by (\d+)%", q.stem).group(1)) / 100
    cidp_block = 1 - after / before >= 0.30  # EAN/PNS 2021, not the tibial nerve
    mmn_grade = _grade_2010(area_loss, duration_rise)
    assert cidp_block and mmn_grade == "none"
    (key,) = _keyed(q)
    assert "CIDP criteria" in key.text
    assert all(not o.correct for o in q.options if "area" in o.text.lower() or "MMN" in o.text)


#: EAN/PNS 2021 first-line induction treatments of CIDP, and the treatments that help MMN (EFNS/PNS 2010).
CIDP_INDUCTION = {"ivig", "steroids"}
HELPS_MMN = {"ivig"}


def _treatments(text: str) -> set[str]:
    low = text.lower()
    found = set()
    if re.search(r"\bivig\b|intravenous immunoglobulin", low):
        found.add("ivig")
    if re.search(r"prednisolone|corticosteroid|steroid", low):
        found.add("steroids")
    if "plasma exchange" in low:
        found.add("plasma exchange")
    if "subcutaneous" in low:
        found.add("scig")
    return found


def test_cidp_induction_is_ivig_or_corticosteroids(bank):
    q = _question(bank, "tx-cidp-induction-01")
    keyed = set().union(*(_treatments(o.text) for o in _keyed(q)))
    assert keyed == CIDP_INDUCTION
    for o in q.options:
        named = _treatments(o.text)
        assert o.correct == (bool(named) and named <= CIDP_INDUCTION and "first" not in o.text), o.text


def test_the_mmn_cidp_treatment_contrast_is_never_ivig(bank):
    """A response that argues for CIDP over MMN is to a treatment that helps CIDP but not MMN: never IVIg."""
    q = _question(bank, "dd-steroid-response-01")
    for o in q.options:
        t = _treatments(o.text)
        assert o.correct == (bool(t) and not (t & HELPS_MMN)), o.text
    (key,) = _keyed(_question(bank, "case-cidp-03"))
    assert {"ivig", "steroids"} <= _treatments(key.text) and "both" in key.text
    # an explanation that names what helps CIDP and mentions steroids must not leave IVIg out of the question
    for x in bank:
        text = _all_text(x)
        if re.search(r"(corticosteroids|steroids)[^.]*help CIDP", text) and "cidp" in x.stem.lower():
            assert re.search(r"IVIg[^.]*(CIDP|both)|(CIDP|both)[^.]*IVIg", text), x.id


def test_gold_coast_accepts_lower_motor_neuron_signs_in_two_regions(bank):
    def gold_coast(umn_lmn_regions: int, lmn_regions: int) -> bool:
        return umn_lmn_regions >= 1 or lmn_regions >= 2

    assert gold_coast(0, 2) and gold_coast(1, 1) and not gold_coast(0, 1)
    q = _question(bank, "dd-gold-coast-01")
    assert "no upper motor" in q.stem and "cervical and lumbosacral" in q.stem  # LMN in 2 regions, no UMN
    (key,) = _keyed(q)
    assert gold_coast(0, 2) and "two regions" in key.text and "can be met" in key.text


def test_the_2005_cochrane_figure_is_dated_and_the_2022_update_cited(bank):
    for q in bank:
        text = _all_text(q)
        if "78%" in text:
            assert "2005" in text and "not significant" in text, q.id
            assert {"vanschaik2005cochrane", "keddie2022cochrane"} <= set(q.references), q.id


def test_anti_gm1_percentages_name_the_assay(bank):
    """The 40-50% anti-GM1 figure belongs to standard assays; combined ganglioside assays find more."""
    bad = [
        (q.id, s)
        for q in bank
        for s in _sentences(_all_text(q))
        if "gm1" in s.lower() and re.search(r"40.{1,4}50%", s) and not re.search(r"assay", s, re.I)
    ]
    assert bad == []


def test_speech_and_language_therapy_is_not_taught_as_unneeded(bank):
    q = _question(bank, "live-therapy-01")
    (slt,) = [o for o in q.options if "speech and language" in o.text.lower()]
    assert "lists speech and language therapy" in slt.explanation and "twelfth" in slt.explanation
    assert not any(re.search(r"not (among|recommended)", o.explanation) for o in q.options if o is slt)


def test_nerve_conduction_before_treatment_in_a_pure_motor_hand(bank):
    """cp-vignette-01: before any study ALS cannot be separated from MMN, so the key is the study, not a diagnosis."""
    (key,) = _keyed(_question(bank, "cp-vignette-01"))
    assert "nerve conduction" in key.text.lower() and "proximal" in key.text.lower()
