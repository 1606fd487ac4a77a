"""Citations a student can tell apart and follow.

The course cites with short labels instead of author-year text, because the
author-year style rendered both 2010 guidelines (MMN and CIDP, same "Joint
Task Force", same year) identically:

* a citation shows the entry's ``shorthand`` field of ``book/references.bib``
  when it has one ("EFNS/PNS MMN 2010", "EAN/PNS CIDP 2021", "Cochrane 2022"),
  otherwise the first author's family name and the year ("Hahn 2013"); two
  entries that would share a label get "a", "b" in bibliography order;
* the bibliography is sorted by that label, so a reader finds "[Hahn 2013]"
  under H, and prints each entry's DOI and PubMed links (``doi`` and
  ``pubmed`` fields), which pybtex's unsrt style already formats as links.

``_config.yml`` selects it with ``bibtex_default_style: mmn-course`` and
``bibtex_reference_style: label``.
"""

from __future__ import annotations

import codecs
from collections import Counter

import latexcodec  # noqa: F401  (registers the "ulatex" codec used below)
from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle

STYLE = "mmn-course"


def _plain(latex: str) -> str:
    """Text of a BibTeX value without braces or LaTeX accents (``L{\\"o}scher`` gives ``Löscher``)."""
    text = codecs.decode(latex, "ulatex")
    return text.replace("{", "").replace("}", "").strip()


def short_label(entry) -> str:
    """The label a citation of ``entry`` shows: its ``shorthand``, or "Family name Year"."""
    shorthand = entry.fields.get("shorthand")
    if shorthand:
        return _plain(str(shorthand))
    year = _plain(str(entry.fields.get("year", "n.d.")))
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    if persons:
        first = persons[0]
        name = " ".join(first.prelast_names + first.last_names) or " ".join(first.first_names)
        return f"{_plain(name)} {year}"
    for key in ("organization", "publisher", "howpublished", "title"):
        if key in entry.fields:
            return f"{_plain(str(entry.fields[key]))} {year}"
    return f"{entry.key} {year}"


class ShortLabelStyle(BaseLabelStyle):
    """Labels from :func:`short_label`, made unique with a letter where two entries share one."""

    def format_labels(self, sorted_entries):
        labels = [short_label(e) for e in sorted_entries]
        shared = {label for label, n in Counter(labels).items() if n > 1}
        seen: Counter = Counter()
        for label in labels:
            if label in shared:
                seen[label] += 1
                yield f"{label}{'abcdefghijklmnopqrstuvwxyz'[seen[label] - 1]}"
            else:
                yield label


class LabelSortingStyle(BaseSortingStyle):
    """Bibliography order: alphabetical by the label a reader sees in the text."""

    def sorting_key(self, entry):
        return (short_label(entry).casefold(), entry.fields.get("title", "").casefold())


class CourseStyle(UnsrtStyle):
    """pybtex's unsrt entries (with their DOI and PubMed links), short labels, sorted by label."""

    default_label_style = ShortLabelStyle
    default_sorting_style = LabelSortingStyle


def setup(app) -> dict:
    register_plugin("pybtex.style.formatting", STYLE, CourseStyle, force=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
