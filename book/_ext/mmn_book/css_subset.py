"""The part of a stylesheet that one HTML page can use.

The printable course (``print/course.html``) is one long page that loads the theme's stylesheets,
about 0.5 MB of rules for navigation bars, dark mode, dropdowns and icons the page does not have.
:func:`used_css` keeps the rules whose selectors match an element of the page, at the page's
start or after a reader interacts (hover, focus, an opened ``<details>``, a checked answer);
everything else goes. Kept rules keep their order, so the cascade is unchanged.

Rules that cannot be judged (a selector ``soupsieve`` does not understand, an unknown at-rule)
are kept: a larger file is a smaller failure than an unstyled element.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import soupsieve
import tinycss2
from bs4 import BeautifulSoup

#: Pseudo-elements and pseudo-classes that depend on the reader's actions or the browser, not on
#: the document: a selector is judged with them removed (which can only make it match more).
_STATE = (
    r"::?(?:before|after|first-letter|first-line|marker|placeholder|selection|backdrop|"
    r"file-selector-button|-webkit-[\w-]+|-moz-[\w-]+|-ms-[\w-]+)"
    r"|:(?:hover|focus-visible|focus-within|focus|active|visited|link|any-link|target|checked|"
    r"disabled|enabled|invalid|valid|required|optional|indeterminate|placeholder-shown|"
    r"read-only|read-write|default|autofill|open|closed|popover-open|modal|fullscreen|defined|"
    r"user-invalid|user-valid|in-range|out-of-range|playing|paused)(?![\w-])"
    # Attributes a reader's action or the browser sets: an opened <details>, a checked box.
    r"|\[\s*(?:open|checked|selected|disabled|hidden|aria-expanded|aria-pressed|aria-selected|"
    r"aria-checked|aria-current|aria-invalid|aria-hidden)\s*(?:[~|^$*]?=\s*(?:\"[^\"]*\"|'[^']*'|[\w-]+)\s*(?:\s[is])?)?\]"
)
_STATE_RE = re.compile(_STATE)
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_TYPE = re.compile(r"(?:^|[\s>+~])([a-zA-Z][\w-]*)")
_ATTRIBUTE = re.compile(r"\[\s*([\w-]+)")


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    parts, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(prelude):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    parts.append(prelude[start:].strip())
    return [p for p in parts if p]


def _outside_parentheses(selector: str, brackets: bool = True) -> str:
    """``selector`` without what stands in parentheses (and brackets: attribute values)."""
    opening, closing = ("([", ")]") if brackets else ("(", ")")
    out, depth = [], 0
    for ch in selector:
        if ch in opening:
            depth += 1
        elif ch in closing:
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


class PageElements:
    """The elements of one HTML page, for judging which CSS rules can apply to it."""

    def __init__(self, document: str, scripted: str = ""):
        """``scripted``: HTML of the elements the page's scripts add, judged as if in its ``<main>``."""
        # Scripts' contents (plotly's figure JSON) are not elements: leave them out of the parse.
        document = re.sub(r"(<script\b[^>]*>).*?(</script>)", r"\1\2", document, flags=re.S | re.I)
        if scripted:
            document = re.sub(r"(<main\b[^>]*>)", lambda m: m.group(1) + scripted, document, count=1)
        self.soup = BeautifulSoup(document, "html.parser")
        self.classes: set[str] = set()
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        for tag in self.soup.find_all(True):
            self.tags.add(tag.name)
            self.attributes.update(tag.attrs)
            self.classes.update(tag.get("class") or ())
            if tag.get("id"):
                self.ids.add(tag["id"])
        self._verdicts: dict[str, bool] = {}

    def may_match(self, selector: str) -> bool:
        """Whether ``selector`` can match an element of the page (True when it cannot be judged)."""
        if selector not in self._verdicts:
            self._verdicts[selector] = self._judge(selector)
        return self._verdicts[selector]

    def _judge(self, selector: str) -> bool:
        states = list(_STATE_RE.finditer(selector))
        if any(_depth(selector, m.start()) for m in states):
            return True  # e.g. :not(:focus): without the state it would match less, not more
        bare = _STATE_RE.sub(":is(*)", selector)
        required = _outside_parentheses(bare)
        if any(c not in self.classes for c in _CLASS.findall(required)):
            return False
        if any(i not in self.ids for i in _ID.findall(required)):
            return False
        if any(t.lower() not in self.tags for t in _TYPE.findall(required)):
            return False
        if any(a.lower() not in self.attributes for a in _ATTRIBUTE.findall(_outside_parentheses(bare, brackets=False))):
            return False
        try:
            return self.soup.select_one(bare) is not None
        except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError, TypeError):
            return True


def _depth(selector: str, at: int) -> int:
    """How many parentheses are open at position ``at`` of ``selector``."""
    head = selector[:at]
    return head.count("(") - head.count(")")


def _subset_rules(rules: Iterable, page: PageElements) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _split_selectors(tinycss2.serialize(rule.prelude))
            used = [s for s in selectors if page.may_match(s)]
            if used:
                kept.append(",".join(used) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in {"media", "supports", "layer", "container", "document"} \
                and rule.content is not None:
            inner = _subset_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), page)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword == "charset":
            continue  # only valid first in a file; the subset is written as UTF-8
        elif rule.type == "at-rule":  # @font-face, @keyframes, @page, @import, ...
            kept.append(tinycss2.serialize([rule]))
    return kept


def used_css(css: str, document: str | PageElements) -> str:
    """The rules of ``css`` that can apply to the HTML ``document``, in their order.

    A rule is kept when one of its selectors matches an element, judged without the pseudo-classes
    and attributes that follow the reader's actions (``:hover``, ``:focus``, ``[open]``, ...);
    only its matching selectors are kept. ``@media``/``@supports`` blocks are subset likewise;
    other at-rules (``@font-face``, ``@keyframes``, ``@page``) are kept whole.
    """
    page = document if isinstance(document, PageElements) else PageElements(document)
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "\n".join(_subset_rules(rules, page)) + "\n"
