"""Who is asking: the lecturer (a token, or a hub admin/instructor) and a student's voter pseudonym.

Two ways to know people, chosen when the server starts:

* **LAN** (default, :class:`LanIdentity`): nobody logs in. The lecturer proves who they are with the token
  that ``scripts/poll.sh`` prints (sent once, then kept in a signed, HTTP-only cookie); a student's browser gets
  a random signed cookie, and the answer is stored under a keyed hash of it and the session code, so the
  database holds no name and one student's pseudonyms in two sessions cannot be linked.
* **JupyterHub service** (:func:`hub_identity`): the hub's OAuth names every user
  (``jupyterhub.services.auth.HubOAuthenticated``, imported only in this mode); the lecturer is a hub admin, a
  member of a lecturer group (default ``instructors``) or a user named with ``--lecturers``; the token still works.

Both are *mixins* of the server's request handler that define ``get_current_user()`` returning the hub's user
model (a dict with ``name``, ``admin``, ``groups``) or ``None``. Tests use :class:`FakeHubIdentity`, which reads
the user from a request header, to exercise the hub path without a hub.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass


@dataclass(frozen=True)
class LecturerRule:
    """Who counts as a lecturer on a hub: admins (if ``admins``), members of ``groups``, or ``users`` by name."""

    groups: frozenset[str] = frozenset({"instructors"})
    users: frozenset[str] = frozenset()
    admins: bool = True

    def allows(self, user: dict | None) -> bool:
        """Whether a hub user counts as a lecturer.

        Parameters
        ----------
        user : dict or None
            The hub's user model (``name``, ``admin``, ``groups``), or ``None`` if nobody is logged in.

        Returns
        -------
        bool
            True for an admin (if ``admins``), a user named in ``users`` or a member of one of ``groups``.
        """
        if not user:
            return False
        if self.admins and user.get("admin"):
            return True
        if user.get("name") in self.users:
            return True
        return bool(self.groups & set(user.get("groups") or ()))


def token_fingerprint(token: str) -> str:
    """What the lecturer cookie holds: a hash of the token, so a new token logs every old cookie out."""
    return hashlib.sha256(("classpoll-lecturer:" + token).encode()).hexdigest()[:32]


def check_token(given: str | None, token: str) -> bool:
    """Compare a presented lecturer token with the real one in constant time.

    Parameters
    ----------
    given : str or None
        The token the client sent.
    token : str
        The server's lecturer token.

    Returns
    -------
    bool
        True if ``given`` is non-empty and equal to ``token``.
    """
    return bool(given) and hmac.compare_digest(str(given).encode(), token.encode())


def pseudonym(secret: str, code: str, voter: str) -> str:
    """The stored voter of a LAN answer: keyed hash of the browser's random cookie and the session code."""
    return hmac.new(secret.encode(), f"{code}:{voter}".encode(), hashlib.sha256).hexdigest()[:20]


class LanIdentity:
    """No user accounts: ``get_current_user`` is always ``None``."""

    identity_mode = "lan"

    def get_current_user(self):
        """Return ``None``: there are no user accounts on a LAN."""
        return None

    def hub_login_url(self) -> str | None:
        """Return ``None``: there is no hub to log in to."""
        return None


class FakeHubIdentity:
    """A stand-in for the hub in tests: the user is read from the ``X-Fake-Hub-User`` header.

    The header is written ``name`` or ``name;group,group`` (``name;admin`` for an admin). Never used outside
    tests.
    """

    identity_mode = "hub"

    def get_current_user(self):
        """Read the user from the ``X-Fake-Hub-User`` header.

        Returns
        -------
        dict or None
            A hub-style user model (``name``, ``admin``, ``groups``), or ``None`` without the header.
        """
        raw = self.request.headers.get("X-Fake-Hub-User")
        if not raw:
            return None
        name, _, groups = raw.partition(";")
        names = [g for g in groups.split(",") if g]
        return {"name": name, "admin": "admin" in names, "groups": [g for g in names if g != "admin"]}

    def hub_login_url(self) -> str | None:
        """Return the hub's login path, ``/hub/login``."""
        return "/hub/login"


def hub_identity():
    """Build the identity mixin for a real JupyterHub service.

    Returns
    -------
    tuple
        ``(HubIdentity, HubOAuthCallbackHandler)``: a subclass of JupyterHub's ``HubOAuthenticated`` and its
        OAuth callback handler.

    Raises
    ------
    RuntimeError
        Naming the missing package, if jupyterhub is not installed.
    """
    try:
        from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise RuntimeError(
            "hub mode needs the jupyterhub package in the service's environment (pip install jupyterhub)"
        ) from exc

    class HubIdentity(HubOAuthenticated):
        identity_mode = "hub"

        def hub_login_url(self) -> str | None:
            return self.get_login_url()

    return HubIdentity, HubOAuthCallbackHandler
