"""The body map: each disease's pattern matches its definition, and the static figure's controls work."""

from __future__ import annotations

import json

import plotly.io as pio
import pytest

from widgets.bodymap import DISEASES, YEARS, explorer, explorer_figure, figure, pattern
from widgets.bodymap.figures import GRADE_COLOURS, GRADE_PATTERNS, STATE_TRACES, state
from widgets.bodymap.patterns import Finding
from widgets.bodymap.regions import NEIGHBOURS, REGION_IDS, REGIONS, are_neighbours, mirror_id, region

ARM_SEGMENTS = {"shoulder", "upper_arm", "forearm", "hand"}


def affected(disease: str, year: int) -> set[str]:
    return {rid for rid, f in pattern(disease).findings(year).items() if f.weakness > 0}


def connected(ids: set[str]) -> bool:
    """True if the regions form one territory through neighbouring regions."""
    if not ids:
        return True
    seen, todo = set(), [next(iter(ids))]
    while todo:
        a = todo.pop()
        if a in seen:
            continue
        seen.add(a)
        todo.extend(b for b in ids if b not in seen and are_neighbours(a, b))
    return seen == ids


# --- regions ---------------------------------------------------------------------------------


def test_regions_cover_both_sides_and_mirror():
    sides = {r.side for r in REGIONS}
    assert sides == {"right", "left", "midline"}
    for r in REGIONS:
        m = region(mirror_id(r.id))
        assert m.segment == r.segment
        if r.side != "midline":
            assert m.side != r.side
            # drawn as a mirror image: the patient's right on the reader's left
            assert all(abs(x1 + x2) < 1e-9 and y1 == y2 for (x1, y1), (x2, y2) in zip(r.outline, m.outline))
            assert (r.centre[0] < 0) == (r.side == "right")


def test_neighbours_are_symmetric_and_known():
    for pair in NEIGHBOURS:
        a, b = tuple(pair)
        assert a in REGION_IDS and b in REGION_IDS and a != b
        assert are_neighbours(b, a)
    assert are_neighbours("right_hand", "right_forearm")
    assert not are_neighbours("right_hand", "right_shoulder")
    assert not are_neighbours("bulbar", "right_leg_distal")


def test_unknown_region_raises_naming_the_parameter():
    with pytest.raises(ValueError, match="region_id"):
        region("tail")


# --- the diseases' patterns match their definitions --------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_mmn_is_asymmetric_motor_and_spares_bulbar_at_every_time_point(year):
    findings = pattern("mmn").findings(year)
    weak = {rid for rid, f in findings.items() if f.weakness}
    assert weak, "MMN shows weakness from onset"
    asymmetric = [rid for rid in REGION_IDS if findings[rid].weakness != findings[mirror_id(rid)].weakness]
    assert asymmetric, f"MMN must be asymmetric at year {year}"
    assert findings["bulbar"] == Finding(), "no bulbar involvement in MMN"
    assert not any(f.sensory_loss for f in findings.values()), "no sensory loss in MMN"
    assert not any(f.umn_signs for f in findings.values()), "no upper motor neuron signs in MMN"
    assert "left_leg_proximal" not in weak and "right_leg_proximal" not in weak, "never proximal in the legs"
    arms = sum(f.weakness for rid, f in findings.items() if region(rid).limb == "arm")
    legs = sum(f.weakness for rid, f in findings.items() if region(rid).limb == "leg")
    assert arms > legs, "MMN is upper-limb predominant"


def test_mmn_starts_distally_in_an_arm_and_adds_nerve_territories():
    assert affected("mmn", 0) <= {"right_hand", "left_hand", "right_forearm", "left_forearm"}
    for earlier, later in zip(YEARS, YEARS[1:]):
        assert affected("mmn", earlier) < affected("mmn", later)
    notes = {f.note for f in pattern("mmn").findings(YEARS[-1]).values() if f.weakness}
    assert all("nerve territory" in n for n in notes), "every MMN region is labelled with its nerve"


@pytest.mark.parametrize("year", YEARS)
def test_cidp_is_symmetric_proximal_and_distal_with_sensory_loss(year):
    findings = pattern("cidp").findings(year)
    for rid, f in findings.items():
        assert f == findings[mirror_id(rid)], f"CIDP must be symmetric: {rid} differs from its mirror"
    weak_segments = {region(rid).segment for rid, f in findings.items() if f.weakness}
    assert {"hand", "leg_distal"} <= weak_segments, "distal weakness"
    assert weak_segments & {"shoulder", "upper_arm", "leg_proximal"}, "proximal weakness"
    limbs_with_sensory_loss = {(region(rid).side, region(rid).limb) for rid, f in findings.items() if f.sensory_loss}
    assert len(limbs_with_sensory_loss) >= 2, "sensory involvement of at least two limbs"
    assert findings["bulbar"] == Finding()
    assert not any(f.umn_signs for f in findings.values())


