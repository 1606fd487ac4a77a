"""The poll inside the Voila lecture deck: the lecturer page's hall view in a frame.

In a deck cell, with ``bash scripts/poll.sh`` running and the lecturer logged in once at ``<poll>/lecturer``
in the same browser (or pass ``token``)::

    from classpoll.deck import poll_panel
    poll_panel(question="nc-sim-normal-01")   # newest session: "Ask this question", QR, live histogram, Reveal
    poll_panel("K7M2QX")                      # a given session, whatever question it has open

The frame is the poll server's own page (``/lecturer?view=deck``): the histogram updates from the server's event
stream in the browser, so the deck's kernel does no work while students answer.
"""

from __future__ import annotations

import os
import re
from html import escape
from urllib.parse import quote, urlencode

#: Where the deck finds the poll server when no ``url`` is given: ``CLASSPOLL_URL`` or poll.sh's default.
DEFAULT_URL = "http://127.0.0.1:8890/"


def panel_url(code: str | None = None, url: str | None = None, *, question: str | None = None,
              token: str | None = None) -> str:
    """Address of the lecturer page's deck view.

    Parameters
    ----------
    code : str, optional
        The session's join code (letters and digits); default: the newest session.
    url : str, optional
        Base address of the poll server; default ``CLASSPOLL_URL`` or :data:`DEFAULT_URL`.
    question : str, optional
        An id of the course's bank; the page then shows an "Ask this question" button for it.
    token : str, optional
        The lecturer token, put in the fragment (which the browser never sends to a server).

    Returns
    -------
    str
        The ``<base>lecturer?view=deck...`` address.

    Raises
    ------
    ValueError
        If ``code``, ``question`` or ``url`` is malformed.
    """
    if code is not None and (not isinstance(code, str) or not re.fullmatch(r"[A-Za-z0-9]{1,12}", code)):
        raise ValueError(f"code must be the session's join code (letters and digits), got {code!r}")
    if question is not None and (not isinstance(question, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*",
                                                                                      question)):
        raise ValueError(f"question must be a question id of the bank (e.g. 'nc-block-01'), got {question!r}")
    base = (url or os.environ.get("CLASSPOLL_URL") or DEFAULT_URL).rstrip("/") + "/"
    if not base.startswith(("http://", "https://", "/")):
        raise ValueError(f"url must start with http://, https:// or /, got {base!r}")
    query = {"view": "deck"}
    if code:
        query["s"] = code.upper()
    if question:
        query["q"] = question
    link = f"{base}lecturer?{urlencode(query)}"
    return link + (f"#token={quote(token)}" if token else "")


def poll_panel(code: str | None = None, url: str | None = None, *, question: str | None = None,
               token: str | None = None, height: int = 620):
    """An ``ipywidgets.HTML`` holding the live poll (see :func:`panel_url`); ``height`` in px, 200 to 2000."""
    import ipywidgets

    if isinstance(height, bool) or not isinstance(height, int) or not 200 <= height <= 2000:
        raise ValueError(f"height must be a whole number of pixels from 200 to 2000, got {height!r}")
    src = escape(panel_url(code, url, question=question, token=token), quote=True)
    return ipywidgets.HTML(
        f'<iframe src="{src}" title="Class poll: live answers of the class" '
        f'style="width:100%;height:{height}px;border:0" loading="eager"></iframe>',
        layout=ipywidgets.Layout(width="100%"),
    )
