"""The poll's HTTP API in process (Tornado's test server on 127.0.0.1): answers, lecturer actions, bad input,
escaping, CSV export, and the JupyterHub identity path with a stand-in for the hub."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest
from tornado.testing import AsyncHTTPTestCase

from classpoll.auth import FakeHubIdentity, LecturerRule
from classpoll.questions import QuestionBank
from classpoll.server import MAX_BODY, PollConfig, make_app
from classpoll.store import Store
from widgets.quiz import load_bank

TOKEN = "unit-test-token-0123456789"
SCRIPT = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def questions():
    bank = load_bank()
    single = [q for q in bank if q.type == "single" and q.trace is None][:2]
    multiple = [q for q in bank if q.type == "multiple" and q.trace is None][:1]
    return QuestionBank(single + multiple)


class PollCase(AsyncHTTPTestCase):
    identity = None

    @pytest.fixture(autouse=True)
    def _inject(self, questions, tmp_path):
        self.bank, self.db = questions, tmp_path / "poll.sqlite"

    def get_app(self):
        self.store = Store(self.db)
        kwargs = {"identity": self.identity} if self.identity else {}
        config = PollConfig(store=self.store, bank=self.bank, token=TOKEN,
                            lecturers=LecturerRule(groups=frozenset({"instructors"}), users=frozenset({"prof"})),
                            **kwargs)
        return make_app(config)

    def get_httpserver_options(self):
        from classpoll.__main__ import MAX_REQUEST

        return {"max_body_size": MAX_REQUEST}  # the real server's limit

    def tearDown(self):
        super().tearDown()
        self.store.close()

    # -- helpers --
    def call(self, method, path, body=None, *, lecturer=False, headers=None, raw=None):
        h = {"Content-Type": "application/json"} if method == "POST" else {}
        if lecturer:
            h["Authorization"] = f"Bearer {TOKEN}"
        h.update(headers or {})
        data = raw if raw is not None else json.dumps(body) if body is not None else "{}" if method == "POST" else None
        return self.fetch(path, method=method, body=data, headers=h, raise_error=False, follow_redirects=False)

    def session(self, title="Week 3"):
        res = self.call("POST", "/api/sessions", {"title": title}, lecturer=True)
        assert res.code == 201, res.body
        return json.loads(res.body)["code"]

    def open(self, code, qid):
        res = self.call("POST", f"/api/s/{code}/open", {"question": qid}, lecturer=True)
        assert res.code == 200, res.body
        return json.loads(res.body)

    def voter_cookie(self, code, headers=None):
        res = self.call("GET", f"/api/s/{code}/state", headers=headers)
        assert res.code == 200
        return res.headers.get("Set-Cookie", "").split(";")[0]

    def answered_once(self):
        """A new session asking the first question, answered (option A) by one student: (code, question, cookie)."""
        code = self.session()
        q = self.bank.questions[0]
        self.open(code, q.id)
        cookie = self.voter_cookie(code)
        self.call("POST", f"/api/s/{code}/answer", {"question": q.id, "options": [0]}, headers={"Cookie": cookie})
        return code, q, cookie

    def snapshot(self):
        db = sqlite3.connect(self.db)
        try:
            return [db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("sessions", "asked", "answers")]
        finally:
            db.close()


class TestLan(PollCase):
    def test_a_student_answers_changes_and_sees_only_their_own_answer(self):
        code = self.session()
        q = self.bank.questions[0]
        self.open(code, q.id)
        cookie = self.voter_cookie(code)
        for option in (1, 1, 2):  # a repeat, then a change
            res = self.call("POST", f"/api/s/{code}/answer", {"question": q.id, "options": [option]},
                            headers={"Cookie": cookie})
            assert res.code == 200 and json.loads(res.body)["recorded"] == [option]
        state = json.loads(self.call("GET", f"/api/s/{code}/state", headers={"Cookie": cookie}).body)
        assert state["mine"] == [2] and state["state"] == "open"
        assert "counts" not in state and "key" not in state  # students see no histogram and no key before reveal
        results = json.loads(self.call("GET", f"/api/s/{code}/results", lecturer=True).body)
        assert results["voters"] == 1 and results["counts"][2] == 1 and sum(results["counts"]) == 1

    def test_lan_answers_are_stored_under_a_pseudonym_that_differs_between_sessions(self):
        q = self.bank.questions[0]
        codes = [self.session("a"), self.session("b")]
        cookie = self.voter_cookie(codes[0])
        for code in codes:
            self.open(code, q.id)
            self.call("POST", f"/api/s/{code}/answer", {"question": q.id, "options": [0]}, headers={"Cookie": cookie})
        voters = [row[2] for row in self.snapshot()[2]]
        assert len(voters) == 2 and voters[0] != voters[1]
        raw = cookie.split("=", 1)[1]
        assert all(raw not in v and len(v) == 20 for v in voters)

    def test_reveal_gives_key_and_explanations_to_everyone(self):
        code = self.session()
        q = self.bank.questions[0]
        self.open(code, q.id)
        for action in ("close", "reveal"):
            assert self.call("POST", f"/api/s/{code}/{action}", lecturer=True).code == 200
        state = json.loads(self.call("GET", f"/api/s/{code}/state").body)
        assert state["state"] == "revealed"
        assert state["key"]["correct"] == list(q.correct_indices)
        assert state["key"]["explanations"] == [o.explanation for o in q.options]

    def test_closed_question_refuses_answers_and_keeps_the_last_one(self):
        code, q, cookie = self.answered_once()
        self.call("POST", f"/api/s/{code}/close", lecturer=True)
        before = self.snapshot()
        res = self.call("POST", f"/api/s/{code}/answer", {"question": q.id, "options": [1]}, headers={"Cookie": cookie})
        assert res.code == 409 and "closed" in json.loads(res.body)["error"]
        assert self.snapshot() == before

    def test_bad_input_gets_a_clear_error_and_changes_nothing(self):
        code = self.session()
        single, other, multiple = self.bank.questions
        self.open(code, single.id)
        cookie = {"Cookie": self.voter_cookie(code)}
        url = f"/api/s/{code}/answer"
        cases = [
            ("POST", "/api/s/NOSUCH/answer", {"question": single.id, "options": [0]}, None, 404),
            ("POST", url, {"question": "no-such-question", "options": [0]}, None, 404),
            ("POST", url, {"question": other.id, "options": [0]}, None, 409),  # not the question asked now
            ("POST", url, {"question": single.id}, None, 400),  # missing option
            ("POST", url, {"question": single.id, "options": []}, None, 400),
            ("POST", url, {"question": single.id, "options": [len(single.options)]}, None, 400),  # no such option
            ("POST", url, {"question": single.id, "options": [-1]}, None, 400),
            ("POST", url, {"question": single.id, "options": [True]}, None, 400),  # a boolean is not a position
            ("POST", url, {"question": single.id, "options": ["0"]}, None, 400),
            ("POST", url, {"question": single.id, "options": [0, 1]}, None, 400),  # single takes one
            ("POST", url, {"question": single.id, "options": [0], "name": SCRIPT}, None, 400),  # unknown field
            ("POST", url, {"question": [single.id], "options": [0]}, None, 400),
            ("POST", url, None, "{not json", 400),
            ("POST", url, None, "[1, 2]", 400),
            ("POST", url, None, b"\xff\xfe", 400),
            ("POST", url, None, json.dumps({"question": single.id, "options": [0], "x": "y" * MAX_BODY}), 413),
        ]
        before = self.snapshot()
        for method, path, body, raw, status in cases:
            res = self.call(method, path, body, raw=raw, headers=cookie)
            assert res.code == status, (body, raw, res.code, res.body)
            error = json.loads(res.body)["error"]
            assert error and res.headers["Content-Type"].startswith("application/json")
        # a form post (what a cross-site page could send) is refused
        res = self.fetch(url, method="POST", body="question=x&options=0", raise_error=False,
                         headers={"Content-Type": "application/x-www-form-urlencoded", **cookie})
        assert res.code == 415
        assert self.snapshot() == before

    def test_a_body_over_the_servers_limit_gets_a_json_413_naming_the_limit(self):
        from classpoll.__main__ import MAX_REQUEST
        code = self.session()
        self.open(code, self.bank.questions[0].id)
        before = self.snapshot()
        for size in (MAX_BODY + 1, MAX_REQUEST + 10):
            res = self.call("POST", f"/api/s/{code}/answer", raw="x" * size)
            assert res.code == 413, (size, res.code, res.body[:200])
            assert json.loads(res.body) == {"error": f"the request body is larger than the limit of {MAX_BODY} "
                                                     f"bytes ({MAX_BODY // 1024} KiB)"}
        assert self.snapshot() == before
        assert self.call("GET", f"/api/s/{code}/state").code == 200

    def test_an_oversized_body_is_refused_as_soon_as_its_headers_arrive(self):
        from tornado.tcpclient import TCPClient

        code = self.session()
        self.open(code, self.bank.questions[0].id)
        before = self.snapshot()

        async def headers_only() -> bytes:  # declare 1 MB, send none of it: the answer must not wait for it
            stream = await TCPClient().connect("127.0.0.1", self.get_http_port())
            try:
                await stream.write(f"POST /api/s/{code}/answer HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                   "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n".encode())
                head = await stream.read_until(b"\r\n\r\n")
                length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
                return head + await stream.read_bytes(length)
            finally:
                stream.close()

        reply = self.io_loop.run_sync(headers_only, timeout=10)
        assert reply.startswith(b"HTTP/1.1 413 ")
        assert b'"error": "the request body is larger than the limit of 4096 bytes' in reply
        assert self.snapshot() == before

    def test_lecturer_actions_without_the_token_are_403(self):
        code = self.session()
        q = self.bank.questions[0]
        self.open(code, q.id)
        before = self.snapshot()
        wrong = {"Authorization": "Bearer not-the-token"}
        for method, path, body in [
            ("POST", "/api/sessions", {"title": "x"}),
            ("GET", "/api/sessions", None),
            ("GET", "/api/bank", None),
            ("POST", f"/api/s/{code}/open", {"question": q.id}),
            ("POST", f"/api/s/{code}/close", {}),
            ("POST", f"/api/s/{code}/reveal", {}),
            ("POST", f"/api/s/{code}/reset", {}),
            ("GET", f"/api/s/{code}/results", None),
            ("GET", f"/api/s/{code}/export.csv", None),
            ("GET", f"/api/s/{code}/live", None),
        ]:
            for headers in ({}, wrong):
                res = self.call(method, path, body, headers=headers)
                assert res.code == 403, (method, path, headers, res.code)
        assert self.call("POST", "/api/login", {"token": "wrong"}).code == 403
        assert self.snapshot() == before

    def test_login_sets_a_cookie_that_lets_the_lecturer_act(self):
        res = self.call("POST", "/api/login", {"token": TOKEN})
        assert res.code == 200
        cookie = res.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        res = self.call("GET", "/api/sessions", headers={"Cookie": cookie.split(";")[0]})
        assert res.code == 200

    def test_script_in_text_comes_back_as_json_text_and_pages_never_hold_server_text(self):
        code = self.session(SCRIPT)
        state = self.call("GET", f"/api/s/{code}/state")
        assert state.headers["Content-Type"].startswith("application/json")
        assert json.loads(state.body)["session"]["title"] == SCRIPT
        page = self.call("GET", f"/j/{code}")
        assert page.code == 200 and b"alert" not in page.body  # the page is static; its script sets textContent
        csp = page.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert page.headers["X-Content-Type-Options"] == "nosniff"
        assert self.call("GET", "/j/NOSUCH").code == 404
        res = self.call("POST", "/api/sessions", {"title": "x" * 500}, lecturer=True)
        assert res.code == 400

    def test_csv_export_has_one_row_per_answer_and_defuses_formulas(self):
        code = self.session("=HYPERLINK(\"http://x\")")
        multiple = self.bank.questions[2]
        self.open(code, multiple.id)
        correct = list(multiple.correct_indices)
        for choice in (correct, [0]):
            cookie = self.voter_cookie(code)
            self.call("POST", f"/api/s/{code}/answer", {"question": multiple.id, "options": choice},
                      headers={"Cookie": cookie})
        res = self.call("GET", f"/api/s/{code}/export.csv", lecturer=True)
        assert res.code == 200 and res.headers["Content-Type"].startswith("text/csv")
        assert "attachment" in res.headers["Content-Disposition"]
        rows = list(csv.DictReader(io.StringIO(res.body.decode())))
        assert len(rows) == 2
        assert all(r["title"].startswith("'=") for r in rows)
        assert rows[0]["options"] == "".join(chr(65 + i) for i in correct) and rows[0]["correct"] == "yes"
        assert rows[1]["options"] == "A" and rows[1]["correct"] == ("yes" if correct == [0] else "no")

    def test_reset_and_reopen(self):
        code, q, cookie = self.answered_once()
        view = json.loads(self.call("POST", f"/api/s/{code}/reset", lecturer=True).body)
        assert view["voters"] == 0 and view["state"] == "open"
        bad = self.call("POST", f"/api/s/{code}/open", {"question": "no-such-question"}, lecturer=True)
        assert bad.code == 404

    def test_qr_code_of_the_join_link(self):
        code = self.session()
        res = self.call("GET", f"/api/s/{code}/qr.svg")
        assert res.code == 200 and res.headers["Content-Type"] == "image/svg+xml"
        assert f"session {code}" in res.body.decode()


class TestHubIdentity(PollCase):
    """The JupyterHub path with the hub replaced by a header (:class:`classpoll.auth.FakeHubIdentity`)."""

    identity = FakeHubIdentity

    def test_students_need_a_hub_login_and_answer_under_their_hub_name(self):
        code = self.session()
        q = self.bank.questions[0]
        self.open(code, q.id)
        body = {"question": q.id, "options": [1]}
        assert self.call("POST", f"/api/s/{code}/answer", body).code == 403
        page = self.call("GET", f"/j/{code}", headers={})
        assert page.code == 302 and "/hub/login" in page.headers["Location"]
        for _ in range(2):
            res = self.call("POST", f"/api/s/{code}/answer", body, headers={"X-Fake-Hub-User": "student1"})
            assert res.code == 200
        assert [row[2] for row in self.snapshot()[2]] == ["student1"]
        assert self.snapshot()[0][0][2] == "hub"

    def test_lecturer_is_an_admin_an_instructor_or_named_and_no_one_else(self):
        code = self.session()
        q = self.bank.questions[0]
        for user, allowed in [("alice;admin", True), ("bob;instructors", True), ("prof", True),
                              ("carol;students", False), ("dave", False)]:
            res = self.call("POST", f"/api/s/{code}/open", {"question": q.id}, headers={"X-Fake-Hub-User": user})
            assert (res.code == 200) is allowed, (user, res.code)
            who = json.loads(self.call("GET", "/api/whoami", headers={"X-Fake-Hub-User": user}).body)
            assert who["lecturer"] is allowed and who["mode"] == "hub"


def test_lecturer_rule_without_a_user():
    rule = LecturerRule()
    assert not rule.allows(None) and not rule.allows({"name": "x", "groups": []})
    assert rule.allows({"name": "x", "groups": ["instructors"]})
    assert not LecturerRule(admins=False).allows({"name": "x", "admin": True})


def test_hub_mode_uses_jupyterhubs_oauth_mixin_or_names_the_missing_package(tmp_path):
    import importlib.util

    from classpoll.__main__ import build, parse_args

    args = parse_args(["--hub", "--db", str(tmp_path / "p.sqlite")])
    if importlib.util.find_spec("jupyterhub") is None:
        with pytest.raises(RuntimeError, match="jupyterhub"):
            build(args)
    else:  # pragma: no cover - where the hub's package is installed
        from jupyterhub.services.auth import HubOAuthenticated

        _, config, _, _ = build(args)
        assert issubclass(config.identity, HubOAuthenticated)
        assert any(route[0].endswith("oauth_callback") for route in config.extra_handlers)


def test_the_load_generator_refuses_anything_but_loopback():
    import asyncio

    from classpoll.loadgen import run_class

    with pytest.raises(ValueError, match="loopback"):
        asyncio.run(run_class("http://192.0.2.1:8890/", "ABC", "q", 4, students=1))
