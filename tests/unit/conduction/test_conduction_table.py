"""The data table the browser conduction model reads (mmn_book.model_tables): one export of the Python numbers."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from mmn_book import model_tables
from widgets.conduction.criteria import threshold_rows
from widgets.conduction.patterns import TEMPLATES
from widgets.conduction.pool import motor_pool, sensory_pool
from widgets.conduction.presets import PRESETS
from widgets.conduction.reference_values import NERVES


@pytest.fixture(scope="module")
def table():
    return json.loads(json.dumps(model_tables.table(model_tables.PARITY_SEEDS)))  # as the browser reads it


def _decode(s: str, dtype: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(s), dtype=dtype)


def test_table_is_plain_json_without_nan(table):
    text = model_tables.table_js()
    assert text.startswith("window.MMN_NCS_TABLE={") and text.endswith("};\n")
    json.loads(text[len("window.MMN_NCS_TABLE="):-2])  # allow_nan=False at export: no NaN or Infinity


def test_every_threshold_template_and_preset_is_exported(table):
    for part, name, value, _source, _note in threshold_rows():
        exported = table["criteria"][part][name]
        assert exported == (list(value) if isinstance(value, tuple) else value), (part, name)
    assert set(table["templates"]) == set(TEMPLATES)
    assert set(table["presets"]) == set(PRESETS)
    for name, p in PRESETS.items():
        assert table["presets"][name]["nerves"] == list(p.nerves)


@pytest.mark.parametrize("nerve", tuple(NERVES))
def test_exported_people_are_the_python_pools(table, nerve):
    spec = table["nerves"][nerve]
    assert [p["seed"] for p in spec["people"]] == list(model_tables.PARITY_SEEDS)
    for who in spec["people"]:
        mp, sp = motor_pool(nerve, who["seed"]), sensory_pool(nerve, who["seed"])
        m, s = who["motor"], who["sensory"]
        assert m["n"] == mp.n == who["motor_units"] and s["n"] == sp.n
        np.testing.assert_allclose(_decode(m["cv"], "<f4"), mp.cv_m_s, rtol=1e-7)
        np.testing.assert_allclose(_decode(s["size"], "<f4"), sp.size, rtol=1e-7)
        np.testing.assert_allclose(_decode(m["u_disp"], "<f4").reshape(mp.u_disp.shape), mp.u_disp, rtol=1e-7)
        # draws compared with a setting keep every comparison with a setting on the 0.001 grid
        steps = table["compare_steps"]
        for key, arr in (("u_block", mp.u_block.ravel()), ("u_loss", mp.u_loss), ("u_cross", mp.u_cross)):
            q = (_decode(m[key], "<u2").astype(float) + 0.5) / steps
            for setting in np.arange(0, 1001) / steps:
                assert np.array_equal(q < setting, arr < setting), (key, setting)
        rank = _decode(m["rank"], "<u2")
        np.testing.assert_array_equal((rank + 0.5) / mp.n, mp.threshold)


def test_table_stays_small():
    """It is loaded by chapter 4 only; the page budget (1.5 MB) holds the chapter, the table and the scripts."""
    assert len(model_tables.table_js().encode()) < 200_000
