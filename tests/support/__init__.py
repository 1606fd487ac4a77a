"""Tests' shared helper package (``from support.xxx import …``); fixtures are in ``tests/conftest.py``
and the plugin modules it names in ``pytest_plugins``."""
