"""JupyterHub configuration of tests/live/test_poll_hub_real.py: a real hub on loopback, the class poll as a hub
service (the recipe of classpoll/README.md), dummy logins, no spawning, and a tiny in-process proxy.

JupyterHub needs a proxy in front of it and its services. Its default, configurable-http-proxy, is a Node program
the project does not install; :class:`LoopbackProxy` implements JupyterHub's ``Proxy`` API (``add_route``,
``delete_route``, ``get_all_routes``) with a Tornado server inside the hub's own process that forwards each request
to the route with the longest matching path prefix, unchanged (path, Host, cookies), as configurable-http-proxy
does. It buffers whole responses, so server-sent event streams do not pass through it (the test does not use them).

The test passes its ports and folder in environment variables ``POLLHUB_*``. Not a test module: pytest does not
collect it, JupyterHub reads it with ``jupyterhub -f``.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import urlparse

from jupyterhub.proxy import Proxy
from tornado import httpclient, httpserver, netutil, web


class ForwardHandler(web.RequestHandler):
    """Forward any request to the target of the longest matching route, and its answer back."""

    SUPPORTED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
    HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "te", "trailer"}

    def initialize(self, proxy: LoopbackProxy):
        self.proxy = proxy

    async def _forward(self):
        target = self.proxy.target_for(self.request.path)
        if target is None:
            raise web.HTTPError(404)
        headers = {k: v for k, v in self.request.headers.get_all() if k.lower() not in self.HOP_BY_HOP}
        headers["X-Forwarded-For"] = self.request.remote_ip
        headers["X-Forwarded-Proto"] = self.request.protocol
        request = httpclient.HTTPRequest(
            target.rstrip("/") + self.request.uri, method=self.request.method, headers=headers,
            body=self.request.body if self.request.method in ("POST", "PUT", "PATCH") else None,
            follow_redirects=False, decompress_response=False, allow_nonstandard_methods=True, request_timeout=20,
        )
        response = await httpclient.AsyncHTTPClient().fetch(request, raise_error=False)
        if response.code == 599:
            raise web.HTTPError(503, f"proxy: {response.error}")
        self.set_status(response.code, response.reason)
        for name in ("Content-Type", "Server", "Date"):  # the target's own, not this proxy's
            self.clear_header(name)
        for name, value in response.headers.get_all():
            if name.lower() not in self.HOP_BY_HOP:
                self.add_header(name, value)
        if response.body and response.code not in (204, 304):
            self.write(response.body)

    get = head = post = put = patch = delete = options = _forward


class LoopbackProxy(Proxy):
    """JupyterHub's ``Proxy`` API over a routing table in memory and :class:`ForwardHandler`."""

    should_start = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.routes: dict[str, dict] = {}
        self.server: httpserver.HTTPServer | None = None

    def target_for(self, path: str) -> str | None:
        """The target of the longest route that is a prefix of ``path`` (``/a/`` also matches ``/a``)."""
        best = None
        for spec, route in self.routes.items():
            if (path + "/").startswith(spec) or path.startswith(spec):
                if best is None or len(spec) > len(best[0]):
                    best = (spec, route["target"])
        return best[1] if best else None

    async def start(self):
        url = urlparse(self.public_url)
        app = web.Application([(r".*", ForwardHandler, {"proxy": self})])
        self.server = httpserver.HTTPServer(app, xheaders=False)
        self.server.add_sockets(netutil.bind_sockets(url.port, url.hostname))

    async def stop(self):
        if self.server is not None:
            self.server.stop()

    async def add_route(self, routespec, target, data):
        self.routes[routespec] = {"routespec": routespec, "target": target, "data": data}

    async def delete_route(self, routespec):
        self.routes.pop(routespec, None)

    async def get_all_routes(self):
        return {spec: dict(route) for spec, route in self.routes.items()}


c = get_config()  # noqa: F821 - JupyterHub's config loader defines get_config
folder = os.environ["POLLHUB_DIR"]
c.JupyterHub.bind_url = f"http://127.0.0.1:{os.environ['POLLHUB_PROXY_PORT']}/"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ["POLLHUB_HUB_PORT"])
c.JupyterHub.proxy_class = LoopbackProxy
c.JupyterHub.db_url = f"sqlite:///{folder}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{folder}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = f"{folder}/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ["POLLHUB_PASSWORD"]
c.Authenticator.allow_all = True
c.Authenticator.admin_users = {"hub-admin"}

# The recipe of classpoll/README.md ("On a JupyterHub"), with this test's port and database.
c.JupyterHub.services = [{
    "name": "poll",
    "url": f"http://127.0.0.1:{os.environ['POLLHUB_POLL_PORT']}",
    "command": [sys.executable, "-m", "classpoll", "--hub", "--db", f"{folder}/poll.sqlite"],
    "oauth_no_confirm": True,
}]
c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "access:services!service=poll"]}]
c.JupyterHub.load_groups = {"instructors": {"users": ["dr-smith"]}}
