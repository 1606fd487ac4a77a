"""The poll as a JupyterHub service, with JupyterHub's own OAuth mixin, but no hub: the service starts from the
variables the hub gives it, sends a visitor without a hub login to the hub's OAuth page, registers the OAuth
callback, and keeps its cookies under the service's prefix. Runs where ``jupyterhub`` is installed (the
``hub`` extra); skipped elsewhere (the hub path is unit-tested with a stand-in in tests/unit/poll)."""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlparse

import pytest

from support.paths import ROOT

pytest.importorskip("jupyterhub.services.auth", reason="the hub extra (jupyterhub) is not installed")

try:
    import classpoll  # noqa: F401
except ImportError:  # until pyproject installs the package
    sys.path.insert(0, str(ROOT))

from classpoll.launcher import PollProcess, free_port  # noqa: E402

PREFIX = "/services/poll/"


class HubService(PollProcess):
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}{PREFIX}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_hub_service_redirects_to_the_hubs_oauth_and_scopes_its_cookies(tmp_path, monkeypatch):
    port = free_port()
    for name, value in {
        "JUPYTERHUB_API_TOKEN": "service-token", "JUPYTERHUB_API_URL": "http://127.0.0.1:9/hub/api",
        "JUPYTERHUB_SERVICE_PREFIX": PREFIX, "JUPYTERHUB_SERVICE_URL": f"http://127.0.0.1:{port}",
        "JUPYTERHUB_CLIENT_ID": "service-poll", "JUPYTERHUB_OAUTH_CALLBACK_URL": PREFIX + "oauth_callback",
        "JUPYTERHUB_BASE_URL": "/", "JUPYTERHUB_HOST": "", "JUPYTERHUB_SERVICE_NAME": "poll",
        "JUPYTERHUB_OAUTH_ACCESS_SCOPES": json.dumps(["access:services!service=poll"]),
    }.items():
        monkeypatch.setenv(name, value)
    opener = urllib.request.build_opener(_NoRedirect)
    with HubService(tmp_path / "poll.sqlite", port=port, extra_args=("--hub",)) as service:
        who = json.loads(opener.open(service.base + "api/whoami", timeout=10).read())
        assert who == {"lecturer": False, "mode": "hub", "name": None}
        for page in ("lecturer", "j/ABC234"):
            with pytest.raises(urllib.error.HTTPError) as err:
                opener.open(service.base + page, timeout=10)
            assert err.value.code == 302
            target = urlparse(err.value.headers["Location"])
            assert target.path == "/hub/api/oauth2/authorize"
            query = parse_qs(target.query)
            assert query["client_id"] == ["service-poll"] and query["redirect_uri"] == [PREFIX + "oauth_callback"]
        with pytest.raises(urllib.error.HTTPError) as err:  # JupyterHub's callback handler, without a code
            opener.open(service.base + "oauth_callback", timeout=10)
        assert err.value.code == 400
        login = urllib.request.Request(service.base + "api/login", method="POST",
                                       data=json.dumps({"token": service.token}).encode(),
                                       headers={"Content-Type": "application/json"})
        cookie = opener.open(login, timeout=10).headers["Set-Cookie"]
        assert f"Path={PREFIX}" in cookie and "HttpOnly" in cookie
