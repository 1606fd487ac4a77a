"""Weight budgets of the built pages (measured in ``benchmarks/bench_book.py`` and the page-weight tests)."""

from __future__ import annotations

from mmn_book.page_assets import PLOTLY_BASIC, PLOTLY_FULL

#: Weight budget of a page of the book: bytes it loads (uncompressed) beyond the once-cached
#: plotly.js, and time to its first drawn figure (measured in ``benchmarks/bench_book.py``).
PAGE_BUDGET_BYTES = 1_500_000
#: The printable whole course (``print/course.html``) is every chapter on one page, read on a laptop or
#: printed, not browsed on a phone: its own budget. It was 1.33 MB with ten chapters; the weak-hand and needle
#: EMG chapters, the fifth case, the clinical corrections and the printed answer keys (with a teaching point per
#: item) of 2026-12 took it to about 2.05 MB. One answer-key appendix and the differential explorers' chosen
#: findings instead of their radio forms (-0.12 MB) brought it to about 1.8 MB; the needle EMG's in-page
#: scripts (0.7 MB) are left out of it (each EMG view prints as words).
PRINT_PAGE_BUDGET_BYTES = 2_200_000


def page_budget_bytes(rel: str) -> int:
    """Byte budget of the built page ``rel`` (a path relative to the site root)."""
    return PRINT_PAGE_BUDGET_BYTES if rel.endswith("print/course.html") else PAGE_BUDGET_BYTES


FIRST_FIGURE_BUDGET_S = 1.0
#: plotly.js as the book serves it (full and basic bundle): outside the page budget.
PLOTLY_BUNDLES = tuple(path.rsplit("/", 1)[-1] for path in (PLOTLY_FULL, PLOTLY_BASIC))
