"""Page assets made at build time (:mod:`mmn_book`): MathML, shared rule tables, print figures, sound clips."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import pytest

from mmn_book.mathml import body_needs_mathjax, formulas_as_mathml
from mmn_book.print_page import figures_without_controls
from widgets.differential.views import explorer_html, share_table_data, table_json
from widgets.display import figure_html

DISPLAY = '<p>Area:</p><div class="math notranslate nohighlight">\n\\[1 - \\frac{A_\\text{p}}{A_\\text{d}} &lt; 0.5\\]</div>'


def test_a_display_formula_becomes_block_mathml_with_its_tex_as_alttext():
    out = formulas_as_mathml(DISPLAY)
    assert body_needs_mathjax(DISPLAY) and not body_needs_mathjax(out)
    m = re.search(r"<math [^>]*>.*</math>", out, re.S)
    assert m, out
    assert 'display="block"' in m.group(0) and "<mfrac>" in m.group(0)
    assert "<mo>&#x0003C;</mo>" in m.group(0), "the escaped < of the page must reach MathML as an operator"
    assert 'alttext="1 - \\frac{A_\\text{p}}{A_\\text{d}} &lt; 0.5"' in out
    assert "\\[" not in out and out.startswith("<p>Area:</p>")


def test_an_inline_formula_and_a_numbered_equation_keep_their_place():
    body = (
        '<p>Rate <span class="math notranslate nohighlight">\\(x^2\\)</span> per day.</p>'
        '<div class="math notranslate nohighlight" id="equation-cv"><span class="eqno">(1)'
        '<a class="headerlink" href="#equation-cv">#</a></span>\\[v = d / t\\]</div>'
    )
    out = formulas_as_mathml(body)
    assert re.search(r'<span class="mmn-math notranslate"><math [^>]*display="inline"[^>]*><mrow><msup>', out)
    assert '<div class="mmn-math notranslate" id="equation-cv"><span class="eqno">(1)' in out
    assert out.count("<math ") == 2 and not body_needs_mathjax(out)


@pytest.mark.parametrize(
    "tex",
    [
        r"\begin{aligned}a &= b\\ c &= d\end{aligned}",  # an environment the converter would flatten
        r"\unknowncommand{x} + 1",  # a command it would pass through as text
        r"x^{",  # TeX it cannot read
    ],
)
def test_a_formula_the_converter_would_garble_is_left_to_mathjax(tex):
    body = f'<div class="math notranslate nohighlight">\\[{tex}\\]</div>'
    out = formulas_as_mathml(body)
    assert out == body and body_needs_mathjax(out)


def test_explorers_on_one_page_share_the_first_rule_table():
    page = explorer_html(uid="case-a") + "<p>text</p>" + explorer_html(uid="case-b") + explorer_html(uid="case-c")
    assert page.count('class="mmn-ddx-data"') == 3
    shared = share_table_data(page)
    assert shared.count('class="mmn-ddx-data"') == 1
    first = shared.index('class="mmn-ddx-data"')
    assert shared.index('id="case-a"') < first < shared.index('id="case-b"')
    data = re.search(r'class="mmn-ddx-data">(.*?)</script>', shared, re.S).group(1)
    assert json.loads(data) == json.loads(table_json())
    assert len(page) - len(shared) > 2 * len(table_json()) * 0.9


def test_a_different_table_on_the_same_page_is_kept():
    other = explorer_html(uid="x").replace('"levels": ["compatible"', '"levels": ["fits"', 1)
    page = explorer_html(uid="a") + other
    assert share_table_data(page).count('class="mmn-ddx-data"') == 2


def _newplot_layout(text: str) -> dict:
    m = re.search(r'Plotly\.newPlot\(\s*"[^"]+",\s*', text)
    decoder = json.JSONDecoder()
    data, end = decoder.raw_decode(text, m.end())
    rest = text[end:].lstrip()
    assert rest.startswith(",")
    return data, decoder.raw_decode(rest[1:].lstrip())[0]


def test_print_figures_keep_their_state_and_lose_the_steps_of_their_controls():
    fig = go.Figure(go.Scatter(y=[1, 2, 3], name="shown"))
    steps = [dict(method="restyle", label=str(k), args=[{"y": [list(range(500))]}]) for k in range(20)]
    fig.update_layout(
        title="A </script><b>title</b>",
        height=740,
        margin=dict(b=260),
        annotations=[dict(text="verdict under the traces", x=0, y=-0.3, xref="paper", yref="paper", showarrow=False)],
        sliders=[dict(steps=steps)],
        updatemenus=[dict(buttons=[dict(label="x", method="restyle", args=[{"y": [[0]]}])])],
    )
    before = figure_html(fig, div_id="f1")
    after = figures_without_controls(before)
    data_before, layout_before = _newplot_layout(before)
    data_after, layout_after = _newplot_layout(after)
    assert "sliders" not in layout_after and "updatemenus" not in layout_after
    assert data_after == data_before, "the state the figure shows must not change"
    assert layout_after["title"] == layout_before["title"]
    # The bottom margin holds texts too (a verdict under the traces): the figure keeps its size.
    assert layout_after["margin"] == layout_before["margin"] and layout_after["height"] == 740
    assert layout_after["annotations"] == layout_before["annotations"]
    assert layout_after["meta"] == {"mmnFitToContent": True} and "meta" not in layout_before
    assert len(after) < len(before) / 5
    assert after.count("</script>") == before.count("</script>"), "a title must not close the script"


def test_figures_without_controls_leaves_other_figures_and_text_alone():
    plain = figure_html(go.Figure(go.Bar(y=[1, 2])), div_id="plain")
    text = "<p>before</p>" + plain + "<p>after</p>"
    assert figures_without_controls(text) == text


def test_print_page_drops_sound_clips_but_keeps_their_captions():
    """Audio is no use on paper: the print page replaces each clip (a data URL of ~20 kB) by a pointer."""
    from mmn_book.print_page import _for_print

    body = ('<figure class="mmn-emg-audio"><audio controls preload="none" src="data:audio/wav;base64,AAAA">'
            "</audio><figcaption>Fibrillation potentials</figcaption></figure>")
    out = _for_print(body)
    assert "<audio" not in out and "data:audio" not in out
    assert "Fibrillation potentials" in out and "chapter page" in out
