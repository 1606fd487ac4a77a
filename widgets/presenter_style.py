"""The lecture deck's look and keys: stylesheet, projector themes and the deck's keyboard script.

Sizes are written in *design pixels*: pixels of a 1920×1080 projector. One
design pixel is ``--mmn-u`` = ``scale × min(100vw / 1920, 100vh / 1080)``, so the
deck keeps its proportions at any window size (a 1280×720 projector gets the
same page, smaller) and body text is :data:`TEXT_SIZE` px, titles
:data:`TITLE_SIZE` px, controls at least :data:`TARGET_SIZE` px at 1920×1080.

``bash scripts/present.sh --theme dark|light|contrast --scale 1.2`` sets
:data:`THEME_ENV` and :data:`SCALE_ENV`; the deck's kernels inherit them and
:func:`css` reads them.
"""

from __future__ import annotations

from pathlib import Path

import os

#: Body text of the deck at 1920×1080 (px): 24 pt on a 16:9 slide is about 48 px; 40 px is the floor.
TEXT_SIZE = 40
#: Titles of deck pages at 1920×1080 (px).
TITLE_SIZE = 64
#: Smallest height of a control (button, dropdown, slider handle) at 1920×1080 (px).
TARGET_SIZE = 48
#: Environment variables set by ``scripts/present.sh`` (``--theme``, ``--scale``).
THEME_ENV = "MMN_PRESENT_THEME"
SCALE_ENV = "MMN_PRESENT_SCALE"
#: Projector themes: page background, text, accent (buttons, focus), muted lines; figure background and grid.
THEMES = {
    "light": {"bg": "#ffffff", "fg": "#1a1a1a", "accent": "#0b5cad", "accent_fg": "#ffffff", "line": "#767676",
              "grid": "#d9d9d9"},
    "dark": {"bg": "#121212", "fg": "#f2f2f2", "accent": "#8cc8ff", "accent_fg": "#000000", "line": "#a0a0a0",
             "grid": "#3a3a3a"},
    "contrast": {"bg": "#000000", "fg": "#ffffff", "accent": "#ffd400", "accent_fg": "#000000", "line": "#ffffff",
                 "grid": "#5a5a5a"},
}
#: Allowed range of ``--scale``.
SCALE_RANGE = (0.5, 2.0)


def theme_name() -> str:
    """The projector theme asked for (:data:`THEME_ENV`), ``light`` when unset; ValueError for an unknown one."""
    name = os.environ.get(THEME_ENV, "light").strip().lower() or "light"
    if name not in THEMES:
        raise ValueError(f"{THEME_ENV} must be one of {sorted(THEMES)}, got {name!r}")
    return name


def theme() -> dict[str, str]:
    """Colours of the current projector theme (see :data:`THEMES`)."""
    return THEMES[theme_name()]


def scale() -> float:
    """Type-size factor asked for (:data:`SCALE_ENV`), 1 when unset; ValueError outside :data:`SCALE_RANGE`."""
    raw = os.environ.get(SCALE_ENV, "1").strip() or "1"
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{SCALE_ENV} must be a number in {SCALE_RANGE}, got {raw!r}") from None
    if not SCALE_RANGE[0] <= value <= SCALE_RANGE[1]:
        raise ValueError(f"{SCALE_ENV} must be in {SCALE_RANGE}, got {value}")
    return value


def u(px: float) -> str:
    """A length of ``px`` design pixels (pixels at 1920×1080 and scale 1) as CSS."""
    return f"calc({px:g} * var(--mmn-u))"


