"""The quiz cell: markup, the book/live switch, errors, accessibility contract and styles."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from widgets import assets
from widgets.display import BUILD_ENV
from widgets.palette import contrast_ratio
from widgets.quiz import selection as quiz_selection
from widgets.quiz import load_bank, quiz


@pytest.fixture
def book(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "1")


@pytest.fixture
def live(monkeypatch):
    monkeypatch.delenv(BUILD_ENV, raising=False)


@pytest.fixture(autouse=True)
def fresh_ids(monkeypatch):
    """Each test starts like a fresh kernel (DOM ids without repeat suffixes)."""
    monkeypatch.setattr(quiz_selection, "_RENDERED", type(quiz_selection._RENDERED)())


def scripts(html: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S)


RENDERER_MARK = "window.MMNQuiz"


class Outline(HTMLParser):
    """Collects the structure the accessibility contract relies on."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.fieldsets = 0
        self.legends_in_fieldset = 0
        self.inputs: list[dict] = []
        self.inputs_in_label = 0
        self.live_regions = 0
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "fieldset":
            self.fieldsets += 1
        if tag == "legend" and "fieldset" in self.stack:
            self.legends_in_fieldset += 1
        if tag == "input":
            self.inputs.append(a)
            if "label" in self.stack:
                self.inputs_in_label += 1
        if a.get("aria-live") == "polite":
            self.live_regions += 1
        if tag not in ("input", "br", "img", "meta", "link", "hr"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass


def outline(html: str) -> Outline:
    o = Outline()
    o.feed(html)
    return o


def test_book_mode_emits_markup_without_the_renderer(book):
    cell = quiz("what_is_mmn")
    html = cell.book_html()
    assert 'class="mmn-quiz"' in html
    assert not any(RENDERER_MARK in s for s in scripts(html)), "the book loads quiz.js once per page, not inline"
    assert "<style" not in html
    assert cell._repr_html_() == html, "rendering the same cell twice gives the same markup"


def test_book_mode_trace_questions_carry_only_plotly_scripts(book):
    html = quiz("nerve_conduction").book_html()
    found = scripts(html)
    assert found, "trace figures are drawn by Plotly.newPlot scripts"
    assert all("Plotly.newPlot" in s and RENDERER_MARK not in s for s in found)
    assert "<style" not in html


def test_live_mode_inlines_the_renderer_and_styles_once(live):
    parts = quiz("what_is_mmn").live_parts()
    assert len(parts) == 1
    html = parts[0]["text/html"]
    js = assets.read("quiz.js")
    assert sum(js in s for s in scripts(html)) == 1, "the renderer source is inline exactly once"
    assert html.count("<style") == 1 and assets.read("quiz.css") in html
    assert quiz("what_is_mmn")._repr_html_().count(RENDERER_MARK) >= 1


def test_the_inline_script_defines_itself_once():
    js = assets.read("quiz.js")
    guard = js.index("if (window.MMNQuiz && window.MMNQuiz.version)")
    assert guard < js.index("window.MMNQuiz = {"), "the guard must come before the definition"


def test_display_protocol_in_both_modes(monkeypatch):
    shown: list[dict] = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: shown.append(obj))
    monkeypatch.setenv(BUILD_ENV, "1")
    quiz("differential_diagnosis")._ipython_display_()
    assert len(shown) == 1 and "application/vnd.plotly.v1+json" not in shown[0]
    assert not any(RENDERER_MARK in s for s in scripts(shown[0]["text/html"]))
    shown.clear()
    monkeypatch.delenv(BUILD_ENV)
    quiz("differential_diagnosis")._ipython_display_()
    kinds = ["figure" if "application/vnd.plotly.v1+json" in b else "html" for b in shown]
    n_traces = sum(1 for q in load_bank("differential_diagnosis") if q.trace)
    assert kinds.count("figure") == n_traces, "each trace figure is its own plotly output in JupyterLab"
    assert kinds[0] == "html" and RENDERER_MARK in shown[0]["text/html"]
    assert sum(RENDERER_MARK in b.get("text/html", "") for b in shown if "application/vnd.plotly.v1+json" not in b) == 1


def test_live_mode_puts_each_figure_just_before_its_question(live):
    qs = load_bank("nerve_conduction")
    parts = quiz("nerve_conduction").live_parts()
    order = []
    for p in parts:
        if "application/vnd.plotly.v1+json" in p:
            order.append(("figure", p["text/html"]))
        else:
            markup = re.sub(r"<script.*?</script>", "", p["text/html"], flags=re.S)  # the renderer's own selectors
            order += [("question", m) for m in re.findall(r'data-question-id="([^"]+)"', markup)]
    questions = [x for kind, x in order if kind == "question"]
    assert questions == [q.id for q in qs]
    for i, (kind, payload) in enumerate(order):
        if kind == "figure":
            assert order[i + 1][0] == "question"
            assert f"mmnq-nerve-conduction-{order[i + 1][1]}-trace" in payload
    html = "".join(p["text/html"] for p in parts if "application/vnd.plotly.v1+json" not in p)
    assert html.count('class="mmn-quiz__footer"') == 1 and html.count('class="mmn-quiz__title"') == 1
    assert f"Question {len(qs)} of {len(qs)}." in html


