"""Views of the simulator: kernel-free figure (book), live widget (JupyterLab), static figure and tables."""

from __future__ import annotations

import json
import re

import pytest

from widgets import palette
from widgets.conduction import PRESETS, explorer, measurement_table_html, simulate, study_figure
from widgets.conduction.figures import MAX_SITES
from widgets.conduction.precomputed import figure_json_size, kernel_free_figure
from widgets.display import BUILD_ENV


@pytest.fixture(scope="module")
def static_fig():
    return kernel_free_figure("ulnar", "mmn").to_plotly_json()


def _verdict(layout_update):
    return layout_update["annotations"][-1]["text"]


def test_dropdown_offers_every_preset_and_updates_title_text(static_fig):
    menu = static_fig["layout"]["updatemenus"][0]
    labels = [b["label"] for b in menu["buttons"]]
    for p in PRESETS.values():
        assert p.title in labels
    ys = set()
    for b in menu["buttons"]:
        if b["method"] == "skip":
            continue
        data, layout = b["args"][0], b["args"][1]
        assert "title.text" in layout and "title" not in layout  # plotly.js >= 3
        ys.add(json.dumps(data["y"][0][:50]) + json.dumps(data["y"][1][:50]))
    assert len(ys) >= 8  # presets really show different traces


def test_slider_steps_change_traces_and_verdict(static_fig):
    slider = static_fig["layout"]["sliders"][0]
    steps = slider["steps"]
    assert [s["label"] for s in steps] == [f"{10 * i}%" for i in range(10)]
    first, forty, last = steps[0]["args"], steps[4]["args"], steps[-1]["args"]
    assert first[0]["y"][1] != last[0]["y"][1]  # below-elbow trace shrinks with the block
    assert first[0]["y"][0] == last[0]["y"][0]  # the distal trace does not change
    v0, v40, v90 = _verdict(first[1]), _verdict(forty[1]), _verdict(last[1])
    assert len({v0, v40, v90}) == 3
    assert "normal" in v0.lower() and "NO BLOCK" in v0
    assert "PROBABLE BLOCK" in v40  # 40% over a long upper-limb segment
    assert "DEFINITE BLOCK" in v90
    assert all("title.text" in s["args"][1] for s in steps)


def test_kernel_free_figure_stays_small(static_fig):
    fig = kernel_free_figure("ulnar", "mmn")
    assert figure_json_size(fig) <= 1_000_000
    for tr in static_fig["data"]:
        assert len(tr["y"]) <= 250
    for s in static_fig["layout"]["sliders"][0]["steps"]:
        for y in s["args"][0]["y"]:
            assert len(y) <= 250
            assert all(round(v, 3) == v for v in y)


def test_explorer_static_view_in_the_book(monkeypatch):
    monkeypatch.setenv(BUILD_ENV, "1")
    ex = explorer(nerve="median", preset="cidp")
    bundle = ex._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    html = bundle["text/html"]
    assert "Plotly.newPlot" in html and "updatemenus" in html and "sliders" in html
    assert "application/vnd.jupyter.widget" not in html
    assert ex.alt in bundle["text/plain"] and "aria-label" in html


def test_explorer_live_view_is_a_widget(monkeypatch):
    monkeypatch.delenv(BUILD_ENV, raising=False)
    bundle = explorer(nerve="ulnar", preset="mmn")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_live_widget_updates_traces_and_verdict_in_place():
    from widgets.conduction.views import ConductionExplorer

    ex = ConductionExplorer("ulnar", "mmn")
    fig = ex.figure
    y_before = list(fig.data[1].y)
    verdict_before = ex.verdict.value
    assert "definite" in verdict_before
    ex.segment_controls["forearm"]["block"].value = 0
    assert ex.figure is fig  # same FigureWidget, data replaced in place
    assert list(fig.data[1].y) != y_before
    assert max(fig.data[1].y) > max(y_before)  # below-elbow CMAP recovers
    assert ex.verdict.value != verdict_before and "normal study" in ex.verdict.value
    assert ex.preset.value == "custom"
    ex.preset.value = "martin_gruber"
    assert "Martin" in ex.verdict.value
    ex.nerve.value = "tibial"  # the Martin–Gruber preset is ulnar-only: back to custom settings
    assert ex.preset.value == "custom"
    assert len([t for t in fig.data if t.visible]) == 2  # ankle and knee
    assert "<table" in ex.table.value


