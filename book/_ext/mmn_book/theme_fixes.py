"""Repairs of what the theme emits on every built page.

:func:`fix_theme_html` fixes what an accessibility checker (axe-core) reports on
the theme's pages and drops the theme's 1.5 MB Font Awesome *script* (the
theme's stylesheet already draws every icon with the Font Awesome web font);
:func:`fix_site` applies it to every page of a built site.
"""

from __future__ import annotations

import re
from pathlib import Path

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
