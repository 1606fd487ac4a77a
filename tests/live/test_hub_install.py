"""The class hub, reproduced without docker: install as the image does, then run every chapter from a bare home.

What Zero to JupyterHub does with the image that repo2docker builds from ``binder/``:

1. ``pip install -r binder/requirements.txt`` (the students' packages under the course's constraints) into a
   fresh environment — here a new venv without the system's or the course's site-packages;
2. ``binder/postBuild``: the course package NON-editable, and the server settings in ``sys.prefix``;
3. the source tree is gone (a user's volume hides the image's home folder): here it is deleted;
4. the chapters arrive by nbgitpuller in an empty home: here only ``chapters/*.ipynb`` are copied there;
5. a student runs every chapter top to bottom (nbclient in that environment, ``HOME`` = that home folder,
   live mode: ``MMN_COURSE_BUILD`` unset).

It also checks what the hub admin relies on: ``widgets`` imports from site-packages (not editable), the server
configuration (kernel culling) and JupyterLab's settings override (no news prompt) are found with an empty home,
``jupyterhub-singleuser`` is there, and no build or test tool (pytest, sphinx, jupyter-book, playwright) is.

Step 1 depends only on the three requirement files (and Python): like the image build's layer cache, its result
is kept, keyed by their hash, in ``~/.cache/mmn-course/hub-env-<key>`` (a venv made and filled by exactly the
command of step 1, then moved there whole). Each run takes a copy of it (``site-packages`` hard-linked: steps 2–5
only add files there; everything else copied, scripts pointed at the copy), so a change of any requirement file
installs afresh, and an unchanged one costs seconds. ``MMN_HUB_FRESH=1`` installs afresh anyway.

Costs on the 2-core machine: 143 s in all with pip's cache warm and no environment cached (pip install 49 s,
postBuild 4 s, the 12 chapters 85 s, 3–11 s each); about 14 min the first time on a busy machine (pip install
381 s downloading into an empty cache; the test uses the user's pip cache, so only the first run downloads).
The figures are printed (``-s``) and written to ``hub-timings.json`` in the test's folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.paths import ROOT

pytestmark = pytest.mark.xdist_group("hub")

#: What repo2docker copies (the repository); the test copies what the recipe reads.
RECIPE = ["pyproject.toml", "README.md", "widgets", "book/_ext", "book/references.bib", "binder",
          "requirements-students.txt", "requirements/constraints.txt", "presenter/share/voila"]

RUN_CHAPTERS = r"""
import json, sys, time, traceback
from pathlib import Path
import nbformat
from nbclient import NotebookClient
for name in sys.argv[1:]:
    path = Path(name)
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    error = None
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    except Exception as exc:  # report every chapter, not only the first failure
        error = "".join(traceback.format_exception_only(type(exc), exc))[-3000:]
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    errors = [o.get("ename", "") + ": " + o.get("evalue", "") for o in outputs if o.output_type == "error"]
    print(json.dumps({"chapter": path.name, "seconds": round(time.perf_counter() - start, 1),
                      "outputs": len(outputs), "error": error, "errors": errors}), flush=True)
