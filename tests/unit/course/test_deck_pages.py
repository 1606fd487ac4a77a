"""The lecture deck's newer parts without a browser (issue 19): plotly's front end served once, the
differential page's case buttons, the class link's QR code, and ``present.sh --join-url / --poll``.

The same parts in a real browser: ``tests/live/test_live_presenter.py``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest
from support.paths import ROOT

from widgets import deck_join, plotly_bundle


# ------------------------------------------------------------------------------------------- plotly bundle
def test_the_bundle_is_staged_with_a_content_version(tmp_path):
    path = plotly_bundle.stage(tmp_path / "static")
    staged = tmp_path / "static" / plotly_bundle.FILENAME
    assert staged.read_bytes() == plotly_bundle.source().read_bytes()
    assert re.fullmatch(r"voila/static/mmn-plotly-widgetbundle\.js\?v=[0-9a-f]{16}", path), path
    assert plotly_bundle.stage(tmp_path / "again") == path, "same file, same version"


def test_in_the_deck_a_figure_loads_the_served_bundle_and_elsewhere_keeps_it_inline(monkeypatch):
    import plotly.graph_objects as go

    monkeypatch.delenv(plotly_bundle.ENV, raising=False)
    fig = go.FigureWidget()
    inline = fig._esm
    assert len(inline) > 1_000_000 and not plotly_bundle.serve_from_deck(fig) and fig._esm == inline
    monkeypatch.setenv(plotly_bundle.ENV, "voila/static/mmn-plotly-widgetbundle.js?v=0123456789abcdef")
    assert plotly_bundle.serve_from_deck(fig)
    assert len(fig._esm) < 1000 and "import(url)" in fig._esm and "export default mod.default" in fig._esm
    assert '"voila/static/mmn-plotly-widgetbundle.js?v=0123456789abcdef"' in fig._esm
    assert "baseUrl" in fig._esm, "resolved against the page's base URL (a hub prefix, a proxy)"
    assert "http" not in fig._esm, "no CDN, no fixed host"


def test_present_serves_the_bundle_only_in_the_deck(monkeypatch):
    import ipywidgets as W
    import plotly.graph_objects as go

    from widgets.presenter import figures, present

    def view():
        return W.VBox([W.FloatSlider(description="Dose"), go.FigureWidget(go.Figure(go.Scatter(y=[1, 2])))])

    monkeypatch.setenv(plotly_bundle.ENV, "voila/static/mmn-plotly-widgetbundle.js?v=0123456789abcdef")
    shown = figures(present(view()).view)
    assert len(shown) == 1 and len(shown[0]._esm) < 1000
    monkeypatch.delenv(plotly_bundle.ENV)
    shown = figures(present(view()).view)
    assert len(shown) == 1 and len(shown[0]._esm) > 1_000_000, "JupyterLab: plotly's bundle inline"


@pytest.mark.parametrize("bad", ["http://cdn.example/x.js", "../x.js", "/abs.js", "a b.js", "", None, "x.js?v=zz"])
def test_the_loader_takes_only_a_relative_address(bad):
    with pytest.raises(ValueError, match="path"):
        plotly_bundle.loader_esm(bad)


# ------------------------------------------------------------------------------------------- differential
#: The diagnosis chapter 9 gives each patient, as the deck's verdicts must show it.
EXPECTED = {
    "mr_a": ("mmn", "definite"),
    "mrs_b": ("als", None),
    "ms_c": ("lewis_sumner", None),
    "mr_d": ("cidp", None),
    "mr_e": ("mmn", "possible"),
}


def test_each_case_button_gives_the_diagnosis_of_its_chapter_9_case():
    from widgets.differential import compatible, evaluate
    from widgets.differential.deck import CASES, preset_findings

    assert [c.key for c in CASES] == list(EXPECTED)
    for case in CASES:
        findings = preset_findings(case)
        dx, category = EXPECTED[case.key]
        assert compatible(findings) == [dx], (case.key, compatible(findings))
        if category:
            assert evaluate(findings)["mmn"].category.key == category


def test_mr_e_preset_matches_the_findings_the_chapter_test_holds():
    """Mr E's findings are held to chapter 9's text by tests/unit/course/test_clinical_cases.py (MR_E)."""
    from widgets.differential.deck import CASES

    mr_e = {"distribution": "several_nerves", "symmetry": "asymmetric", "tempo": "eight_weeks_or_more",
            "sensory_loss": "none", "umn_signs": "absent", "bulbar": "absent", "cramps_fasciculations": "present",
            "conduction_block": "absent", "sensory_conduction": "normal", "anti_gm1": "negative",
            "ivig_response": "improved"}
    assert dict(next(c for c in CASES if c.key == "mr_e").findings) == mr_e


def test_deck_markup_has_a_list_per_finding_hidden_radios_and_numbered_case_buttons():
    from widgets.differential import FINDINGS
    from widgets.differential.deck import CASES, deck_explorer, deck_html

    html = deck_html(uid="deck-ddx")
    assert html.count('<select class="mmn-ddx-select"') == len(FINDINGS)
    assert html.count('<div class="mmn-ddx-options" hidden>') == len(FINDINGS), "radios stay for differential.js"
    assert html.count('type="radio"') == sum(len(f.values) for f in FINDINGS)
    labels = re.findall(r'class="mmn-preset-button"[^>]*>([^<]+)</button>', html)
    assert labels == [f"{n} · {c.label}" for n, c in zip("123456", CASES)] + ["6 · Clear"]
    presets = [json.loads(p.replace("&quot;", '"')) for p in re.findall(r"data-mmn-ddx-preset='([^']+)'", html)]
    assert all(set(p) == {f.key for f in FINDINGS} for p in presets), "every finding set, unknown included"
    assert set(presets[-1].values()) == {"unknown"}
    bundle = deck_explorer()._repr_mimebundle_()
    assert "differential.js" not in bundle["text/html"] and "window.mmnDifferential" in bundle["text/html"]


# ------------------------------------------------------------------------------------------- join QR
URL = "https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fx%2Fmmn&urlpath=lab"


def test_the_join_card_shows_the_link_and_its_qr_code(monkeypatch):
    from classpoll.qr import qr_matrix

    monkeypatch.setenv(deck_join.JOIN_ENV, URL)
    html = deck_join.join_card()
    assert html.startswith('<div class="mmn-join"') and "<svg" in html and 'role="img"' in html
    assert f'href="{URL.replace("&", "&amp;")}"' in html and "Q: large" in html
    modules = len(qr_matrix(URL))
    assert f'viewBox="0 0 {modules + 8} {modules + 8}"' in html, "the SVG is the QR code of this link"
    assert 'aria-expanded="false"' in html


def test_no_join_link_no_card(monkeypatch):
    monkeypatch.delenv(deck_join.JOIN_ENV, raising=False)
    assert deck_join.join_card() == "" and deck_join.show_join_card() is False


@pytest.mark.parametrize("bad", ["ftp://x.org", "hub.example.org", "https://a b", 'https://x"y', "https://" + "a" * 200,
                                 None, 3])
def test_a_bad_join_link_is_refused(bad):
    with pytest.raises(ValueError, match="join url"):
        deck_join.check_url(bad)


def test_the_first_deck_page_shows_the_join_card_and_the_third_the_case_buttons():
    import nbformat

    first = nbformat.read(ROOT / "presenter" / "01_nerve_conduction.ipynb", as_version=4)
    assert any("show_join_card()" in c.source for c in first.cells if c.cell_type == "code")
    third = nbformat.read(ROOT / "presenter" / "03_differential_diagnosis.ipynb", as_version=4)
    assert any("present(deck_explorer())" in c.source for c in third.cells if c.cell_type == "code")


# ------------------------------------------------------------------------------------------- kernels
def test_the_culler_spares_a_kernel_once_when_it_first_meets_it(monkeypatch):
    """A preheated kernel handed to a page keeps its old activity time: the culler must not end it then."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from datetime import datetime, timedelta, timezone
    from types import SimpleNamespace

    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    from deck.kernels import DeckKernelManager

    def run(coroutine):  # in a thread of its own: a worker that ran Playwright has a running loop in this one
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, coroutine).result()

    culled = []

    async def cull(self, kernel_id):
        culled.append(kernel_id)

    monkeypatch.setattr(AsyncMappingKernelManager, "cull_kernel_if_idle", cull)
    km = DeckKernelManager()
    heated = datetime.now(timezone.utc) - timedelta(minutes=5)
    km._kernels["k1"] = SimpleNamespace(last_activity=heated)
    run(km.cull_kernel_if_idle("k1"))
    assert culled == [] and km._kernels["k1"].last_activity > heated, "first look: the idle clock restarts"
    run(km.cull_kernel_if_idle("k1"))
    assert culled == ["k1"], "afterwards the usual rules apply"
    script = (ROOT / "scripts" / "present.sh").read_text()
    assert "multi_kernel_manager_class=deck.kernels.DeckKernelManager" in script