def test_als_spreads_through_contiguous_regions_and_gains_umn_and_bulbar_signs():
    previous: set[str] = set()
    for year in YEARS:
        now = affected("als", year)
        assert previous <= now, f"ALS weakness does not recede (year {year})"
        assert connected(now), f"ALS territory must be contiguous at year {year}: {sorted(now)}"
        for new in now - previous:
            if previous:
                assert any(are_neighbours(new, b) for b in now - {new}), f"{new} appears out of contact"
        previous = now
    last = pattern("als").findings(YEARS[-1])
    assert last["bulbar"].weakness > 0 or any(f.umn_signs for f in last.values())
    assert last["bulbar"].weakness > 0 and any(f.umn_signs for f in last.values())
    assert not any(f.sensory_loss for y in YEARS for f in pattern("als").findings(y).values())
    assert len(affected("als", YEARS[-1])) > len(affected("mmn", YEARS[-1]))


def test_mmn_is_not_contiguous_like_als():
    assert not connected(affected("mmn", YEARS[-1])), "MMN picks single nerves, not a spreading territory"


def test_a_broken_pattern_would_fail_the_checks():
    """The checks above can fail: a symmetric 'MMN' and a jumping 'ALS' are caught."""
    sym = {"right_hand": Finding(1), "left_hand": Finding(1)}
    assert all(sym[r].weakness == sym[mirror_id(r)].weakness for r in sym)
    assert not connected({"right_hand", "left_leg_distal"})


# --- figure ------------------------------------------------------------------------------------


def test_invalid_disease_or_year_raises_naming_the_parameter():
    with pytest.raises(ValueError, match="disease"):
        figure("polio", 0)
    with pytest.raises(ValueError, match="year"):
        figure("mmn", 2)
    with pytest.raises(ValueError, match="year"):
        figure("mmn", True)
    with pytest.raises(ValueError, match="disease"):
        explorer_figure("gbs")
    assert figure("MMN", 0).layout.title.text.startswith("Multifocal motor neuropathy")


def test_figure_shows_grade_by_colour_pattern_and_number():
    fig = figure("mmn", 5)
    f = pattern("mmn").findings(5)
    for i, r in enumerate(REGIONS):
        g = f[r.id].weakness
        assert fig.data[i].fillcolor == GRADE_COLOURS[g]
        assert fig.data[i].fillpattern.shape == GRADE_PATTERNS[g]
    labels = fig.data[len(REGIONS)].text
    assert labels[REGIONS.index(region("right_hand"))] == "3"
    assert labels[REGIONS.index(region("bulbar"))] == ""
    assert len(set(GRADE_COLOURS)) == len(GRADE_COLOURS) and len(set(GRADE_PATTERNS)) == len(GRADE_PATTERNS)


def test_static_figure_has_a_disease_selector_for_all_three_diseases():
    fig = explorer_figure()
    menus = fig.layout.updatemenus
    assert len(menus) == 1
    labels = [b.label.lower() for b in menus[0].buttons]
    assert labels == list(DISEASES) == ["mmn", "als", "cidp"]
    last_fills = []
    for key, b in zip(DISEASES, menus[0].buttons):
        data, layout, traces = b.args
        assert list(traces) == list(STATE_TRACES)
        assert data == state(key, YEARS[0]), "a new disease starts at onset"
        assert pattern(key).name in layout["title.text"]
        steps = layout["sliders"][0]["steps"]
        assert steps[0]["args"][0] == data
        last_fills.append(tuple(steps[-1]["args"][0]["fillcolor"]))
    assert len(set(last_fills)) == 3, "each disease button gives the slider that disease's own steps"


def test_slider_steps_change_the_colours_and_match_the_state():
    fig = explorer_figure("als")
    steps = fig.layout.sliders[0].steps
    assert [s.label for s in steps] == ["at onset", "1 year", "3 years", "5 years"]
    fills = [tuple(s.args[0]["fillcolor"]) for s in steps]
    assert len(set(fills)) == len(steps), "every step of the slider changes the colours"
    for s, y in zip(steps, YEARS):
        assert s.args[0] == state("als", y)
        assert list(s.args[2]) == list(STATE_TRACES)
    # the update values line up with the traces they restyle
    for key, values in state("cidp", 3).items():
        assert len(values) == len(STATE_TRACES), key


def test_static_figure_is_small_and_kernel_free():
    fig = explorer_figure()
    payload = pio.to_json(fig)
    assert len(payload.encode()) < 300_000
    assert json.loads(payload)["layout"]["sliders"]
    html = explorer().static_html()
    assert "Plotly.newPlot" in html and "aria-label=" in html and "plotly.js v" not in html


def test_explorer_has_a_text_alternative_naming_each_disease():
    alt = explorer().alt
    for word in ("Multifocal motor neuropathy", "ALS", "CIDP", "sensory", "upper motor neuron"):
        assert word in alt


def test_live_view_updates_the_figure():
    pytest.importorskip("anywidget")
    from widgets.bodymap.views import live_view

    box = live_view()
    (disease, year), fig = box.children[0].children, box.children[1]
    disease.value = "cidp"
    year.value = 3
    assert fig.data[0].fillcolor == figure("cidp", 3).data[0].fillcolor
    assert fig.layout.title.text == figure("cidp", 3).layout.title.text


def test_split_hand_is_an_als_sign_not_an_mmn_nerve_pattern():
    """Issue 13: thenar + first dorsal interosseous wasting with hypothenar sparing points to ALS."""
    als_hand = [pattern("als").findings(y)["right_hand"].note for y in YEARS]
    assert all("split hand" in n for n in als_hand)
    mmn_notes = {f.note for y in YEARS for f in pattern("mmn").findings(y).values()}
    assert not any("split hand" in n for n in mmn_notes)
