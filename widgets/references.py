"""The course bibliography, ``book/references.bib``, read one way for everyone.

The book's citations (``mmn_book.citations``), the chapter slides
(``mmn_book.slides``), the quiz (:mod:`widgets.quiz.references`) and the tests
all read the file through :func:`read_entries` (pybtex, the reader
sphinxcontrib-bibtex uses for the book itself) and label an entry with
:func:`short_label`:

* a citation shows the entry's ``shorthand`` field when it has one
  ("EFNS/PNS MMN 2010", "EAN/PNS CIDP 2021", "Cochrane 2022"), otherwise the
  first author's family name and the year ("Hahn 2013");
* :func:`short_labels` makes the labels of a list of entries unique with a
  letter ("Hahn 2013a", "Hahn 2013b"), in the order given, as the book does.

:func:`author_year` is the longer "Löscher et al. 2018" form the quiz shows
under its feedback.
"""

from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

#: The course bibliography: ``book/references.bib`` in the source tree (an editable install reads it there);
#: an installed wheel carries it as package data (``widgets/data/references.bib``, a link to the same file in the
#: repository), so the quizzes cite it on a hub where only the package is installed.
_SOURCE_BIBLIOGRAPHY = Path(__file__).resolve().parents[1] / "book" / "references.bib"
BIBLIOGRAPHY = _SOURCE_BIBLIOGRAPHY if _SOURCE_BIBLIOGRAPHY.exists() else Path(__file__).with_name("data") / "references.bib"


def plain(latex: str) -> str:
    r"""Text of a BibTeX value without braces or LaTeX accents.

    Parameters
    ----------
    latex : str
        A field value as written in the ``.bib`` file, e.g. ``L{\"o}scher``.

    Returns
    -------
    str
        The text a reader sees, e.g. ``Löscher``.
    """
    import latexcodec  # noqa: F401  (registers the "ulatex" codec)

    try:
        text = codecs.decode(latex, "ulatex")
    except ValueError:
        text = latex
    return " ".join(text.replace("{", "").replace("}", "").split())


@lru_cache(maxsize=8)
def _read(path: str, mtime_ns: int) -> Mapping[str, Any]:
    from pybtex.database import parse_file

    return parse_file(path, bib_format="bibtex").entries


def read_entries(path: Path | str = BIBLIOGRAPHY) -> Mapping[str, Any]:
    """Every entry of a BibTeX file, in file order (pybtex ``Entry`` objects by key).

    Parameters
    ----------
    path : path-like
        The ``.bib`` file; :data:`BIBLIOGRAPHY` by default. Read once per
        modification of the file.

    Returns
    -------
    Mapping[str, pybtex.database.Entry]
        The entries by citation key.
    """
    path = Path(path)
    return _read(str(path.resolve()), path.stat().st_mtime_ns)


def bib_keys(path: Path | str = BIBLIOGRAPHY) -> set[str]:
    """The citation keys of a BibTeX file (:data:`BIBLIOGRAPHY` by default)."""
    return set(read_entries(path))


def _family_names(entry) -> list[str]:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    return [plain(" ".join(p.prelast_names + p.last_names) or " ".join(p.first_names)) for p in people]


def short_label(entry) -> str:
    """The label a citation of ``entry`` shows in the book: its ``shorthand``, or "Family name Year".

    Parameters
    ----------
    entry : pybtex.database.Entry
        One entry of :func:`read_entries`.

    Returns
    -------
    str
        E.g. ``"EFNS/PNS MMN 2010"`` or ``"Hahn 2013"`` (not yet made unique; see :func:`short_labels`).
    """
    shorthand = entry.fields.get("shorthand")
    if shorthand:
        return plain(str(shorthand))
    year = plain(str(entry.fields.get("year", "n.d.")))
    names = _family_names(entry)
    if names:
        return f"{names[0]} {year}"
    for key in ("organization", "publisher", "howpublished", "title"):
        if key in entry.fields:
            return f"{plain(str(entry.fields[key]))} {year}"
    return f"{entry.key} {year}"


def short_labels(entries: Iterable) -> list[str]:
    """:func:`short_label` of each entry, with "a", "b"... where entries share a label (in the order given)."""
    labels = [short_label(e) for e in entries]
    shared = {label for label, n in Counter(labels).items() if n > 1}
    seen: Counter = Counter()
    out = []
    for label in labels:
        if label in shared:
            seen[label] += 1
            label = f"{label}{'abcdefghijklmnopqrstuvwxyz'[seen[label] - 1]}"
        out.append(label)
    return out


def label_order(entry) -> tuple[str, str]:
    """Sort key of the bibliography: alphabetical by the label a reader sees in the text."""
    return (short_label(entry).casefold(), entry.fields.get("title", "").casefold())


def book_labels(path: Path | str = BIBLIOGRAPHY) -> dict[str, str]:
    """The label of every entry of the file as the book shows it, ``{key: "Hahn 2013"}``."""
    entries = sorted(read_entries(path).values(), key=label_order)
    return {e.key: label for e, label in zip(entries, short_labels(entries), strict=True)}


def author_year(entry) -> str:
    """"Family name Year", "A and B Year" or "A et al. Year" of ``entry`` (corporate authors whole)."""
    year = plain(str(entry.fields.get("year", "")))
    people = entry.persons.get("author") or []
    names = _family_names(entry) if people else []
    if not names:
        return year or "n.d."
    if len(names) == 2 and str(people[1]) != "others":
        who = f"{names[0]} and {names[1]}"
    elif len(names) > 2 or str(people[-1]) == "others":
        who = f"{names[0]} et al."
    else:
        who = names[0]
    return f"{who} {year}".strip()
