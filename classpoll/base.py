"""What every handler of the poll shares.

Its configuration, security headers, JSON errors and bodies, the lecturer check, the voter pseudonym, and the
two views of a session (students', lecturer's).
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import tornado.web

from classpoll.auth import LanIdentity, LecturerRule, check_token, pseudonym, token_fingerprint
from classpoll.live import LiveHub
from classpoll.questions import QuestionBank
from classpoll.store import PollError, Store

STATIC = Path(__file__).resolve().parent / "static"
#: Largest request body accepted (bytes). A larger declared body is refused with a JSON 413 as soon as the headers
#: arrive, before it is read; the HTTP server closes the connection after 64 KiB of a body sent without a length.
MAX_BODY = 4096
MAX_TITLE = 120
CODE_PATTERN = r"([A-Za-z0-9]{1,12})"
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
LECTURER_COOKIE = "classpoll_lecturer"
VOTER_COOKIE = "classpoll_voter"


@dataclass
class PollConfig:
    """What the server needs: the store, the questions, the lecturer token and how people are identified."""

    store: Store
    bank: QuestionBank
    token: str
    base_url: str = "/"
    public_url: str | None = None  # e.g. http://192.168.1.20:8890/ when phones reach the laptop by its LAN address
    identity: type = LanIdentity
    lecturers: LecturerRule = field(default_factory=LecturerRule)
    frame_ancestors: str = "'self' http://127.0.0.1:* http://localhost:*"
    extra_handlers: list = field(default_factory=list)  # e.g. the hub's OAuth callback


@tornado.web.stream_request_body
class BaseHandler(tornado.web.RequestHandler):
    """Security headers, JSON errors, the lecturer check, the voter pseudonym and the size limit of bodies.

    Bodies are streamed (``data_received``) so that a body declared larger than :data:`MAX_BODY` gets a JSON 413
    from :meth:`prepare`, before any of it is read, instead of the HTTP server's bare 400.
    """

    _body: bytearray | None = None
    _body_too_large = False

    def prepare(self):
        """Refuse a request whose ``Content-Length`` exceeds :data:`MAX_BODY` (413), before reading its body."""
        length = self.request.headers.get("Content-Length", "").strip()
        if length.isdigit() and int(length) > MAX_BODY:
            self.fail(413, too_large_message())

    def data_received(self, chunk: bytes) -> None:
        """Keep the body's bytes up to :data:`MAX_BODY`; beyond it only note that it was too large."""
        if self._body is None:
            self._body = bytearray()
        if self._body_too_large or len(self._body) + len(chunk) > MAX_BODY:
            self._body_too_large = True
            self._body.clear()
        else:
            self._body.extend(chunk)

    @property
    def poll(self) -> PollConfig:
        """The server's :class:`PollConfig` (application setting ``poll``)."""
        return self.settings["poll"]

    @property
    def hub(self) -> LiveHub:
        """The :class:`~classpoll.live.LiveHub` of open streams (application setting ``live``)."""
        return self.settings["live"]

    def set_default_headers(self):
        """Set the security headers of every response (no sniffing, no referrer, no caching, a strict CSP)."""
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")
        self.set_header(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            f"connect-src 'self'; frame-ancestors {self.settings['poll'].frame_ancestors}",
        )

    def write_error(self, status_code, **kwargs):
        """Answer an error as JSON ``{"error": message}``.

        Parameters
        ----------
        status_code : int
            The HTTP status (already set by tornado).
        **kwargs
            Tornado's error arguments; the message comes from an ``HTTPError`` in ``exc_info`` if it has one,
            otherwise from the status's reason phrase.
        """
        exc = kwargs.get("exc_info", (None, None))[1]
        message = exc.log_message if isinstance(exc, tornado.web.HTTPError) and exc.log_message else self._reason
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": message}))

    def fail(self, status: int, message: str):
        """Stop the request with an HTTP error.

        Parameters
        ----------
        status : int
            The HTTP status code.
        message : str
            The message sent as the JSON ``error``.

        Raises
        ------
        tornado.web.HTTPError
            Always.
        """
        raise tornado.web.HTTPError(status, message)

    # -- who is asking ------------------------------------------------------------------------------------------
    def is_lecturer(self) -> bool:
        """Whether the request comes from the lecturer.

        Returns
        -------
        bool
            True for a valid ``Authorization: Bearer`` token, a valid signed lecturer cookie, or (on a hub) a
            user that the :class:`~classpoll.auth.LecturerRule` allows.
        """
        auth = self.request.headers.get("Authorization", "")
        if auth.startswith("Bearer ") and check_token(auth[7:].strip(), self.poll.token):
            return True
        cookie = self.get_signed_cookie(LECTURER_COOKIE, max_age_days=1)
        if cookie is not None and cookie.decode() == token_fingerprint(self.poll.token):
            return True
        return self.poll.identity.identity_mode == "hub" and self.poll.lecturers.allows(self.get_current_user())

    def require_lecturer(self) -> None:
        """Fail with 403 unless the request comes from the lecturer."""
        if not self.is_lecturer():
            self.fail(403, "only the lecturer can do this (log in with the token that poll.sh printed)")

    def voter(self, code: str, *, create: bool) -> str | None:
        """The stored voter of this browser in session ``code``: the hub user name, or a LAN pseudonym."""
        if self.poll.identity.identity_mode == "hub":
            user = self.get_current_user()
            if not user:
                self.fail(403, "log in to the hub first")
            return str(user["name"])
        raw = self.get_signed_cookie(VOTER_COOKIE, max_age_days=2)
        if raw is None:
            if not create:
                return None
            raw = secrets.token_urlsafe(18).encode()
            self.set_signed_cookie(VOTER_COOKIE, raw, expires_days=2, httponly=True, samesite="Lax",
                                   path=self.poll.base_url)
        return pseudonym(self.settings["cookie_secret"], code, raw.decode())

    def session(self, code: str):
        """The stored :class:`~classpoll.store.Session` of join code ``code``; fails with 404 if there is none."""
        try:
            return self.poll.store.session(code)
        except PollError as exc:
            self.fail(exc.status, str(exc))

    def json_body(self, allowed: set[str]) -> dict:
        """Parse and check the request's JSON body.

        Fails with 413 if the body exceeds ``MAX_BODY`` bytes, 415 if it is not sent as JSON, and 400 if it is
        not valid JSON, not an object, or has a field outside ``allowed``.

        Parameters
        ----------
        allowed : set of str
            The field names the body may have.

        Returns
        -------
        dict
            The body (``{}`` for an empty one).
        """
        if self._body_too_large:
            self.fail(413, too_large_message())
        body = bytes(self._body or b"")
        ctype = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            self.fail(415, "send the request body as JSON (Content-Type: application/json)")
        try:
            data = json.loads(body or b"{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            self.fail(400, "the request body is not valid JSON")
        if not isinstance(data, dict):
            self.fail(400, "the request body must be a JSON object")
        unknown = sorted(set(data) - allowed)
        if unknown:
            self.fail(400, f"unknown field(s): {', '.join(unknown)}")
        return data

    def send_json(self, data, status: int = 200) -> None:
        """Finish the request with ``data`` as JSON.

        Parameters
        ----------
        data : object
            Anything ``json.dumps`` accepts.
        status : int, default 200
            The HTTP status code.
        """
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(data))

    def join_url(self, code: str) -> str:
        """Address students open to join session ``code``: ``<base>/j/<code>``.

        The base is the configured public URL or else the address of this request.
        """
        base = self.poll.public_url or f"{self.request.protocol}://{self.request.host}{self.poll.base_url}"
        return base.rstrip("/") + f"/j/{code}"

    def ensure_hub_login(self) -> bool:
        """On a hub, send a visitor without a hub login to the hub's login page; True if redirected."""
        if self.poll.identity.identity_mode == "hub":
            _ = self.xsrf_token  # sets the _xsrf cookie the pages send back as X-XSRFToken
            if not self.get_current_user():
                self.redirect(self.hub_login_url())
                return True
        return False