"""

CHECK_ENV = r"""
import importlib.util, json, sys
from pathlib import Path
import widgets
from importlib.metadata import distribution
from jupyter_server.serverapp import ServerApp
from jupyterlab.commands import get_app_dir
direct = distribution("mmn-course").read_text("direct_url.json") or "{}"
app = ServerApp()
app.load_config_file()
overrides = Path(get_app_dir()) / "settings" / "overrides.json"
print(json.dumps({
    "widgets": widgets.__file__,
    "editable": json.loads(direct).get("dir_info", {}).get("editable", False),
    "cull_idle_timeout": app.config.MappingKernelManager.get("cull_idle_timeout"),
    "overrides": json.loads(overrides.read_text()) if overrides.is_file() else None,
    "toolchain": [m for m in ("pytest", "sphinx", "jupyter_book", "playwright", "nbval", "ruff")
                  if importlib.util.find_spec(m)],
    "prefix": sys.prefix,
    "deck_template": (Path(sys.prefix) / "share/jupyter/voila/templates/mmn_present/index.html.j2").is_file(),
}))
"""


def _env(venv: Path, home: Path) -> dict[str, str]:
    keep = {"PATH", "LANG", "LC_ALL", "TMPDIR", "PIP_CONFIG_FILE", "SSL_CERT_FILE", "OPENBLAS_CORETYPE",
            "OPENBLAS_L2_SIZE"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env["PATH"] = f"{venv / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}"
    env["HOME"] = str(home)
    env["VIRTUAL_ENV"] = str(venv)
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


def _run(cmd, *, cwd, env, timeout):
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


#: What step 1 reads: its result is cached under a hash of these (and of the Python that runs it).
REQUIREMENT_FILES = ["binder/requirements.txt", "requirements-students.txt", "requirements/constraints.txt"]
ENV_CACHE = Path.home() / ".cache" / "mmn-course"


def _requirements_key() -> str:
    digest = hashlib.sha256(f"{sys.version}|{os.path.realpath(sys.executable)}".encode())
    for name in REQUIREMENT_FILES:
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


def _install_requirements(venv: Path, src: Path, env: dict[str, str]) -> None:
    """Step 1 as the image does it: a new venv, ``pip install -r binder/requirements.txt``."""
    _run([sys.executable, "-m", "venv", str(venv)], cwd=src, env=env, timeout=120)
    _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
          "-r", "binder/requirements.txt"], cwd=src, env=env, timeout=1500)


def _copy_env(cached: Path, venv: Path) -> None:
    """A private copy of the cached environment at ``venv``: ``lib`` hard-linked (pip and Python only add new
    files there, and replace a file by renaming a new one over it), the rest copied, scripts pointed at ``venv``."""
    venv.mkdir(parents=True)
    for item in cached.iterdir():
        if item.name == "complete":
            continue
        if item.name == "lib" and not item.is_symlink():
            try:
                shutil.copytree(item, venv / "lib", symlinks=True, copy_function=os.link)
            except OSError:  # another file system: copy
                shutil.rmtree(venv / "lib", ignore_errors=True)
                shutil.copytree(item, venv / "lib", symlinks=True)
        elif item.is_dir() and not item.is_symlink():
            shutil.copytree(item, venv / item.name, symlinks=True)
        else:
            shutil.copy2(item, venv / item.name, follow_symlinks=False)
    old, new = f"#!{cached}/bin/".encode(), f"#!{venv}/bin/".encode()
    for script in (venv / "bin").iterdir():
        if script.is_file() and not script.is_symlink():
            data = script.read_bytes()
            if data.startswith(old):
                script.write_bytes(new + data[len(old):])
    cfg = venv / "pyvenv.cfg"
    cfg.write_text(cfg.read_text().replace(str(cached), str(venv)))


def _requirements_env(venv: Path, src: Path, env: dict[str, str]) -> str:
    """Step 1 into ``venv``: a copy of the cached environment of these requirement files, made first if there is
    none (in place, under a lock; complete once its ``complete`` marker is written). ``"cached"`` or ``"fresh"``."""
    import fcntl

    if os.environ.get("MMN_HUB_FRESH") == "1":
        _install_requirements(venv, src, env)
        return "fresh"
    cached = ENV_CACHE / f"hub-env-{_requirements_key()}"
    ENV_CACHE.mkdir(parents=True, exist_ok=True)
    with open(ENV_CACHE / "hub-env.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            made = not (cached / "complete").is_file()
            if made:
                shutil.rmtree(cached, ignore_errors=True)
                _install_requirements(cached, src, env)
                (cached / "complete").write_text(" ".join(REQUIREMENT_FILES) + "\n")
                for old in ENV_CACHE.glob("hub-env-*"):  # one environment kept: the current requirements'
                    if old != cached:
                        shutil.rmtree(old, ignore_errors=True)
            _copy_env(cached, venv)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return "fresh" if made else "cached"


def test_every_chapter_runs_on_a_hub_install_from_an_empty_home(tmp_path):
    timings: dict[str, object] = {}
    src, venv, home = tmp_path / "repo", tmp_path / "env", tmp_path / "home" / "jovyan"
    for item in RECIPE:
        target = src / item
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / item).is_dir():
            shutil.copytree(ROOT / item, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(ROOT / item, target)
    # the chapters are taken now, with the package, so both are one state of the repository
    staged = tmp_path / "chapters-staged"
    shutil.copytree(ROOT / "chapters", staged, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    build_home = tmp_path / "image-home"  # the image's home at build time: hidden by the user's volume later
    build_home.mkdir()
    home.mkdir(parents=True)
    build_env, env = _env(venv, build_home), _env(venv, home)
    # pip's cache of this machine's user (as a CI cache would be): downloads once, not on every run
    build_env["PIP_CACHE_DIR"] = os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip")

    start = time.perf_counter()
    timings["requirements"] = _requirements_env(venv, src, build_env)
    timings["install_requirements_s"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    _run(["bash", "binder/postBuild"], cwd=src, env=build_env, timeout=600)
    timings["postbuild_s"] = round(time.perf_counter() - start, 1)
    shutil.rmtree(src)  # the image's copy of the repository and its home are hidden by the user's volume
    shutil.rmtree(build_home)

    info = json.loads(_run([venv / "bin" / "python", "-c", CHECK_ENV], cwd=home, env=env, timeout=120))
    assert Path(info["widgets"]).is_relative_to(venv), f"widgets imported from {info['widgets']}, not the env"
    assert info["editable"] is False
    assert info["cull_idle_timeout"] == 1200, "kernel culling not configured in sys.prefix/etc/jupyter"
    assert info["overrides"]["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert info["deck_template"], "the deck's Voila template is not where the hub's Voila looks"
    assert info["toolchain"] == [], f"build/test tools in the students' environment: {info['toolchain']}"
    _run([venv / "bin" / "jupyterhub-singleuser", "--version"], cwd=home, env=env, timeout=120)

    chapters = home / "chapters"
    chapters.mkdir()
    for nb in sorted(staged.glob("*.ipynb")):
        shutil.copy2(nb, chapters / nb.name)
    start = time.perf_counter()
    out = _run([venv / "bin" / "python", "-c", RUN_CHAPTERS, *sorted(p.name for p in chapters.glob("*.ipynb"))],
               cwd=chapters, env=env, timeout=1500)
    timings["chapters_s"] = round(time.perf_counter() - start, 1)
    results = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    timings["per_chapter_s"] = {r["chapter"]: r["seconds"] for r in results}
    (tmp_path / "hub-timings.json").write_text(json.dumps(timings, indent=1))
    print("hub install timings:", json.dumps(timings))
    assert [r["chapter"] for r in results] == sorted(p.name for p in chapters.glob("*.ipynb"))
    failed = {r["chapter"]: r["error"] or r["errors"] for r in results if r["error"] or r["errors"]}
    assert failed == {}, f"chapters failed on the hub install: {failed}"
    assert all(r["outputs"] > 0 for r in results), "a chapter produced no output"
