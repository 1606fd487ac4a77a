"""The printable whole course (book/_ext/mmn_book/print_page.py): one answer-key appendix at its end, and
differential explorers printed as the findings set in them (issue 17).

Made-up built pages carry the real quiz and explorer markup; the composed page is read back.
"""

from __future__ import annotations

import re

from mmn_book.print_page import PrintSource, compose_print_page, explorers_as_findings

from widgets.differential.views import explorer_html
from widgets.quiz import load_bank, quiz


def page(title: str, body: str) -> str:
    return (
        "<html><head></head><body>"
        f'<article class="bd-article" role="main"><h1>{title}</h1>{body}</article></body></html>'
    )


def keyed(qid: str) -> str:
    (q,) = [x for x in load_bank() if x.id == qid]
    return q.options[q.correct_indices[0]].text


def composed() -> str:
    one = quiz("what_is_mmn", ids=["wim-hallmark-01"], title="Quiz one").book_html()
    two = quiz("clinical_cases", ids=["case-fail-01"], title="Decision point").book_html()
    three = quiz("review", ids=["rev-als-care-01", "rev-csf-mmn-01"], title="Round 4").book_html()
    sources = [
        PrintSource("chapters/01_a.html", page("First chapter", "<p>Text.</p>" + one)),
        PrintSource("chapters/09_b.html", page("Cases", "<p>Case.</p>" + two + explorer_html(uid="ddx-x", patient="Mr X"))),
        PrintSource("chapters/10_c.html", page("Review", three)),
    ]
    return compose_print_page(sources, title="Course")


def test_the_keys_leave_the_chapters_for_one_appendix_at_the_end():
    text = composed()
    main = text.split('<main id="mmn-print-main"', 1)[1]
    appendix_at = main.index('id="mmn-print-answer-key"')
    assert "mmn-quiz__print-key\"" not in main, "no key is left after its quiz"
    assert main.count('<section class="mmn-print-page mmn-print-answers"') == 1
    assert all(main.index(f'id="page-chapters-{p}"') < appendix_at for p in ("01_a", "09_b", "10_c"))
    appendix = main[appendix_at:]
    for qid in ("wim-hallmark-01", "case-fail-01", "rev-als-care-01", "rev-csf-mmn-01"):
        assert keyed(qid) in appendix, qid
    assert appendix.count("Teaching point:") == 4
    # Keys in reading order, grouped under their page, each linked to and from its quiz.
    assert [h for h in re.findall(r"<h2>(.*?)</h2>", appendix)] == ["First chapter", "Cases", "Review"]
    for n in (1, 2, 3):
        assert f'href="#mmn-answer-key-{n}"' in main[:appendix_at] and f'id="mmn-answer-key-{n}"' in appendix
        assert f'id="mmn-key-ref-{n}"' in main[:appendix_at] and f'href="#mmn-key-ref-{n}"' in appendix
    assert 'href="#mmn-print-answer-key"' in text.split("<main", 1)[0], "the table of contents lists the appendix"
    assert "Key 3: Round 4" in appendix and '<li value="2">' in appendix


def test_explorers_print_their_findings_not_their_radio_forms():
    text = composed()
    explorer = text.split('class="mmn-differential" id="ddx-x"', 1)[1].split("</section>", 1)[0]
    assert 'type="radio"' not in explorer and "<fieldset" not in explorer
    assert "This explorer starts empty" in text
    assert 'class="mmn-ddx-data"' not in text, "without a form the rule table is not needed"
    preset = explorers_as_findings(explorer_html({"symmetry": "asymmetric", "umn_signs": "present"}, uid="p", patient="P"))
    assert "<form" not in preset and 'type="radio"' not in preset
    items = re.findall(r"<li><strong>(.*?)</strong> (.*?)</li>", preset)
    assert len(items) == 2 and all(label for _, label in items)
    assert "mmn-ddx-results" in preset, "the verdicts for the set findings still print"


def test_a_course_without_quizzes_has_no_appendix():
    text = compose_print_page([PrintSource("chapters/a.html", page("A", "<p>x</p>"))], title="C")
    assert "mmn-print-answer-key" not in text