def too_large_message() -> str:
    """The error of a body over :data:`MAX_BODY`, naming the limit."""
    return f"the request body is larger than the limit of {MAX_BODY} bytes ({MAX_BODY // 1024} KiB)"


# -- views shared by the API and the live streams -------------------------------------------------------------------
# Both take the server's PollConfig (store and question bank) and a session's join code, and return a dict that
# is sent as JSON.
def student_view(poll: PollConfig, code: str) -> dict:
    """What students see of a session: its code and title, the current question and its state.

    Returns
    -------
    dict
        ``session`` (code, title), ``question`` (the public part, or ``None``) and ``state``; once the question
        is revealed, also ``key``.
    """
    session = poll.store.session(code)
    view = {"session": {"code": session.code, "title": session.title}, "question": None, "state": None}
    if session.current and session.current in poll.bank:
        view["question"] = poll.bank.public(session.current)
        view["state"] = poll.store.state(session.code, session.current)
        if view["state"] == "revealed":
            view["key"] = poll.bank.key(session.current)
    return view


def lecturer_view(poll: PollConfig, code: str) -> dict:
    """What the lecturer sees of a session: the students' view plus the answer counts and the questions asked.

    Returns
    -------
    dict
        :func:`student_view`'s dict with ``counts`` and ``voters`` (for a current question) and ``asked`` (a
        list of ``{"id", "state"}``).
    """
    view = student_view(poll, code)
    if view["question"] is not None:
        counts, voters = poll.store.histogram(view["session"]["code"], view["question"]["id"])
        view["counts"], view["voters"] = counts, voters
    view["asked"] = [{"id": q, "state": s} for q, s in poll.store.asked(view["session"]["code"])]
    return view
