"""Class poll: students answer the course's questions on their phones; the lecturer's screen shows the class.

A small Tornado server with one SQLite file (write-ahead logging), started by ``bash scripts/poll.sh`` on a
laptop or LAN, or run as a JupyterHub service (``--hub``) where the class has a hub. Not imported by the
chapters' kernels (that is :mod:`widgets`); the deck shows the poll with :func:`classpoll.deck.poll_panel`.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
