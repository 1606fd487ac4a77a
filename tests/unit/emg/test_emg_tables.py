"""The EMG table the book exports for the browser (book/_ext/mmn_book/emg_tables.py): one table, light, faithful.

The browser parity itself is tested in tests/browser/test_emg_parity.py; here, without a browser: the templates
decode to the model's within the stated 0.1 µV step, the values come from widgets.emg (not copies), the file
stays within its weight budget, and only pages with the EMG views load the EMG scripts.
"""

from __future__ import annotations

import json
import sys
from types import SimpleNamespace

import numpy as np
import pytest

from support.paths import ROOT

sys.path.insert(0, str(ROOT / "book" / "_ext"))

from mmn_book import emg_tables  # noqa: E402

from widgets.emg.model import _muscle  # noqa: E402
from widgets.emg.presets import PRESETS  # noqa: E402
from widgets.emg.reference_values import FIRING, MUSCLES, NORMAL_MUP, READING, REGIONS  # noqa: E402
from widgets.emg.regions import read_muscle  # noqa: E402
from widgets.emg.static import BOOK_MUSCLES  # noqa: E402

#: Weight budget of emg-table.js (bytes): the page budget is 1.5 MB beyond plotly.js (mmn_book.budgets).
TABLE_BUDGET_BYTES = 800_000


@pytest.fixture(scope="module")
def table():
    return emg_tables.table()


def _decode(enc: list[int], n: int) -> np.ndarray:
    out = np.zeros(n)
    seg = np.cumsum(np.cumsum(enc[1:])) * emg_tables.TEMPLATE_STEP_UV
    out[enc[0]: enc[0] + seg.size] = seg
    return out


def test_one_screen_per_book_patient_and_muscle_with_the_models_templates(table):
    keys = [(s["preset"], s["muscle"]) for s in table["screens"]]
    assert keys == [(p, m) for p in PRESETS for m in BOOK_MUSCLES.get(p, ())]
    worst = 0.0
    for scr in table["screens"]:
        m = _muscle(scr["muscle"], PRESETS[scr["preset"]].state(scr["muscle"]), scr["seed"], 0)
        assert scr["templates"], scr["preset"]
        for u, variants in scr["templates"].items():
            for enc, tpl in zip(variants, m.templates[int(u)]):
                worst = max(worst, float(np.max(np.abs(_decode(enc, tpl.size) - tpl))))
    assert worst <= emg_tables.TEMPLATE_STEP_UV / 2 + 1e-9


def test_reference_values_and_findings_come_from_the_python_tables(table):
    ref = table["reference"]
    assert ref["duration_range_ms"] == list(NORMAL_MUP.duration_range_ms)
    assert ref["reduced_ratio"] == FIRING.reduced_ratio and ref["recruitment_upper_hz"] == FIRING.recruitment_upper_hz
    assert ref["polyphasic_fraction"] == READING.polyphasic_fraction
    assert table["regions"] == list(REGIONS) and set(table["muscles"]) == set(MUSCLES)
    f = read_muscle("fdi", "als_cervical", seed=table["regions_seed"])
    assert table["findings"]["als_cervical"]["fdi"]["dur"] == f.mup_duration_ms
    assert table["findings"]["als_cervical"]["fdi"]["units_firing"] == f.units_firing


def test_the_table_script_is_valid_and_within_its_budget():
    text = emg_tables.table_js()
    assert text.startswith("window.MMN_EMG_TABLE=") and text.rstrip().endswith(";")
    json.loads(text[len("window.MMN_EMG_TABLE="):].rstrip().rstrip(";"))
    assert "</" not in text
    assert len(text.encode()) <= TABLE_BUDGET_BYTES, f"{len(text.encode())} bytes"


def test_only_pages_with_an_emg_view_keep_the_emg_scripts():
    from mmn_book.page_assets import trim_page_assets

    class Js:
        def __init__(self, name):
            self.filename, self.attributes, self.priority = f"_static/{name}", {}, 640

    def kept(body: str) -> list[str]:
        ctx = {"body": body, "css_files": [], "script_files": [Js(n) for n in emg_tables.ASSETS]}
        app = SimpleNamespace(builder=SimpleNamespace(name="html"), confdir=".",
                              config=SimpleNamespace(mathjax_path="", html_theme_options={}, html_static_path=[]))
        trim_page_assets(app, "x", "page.html", ctx, None)
        return [j.filename.rsplit("/", 1)[-1] for j in ctx["script_files"]]

    assert kept("<p>No EMG here.</p>") == []
    from widgets.emg.static import kernel_free_html, sample_patient_html

    assert kept(kernel_free_html()) == list(emg_tables.ASSETS)
    assert kept(sample_patient_html()) == list(emg_tables.ASSETS)
