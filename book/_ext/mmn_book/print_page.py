"""One printable page with the whole course.

:func:`write_print_page` composes the whole course, in reading order, into one
printable page (``_build/html/print/course.html``) from the pages already
built, with no second build and no notebook executed twice; figures show their
first state without sliders and menus (:func:`figures_without_controls`). The
quizzes' answer keys move to one appendix at the end (:func:`move_answer_keys`),
so the printed course can be used for self-testing, and the differential
explorers print the findings set in them instead of their radio forms
(:func:`explorers_as_findings`).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from mmn_book.plotly_calls import plot_calls
from mmn_book.print_styles import print_stylesheets

PRINT_DIR = "print"
PRINT_PAGE = "course.html"
#: The placeholder scripts/export_pdf.py replaces with a link to the PDF it made.
PDF_MARKER = "<!-- mmn-pdf-link -->"

#: Scripts of the theme and of Sphinx's search that the print page does not need (it has no theme
#: chrome), and the needle EMG's sound and screen scripts; everything else a content page loads (plotly.js, MathJax, the course's own scripts) stays.
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
    # The needle EMG is computed and heard in the page (0.7 MB of model table); on paper each EMG view shows
    # its first screen described in words, which the chapter writes for readers without scripts.
    "emg-table.js",
    "emg-model.js",
    "emg-view.js",
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
_AUDIO = re.compile(r"<audio\b[^>]*>.*?</audio>", re.S)
_AUDIO_NOTE = '<p class="mmn-print-audio">(Sound clip: play it on the chapter page.)</p>'


def _for_print(body: str) -> str:
    """``body`` without what only a screen uses on the one-page course.

    The heading permalinks ("#") go, and so do the tooltips of links within the page (a citation's
    tooltip repeats its bibliography entry, which is on the same page): 0.1 MB of the course. Sound
    clips (the needle EMG chapter embeds them as data URLs, 0.09 MB) give way to a line that points to
    the chapter page; their captions stay.
    """
    body = _AUDIO.sub(_AUDIO_NOTE, body)
    return _IN_PAGE_LINK_TITLE.sub(r"\1", _HEADERLINK.sub("", body))


_PRINT_KEY = re.compile(r'<div class="mmn-quiz__print-key"[^>]*>(.*?</ol>)</div>', re.S)
_KEY_TITLE = re.compile(r'<p class="mmn-quiz__print-key-title">(.*?)</p>', re.S)
ANSWER_KEY_ID = "mmn-print-answer-key"


@dataclass(frozen=True)
class AnswerKey:
    """The answer key of one quiz block, moved out of its page: number, page heading, quiz title, list."""

    number: int
    page: str
    title: str
    items_html: str


def move_answer_keys(body: str, page: str, keys: list[AnswerKey]) -> str:
    """``body`` with each quiz's print-only answer key replaced by a pointer to the appendix.

    The keys are appended to ``keys`` (numbered across the course, in reading order) for
    :func:`answer_key_html`; the pointer and the appendix entry link to each other.
    """

    def take(m: re.Match) -> str:
        number = len(keys) + 1
        inner = m.group(1)
        title_m = _KEY_TITLE.search(inner)
        title = title_m.group(1).removeprefix("Answer key: ").strip() if title_m else ""
        keys.append(AnswerKey(number, page, title, inner[title_m.end():] if title_m else inner))
        return (
            f'<p class="mmn-print-key-ref" id="mmn-key-ref-{number}">Answers: '
            f'<a href="#mmn-answer-key-{number}">key {number}</a> in the answer key at the end of the course.</p>'
        )

    return _PRINT_KEY.sub(take, body)


def answer_key_html(keys: Sequence[AnswerKey]) -> str:
    """One appendix with every quiz's key (correct option, why, teaching point), grouped by page."""
    if not keys:
        return ""
    parts, page = [], None
    for key in keys:
        if key.page != page:
            page = key.page
            parts.append(f"<h2>{html.escape(page)}</h2>")
        parts.append(
            f'<div class="mmn-print-key-block" id="mmn-answer-key-{key.number}">'
            f'<h3>Key {key.number}: {key.title} <a class="mmn-print-key-back" href="#mmn-key-ref-{key.number}">'
            f"(back to the questions)</a></h3>{key.items_html}</div>"
        )
    return (
        f'<section class="mmn-print-page mmn-print-answers" id="{ANSWER_KEY_ID}">\n<h1>Answer key</h1>\n'
        "<p>The answers to every quiz of the course, in reading order: the number of the question, the correct "
        "option, why it is right, and the teaching point. Answer the questions first.</p>\n"
        + "\n".join(parts)
        + "\n</section>"
    )


