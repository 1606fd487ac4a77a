"""JupyterHub configuration of tests/live/test_poll_hub_real.py: a real hub on loopback, the class poll as a hub
service (the recipe of classpoll/README.md), dummy logins, no spawning, and the hub's own default proxy.

The proxy is JupyterHub's ``ConfigurableHTTPProxy``: the hub starts the Node program configurable-http-proxy that
the project pins in package.json (``npm ci`` installs it at ``node_modules/.bin/configurable-http-proxy``), gives
it a random API token, adds the hub's and the service's routes through its REST API, and stops it when it stops.
So requests, cookies, redirects and the poll's server-sent event streams go through the same proxy as on a class's
hub.

The test passes its ports, its folder and the proxy's path in environment variables ``POLLHUB_*``. Not a test
module: pytest does not collect it, JupyterHub reads it with ``jupyterhub -f``.
"""

from __future__ import annotations

import os
import sys

c = get_config()  # noqa: F821 - JupyterHub's config loader defines get_config
folder = os.environ["POLLHUB_DIR"]
c.JupyterHub.bind_url = f"http://127.0.0.1:{os.environ['POLLHUB_PROXY_PORT']}/"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ["POLLHUB_HUB_PORT"])
c.JupyterHub.proxy_class = "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [os.environ["POLLHUB_PROXY_COMMAND"]]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['POLLHUB_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.pid_file = f"{folder}/jupyterhub-proxy.pid"
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
