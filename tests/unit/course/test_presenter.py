"""Presenter-mode helpers (``widgets/presenter.py``) and the lecture deck notebooks, without a browser.

The browser checks of the same things are in ``test_live_voila.py``.
"""

from __future__ import annotations

import json

import ipywidgets as W
import nbformat
import plotly.graph_objects as go
import pytest
from support.paths import ROOT

from widgets import presenter

DECK = sorted((ROOT / "presenter").glob("*.ipynb"))


# ------------------------------------------------------------------------------------------- figures
def _figure(cls=go.Figure):
    fig = cls(
        [go.Scatter(y=[1, 2, 3], line=dict(width=1.5)), go.Scatter(y=[3, 2, 1], mode="markers", marker=dict(size=5)),
         go.Bar(y=[1, 2])],
        layout=dict(width=640, height=300, font=dict(size=12), xaxis2=dict(title="t"), annotations=[dict(text="a")]),
    )
    return fig


@pytest.mark.parametrize("cls", [go.Figure, go.FigureWidget])
def test_style_figure_makes_type_and_lines_big_and_spans_the_width(cls):
    fig = presenter.style_figure(_figure(cls))
    assert fig.layout.font.size == presenter.FONT_SIZE
    assert fig.layout.title.font.size > presenter.FONT_SIZE
    assert fig.layout.xaxis.tickfont.size >= presenter.FONT_SIZE - 2 and fig.layout.xaxis2.title.font.size > presenter.FONT_SIZE
    assert fig.layout.width is None and fig.layout.autosize is True and fig.layout.height == presenter.FIGURE_HEIGHT
    assert fig.data[0].line.width == presenter.LINE_WIDTH
    assert fig.data[1].marker.size == presenter.MARKER_SIZE
    assert fig.layout.annotations[0].font.size >= presenter.FONT_SIZE - 2


def test_style_figure_is_idempotent_and_never_shrinks():
    fig = _figure()
    fig.data[0].line.width = 9
    fig.layout.font.size = 30
    once = presenter.style_figure(fig).to_plotly_json()
    twice = presenter.style_figure(fig).to_plotly_json()
    assert once == twice
    assert fig.data[0].line.width == 9 and fig.layout.font.size == 30


def test_style_figure_refuses_what_is_not_a_figure():
    with pytest.raises(TypeError, match="plotly"):
        presenter.style_figure({"data": []})


def test_sync_figure_state_publishes_changes_made_after_creation():
    fig = go.FigureWidget(go.Figure([go.Scatter(y=[0, 0])]))
    with fig.batch_update():
        fig.data[0].y = [1, 2, 3]
    assert list(fig._widget_data[0]["y"]) == [0, 0], "plotly only sends such changes as one-off messages"
    presenter.sync_figure_state(fig)
    assert list(fig._widget_data[0]["y"]) == [1, 2, 3]


# ------------------------------------------------------------------------------------------- controls
def _view():
    a = W.IntSlider(description="Block (%)")
    b = W.FloatSlider(description="Temperature (°C)")
    c = W.Dropdown(options=["x", "y"], description="Preset")
    d = W.Checkbox(description="Sensory fibres too")
    fig = go.FigureWidget(_figure())
    return W.VBox([W.HBox([a, b]), W.VBox([c, d]), fig, W.HTML("text")]), (a, b, c, d), fig


def test_controls_and_figures_are_found_in_nested_boxes():
    view, ctrls, fig = _view()
    assert presenter.controls(view) == list(ctrls)
    assert presenter.figures(view) == [fig]


def test_keep_controls_hides_the_others_by_description():
    view, (a, b, c, d), _ = _view()
    hidden = presenter.keep_controls(view, ["block", "preset"])
    assert hidden == [b, d]
    assert b.layout.display == "none" and d.layout.display == "none"
    assert a.layout.display is None and c.layout.display is None


def test_keep_controls_refuses_a_name_that_matches_nothing():
    view, _, _ = _view()
    with pytest.raises(ValueError, match="no control is described"):
        presenter.keep_controls(view, ["dispersion"])
    with pytest.raises(ValueError, match="at least one"):
        presenter.keep_controls(view, [])


# ------------------------------------------------------------------------------------------- present
class _Explorable:
    def __init__(self):
        self.calls = []

    def live(self, presenter: bool = False):
        self.calls.append(presenter)
        return _view()[0]


def test_present_asks_for_the_presenter_view_and_styles_it():
    element = _Explorable()
    shown = presenter.present(element, title="Conduction block")
    assert element.calls == [True]
    assert presenter.CSS_CLASS in shown.view._dom_classes
    assert shown.view.layout.width == "100%"
    (fig,) = presenter.figures(shown.view)
    assert fig.layout.font.size == presenter.FONT_SIZE
    assert fig._widget_layout["font"]["size"] == presenter.FONT_SIZE, "synced state must carry the presenter style"


