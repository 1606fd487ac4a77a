"""JupyterLab as the students use it: a real server, a real browser, the conduction chapter run from the menu.

A JupyterLab server on 127.0.0.1 (random token, all its state under a
temporary folder) serves a copy of ``chapters/04_nerve_conduction.ipynb``, so
the repository never gets outputs. Headless Chromium opens it, runs every cell
with *Run → Run All Cells*, focuses a slider of the conduction simulator and
presses the right arrow key; the simulator's plotly figure must then show
different traces (read from the figure's ``data`` in the page). That proves
the kernel, ipywidgets and the plotly widget all work in the students' JupyterLab.

The same server shows the chapter as a jupyterlab-rise slideshow: one reveal.js
slide per cell marked ``slide`` by ``scripts/slide_metadata.py``.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import nbformat
import pytest
from support.lab import start_kernel
from support.live import jupyter_lab, press_and_wait_for_redraw, trace_signature, unexpected_errors
from support.paths import ROOT

CHAPTER = ROOT / "chapters" / "04_nerve_conduction.ipynb"
EXPLORER = ".mmn-conduction-explorer"
FIGURE = f"{EXPLORER} .js-plotly-plot"
#: An enabled ipywidgets slider handle of the simulator, on the visible tab.
SLIDER = f"{EXPLORER} .widget-slider:has(.noUi-target:not([disabled])) .noUi-handle:visible"

pytestmark = [pytest.mark.live, pytest.mark.browser, pytest.mark.xdist_group("live")]


def notebook_for_test(tmp_path: Path) -> Path:
    """The conduction chapter copied under ``tmp_path`` (or, before it exists, a small stand-in that calls the simulator)."""
    root = tmp_path / "root"
    root.mkdir()
    target = root / "nerve_conduction.ipynb"
    if CHAPTER.exists():
        shutil.copy2(CHAPTER, target)
    else:  # pragma: no cover - only until the chapter lands
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbformat.v4.new_markdown_cell("# Conduction"),
                    nbformat.v4.new_code_cell('from widgets.conduction import explorer\n\nexplorer(nerve="ulnar", preset="mmn")')]
        nbformat.write(nb, target)
    return target


@pytest.fixture(scope="session")  # session: xdist may interleave modules on a worker
def lab(tmp_path_factory):
    """JupyterLab serving a temporary copy of the chapter: nothing it does can write into the repository."""
    tmp = tmp_path_factory.mktemp("lab")
    notebook = notebook_for_test(tmp)
    assert ROOT not in notebook.parents
    with jupyter_lab(notebook.parent, tmp / "home") as server:
        yield server, notebook


@pytest.fixture
def lab_page(browser):
    from support.browser import new_guarded_page

    context, page, guard = new_guarded_page(browser, viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(30000)
    yield page, guard
    context.close()
    assert guard.external_requests == [], f"requests left 127.0.0.1: {guard.external_requests}"
    assert guard.page_errors == [], f"page errors: {guard.page_errors}"


def test_run_all_cells_then_a_slider_changes_the_conduction_traces(lab, lab_page):
    server, notebook = lab
    page, guard = lab_page
    start = time.monotonic()
    page.goto(server.url(f"lab/tree/{notebook.name}"))
    start_kernel(page, server, notebook)

    # Run → Run All Cells, as a student does.
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")

    code_cells = sum(c.cell_type == "code" for c in nbformat.read(notebook, as_version=4).cells)
    page.wait_for_function(
        """(n) => {
            const prompts = Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))
                .map((p) => p.textContent.trim());
            return prompts.length === n && prompts.every((p) => /^\\[\\d+\\]:$/.test(p));
        }""",
        arg=code_cells,
        timeout=120000,
    )
    errors = page.evaluate(
        """() => Array.from(document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
                 .map((e) => e.textContent).filter((t) => /Error|Traceback/.test(t))"""
    )
    assert errors == [], f"cells failed: {errors[:2]}"

    page.wait_for_function(
        "(sel) => { const gd = document.querySelector(sel); return gd && gd.data && gd.data.length > 0; }",
        arg=FIGURE,
        timeout=60000,
    )
    before = trace_signature(page, FIGURE)
    latency = press_and_wait_for_redraw(page, SLIDER, FIGURE, "ArrowRight")
    after = trace_signature(page, FIGURE)
    assert latency is not None, "moving the slider did not change the simulator's traces within 20 s"
    assert after != before
    assert unexpected_errors(guard.console_errors) == [], guard.console_errors
    print(f"\nJupyterLab: chapter run and slider checked in {time.monotonic() - start:.1f} s; "
          f"key press to new traces {latency:.0f} ms")


#: Console errors of jupyterlab-rise's slideshow page with ipywidgets 8: its app does not share
#: @jupyterlab/console, so the widget manager (and anywidget) cannot load there
#: (jupyterlab-contrib/rise#119). Live widgets are presented with the Voila deck instead.
RISE_KNOWN_ERRORS = (
    "Shared module @jupyterlab/console doesn't exist in shared scope",
    "Plugin 'anywidget:plugin' failed to activate",
    "Maximum call stack size exceeded",
    # RISE looks for optional per-deck stylesheets (rise.css, <notebook>.css) beside the notebook.
    "/files/rise.css' because its MIME type",
)


def test_jupyterlab_rise_presents_the_chapter_as_slides(lab, lab_page):
    """jupyterlab-rise renders the chapter as reveal.js slides, one per cell marked 'slide', with no internet."""
    server, notebook = lab
    page, guard = lab_page
    nb = nbformat.read(notebook, as_version=4)
    slides = sum(c.metadata.get("slideshow", {}).get("slide_type") == "slide" for c in nb.cells)
    if slides == 0:
        pytest.fail("the chapter has no slide metadata: run `.venv/bin/python scripts/slide_metadata.py`")
    page.goto(server.url(f"rise/{notebook.name}"))
    page.wait_for_selector(".reveal.ready .slides > section", timeout=60000)
    shown = page.evaluate("() => document.querySelectorAll('.reveal .slides > section').length")
    assert shown == slides
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.reveal .slides > section.present') !== "
                           "document.querySelector('.reveal .slides > section')")
    own_css = f"/files/{notebook.stem}.css' because its MIME type"
    errors = [e for e in unexpected_errors(guard.console_errors)
              if not any(k in e for k in (*RISE_KNOWN_ERRORS, own_css))]
    assert errors == [], errors
