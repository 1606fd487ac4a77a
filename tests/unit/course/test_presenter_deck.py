"""The lecture deck's Python side (issue 19), without a browser: presets, the nerve change, the lecture quiz,
projector themes, ``present.sh`` arguments and the course's import path.

The deck in a real browser (type sizes, one screen, keys, page changes) is ``tests/live/test_live_presenter.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from support.paths import ROOT

from widgets import presenter, presenter_style


# ------------------------------------------------------------------------------------------- preset buttons
def test_preset_buttons_number_the_cases_and_choose_one_per_click():
    chosen = []
    box = presenter.preset_buttons([("a", "Alpha"), ("b", "Beta")], chosen.append, active="a")
    assert [b.description for b in box.children] == ["1 · Alpha", "2 · Beta"]
    assert all("mmn-preset-button" in b._dom_classes for b in box.children)
    assert "mmn-active" in box.buttons["a"]._dom_classes
    box.buttons["b"].click()
    assert chosen == ["b"]
    box.mark("b")
    assert "mmn-active" in box.buttons["b"]._dom_classes and "mmn-active" not in box.buttons["a"]._dom_classes
    with pytest.raises(ValueError, match="at least one"):
        presenter.preset_buttons([], chosen.append)
    with pytest.raises(ValueError, match="at most 10"):
        presenter.preset_buttons([(str(i), str(i)) for i in range(11)], chosen.append)


# ------------------------------------------------------------------------------------------- conduction
def test_changing_the_nerve_puts_that_nerves_block_slider_in_the_deck():
    from widgets.conduction.reference_values import get_nerve
    from widgets.conduction.views import ConductionExplorer

    ex = ConductionExplorer("ulnar", "mmn", presenter=True)
    shown = ex._key_block_slot.children[0]
    assert "wrist–below elbow" in shown.description
    for nerve in ("tibial", "median", "peroneal"):
        ex.nerve.value = nerve
        spec = get_nerve(nerve)
        shown = ex._key_block_slot.children[0]
        assert shown is ex.segment_controls[spec.key_segment]["block"], "the deck shows the live slider"
        assert spec.segment(spec.key_segment).label in shown.description
        before = ex.study
        shown.value = 60
        assert ex.study is not before and any(seg.block for seg in ex.study.segments), nerve


def test_conduction_preset_buttons_follow_the_preset_and_the_verdict_is_short():
    from widgets.conduction.views import ConductionExplorer

    ex = ConductionExplorer("ulnar", "mmn", presenter=True)
    assert len(ex.preset_buttons.children) == 10
    ex.preset_buttons.buttons["normal"].click()
    assert ex.preset.value == "normal" and "mmn-active" in ex.preset_buttons.buttons["normal"]._dom_classes
    assert "normal study" in ex.verdict.value.lower() and "<table" not in ex.verdict.value
    ex._key_block_slot.children[0].value = 40  # the lecturer's own setting: no preset is on
    assert not any("mmn-active" in b._dom_classes for b in ex.preset_buttons.children)
    assert ex.figure.layout.height is None, "the deck gives the figure the window's height"


def test_short_interpretation_keeps_whole_sentences():
    from widgets.conduction.presenter_view import short_interpretation

    text = "First sentence here. Second one is longer than the limit allows for sure."
    assert short_interpretation(text, limit=30) == "First sentence here."
    assert short_interpretation(text, limit=500) == text
    assert short_interpretation("Only one very long sentence without a break", limit=5).startswith("Only")


# ------------------------------------------------------------------------------------------- IVIg
def test_ivig_regimen_buttons_set_route_dose_and_interval():
    from widgets.ivig.patients import Patient
    from widgets.ivig.views import LiveExplorer

    ex = LiveExplorer(Patient(), presenter=True)
    c = ex.controls
    ex.preset_buttons.buttons["ivig_1_2"].click()
    assert (c["route"].value, c["dose"].value, c["interval"].value) == ("IVIg", 1.0, 2)
    assert "every 2 weeks" in ex.figure.layout.title.text
    ex.preset_buttons.buttons["scig"].click()
    assert c["route"].value == "SCIg" and c["dose"].value == pytest.approx(0.25)
    ex.preset_buttons.buttons["ivig_2_8"].click()
    assert (c["route"].value, c["dose"].value, c["interval"].value) == ("IVIg", 2.0, 8)
    assert "mmn-active" in ex.preset_buttons.buttons["ivig_2_8"]._dom_classes


# ------------------------------------------------------------------------------------------- lecture quiz
def test_lecture_quiz_hides_marks_and_explanations_and_stores_nothing():
    from widgets.quiz import quiz
    from widgets.quiz.cell import Quiz
    from widgets.quiz.lecture import LectureQuiz

    ids = ["cp-vignette-01", "dd-als-umn-01"]
    lecture = quiz(ids=ids, title="Your turn", lecture=True)
    assert isinstance(lecture, LectureQuiz) and isinstance(quiz(ids=ids), Quiz), "student mode unchanged"
    html = lecture.html()
    assert html.count('class="mmn-lq__question"') == 2
    assert html.count('<span class="mmn-lq__mark" hidden>') == sum(len(q.options) for q in lecture.questions)
    assert html.count('<span class="mmn-lq__explanation" hidden>') == sum(len(q.options) for q in lecture.questions)
    assert "<input" not in html and "localStorage" not in html and "http" not in html.replace("https://doi", "")
    assert 'class="mmn-lq__poll"' in html, "a place for the class poll"
    with pytest.raises(ValueError, match="at least one"):
        LectureQuiz((), title="x")


def test_deck_quiz_notebook_uses_lecture_mode():
    import nbformat

    nb = nbformat.read(ROOT / "presenter" / "04_quiz.ipynb", as_version=4)
    assert any("lecture=True" in c.source for c in nb.cells if c.cell_type == "code")


# ------------------------------------------------------------------------------------------- themes
def test_theme_and_scale_come_from_present_sh_and_are_checked(monkeypatch):
    monkeypatch.setenv(presenter_style.THEME_ENV, "contrast")
    monkeypatch.setenv(presenter_style.SCALE_ENV, "1.25")
    css = presenter.css()
    assert "--mmn-scale: 1.25" in css and "#ffd400" in css
    assert f"calc({presenter_style.TEXT_SIZE} * var(--mmn-u))" in css
    assert f"calc({presenter_style.TITLE_SIZE} * var(--mmn-u))" in css
    import plotly.graph_objects as go

    fig = presenter.style_figure(go.Figure([go.Scatter(y=[1, 2])]))
    assert fig.layout.paper_bgcolor == "#000000" and fig.layout.font.color == "#ffffff"
    monkeypatch.setenv(presenter_style.THEME_ENV, "neon")
    with pytest.raises(ValueError, match="MMN_PRESENT_THEME"):
        presenter.css()
    monkeypatch.setenv(presenter_style.THEME_ENV, "light")
    for bad in ("3", "big", "0.1"):
        monkeypatch.setenv(presenter_style.SCALE_ENV, bad)
        with pytest.raises(ValueError, match="MMN_PRESENT_SCALE"):
            presenter.css()


@pytest.mark.parametrize("args", [["--theme", "neon"], ["--scale", "5"], ["--scale=abc"]])
def test_present_sh_refuses_a_bad_theme_or_scale(args):
    env = {**os.environ, "MMN_SKIP_SETUP": "1"}
    out = subprocess.run(["bash", str(ROOT / "scripts" / "present.sh"), *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 2 and "present:" in out.stderr, out.stderr


def test_present_sh_preheats_and_culls_kernels():
    script = (ROOT / "scripts" / "present.sh").read_text()
    assert "--preheat_kernel=True" in script and "--pool_size=1" in script
    assert "cull_idle_timeout=60" in script and "cull_connected=False" in script


# ------------------------------------------------------------------------------------------- import path
def test_importing_the_course_does_not_import_nbformat_or_jsonschema():
    """plotly.io -> nbformat -> jsonschema -> rfc3987_syntax cost 3-4 s of every kernel start (issue 19)."""
    code = ("import sys, widgets, widgets.conduction, widgets.ivig, widgets.quiz, widgets.presenter; "
            "import plotly.io as pio; pio.renderers.default; "
            "print(sorted(m for m in ('nbformat', 'jsonschema', 'rfc3987_syntax') if m in sys.modules))")
    env = {k: v for k, v in os.environ.items() if k != "MMN_COURSE_BUILD"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", out.stdout


def test_plotly_still_finds_nbformat_when_it_needs_it():
    code = ("import widgets, plotly.io._renderers as r; from packaging.version import Version; "
            "print(Version(r.nbformat.__version__) >= Version('4.2.0'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "True", out.stderr