# ------------------------------------------------------------------------------------------- present.sh
@pytest.mark.parametrize("args", [
    ["--join-url", "ftp://x.org"], ["--join-url", "hub.example.org/x"], ["--join-url=https://a b"],
    ["--join-url", "https://" + "a" * 200], ["--join-url"], ["--join-url="], ["--poll", "127.0.0.1:8890"],
    ["--poll"], ["--poll=javascript:alert(1)"],
])
def test_present_sh_refuses_a_bad_join_link_or_poll_address(args):
    env = {**os.environ, "MMN_SKIP_SETUP": "1"}
    out = subprocess.run(["bash", str(ROOT / "scripts" / "present.sh"), *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 2 and "present:" in out.stderr, (args, out.returncode, out.stderr)


def test_present_sh_hands_the_links_and_the_bundle_to_the_kernels():
    script = (ROOT / "scripts" / "present.sh").read_text()
    assert "export MMN_PRESENT_THEME=$theme MMN_PRESENT_SCALE=$scale MMN_PRESENT_JOIN_URL=$join_url" in script
    assert "export CLASSPOLL_URL=$poll_url" in script
    assert "MMN_PLOTLY_BUNDLE=$(.venv/bin/python -m widgets.plotly_bundle" in script
    assert deck_join.JOIN_ENV == "MMN_PRESENT_JOIN_URL" and plotly_bundle.ENV == "MMN_PLOTLY_BUNDLE"
