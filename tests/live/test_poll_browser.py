"""The poll in a real browser: a student's phone (390 px, keyboard only) and the lecturer's hall display.

The server runs on 127.0.0.1 (``classpoll.launcher``); pages may request nothing else. The student answers with
Tab, the arrow keys and Enter; the lecturer's histogram must show the answer within 1 s of the key press, and the
reveal must show the key and the explanations on both screens. Text from the server (a session title with a
script in it) is shown as text. axe-core checks both pages, light and dark, after the reveal.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.request

import pytest

from support.axe import axe_violations
from support.paths import ROOT
from support.site import served

try:
    import classpoll  # noqa: F401
except ImportError:  # until pyproject installs the package
    sys.path.insert(0, str(ROOT))

from classpoll.deck import poll_panel  # noqa: E402
from classpoll.launcher import PollProcess  # noqa: E402
from widgets.quiz import load_bank  # noqa: E402

TOKEN = "browser-test-token-0123456789"
TITLE = '<img src=x onerror="window.__pwned=1">Week 3 <script>window.__pwned=2</script>'
PHONE = {"width": 390, "height": 844}
HALL = {"width": 1280, "height": 900}


def call(server, method, path, body=None):
    req = urllib.request.Request(server.base + path, method=method,
                                 data=json.dumps(body or {}).encode() if method == "POST" else None,
                                 headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.loads(res.read())


class Guarded:
    """A browser context whose requests off 127.0.0.1 are blocked and recorded, with page and console errors."""

    def __init__(self, browser, viewport, **options):
        self.outside, self.errors = [], []
        self.context = browser.new_context(viewport=viewport, **options)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", lambda d: (self.errors.append("dialog: " + d.message), d.dismiss()))

    def _route(self, route):
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()
        assert self.outside == [], f"requests left 127.0.0.1: {self.outside}"
        assert self.errors == [], f"errors: {self.errors}"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for the module's tests (each makes its own session)."""
    with PollProcess(tmp_path_factory.mktemp("poll") / "poll.sqlite", token=TOKEN) as proc:
        yield proc


@pytest.fixture(scope="module")
def question():
    return next(q for q in load_bank() if q.type == "single" and q.trace is None and q.correct_indices != (1,))


def test_student_answers_by_keyboard_and_the_hall_display_follows_within_1_s(browser, server, question):
    code = call(server, "POST", "api/sessions", {"title": TITLE})["code"]
    call(server, "POST", f"api/s/{code}/open", {"question": question.id})

    hall = Guarded(browser, HALL)
    lecturer = hall.page
    lecturer.goto(f"{server.base}lecturer?s={code}&view=deck#token={TOKEN}")
    lecturer.wait_for_function("() => document.getElementById('count').textContent.startsWith('0 answers')",
                               timeout=10000)
    assert "token" not in lecturer.url  # the token leaves the address bar once used
    assert lecturer.locator("#title").inner_text() == TITLE
    assert lecturer.locator("#code").inner_text() == code
    assert lecturer.locator("#join-url").inner_text() == f"{server.base}j/{code}"
    # the QR image loaded (an <img> from the server: wait for it, under load it can come after the counter)
    lecturer.wait_for_function("() => { const q = document.getElementById('qr'); return q && q.complete && q.naturalWidth > 0; }",
                               timeout=10000)

    phone = Guarded(browser, PHONE, is_mobile=True, has_touch=True)
    student = phone.page
    student.goto(f"{server.base}j/{code}")
    student.wait_for_selector("#answer:not([hidden])", timeout=10000)
    assert student.locator("#title").inner_text() == TITLE
    assert student.locator("#stem").inner_text() == question.stem.strip()
    assert student.locator("#options label").count() == len(question.options)
    assert student.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling

    # keyboard only: Tab to the options, arrow to B, Tab to the button, Enter
    for _ in range(10):
        if student.evaluate("document.activeElement.id") == "opt-0":
            break
        student.keyboard.press("Tab")
    assert student.evaluate("document.activeElement.id") == "opt-0"
    student.keyboard.press("ArrowDown")
    assert student.evaluate("document.activeElement.id") == "opt-1" and student.is_checked("#opt-1")
    assert call(server, "GET", f"api/s/{code}/results")["voters"] == 0  # choosing sends nothing
    student.keyboard.press("Tab")
    assert student.evaluate("document.activeElement.id") == "send"
    student.keyboard.press("Enter")
    pressed = time.monotonic()
    lecturer.wait_for_function("() => document.getElementById('value-1')?.textContent.startsWith('1 (100%)')",
                               timeout=1000)
    delay = time.monotonic() - pressed
    print(f"hall display followed the key press after {delay * 1000:.0f} ms")
    assert delay < 1.0, f"the hall display followed after {delay:.2f} s"
    student.wait_for_function("() => document.getElementById('status').textContent.startsWith('Answer recorded: B')",
                              timeout=5000)
    assert lecturer.locator("#count").inner_text().startswith("1 answer")

    # the lecturer reveals (keyboard too): the key and every explanation on both screens
    lecturer.focus("#reveal")
    lecturer.keyboard.press("Enter")
    right = question.correct_indices[0]
    lecturer.wait_for_function(f"() => document.getElementById('mark-{right}')?.textContent.includes('Correct')",
                               timeout=5000)
    assert lecturer.locator(f"#bar-{right}").get_attribute("class") == "bar correct"
    assert lecturer.locator("#why-0").inner_text() == question.options[0].explanation.strip()
    student.wait_for_function(f"() => document.getElementById('mark-{right}')?.textContent.includes('Correct')",
                              timeout=5000)
    assert student.locator("#status").inner_text().startswith(f"Correct: {chr(65 + right)}.")
    assert student.locator(f"#why-{right}").inner_text() == question.options[right].explanation.strip()
    assert student.is_disabled("#opt-0")
    assert student.evaluate("window.__pwned") is None and lecturer.evaluate("window.__pwned") is None
    hall.close()
    phone.close()

    # accessibility (contrast included) of both pages after the reveal, light and dark
    problems = {}
    for scheme in ("light", "dark"):
        for name, viewport, url in (("student", PHONE, f"j/{code}"), ("lecturer", HALL, f"lecturer?s={code}")):
            checked = Guarded(browser, viewport, color_scheme=scheme, bypass_csp=True)  # axe is injected inline
            if name == "lecturer":
                checked.page.goto(f"{server.base}lecturer#token={TOKEN}")
                checked.page.wait_for_selector("#setup:not([hidden])", timeout=10000)
            checked.page.goto(server.base + url)
            checked.page.wait_for_function(
                f"() => document.getElementById('mark-{right}')?.textContent.includes('Correct')", timeout=10000)
            found = axe_violations(checked.page)
            if found:
                problems[f"{name} {scheme}"] = found
            checked.close()
    assert problems == {}, json.dumps(problems, indent=1)


