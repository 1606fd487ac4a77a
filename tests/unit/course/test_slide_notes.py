"""The slides' lecture pieces: speaker notes (``book/slides/notes.yaml``), lecture-mode quiz questions, answers.

* every note names a chapter and a heading that exist (a renamed heading would lose its note), every chapter has
  notes, and every citation in them is a key of ``book/references.bib``;
* a quiz block becomes one lecture question per slide: no ``<section>`` (the counter), no inputs or marks, the
  answer with the right letter(s) in a fragment, the right option highlighted by the same key press;
* a MyST dropdown (an exercise's answer) is marked for the slides, inside a list item too.

The exported decks are measured in ``tests/live/test_live_slides.py``.
"""

from __future__ import annotations

import re

import nbformat
from bs4 import BeautifulSoup
from support.paths import ROOT

from mmn_book.slides.lecture_quiz import is_quiz_output, lecture_questions
from mmn_book.slides.myst import ANSWER_CLASS, myst_to_markdown
from mmn_book.slides.notes import heading_texts, load_notes, notes_cells, problems

CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))


def test_every_note_belongs_to_an_existing_heading():
    assert problems() == []


def test_every_chapter_has_speaker_notes():
    notes = load_notes()
    counts = {c: len(notes.get(c, {})) for c in CHAPTERS}
    assert all(n >= 3 for n in counts.values()), counts


def test_notes_cite_only_keys_of_the_bibliography():
    bib = (ROOT / "book" / "references.bib").read_text()
    keys = {k for notes in load_notes().values() for note in notes.values()
            for m in re.finditer(r"\{cite:[pt]\}`([^`]*)`", note) for k in m.group(1).split(",")}
    missing = sorted(k.strip() for k in keys if not re.search(r"@\w+\{" + re.escape(k.strip()) + ",", bib))
    assert keys and missing == []


def test_notes_attach_after_their_heading():
    cells = notes_cells("## The {term}`CMAP <cmap>` and *its* measures\n\ntext", {"The CMAP and its measures": "Say."})
    assert [c.metadata["slideshow"]["slide_type"] for c in cells] == ["notes"]
    assert heading_texts("```\n# not a heading\n```\n### Real one") == ["real one"]


def _quiz_markup(chapter: str = "nerve_conduction") -> str:
    import os

    os.environ["MMN_COURSE_BUILD"] = "1"
    try:
        from widgets.quiz import quiz

        return quiz(chapter)._repr_html_()
    finally:
        del os.environ["MMN_COURSE_BUILD"]


def test_a_quiz_becomes_one_lecture_question_per_slide():
    markup = _quiz_markup()
    output = nbformat.v4.new_output("display_data", data={"text/html": markup})
    assert is_quiz_output(output)
    questions = lecture_questions(markup)
    assert len(questions) == markup.count('class="mmn-quiz__question"') > 1
    for html in questions:
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find("section") is None and soup.find("input") is None and soup.find("button") is None
        answer = soup.select_one(".mmn-slide-quiz__answer")
        assert "fragment" in answer["class"] and answer.get_text().startswith("Answer: ")
        correct = soup.select(".mmn-slide-quiz__correct")
        assert correct and all("fragment" in li["class"] for li in correct)
        letters = [li.select_one(".mmn-slide-quiz__letter").get_text().rstrip(".") for li in correct]
        assert answer.get_text().startswith(f"Answer: {', '.join(letters)}.")


def test_dropdown_answers_are_marked_for_the_slides():
    text = ("1. **Q?**\n\n   ```{admonition} Answer\n   :class: dropdown\n   Because.\n   ```\n"
            "```{admonition} Learning objectives\n:class: tip\nText\n```\n")
    out = myst_to_markdown(text)
    assert out.count(ANSWER_CLASS) == 1
    assert f'   > <span class="{ANSWER_CLASS}"></span>**Answer**' in out, "the answer must stay in its list item"
    table = myst_to_markdown("```{admonition} Show\n:class: dropdown\n| a | b |\n|---|---|\n| 1 | 2 |\n```\n")
    assert f'<span class="{ANSWER_CLASS}-end"></span>' in table and "\n| a | b |" in table
