"""How the book's notebooks run: in a kernel that knows it is the book build, and quietly.

* :func:`mark_build` marks the build, so every notebook kernel started by the
  executor shows the kernel-free views (see :mod:`widgets.display`).
* :func:`quiet_kernel_profile` starts the kernels with a private IPython
  profile that silences ipykernel's start-up notice about unencrypted local TCP
  (it would land in the first cell's stderr and, with ``-W``, fail the build;
  real stderr output still does) and the traceback a kernel may log while
  being shut down.
"""

from __future__ import annotations

import os
from pathlib import Path


def mark_build() -> None:
    """Set the environment variable that tells a chapter's kernel it runs in the book build."""
    from widgets.display import BUILD_ENV

    os.environ[BUILD_ENV] = "1"


def quiet_kernel_profile(outdir: Path) -> None:
    """Write an IPython profile under ``outdir`` that quietens kernel start-up and shut-down, and use it."""
    profile = Path(outdir) / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text(
        'c.IPKernelApp.log_level = "ERROR"\n'
        # A kernel being shut down after its last cell can log a ZMQ "Socket operation on non-socket"
        # traceback (its control channel answers after the sockets closed): noise, not a cell's output.
        'import logging\nlogging.getLogger("tornado.general").setLevel(logging.CRITICAL)\n'
    )
    os.environ["IPYTHONDIR"] = str(outdir)
