"""Citation keys and short author–year labels for the quiz, from ``book/references.bib``.

Only what the quiz needs: which keys exist (every question cites at least one)
and a label such as "Löscher et al. 2018" to show under the feedback. The file
is read by the course's one BibTeX reader, :mod:`widgets.references`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from widgets.references import BIBLIOGRAPHY, author_year, read_entries

__all__ = ["BIBLIOGRAPHY", "Reference", "read_bibliography"]


@dataclass(frozen=True)
class Reference:
    """One bibliography entry: its ``key`` and a short ``label`` (first author, year)."""

    key: str
    label: str


def read_bibliography(path: Path | str = BIBLIOGRAPHY) -> dict[str, Reference]:
    """Every entry of a BibTeX file as ``{key: Reference}``, in file order."""
    return {key: Reference(key, author_year(entry)) for key, entry in read_entries(path).items()}
