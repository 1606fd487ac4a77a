"""The built book: one build per test run, served over HTTP on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from support.paths import BUILD_DIR, BUILD_LOG, HTML, ROOT  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class BookBuild:
    """Outcome of one book build: exit code, full log, output folder."""

    returncode: int
    log: str
    html: Path


def run_folder(tmp_path_factory) -> Path:
    """This test run's temporary folder, shared by its xdist workers."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once_per_run(tmp_path_factory, name: str, make: Callable[[], str]) -> str:
    """``make()`` run once per test run, by whichever worker gets here first (under a file lock);
    every caller, on any worker, gets the text it returned."""
    import fcntl

    folder = run_folder(tmp_path_factory)
    result = folder / f"{name}.result"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not result.exists():
                result.write_text(make())
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return result.read_text()



class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def served(folder: Path):
    """``folder`` served over HTTP on an ephemeral port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Site:
    """The built book served over HTTP on 127.0.0.1."""

    base_url: str
    root: Path

    def url(self, path: str = "index.html") -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def pages(self) -> list[str]:
        """Every content page of the book (relative paths), excluding Sphinx's own search/genindex."""
        skip = {"search.html", "genindex.html", "py-modindex.html"}
        return sorted(
            p.relative_to(self.root).as_posix()
            for p in self.root.rglob("*.html")
            if p.name not in skip
            and "_static" not in p.parts
            and "_sources" not in p.parts
            and 'http-equiv="Refresh"' not in p.read_text(errors="replace")[:2000]
        )


