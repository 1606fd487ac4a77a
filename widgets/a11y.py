"""Accessibility, print and link helpers for the built HTML book.

Used by the book's Sphinx extension (``book/_ext/mmn_book.py``), by
``scripts/check_links.py``, ``scripts/export_pdf.py`` and by the tests; nothing
here is needed in JupyterLab.

* :func:`fix_theme_html` repairs what the theme emits on every page and an
  accessibility checker (axe-core) reports, and drops the theme's 1.5 MB
  Font Awesome *script* (the theme's stylesheet already draws every icon with
  the Font Awesome web font).
* :func:`write_print_page` composes the whole course, in reading order, into one
  printable page (``_build/html/print/course.html``) from the pages already
  built, with no second build and no notebook executed twice.
* :func:`check_links` resolves every internal link, anchor and local asset of a
  built site, offline.
* :func:`css_color_on_white` / :func:`contrast_on_white` read CSS colours as
  plotly reports them (``rgb()``, ``rgba()``, ``#hex``) for contrast checks.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from widgets.palette import contrast_ratio

# --------------------------------------------------------------------------------------------------
# Theme fixes applied to every built page
# --------------------------------------------------------------------------------------------------

#: The theme's Font Awesome script (SVG icon replacement). Its stylesheet already ships the web font
#: and a rule for every icon the theme uses, so the 1.5 MB script only swaps <i> for <svg>.
_FONTAWESOME_SCRIPT = re.compile(r'[ \t]*<script\b[^>]*\bsrc="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*>\s*</script>\n?')
#: Decorative Font Awesome icons: <i class="fa-solid fa-..."> without aria-hidden.
_ICON = re.compile(r'<(i|span) class="(?=[^"]*\bfa[srb]?\b|[^"]*\bfa-)([^"]*)"(?![^>]*aria-hidden)')
#: The theme's search buttons are named "Search" while they show "Search Ctrl+K": a speech-input
#: user saying what they see would miss (axe: label-content-name-mismatch). Name them by content.
_SEARCH_BUTTON = re.compile(r'(<button class="[^"]*\bsearch-button__button\b[^"]*"[^>]*?) aria-label="Search"')
#: Sphinx's search (scripts and the whole site's index) that the theme loads on every page for its
#: search-as-you-type option; with that option off (the default) only search.html uses them.
_SEARCH_SCRIPTS = re.compile(
    r'[ \t]*<script\b[^>]*\bsrc="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)[^"]*"'
    r'[^>]*>\s*</script>\n?'
)
#: docutils marks bibliography entries with the deprecated role doc-biblioentry inside role="list",
#: which then has no list item (axe: aria-required-children, critical).
_BIBLIOENTRY = 'role="doc-biblioentry"'
#: The primary sidebar holds the site title, the search button and the chapter list; only the list
#: was in a landmark (axe: region). The whole sidebar becomes one, named.
_PRIMARY_SIDEBAR = '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">'
_PRIMARY_SIDEBAR_LANDMARK = (
    '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" role="complementary" aria-label="Course">'
)


def fix_theme_html(text: str, *, search_page: bool = False) -> str:
    """Accessibility and weight fixes of one built page (idempotent); ``search_page``: it is search.html."""
    text = _FONTAWESOME_SCRIPT.sub("", text)
    if not search_page:
        text = _SEARCH_SCRIPTS.sub("", text)
    text = _ICON.sub(lambda m: f'<{m.group(1)} class="{m.group(2)}" aria-hidden="true"', text)
    text = _SEARCH_BUTTON.sub(r"\1", text)
    text = text.replace(_BIBLIOENTRY, 'role="listitem"')
    text = text.replace(_PRIMARY_SIDEBAR, _PRIMARY_SIDEBAR_LANDMARK)
    return text


def fix_site(html_dir: Path) -> list[Path]:
    """Apply :func:`fix_theme_html` to every page of a built site; returns the pages changed."""
    changed = []
    for path in sorted(Path(html_dir).rglob("*.html")):
        if "_static" in path.parts or "_sources" in path.parts:
            continue
        old = path.read_text(encoding="utf-8")
        new = fix_theme_html(old, search_page=path.name == "search.html" and path.parent == Path(html_dir))
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


# --------------------------------------------------------------------------------------------------
# Which pages need MathJax
# --------------------------------------------------------------------------------------------------

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


#: Trace types plotly's "basic" bundle draws (plotly.js-basic-dist: 1.2 MB instead of 4.8 MB); it has
#: every layout component (sliders, menus, shapes, annotations, legends).
BASIC_TRACE_TYPES = frozenset({"scatter", "bar", "pie"})
_NEWPLOT = re.compile(r"Plotly\.newPlot\(\s*(?:\"[^\"]*\"|'[^']*'|[A-Za-z_$][\w$.]*)\s*,\s*")
_ARG_SEP = re.compile(r"\s*,\s*")


@dataclass(frozen=True)
class _PlotCall:
    """One ``Plotly.newPlot(id, data, layout, ...)`` call read from a page."""

    start: int  # where the call starts in the text
    data: list
    layout: dict
    layout_span: tuple[int, int] | None  # where the layout's JSON stands in the text (None: no layout given)


def _plot_calls(text: str) -> Iterable[_PlotCall | None]:
    """Every ``Plotly.newPlot`` call of ``text``, in order; ``None`` for a call whose arguments are not JSON."""
    decoder = json.JSONDecoder()
    for m in _NEWPLOT.finditer(text):
        try:
            data, end = decoder.raw_decode(text, m.end())
            sep = _ARG_SEP.match(text, end)
            layout, span = {}, None
            if sep:
                layout, layout_end = decoder.raw_decode(text, sep.end())
                span = (sep.end(), layout_end)
        except ValueError:
            yield None
            continue
        yield _PlotCall(m.start(), data, layout, span)


def plotly_trace_types(body: str) -> set[str]:
    """Trace types the figures of rendered page content use, including those their controls switch to.

    Reads each ``Plotly.newPlot(id, data, layout)`` call; a call it cannot read yields ``"?"``
    (so a caller keeps the full bundle).
    """
    types: set[str] = set()
    for call in _plot_calls(body):
        if call is None:
            types.add("?")
            continue
        types.update(str(t.get("type", "scatter")) for t in call.data if isinstance(t, dict))
        for control in (call.layout.get("sliders") or []) + (call.layout.get("updatemenus") or []):
            for item in (control.get("steps") or []) + (control.get("buttons") or []):
                for arg in item.get("args") or []:
                    if isinstance(arg, dict) and "type" in arg:
                        value = arg["type"]
                        types.update(map(str, value) if isinstance(value, list) else [str(value)])
    return types


# --------------------------------------------------------------------------------------------------
# One printable page with the whole course
# --------------------------------------------------------------------------------------------------

#: Weight budget of a page of the book: bytes it loads (uncompressed) beyond the once-cached
#: plotly.js, and time to its first drawn figure (measured in ``benchmarks/bench_book.py``).
PAGE_BUDGET_BYTES = 1_500_000
#: The printable whole course (``print/course.html``) is every chapter on one page, read on a laptop or
#: printed, not browsed on a phone: its own budget. It was 1.33 MB with ten chapters; the weak-hand chapter,
#: the fifth case and the clinical corrections of 2026-12 took it to about 1.7 MB.
PRINT_PAGE_BUDGET_BYTES = 2_000_000


def page_budget_bytes(rel: str) -> int:
    """Byte budget of the built page ``rel`` (a path relative to the site root)."""
    return PRINT_PAGE_BUDGET_BYTES if rel.endswith("print/course.html") else PAGE_BUDGET_BYTES


FIRST_FIGURE_BUDGET_S = 1.0
#: plotly.js as the book serves it (full and basic bundle): outside the page budget.
PLOTLY_BUNDLES = ("plotly.min.js", "plotly-basic.min.js")

#: Bytes a loaded page fetched, by URL path (the page itself included), read in the browser.
LOADED_BYTES_JS = """() => {
  const out = {}, add = (url, size) => { out[new URL(url, location.href).pathname] = size; };
  const nav = performance.getEntriesByType('navigation')[0];
  add(location.href, nav ? nav.decodedBodySize : document.documentElement.outerHTML.length);
  for (const r of performance.getEntriesByType('resource')) add(r.name, r.decodedBodySize);
  return out;
}"""

PRINT_DIR = "print"
PRINT_PAGE = "course.html"
#: The placeholder scripts/export_pdf.py replaces with a link to the PDF it made.
PDF_MARKER = "<!-- mmn-pdf-link -->"

#: Scripts of the theme and of Sphinx's search that the print page does not need (it has no theme
#: chrome); everything else a content page loads (plotly.js, MathJax, the course's own scripts) stays.
_THEME_SCRIPTS = (
    "documentation_options.js",
    "doctools.js",
    "sphinx_highlight.js",
    "clipboard.min.js",
    "copybutton.js",
    "sphinx-book-theme.js",
    "togglebutton.js",
    "design-tabs.js",
    "sphinx-thebe.js",
    "searchtools.js",
    "language_data.js",
    "searchindex.js",
    "bootstrap.js",
    "pydata-sphinx-theme.js",
    "fontawesome.js",
)

_ARTICLE_OPEN = re.compile(r'<article class="bd-article"[^>]*>')
_TAG_ATTR_URL = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_ID_ATTR = re.compile(r'\sid="([^"]+)"')
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


@dataclass(frozen=True)
class PrintSource:
    """One built page to include: its path relative to the site root (``chapters/x.html``)."""

    rel: str
    html: str


def _article(text: str, rel: str) -> str:
    m = _ARTICLE_OPEN.search(text)
    if not m:
        raise ValueError(f"{rel}: no <article class=\"bd-article\"> found (theme changed?)")
    depth, pos = 1, m.end()
    tag = re.compile(r"<(/?)article\b[^>]*>")
    while depth:
        t = tag.search(text, pos)
        if t is None:
            raise ValueError(f"{rel}: unbalanced <article> element")
        depth += -1 if t.group(1) else 1
        pos = t.end()
    return text[m.end() : t.start()]


def _head_assets(text: str) -> list[str]:
    head = text.split("</head>", 1)[0]
    out = []
    for tag in re.findall(r"<link\b[^>]*>", head):
        if 'rel="stylesheet"' in tag:
            out.append(tag)
    for m in re.finditer(r"<script\b([^>]*)>(.*?)</script>", head, re.S):
        attrs, body = m.group(1), m.group(2)
        src = re.search(r'\bsrc="([^"]+)"', attrs)
        if src:
            if not any(name in src.group(1) for name in _THEME_SCRIPTS):
                out.append(m.group(0))
        elif body.lstrip().startswith("window.MathJax"):
            out.append(m.group(0))
    return out


def _page_anchor(rel: str) -> str:
    return "page-" + re.sub(r"[^A-Za-z0-9_-]+", "-", rel.removesuffix(".html"))


def _relocate(url: str, from_dir: str, to_dir: str) -> str:
    """A relative URL written in ``from_dir`` rewritten for a page in ``to_dir`` (both site-relative)."""
    if not url or url.startswith("#") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", url):
        return url
    path, sep, frag = url.partition("#")
    path, qsep, query = path.partition("?")
    target = posixpath.normpath(posixpath.join(from_dir, path)) if path else None
    if target is None:
        return url
    new = posixpath.relpath(target, to_dir or ".")
    return new + (qsep + query) + (sep + frag)


_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_IN_PAGE_LINK_TITLE = re.compile(r'(<a class="reference internal" href="#[^"]*")\s+title="[^"]*"')


def _for_print(body: str) -> str:
    """``body`` without what only a screen uses on the one-page course.

    The heading permalinks ("#") go, and so do the tooltips of links within the page (a citation's
    tooltip repeats its bibliography entry, which is on the same page): 0.1 MB of the course.
    """
    return _IN_PAGE_LINK_TITLE.sub(r"\1", _HEADERLINK.sub("", body))


def compose_print_page(sources: Sequence[PrintSource], *, title: str, intro_html: str = "") -> str:
    """The whole course as one HTML page (relative URLs valid at ``print/course.html``)."""
    if not sources:
        raise ValueError("sources must name at least one built page")
    bodies = {s.rel: _article(s.html, s.rel) for s in sources}
    # Ids used by more than one page get a per-page prefix; unique ids (plotly's div UUIDs,
    # quiz ids) stay, so the figures' and quizzes' own scripts still find their elements.
    owners: dict[str, set[str]] = {}
    for rel, body in bodies.items():
        for ident in set(_ID_ATTR.findall(body)):
            owners.setdefault(ident, set()).add(rel)
    included = {s.rel: _page_anchor(s.rel) for s in sources}

    def mapped(rel: str, ident: str) -> str:
        return f"{included[rel]}--{ident}" if len(owners.get(ident, ())) > 1 else ident

    assets: list[str] = []
    for s in sources:
        for tag in _head_assets(s.html):
            tag = _TAG_ATTR_URL.sub(lambda m, d=posixpath.dirname(s.rel): m.group(1) + _relocate(m.group(2), d, PRINT_DIR) + m.group(3), tag)
            key = re.sub(r"\?v=[0-9a-f]+", "", tag)
            if key not in {re.sub(r"\?v=[0-9a-f]+", "", a) for a in assets}:
                assets.append(tag)
    # Pages may load plotly's basic bundle or the full one: the whole course needs the full one if any does.
    if any("plotly/plotly.min.js" in a for a in assets):
        assets = [a for a in assets if "plotly/plotly-basic.min.js" not in a]

    toc, parts = [], []
    for s in sources:
        rel, body = s.rel, bodies[s.rel]
        page_dir = posixpath.dirname(rel)
        def link(m: re.Match, rel=rel, page_dir=page_dir) -> str:
            attr, url, end = m.group(1), m.group(2), m.group(3)
            if "href" in attr and not url.startswith("#") and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", url):
                path, _, frag = url.partition("#")
                target = posixpath.normpath(posixpath.join(page_dir, path.split("?")[0])) if path else rel
                if target in included:
                    return f"{attr}#{mapped(target, unquote(frag)) if frag else included[target]}{end}"
            return attr + _relocate(url, page_dir, PRINT_DIR) + end

        # Links to other pages first (they become in-page anchors), then this page's own references
        # to its renamed ids: "#id", id="id", for="id", getElementById("id"), and "id-suffix" names
        # derived from it (quiz answers "<id>-answer") unless such a name is an id of its own.
        body = _for_print(figures_without_controls(_TAG_ATTR_URL.sub(link, body)))
        own_ids = set(_ID_ATTR.findall(body))
        renamed = sorted((i for i in own_ids if mapped(rel, i) != i), key=len, reverse=True)
        for ident in renamed:

            def rename(m: re.Match, ident=ident) -> str:
                token = ident + m.group(1)
                if m.group(1) and token in own_ids and mapped(rel, token) == token:
                    return token
                return mapped(rel, ident) + m.group(1)

            body = re.sub(r'(?<=["\'#])' + re.escape(ident) + r'((?:-[^"\'\s<>]*)?)(?=["\'])', rename, body)
        h1 = _H1.search(body)
        heading = re.sub(r"<[^>]+>", "", h1.group(1)).replace("#", "").strip() if h1 else rel
        toc.append(f'<li><a href="#{included[rel]}">{html.escape(html.unescape(heading))}</a></li>')
        parts.append(f'<section class="mmn-print-page" id="{included[rel]}" data-source="{html.escape(rel)}">\n{body}\n</section>')

    head = "\n".join(assets)
    from widgets.differential.view import share_table_data

    return share_table_data(f"""<!DOCTYPE html>
