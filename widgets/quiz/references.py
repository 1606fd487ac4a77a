"""Citation keys and short author–year labels from ``book/references.bib``.

Only what the quiz needs: which keys exist (every question cites at least one)
and a short label such as "Löscher et al. 2018" to show under the feedback.
A deliberately small BibTeX reader: one entry per ``@type{key, ...}``, fields
``author`` and ``year``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: The course bibliography, next to the book (present in the repository / editable install).
BIBLIOGRAPHY = Path(__file__).resolve().parents[2] / "book" / "references.bib"

_ENTRY = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)
_LATEX_ACCENTS = {
    r'{\"o}': "ö", r'{\"u}': "ü", r'{\"a}': "ä", r"{\'e}": "é", r"{\`e}": "è", r"{\'a}": "á",
    r'\"o': "ö", r'\"u': "ü", r'\"a': "ä", r"\'e": "é", r"\`e": "è", r"\'a": "á", r"\&": "&",
}


@dataclass(frozen=True)
class Reference:
    """One bibliography entry: its ``key`` and a short ``label`` (first author, year)."""

    key: str
    label: str


def _field(body: str, name: str) -> str:
    m = re.search(rf"\b{name}\s*=\s*", body, re.IGNORECASE)
    if not m:
        return ""
    i = m.end()
    if i < len(body) and body[i] == "{":
        depth, j = 0, i
        while j < len(body):
            depth += {"{": 1, "}": -1}.get(body[j], 0)
            if depth == 0:
                return body[i + 1 : j]
            j += 1
        return body[i + 1 :]
    m2 = re.match(r'"([^"]*)"|(\w+)', body[i:])
    return (m2.group(1) or m2.group(2) or "") if m2 else ""


def _plain(text: str) -> str:
    for latex, char in _LATEX_ACCENTS.items():
        text = text.replace(latex, char)
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()


def _split_authors(field: str) -> list[str]:
    """Split a BibTeX author list at `` and `` outside braces (corporate authors stay whole)."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(field):
        ch = field[i]
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and field.startswith(" and ", i):
            out.append(field[start:i])
            start = i = i + len(" and ")
            continue
        i += 1
    out.append(field[start:])
    return out


def _label(author_field: str, year: str) -> str:
    authors = [a.strip() for a in _split_authors(author_field) if a.strip()]
    if not authors:
        return year or "n.d."
    first = authors[0]
    if first.startswith("{") and first.endswith("}"):  # corporate author
        name = _plain(first)
    else:
        first = _plain(first)
        name = first.split(",")[0].strip() if "," in first else first.split()[-1]
    more = len(authors) > 2 or any(a.strip() == "others" for a in authors)
    if len(authors) == 2 and authors[1] != "others":
        second = _plain(authors[1])
        name = f"{name} and {second.split(',')[0].strip() if ',' in second else second.split()[-1]}"
    elif more:
        name = f"{name} et al."
    return f"{name} {year}".strip()


def read_bibliography(path: Path | str = BIBLIOGRAPHY) -> dict[str, Reference]:
    """Every entry of a BibTeX file as ``{key: Reference}``, in file order."""
    text = Path(path).read_text(encoding="utf-8")
    matches = list(_ENTRY.finditer(text))
    out: dict[str, Reference] = {}
    for m, nxt in zip(matches, matches[1:] + [None]):
        body = text[m.end() : nxt.start() if nxt else len(text)]
        key = m.group(2)
        out[key] = Reference(key, _label(_field(body, "author"), _plain(_field(body, "year"))))
    return out
