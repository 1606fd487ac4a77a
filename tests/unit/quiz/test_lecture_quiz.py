"""Lecture mode (widgets/quiz/lecture.py) shows what the book shows with a question that reads a simulated study
(the figure, measurement table and caption of a nerve conduction study or needle EMG screen), and the class poll
of the question on screen when ``CLASSPOLL_URL`` is set (nothing changes when it is unset)."""

from __future__ import annotations

import html
import re

import pytest

from widgets.quiz import load_bank, quiz
from widgets.quiz.lecture import POLL_ENV, LectureQuiz

#: A nerve conduction item, a needle EMG item and an item without a simulated study.
NCS, EMG, PLAIN = "rev-sim-als-ulnar-01", "emg-sim-rest-01", "cp-vignette-01"


def question(qid):
    (q,) = [x for x in load_bank() if x.id == qid]
    return q


@pytest.fixture
def lecture(monkeypatch):
    monkeypatch.delenv(POLL_ENV, raising=False)
    return quiz(ids=[NCS, EMG, PLAIN], title="Your turn", lecture=True)


def sections(markup: str) -> dict[str, str]:
    return dict(re.findall(r'<section class="mmn-lq__question" data-question-id="([^"]+)"(.*?)</section>', markup,
                           flags=re.S))


def test_simulated_studies_of_every_nerve_and_muscle_have_their_screen_in_lecture_mode(monkeypatch):
    monkeypatch.delenv(POLL_ENV, raising=False)
    kinds = {}  # one question per nerve studied and per EMG phase (all of them would take seconds)
    for q in load_bank():
        emg = getattr(q, "emg", None)
        kind = ("ncs", q.trace.nerve) if q.trace is not None else ("emg", emg.spec["phase"]) if emg else None
        if kind is not None:
            kinds.setdefault(kind, q)
    screens = list(kinds.values())
    assert {k[1] for k in kinds if k[0] == "ncs"} >= {"median", "ulnar", "peroneal"} and any(k[0] == "emg" for k in kinds)
    lq = LectureQuiz(screens, title="all")
    assert all(lq.plot_ids), "every such question has a figure place"
    found = sections(lq.html())
    assert len(found) == len(screens)
    assert all('data-screen="1"' in body and "mmn-lq__table" in body and "<table" in body for body in found.values())


def test_the_tables_and_captions_are_the_books_and_the_figure_comes_as_its_own_output(lecture):
    from widgets.quiz.traces import question_figure, render_trace

    markup = lecture.html()
    found = sections(markup)
    assert "data-screen" not in found[PLAIN] and "mmn-lq__trace" not in found[PLAIN]
    assert "Plotly.newPlot" not in markup.split("<script data-mmn-lq-js")[0], \
        "no inline figure where plotly.js is not a page global (Voila, Lab)"
    parts = lecture.parts()
    assert parts[0]["text/html"] == markup and len(parts) == 3
    for qid, pid, bundle in zip((NCS, EMG), lecture.plot_ids, parts[1:]):
        book = render_trace(question(qid), "x-trace")
        assert book.table_html in found[qid] and html.escape(book.caption, quote=True) in found[qid]
        assert f'data-mmn-lq-plot="{pid}"' in found[qid]
        fig = bundle["application/vnd.plotly.v1+json"]
        assert fig["layout"]["meta"] == {"mmn_lq": pid}, "the script finds the figure by this tag"
        book_fig = question_figure(question(qid))
        assert fig["data"] == book_fig["data"] and fig["layout"]["title"] == book_fig["layout"]["title"]
    assert lecture.plot_ids[2] is None


def test_in_the_book_the_figure_is_drawn_in_its_place(lecture):
    markup = lecture._repr_html_()
    for pid in lecture.plot_ids[:2]:
        place = re.search(rf'<div class="mmn-lq__plot" data-mmn-lq-plot="{pid}">(.*?)</div><div class="mmn-lq__table">',
                          markup, flags=re.S)
        assert place and f'id="{pid}-fig"' in place.group(1) and "Plotly.newPlot" in place.group(1)


def test_without_classpoll_url_the_poll_place_stays_empty(lecture):
    markup = lecture.html().split("<script")[0]
    assert '<div class="mmn-lq__poll"></div>' in markup
    assert "data-poll-src" not in markup and "<iframe" not in markup and "mmn-lq__poll-toggle" not in markup


def test_with_classpoll_url_the_poll_of_the_question_on_screen_is_shown_and_can_be_hidden(monkeypatch):
    monkeypatch.setenv(POLL_ENV, "http://127.0.0.1:8890")
    markup = quiz(ids=[NCS, PLAIN], title="Your turn", lecture=True).html()
    sources = re.findall(r'data-question-id="([^"]+)" data-poll-src="([^"]+)"', markup)
    assert [(qid, html.unescape(src)) for qid, src in sources] == [
        (NCS, f"http://127.0.0.1:8890/lecturer?view=deck&q={NCS}"),
        (PLAIN, f"http://127.0.0.1:8890/lecturer?view=deck&q={PLAIN}"),
    ]
    frame = re.search(r'<div class="mmn-lq__poll" data-poll="1"><iframe ([^>]*)></iframe></div>', markup)
    assert frame, "the panel is shown by default"
    assert 'title="Class poll: live answers of the class"' in frame.group(1)
    assert f'src="{sources[0][1]}"' in frame.group(1), "the first question's poll"
    assert re.search(r'<button type="button" class="mmn-lq__poll-toggle" aria-expanded="true">Hide the class poll',
                     markup), "the lecturer can hide it"


def test_a_bad_classpoll_url_is_said_and_the_quiz_still_shows(monkeypatch):
    monkeypatch.setenv(POLL_ENV, "ftp://hall")
    markup = quiz(ids=[PLAIN], title="Your turn", lecture=True).html()
    assert 'role="alert">Class poll: url must start with' in markup
    assert "<iframe" not in markup and 'class="mmn-lq__question"' in markup
