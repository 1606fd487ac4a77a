"""Slide metadata of the chapters (``scripts/slide_metadata.py``): the rules, idempotence, the check."""

from __future__ import annotations

import nbformat
import pytest
from support.paths import ROOT

from mmn_book.slides import metadata as slide_metadata

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


# ------------------------------------------------------------------------------------------- metadata
def _sample_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    nb.cells = [
        md("# Title\n\nObjectives."),                                      # 0 slide
        md("Plain text under the title."),                                  # 1 -
        md("## A section\n\nText."),                                        # 2 slide
        md("### A subsection"),                                             # 3 subslide
        code("import numpy as np\nx = 1"),                                  # 4 skip (shows nothing)
        code("from widgets.conduction import explorer\n\nexplorer()"),      # 5 - (shows a figure)
        md("*Figure: a caption.*"),                                         # 6 -
        code('from widgets.quiz import quiz\n\nquiz("what_is_mmn")'),      # 7 fragment
        md("**Lecturer notes:** ask the hall first."),                      # 8 notes
        md("Tagged as notes", metadata={"tags": ["notes"]}),               # 9 notes
        code("secret = 2", metadata={"tags": ["remove-cell"]}),            # 10 skip
        md("```python\n# not a heading\n```\nText"),                         # 11 -
        md("Forced", metadata={"tags": ["slide-type:fragment"]}),          # 12 fragment
        code("print('hello')"),                                             # 13 - (print shows output)
        code("value;"),                                                     # 14 skip (semicolon hides it)
    ]
    return nb


EXPECTED = ["slide", "-", "slide", "subslide", "skip", "-", "-", "fragment", "notes", "notes", "skip", "-",
            "fragment", "-", "skip"]


def test_slide_metadata_rules(tmp_path):
    path = tmp_path / "sample.ipynb"
    nbformat.write(_sample_notebook(), path)
    assert slide_metadata.main([str(path)]) == 0
    nb = nbformat.read(path, as_version=4)
    got = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
    assert got == EXPECTED
    assert nb.metadata["rise"] == {"theme": "white", "scroll": True}
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
    assert nb.cells[9].metadata["tags"] == ["notes"], "other metadata must survive"


def test_slide_metadata_is_idempotent_and_keeps_author_choices(tmp_path):
    path = tmp_path / "sample.ipynb"
    nb = _sample_notebook()
    nb.metadata["rise"] = {"theme": "sky"}
    nbformat.write(nb, path)
    slide_metadata.main([str(path)])
    first = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    assert slide_metadata.main([str(path)]) == 0
    assert path.read_bytes() == first and path.stat().st_mtime_ns == mtime, "a second run must not rewrite the file"
    assert slide_metadata.main(["--check", str(path)]) == 0
    assert nbformat.read(path, as_version=4).metadata["rise"] == {"theme": "sky", "scroll": True}


def test_slide_metadata_check_fails_on_a_stale_cell(tmp_path):
    path = tmp_path / "sample.ipynb"
    nbformat.write(_sample_notebook(), path)
    assert slide_metadata.main(["--check", str(path)]) == 1
    slide_metadata.main([str(path)])
    nb = nbformat.read(path, as_version=4)
    nb.cells[2].metadata["slideshow"]["slide_type"] = "-"
    nbformat.write(nb, path)
    assert slide_metadata.main(["--check", str(path)]) == 1


def test_bad_override_tag_is_refused():
    cell = nbformat.v4.new_markdown_cell("x", metadata={"tags": ["slide-type:sideways"]})
    with pytest.raises(ValueError, match="slide type must be one of"):
        slide_metadata.slide_type(cell)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_chapter_cell_has_its_slide_type(path):
    stale = slide_metadata.stale_cells(path)
    missing = slide_metadata.missing_rise_defaults(path)
    assert stale == [] and missing == [], (
        f"{path.name}: cells {stale} lack their slide type, RISE settings {missing} are missing; "
        "run `.venv/bin/python scripts/slide_metadata.py`"
    )
