"""The poll's Tornado application: pages, the JSON API and the live streams.

Routes (under ``base_url``, ``/`` on a laptop, ``/services/<name>/`` as a JupyterHub service)::

    GET  /                      join form (type the session code)
    GET  /j/<CODE>              the student page of a session (phone-sized)
    GET  /lecturer              the lecturer's console and hall display (?s=<CODE>, &view=deck)
    POST /api/login             {"token": ...} -> lecturer cookie
    GET  /api/whoami            {"lecturer": bool, "mode": "lan"|"hub"}
    GET  /api/bank              questions to pick from                                   (lecturer)
    GET|POST /api/sessions      list / create {"title": ...}                             (lecturer)
    GET  /api/s/<CODE>/state    current question, its state, your own answer, the key once revealed
    POST /api/s/<CODE>/answer   {"question": id, "options": [positions from 0]}
    GET  /api/s/<CODE>/events   server-sent events: the state above, as it changes
    GET  /api/s/<CODE>/results  histogram of the current question                        (lecturer)
    GET  /api/s/<CODE>/live     server-sent events: the histogram, within 0.1 s          (lecturer)
    POST /api/s/<CODE>/<action> open {"question": id} | close | reveal | reset           (lecturer)
    GET  /api/s/<CODE>/export.csv  every answer of the session                           (lecturer)
    GET  /api/s/<CODE>/qr.svg   QR code of the join link

Every POST body must be JSON (``Content-Type: application/json``), which a cross-site form cannot send, and at
most :data:`MAX_BODY` bytes. Errors are JSON ``{"error": message}`` with a 4xx status and change nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json

import tornado.web
from tornado.ioloop import IOLoop
from tornado.iostream import StreamClosedError

from classpoll.auth import check_token, token_fingerprint
from classpoll.base import (
    CODE_PATTERN,
    CONTROL_CHARS,
    LECTURER_COOKIE,
    MAX_BODY,
    MAX_TITLE,
    STATIC,
    BaseHandler,
    PollConfig,
    lecturer_view,
    student_view,
)
from classpoll.export import session_csv
from classpoll.live import KEEPALIVE_S, Listener, LiveHub, sse_frame
from classpoll.qr import qr_svg
from classpoll.store import PollError

__all__ = ["MAX_BODY", "PollConfig", "make_app"]


# -- pages -----------------------------------------------------------------------------------------------------------
class PageHandler(BaseHandler):
    def initialize(self, page: str):
        self.page = page

    def get(self, code: str | None = None):
        if self.ensure_hub_login():
            return
        if code is not None:
            self.session(code)  # 404 for an unknown code
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish((STATIC / self.page).read_bytes())


# -- API -------------------------------------------------------------------------------------------------------------
class LoginHandler(BaseHandler):
    def post(self):
        data = self.json_body({"token"})
        if not check_token(data.get("token") if isinstance(data.get("token"), str) else None, self.poll.token):
            self.fail(403, "this is not the lecturer token")
        self.set_signed_cookie(
            LECTURER_COOKIE, token_fingerprint(self.poll.token), expires_days=1, httponly=True, samesite="Strict",
            path=self.poll.base_url,  # on a hub: only this service's pages get it
        )
        self.send_json({"lecturer": True})


class WhoamiHandler(BaseHandler):
    def get(self):
        user = self.get_current_user()
        self.send_json({"lecturer": self.is_lecturer(), "mode": self.poll.identity.identity_mode,
                        "name": user.get("name") if user else None})


class BankHandler(BaseHandler):
    def get(self):
        self.require_lecturer()
        self.send_json({"questions": self.poll.bank.catalogue()})


class SessionsHandler(BaseHandler):
    def get(self):
        self.require_lecturer()
        self.send_json({"sessions": [
            {"code": s.code, "title": s.title, "mode": s.mode, "current": s.current, "join_url": self.join_url(s.code)}
            for s in self.poll.store.sessions()
        ]})

    def post(self):
        self.require_lecturer()
        data = self.json_body({"title"})
        title = data.get("title", "Class poll")
        if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE:
            self.fail(400, f"title must be text of 1 to {MAX_TITLE} characters")
        session = self.poll.store.create_session(CONTROL_CHARS.sub(" ", title).strip(),
                                                 mode=self.poll.identity.identity_mode)
        self.send_json({"code": session.code, "title": session.title, "join_url": self.join_url(session.code)}, 201)


class StateHandler(BaseHandler):
    def get(self, code):
        session = self.session(code)
        view = student_view(self.poll, session.code)
        voter = self.voter(session.code, create=True)
        if view["question"] is not None:
            mine = self.poll.store.own_answer(session.code, view["question"]["id"], voter)
            view["mine"] = list(mine) if mine else None
        self.send_json(view)


class AnswerHandler(BaseHandler):
    def post(self, code):
        session = self.session(code)
        data = self.json_body({"question", "options"})
        qid, options = data.get("question"), data.get("options")
        if not isinstance(qid, str) or len(qid) > 100:
            self.fail(400, "question must be the id of the question (text)")
        if not isinstance(options, list) or not options or len(options) > 6 or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in options
        ):
            self.fail(400, "options must be a list of 1 to 6 option positions (whole numbers from 0)")
        if qid not in self.poll.bank:
            self.fail(404, "no such question")
        if qid != session.current:
            self.fail(409, "this is not the question being asked now")
        if self.poll.bank.get(qid).type == "single" and len(set(options)) != 1:
            self.fail(400, "this question takes exactly one option")
        voter = self.voter(session.code, create=True)
        try:
            self.poll.store.answer(session.code, qid, voter, tuple(options))
        except PollError as exc:
            self.fail(exc.status, str(exc))
        self.hub.changed(session.code)
        self.send_json({"recorded": sorted(set(options)), "question": qid})


class ActionHandler(BaseHandler):
    async def post(self, code, action):
        self.require_lecturer()
        session = self.session(code)
        data = self.json_body({"question"})
        store = self.poll.store
        try:
            if action == "open":
                qid = data.get("question")
                if not isinstance(qid, str) or qid not in self.poll.bank:
                    self.fail(404, "no such question in the course's bank")
                # a simulated study takes about a second the first time: made off the event loop, before opening
                await IOLoop.current().run_in_executor(None, self.poll.bank.study_html, qid)
                store.open_question(session.code, qid, len(self.poll.bank.get(qid).options))
            else:
                qid = data.get("question", session.current)
                if not isinstance(qid, str):
                    self.fail(404, "no question is being asked in this session")
                if action == "reset":
                    store.reset(session.code, qid)
                else:
                    store.set_state(session.code, qid, {"close": "closed", "reveal": "revealed"}[action])
        except PollError as exc:
            self.fail(exc.status, str(exc))
        self.hub.changed(session.code, state=True)
        self.send_json(lecturer_view(self.poll, session.code))


class ResultsHandler(BaseHandler):
    def get(self, code):
        self.require_lecturer()
        session = self.session(code)
        view = lecturer_view(self.poll, session.code)
        view["join_url"] = self.join_url(session.code)
        self.send_json(view)


class ExportHandler(BaseHandler):
    def get(self, code):
        self.require_lecturer()
        session = self.session(code)
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", f'attachment; filename="poll-{session.code}.csv"')
        self.finish(session_csv(self.poll.store, self.poll.bank, session.code))


class QrHandler(BaseHandler):
    def get(self, code):
        session = self.session(code)
        self.set_header("Content-Type", "image/svg+xml")
        self.finish(qr_svg(self.join_url(session.code), title=f"QR code of the join link of session {session.code}"))


class EventsHandler(BaseHandler):
    """A server-sent event stream: ``role`` lecturer gets the histogram, student the question state."""

    def initialize(self, role: str):
        self.role = role
        self.listener = Listener(role)
        self.closed = False

    async def get(self, code):
        if self.role == "lecturer":
            self.require_lecturer()
        session = self.session(code)
        self.set_header("Content-Type", "text/event-stream")
        self.set_header("X-Accel-Buffering", "no")
        view = lecturer_view if self.role == "lecturer" else student_view
        self.listener.push(json.dumps(view(self.poll, session.code)))
        self.hub.add(session.code, self.listener)
        try:
            self.write("retry: 1000\n\n")
            while not self.closed:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self.listener.ready.wait(), KEEPALIVE_S)
                payload = self.listener.take()
                self.write(sse_frame(payload) if payload else ": keep-alive\n\n")
                await self.flush()
        except StreamClosedError:
            pass
        finally:
            self.hub.remove(session.code, self.listener)

    def on_connection_close(self):
        self.closed = True
        self.listener.ready.set()


def make_app(config: PollConfig, *, cookie_secret: str | None = None) -> tornado.web.Application:
    """The Tornado application of ``config`` (its handlers mix in ``config.identity``)."""
    base = config.base_url if config.base_url.endswith("/") else config.base_url + "/"
    config.base_url = base
    mix = config.identity

    def h(cls):
        return type(cls.__name__, (mix, cls), {})

    live = LiveHub(lambda code: lecturer_view(config, code), lambda code: student_view(config, code))
    handlers = [
        (base, h(PageHandler), {"page": "join.html"}),
        (base + f"j/{CODE_PATTERN}", h(PageHandler), {"page": "student.html"}),
        (base + "lecturer", h(PageHandler), {"page": "lecturer.html"}),
        (base + "static/(.*)", tornado.web.StaticFileHandler, {"path": str(STATIC)}),
        (base + "api/login", h(LoginHandler)),
        (base + "api/whoami", h(WhoamiHandler)),
        (base + "api/bank", h(BankHandler)),
        (base + "api/sessions", h(SessionsHandler)),
        (base + f"api/s/{CODE_PATTERN}/state", h(StateHandler)),
        (base + f"api/s/{CODE_PATTERN}/answer", h(AnswerHandler)),
        (base + f"api/s/{CODE_PATTERN}/events", h(EventsHandler), {"role": "student"}),
        (base + f"api/s/{CODE_PATTERN}/live", h(EventsHandler), {"role": "lecturer"}),
        (base + f"api/s/{CODE_PATTERN}/results", h(ResultsHandler)),
        (base + f"api/s/{CODE_PATTERN}/export.csv", h(ExportHandler)),
        (base + f"api/s/{CODE_PATTERN}/qr.svg", h(QrHandler)),
        (base + f"api/s/{CODE_PATTERN}/(open|close|reveal|reset)", h(ActionHandler)),
        *config.extra_handlers,
    ]
    return tornado.web.Application(
        handlers,
        poll=config,
        live=live,
        cookie_secret=cookie_secret or config.store.secret("cookie_secret"),
        default_handler_class=h(NotFoundHandler),
        static_url_prefix=base + "static/",
    )


class NotFoundHandler(BaseHandler):
    def prepare(self):
        self.fail(404, "no such page")
