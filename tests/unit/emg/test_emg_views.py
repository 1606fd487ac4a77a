"""Views of the needle EMG simulator: kernel-free figure (book), live widget, regions table, audio; and a
browser test that uses the kernel-free figure at phone width (390 px) as a person would."""

from __future__ import annotations

import io
import json
import wave

import numpy as np
import pytest

from widgets import palette
from widgets.conduction.precomputed import figure_json_size
from widgets.display import BUILD_ENV
from widgets.emg import PHASES, STATES, explorer, simulate
from widgets.emg.audio import AUDIO_RATE_HZ, audio_html, audio_samples, caption, wav_bytes
from widgets.emg.figures import recording_figure
from widgets.emg.static import BOOK_MUSCLES, kernel_free_figure
from widgets.emg.views import EmgExplorer, regions_table_html


@pytest.fixture(scope="module")
def static_fig():
    return kernel_free_figure().to_plotly_json()


def test_kernel_free_menu_covers_every_patient_and_slider_steps_every_phase(static_fig):
    menu = static_fig["layout"]["updatemenus"][0]
    assert len(menu["buttons"]) == sum(len(v) for v in BOOK_MUSCLES.values())
    ys = {json.dumps(b["args"][0]["y"][0][:80]) for b in menu["buttons"]}
    assert len(ys) == len(menu["buttons"]), "every patient/muscle shows its own screen"
    for b in menu["buttons"]:
        steps = b["args"][1]["sliders[0].steps"]
        assert [s["label"] for s in steps] == [p.capitalize() for p in PHASES]
        texts = [s["args"][1]["annotations"][0]["text"] for s in steps]
        assert len(set(texts)) == 4 and all("nan" not in t.lower() for t in texts)


def test_kernel_free_figure_is_light_and_has_no_nan(static_fig):
    assert figure_json_size(kernel_free_figure()) <= 250_000
    for b in static_fig["layout"]["updatemenus"][0]["buttons"]:
        for s in b["args"][1]["sliders[0].steps"]:
            y = s["args"][0]["y"][0]
            assert 0 < len(y) <= 300 and all(isinstance(v, int) for v in y)


def test_line_style_is_a_second_channel_and_colours_pass_contrast():
    fig = recording_figure(simulate("fdi", phase="minimal"))
    assert fig.data[0].line.dash != fig.data[1].line.dash
    for tr in fig.data:
        assert palette.contrast_ratio(tr.line.color, palette.BACKGROUND) >= 3.0
    assert len(fig.data[1].y) > 10, "the minimal contraction shows the first unit's MUP"


def test_findings_text_reads_the_screen():
    rest = recording_figure(simulate("fdi", STATES["acute_denervation"], "rest", seed=1))
    assert "fibrillation" in rest.layout.annotations[0].text.replace("<br>", " ")
    block = recording_figure(simulate("fdi", STATES["conduction_block"], "rest", seed=1))
    assert "no spontaneous activity" in block.layout.annotations[0].text.replace("<br>", " ")


def test_explorer_static_view_in_the_book(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "1")
    ex = explorer("als_late")
    bundle = ex._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    page = bundle["text/html"]
    assert 'class="mmn-emg-kf"' in page and "Plotly" in page  # the book loads plotly.js and the EMG scripts
    assert "application/vnd.jupyter.widget" not in page
    # native controls, sound off, the first screen's findings and caption already in the markup
    assert page.count('type="radio"') == 4 and 'aria-pressed="false"' in page
    assert "Thoracic paraspinal (T10 level), insertional activity:" not in page  # explorer() starts at "minimal"
    assert "mmn-emg-kf__findings" in page and "Sound:" in page


def test_kernel_free_html_starts_where_asked_and_rejects_a_muscle_it_has_no_screen_for():
    from widgets.emg.static import kernel_free_html

    page = kernel_free_html("mmn_block", "fdi", "rest")
    assert '<option value="mmn_block/fdi" selected>' in page and 'value="rest" checked' in page
    assert "no spontaneous activity" in page
    with pytest.raises(ValueError, match="muscle must be one of"):
        kernel_free_html("mmn_block", "tongue")
    with pytest.raises(ValueError, match="phase"):
        kernel_free_html("mmn_block", "fdi", "sleep")


