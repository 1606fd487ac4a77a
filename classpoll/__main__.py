"""Start the poll server: ``python -m classpoll --help`` (``bash scripts/poll.sh`` wraps it)."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from pathlib import Path

import tornado.httpserver
import tornado.netutil

from classpoll.auth import FakeHubIdentity, LanIdentity, LecturerRule, hub_identity
from classpoll.questions import QuestionBank
from classpoll.server import PollConfig, make_app
from classpoll.store import Store

#: Largest body the HTTP server reads at all (bytes). Handlers refuse any body declared over server.MAX_BODY
#: (4 KiB) with a JSON 413 before reading it; this cap only ends a body sent without a length (chunked).
MAX_REQUEST = 64 * 1024
DEFAULT_DB = Path.home() / ".local" / "share" / "classpoll" / "poll.sqlite"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the server's command-line options.

    Parameters
    ----------
    argv : list of str, optional
        The arguments without the program name; ``None`` reads ``sys.argv``.

    Returns
    -------
    argparse.Namespace
        The options (host, port, database, hub mode, lecturers, question folder, ...).
    """
    p = argparse.ArgumentParser(prog="python -m classpoll", description=__doc__)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 for a LAN)")
    p.add_argument("--port", type=int, default=8890, help="port (0 picks a free one)")
    p.add_argument("--db", type=Path, default=Path(os.environ.get("CLASSPOLL_DB", DEFAULT_DB)),
                   help="the SQLite file (created if missing)")
    p.add_argument("--public-url", default=os.environ.get("CLASSPOLL_PUBLIC_URL"),
                   help="base URL phones use, e.g. http://192.168.1.20:8890/ (default: the address the lecturer "
                        "page was opened with)")
    p.add_argument("--durable", action="store_true", help="fsync every answer (survives a power cut; slower)")
    p.add_argument("--hub", action="store_true", help="run as a JupyterHub service (hub OAuth identities)")
    p.add_argument("--lecturer-groups", default="instructors", help="hub groups whose members are lecturers")
    p.add_argument("--lecturers", default="", help="hub user names that are lecturers (comma-separated)")
    p.add_argument("--questions", type=Path, default=None, help="folder of question files (default: the course's)")
    p.add_argument("--fake-hub", action="store_true", help=argparse.SUPPRESS)  # tests: hub identities from a header
    return p.parse_args(argv)


def build(args: argparse.Namespace):
    """(application, config, host, port) from the command line and, with ``--hub``, JupyterHub's variables."""
    store = Store(args.db, durable=args.durable)
    token = os.environ.get("CLASSPOLL_TOKEN") or store.secret("lecturer_token", nbytes=18)
    host, port, base_url, extra = args.host, args.port, "/", []
    identity = LanIdentity
    if args.hub or args.fake_hub:
        if args.fake_hub:
            identity = FakeHubIdentity
        else:
            identity, callback = hub_identity()
            base_url = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/poll/")
            extra = [(base_url + "oauth_callback", callback)]
            service_url = os.environ.get("JUPYTERHUB_SERVICE_URL")
            if service_url:
                from urllib.parse import urlparse

                url = urlparse(service_url)
                host, port = url.hostname or host, url.port or port
    rule = LecturerRule(
        groups=frozenset(g for g in args.lecturer_groups.split(",") if g),
        users=frozenset(u for u in args.lecturers.split(",") if u),
    )
    config = PollConfig(store=store, bank=QuestionBank(directory=args.questions), token=token, base_url=base_url,
                        public_url=args.public_url, identity=identity, lecturers=rule, extra_handlers=extra)
    return make_app(config), config, host, port


async def serve(argv: list[str] | None = None) -> None:
    """Run the poll server until SIGINT or SIGTERM, then stop it and close the store.

    Prints the listening address, the lecturer page (with its token) and, if a public URL is set, the
    students' join address.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments, as for :func:`parse_args`.
    """
    args = parse_args(argv)
    app, config, host, port = build(args)
    server = tornado.httpserver.HTTPServer(app, max_body_size=MAX_REQUEST, xheaders=bool(args.hub))
    sockets = tornado.netutil.bind_sockets(port, host)
    server.add_sockets(sockets)
    port = sockets[0].getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    local = f"http://{shown}:{port}{config.base_url}"
    print(f"classpoll: listening on {local} (database {args.db}, journal {config.store.journal_mode})", flush=True)
    print(f"classpoll: lecturer page: {local}lecturer#token={config.token}", flush=True)
    if config.public_url:
        print(f"classpoll: students join at {config.public_url.rstrip('/')}/j/<CODE>", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.stop()
    config.store.close()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: serve, and turn a start-up error into a message.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments, as for :func:`parse_args`.

    Returns
    -------
    int
        Exit status: 0 after a normal stop, 2 if the server could not start (``RuntimeError``) or an option or
        the question bank is invalid (``ValueError``).
    """
    try:
        asyncio.run(serve(argv))
    except RuntimeError as exc:
        print(f"classpoll: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:  # the question bank (or an option) is not valid: say which file and field
        print(f"classpoll: cannot start: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