@pytest.fixture(scope="module")
def study_question():
    return next(q for q in load_bank() if q.type == "single" and q.trace is not None)


def test_the_deck_panel_asks_a_slides_question_and_shows_the_class(browser, server, study_question, tmp_path):
    """The deck (another port of 127.0.0.1, as Voila is) frames the poll; the lecturer logged in once. The
    question has a simulated study: its traces (SVG) and tables show on the hall display and on the phone."""
    question = study_question
    code = call(server, "POST", "api/sessions", {"title": "Deck"})["code"]
    (tmp_path / "deck").mkdir()
    (tmp_path / "deck" / "index.html").write_text(
        "<!doctype html><html lang='en'><title>deck</title><body>"
        + poll_panel(url=server.base, question=question.id).value + "</body></html>")
    hall = Guarded(browser, HALL)
    hall.page.goto(f"{server.base}lecturer#token={TOKEN}")  # the lecturer's one log-in, before the lecture
    hall.page.wait_for_selector("#setup:not([hidden])", timeout=10000)
    # no log-in on a LAN: the lecturer is told that a phone which clears its cookies can answer again
    assert hall.page.is_visible("#lan-note") and "clears its cookies" in hall.page.inner_text("#lan-note")
    with served(tmp_path / "deck") as deck_url:
        hall.page.goto(deck_url + "/index.html")
        frame = hall.page.frame_locator("iframe")
        frame.locator("#code").filter(has_text=code).wait_for(timeout=10000)
        frame.locator("#ask").click()
        frame.locator("#stem").filter(has_text=question.stem.strip()[:40]).wait_for(timeout=30000)  # simulates first
        frame.locator("#ask").wait_for(state="hidden", timeout=5000)
        assert call(server, "GET", f"api/s/{code}/results")["question"]["id"] == question.id
        assert frame.locator(".study svg polyline").count() >= 2 and frame.locator(".study table").count() >= 1
        phone = Guarded(browser, PHONE)
        phone.page.goto(f"{server.base}j/{code}")
        phone.page.wait_for_selector("#answer:not([hidden])", timeout=10000)
        assert phone.page.locator(".study svg[role=img]").get_attribute("aria-label").startswith("Simulated")
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        phone.page.check("#opt-0")
        phone.page.click("#send")
        frame.locator("#value-0").filter(has_text="1 (100%)").wait_for(timeout=2000)
        phone.close()
    hall.close()