def css(css_class: str = "mmn-presenter", figure_font: int = 28) -> str:
    """The presenter stylesheet: deck page, big controls, theme colours; every rule scoped to ``css_class``."""
    c = f".{css_class}"
    page = f"body:has({c})"
    t = theme()
    handle = TARGET_SIZE
    track = 16
    return f"""
{page} {{ --mmn-scale: {scale():g}; --mmn-u: calc(var(--mmn-scale) * min(100vw / 1920, 100vh / 1080));
  --mmn-bg: {t['bg']}; --mmn-fg: {t['fg']}; --mmn-accent: {t['accent']}; --mmn-accent-fg: {t['accent_fg']};
  --mmn-line: {t['line']}; background: var(--mmn-bg); color: var(--mmn-fg); }}
{page}, {page} .jp-Notebook, {page} #rendered_cells, {page} .jp-Cell, {page} .jp-OutputArea-output,
{page} .jp-RenderedHTMLCommon, {page} .jp-RenderedMarkdown {{ background: var(--mmn-bg); color: var(--mmn-fg); }}
{page} .jp-Notebook, {page} main {{ padding: {u(8)} {u(28)} 0; margin: 0; }}
{page} .jp-Cell, {page} .jp-Cell-outputWrapper, {page} .jp-OutputArea-child,
{page} .jp-OutputArea-output, {page} .jp-RenderedHTMLCommon {{ padding: 0; margin: 0; }}
{page} .jp-OutputPrompt, {page} .jp-InputPrompt, {page} .jp-Collapser, {page} .jp-InternalAnchorLink {{ display: none; }}
{page} #rendered_cells .jp-Cell, {page} .voila-main, {page} .jp-Cell-outputWrapper {{ max-width: 100%; }}
{page} .jp-RenderedMarkdown {{ font-size: {u(TEXT_SIZE)}; line-height: 1.3; }}
{page} #rendered_cells .jp-RenderedMarkdown h1, {page} .jp-RenderedMarkdown h1 {{ font-size: {u(TITLE_SIZE)}; line-height: 1.15; margin: 0 0 {u(10)}; color: var(--mmn-fg); }}
{page} .jp-RenderedMarkdown p {{ margin: 0 0 {u(8)}; }}
{page} .jp-RenderedMarkdown a {{ color: var(--mmn-accent); }}
{page} .jp-MarkdownCell:has(a[href$=".ipynb"]) {{ position: fixed; right: {u(12)}; bottom: {u(6)}; left: auto !important;
  width: max-content !important; max-width: 60vw; z-index: 5; opacity: 0.85; padding: 0; }}
{page} .jp-MarkdownCell:has(a[href$=".ipynb"]) .jp-RenderedMarkdown {{ font-size: {u(22)}; background: transparent;
  padding-left: {u(28)} !important; }}
{c} {{ width: 100%; max-width: 100%; box-sizing: border-box; font-size: {u(TEXT_SIZE)}; line-height: 1.3;
  --jp-widgets-font-size: {u(TEXT_SIZE)}; --jp-widgets-inline-height: {u(64)};
  --jp-widgets-inline-label-width: auto; --jp-widgets-slider-handle-size: {u(handle)};
  --jp-widgets-horizontal-tab-height: {u(64)}; --jp-widgets-color: var(--mmn-fg); --jp-widgets-label-color: var(--mmn-fg);
  --jp-widgets-readout-color: var(--mmn-fg); --jp-widgets-input-color: var(--mmn-fg);
  --jp-widgets-input-background-color: var(--mmn-bg); --jp-widgets-input-border-color: var(--mmn-line);
  --jp-widgets-slider-active-handle-color: var(--mmn-accent); --jp-widgets-slider-handle-border-color: var(--mmn-fg);
  --jp-widgets-slider-handle-background-color: var(--mmn-bg); --jp-widgets-slider-border-color: var(--mmn-line); }}
{c} .widget-label, {c} .widget-label-basic, {c} .widget-readout, {c} .widget-button, {c} .widget-toggle-button,
{c} .widget-dropdown > select, {c} .widget-checkbox label, {c} .widget-radio-box label, {c} .widget-inline-hbox label,
{c} .widget-html, {c} .widget-html-content {{ font-size: {u(TEXT_SIZE)}; color: var(--mmn-fg); }}
{c} .widget-inline-hbox, {c} .widget-html, {c} .widget-htmlmath {{ height: auto; min-height: var(--jp-widgets-inline-height); }}
{c} .widget-html-content {{ line-height: 1.3; }}
{c} .widget-hslider {{ width: 100%; max-width: 100%; flex-wrap: wrap; align-items: center; row-gap: 0; }}
{c} .widget-hslider > .widget-label {{ flex: 1 0 100%; max-width: none; width: auto; white-space: normal;
  text-align: left; line-height: 1.2; height: auto; margin: 0; overflow: visible; }}
{c} .widget-hslider .slider-container {{ flex: 1 1 auto; min-width: 0; margin: 0 {u(handle / 2 + 6)}; height: {u(handle + 12)};
  display: flex; align-items: center; }}
{c} .widget-hslider .slider-container .slider {{ width: 100%; }}
{c} .widget-hslider .widget-readout {{ flex: 0 0 auto; min-width: 3.2em; }}
{c} .widget-slider .noUi-target {{ height: {u(track)}; }}
{c} .widget-slider .noUi-handle {{ width: {u(handle)}; height: {u(handle)}; top: calc(-1 * {u((handle - track) / 2 + 3)});
  right: calc(-1 * {u(handle / 2)}); border-width: {u(4)}; border-radius: 50%; }}
{c} .widget-dropdown {{ height: auto; }}
{c} .widget-dropdown > select {{ height: {u(64)}; min-height: {u(TARGET_SIZE)}; padding: 0 {u(12)};
  background-color: var(--mmn-bg); color: var(--mmn-fg); border: {u(2)} solid var(--mmn-line); }}
{c} .widget-button, {c} .widget-toggle-button {{ height: auto; min-height: {u(64)}; padding: {u(4)} {u(22)}; }}
{c} .mmn-preset-buttons {{ flex-wrap: wrap; gap: {u(10)}; width: 100%; margin: {u(4)} 0 {u(10)}; }}
{c} .mmn-preset-buttons .widget-button {{ margin: 0; width: auto; border-radius: {u(10)}; border: {u(3)} solid var(--mmn-line);
  background: var(--mmn-bg); color: var(--mmn-fg); font-weight: 600; }}
{c} .mmn-preset-buttons .widget-button.mmn-active {{ background: var(--mmn-accent); color: var(--mmn-accent-fg);
  border-color: var(--mmn-accent); }}
{c} .widget-button:focus-visible, {c} select:focus-visible, {c} .noUi-handle:focus-visible {{
  outline: {u(5)} solid var(--mmn-accent); outline-offset: {u(3)}; }}
{c} .js-plotly-plot, {c} .plotly-graph-div {{ width: 100%; }}
{c} .mmn-fill-height {{ min-height: {u(240)}; }}
{c} .mmn-fill-height .js-plotly-plot, {c} .mmn-fill-height .plotly-graph-div {{ height: 100% !important; }}
{c} .mmn-hidden {{ display: none !important; }}
{c} .mmn-differential:not(.mmn-ddx-deck) {{ zoom: 1.35; }}
{_differential_css(c)}
{_join_css(c)}
{c} .mmn-alt {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }}
{c} .mmn-figure-text {{ font-size: {figure_font}px; }}
h2.mmn-presenter-title {{ font-size: {u(TITLE_SIZE)}; font-weight: 700; margin: 0 0 {u(10)}; line-height: 1.15; }}
"""


