"""The poll's unit tests import :mod:`classpoll` from the repository (until the project installs it: pyproject's
``[tool.setuptools.packages.find] include`` then names ``classpoll*``)."""

import sys

from support.paths import ROOT

try:
    import classpoll  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT))


import asyncio  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def no_foreign_running_loop():
    """Run each poll test with no event loop marked as running in this thread.

    On a worker that has started Playwright's sync API (the session's ``browser`` fixture), that API leaves its
    own asyncio loop registered as the thread's running loop; Tornado's test cases and ``asyncio.run`` then refuse
    to start ("Cannot run the event loop while another loop is running"). The registration is put back after the test.
    """
    foreign = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    try:
        yield
    finally:
        asyncio.events._set_running_loop(foreign)
