"""The differential explorer of the chapter in a real JupyterLab kernel."""

from __future__ import annotations

import pytest


@pytest.mark.live
@pytest.mark.xdist_group("live")
def test_chapter_explorer_works_in_jupyterlab(browser, tmp_path):
    """Chapter 5 run in a real JupyterLab: the explorer initialises from its inline script and reacts to a click."""
    import shutil

    from support.browser import new_guarded_page
    from support.lab import start_kernel
    from support.live import jupyter_lab
    from support.paths import ROOT

    root = tmp_path / "root"
    root.mkdir()
    notebook = root / "differential.ipynb"
    shutil.copy2(ROOT / "chapters" / "05_differential_diagnosis.ipynb", notebook)
    with jupyter_lab(root, tmp_path / "home") as server:
        context, pg, guard = new_guarded_page(browser, viewport={"width": 1400, "height": 1000})
        pg.set_default_timeout(30000)
        try:
            pg.goto(server.url(f"lab/tree/{notebook.name}"))
            start_kernel(pg, server, notebook)
            pg.click(".lm-MenuBar-itemLabel:text-is('Run')")
            pg.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
            pg.wait_for_selector('.mmn-differential[data-mmn-ready="1"]', timeout=120000)
            root_sel = "#" + pg.locator(".mmn-differential").first.get_attribute("id")
            pg.locator(f'{root_sel} fieldset[data-finding="bulbar"]').get_by_label("marked", exact=True).click()
            pg.wait_for_function(
                "(s) => (document.querySelector(s) || {}).dataset?.level === 'excludes'",
                arg=f'{root_sel} li[data-diagnosis="mmn"]', timeout=10000)
            assert pg.locator(f'{root_sel} li[data-diagnosis="mmn"]').get_attribute("data-level") == "excludes"
            assert "Exclusion criterion: marked bulbar involvement." in pg.locator(
                f'{root_sel} li[data-diagnosis="mmn"]').inner_text()
            assert pg.locator("table.mmn-ddx-table").count() == 1
        finally:
            context.close()
    assert guard.external_requests == []
    assert guard.page_errors == []
