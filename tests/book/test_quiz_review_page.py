"""The built review page stays small."""

from __future__ import annotations

REVIEW = "chapters/10_review.html"


def test_review_page_bytes_stay_modest(book):
    size = (book.root / REVIEW).stat().st_size
    assert size < 1_000_000, f"{size} bytes"
