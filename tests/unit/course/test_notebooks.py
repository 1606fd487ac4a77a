"""Checks of the chapter notebooks themselves, before anything runs them."""

from __future__ import annotations

import re

import nbformat
import pytest
import yaml
from support.paths import ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
TERM = re.compile(r"\{term\}`([^`]+)`")


def toc_files() -> list[str]:
    """Every ``file:`` entry of ``_toc.yml`` (root included), without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(toc.get("parts", toc.get("chapters", [])))
    return files


def bib_keys() -> set[str]:
    text = (ROOT / "book" / "references.bib").read_text()
    return set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", text))


def glossary_terms() -> set[str]:
    text = (ROOT / "book" / "glossary.md").read_text()
    block = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    return {line.strip().lower() for line in block.splitlines() if line and not line[0].isspace()}


def markdown_sources() -> dict[str, str]:
    """Markdown text of every page of the book: notebooks' markdown cells and the .md pages."""
    out = {}
    for nb_path in CHAPTERS:
        nb = nbformat.read(nb_path, as_version=4)
        out[nb_path.name] = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for md in (ROOT / "book").glob("*.md"):
        out[md.name] = md.read_text()
    return out


def test_there_are_chapters():
    assert len(CHAPTERS) >= 1


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_notebook_is_valid_and_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", "kernelspec must be python3"
    with_outputs = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert with_outputs == [], f"cells {with_outputs} have committed outputs: the book executes notebooks"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_markdown_has_no_control_characters(path):
    """A generator script's "\\frac" written as "\frac" becomes a form feed and breaks the formula."""
    nb = nbformat.read(path, as_version=4)
    bad = [
        (i, hex(ord(ch)))
        for i, c in enumerate(nb.cells)
        if c.cell_type == "markdown"
        for ch in c.source
        if ord(ch) < 32 and ch not in "\n"
    ]
    assert bad == [], f"control characters in markdown cells (cell, char): {bad}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_notebook_has_exactly_one_h1_first(path):
    nb = nbformat.read(path, as_version=4)
    h1 = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        in_fence = False
        for line in cell.source.splitlines():
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            elif not in_fence and re.match(r"^# \S", line):
                h1.append(i)
    assert len(h1) == 1, f"expected exactly one H1, found {len(h1)} in cells {h1}"
    first_md = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown")
    assert h1[0] == first_md, "the H1 must open the notebook"


def test_every_chapter_is_in_the_toc_and_every_toc_entry_exists():
    entries = toc_files()
    missing_files = [e for e in entries if not any((ROOT / f"{e}{ext}").exists() for ext in (".ipynb", ".md"))]
    assert missing_files == [], f"_toc.yml lists files that do not exist: {missing_files}"
    listed = {e for e in entries}
    unlisted = [p.name for p in CHAPTERS if f"chapters/{p.stem}" not in listed]
    assert unlisted == [], f"chapters missing from _toc.yml: {unlisted}"
    assert len(entries) == len(set(entries)), "a file is listed twice in _toc.yml"


def test_chapters_are_in_course_order_in_the_toc():
    chapters = [e for e in toc_files() if e.startswith("chapters/")]
    assert chapters == sorted(chapters), "chapters must appear in their numbered order"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_structure(path):
    """Objectives at the top, key points at the end, citations, and a quiz cell."""
    nb = nbformat.read(path, as_version=4)
    md = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert "Learning objectives" in md[0], "the first cell must state the learning objectives"
    key_points = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "## Key points" in c.source]
    assert key_points, "a '## Key points' summary is required"
    assert key_points[-1] >= len(nb.cells) - 2, "the key points close the chapter"
    assert any(CITE.search(s) for s in md), "the chapter cites no source"
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert any(re.search(r"\bquiz\(", s) for s in code), "the chapter has no quiz cell"


def test_every_citation_key_exists():
    keys = bib_keys()
    unknown = {
        (page, key.strip())
        for page, text in markdown_sources().items()
        for group in CITE.findall(text)
        for key in group.split(",")
        if key.strip() not in keys
    }
    assert unknown == set(), f"citations of keys missing from references.bib: {sorted(unknown)}"


def test_every_glossary_reference_exists():
    terms = glossary_terms()
    unknown = set()
    for page, text in markdown_sources().items():
        for ref in TERM.findall(text):
            target = ref.split("<")[-1].rstrip(">").strip() if "<" in ref else ref
            if target.lower() not in terms:
                unknown.add((page, target))
    assert unknown == set(), f"glossary references without a glossary entry: {sorted(unknown)}"


def test_glossary_terms_are_used():
    used = {
        (ref.split("<")[-1].rstrip(">") if "<" in ref else ref).lower()
        for page, text in markdown_sources().items()
        if page != "glossary.md"
        for ref in TERM.findall(text)
    }
    unused = sorted(glossary_terms() - used)
    assert unused == [], f"glossary terms never referenced in the book: {unused}"


def test_intro_states_educational_use():
    intro = (ROOT / "book" / "intro.md").read_text().lower()
    assert "for education only" in intro and "not medical advice" in intro


def test_every_table_header_cell_has_text():
    """A table's first header cell names its row labels: an empty one is read as nothing by screen readers."""
    empty = []
    for name, text in markdown_sources().items():
        lines = text.splitlines()
        for i, line in enumerate(lines[:-1]):
            if line.lstrip().startswith("|") and re.match(r"^\s*\|?\s*:?-{3,}", lines[i + 1]):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if "" in cells:
                    empty.append(f"{name}: {line.strip()}")
    assert empty == []
