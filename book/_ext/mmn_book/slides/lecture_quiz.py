"""Lecture-mode quiz questions for the slides: one question per slide, the answer revealed by the lecturer.

The book's quiz markup (:func:`widgets.quiz.render.quiz_html`) is made for a student answering alone: radio
buttons, "Check answer", marks, a score. In a lecture hall the lecturer shows the question, the hall votes, and
then the lecturer reveals the answer. :func:`lecture_questions` rewrites one quiz block into that form:

* the question's stem, its trace figure and table if it has one, and its options as a lettered list with no
  inputs, marks or saved state;
* the answer — the correct letter(s), why, the teaching point and the sources — in a reveal.js ``fragment``:
  hidden until the lecturer presses the next key; the correct option is highlighted by the same key;
* no ``<section>`` element (reveal.js would count each question as a slide and the counter would be wrong).
"""

from __future__ import annotations

import html

from bs4 import BeautifulSoup

#: Class of the quiz block of :func:`widgets.quiz.render.quiz_html`.
QUIZ_CLASS = "mmn-quiz"


def is_quiz_output(output) -> bool:
    """True for a display output whose HTML is a course quiz block."""
    data = output.get("data", {}) if hasattr(output, "get") else {}
    text = data.get("text/html", "")
    text = "".join(text) if isinstance(text, list) else text
    return f'class="{QUIZ_CLASS}"' in text


def _text(node) -> str:
    return html.escape(node.get_text(" ", strip=True)) if node is not None else ""


def lecture_questions(markup: str | list[str]) -> list[str]:
    """The questions of a quiz block as lecture-mode HTML fragments, one per question (see the module docstring)."""
    markup = "".join(markup) if isinstance(markup, list) else markup
    soup = BeautifulSoup(markup, "html.parser")
    block = soup.find("div", class_=QUIZ_CLASS)
    if block is None:
        raise ValueError("markup must contain a div.mmn-quiz block")
    title_node = block.find(class_="mmn-quiz__title")
    title = _text(title_node) or "Question"
    out = []
    for question in block.find_all("section", class_="mmn-quiz__question"):
        number = _text(question.find(class_="mmn-quiz__number")).rstrip(".")
        stem = _text(question.find(class_="mmn-quiz__stem"))
        multiple = question.get("data-type") == "multiple"
        key = {li.get("data-option"): li for li in question.select(".mmn-quiz__key li[data-option]")}
        options = question.select(".mmn-quiz__option")
        letters = []
        items = []
        for i, option in enumerate(options):
            letter = _text(option.find(class_="mmn-quiz__letter")).rstrip(".")
            correct = key.get(str(i)) is not None and key[str(i)].get("data-correct") == "true"
            if correct:
                letters.append(letter)
            # the correct option is highlighted by the same key press that reveals the answer
            cls = ' class="fragment highlight-green mmn-slide-quiz__correct" data-fragment-index="1"' \
                if correct else ""
            items.append(f'<li{cls}><span class="mmn-slide-quiz__letter">{letter}.</span> '
                         f"{_text(option.find(class_='mmn-quiz__option-text'))}</li>")
        why = " ".join(
            _text(li.find(class_="mmn-quiz__explanation")) for li in key.values() if li.get("data-correct") == "true"
        )
        teaching = question.select_one(".mmn-quiz__key .mmn-quiz__teaching")
        sources = question.select_one(".mmn-quiz__key .mmn-quiz__sources")
        trace = question.find("figure", class_="mmn-quiz__trace")
        caption = trace.find("figcaption") if trace is not None else None
        if caption is not None:
            caption["class"] = ["mmn-quiz__caption", "mmn-slide-quiz__caption"]
        hint = " <span class=\"mmn-slide-quiz__hint\">(Select all that apply.)</span>" if multiple else ""
        answer = (
            '<div class="fragment mmn-slide-quiz__answer mmn-slide-answer-block" data-fragment-index="1">'
            f"<p><strong>Answer: {', '.join(letters)}.</strong> {why}</p>"
            + (f"<p>{teaching.decode_contents()}</p>" if teaching is not None else "")
            + (f'<p class="mmn-slide-quiz__sources">{_text(sources)}</p>' if sources is not None else "")
            + "</div>"
        )
        options_html = f'<ol class="mmn-slide-quiz__options" type="A">{"".join(items)}</ol>'
        if trace is None:
            body = options_html + answer
        else:
            # figure beside the options; the measurement tables under them (a slide of their own if need be,
            # before the answer)
            table = trace.find(class_="mmn-quiz__table")
            if table is not None:
                table.extract()
            if caption is not None:
                caption.extract()
            body = (f'<div class="mmn-slide-quiz__columns"><div class="mmn-slide-quiz__trace">{trace.decode()}</div>'
                    f'<div class="mmn-slide-quiz__side">{options_html}</div></div>'
                    + (f'<div class="mmn-slide-quiz__data mmn-quiz__table">{table.decode_contents()}</div>'
                       if table is not None else "")
                    + answer)
        out.append(
            f'<div class="mmn-slide-quiz" data-question-id="{html.escape(question.get("data-question-id", ""))}">'
            f'<p class="mmn-slide-quiz__title">{title} · {number}</p>'
            f'<p class="mmn-slide-quiz__stem">{stem}{hint}</p>{body}</div>'
        )
    return out