_DDX_FORM = re.compile(r'<form class="mmn-ddx-form"[^>]*>(.*?)</form>', re.S)
_DDX_FIELDSET = re.compile(r'<fieldset class="mmn-ddx-finding"[^>]*>\s*<legend>(.*?)</legend>(.*?)</fieldset>', re.S)
_DDX_CHECKED = re.compile(r'<input type="radio"[^>]*\bvalue="([^"]*)"[^>]*\bchecked[^>]*>\s*(.*?)</label>', re.S)
_DDX_DATA = re.compile(r'<script type="application/json" class="mmn-ddx-data">.*?</script>', re.S)
_UNKNOWN = "unknown"


def explorers_as_findings(body: str) -> str:
    """``body`` with each differential explorer's radio form replaced by the findings set in it.

    Paper has no radio buttons: the printed explorer lists what is set (and its verdicts, printed
    as built) or says that it starts empty. Without its form and rule table the explorer's script
    leaves the printed verdicts as they are.
    """

    def findings(m: re.Match) -> str:
        rows = []
        for legend, options in _DDX_FIELDSET.findall(m.group(1)):
            checked = _DDX_CHECKED.search(options)
            if checked and checked.group(1) != _UNKNOWN:
                rows.append(f"<li><strong>{legend}</strong> {checked.group(2).strip()}</li>")
        if not rows:
            return (
                '<div class="mmn-ddx-form mmn-print-findings"><p class="mmn-ddx-intro">This explorer starts empty: '
                "enter the patient's findings in it on the chapter page.</p></div>"
            )
        return (
            '<div class="mmn-ddx-form mmn-print-findings"><p class="mmn-ddx-intro">Findings set in this explorer:</p>'
            f'<ul class="mmn-print-findings-list">{"".join(rows)}</ul></div>'
        )

    return _DDX_DATA.sub("", _DDX_FORM.sub(findings, body))


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

    toc, parts, keys = [], [], []
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
        body = explorers_as_findings(_for_print(figures_without_controls(_TAG_ATTR_URL.sub(link, body))))
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
        body = move_answer_keys(body, html.unescape(heading), keys)
        toc.append(f'<li><a href="#{included[rel]}">{html.escape(html.unescape(heading))}</a></li>')
        parts.append(f'<section class="mmn-print-page" id="{included[rel]}" data-source="{html.escape(rel)}">\n{body}\n</section>')

    if keys:
        toc.append(f'<li><a href="#{ANSWER_KEY_ID}">Answer key</a></li>')
        parts.append(answer_key_html(keys))
    head = "\n".join(assets)
    return f"""<!DOCTYPE html>
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
"""


def write_print_page(
    html_dir: Path,
    rels: Iterable[str],
    *,
    title: str,
    whole_css: Iterable[str] = (),
    finish: Callable[[str], str] | None = None,
) -> Path:
    """Compose :func:`compose_print_page` from built pages and write ``print/course.html``.

    The theme's stylesheets are replaced by the rules the page uses (:func:`print_stylesheets`);
    those named in ``whole_css`` (the course's own, whose rules also style what its scripts add)
    are linked whole. ``finish``, if given, rewrites the composed page first (the book's extension
    lets several differential explorers share one rule table there).
    """
    html_dir = Path(html_dir)
    sources = [PrintSource(r, (html_dir / r).read_text(encoding="utf-8")) for r in rels if (html_dir / r).is_file()]
    out = html_dir / PRINT_DIR / PRINT_PAGE
    out.parent.mkdir(parents=True, exist_ok=True)
    text = compose_print_page(sources, title=title)
    if finish is not None:
        text = finish(text)
    out.write_text(print_stylesheets(text, out.parent, whole=set(whole_css)), encoding="utf-8")
    return out


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
    for call in plot_calls(text):
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