def _differential_css(c: str) -> str:
    """The differential explorer's deck page (:mod:`widgets.differential.deck`): findings left, diagnoses right."""
    d = f"{c} .mmn-ddx-deck"
    return f"""
{d} {{ margin: 0; font-size: {u(28)}; line-height: 1.25; container-type: normal; }}
{d} .mmn-ddx-summary {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; margin: 0; padding: 0; border: 0; }}
{d} .mmn-preset-buttons {{ display: flex; margin: 0 0 {u(14)}; }}
{d} button.mmn-preset-button {{ font: inherit; font-size: {u(TEXT_SIZE)}; font-weight: 600; min-height: {u(64)};
  padding: {u(4)} {u(26)}; border-radius: {u(10)}; border: {u(3)} solid var(--mmn-line); background: var(--mmn-bg);
  color: var(--mmn-fg); cursor: pointer; }}
{d} button.mmn-preset-button.mmn-active {{ background: var(--mmn-accent); color: var(--mmn-accent-fg);
  border-color: var(--mmn-accent); }}
{d} button.mmn-preset-button:focus-visible, {d} select:focus-visible {{ outline: {u(5)} solid var(--mmn-accent);
  outline-offset: {u(3)}; }}
{d} .mmn-ddx-layout {{ display: grid; grid-template-columns: minmax(0, 1.05fr) minmax(0, 1fr); gap: {u(36)};
  align-items: start; }}
{d} .mmn-ddx-fields {{ display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: {u(8)} {u(20)}; }}
{d} fieldset.mmn-ddx-finding {{ border: 0; margin: 0; padding: 0; min-width: 0; }}
{d} fieldset.mmn-ddx-finding legend {{ font-size: {u(24)}; font-weight: 600; padding: 0; margin: 0; max-width: 100%;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
{d} select.mmn-ddx-select {{ width: 100%; height: {u(TARGET_SIZE + 6)}; font-size: {u(26)}; padding: 0 {u(8)};
  background: var(--mmn-bg); color: var(--mmn-fg); border: {u(2)} solid var(--mmn-line); border-radius: {u(6)}; }}
{d} .mmn-ddx-options {{ display: none; }}
{d} .mmn-ddx-results {{ position: static; max-height: none; overflow: visible; }}
{d} li.mmn-ddx-dx {{ padding: {u(2)} {u(14)}; margin: 0 0 {u(12)}; border-left-width: {u(10)}; }}
{d} .mmn-ddx-head {{ font-size: {u(34)}; line-height: 1.2; margin: 0; }}
{d} .mmn-ddx-badge {{ font-size: {u(30)}; padding: 0 {u(10)}; border-radius: {u(6)}; }}
{d} .mmn-ddx-category {{ font-size: {u(24)}; margin: {u(4)} 0 0; }}
{d} .mmn-ddx-reasons, {d} .mmn-ddx-none {{ display: none; }}
"""


