"""The house rules of the package layout, checked from the code itself.

* ``widgets`` holds only what a chapter's kernel imports: none of its modules
  imports the book's build tooling (Sphinx, Playwright, BeautifulSoup,
  tinycss2, soupsieve, nbconvert) or the build package ``mmn_book`` — checked
  both on the source (every ``import`` statement, also inside functions) and by
  importing every module in a fresh interpreter.
* No script is loaded as a library by its file path.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

from support.paths import ROOT

import widgets

#: Top-level packages only the build (or the tests) may import.
BUILD_ONLY = ("sphinx", "playwright", "bs4", "tinycss2", "soupsieve", "nbconvert", "mmn_book", "docutils")


def _imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_widgets_module_imports_build_tooling_in_its_source():
    bad = {}
    for path in sorted((ROOT / "widgets").rglob("*.py")):
        hits = sorted(n for n in _imported_names(path) if n.split(".")[0] in BUILD_ONLY)
        if hits:
            bad[path.relative_to(ROOT).as_posix()] = hits
    assert not bad, f"widgets/ must hold only what a chapter's kernel imports: {bad}"


def test_importing_every_widgets_module_loads_no_build_tooling():
    modules = sorted(m.name for m in pkgutil.walk_packages(widgets.__path__, "widgets."))
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(BUILD_ONLY)!r}))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [], "a widgets module pulled in build tooling"


def test_no_script_is_loaded_as_a_library_by_its_path():
    sources = [*_test_sources(), *ROOT.glob("benchmarks/*.py"), *ROOT.glob("presenter/*.py"),
               *(ROOT / "book" / "_ext").rglob("*.py"), *(ROOT / "widgets").rglob("*.py")]
    loaders = [p.relative_to(ROOT).as_posix() for p in sources
               if p.name != "test_architecture.py" and "spec_from_file_location" in p.read_text(encoding="utf-8")]
    assert not loaders, f"import the module from its package instead: {loaders}"


TESTS = ROOT / "tests"


def _test_sources() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "_vendor" not in p.parts)


def test_no_test_module_imports_another_test_module():
    """Shared helpers live in ``tests/support`` (``from support.xxx import …``), fixtures in ``conftest.py`` or a
    plugin module of ``support``: a test module never imports another test module, nor ``conftest``."""
    bad = {}
    for path in _test_sources():
        hits = sorted(n for n in _imported_names(path) if n.split(".")[-1].startswith(("test_", "conftest")))
        if hits:
            bad[path.relative_to(ROOT).as_posix()] = hits
    assert not bad, f"move what is shared to tests/support: {bad}"


def test_test_files_sit_in_a_folder_of_their_kind():
    kinds = {"unit", "book", "browser", "live"}
    stray = [p.relative_to(TESTS).as_posix() for p in TESTS.rglob("test_*.py")
             if p.relative_to(TESTS).parts[0] not in kinds]
    assert not stray, f"put each test file under tests/unit/<topic>, tests/book, tests/browser or tests/live: {stray}"
    names = [p.name for p in TESTS.rglob("test_*.py")]
    assert len(names) == len(set(names)), "test file names must be unique across folders (pytest's prepend mode)"


def test_selecting_neither_browser_nor_live_collects_no_browser_test():
    """``-m "not browser and not live"`` starts no Chromium: conftest refuses a test outside tests/browser and
    tests/live that asks for a browser fixture, and marks every test in those folders."""
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m",
         "not browser and not live", "tests"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    ids = [line for line in out.stdout.splitlines() if "::" in line]
    assert ids, "nothing collected"
    assert not [i for i in ids if i.startswith(("tests/browser/", "tests/live/"))]
