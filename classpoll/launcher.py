"""Run the poll server as a child process on 127.0.0.1 (tests, benchmark).

Start it, wait until it answers, kill it (any signal) and start it again on the same port and database.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago (picked by the operating system)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PollProcess:
    """``python -m classpoll`` on ``127.0.0.1:<port>`` with database ``db`` and lecturer ``token``."""

    def __init__(self, db: Path, *, token: str = "test-lecturer-token", port: int | None = None,
                 extra_args: tuple[str, ...] = ()):
        self.db, self.token = Path(db), token
        self.port = port or free_port()
        self.extra_args = extra_args
        self.proc: subprocess.Popen | None = None
        self.log = self.db.with_suffix(".log")

    @property
    def base(self) -> str:
        """The server's address, ``http://127.0.0.1:<port>/``."""
        return f"http://127.0.0.1:{self.port}/"

    def start(self, timeout: float = 60.0) -> PollProcess:
        """Start the server and wait until ``api/whoami`` answers 200.

        The server's output is appended to the log file next to the database.

        Parameters
        ----------
        timeout : float, default 60.0
            How long to wait for the server to answer (s).

        Returns
        -------
        PollProcess
            This object.

        Raises
        ------
        RuntimeError
            If the server exits or does not answer within ``timeout``; the message ends with the log's tail.
        """
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, "CLASSPOLL_TOKEN": self.token, "PYTHONPATH": path}
        cmd = [sys.executable, "-m", "classpoll", "--port", str(self.port), "--db", str(self.db), *self.extra_args]
        with open(self.log, "a") as log:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the poll server exited ({self.proc.returncode}):\n{self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.base + "api/whoami", timeout=2) as res:
                    if res.status == 200:
                        return self
            except OSError:
                time.sleep(0.05)  # polling until the deadline, not a fixed wait
        self.stop()
        raise RuntimeError(f"the poll server did not answer within {timeout} s:\n{self.log.read_text()[-2000:]}")

    def kill(self, sig: int = signal.SIGKILL) -> int:
        """Send ``sig`` and wait for the process to end; returns its exit status."""
        if self.proc is None:
            return 0
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=20)
        self.proc = None
        return code

    def stop(self) -> None:
        """Stop the server with SIGTERM if it is still running."""
        if self.proc is not None and self.proc.poll() is None:
            self.kill(signal.SIGTERM)
        self.proc = None

    def __enter__(self) -> PollProcess:
        return self.start()

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.kill(signal.SIGTERM)
            except subprocess.TimeoutExpired:
                self.kill(signal.SIGKILL)

    def listening_line(self) -> str:
        """Return the newest lecturer-page address the server printed to its log ("" if none)."""
        text = self.log.read_text() if self.log.exists() else ""
        found = re.findall(r"classpoll: lecturer page: (\S+)", text)
        return found[-1] if found else ""
