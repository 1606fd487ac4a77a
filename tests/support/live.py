"""Local Jupyter servers for the live tests: JupyterLab, the Voila lecture deck, and a redraw probe."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.paths import ROOT
from support.poll import within

VENV_BIN = Path(sys.executable).parent


#: Console errors that are known and harmless in the live front ends.
KNOWN_LIVE_ERRORS = (
    # Voila posts /voila/api/shutdown/<kernel> without an XSRF token when a page is left or closed
    # (voila-dashboards/voila#1458); the idle kernel is culled instead (present.sh sets the culler).
    "/voila/api/shutdown/",
    "the server responded with a status of 403 (Forbidden)",
    # a widget's last sync message while the page is being left, after its kernel connection closed
    "Could not send widget sync message",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, timeout: float, log: Path | None = None) -> None:
    """Wait until ``url`` answers (any HTTP status) or fail with the server's log."""

    def answers() -> bool:
        try:
            urllib.request.urlopen(url, timeout=2)
        except urllib.error.HTTPError:
            return True
        except (urllib.error.URLError, OSError):
            return False
        return True

    # "exited" ends the wait early: a server that stopped will not answer
    if within(lambda: "exited" if proc.poll() is not None else answers(), timeout, interval=0.2) is True:
        return
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    pytest.fail(f"server at {url} did not answer within {timeout:.0f} s (exit {proc.poll()}):\n{tail}")


def stop(proc: subprocess.Popen, timeout: float = 20) -> None:
    """Stop a server started with ``start_new_session=True``: SIGTERM to its process group, then SIGKILL."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)


def listening_addresses(port: int) -> set[str]:
    """IP addresses on which some process listens on ``port`` (TCP)."""
    import psutil

    return {c.laddr.ip for c in psutil.net_connections("tcp") if c.status == psutil.CONN_LISTEN and c.laddr.port == port}


def isolated_env(home: Path) -> dict[str, str]:
    """Environment for a server whose Jupyter and IPython state lives under ``home`` (and no book-build flag)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    env.pop("MMN_COURSE_BUILD", None)
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        env[var] = str(home / sub)
        (home / sub).mkdir(parents=True, exist_ok=True)
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


# ------------------------------------------------------------------------------------------- JupyterLab
@dataclass
class LabServer:
    base_url: str
    token: str
    port: int
    root: Path
    log: Path
    proc: subprocess.Popen

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}/{path.lstrip('/')}{sep}token={self.token}"