def test_presenter_mode_big_fonts_thick_lines_few_controls():
    from widgets.conduction.views import ConductionExplorer

    normal = ConductionExplorer("ulnar", "mmn")
    big = ConductionExplorer("ulnar", "mmn", presenter=True)
    assert big.figure.layout.font.size >= 20 > normal.figure.layout.font.size
    assert big.figure.data[0].line.width >= 4
    controls = big.widget.children[1].children
    assert 2 <= len(controls) <= 4
    assert "mmn-presenter" in big.widget._dom_classes
    big.segment_controls["forearm"]["block"].value = 20
    assert "definite" not in big.verdict.value.split("</p>")[0]


def test_study_figure_accessible_styles_and_units():
    s = simulate("ulnar", preset="mmn")
    fig = study_figure(s, title="MMN, ulnar")
    assert fig.layout.title.text == "MMN, ulnar"
    assert "ms" in fig.layout.xaxis.title.text and "mV" in fig.layout.yaxis.title.text
    assert len(fig.data) == MAX_SITES
    visible = [t for t in fig.data if t.visible]
    assert len(visible) == len(s.sites)
    colors = {t.line.color for t in visible}
    dashes = {t.line.dash for t in visible}
    assert len(colors) == len(visible) and len(dashes) == len(visible)  # colour and dash both distinguish
    for c in colors:
        assert palette.contrast_ratio(c, palette.BACKGROUND) >= 3.0
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "Below elbow" in texts and "mV" in texts and "MMN" in texts


def test_measurement_table_is_accessible_and_flags_abnormal_values():
    s = simulate("median", preset="als")
    html = measurement_table_html(s)
    assert html.count("<caption>") == 3
    assert len(re.findall(r'<th scope="row">', html)) >= len(s.sites) + len(s.segments)
    assert '<th scope="col">Onset latency (ms)</th>' in html
    assert "below typical limit" in html  # the low ALS amplitude is said in words
    assert "below typical limit" not in measurement_table_html(simulate("median"))


# ---- the two controls never contradict each other (student UX review, P1 item 5)


def test_scenario_moves_the_slider_to_its_own_block_and_the_slider_switches_to_custom(static_fig):
    from widgets.conduction.presets import get_preset

    menu = static_fig["layout"]["updatemenus"][0]
    steps = static_fig["layout"]["sliders"][0]["steps"]
    custom = [i for i, b in enumerate(menu["buttons"]) if b["label"].startswith("Custom")]
    assert len(custom) == 1 and menu["buttons"][custom[0]]["method"] == "update"  # "Custom" does something
    for i, b in enumerate(menu["buttons"]):
        layout = b["args"][1]
        assert layout["updatemenus[0].active"] == i
        if i == custom[0]:
            assert layout["sliders[0].active"] == 0
            continue
        name = [k for k, p in PRESETS.items() if p.title == b["label"]][0]
        block = max((les.block for les in get_preset(name).lesions_for("ulnar") if les.segment == "forearm"),
                    default=0.0)
        # "Normal nerve" can no longer sit beside "Block 90%": the slider reads the scenario's own block
        assert steps[layout["sliders[0].active"]]["label"] == f"{block:.0%}", name
    for s in steps:  # moving the slider visibly switches the menu to "Custom" and the title says so
        assert s["args"][1]["updatemenus[0].active"] == custom[0]
        assert s["args"][1]["title.text"].startswith("Custom")


