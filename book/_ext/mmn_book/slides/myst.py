"""The book's MyST as plain Markdown for nbconvert slides, with citations labelled as in the book."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from widgets.references import BIBLIOGRAPHY, author_year, book_labels, label_order, read_entries

_ROLE = re.compile(r"\{(?P<role>[a-zA-Z:_-]+)\}`(?P<body>[^`]*)`")
_FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,})\{(?P<name>[a-zA-Z:_-]+)\}\s*(?P<arg>.*)$")
_TARGET = re.compile(r"^\s*\([A-Za-z0-9_.:-]+\)=\s*$")
#: Class of the empty marker that opens a dropdown admonition's blockquote (the slides make it a fragment).
ANSWER_CLASS = "mmn-slide-answer"


def myst_to_markdown(text: str, *, cite: Callable[[list[str], str], str] | None = None) -> str:
    """Plain Markdown (for nbconvert slides) from a MyST cell of the book.

    * roles: ``{term}`text <target>``` → text, ``{cite:p}`keys``` →
      ``cite(keys, "p")`` (default: ``[key; key]``), ``{math}`x``` → ``$x$``,
      other roles → their text;
    * directives (``` ```{admonition} Title``` or ``:::{note}``) → a
      blockquote headed by the title in bold, at the directive's indentation (so a directive inside a list
      item stays in it), options (``:class: tip``) dropped; a dropdown (``:class: dropdown``, an exercise's
      answer) opens with an empty ``<span class="mmn-slide-answer">`` marker (one with a table is not
      quoted, since tables do not render in a blockquote, and ends with a ``mmn-slide-answer-end`` marker);
      ``{math}`` → a ``$$`` block, ``{code-block}`` → a code fence;
      ``{glossary}``/``{bibliography}``/``{tableofcontents}`` disappear;
    * label targets ``(label)=`` disappear. Math and plain code fences are untouched.

    A fence closes, as in CommonMark, at the first line made only of at least
    as many of its characters.
    """
    cite = cite or (lambda keys, kind: "[" + "; ".join(keys) + "]")

    def role(m: re.Match) -> str:
        name, body = m.group("role"), m.group("body")
        if name.startswith("cite"):
            keys = [k.strip() for k in body.split(",") if k.strip()]
            return cite(keys, name.split(":", 1)[1] if ":" in name else "p")
        if name == "math":
            return f"${body}$"
        if "<" in body and body.rstrip().endswith(">"):
            body = body[: body.rindex("<")].strip()
        return body

    def closes(line: str, fence: str) -> bool:
        s = line.strip()
        return len(s) >= len(fence) and set(s) == {fence[0]}

    out: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if _TARGET.match(line):
            i += 1
            continue
        m = _FENCE_OPEN.match(line)
        code = re.match(r"^\s*(`{3,}|~{3,})", line)
        if m is None and code is not None:  # a plain code fence: copied verbatim up to its end
            out.append(line)
            i += 1
            while i < len(lines):
                out.append(lines[i])
                i += 1
                if closes(out[-1], code.group(1)):
                    break
            continue
        if m is None:
            out.append(_ROLE.sub(role, line))
            i += 1
            continue
        fence, name, arg = m.group("fence"), m.group("name"), m.group("arg").strip()
        body: list[str] = []
        i += 1
        while i < len(lines) and not closes(lines[i], fence):
            body.append(lines[i])
            i += 1
        i += 1  # the closing fence
        options = []
        while body and re.match(r"^\s*:[a-zA-Z_-]+:", body[0]):
            options.append(body.pop(0).strip())
        indent = m.group("indent")
        body = [ln[len(indent):] if ln.startswith(indent) else ln.lstrip() for ln in body]
        if name in ("glossary", "bibliography", "tableofcontents", "toctree"):
            continue
        if name == "math":
            out.append("$$\n" + "\n".join(body).strip() + "\n$$")
            continue
        if name in ("code", "code-block", "code-cell"):
            out.extend([f"```{arg}", *body, "```"])
            continue
        inner = myst_to_markdown("\n".join(body), cite=cite).strip("\n")
        title = arg if name == "admonition" else name.capitalize() + (f": {arg}" if arg else "")
        # A dropdown (an exercise's answer) is marked, so the slides show it only when the lecturer reveals it.
        hidden = any(o.startswith(":class:") and "dropdown" in o.split() for o in options) or name == "dropdown"
        marker = f'<span class="{ANSWER_CLASS}"></span>' if hidden else ""
        if hidden and any(ln.lstrip().startswith("|") for ln in inner.splitlines()):
            # Markdown tables do not render inside a blockquote: the answer stays plain, between two markers
            out.append(f"{indent}{marker}**{_ROLE.sub(role, title)}**")
            out.append("")
            out.extend(f"{indent}{ln}" if ln.strip() else "" for ln in inner.splitlines())
            out.extend(["", f'{indent}<span class="{ANSWER_CLASS}-end"></span>', ""])
            continue
        out.append(f"{indent}> {marker}**{_ROLE.sub(role, title)}**")
        out.append(f"{indent}>")
        out.extend(f"{indent}> {ln}" if ln.strip() else f"{indent}>" for ln in inner.splitlines())
        out.append("")
    return "\n".join(out)


def bib_citer(bib_path: Path | str = BIBLIOGRAPHY) -> Callable[[list[str], str], str]:
    """Citation formatter with the book's short labels (:func:`widgets.references.short_label`).

    ``p`` gives ``[EFNS/PNS MMN 2010, Hahn 2013]`` (sorted as the book sorts them), ``t`` gives
    ``Hahn et al. [Hahn 2013]``; a key missing from the file stands as itself.
    """
    entries = read_entries(bib_path)
    labels = book_labels(bib_path)

    def order(key: str) -> tuple:
        return (0, *label_order(entries[key])) if key in entries else (1, key.casefold(), "")

    def cite(keys: list[str], kind: str) -> str:
        keys = sorted(keys, key=order)
        if kind.startswith("t"):
            return "; ".join(
                f"{author_year(entries[k]).rsplit(' ', 1)[0]} [{labels[k]}]" if k in entries else f"[{k}]" for k in keys
            )
        return "[" + ", ".join(labels.get(k, k) for k in keys) + "]"

    return cite