@contextlib.contextmanager
def jupyter_lab(root: Path, home: Path, *, timeout: float = 60) -> Iterator[LabServer]:
    """JupyterLab serving ``root`` on 127.0.0.1 with a random token; all its state under ``home``."""
    port, token = free_port(), secrets.token_hex(24)
    env = isolated_env(home)
    settings = home / "lab-settings"
    notification = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True, exist_ok=True)
    # No "would you like to receive news?" toast and no update check (they would reach the internet).
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    log = home / "jupyterlab.log"
    args = [
        str(VENV_BIN / "jupyter"), "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={home / 'lab-workspaces'}",
        "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    if os.geteuid() == 0:
        args.append("--allow-root")
    with open(log, "w") as out:
        proc = subprocess.Popen(args, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = LabServer(f"http://127.0.0.1:{port}", token, port, root, log, proc)
    try:
        wait_http(f"{server.base_url}/api/status?token={token}", proc, timeout, log)
        yield server
    finally:
        stop(proc)


# ------------------------------------------------------------------------------------------- Voila deck
@dataclass
class Deck:
    base_url: str
    port: int
    stdout: Path
    proc: subprocess.Popen

    def url(self, notebook: str) -> str:
        return f"{self.base_url}voila/render/{notebook}"


@contextlib.contextmanager
def lecture_deck(home: Path, *, timeout: float = 90) -> Iterator[Deck]:
    """``bash scripts/present.sh --port <free>``: Voila serving presenter/; yields once it printed its URL."""
    port = free_port()
    env = isolated_env(home)
    env["MMN_SKIP_SETUP"] = "1"  # the test run has set everything up; never pip-install under running tests
    stdout = home / "present.log"
    with open(stdout, "w") as out:
        proc = subprocess.Popen(["bash", str(ROOT / "scripts" / "present.sh"), "--port", str(port)], cwd=ROOT,
                                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:

        def printed_url() -> str | None:
            urls = [line.split(": ", 1)[1].strip() for line in stdout.read_text(errors="replace").splitlines()
                    if line.startswith("Lecture deck: ")]
            return urls[-1] if urls else None

        within(lambda: printed_url() or proc.poll() is not None, timeout, interval=0.2)
        url = printed_url()
        if not url:
            pytest.fail(f"present.sh printed no URL (exit {proc.poll()}):\n{stdout.read_text(errors='replace')[-3000:]}")
        yield Deck(url, port, stdout, proc)
    finally:
        stop(proc)


# ------------------------------------------------------------------------------------------- page probes
#: A cheap fingerprint of what a plotly graph div shows: per trace, the number of points and weighted sums
#: of x and y (typed arrays included). ``null`` while the figure has no data yet.
TRACE_SIGNATURE_JS = """
(gd) => {
  if (!gd || !Array.isArray(gd.data) || gd.data.length === 0) return null;
  const sum = (a) => {
    if (!a || typeof a.length !== 'number') return '-';
    let s = 0;
    for (let i = 0; i < a.length; i++) { const v = +a[i]; if (Number.isFinite(v)) s += v * ((i % 7) + 1); }
    return a.length + ':' + s.toPrecision(12);
  };
  return gd.data.map((t) => sum(t.x) + '/' + sum(t.y)).join('|');
}
"""


#: Installs, once per page, a keydown timestamp (capture phase, so before any widget handles the key)
#: and a requestAnimationFrame poll that records when the figure's signature changes.
_PROBE_JS = """
([figureSelector, signatureSource]) => {
  const signature = eval(signatureSource);
  const state = (window.__mmnProbe = window.__mmnProbe || {});
  state.figureSelector = figureSelector;
  state.signature = () => signature(document.querySelector(figureSelector));
  if (!state.installed) {
    state.installed = true;
    document.addEventListener('keydown', () => {
      state.t0 = performance.now();
      state.before = state.signature();
      state.t1 = null;
      const poll = () => {
        const now = state.signature();
        if (now !== null && now !== state.before) { state.t1 = performance.now(); state.after = now; return; }
        if (performance.now() - state.t0 < 30000) requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    }, true);
  }
  return state.signature();
}
"""


def trace_signature(page, figure_selector: str) -> str | None:
    return page.evaluate(f"(sel) => ({TRACE_SIGNATURE_JS})(document.querySelector(sel))", figure_selector)


def press_and_wait_for_redraw(page, handle_selector: str, figure_selector: str, key: str = "ArrowRight",
                              timeout_ms: float = 20000) -> float | None:
    """Press ``key`` on a slider handle; return ms from the key event to the changed figure data, or None.

    ``None`` means the figure's data did not change within ``timeout_ms``: a
    slider that moves without redrawing the figure.
    """
    before = page.evaluate(_PROBE_JS, [figure_selector, TRACE_SIGNATURE_JS])
    assert before is not None, f"no plotly figure with data at {figure_selector!r}"
    handle = page.locator(handle_selector).first
    handle.scroll_into_view_if_needed()
    handle.focus()
    page.keyboard.press(key)
    try:
        page.wait_for_function("() => window.__mmnProbe.t1 !== null && window.__mmnProbe.t1 !== undefined",
                               timeout=timeout_ms, polling="raf")
    except Exception:  # playwright TimeoutError
        return None
    return page.evaluate("() => window.__mmnProbe.t1 - window.__mmnProbe.t0")


def unexpected_errors(messages: list[str]) -> list[str]:
    return [m for m in messages if not any(k in m for k in KNOWN_LIVE_ERRORS)]
