"""The MMN course book's build: its Sphinx extension and the tools around the built site.

Nothing here runs in a student's kernel (that is :mod:`widgets`); this package
imports :mod:`widgets`, never the other way round.

============================  ==========================================================
module                        what it does
============================  ==========================================================
:mod:`.citations`             short citation labels and DOI/PubMed links (pybtex style)
:mod:`.execution`             the build marker and a quiet kernel profile for the notebooks
:mod:`.page_assets`           each page loads only the scripts its content uses
:mod:`.mathml`                formulas as MathML, so most pages need no MathJax
:mod:`.plotly_calls`          the plotly figures of a built page, read from its HTML
:mod:`.emg_tables`            the needle EMG's data table for the browser (``js/emg-*.js``)
:mod:`.ivig_tables`           the IVIg model's table and scripts for the in-page explorer
:mod:`.model_tables`          the conduction model's table and scripts for the in-page explorer
:mod:`.theme_fixes`           accessibility and weight repairs of the theme's HTML
:mod:`.print_page`            the whole course on one printable page
:mod:`.print_styles`          that page's stylesheets, cut by :mod:`.css_subset`
:mod:`.links`                 an offline link checker (``python -m mmn_book.links``)
:mod:`.budgets`               weight budgets of the built pages
:mod:`.browser`               probes of a loaded page (export, benchmark, browser tests)
:mod:`.slides`                chapter slides: slide metadata, MyST to Markdown, nbconvert
============================  ==========================================================
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The front-matter page that links to the printable course; it is left out of the print itself.
PRINT_DOC = "book/print"
#: The book's own static folder (``book/_static``): its stylesheets stay whole on the print page.
BOOK_STATIC = Path(__file__).resolve().parents[2] / "_static"


def _reading_order(app: Sphinx) -> list[str]:
    relations = app.env.collect_relations()
    order, doc, seen = [], app.config.root_doc, set()
    while doc and doc not in seen:
        seen.add(doc)
        order.append(doc)
        doc = relations.get(doc, [None, None, None])[2]
    return [d for d in order if d != PRINT_DOC]


def _finish_site(app: Sphinx, exception) -> None:
    """Repair every page, then compose the printable whole-course page from the built pages."""
    if exception is not None or app.builder.name != "html":
        return
    from mmn_book.print_page import write_print_page
    from mmn_book.theme_fixes import fix_site
    from widgets.assets import css_files
    from widgets.differential.views import share_table_data

    outdir = Path(app.outdir)
    fix_site(outdir)
    suffix = app.builder.out_suffix
    pages = [doc + suffix for doc in _reading_order(app)]
    title = app.config.html_title or app.config.project
    # The course's own stylesheets stay whole (they style what its scripts add); the theme's are
    # cut to the rules the print page uses.
    own_css = set(css_files()) | {p.name for p in BOOK_STATIC.glob("*.css")}
    write_print_page(outdir, pages, title=title, whole_css=own_css, finish=share_table_data)


def setup(app: Sphinx) -> dict:
    """Sphinx entry point: wire the build's steps to Sphinx's events."""
    from mmn_book import execution, ivig_tables, model_tables, page_assets

    execution.mark_build()
    app.setup_extension("mmn_book.citations")
    app.setup_extension("mmn_book.emg_tables")
    execution.quiet_kernel_profile(Path(app.outdir).parent / ".ipython")
    app.connect("config-inited", page_assets.add_package_assets)
    app.connect("config-inited", page_assets.add_plotly_scripts)
    app.connect("config-inited", ivig_tables.add_assets)
    app.connect("config-inited", model_tables.add_assets)
    app.connect("html-page-context", page_assets.trim_page_assets, priority=900)
    # after the theme's own build-finished step, which writes the final pygments.css the print page subsets
    app.connect("build-finished", _finish_site, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