<html lang="en" data-content_root="../" data-theme="light" data-mode="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} — the whole course on one page</title>
{head}
</head>
<body class="mmn-print-body">
<a class="mmn-skip-link" href="#mmn-print-main">Skip to the course text</a>
<header class="mmn-print-header">
<p class="mmn-print-title">{html.escape(title)}</p>
<p class="mmn-print-howto">The whole course on one page, for printing or saving as PDF (use your browser's
<em>Print</em> command). Figures fit the page and show their first state: their sliders and menus
are left out here, so explore them in the chapters.
{PDF_MARKER}</p>
{intro_html}
<nav aria-label="Chapters of the course"><ol class="mmn-print-toc">
{chr(10).join(toc)}
</ol></nav>
</header>
<main id="mmn-print-main" class="mmn-print-course">
{chr(10).join(parts)}
</main>
</body>
</html>
""")


def write_print_page(html_dir: Path, rels: Iterable[str], *, title: str, whole_css: Iterable[str] = ()) -> Path:
    """Compose :func:`compose_print_page` from built pages and write ``print/course.html``.

    The theme's stylesheets are replaced by the rules the page uses (:func:`print_stylesheets`);
    those named in ``whole_css`` (the course's own, whose rules also style what its scripts add)
    are linked whole.
    """
    html_dir = Path(html_dir)
    sources = [PrintSource(r, (html_dir / r).read_text(encoding="utf-8")) for r in rels if (html_dir / r).is_file()]
    out = html_dir / PRINT_DIR / PRINT_PAGE
    out.parent.mkdir(parents=True, exist_ok=True)
    text = compose_print_page(sources, title=title)
    out.write_text(print_stylesheets(text, out.parent, whole=set(whole_css)), encoding="utf-8")
    return out


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
        if _EXTERNAL.match(url) or url.startswith(("#", "/")):
            return m.group(0)
        target = (path.parent / url).resolve()
        return f'url("{posixpath.relpath(target.as_posix(), to_dir.resolve().as_posix())}")'

    return _CSS_URL.sub(moved, _CSS_IMPORT.sub(imported, css))


def print_stylesheets(text: str, page_dir: Path, *, whole: set[str]) -> str:
    """``text`` (a page in ``page_dir``) linking one subset of its theme stylesheets instead of them.

    Each run of consecutive stylesheet links whose file is not in ``whole`` becomes one file,
    :data:`PRINT_THEME_CSS`, holding only the rules the page can use
    (:func:`widgets.css_subset.used_css`), so the cascade keeps its order.
    """
    from widgets.css_subset import PageElements, used_css

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


def _script_json(value) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>`` or ``<!--`` can appear in it)."""
    return json.dumps(value, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")


def figures_without_controls(text: str) -> str:
    """``text`` with every plotly figure reduced to the state it shows, without sliders or menus.

    For the printable course: paper has no controls, and their precomputed steps are most of a
    figure's data (the conduction explorer's 20 states). The figure keeps its size and margins
    here (its bottom margin also holds texts, the verdict under the traces, which a guessed
    smaller margin cut); it is marked ``meta.mmnFitToContent``, and ``plotly-a11y.js`` trims the
    empty bands where the controls were once it can measure what is drawn.
    """
    out, pos = [], 0
    for call in _plot_calls(text):
        if call is None or call.start < pos or call.layout_span is None or not isinstance(call.layout, dict):
            continue
        layout = call.layout
        if not (layout.get("sliders") or layout.get("updatemenus")):
            continue
        layout.pop("sliders", None)
        layout.pop("updatemenus", None)
        if isinstance(layout.get("meta", {}), dict):
            # plotly-a11y.js then trims the margins where the controls were, once drawn
            layout["meta"] = {**layout.get("meta", {}), "mmnFitToContent": True}
        layout_start, layout_end = call.layout_span
        out += [text[pos:layout_start], _script_json(layout)]
        pos = layout_end
    out.append(text[pos:])
    return "".join(out)


# --------------------------------------------------------------------------------------------------
# Link checker
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BrokenLink:
    """One reference of a page that does not resolve."""

    page: str
    attr: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.attr}={self.url!r}: {self.reason}"


_REF = re.compile(
    r"<(?P<tag>a|link|script|img|source|iframe|audio|video|embed|object)\b(?P<attrs>[^>]*)>", re.I
)
_ATTR = re.compile(r'\s(?P<name>href|src|data)\s*=\s*(?:"(?P<dq>[^"]*)"|\'(?P<sq>[^\']*)\')', re.I)
_IDS = re.compile(r'\s(?:id|name)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')', re.I)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        text = path.read_text(encoding="utf-8", errors="replace")
        cache[path] = {html.unescape(a or b) for a, b in _IDS.findall(text)}
    return cache[path]


def _strip_scripts(text: str) -> str:
    # Markup inside scripts (templates, plotly JSON) is not part of the page's links.
    return re.sub(r"<script\b[^>]*>.*?</script>", lambda m: m.group(0)[: m.group(0).find(">") + 1], text, flags=re.S | re.I)


def check_links(html_dir: Path, pages: Iterable[Path] | None = None) -> list[BrokenLink]:
    """Every internal ``href``/``src`` of every page that does not resolve (no network).

    For each ``<a>``/``<link>``/``<script>``/``<img>``... of each ``.html`` file, a relative or
    root-relative URL must name an existing file under ``html_dir`` (a folder needs an
    ``index.html``), and a ``#fragment`` must be an ``id`` (or ``name``) in the target page.
    External URLs (``https:``, ``mailto:``...) are not followed. Sphinx's own ``_static`` and
    ``_sources`` trees are not scanned as pages but are valid targets.
    """
    root = Path(html_dir).resolve()
    if pages is None:
        pages = [p for p in root.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts]
    cache: dict[Path, set[str]] = {}
    broken: list[BrokenLink] = []
    for page in sorted(Path(p).resolve() for p in pages):
        rel = page.relative_to(root).as_posix()
        text = _strip_scripts(page.read_text(encoding="utf-8", errors="replace"))
        for tag in _REF.finditer(text):
            for attr in _ATTR.finditer(tag.group("attrs")):
                raw = attr.group("dq") if attr.group("dq") is not None else attr.group("sq")
                url = html.unescape(raw.strip())
                name = f"<{tag.group('tag').lower()}> {attr.group('name').lower()}"
                if not url or _EXTERNAL.match(url):
                    continue
                parts = urlsplit(url)
                path = unquote(parts.path)
                if path.startswith("/"):
                    target = (root / path.lstrip("/")).resolve()
                elif path:
                    target = (page.parent / path).resolve()
                else:
                    target = page
                if target != root and root not in target.parents:
                    broken.append(BrokenLink(rel, name, url, "points outside the site"))
                    continue
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    broken.append(BrokenLink(rel, name, url, f"no file {target.relative_to(root).as_posix()}"))
                    continue
                frag = unquote(parts.fragment)
                if frag and target.suffix == ".html" and frag not in _ids(target, cache):
                    broken.append(BrokenLink(rel, name, url, f"no id {frag!r} in {target.relative_to(root).as_posix()}"))
    return broken


# --------------------------------------------------------------------------------------------------
# Colours
# --------------------------------------------------------------------------------------------------

_RGB = re.compile(r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)")


def css_color_on_white(color: str) -> str:
    """A CSS colour (``#rgb``, ``#rrggbb``, ``rgb()``, ``rgba()``) composited on white, as ``#rrggbb``."""
    c = color.strip().lower()
    if c.startswith("#"):
        h = c[1:]
        if len(h) == 3:
            h = "".join(ch * 2 for ch in h)
        if len(h) != 6 or not re.fullmatch(r"[0-9a-f]{6}", h):
            raise ValueError(f"color must be #rgb, #rrggbb, rgb() or rgba(), got {color!r}")
        return "#" + h
    m = _RGB.fullmatch(c)
    if not m:
        raise ValueError(f"color must be #rgb, #rrggbb, rgb() or rgba(), got {color!r}")
    r, g, b = (float(m.group(i)) for i in (1, 2, 3))
    a = float(m.group(4)) if m.group(4) is not None else 1.0
    mix = [round(a * v + (1 - a) * 255) for v in (r, g, b)]
    return "#" + "".join(f"{max(0, min(255, v)):02x}" for v in mix)


def contrast_on_white(color: str) -> float:
    """WCAG contrast ratio of a CSS colour (alpha composited) against the white plot background."""
    return contrast_ratio(css_color_on_white(color), "#ffffff")


# --------------------------------------------------------------------------------------------------
# Browser helpers (duck-typed Playwright page; used by the tests and the benchmark)
# --------------------------------------------------------------------------------------------------

#: True once ``n`` plotly figures of the page have laid out and drawn their traces.
FIGURES_DRAWN_JS = """n => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter(g => (g._fullData || []).length && g._fullLayout
                 && g.querySelectorAll('.trace, .shapelayer path, .barlayer .point').length).length >= n"""


def figures_in_html(text: str) -> int:
    """Plotly figures a built page draws (one ``Plotly.newPlot`` call each)."""
    return text.count("Plotly.newPlot(")


def wait_until_ready(page, html_text: str, *, timeout_ms: int = 15000) -> None:
    """Wait until a loaded page has drawn all its figures and typeset its formulas."""
    n = figures_in_html(html_text)
    if n:
        page.wait_for_function(FIGURES_DRAWN_JS, arg=n, timeout=timeout_ms)
    if page.locator(".math").count():
        page.wait_for_function("() => document.querySelectorAll('mjx-container').length > 0", timeout=timeout_ms)
        page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise ? MathJax.startup.promise.then(() => 1) : 1")
