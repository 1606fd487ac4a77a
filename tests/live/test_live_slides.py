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

import pytest
from support.paths import ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))




# ------------------------------------------------------------------------------------------- export
@pytest.fixture(scope="session")  # session: xdist may interleave modules on a worker
def slides(tmp_path_factory):
    """Every chapter exported by the documented command, into a temporary folder, once per test run.

    Under xdist the first worker exports and the others reuse its result (``conftest.once_per_run``),
    so the chapters are executed once even if the slide tests land on several workers.
    """
    from support.site import once_per_run, run_folder

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
    from support.browser import KNOWN_PAGE_ERRORS, new_guarded_page
    from support.site import served

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