def test_present_wraps_the_html_of_rich_display_objects():
    class Quizlike:
        def _repr_html_(self):
            return "<div class='mmn-quiz'>Q</div>"

    shown = presenter.present(Quizlike())
    assert shown.view == [{"text/html": "<div class=\"mmn-presenter\"><div class='mmn-quiz'>Q</div></div>",
                           "text/plain": repr(shown.element_view)}]
    with pytest.raises(ValueError, match="ipywidget views only"):
        presenter.present(Quizlike(), keep=["x"])


def test_stylesheet_scopes_rules_to_presenter_boxes():
    css = presenter.css()
    rules = [r.split("{")[0] for r in css.split("}") if "{" in r]
    unscoped = [r for r in rules if presenter.CSS_CLASS not in r and "--" not in r]
    assert unscoped == [], unscoped
    assert f"font-size: {presenter.FONT_SIZE}px" in css
    html = presenter.stylesheet_html()
    assert html.startswith("<style") and "<script" in html and "http" not in html


# ------------------------------------------------------------------------------------------- slides text
def test_myst_roles_and_directives_become_plain_markdown():
    text = "\n".join([
        "# Title",
        "(sec-label)=",
        "```{admonition} Learning objectives",
        ":class: tip",
        "- define {term}`conduction block <Conduction block>`;",
        "```",
        "See {cite:p}`a2020,b2019` and {cite:t}`a2020`; {math}`x^2`.",
        "```python",
        "{term}`untouched`",
        "```",
        ":::{note}",
        "A note",
        ":::",
        "```{glossary}",
        "Term",
        "  Definition",
        "```",
    ])
    from mmn_book.slides.myst import myst_to_markdown

    out = myst_to_markdown(text)
    assert "(sec-label)=" not in out and ":class:" not in out and "{glossary}" not in out and "Definition" not in out
    assert "> **Learning objectives**" in out and "> - define conduction block;" in out
    assert "See [a2020; b2019] and [a2020]; $x^2$." in out
    assert "{term}`untouched`" in out, "code fences are left alone"
    assert "> **Note**" in out and "> A note" in out


def test_slide_citations_use_the_books_short_labels(tmp_path):
    from mmn_book.slides.myst import bib_citer

    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{one, author={van Schaik, I. N. and Other, A. and Third, B.}, title={T}, year={2005}}\n"
        "@article{two, author={L{\\\"o}scher, W. and Other, A.}, title={T}, year={2018}}\n"
        "@article{guide, author={{Joint Task Force}}, shorthand={EFNS/PNS MMN 2010}, title={G}, year={2010}}\n"
    )
    cite = bib_citer(str(bib))
    assert cite(["one", "two", "guide"], "p") == "[EFNS/PNS MMN 2010, Löscher 2018, van Schaik 2005]"
    assert cite(["two"], "t") == "Löscher and Other [Löscher 2018]"
    assert cite(["missing"], "p") == "[missing]"


def test_slide_citations_match_the_labels_of_the_built_book():
    """The slides label a source as the book's bibliography style does (both read references.bib one way)."""
    from mmn_book.citations import CourseStyle
    from mmn_book.slides.myst import bib_citer
    from widgets.references import read_entries

    entries = read_entries()
    style = CourseStyle()
    labelled = {e.key: label for e, label in zip(style.sort(entries.values()), style.format_labels(style.sort(entries.values())))}
    cite = bib_citer()
    for key in ("efnspns2010mmn", "hahn2013"):
        if key in entries:
            assert cite([key], "p") == f"[{labelled[key]}]"


# ------------------------------------------------------------------------------------------- deck
@pytest.mark.parametrize("path", DECK, ids=lambda p: p.name)
def test_deck_notebook_is_clean_and_uses_present(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code), "deck notebooks carry no outputs"
    assert any("present(" in c.source for c in code), "each deck element is shown with widgets.presenter.present"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")


def test_deck_links_point_to_existing_elements():
    names = {p.name for p in DECK}
    for path in DECK:
        text = json.dumps(nbformat.read(path, as_version=4).cells)
        import re

        for target in re.findall(r"\]\(([^)#]+\.ipynb)\)", text):
            assert target in names, f"{path.name} links to {target}, which is not in the deck"


def test_style_figure_keeps_deliberately_hidden_lines():
    fig = go.Figure([go.Scatter(y=[1, 2], fill="tozeroy", line=dict(width=0)), go.Scatter(y=[2, 1])])
    presenter.style_figure(fig)
    assert fig.data[0].line.width == 0
    assert fig.data[1].line.width == presenter.LINE_WIDTH
