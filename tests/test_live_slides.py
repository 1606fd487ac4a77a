"""Slides: every chapter carries slide metadata, and ``bash scripts/slides.sh`` exports offline reveal.js slides.

* ``scripts/slide_metadata.py`` (:mod:`mmn_book.slides.metadata`) — its rules on a small notebook (headings,
  figures, quiz, set-up code, lecturer notes, overrides), idempotence (a second
  run leaves the file byte for byte), no outputs added; and every chapter is
  up to date with it (cells *and* the jupyterlab-rise settings).
* The export (every chapter, executed with ``MMN_COURSE_BUILD=1``) into a
  temporary folder: no slide loads anything from outside its folder, each
  opens in Chromium with reveal.js initialised (``Reveal.isReady()``), every
  plotly figure draws its traces and math is typeset.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from mmn_book.slides import metadata as slide_metadata

ROOT = Path(__file__).resolve().parents[1]
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


# ------------------------------------------------------------------------------------------- export
@pytest.fixture(scope="session")  # session: xdist may interleave modules on a worker
def slides(tmp_path_factory):
    """Every chapter exported by the documented command, into a temporary folder, once per test run.

    Under xdist the first worker exports and the others reuse its result (``conftest.once_per_run``),
    so the chapters are executed once even if the slide tests land on several workers.
    """
    from conftest import once_per_run, run_folder

    out = run_folder(tmp_path_factory) / "mmn-slides"

    def export() -> str:
        out.mkdir(exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k != "MMN_COURSE_BUILD"}
        env["MMN_SKIP_SETUP"] = "1"
        proc = subprocess.run(["bash", str(ROOT / "scripts" / "slides.sh"), "--out", str(out)], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=900)
        return f"{proc.returncode}\n{proc.stdout}{proc.stderr}"

    code, _, text = once_per_run(tmp_path_factory, "mmn-slides", export).partition("\n")
    assert code == "0", f"scripts/slides.sh failed (exit {code}):\n{text[-4000:]}"
    return out


REMOTE = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*["'](?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+(?:url\()?\s*["']?(?:https?:)?//|\bimport\s[^;]*?from\s*["'](?:https?:)?//""",
    re.IGNORECASE,
)


@pytest.mark.xdist_group("slides")
def test_every_chapter_is_exported_with_its_assets_beside_it(slides):
    exported = sorted(p.name for p in slides.glob("*.slides.html"))
    assert exported == [f"{p.stem}.slides.html" for p in CHAPTERS]
    for asset in ("reveal.js/dist/reveal.js", "reveal.js/dist/reveal.css", "reveal.js/plugin/notes/notes.js",
                  "plotly/plotly.min.js", "mathjax/tex-chtml.js"):
        assert (slides / asset).is_file(), f"{asset} missing beside the slides"


@pytest.mark.xdist_group("slides")
def test_slides_reference_no_remote_url(slides):
    bad = {}
    for page in sorted(slides.glob("*.slides.html")):
        html = page.read_text()
        found = REMOTE.findall(html)
        if found:
            bad[page.name] = found[:3]
        assert "plotly.js v" not in html, f"{page.name}: plotly.js is inlined"
        assert html.count('src="plotly/plotly.min.js"') == 1, f"{page.name}: plotly.min.js must be loaded once, locally"
        assert "{term}" not in html and "{cite" not in html, f"{page.name}: MyST roles left raw"
    assert bad == {}
    for css in (slides / "reveal.js").rglob("*.css"):
        assert not REMOTE.search(css.read_text()), f"{css.relative_to(slides)} loads something remote"


@pytest.mark.browser
@pytest.mark.xdist_group("slides")
def test_slides_open_offline_with_reveal_figures_and_math(slides, browser):
    from conftest import KNOWN_PAGE_ERRORS, new_guarded_page, served

    context, page, guard = new_guarded_page(browser, viewport={"width": 1280, "height": 800})
    figures_seen = 0
    with served(slides) as base:
        try:
            for path in sorted(slides.glob("*.slides.html")):
                page.goto(f"{base}/{path.name}")
                page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30000)
                info = page.evaluate(
                    """() => ({slides: Reveal.getTotalSlides(),
                              figs: Array.from(document.querySelectorAll('.js-plotly-plot')).map((gd) => ({
                                  traces: (gd._fullData || []).length,
                                  drawn: gd.querySelectorAll('.trace, .barlayer .point, .shapelayer path').length}))})"""
                )
                assert info["slides"] >= 2, f"{path.name}: only {info['slides']} slide(s)"
                bad = [f for f in info["figs"] if f["traces"] == 0 or f["drawn"] == 0]
                assert bad == [], f"{path.name}: plotly figures without drawn traces: {bad}"
                figures_seen += len(info["figs"])
                if "$" in path.read_text():
                    page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=30000)
                    page.evaluate("() => MathJax.startup.promise")
                # Walk to the last slide: nothing may fail on the way (figures resize, math typesets).
                page.evaluate("() => Reveal.slide(Reveal.getTotalSlides() - 1)")
                page.wait_for_function("() => Reveal.isLastSlide()")
        finally:
            context.close()
    assert figures_seen > 0, "no plotly figure in any slide deck"
    assert guard.external_requests == [], f"requests left 127.0.0.1: {guard.external_requests}"
    unexpected = [e for e in guard.page_errors if not any(k in e for k in KNOWN_PAGE_ERRORS)]
    assert unexpected == [], f"page errors: {unexpected}"
    assert guard.console_errors == [], guard.console_errors
