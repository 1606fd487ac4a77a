"""An offline link checker for a built site: ``python -m mmn_book.links [HTML_DIR]``."""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit


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
EXTERNAL_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


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
                if not url or EXTERNAL_URL.match(url):
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


def main(argv: list[str] | None = None) -> int:
    """Check the built site (``_build/html`` or the folder given); exit status 1 if a link is broken."""
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0]) if argv else Path("_build") / "html"
    if not (site / "index.html").is_file():
        print(f"check_links: no built site in {site} (build the book first)", file=sys.stderr)
        return 2
    broken = check_links(site)
    for b in broken:
        print(b)
    pages = sum(1 for p in site.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)
    print(f"check_links: {pages} pages, {len(broken)} broken references", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
