"""The table the book exports for the browser's IVIg model, and the rule that the JavaScript types no number.

The browser implementation (``book/_ext/mmn_book/js/ivig-model.js``) must read every model number from the
table written from Python (``mmn_book.ivig_tables``); its agreement with the Python model is tested in
``tests/browser/test_ivig_parity.py``.
"""

from __future__ import annotations

import dataclasses
import json
import re

from mmn_book.ivig_tables import ASSETS, JS_DIR, MARKER, SCRIPTS, STYLESHEET, ivig_table, table_js, write_assets

from widgets.ivig.explorer_state import PERSON_SEEDS, people
from widgets.ivig.parameters import PK, RESPONSE
from widgets.ivig.patients import Patient, person

#: Numbers the scripts may write: counting (0, 1, 2), units (7 days a week, 52 weeks a year, 100 %), Python's own
#: numerics mirrored (the half step of the Strang splitting, ``ceil(dose - 1e-9)``, six digits of ``:g``, groups of
#: 3 digits, grams rounded to micrograms with 1e6), drawing only (at least 60 min/max buckets per curve, 800 px
#: when the plot's width is not known yet), and nothing else: every model number comes from the table.
ALLOWED = {"0", "1", "2", "3", "6", "7", "52", "100", "0.0", "0.5", "1.0", "7.0", "100.0", "1e-9", "1e6", "60", "800"}
NUMBER = re.compile(r"(?<![\w.$#-])(\d+(?:\.\d+)?(?:e-?\d+)?|0x[0-9a-f]+)(?![\w.])")


def _code(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"(?m)//.*$", "", text)
    return re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)


def test_the_model_script_types_no_model_number():
    for name in SCRIPTS:
        numbers = set(NUMBER.findall(_code((JS_DIR / name).read_text(encoding="utf-8"))))
        assert numbers <= ALLOWED, (name, sorted(numbers - ALLOWED))


def test_the_table_carries_the_python_parameters_and_the_sampled_people():
    table = ivig_table()
    assert table["pk"]["fcrn_saturation_g_l"] == PK.fcrn_saturation_g_l
    assert table["pk"]["step_days"] == PK.step_days
    assert table["response"]["max_relief"] == dict(RESPONSE.max_relief)
    assert len(table["people"]) == len(PERSON_SEEDS)
    # a seed is a person: the exported people are the Python ones, field by field
    assert table["people"][0]["seed"] == Patient().seed
    for seed, exported, p in zip(PERSON_SEEDS, table["people"], people(), strict=True):
        assert {k: exported[k] for k in dataclasses.asdict(p)} == dataclasses.asdict(p)
        if seed is not None:
            assert p == person(seed)


def test_table_js_is_one_global_of_plain_json(tmp_path):
    text = table_js()
    head, _, body = text.partition("window.MMN_IVIG_TABLE=")
    assert body.endswith(";\n") and "generated" in head
    assert json.loads(body[:-2]) == json.loads(json.dumps(ivig_table()))
    write_assets(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(a for a in ASSETS if a.endswith(".js"))
    from widgets.assets import css_files

    assert STYLESHEET in css_files()  # a package asset: served once per page, whole on the print page


def test_pages_with_an_explorer_are_the_ones_that_load_its_scripts():
    from mmn_book.page_assets import FEATURE_ASSETS

    from widgets.ivig.static import explorer_html

    assert (MARKER, ASSETS) in FEATURE_ASSETS
    assert MARKER in explorer_html()
