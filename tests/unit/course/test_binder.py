"""The JupyterHub/BinderHub image recipe (``binder/``, repo2docker) and the students' requirements.

* ``requirements-students.txt`` pins what a student's server needs, each at the version of
  ``requirements/constraints.txt`` (the tested environment), plus the hub-only packages listed here; no
  build or test toolchain;
* every dependency of ``pyproject.toml`` a kernel or server needs is pinned there within its range (the
  book-build-only ones are listed here);
* ``binder/requirements.txt`` installs that file with the constraints as constraints, nothing else;
* ``binder/postBuild`` installs the course package NON-editable and without dependencies, and puts the server
  settings (kernel culling, no news prompt) in the environment's Jupyter folders, not ``$HOME``;
* ``binder/runtime.txt`` names the Python the pins were resolved with;
* pip resolves the students' pins with no index against the course's ``.venv``.

``tests/live/test_hub_install.py`` installs the whole recipe into a fresh environment and runs every chapter.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version
from support.paths import ROOT

BINDER = ROOT / "binder"
REQUIREMENTS = BINDER / "requirements.txt"
STUDENTS = ROOT / "requirements-students.txt"
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
PYPROJECT = ROOT / "pyproject.toml"

#: Packages only the hub image needs (not the course, not in the constraints): name -> exact version.
#: jupyterhub: the single-user server of a JupyterHub 5 hub (Zero to JupyterHub 4.x).
HUB_ONLY = {"nbgitpuller": "1.3.0", "jupyterhub": "5.5.4"}
#: pyproject dependencies used only to build the book (mmn_book), never by a kernel or a student's server.
BUILD_ONLY = {"jupyter-book", "tinycss2", "beautifulsoup4", "soupsieve"}
#: The toolchain a student's image must not carry.
TOOLCHAIN = {"jupyter-book", "sphinx", "pytest", "pytest-xdist", "nbval", "playwright", "ruff", "coverage",
             "myst-nb", "sphinx-book-theme"}

PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)\s*(?:#.*)?$")


def pins(path: Path) -> dict[str, str]:
    """``name -> version`` of a requirements file made only of exact pins (anything else fails)."""
    out: dict[str, str] = {}
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = PIN.match(line)
        assert m, f"{path.relative_to(ROOT)}:{n}: not an exact pin (name==version): {line!r}"
        name = canonicalize_name(m.group(1))
        assert name not in out, f"{path.relative_to(ROOT)}:{n}: {name} pinned twice"
        out[name] = m.group(2)
    return out


def project_requirements() -> list[Requirement]:
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    reqs = list(project["dependencies"]) + list(project.get("optional-dependencies", {}).get("live", []))
    return [Requirement(r) for r in reqs]


def test_student_pins_equal_the_constraints():
    students, constraints = pins(STUDENTS), pins(CONSTRAINTS)
    hub_only = {canonicalize_name(k): v for k, v in HUB_ONLY.items()}
    differ = {n: (v, constraints.get(n)) for n, v in students.items() if n not in hub_only and constraints.get(n) != v}
    assert differ == {}, f"requirements-students.txt differs from requirements/constraints.txt: {differ}"
    assert {n: v for n, v in students.items() if n in hub_only} == hub_only


def test_students_get_no_build_or_test_toolchain():
    assert sorted(set(pins(STUDENTS)) & TOOLCHAIN) == []


def test_every_runtime_dependency_is_pinned_for_students_within_its_range():
    students = pins(STUDENTS)
    problems = []
    for req in project_requirements():
        name = canonicalize_name(req.name)
        if name in BUILD_ONLY:
            continue
        if name not in students:
            problems.append(f"{req.name}: not pinned in requirements-students.txt")
        elif not req.specifier.contains(Version(students[name]), prereleases=True):
            problems.append(f"{req.name}=={students[name]} is outside pyproject's {req.specifier}")
    assert problems == []


def test_binder_requirements_install_the_students_file_under_the_constraints():
    lines = [ln.strip() for ln in REQUIREMENTS.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    assert lines == ["-c ../requirements/constraints.txt", "-r ../requirements-students.txt"]
    for line in lines:
        assert (BINDER / line.split()[1]).resolve().is_file(), line


def test_runtime_is_the_python_the_pins_were_resolved_with():
    text = (BINDER / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-(\d+)\.(\d+)", text)
    assert m, f"binder/runtime.txt must read python-X.Y, not {text!r}"
    version = Version(f"{m.group(1)}.{m.group(2)}")
    requires = SpecifierSet(tomllib.loads(PYPROJECT.read_text())["project"]["requires-python"])
    assert requires.contains(version), f"{text} does not satisfy requires-python {requires}"
    assert (version.major, version.minor) == sys.version_info[:2], (
        f"binder uses Python {version} but the pins were resolved (and tested) with "
        f"{sys.version_info.major}.{sys.version_info.minor}"
    )


def test_postbuild_installs_the_course_package_non_editable():
    post = BINDER / "postBuild"
    assert os.access(post, os.X_OK), "binder/postBuild must be executable"
    text = post.read_text()
    assert text.startswith("#!/bin/bash") and "set -euo pipefail" in text
    commands = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    installs = [c for c in commands if "pip install" in c]
    assert installs and all("--no-deps" in c for c in installs), f"postBuild may change pins: {installs}"
    assert not any(re.search(r"(^|\s)(-e|--editable)(\s|$)", c) for c in installs), (
        f"an editable install breaks under a hub's home volume: {installs}"
    )
    assert any(re.search(r"\$prefix/?\"?$", c) or "$prefix/" in c for c in commands if c.startswith("cp ")), (
        "postBuild must copy the Jupyter settings into the environment (sys.prefix), not $HOME"
    )
    assert not any("$HOME" in c or "~/" in c for c in commands), "nothing may be written to the home folder"
    assert any("presenter/share/voila/templates" in c and "$prefix/share/jupyter/voila/templates" in c
               for c in commands), "the deck's Voila template must be installed into sys.prefix"
    assert (ROOT / "presenter" / "share" / "voila" / "templates" / "mmn_present").is_dir()
    subprocess.run(["bash", "-n", str(post)], check=True)


def test_server_settings_cull_idle_kernels_and_silence_the_news_prompt():
    server = json.loads((BINDER / "jupyter" / "etc" / "jupyter" / "jupyter_server_config.json").read_text())
    cull = server["MappingKernelManager"]
    assert 0 < cull["cull_idle_timeout"] <= 3600 and cull["cull_interval"] > 0 and cull["cull_connected"] is True
    lab = json.loads((BINDER / "jupyter" / "share" / "jupyter" / "lab" / "settings" / "overrides.json").read_text())
    assert lab["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_no_other_environment_file_competes_with_binder():
    """repo2docker uses binder/ when it exists; a second spec (environment.yml…) there would be ignored or clash."""
    others = {"environment.yml", "Pipfile", "Pipfile.lock", "setup.py", "Project.toml", "install.R", "apt.txt"}
    assert sorted(p.name for p in BINDER.iterdir() if p.name in others) == []


def test_pip_resolves_the_student_pins_offline_against_the_course_venv(tmp_path):
    hub_only = {canonicalize_name(k) for k in HUB_ONLY}
    local = tmp_path / "requirements.txt"
    local.write_text("\n".join(f"{n}=={v}" for n, v in pins(STUDENTS).items() if n not in hub_only) + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--no-deps", "--quiet",
         "--disable-pip-version-check", "-r", str(local)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
