"""Every internal link of the built book resolves: pages, anchors, citations, glossary terms, assets.

The checker (:func:`mmn_book.links.check_links`, also ``scripts/check_links.py``)
reads ``_build/html`` offline: each ``href``/``src`` of every ``.html`` file that
is not an external URL must name an existing file, and its ``#fragment`` must be
an ``id`` of the target page. It is tried on a tiny hand-made site first, so a
broken link, a missing anchor or a missing script is seen to be reported.
"""

from __future__ import annotations

import re

from mmn_book.links import check_links


def test_every_internal_link_anchor_and_asset_of_the_book_resolves(book_build):
    assert book_build.returncode == 0, "the book did not build"
    html = book_build.html
    broken = check_links(html)
    assert broken == [], "\n".join(map(str, broken))


def test_the_link_check_covered_citations_glossary_terms_and_the_print_page(book_build):
    """The check above is not vacuous: the site has the kinds of links it must resolve."""
    html = book_build.html
    pages = [p for p in html.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts]
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    assert re.search(r'href="[^"]*glossary\.html#term-[^"]+"', text), "no glossary reference found"
    assert re.search(r'href="[^"]*bibliography\.html#[^"]+"', text), "no citation found"
    assert (html / "print" / "course.html").is_file(), "the printable whole-course page was not written"
    assert re.search(r'<a class="reference internal" href="#', (html / "print" / "course.html").read_text()), (
        "links between chapters of the print page must point inside it"
    )