def test_mmn_scenario_and_slider_at_the_same_block_draw_the_same_traces(static_fig):
    menu = static_fig["layout"]["updatemenus"][0]
    mmn = [b for b in menu["buttons"] if b["label"] == PRESETS["mmn"].title][0]
    step = static_fig["layout"]["sliders"][0]["steps"][mmn["args"][1]["sliders[0].active"]]
    assert step["label"] == "70%"
    assert step["args"][0]["y"] == mmn["args"][0]["y"]  # no jump when the student first touches the slider


def test_every_state_draws_the_verdict_of_the_traces_it_draws(static_fig):
    from widgets.conduction.figures import verdict_block
    from widgets.conduction.precomputed import preset_nerve

    menu = static_fig["layout"]["updatemenus"][0]
    for b in menu["buttons"]:
        name = [k for k, p in PRESETS.items() if p.title == b["label"]]
        if not name:
            continue
        study = simulate(preset_nerve(name[0], "ulnar"), preset=name[0])
        assert _verdict(b["args"][1]) == verdict_block(study)


def test_not_gradeable_is_said_plainly_never_no_block():
    from widgets.conduction import Lesion
    from widgets.conduction.checklist import checklist
    from widgets.conduction.figures import checklist_html, verdict_block

    s = simulate("median", lesions=(Lesion("forearm", block=0.6),), axon_loss=0.92)
    assert s.sites[0].amplitude_mv < 1.0  # below the EFNS/PNS 2010 floor (>1 mV and >20% of LLN)
    c = checklist(s)
    assert c.outcome == "not gradeable"
    assert c.mmn[0].met is False and all(k.met is None for k in c.mmn[1:-1])
    assert "NOT GRADEABLE" in verdict_block(s) and "NO BLOCK" not in verdict_block(s)
    assert "not gradeable" in checklist_html(s) and "not gradeable" in measurement_table_html(s)


def test_checklist_numbers_and_thresholds_come_from_the_study_and_the_criteria_table():
    from widgets.conduction.checklist import checklist
    from widgets.conduction.criteria import CRITERIA, pct

    s = simulate("ulnar", preset="mmn")
    c = checklist(s)
    seg = s.segment("forearm")
    assert c.segment == "forearm" and c.outcome == "definite block"
    area = [k for k in c.mmn if k.rule.startswith("area drop")][0]
    assert f"{pct(CRITERIA.block.definite_area_reduction)}" in area.rule
    assert area.value == pct(seg.block.area_reduction) and area.met is True
    assert [k.met for k in c.cidp] == [i.met for i in s.cidp.items]


def test_checklist_and_titles_fit_a_phone_screen(static_fig):
    menu = static_fig["layout"]["updatemenus"][0]
    for b in [*menu["buttons"], *static_fig["layout"]["sliders"][0]["steps"]]:
        layout = b["args"][1]
        for line in _verdict(layout).split("<br>"):
            plain = re.sub(r"<[^>]+>", "", line)
            assert len(plain) <= 56, plain  # about 56 characters of 12 px text fit 390 px
        for line in layout["title.text"].split("<br>"):
            assert len(re.sub(r"<[^>]+>", "", line)) <= 40


def test_live_view_shows_the_checklist_and_not_gradeable():
    from widgets.conduction.views import ConductionExplorer

    ex = ConductionExplorer("median", None)
    ex.segment_controls["forearm"]["block"].value = 60
    assert "definite block" in ex.verdict.value and "mmn-checklist" in ex.verdict.value
    ex.axon_loss.value = 95
    assert "not gradeable" in ex.verdict.value


def test_live_view_shows_f_waves_and_loses_them_above_a_proximal_block():
    from widgets.conduction.views import ConductionExplorer

    ex = ConductionExplorer("ulnar", None)
    assert "Minimal latency" in ex.fwaves.value
    ex.segment_controls["plexus"]["block"].value = 100
    assert "No F-wave" in ex.fwaves.value
