"""The JupyterHub/BinderHub environment (``binder/``, repo2docker) has exactly the course's pins.

* ``binder/requirements.txt`` pins every package of
  ``requirements/constraints.txt`` to the same version, and nothing else except
  the few binder-only packages listed here (also pinned);
* every dependency of ``pyproject.toml`` (runtime and the ``live`` extra) is
  pinned there, to a version its specifier allows;
* ``binder/runtime.txt`` names the Python the pins were resolved with, and
  that Python satisfies ``requires-python``;
* ``binder/postBuild`` installs the course package without dependencies (so it
  cannot move a pin) and stops on the first error;
* pip resolves ``binder/requirements.txt`` with no index at all against the
  course's own ``.venv`` (everything already installed at those versions).

Regenerate the file after changing the constraints:
``.venv/bin/python tests/test_binder.py --write``.
"""

from __future__ import annotations

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
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
PYPROJECT = ROOT / "pyproject.toml"

#: Packages only the hub image needs (not the course): name -> exact version.
BINDER_ONLY = {"nbgitpuller": "1.3.0"}

HEADER = """\
# Environment of the course on JupyterHub / BinderHub (repo2docker reads this folder).
# The exact pins of requirements/constraints.txt (the course's .venv), plus nbgitpuller for JupyterHub links.
# tests/test_binder.py checks that every pin here equals requirements/constraints.txt and satisfies pyproject.toml.
# Regenerate after changing the constraints:  .venv/bin/python tests/test_binder.py --write
"""

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


def render() -> str:
    """The binder requirements file for the current constraints."""
    body = [line for line in CONSTRAINTS.read_text().splitlines() if line.strip() and not line.startswith("#")]
    extra = [f"{name}=={version}" for name, version in sorted(BINDER_ONLY.items())]
    return (HEADER + "# --- a copy of requirements/constraints.txt ---\n" + "\n".join(body) + "\n"
            + "# --- binder only: not needed by the course itself ---\n" + "\n".join(extra) + "\n")


def project_requirements() -> list[Requirement]:
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    reqs = list(project["dependencies"]) + list(project.get("optional-dependencies", {}).get("live", []))
    return [Requirement(r) for r in reqs]


def test_binder_pins_equal_the_constraints():
    binder, constraints = pins(REQUIREMENTS), pins(CONSTRAINTS)
    differ = {n: (binder.get(n), v) for n, v in constraints.items() if binder.get(n) != v}
    assert differ == {}, (
        f"binder/requirements.txt differs from requirements/constraints.txt (binder, constraints): {differ}; "
        "regenerate with `.venv/bin/python tests/test_binder.py --write`"
    )
    extra = {n: v for n, v in binder.items() if n not in constraints}
    assert extra == {canonicalize_name(k): v for k, v in BINDER_ONLY.items()}, f"unexpected binder-only pins: {extra}"


def test_every_project_dependency_is_pinned_in_binder_within_its_range():
    binder = pins(REQUIREMENTS)
    problems = []
    for req in project_requirements():
        name = canonicalize_name(req.name)
        if name not in binder:
            problems.append(f"{req.name}: not pinned in binder/requirements.txt")
        elif not req.specifier.contains(Version(binder[name]), prereleases=True):
            problems.append(f"{req.name}=={binder[name]} is outside pyproject's {req.specifier}")
    assert problems == []


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


def test_postbuild_installs_only_the_course_package():
    post = BINDER / "postBuild"
    assert os.access(post, os.X_OK), "binder/postBuild must be executable"
    text = post.read_text()
    assert text.startswith("#!/bin/bash") and "set -euo pipefail" in text
    commands = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    installs = [c for c in commands if "pip install" in c]
    assert installs and all("--no-deps" in c for c in installs), f"postBuild may change pins: {installs}"
    subprocess.run(["bash", "-n", str(post)], check=True)


def test_no_other_environment_file_competes_with_binder():
    """repo2docker uses binder/ when it exists; a second spec (environment.yml…) there would be ignored or clash."""
    others = {"environment.yml", "Pipfile", "Pipfile.lock", "setup.py", "Project.toml", "install.R", "apt.txt"}
    assert sorted(p.name for p in BINDER.iterdir() if p.name in others) == []


def test_pip_resolves_the_binder_pins_offline_against_the_course_venv(tmp_path):
    local = tmp_path / "requirements.txt"
    local.write_text("\n".join(f"{n}=={v}" for n, v in pins(REQUIREMENTS).items()
                               if n not in {canonicalize_name(k) for k in BINDER_ONLY}) + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--no-deps", "--quiet",
         "--disable-pip-version-check", "-r", str(local)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    check = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, f"the pinned environment is inconsistent:\n{check.stdout}{check.stderr}"


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        REQUIREMENTS.write_text(render())
        print(f"wrote {REQUIREMENTS.relative_to(ROOT)} ({len(pins(REQUIREMENTS))} pins)")
    else:
        sys.exit("usage: python tests/test_binder.py --write")
