"""The browser conduction model is small modules joined into ONE served script (issue 20).

The parts live in book/_ext/mmn_book/js/conduction/ (one per thing modelled, each under ~400 lines);
its frame (js/conduction/conduction-model.js) names them on its ``// @parts`` line and widgets.assets.bundle
joins them, in that order, into conduction-model.js, the one script a page loads (file:// friendly). Each part registers a factory on MMNConductionParts; simulate.js calls them in its
ORDER, each reading what the earlier ones export. Behaviour is held to Python by tests/browser/test_conduction_parity.py.
"""

from __future__ import annotations

import re

from mmn_book import model_tables

FOLDER = model_tables.STATIC_DIR / "conduction"


def test_every_part_exists_is_small_and_is_joined_in_order():
    parts = model_tables.CONDUCTION_PARTS
    assert sorted(p.name for p in FOLDER.glob("*.js")) == sorted((*parts, "conduction-model.js"))
    joined = model_tables.script_source("conduction-model.js")
    at = 0
    for name in parts:
        text = (FOLDER / name).read_text(encoding="utf-8")
        assert text.count("\n") <= 400, name
        at = joined.index(text, at)  # each part, whole, after the previous one
    assert not (model_tables.STATIC_DIR / "conduction-model.js").exists()  # one source of truth: the parts


def test_the_wiring_calls_every_registered_factory_after_what_it_reads():
    order = re.search(r"var ORDER = \[([^\]]*)\]", (FOLDER / "simulate.js").read_text(encoding="utf-8")).group(1)
    order = re.findall(r'"(\w+)"', order)
    registered = {}
    for name in model_tables.CONDUCTION_PARTS:
        text = (FOLDER / name).read_text(encoding="utf-8")
        for factory in re.findall(r"parts\.(\w+) = function", text):
            registered[factory] = text
    assert sorted(order) == sorted(registered)
    exported: set[str] = set(re.findall(r"(\w+): \w+", re.search(
        r"parts\.format = \{([^}]*)\}", (FOLDER / "format.js").read_text(encoding="utf-8")).group(1)))
    for factory in order:  # a factory reads M.x only for x exported by an earlier part
        text = registered[factory]
        reads = set(re.findall(r"= M\.(\w+)", text))
        assert reads <= exported, (factory, reads - exported)
        exported |= set(re.findall(r"(\w+): \w+", text[text.rindex("return {"):]))