@pytest.mark.parametrize("chapter", ["what_is_mmn", "nerve_conduction", "living_with_mmn", "review"])
def test_accessible_structure(book, chapter):
    qs = load_bank(chapter)
    html = quiz(chapter).book_html()
    o = outline(html)
    assert o.fieldsets == len(qs) and o.legends_in_fieldset == len(qs)
    assert o.live_regions == len(qs), "one polite live region per question"
    kinds = [a["type"] for a in o.inputs]
    expected = [("checkbox" if q.type == "multiple" else "radio") for q in qs for _ in q.options]
    assert kinds == expected
    assert o.inputs_in_label == len(o.inputs), "every input sits in its label (clickable text)"
    assert len(o.ids) == len(set(o.ids)), "DOM ids are unique"
    names = {a["name"] for a in o.inputs}
    assert len(names) == len(qs), "one radio/checkbox group per question"
    assert "mmn-quiz__check" not in html, "quiz.js adds the Check answer buttons (no dead buttons without it)"
    assert html.count("Reset quiz progress") == 1


def test_legend_is_the_stem_and_options_keep_file_order(book):
    qs = load_bank("treatment")
    html = quiz("treatment").book_html()
    for q in qs:
        section = html.split(f'data-question-id="{q.id}"', 1)[1].split("</section>", 1)[0]
        legend = re.search(r"<legend[^>]*>(.*?)</legend>", section, re.S).group(1)
        assert q.stem.replace("'", "&#x27;")[:40] in legend
        texts = re.findall(r'<span class="mmn-quiz__option-text">(.*?)</span>', section)
        import html as h

        assert [h.unescape(t) for t in texts] == [o.text for o in q.options], "options are never shuffled"


def test_output_is_deterministic_for_a_fresh_kernel(book):
    first = quiz("nerve_conduction").book_html()
    quiz_selection._RENDERED.clear()
    assert quiz("nerve_conduction").book_html() == first
    ids = re.findall(r'id="(mmnq-[^"]+-trace)"', first)
    assert ids and all(i.startswith("mmnq-nerve-conduction-nc-") for i in ids)


def test_a_repeat_on_the_same_page_gets_distinct_ids(book):
    a = quiz("what_is_mmn").book_html()
    b = quiz("what_is_mmn").book_html()
    ids_a = set(re.findall(r'<section[^>]* id="([^"]+)"', a))
    ids_b = set(re.findall(r'<section[^>]* id="([^"]+)"', b))
    assert ids_a and not ids_a & ids_b


def test_ids_select_and_order_questions(book):
    html = quiz("review", ids=["rev-steroid-worsening-01", "rev-vignette-als-01"], title="Round 3").book_html()
    assert re.findall(r'data-question-id="([^"]+)"', html) == ["rev-steroid-worsening-01", "rev-vignette-als-01"]
    assert "Round 3" in html and "Question 2 of 2." in html
    anywhere = quiz(ids=["wim-hallmark-01"]).book_html()
    assert 'data-question-id="wim-hallmark-01"' in anywhere


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"chapter": "neurology"}, "chapter must be one of"),
        ({"chapter": "treatment", "ids": ["nc-area-calc-01"]}, "unknown question id"),
        ({"chapter": None, "ids": ["no-such-question-01"]}, "unknown question id"),
        ({"chapter": "treatment", "ids": "tx-steroids-01"}, "must be a list"),
        ({"chapter": "treatment", "ids": []}, "at least one"),
        ({"chapter": "treatment", "ids": ["tx-steroids-01", "tx-steroids-01"]}, "twice"),
        ({"chapter": None}, "needs a chapter"),
    ],
)
def test_unknown_chapter_or_id_raises(kwargs, message):
    chapter = kwargs.pop("chapter")
    with pytest.raises(ValueError, match=message):
        quiz(chapter, **kwargs)


def test_explanations_and_sources_are_in_the_answer_key(book):
    (q,) = [x for x in load_bank("what_is_mmn") if x.id == "wim-first-line-01"]
    html = quiz("what_is_mmn", ids=[q.id]).book_html()
    import html as h

    text = h.unescape(html)
    for o in q.options:
        assert o.explanation in text
    assert re.search(r'<li data-option="3" data-correct="true">', html)
    assert "Sources: Joint Task Force of the EFNS and the PNS 2010; Donaghy et al. 1994." in text
    assert "<details" in html and 'class="mmn-quiz__footer" hidden' in html, "no-script fallback: key shown, score hidden"


# -- styles -----------------------------------------------------------------------------------------

def css_vars() -> dict[str, str]:
    css = assets.read("quiz.css")
    block = css.split(".mmn-quiz {", 1)[1].split("}", 1)[0]
    return dict(re.findall(r"(--mmn-quiz-[a-z-]+):\s*(#[0-9a-fA-F]{6})", block))


@pytest.mark.parametrize("kind", ["right", "wrong", "prompt"])
def test_feedback_colours_have_at_least_4_5_to_1_contrast(kind):
    v = css_vars()
    assert contrast_ratio(v[f"--mmn-quiz-{kind}-fg"], v[f"--mmn-quiz-{kind}-bg"]) >= 4.5
    assert contrast_ratio(v[f"--mmn-quiz-{kind}-fg"], "#ffffff") >= 4.5, "marks next to options sit on white"


def test_buttons_and_focus_ring_contrast():
    v = css_vars()
    assert contrast_ratio("#ffffff", v["--mmn-quiz-focus"]) >= 4.5, "button text on the focus colour"
    assert contrast_ratio(v["--mmn-quiz-focus"], "#ffffff") >= 3.0, "focus ring against the page (WCAG 1.4.11)"
    css = assets.read("quiz.css")
    assert ":focus-visible" in css and "outline" in css


def test_feedback_uses_words_and_icons_not_only_colour():
    js = assets.read("quiz.js")
    assert "Correct \\u2014" in js and "Not quite \\u2014" in js
    assert "\\u2714" in js and "\\u2718" in js
    assert 'setAttribute("aria-hidden", "true")' in js
    assert "Math.random" not in js and "shuffle" not in js.lower().replace("no shuffling", "")
