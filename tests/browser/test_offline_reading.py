"""Reading the built book over http and from disk (``file://``): search, navigation, captions.

* Search over http: the chapter about a term ranks first for it ("conduction block" -> the nerve
  conduction chapter), and the previews under the results are the chapters' prose, without the
  words of forms, quizzes and explorers (``book/_static/mmn-reading.js`` cleans them).
* Search from disk: the same query lists the same first result, no request fails (the browser may
  not read other files from ``file://``, so Sphinx's preview requests are not made) and a note
  tells the reader why the results have no previews.
* From disk, a chapter's ☰ button opens the navigation on a phone, and every request of the page
  stays on disk.
* One caption per figure: a figure the chapter captions itself ("Figure: ...") shows no second
  caption; its text alternative stays for screen readers.
"""

from __future__ import annotations

from support.browser import new_recording_page, off_disk

QUERY = "conduction block"
EXPECTED_FIRST = "chapters/04_nerve_conduction.html"
#: Words of the course's forms and quizzes that must not make up a search preview.
NOISE = ("not asked", "absent present", "Check answer", "Reset quiz progress", "Figure options")


def results(pg, timeout: int = 15000) -> list[dict]:
    pg.wait_for_function("() => document.querySelectorAll('#search-results li').length > 0", timeout=timeout)
    return pg.evaluate("""() => Array.from(document.querySelectorAll('#search-results li')).map(li => ({
        href: (li.querySelector('a') || {}).href || '', title: (li.querySelector('a') || {}).textContent || '',
        preview: (li.querySelector('p.context') || {}).textContent || ''}))""")


def wait_previews(pg, n: int = 3, timeout: int = 10000) -> None:
    pg.wait_for_function(
        "(n) => document.querySelectorAll('#search-results li p.context').length >= Math.min(n, document.querySelectorAll('#search-results li').length)",
        arg=n, timeout=timeout)


def test_search_over_http_ranks_the_chapter_first_with_clean_previews(page, site):
    page.goto(site.url("search.html") + "?q=" + QUERY.replace(" ", "+"), wait_until="load")
    found = results(page)
    assert found[0]["href"].split("#")[0].endswith(EXPECTED_FIRST), [r["href"] for r in found[:5]]
    wait_previews(page)
    found = results(page)
    previews = [r["preview"] for r in found if r["preview"]]
    assert previews, "no previews over http"
    noisy = [p[:120] for p in previews if any(n.lower() in p.lower() for n in NOISE)]
    assert noisy == []


def test_search_from_disk_lists_results_without_failed_requests(browser, site):
    context, pg, requests, errors = new_recording_page(browser)
    failed = []
    pg.on("requestfailed", lambda r: failed.append(r.url))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        pg.goto((site.root / "search.html").as_uri() + "?q=" + QUERY.replace(" ", "+"), wait_until="load")
        found = results(pg)
        assert found[0]["href"].split("#")[0].endswith(EXPECTED_FIRST), [r["href"] for r in found[:5]]
        # Sphinx requests each result page for its preview before it writes its summary: once the summary is
        # there, every request it would make has been made (or, as here, not made).
        pg.wait_for_function("() => /Search finished/.test((document.querySelector('.search-summary') || {}).textContent"
                             " || '')", timeout=15000)
        assert failed == [] and [e for e in errors if "fetch" in e.lower() or "cors" in e.lower()] == [], (failed, errors)
        assert pg.locator(".mmn-search-note").is_visible()
        assert off_disk(requests) == []
    finally:
        context.close()


def test_a_chapter_from_disk_navigates_on_a_phone(browser, site):
    from support.drawers import check_drawer

    context, pg, requests, errors = new_recording_page(browser, {"width": 390, "height": 844})
    try:
        pg.goto((site.root / EXPECTED_FIRST).as_uri(), wait_until="load")
        assert check_drawer(pg, ".primary-toggle", "pst-primary-sidebar-modal") == []
        assert check_drawer(pg, ".secondary-toggle", "pst-secondary-sidebar-modal") == []
        assert off_disk(requests) == []
        assert errors == []
    finally:
        context.close()


CAPTIONS_JS = r"""() => Array.from(document.querySelectorAll('figure.mmn-explorable')).map((f, k) => {
  const shown = el => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
                      && el.getBoundingClientRect().width > 2 && el.getBoundingClientRect().height > 2;
  const alt = f.querySelector(':scope > figcaption.mmn-alt');
  const block = f.closest('.cell') || f;
  let chapter = null;
  for (let el = block.nextElementSibling, i = 0; el && i < 2; el = el.nextElementSibling, i++) {
    if (/^\s*(Figure|Fig\.)\s*\d*\s*[:.]/i.test(el.textContent || '')) { chapter = el; break; }
    if (el.matches('.cell')) break;  // the next cell's caption is the next figure's
  }
  return {k, figure: shown(f), label: (f.getAttribute('aria-label') || '').slice(0, 60), alt: shown(alt), altInPage: !!alt && alt.textContent.trim().length > 0,
          chapter: shown(chapter)};
})"""


def test_each_figure_shows_one_caption_and_keeps_its_text_alternative(page, site):
    checked = 0
    problems = []
    for rel in [p for p in site.pages() if p.startswith("chapters/")]:
        page.goto(site.url(rel), wait_until="load")
        for f in page.evaluate(CAPTIONS_JS):
            if not f["figure"]:  # a case step not revealed yet (chapter 9)
                continue
            checked += 1
            if f["alt"] and f["chapter"]:
                problems.append(f"{rel} figure {f['k']} ({f['label']}): two visible captions")
            if not f["alt"] and not f["chapter"]:
                problems.append(f"{rel} figure {f['k']} ({f['label']}): no visible caption")
            if not f["altInPage"] or not f["label"]:
                problems.append(f"{rel} figure {f['k']}: the text alternative is gone")
    assert checked >= 10 and problems == [], problems
