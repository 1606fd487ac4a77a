"""A quiz cell run in JupyterLab (live kernel): inline script and styles, trace figures, feedback and score.

Starts JupyterLab on a free port of 127.0.0.1 with a temporary notebook, runs its
cells with Shift+Enter in headless Chromium and answers questions.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from support.lab import start_kernel
from support.poll import within

from widgets.quiz import load_bank

pytestmark = pytest.mark.live

TOKEN = "mmn-quiz-live-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                'from widgets.quiz import quiz\n'
                'quiz("review", ids=["rev-vignette-als-01", "rev-sim-als-ulnar-01", "rev-sensory-conduction-01"])'
            ),
            nbformat.v4.new_code_cell('quiz("what_is_mmn", ids=["wim-hallmark-01"])'),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, root / "live_quiz.ipynb")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "MMN_COURSE_BUILD"}
    jupyter = Path(sys.executable).with_name("jupyter")
    proc = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", "--allow-root", f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={root}", "--ServerApp.port_retries=0",
         "--LabApp.news_url=None"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:

        def answers() -> bool:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1)
                return True
            except OSError:
                return False

        if not within(answers, 60, interval=0.5):
            pytest.fail("JupyterLab did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_quiz_cells_work_in_jupyterlab(browser, lab):
    from support.browser import new_guarded_page

    context, pg, guard = new_guarded_page(browser, viewport={"width": 1300, "height": 1000})
    try:
        pg.goto(f"{lab}/lab/tree/live_quiz.ipynb?token={TOKEN}", wait_until="load")
        pg.wait_for_selector(".jp-Notebook .jp-Cell .jp-InputArea-editor", timeout=60000)
        pg.wait_for_selector(".jp-Notebook-ExecutionIndicator, .jp-KernelStatus, .jp-Toolbar", timeout=60000)

        # accept JupyterLab's "Select Kernel" dialog if it asks, then wait for the kernel to be idle
        server = SimpleNamespace(url=lambda path: f"{lab}/{path}?token={TOKEN}")
        start_kernel(pg, server, Path("live_quiz.ipynb"))
        pg.locator(".jp-Cell .jp-InputArea-editor").first.click()
        pg.keyboard.press("Escape")
        active = "() => Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell')).findIndex(c => c.classList.contains('jp-mod-active'))"
        for i in range(2):
            pg.keyboard.press("Shift+Enter")
            pg.wait_for_function(f"() => ({active})() >= {i + 1}", timeout=30000)
        pg.wait_for_function(
            "() => document.querySelectorAll('.mmn-quiz__question[data-mmn-quiz-ready]').length === 4", timeout=60000
        )
        pg.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .trace').length >= 4", timeout=60000)
        assert pg.evaluate("() => typeof window.MMNQuiz.scan") == "function"
        assert pg.locator("script[data-mmn-quiz-js]").count() == 2, "each cell carries the script; it defines itself once"
        q = [x for x in load_bank() if x.id == "rev-sim-als-ulnar-01"][0]
        section = pg.locator('section[data-question-id="rev-sim-als-ulnar-01"]')
        section.locator("label").nth(q.correct_indices[0]).click()
        assert section.locator(".mmn-quiz__feedback").inner_text() == "", "choosing does not answer"
        section.locator(".mmn-quiz__check").click()
        assert section.locator(".mmn-quiz__feedback").inner_text().startswith("✔ Correct —")
        hallmark = [x for x in load_bank() if x.id == "wim-hallmark-01"][0]
        wrong = pg.locator('section[data-question-id="wim-hallmark-01"]')
        wrong.locator("label").nth((hallmark.correct_indices[0] + 1) % len(hallmark.options)).click()
        wrong.locator(".mmn-quiz__check").click()
        assert wrong.locator(".mmn-quiz__feedback").inner_text().startswith("✘ Not quite —")
        scores = pg.locator(".mmn-quiz__score-text").all_inner_texts()
        assert scores == ["1 of 4 correct at the first attempt on this page (2 answered)"] * 2
        assert guard.page_errors == [] and guard.external_requests == []
    finally:
        context.close()
