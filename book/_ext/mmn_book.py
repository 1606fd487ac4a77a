"""Sphinx extension of the MMN course book.

* Marks the build, so every notebook kernel started by the executor shows the
  kernel-free views (see :mod:`widgets.display`).
* Starts the notebook kernels with a private IPython profile whose only
  setting silences ipykernel's start-up notice about unencrypted local TCP
  (it would land in the first cell's stderr and, with ``-W``, fail the build;
  real stderr output still does).
* Serves the static assets of the course package (the quiz renderer) once per
  page, from the installed package itself, so the book and JupyterLab use the
  same script.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx


def _add_package_assets(app: Sphinx, config) -> None:
    from widgets.assets import STATIC_DIR, js_files, css_files

    if not STATIC_DIR.is_dir():
        return
    config.html_static_path.append(str(STATIC_DIR))
    for name in css_files():
        app.add_css_file(name)
    for name in js_files():
        app.add_js_file(name, priority=600)


def _quiet_kernel_profile(outdir: Path) -> None:
    profile = outdir / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text('c.IPKernelApp.log_level = "ERROR"\n')
    os.environ["IPYTHONDIR"] = str(outdir)


def setup(app: Sphinx) -> dict:
    from widgets.display import BUILD_ENV

    os.environ[BUILD_ENV] = "1"
    _quiet_kernel_profile(Path(app.outdir).parent / ".ipython")
    app.connect("config-inited", _add_package_assets)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
