"""Slides: every chapter carries slide metadata, and ``bash scripts/slides.sh`` exports offline reveal.js slides.

* ``scripts/slide_metadata.py`` (:mod:`mmn_book.slides.metadata`) — its rules on a small notebook (headings,
  figures, quiz, set-up code, lecturer notes, overrides), idempotence (a second
  run leaves the file byte for byte), no outputs added; and every chapter is
  up to date with it (cells *and* the jupyterlab-rise settings).
* The export (every chapter, executed with ``MMN_COURSE_BUILD=1``) into a
  temporary folder: no slide loads anything from outside its folder, each
  opens in Chromium with reveal.js initialised (``Reveal.isReady()``), every
  plotly figure draws its traces and math is typeset. The book build has already executed every chapter that
  way: the export takes its executed copies (``MMN_SLIDES_REUSE_OUTPUTS=1``) where they match the chapter cell
  for cell, and executes any other chapter itself.
* At 1280×720 (the frame): every slide is at most the frame's height (after the deck's own splitting, figure
  shrinking and, rarely, a zoom of at least 0.7); the counter reads "k / n" with n the real number of slides;
  every exercise answer and quiz answer is a fragment, hidden when its slide opens and shown by the lecturer's
  key press; the speaker notes of ``book/slides/notes.yaml`` are in every chapter's deck.
* The handout (``?handout``): three slides per page, each with lines for notes, and the PDF that
  ``scripts/slides.sh --handouts`` prints has one page per three slides.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from support.paths import ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))




# ------------------------------------------------------------------------------------------- export
def _cells(path):
    import nbformat

    return [(c.cell_type, c.source, c.metadata) for c in nbformat.read(path, as_version=4).cells]


def export_sources(book_build) -> list:
    """What the export runs on, chapter by chapter: the book build's executed copy where it has the chapter's
    cells (source and metadata) exactly, else the chapter itself (changed since the build, or no good build)."""
    executed = book_build.html.parent / "jupyter_execute" / "chapters"
    sources = []
    for chapter in CHAPTERS:
        copy = executed / chapter.name
        fresh = book_build.returncode == 0 and copy.is_file() and _cells(copy) == _cells(chapter)
        sources.append(copy if fresh else chapter)
    return sources


@pytest.fixture(scope="session")  # session: xdist may interleave modules on a worker
def slides(tmp_path_factory, book_build):
    """Every chapter exported by the documented command, into a temporary folder, once per test run.

    Under xdist the first worker exports and the others reuse its result (``conftest.once_per_run``). The
    chapters the book build executed (with ``MMN_COURSE_BUILD=1``, as the export does) are not run again.
    """
    from support.site import once_per_run, run_folder

    out = run_folder(tmp_path_factory) / "mmn-slides"

    def export() -> str:
        out.mkdir(exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k != "MMN_COURSE_BUILD"}
        env["MMN_SKIP_SETUP"] = "1"
        env["MMN_SLIDES_REUSE_OUTPUTS"] = "1"
        sources = export_sources(book_build)
        print(f"\nslides: {sum(p.parent != ROOT / 'chapters' for p in sources)} of {len(sources)} chapters "
              "taken executed from the book build")
        proc = subprocess.run(["bash", str(ROOT / "scripts" / "slides.sh"), "--handouts", "--out", str(out),
                               *map(str, sources)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
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
def test_slides_open_offline_with_reveal_figures_and_math(decks):
    figures_seen = 0
    for name, loaded in decks["loaded"].items():
        assert loaded["ready"], f"{name}: reveal.js is not ready"
        assert loaded["slides"] >= 2, f"{name}: only {loaded['slides']} slide(s)"
        bad = [f for f in loaded["figs"] if f["traces"] == 0 or f["drawn"] == 0]
        assert bad == [], f"{name}: plotly figures without drawn traces: {bad}"
        figures_seen += len(loaded["figs"])
    assert figures_seen > 0, "no plotly figure in any slide deck"
    assert decks["external_requests"] == [], f"requests left 127.0.0.1: {decks['external_requests']}"
    assert decks["page_errors"] == [], f"page errors: {decks['page_errors']}"
    assert decks["console_errors"] == [], decks["console_errors"]


# ------------------------------------------------------------------------------------------- lecture hall
FRAME = {"width": 1280, "height": 720}
MIN_ZOOM = 0.7

#: Per slide: its height at the frame's scale (zoom included), its zoom, the counter's text, and its answers'
#: visibility when the slide opens (no fragment shown) and after the lecturer shows every fragment.
WALK = """() => {
  const cfg = Reveal.getConfig();
  const out = [];
  const answers = '.mmn-slide-answer-block, .mmn-slide-quiz__answer';
  // (a fragment's opacity is animated: its class and visibility tell at once whether it is shown)
  const shown = (el) => el.closest('.fragment').classList.contains('visible') && getComputedStyle(el).visibility !== 'hidden';
  for (let i = 0; i < Reveal.getTotalSlides(); i++) {
    Reveal.slide(i, 0, -1);
    const s = Reveal.getCurrentSlide();
    const zoom = parseFloat(s.style.zoom) || 1;
    const blocks = Array.from(s.querySelectorAll(answers));
    const before = blocks.map((b) => b.closest('.fragment') ? shown(b) : true);
    const fragments = s.querySelectorAll('.fragment').length;
    if (fragments) Reveal.slide(i, 0, 1e6);
    const after = blocks.map((b) => b.closest('.fragment') ? shown(b) : true);
    const counter = (document.querySelector('.slide-number') || {}).textContent || '';
    out.push({i, height: Math.round(s.scrollHeight * zoom), zoom, counter: counter.replace(/\\s+/g, ''),
              answers: blocks.length, hiddenFirst: before.every((v) => !v), shownAfter: after.every((v) => v),
              unfragmented: blocks.filter((b) => !b.closest('.fragment')).length,
              words: (s.innerText || '').split(/\\s+/).filter(Boolean).length,
              title: (s.innerText || '').trim().slice(0, 50)});
  }
  return {frame: cfg.height, total: Reveal.getTotalSlides(), nested: document.querySelectorAll('.slides section section').length,
          slides: out};
}"""


LOADED = """() => ({ready: Reveal.isReady(), slides: Reveal.getTotalSlides(),
  figs: Array.from(document.querySelectorAll('.js-plotly-plot')).map((gd) => ({
      traces: (gd._fullData || []).length,
      drawn: gd.querySelectorAll('.trace, .barlayer .point, .shapelayer path').length}))})"""


@pytest.fixture(scope="module")
def decks(slides, browser):
    """Every deck opened once at 1280×720 (offline, from a local server): what it showed on loading (reveal.js,
    figures; math typeset), then walked slide by slide (WALK: nothing may fail on the way), and the page's
    errors and requests over all decks."""
    from support.browser import KNOWN_PAGE_ERRORS, new_guarded_page
    from support.site import served

    context, page, guard = new_guarded_page(browser, viewport=FRAME)
    loaded, walks = {}, {}
    with served(slides) as base:
        try:
            for path in sorted(slides.glob("*.slides.html")):
                page.goto(f"{base}/{path.name}")
                page.wait_for_function("() => document.documentElement.dataset.mmnSlides === 'ready'", timeout=60000)
                loaded[path.name] = page.evaluate(LOADED)
                if "$" in path.read_text():
                    page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise",
                                           timeout=30000)
                    page.evaluate("() => MathJax.startup.promise")
                # the fragments' 0.2-s fade would be caught half way: the walk reads states, not animations
                page.add_style_tag(content=".reveal .fragment { transition: none !important; }")
                walks[path.name] = page.evaluate(WALK)
        finally:
            context.close()
    return {"loaded": loaded, "walked": walks, "external_requests": list(guard.external_requests),
            "page_errors": [e for e in guard.page_errors if not any(k in e for k in KNOWN_PAGE_ERRORS)],
            "console_errors": list(guard.console_errors)}


@pytest.fixture(scope="module")
def walked(decks):
    """Every deck walked slide by slide at 1280×720: ``{deck name: WALK result}``."""
    assert decks["external_requests"] == []
    return decks["walked"]


@pytest.mark.browser
@pytest.mark.xdist_group("slides")
def test_every_slide_fits_the_frame(walked):
    summary, too_tall, zoomed = {}, [], []
    for name, deck in walked.items():
        assert deck["frame"] == FRAME["height"], f"{name}: the deck's frame is {deck['frame']} px high"
        for s in deck["slides"]:
            if s["height"] > deck["frame"]:
                too_tall.append((name, s["i"] + 1, s["height"], s["title"]))
            if s["zoom"] < 1:
                zoomed.append((name, s["i"] + 1, s["zoom"]))
            assert s["zoom"] >= MIN_ZOOM, f"{name} slide {s['i'] + 1} zoomed to {s['zoom']}"
        words = sorted(s["words"] for s in deck["slides"])
        summary[name] = (deck["total"], words[len(words) // 2])
    print("\nslides (total, median words per slide):", summary, "\nzoomed slides:", len(zoomed), zoomed[:10])
    assert too_tall == [], f"slides taller than the {FRAME['height']}-px frame: {too_tall}"


@pytest.mark.browser
@pytest.mark.xdist_group("slides")
def test_slide_counter_counts_real_slides(walked):
    for name, deck in walked.items():
        assert deck["nested"] == 0, f"{name}: nested <section>s make reveal.js miscount the slides"
        counters = [s["counter"] for s in deck["slides"]]
        assert counters == [f"{k}/{deck['total']}" for k in range(1, deck["total"] + 1)], f"{name}: {counters[:5]}"


@pytest.mark.browser
@pytest.mark.xdist_group("slides")
def test_answers_are_hidden_until_the_lecturer_reveals_them(walked):
    counts = {}
    for name, deck in walked.items():
        with_answers = [s for s in deck["slides"] if s["answers"]]
        counts[name] = sum(s["answers"] for s in with_answers)
        for s in with_answers:
            where = f"{name} slide {s['i'] + 1} ({s['title']!r})"
            assert s["unfragmented"] == 0, f"{where}: an answer is not a fragment"
            assert s["hiddenFirst"], f"{where}: an answer shows before the lecturer reveals it"
            assert s["shownAfter"], f"{where}: an answer stays hidden after every fragment is shown"
    print("\nanswers per deck:", counts)
    for chapter in ("04_nerve_conduction", "07_treatment", "09_clinical_cases", "10_review"):
        assert counts[f"{chapter}.slides.html"] > 0, f"{chapter}: no hidden answer found"


@pytest.mark.xdist_group("slides")
def test_speaker_notes_for_every_chapter(slides):
    from mmn_book.slides.notes import load_notes

    notes = load_notes()
    counts = {}
    for page in sorted(slides.glob("*.slides.html")):
        chapter = page.name.removesuffix(".slides.html")
        counts[chapter] = len(re.findall(r'<aside class="notes">', page.read_text()))
        assert counts[chapter] == len(notes.get(chapter, {})), f"{chapter}: notes lost on the way to the slides"
        assert counts[chapter] >= 3, f"{chapter}: only {counts[chapter]} speaker notes"
    print("\nspeaker notes per chapter:", counts)


@pytest.mark.browser
@pytest.mark.xdist_group("slides")
def test_handout_has_three_slides_per_page_with_lines(slides, browser, walked):
    from support.browser import new_guarded_page
    from support.site import served

    pdfs = sorted((slides / "handouts").glob("*.handout.pdf"))
    assert [p.name for p in pdfs] == [p.stem.replace(".slides", "") + ".handout.pdf"
                                      for p in sorted(slides.glob("*.slides.html"))]
    for pdf in pdfs:
        total = walked[pdf.name.replace(".handout.pdf", ".slides.html")]["total"]
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
        assert pages == -(-total // 3), f"{pdf.name}: {pages} pages for {total} slides"
    name = "04_nerve_conduction.slides.html"
    context, page, guard = new_guarded_page(browser, viewport={"width": 900, "height": 1200})
    with served(slides) as base:
        try:
            page.goto(f"{base}/{name}?handout")
            page.wait_for_function("() => document.documentElement.dataset.mmnSlides === 'ready'", timeout=60000)
            layout = page.evaluate("""() => Array.from(document.querySelectorAll('.mmn-handout__page')).map((p) => ({
                rows: p.querySelectorAll('.mmn-handout__row').length,
                lines: Array.from(p.querySelectorAll('.mmn-handout__lines')).map((l) => l.children.length),
                hiddenAnswers: Array.from(p.querySelectorAll('.fragment')).filter((f) => getComputedStyle(f).visibility === 'hidden').length}))""")
        finally:
            context.close()
    assert guard.external_requests == [] and guard.page_errors == []
    assert sum(p["rows"] for p in layout) == walked[name]["total"]
    assert all(p["rows"] <= 3 for p in layout) and all(p["rows"] == 3 for p in layout[:-1])
    assert all(n >= 6 for p in layout for n in p["lines"]), "every slide needs lines for notes"
    assert all(p["hiddenAnswers"] == 0 for p in layout), "the handout shows each slide complete"


def test_the_export_reruns_a_notebook_unless_asked_to_keep_an_executed_one(monkeypatch):
    import nbformat

    from mmn_book.slides.export import REUSE_ENV, ExecuteUnlessExecuted, is_executed

    ran = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("1"),
                                          nbformat.v4.new_code_cell("")])
    ran.cells[1].execution_count = 1
    fresh = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1"), nbformat.v4.new_code_cell("2")])
    fresh.cells[0].execution_count = 1  # run half way (saved from Lab): run again
    assert is_executed(ran) and not is_executed(fresh) and not is_executed(nbformat.v4.new_notebook())
    calls = []
    monkeypatch.setattr("nbconvert.preprocessors.ExecutePreprocessor.preprocess",
                        lambda self, nb, resources=None, km=None: calls.append(nb) or (nb, resources))
    monkeypatch.delenv(REUSE_ENV, raising=False)
    ExecuteUnlessExecuted().preprocess(ran, {})
    monkeypatch.setenv(REUSE_ENV, "1")
    ExecuteUnlessExecuted().preprocess(ran, {})
    ExecuteUnlessExecuted().preprocess(fresh, {})
    assert calls == [ran, fresh]  # without the variable every notebook runs; with it, only the unexecuted one
