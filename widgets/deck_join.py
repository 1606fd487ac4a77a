"""The class link on the lecture deck's first page: a QR code the hall scans to open the course.

``bash scripts/present.sh --join-url URL`` sets :data:`JOIN_ENV` (for instance the hub's nbgitpuller link of
the course, or the class poll's join page); the first deck page then shows the link and its QR code in a
corner of the screen (:func:`join_card`). A click on the card, or the key Q, shows it large for the hall
(``presenter-deck.js``). Without a link the page shows nothing. The QR code is drawn by the class poll's
standard-library encoder (:func:`classpoll.qr.qr_svg`, level M, up to :data:`MAX_URL_BYTES` bytes).
"""

from __future__ import annotations

import html
import os
import re

#: Environment variable with the class link (set by ``present.sh --join-url``).
JOIN_ENV = "MMN_PRESENT_JOIN_URL"
#: Longest link that fits the QR encoder (version 10, level M: 213 bytes) with room to spare.
MAX_URL_BYTES = 200
_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


def check_url(url: str) -> str:
    """``url`` if it is an ``http(s)://`` link without spaces or quotes, at most :data:`MAX_URL_BYTES` bytes.

    Raises
    ------
    ValueError
        Naming the parameter and what is allowed.
    """
    if not isinstance(url, str) or not _URL.match(url):
        raise ValueError(f"join url must be an http:// or https:// link without spaces or quotes, got {url!r}")
    if len(url.encode("utf-8")) > MAX_URL_BYTES:
        raise ValueError(f"join url must be at most {MAX_URL_BYTES} bytes for its QR code, got {len(url.encode())}")
    return url


def join_url() -> str | None:
    """The class link from :data:`JOIN_ENV`, ``None`` when unset; ValueError when it is malformed."""
    value = os.environ.get(JOIN_ENV, "").strip()
    return check_url(value) if value else None


def _shown(url: str) -> str:
    """The link as read aloud on the slide: without the scheme, and shortened in the middle when long."""
    text = re.sub(r"^https?://", "", url).rstrip("/")
    return text if len(text) <= 48 else text[:30] + "…" + text[-15:]


def join_card(url: str | None = None) -> str:
    """HTML of the join card (``.mmn-join``): QR code of ``url`` (default :func:`join_url`) and the link.

    Returns ``""`` when there is no link. The card is a button: it toggles the large view.
    """
    url = check_url(url) if url is not None else join_url()
    if url is None:
        return ""
    from classpoll.qr import qr_svg

    svg = qr_svg(url, title=f"QR code of the class link {url}")
    link = html.escape(url, quote=True)
    return (
        f'<div class="mmn-join" data-mmn-join="{link}">'
        f'<button type="button" class="mmn-join-toggle" aria-expanded="false" '
        f'title="Show the QR code large (key Q)">{svg}</button>'
        f'<p class="mmn-join-text">Join the class: <a href="{link}">{html.escape(_shown(url))}</a>'
        f'<span class="mmn-join-key"> · Q: large</span></p></div>'
    )


def show_join_card(url: str | None = None) -> bool:
    """Display the join card in a ``.mmn-presenter`` block when there is a link; returns whether it did.

    With no link it displays nothing at all (no empty output on the page).
    """
    card = join_card(url)
    if not card:
        return False
    from IPython.display import HTML, display

    display(HTML(f'<div class="mmn-presenter">{card}</div>'))
    return True


__all__ = ["JOIN_ENV", "MAX_URL_BYTES", "check_url", "join_card", "join_url", "show_join_card"]
