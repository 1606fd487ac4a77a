"""The rules of a stylesheet one page can use (:mod:`mmn_book.css_subset`) and the print page's subset."""

from __future__ import annotations

import pytest

from mmn_book.css_subset import used_css

PAGE = """<!DOCTYPE html><html data-theme="light"><body>
<main><article class="bd-article"><h1 id="title">T</h1>
<p class="lead">Text <a class="reference internal" href="#x">link</a></p>
<details class="key"><summary>Show</summary><p>answer</p></details>
<input type="radio" name="q"><table class="table"><tr><td>1</td></tr></table>
<a class="download" href="x.pdf">pdf</a>
</article></main>
<script>var html = '<div class="only-in-a-script"></div>';</script>
</body></html>"""


def rules(css: str) -> list[str]:
    return [r for r in used_css(css, PAGE).splitlines() if r]


def test_a_rule_stays_if_a_selector_matches_an_element_and_goes_otherwise():
    assert rules(".lead{color:red}.navbar{color:blue}h2{margin:0}p a{color:green}") == [
        ".lead{color:red}", "p a{color:green}"]


def test_only_the_matching_selectors_of_a_list_stay():
    assert rules(".navbar,.lead,#title,#nowhere{color:red}") == [".lead,#title{color:red}"]


def test_markup_inside_a_script_is_not_an_element():
    assert rules(".only-in-a-script{color:red}") == []


@pytest.mark.parametrize("selector", ["a:hover", "a:focus-visible", "input:checked", ":focus", "p::before",
                                      "details[open] summary", "a.reference:not(:hover)", "summary::marker"])
def test_rules_for_a_readers_action_on_an_element_of_the_page_stay(selector):
    assert rules(selector + "{color:red}") == [selector + "{color:red}"]


@pytest.mark.parametrize("selector", [".navbar:hover", "button:focus", "h2::before", "dialog[open]",
                                      'html[data-theme="dark"] p'])
def test_rules_for_elements_or_states_the_page_cannot_have_go(selector):
    assert rules(selector + "{color:red}") == []


def test_an_attribute_value_is_not_taken_for_a_class_or_an_id():
    assert rules('a[href$=".pdf"]{color:red}a[href^="#x"]{color:blue}') == [
        'a[href$=".pdf"]{color:red}', 'a[href^="#x"]{color:blue}']


def test_media_blocks_are_subset_and_dropped_when_empty_and_other_at_rules_stay_whole():
    css = ("@charset \"utf-8\";@media print{.lead{color:red}.navbar{color:blue}}@media (min-width:1px){.navbar{x:y}}"
           "@font-face{font-family:X;src:url(x.woff2)}@keyframes spin{to{transform:rotate(1turn)}}")
    out = rules(css)
    assert out[0].startswith("@media print") and ".lead{color:red}" in out[0] and "navbar" not in out[0]
    assert not any("min-width" in r for r in out) and not any("@charset" in r for r in out)
    assert any(r.startswith("@font-face") for r in out) and any(r.startswith("@keyframes spin") for r in out)


def test_kept_rules_keep_their_order():
    css = "p{color:red}.navbar{x:y}.lead{color:blue}td{color:green}"
    assert rules(css) == ["p{color:red}", ".lead{color:blue}", "td{color:green}"]


def test_a_selector_it_cannot_judge_is_kept():
    assert rules("p:nth-of-type(2n of .lead){color:red}") == ["p:nth-of-type(2n of .lead){color:red}"]


def test_elements_the_scripts_add_count_as_present():
    from mmn_book.css_subset import PageElements

    css = "main svg{vertical-align:middle}select{font-size:1rem}"
    assert used_css(css, PAGE).strip() == ""
    page = PageElements(PAGE, scripted="<svg></svg><select></select>")
    assert used_css(css, page).splitlines() == ["main svg{vertical-align:middle}", "select{font-size:1rem}"]


def test_the_print_page_links_one_subset_for_each_run_of_theme_stylesheets(tmp_path):
    from mmn_book.print_styles import PRINT_THEME_CSS, print_stylesheets

    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "basic.css").write_text(".lead{margin:0}.unused-basic{x:y}")
    (static / "styles" / "theme.css").write_text('@import "../basic.css";\n@font-face{src:url(../fonts/f.woff2)}'
                                                 ".navbar{x:y}p{color:red}")
    (static / "extra.css").write_text("td{color:blue}")
    (static / "course.css").write_text(".unused-own{x:y}")
    (static / "late.css").write_text("h1{color:green}")
    page_dir = tmp_path / "print"
    page_dir.mkdir()
    links = ('<link href="../_static/styles/theme.css?d=1" rel="stylesheet" />\n'
             '<link rel="stylesheet" type="text/css" href="../_static/extra.css?v=2" />\n'
             '<link rel="stylesheet" href="../_static/course.css" />\n'
             '<link rel="stylesheet" href="../_static/late.css" />\n')
    text = print_stylesheets(PAGE.replace("<body>", f"<head>\n{links}</head><body>"), page_dir, whole={"course.css"})
    head = text.split("</head>")[0]
    assert [line for line in head.splitlines() if "<link" in line] == [
        f'<link rel="stylesheet" href="{PRINT_THEME_CSS}">',
        '<link rel="stylesheet" href="../_static/course.css" />',
        '<link rel="stylesheet" href="course-theme-2.css">',
    ]
    first = (page_dir / PRINT_THEME_CSS).read_text()
    # the import inlined and subset, fonts still found from print/, unused rules gone, order kept
    assert first.index(".lead{margin:0}") < first.index('url("../_static/fonts/f.woff2")') < first.index("p{color:red}") \
        < first.index("td{color:blue}")
    assert "unused-basic" not in first and "navbar" not in first
    assert (page_dir / "course-theme-2.css").read_text().strip() == "h1{color:green}"
