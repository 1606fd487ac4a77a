"""The print page's stylesheets: the theme's cut to the rules the page uses."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from mmn_book.css_subset import PageElements, used_css
from mmn_book.links import EXTERNAL_URL

#: The print page's own subset of the theme's stylesheets, written beside it.
PRINT_THEME_CSS = "course-theme.css"
#: Elements the page's scripts add (plotly's SVG, the keyboard proxies, the quiz's feedback): rules
#: for them are kept although the HTML as written has none.
SCRIPTED_ELEMENTS = (
    '<div><svg><g><text></text><path></path><rect></rect></g></svg><button type="button"></button>'
    '<label><input type="range"></label><select><option></option></select>'
    "<p><strong><span></span></strong></p><ul><li><cite></cite></li></ul></div>"
)
_STYLESHEET_LINK = re.compile(r'<link\b(?=[^>]*\brel="stylesheet")[^>]*\bhref="(?P<href>[^"]+)"[^>]*>\n?')
_CSS_IMPORT = re.compile(r'@import\s+(?:url\()?\s*["\']?(?P<url>[^"\')\s;]+)["\']?\s*\)?\s*;')
_CSS_URL = re.compile(r'url\(\s*(?P<q>["\']?)(?P<url>[^"\')]+)(?P=q)\s*\)')


def _stylesheet_for(path: Path, to_dir: Path) -> str:
    """The stylesheet at ``path`` with its ``@import``s inlined and its ``url()``s valid from ``to_dir``."""
    css = path.read_text(encoding="utf-8")

    def imported(m: re.Match) -> str:
        target = (path.parent / urlsplit(m.group("url")).path).resolve()
        return _stylesheet_for(target, to_dir) if target.is_file() else m.group(0)

    def moved(m: re.Match) -> str:
        url = m.group("url")
        if EXTERNAL_URL.match(url) or url.startswith(("#", "/")):
            return m.group(0)
        target = (path.parent / url).resolve()
        return f'url("{posixpath.relpath(target.as_posix(), to_dir.resolve().as_posix())}")'

    return _CSS_URL.sub(moved, _CSS_IMPORT.sub(imported, css))


def print_stylesheets(text: str, page_dir: Path, *, whole: set[str]) -> str:
    """``text`` (a page in ``page_dir``) linking one subset of its theme stylesheets instead of them.

    Each run of consecutive stylesheet links whose file is not in ``whole`` becomes one file,
    :data:`PRINT_THEME_CSS`, holding only the rules the page can use
    (:func:`mmn_book.css_subset.used_css`), so the cascade keeps its order.
    """
    page = PageElements(text, scripted=SCRIPTED_ELEMENTS)
    runs: list[list[tuple[re.Match, Path]]] = []  # each link with its file
    last_end = None
    for m in _STYLESHEET_LINK.finditer(text):
        path = page_dir / urlsplit(html.unescape(m.group("href"))).path
        if path.name in whole or not path.is_file():
            last_end = None
            continue
        if runs and last_end == m.start():
            runs[-1].append((m, path))
        else:
            runs.append([(m, path)])
        last_end = m.end()
    out, pos = [], 0
    for k, run in enumerate(runs):
        css = "\n".join(_stylesheet_for(path, page_dir) for _, path in run)
        name = PRINT_THEME_CSS if k == 0 else PRINT_THEME_CSS.replace(".css", f"-{k + 1}.css")
        (page_dir / name).write_text(used_css(css, page), encoding="utf-8")
        out += [text[pos:run[0][0].start()], f'<link rel="stylesheet" href="{name}">\n']
        pos = run[-1][0].end()
    out.append(text[pos:])
    return "".join(out)
