"""Citations a student can tell apart and follow.

The course cites with short labels instead of author-year text, because the
author-year style rendered both 2010 guidelines (MMN and CIDP, same "Joint
Task Force", same year) identically:

* a citation shows the entry's ``shorthand`` field of ``book/references.bib``
  when it has one ("EFNS/PNS MMN 2010", "EAN/PNS CIDP 2021", "Cochrane 2022"),
  otherwise the first author's family name and the year ("Hahn 2013"); two
  entries that would share a label get "a", "b" in bibliography order
  (:func:`widgets.references.short_label`, which the slides use too);
* the bibliography is sorted by that label, so a reader finds "[Hahn 2013]"
  under H, and prints each entry's DOI and PubMed links (``doi`` and
  ``pubmed`` fields), which pybtex's unsrt style already formats as links.

``_config.yml`` selects it with ``bibtex_default_style: mmn-course`` and
``bibtex_reference_style: label``.
"""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle

from widgets.references import label_order, short_label, short_labels

STYLE = "mmn-course"

__all__ = ["STYLE", "CourseStyle", "setup", "short_label"]


class ShortLabelStyle(BaseLabelStyle):
    """Labels from :func:`~widgets.references.short_label`, made unique with a letter where two entries share one."""

    def format_labels(self, sorted_entries):
        yield from short_labels(sorted_entries)


class LabelSortingStyle(BaseSortingStyle):
    """Bibliography order: alphabetical by the label a reader sees in the text."""

    def sorting_key(self, entry):
        return label_order(entry)


class CourseStyle(UnsrtStyle):
    """pybtex's unsrt entries (with their DOI and PubMed links), short labels, sorted by label."""

    default_label_style = ShortLabelStyle
    default_sorting_style = LabelSortingStyle


def setup(app) -> dict:
    """Register the ``mmn-course`` bibliography style with pybtex."""
    register_plugin("pybtex.style.formatting", STYLE, CourseStyle, force=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
