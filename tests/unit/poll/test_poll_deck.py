"""The deck's poll panel: the lecturer page's hall view in a frame, with its address checked."""

from __future__ import annotations

import ipywidgets
import pytest

from classpoll.deck import panel_url, poll_panel


def test_panel_url_defaults_to_poll_sh_and_keeps_the_token_out_of_the_request(monkeypatch):
    monkeypatch.delenv("CLASSPOLL_URL", raising=False)
    assert panel_url() == "http://127.0.0.1:8890/lecturer?view=deck"
    assert panel_url("k7m2qx") == "http://127.0.0.1:8890/lecturer?view=deck&s=K7M2QX"
    assert panel_url(question="nc-block-01") == "http://127.0.0.1:8890/lecturer?view=deck&q=nc-block-01"
    assert panel_url("K7M2QX", "/services/poll", token="a b").endswith(
        "/services/poll/lecturer?view=deck&s=K7M2QX#token=a%20b")
    monkeypatch.setenv("CLASSPOLL_URL", "http://127.0.0.1:9000")
    assert panel_url().startswith("http://127.0.0.1:9000/lecturer?")


@pytest.mark.parametrize("code", ["", "AB CD", '"><script>', 12])
def test_a_bad_code_is_refused(code):
    with pytest.raises(ValueError, match="code"):
        panel_url(code)


@pytest.mark.parametrize("question", ["", "Has Space", "<b>", 3])
def test_a_bad_question_is_refused(question):
    with pytest.raises(ValueError, match="question"):
        panel_url(question=question)


def test_a_bad_url_is_refused():
    with pytest.raises(ValueError, match="url"):
        panel_url("ABC", "javascript:alert(1)")


def test_poll_panel_is_an_html_widget_with_a_titled_frame():
    w = poll_panel("ABC234", "http://127.0.0.1:8890/", question="nc-block-01")
    assert isinstance(w, ipywidgets.HTML)
    assert '<iframe src="http://127.0.0.1:8890/lecturer?view=deck&amp;s=ABC234&amp;q=nc-block-01"' in w.value
    assert 'title="Class poll: live answers of the class"' in w.value


@pytest.mark.parametrize("height", [True, 100, 5000, 600.5, "600"])
def test_a_bad_height_is_refused(height):
    with pytest.raises(ValueError, match="height"):
        poll_panel("ABC", height=height)
