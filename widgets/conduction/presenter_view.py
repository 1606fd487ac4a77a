"""The conduction simulator on one projector screen (``ConductionExplorer(presenter=True)``).

One screen at 1920×1080 and 1280×720, no scrolling: a row of big preset
buttons (one click, or number key, per case) above a grid whose left column is
the figure (its height taken from the window, see
:data:`widgets.presenter_style.DECK_JS`) and whose right column holds the nerve,
the block slider of the nerve's key segment, the temperature slider and a short
verdict beside the traces.

The functions taking ``explorer`` lay out a :class:`~widgets.conduction.views.ConductionExplorer` built with
``presenter=True``: :func:`fit_figure` (its figure), :func:`deck_controls` (its controls),
:func:`show_key_block` (after every nerve change) and :func:`deck_stylesheet` (the grid).
"""

from __future__ import annotations

import html
import re

from widgets.conduction.presets import PRESETS
from widgets.conduction.reference_values import get_nerve

#: Value of the explorer's preset dropdown when the controls are the user's own (no preset).
CUSTOM = "custom"

#: Short labels of the presets on the deck's buttons (the full title shows in the verdict column).
SHORT_LABELS = {
    "normal": "Normal",
    "mmn": "MMN",
    "als": "ALS",
    "cidp": "CIDP",
    "madsam": "Lewis–Sumner",
    "pseudo_block_dispersion": "Dispersion",
    "entrapment_ulnar_elbow": "Entrapment",
    "submaximal_stimulation": "Submaximal",
    "martin_gruber": "Martin–Gruber",
    "cold_limb": "Cold limb",
}
#: Most characters of the presenter verdict (whole sentences; at least the first one).
VERDICT_CHARS = 240

#: The deck layout of the explorer (grid areas); the page-wide sizes and colours are in widgets.presenter_style.
GRID_CSS = """<style>
.mmn-presenter.mmn-conduction-explorer { display: grid; column-gap: calc(28 * var(--mmn-u, 1px));
  grid-template-columns: minmax(0, 56fr) minmax(0, 44fr);
  grid-template-areas: "presets presets" "figure nerve" "figure block" "figure temp" "figure verdict";
  grid-template-rows: auto auto auto auto auto; align-items: start; align-content: start; }
.mmn-presenter.mmn-conduction-explorer > .mmn-deck-controls { display: contents; }
.mmn-presenter .mmn-deck-presets { grid-area: presets; }
.mmn-presenter .mmn-deck-nerve { grid-area: nerve; }
.mmn-presenter .mmn-deck-block { grid-area: block; }
.mmn-presenter .mmn-deck-temperature { grid-area: temp; }
.mmn-presenter.mmn-conduction-explorer > .mmn-fill-height { grid-area: figure; }
.mmn-presenter.mmn-conduction-explorer > .mmn-deck-verdict { grid-area: verdict; }
.mmn-presenter .mmn-deck-verdict p { margin: calc(8 * var(--mmn-u, 1px)) 0 0; }
.mmn-presenter .mmn-deck-nerve > .widget-label { width: auto; margin-right: 0.4em; }
.mmn-presenter .mmn-deck-nerve select { flex: 1 1 auto; }
</style>"""


def preset_choices(nerve: str | None = None) -> list[tuple[str, str]]:
    """``(key, short label)`` of every preset, in the order of :data:`PRESETS` (the number keys' order)."""
    return [(k, SHORT_LABELS.get(k, p.title)) for k, p in PRESETS.items()]


def short_interpretation(text: str, limit: int = VERDICT_CHARS) -> str:
    """The first sentences of an interpretation, at most ``limit`` characters (never less than one sentence)."""
    sentences = re.split(r"(?<=[.:])\s+(?=[A-Z])", text.strip())
    out = sentences[0]
    for s in sentences[1:]:
        if len(out) + 1 + len(s) > limit:
            break
        out += " " + s
    return out


def verdict_html(study, preset_title: str | None = None) -> str:
    """The verdict beside the traces: the case, the first sentences of the interpretation."""
    case = f'<p class="mmn-deck-case"><strong>{html.escape(preset_title)}</strong></p>' if preset_title else ""
    return (
        f'<div class="mmn-verdict" role="status" aria-live="polite">{case}<p><strong>Verdict:</strong> '
        f"{html.escape(short_interpretation(study.interpretation))}</p></div>"
    )


def block_label(segment_label: str) -> str:
    """Description of the key segment's block slider, naming the segment (e.g. ``forearm (wrist–below elbow)``)."""
    return f"Block in the {segment_label} (%)"


def fit_figure(fig) -> None:
    """Give the deck's figure the window's height (:mod:`widgets.presenter_style`), a short y title, a thin top."""
    fig.layout.height = None
    fig.layout.yaxis.title.text = "CMAP (mV, negative up)"
    fig.layout.margin.t = 20


def deck_controls(explorer):
    """Preset buttons, nerve, the key segment's block slider and temperature (the deck's controls).

    Parameters
    ----------
    explorer : ConductionExplorer
        The explorer in presenter mode; gets ``preset_buttons`` (its preset dropdown and the buttons follow each
        other).

    Returns
    -------
    ipywidgets.VBox
        The controls, marked ``mmn-deck-controls``.
    """
    import ipywidgets as W

    from widgets.presenter import preset_buttons

    def choose(key: str) -> None:
        explorer.preset.value = key

    current = explorer.preset.value if explorer.preset.value != CUSTOM else None
    explorer.preset_buttons = preset_buttons(preset_choices(), choose, active=current)
    explorer.preset.observe(lambda change: explorer.preset_buttons.mark(change["new"]), names="value")
    explorer.preset_buttons.add_class("mmn-deck-presets")
    explorer.nerve.add_class("mmn-deck-nerve")
    explorer.temperature.add_class("mmn-deck-temperature")
    show_key_block(explorer)
    for w in (explorer.nerve, explorer.temperature):
        w.layout.width = "100%"
    controls = W.VBox([explorer.preset_buttons, explorer.nerve, explorer._key_block_slot, explorer.temperature])
    controls.add_class("mmn-deck-controls")
    return controls


def show_key_block(explorer) -> None:
    """Put the block slider of the current nerve's key segment in the deck (after every nerve change).

    Parameters
    ----------
    explorer : ConductionExplorer
        The explorer in presenter mode; its ``_key_block_slot`` box is made on the first call.
    """
    import ipywidgets as W

    if not hasattr(explorer, "_key_block_slot"):
        explorer._key_block_slot = W.VBox(layout=W.Layout(width="100%"))
        explorer._key_block_slot.add_class("mmn-deck-block")
    block = explorer.segment_controls[get_nerve(explorer.nerve.value).key_segment]["block"]
    block.layout.width = "100%"
    explorer._key_block_slot.children = (block,)


def deck_stylesheet(explorer):
    """The deck grid's stylesheet; marks the figure to take the window height and hides what the deck skips.

    Parameters
    ----------
    explorer : ConductionExplorer
        The explorer in presenter mode.

    Returns
    -------
    ipywidgets.HTML
        :data:`GRID_CSS`, itself hidden.
    """
    import ipywidgets as W

    from widgets.presenter import FILL_CLASS

    explorer.figure.add_class(FILL_CLASS)
    explorer.verdict.add_class("mmn-deck-verdict")
    for w in (explorer.teaching, explorer.fwaves, explorer.table):
        w.add_class("mmn-hidden")
    css = W.HTML(GRID_CSS)
    css.add_class("mmn-hidden")
    return css
