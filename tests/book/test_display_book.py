"""Every figure of the built book uses a trace type the course template covers."""

import widgets  # noqa: F401  (configures the renderer)


def test_every_figure_of_the_book_uses_a_trace_type_the_template_covers(book_build):
    from mmn_book.plotly_calls import plotly_trace_types
    from widgets.display import TEMPLATE_TRACE_TYPES

    pages = [p for p in book_build.html.rglob("*.html") if "_static" not in p.parts]
    used = set().union(*(plotly_trace_types(p.read_text()) for p in pages))
    assert "scatter" in used and used <= set(TEMPLATE_TRACE_TYPES), used