def test_sample_the_patient_static_view_has_every_muscle_by_region(monkeypatch):
    from widgets.emg import MUSCLES, REGIONS
    from widgets.emg.views import sample_patient

    monkeypatch.setenv(BUILD_ENV, "1")
    page = sample_patient("mmn_axonal", ("fdi",))._repr_mimebundle_()["text/html"]
    assert page.count('type="checkbox"') == len(MUSCLES) and page.count("<legend>") == len(REGIONS)
    assert 'value="fdi" checked' in page and '<option value="mmn_axonal" selected>' in page


def test_live_view_updates_on_every_control():
    ex = EmgExplorer("mmn_block", "fdi", "rest")
    before = list(ex.figure.data[0].y)
    ex.phase.value = "minimal"
    assert list(ex.figure.data[0].y) != before and ex.gain.value == 500
    for ctrl, value in ((ex.preset, "als_late"), (ex.muscle, "tongue"), (ex.sweep, 10), (ex.gain, 1000),
                        (ex.seed, 5)):
        old = (list(ex.figure.data[0].y), ex.figure.layout.xaxis.range, ex.figure.layout.yaxis.range,
               ex.findings.value)
        ctrl.value = value
        new = (list(ex.figure.data[0].y), ex.figure.layout.xaxis.range, ex.figure.layout.yaxis.range,
               ex.findings.value)
        assert new != old, ctrl.description
        assert "nan" not in ex.findings.value.lower()
    assert ex.audio_box.children == (), "no sound until asked"
    ex.sound.click()
    audio, cap = ex.audio_box.children
    assert audio.autoplay is False and audio.controls is True and "Sound:" in cap.value


def test_audio_is_gapless_44k_and_captioned():
    rec = next(r for r in (simulate("fdi", STATES["fasciculations"], "rest", seed=s) for s in range(20))
               if r.count("fasciculation"))
    s = audio_samples(rec)
    assert s.size == AUDIO_RATE_HZ and s.dtype == np.int16
    assert abs(int(s[0])) < 50 and abs(int(s[-1])) < 50, "fades in and out: no click"
    with wave.open(io.BytesIO(wav_bytes(rec))) as w:
        assert w.getframerate() == AUDIO_RATE_HZ and w.getnframes() == AUDIO_RATE_HZ and w.getnchannels() == 1
    html = audio_html(rec)
    assert "autoplay" not in html and "controls" in html and 'preload="none"' in html and "<figcaption>" in html
    assert "fasciculation" in caption(rec)


def test_regions_table_is_accessible_and_states_the_verdict():
    html = regions_table_html("als_late")
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "4 of 4 regions" in html and "meets" in html
    assert "0 of 4 regions" in regions_table_html("mmn_block")


def test_sample_the_patient_reads_only_the_chosen_muscles():
    from widgets.emg.views import SamplePatient

    s = SamplePatient("als_late", ("fdi", "adm"))
    s.read.click()
    assert "1 of 4 regions" not in s.result.value and "0 of 4 regions" in s.result.value  # same nerve and roots
    s.boxes["biceps"].value = True
    s.boxes["thoracic_paraspinal"].value = True
    s.read.click()
    assert "2 of 4 regions" in s.result.value and "meets" in s.result.value
    for b in s.boxes.values():
        b.value = False
    s.read.click()
    assert "at least one muscle" in s.result.value


def test_audio_gallery_clips_are_captioned_and_contain_their_events():
    import re

    from widgets.emg.audio import GALLERY, audio_gallery_html

    html = audio_gallery_html()
    assert html.count("<audio") == len(GALLERY) and "autoplay" not in html
    caps = re.findall(r"<figcaption>(.*?)</figcaption>", html)
    assert len(caps) == len(GALLERY)
    assert "fasciculation" in caps[1] and "fibrillation" not in caps[1]
    assert "fibrillation" in caps[0] and "roar" in caps[2] and "not a continuous roar" in caps[3]


