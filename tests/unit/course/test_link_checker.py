"""The link checker and the print page composition (:mod:`mmn_book`) on small made-up sites, without the book."""

from __future__ import annotations

from pathlib import Path

from mmn_book.links import check_links


def _site(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    return root


def test_the_checker_reports_broken_links_anchors_and_assets(tmp_path):
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="book/a.html">ok</a> <a href="book/missing.html">missing page</a>',
            "book/a.html": (
                '<html><head><link rel="stylesheet" href="../_static/s.css">'
                '<script src="../_static/gone.js"></script></head><body>'
                '<h1 id="top">A</h1><a href="#top">ok</a> <a href="#nowhere">bad anchor</a>'
                '<a href="b.html#term-IVIg">ok term</a> <a href="b.html#term-ALS">missing term</a>'
                '<a href="https://example.org/x">external, not followed</a> <a href="mailto:x@y">mail</a>'
                '<img src="../_static/pic.png" alt="">'
                '<a href="../">folder with index</a> <a href="../../outside.html">outside</a>'
                "<script>var s = '<a href=\"nothing.html\">not a link</a>';</script>"
                "</body></html>"
            ),
            "book/b.html": '<dt id="term-IVIg">IVIg</dt><span id="id3"></span>',
            "_static/s.css": "body{}",
        },
    )
    broken = {(b.page, b.url) for b in check_links(site)}
    assert broken == {
        ("index.html", "book/missing.html"),
        ("book/a.html", "../_static/gone.js"),
        ("book/a.html", "#nowhere"),
        ("book/a.html", "b.html#term-ALS"),
        ("book/a.html", "../_static/pic.png"),
        ("book/a.html", "../../outside.html"),
    }
    reasons = " ".join(str(b) for b in check_links(site))
    assert "no id 'term-ALS' in book/b.html" in reasons and "no file book/missing.html" in reasons


def test_the_checker_passes_a_sound_site(tmp_path):
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="book/a.html#x%20y">encoded anchor</a> <a href="book/">folder</a>',
            "book/index.html": "<p>folder index</p>",
            "book/a.html": '<p id="x y">x</p><a href="?q=1">query only</a><a href="a.html">self</a>',
        },
    )
    assert check_links(site) == []


def test_the_print_page_joins_pages_with_sound_ids_links_and_assets():
    """Ids two pages share get a per-page prefix (and their references follow), links between the
    joined pages point inside the print page, asset URLs are rewritten for ``print/``."""
    from mmn_book.print_page import PrintSource, compose_print_page

    def page(rel, body, head=""):
        return PrintSource(rel, f'<html><head>{head}</head><body><article class="bd-article" role="main">{body}</article></body></html>')

    head = ('<link rel="stylesheet" href="../_static/course.css?v=1"><script src="../_static/plotly/plotly.min.js?v=2"></script>'
            '<script src="../_static/scripts/bootstrap.js"></script>')
    a = page("chapters/a.html", '<h1 id="a-title">A</h1><section id="key-points"><a href="#key-points">here</a>'
             '<a href="../book/g.html#term-X">term</a><a href="b.html">next</a><img src="../_static/x.png" alt="x">'
             '<div id="fig-1"></div><script>document.getElementById("fig-1")</script>'
             '<label for="key-points-q">q</label><input id="key-points-q"></section>', head)
    b = page("chapters/b.html", '<h1>B</h1><section id="key-points"><a href="a.html#key-points">back</a></section>', head)
    g = page("book/g.html", '<h1>Glossary</h1><dt id="term-X">X</dt>')
    html = compose_print_page([a, b, g], title="T")
    assert html.count('id="page-chapters-a--key-points"') == 1 and html.count('id="page-chapters-b--key-points"') == 1
    assert 'href="#page-chapters-a--key-points">here' in html and 'href="#page-chapters-a--key-points">back' in html
    assert 'href="#term-X"' in html and 'href="#page-chapters-b">next' in html
    assert 'id="fig-1"' in html and 'getElementById("fig-1")' in html  # unique ids stay: scripts still find them
    assert 'for="key-points-q"' in html and 'id="key-points-q"' in html  # unique, though it starts like a renamed one
    assert 'src="../_static/x.png"' in html and html.count("plotly.min.js") == 1 and "bootstrap.js" not in html
    assert '<a href="#page-book-g">Glossary</a>' in html


def test_the_print_page_refuses_a_page_without_its_article():
    import pytest

    from mmn_book.print_page import PrintSource, compose_print_page

    with pytest.raises(ValueError, match="no <article"):
        compose_print_page([PrintSource("x.html", "<html><body><p>no article</p></body></html>")], title="T")


def test_the_print_page_drops_permalinks_and_the_tooltips_of_links_within_it():
    from mmn_book.print_page import PrintSource, compose_print_page

    body = ('<h1>A<a class="headerlink" href="#a" title="Link to this heading">#</a></h1>'
            '<p>MMN <span class="bibtex-citation">[<a class="reference internal" href="../book/bib.html#id3" '
            'title="Author. A long reference. Journal, 2010.">EFNS 2010</a>]</span> and '
            '<a class="reference external" href="https://doi.org/x" title="keep me">doi</a></p>')
    a = PrintSource("chapters/a.html", f'<html><head></head><body><article class="bd-article">{body}</article></body></html>')
    bib = PrintSource("book/bib.html", '<html><head></head><body><article class="bd-article"><h1>Bibliography</h1>'
                      '<div class="citation" id="id3">Author. A long reference.</div></article></body></html>')
    html = compose_print_page([a, bib], title="T")
    assert "headerlink" not in html and "Link to this heading" not in html
    assert '<a class="reference internal" href="#id3">EFNS 2010</a>' in html  # still a link, no tooltip
    assert 'title="keep me"' in html  # a link leaving the page keeps its title
