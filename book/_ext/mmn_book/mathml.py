"""Formulas as MathML, and which pages still need MathJax."""

from __future__ import annotations

import html
import re

_MATH_CLASS = re.compile(r'class="(?:[^"]*\s)?math[\s"]')
_PLOTLY_LATEX = re.compile(r'"\$[^"$]+\$"')


def body_needs_mathjax(body: str) -> bool:
    """True if rendered page content has formulas MathJax must typeset (Sphinx math, LaTeX in plotly)."""
    return bool(_MATH_CLASS.search(body)) or ("Plotly.newPlot" in body and bool(_PLOTLY_LATEX.search(body)))


#: A formula as Sphinx writes it: ``<div class="math ...">\[tex\]</div>`` (display, possibly with an
#: equation number before the TeX) or ``<span class="math ...">\(tex\)</span>`` (inline).
_SPHINX_MATH = re.compile(
    r'<(?P<tag>div|span) class="math notranslate nohighlight"(?P<attrs>[^>]*)>(?P<inner>.*?)</(?P=tag)>', re.S
)
_TEX = re.compile(r"\\\[(?P<display>.*?)\\\]|\\\((?P<inline>.*?)\\\)", re.S)
#: A TeX command the converter did not know and passed through as text.
_UNCONVERTED = re.compile(r">\\[A-Za-z]")


def formulas_as_mathml(body: str) -> str:
    """Rendered page content with its formulas written as MathML, which browsers draw without MathJax.

    Chromium, Firefox and Safari render MathML Core natively and screen readers read it, so a
    page whose formulas all convert needs no 1.2 MB typesetting script. A formula the converter
    (``latex2mathml``) cannot read, or would garble (environments, alignment, unknown commands),
    stays TeX, and :func:`body_needs_mathjax` still sees it. The TeX source is kept as the
    formula's ``alttext``.
    """
    from latex2mathml.converter import convert

    def replace(m: re.Match) -> str:
        inner = m.group("inner")
        tex = _TEX.search(inner)
        if tex is None:
            return m.group(0)
        display = tex.group("display") is not None
        source = html.unescape(tex.group("display") if display else tex.group("inline")).strip()
        if "\\begin" in source or "&" in source:  # environments and alignment: the converter garbles them
            return m.group(0)
        try:
            mathml = convert(source, display="block" if display else "inline")
        except Exception:  # noqa: BLE001 - any formula it cannot read is left to MathJax
            return m.group(0)
        if _UNCONVERTED.search(mathml):  # a command it did not know, passed through as text
            return m.group(0)
        mathml = mathml.replace("<math ", f'<math alttext="{html.escape(source)}" ', 1)
        tag = m.group("tag")
        return f'<{tag} class="mmn-math notranslate"{m.group("attrs")}>{inner[: tex.start()]}{mathml}{inner[tex.end():]}</{tag}>'

    return _SPHINX_MATH.sub(replace, body)
