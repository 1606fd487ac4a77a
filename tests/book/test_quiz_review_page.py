"""The built review page stays small."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.site import Site, served

REVIEW = "chapters/10_review.html"


@pytest.fixture(scope="module")
def book(request):
    html = os.environ.get("MMN_QUIZ_BOOK_HTML")
    if html:
        with served(Path(html)) as base:
            yield Site(base, Path(html))
    else:
        yield request.getfixturevalue("site")


def test_review_page_bytes_stay_modest(book):
    size = (book.root / REVIEW).stat().st_size
    assert size < 1_000_000, f"{size} bytes"