def _join_css(c: str) -> str:
    """The class link's QR card (:mod:`widgets.deck_join`): a corner of the first page, or large on Q / click."""
    j = f"{c} .mmn-join"
    return f"""
{j} {{ position: fixed; top: {u(4)}; right: {u(12)}; z-index: 6; display: flex; flex-direction: row-reverse;
  align-items: center; gap: {u(10)}; max-width: {u(560)}; padding: {u(4)} {u(4)} {u(4)} {u(12)};
  background: #ffffff; color: #000000; border-radius: {u(8)}; box-shadow: 0 0 0 {u(2)} var(--mmn-line); }}
{j} .mmn-join-toggle {{ flex: 0 0 auto; display: block; width: {u(96)}; height: {u(96)}; padding: 0; margin: 0;
  border: 0; background: #ffffff; cursor: zoom-in; }}
{j} .mmn-join-toggle svg {{ display: block; width: 100%; height: 100%; }}
{j} .mmn-join-toggle:focus-visible {{ outline: {u(5)} solid #0b5cad; outline-offset: {u(3)}; }}
{j} .mmn-join-text {{ margin: 0; font-size: {u(20)}; line-height: 1.25; color: #000000; overflow-wrap: anywhere; }}
{j} .mmn-join-text a {{ color: #0b5cad; }}
{j}.mmn-join-large {{ top: 50%; left: 50%; right: auto; transform: translate(-50%, -50%); flex-direction: column;
  max-width: none; padding: {u(20)}; }}
{j}.mmn-join-large .mmn-join-toggle {{ width: min(78vh, 78vw); height: min(78vh, 78vw); cursor: zoom-out; }}
{j}.mmn-join-large .mmn-join-text {{ font-size: {u(TEXT_SIZE)}; }}
"""


#: The deck's keys and layout script (once per page):
#:
#: * → / PageDown / Space: the next deck page, ← / PageUp: the previous one (the links of the page's last
#:   Markdown cell, marked "→" and "←"); a page may take a key first (``window.mmnDeckStep(+1|-1)`` returns
#:   true when it used the key: the lecture quiz steps through its questions that way);
#: * 1–9 and 0: the first to tenth ``.mmn-preset-button`` of the page;
#: * Q: the class link's QR code (``.mmn-join``, first page) large or back in its corner (a click does the same);
#: * keys are left alone while a form control, a slider handle or a text field has the focus, and with
#:   Ctrl/Alt/Meta;
#: * ``.mmn-fill-height`` boxes (the deck figures) take the height left below their top edge, so a page fits
#:   one screen; plotly's responsive figures then follow with a ``resize`` event.
DECK_JS = (Path(__file__).parent / "static" / "deck" / "presenter-deck.js").read_text(encoding="utf-8")
