"""The IVIg explorer on one projector screen (``LiveExplorer(presenter=True)``).

Big regimen buttons (one click, or number key, per regimen) above a grid:
the figure on the left takes the window height; route, dose, interval and
years with the summary on the right. The regimens are the maintenance
schedules of the EFNS/PNS 2010 MMN guideline (1 g/kg every 2–4 weeks, or
2 g/kg every 1–2 months; chapter 7 cites it) and a switch to SCIg at the same
grams per week (1:1, as chapter 7 teaches).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeckRegimen:
    """One regimen button: ``route`` (IVIg or SCIg), IVIg ``dose`` (g/kg per infusion) and ``every`` (weeks).

    For SCIg the weekly dose is the IVIg regimen's grams per week (``dose / every``).
    """

    key: str
    label: str
    route: str
    dose: float
    every: int


#: The deck's regimen buttons, in number-key order.
REGIMENS = (
    DeckRegimen("ivig_1_4", "1 g/kg every 4 weeks", "IVIg", 1.0, 4),
    DeckRegimen("ivig_1_2", "1 g/kg every 2 weeks", "IVIg", 1.0, 2),
    DeckRegimen("ivig_2_8", "2 g/kg every 8 weeks", "IVIg", 2.0, 8),
    DeckRegimen("scig", "SCIg, same grams weekly", "SCIg", 1.0, 4),
)

GRID_CSS = """<style>
.mmn-presenter.mmn-ivig-deck { display: grid; column-gap: calc(28 * var(--mmn-u, 1px));
  grid-template-columns: minmax(0, 60fr) minmax(0, 40fr);
  grid-template-areas: "presets presets" "figure controls" "figure summary";
  grid-template-rows: auto auto auto; align-items: start; align-content: start; }
.mmn-presenter.mmn-ivig-deck > .mmn-preset-buttons { grid-area: presets; }
.mmn-presenter.mmn-ivig-deck > .mmn-fill-height { grid-area: figure; }
.mmn-presenter.mmn-ivig-deck > .mmn-deck-controls { grid-area: controls; width: 100%; }
.mmn-presenter.mmn-ivig-deck > .mmn-deck-summary { grid-area: summary; }
.mmn-presenter.mmn-ivig-deck .mmn-deck-summary .widget-html-content > div { font-size: inherit !important; }
.mmn-presenter.mmn-ivig-deck .widget-toggle-buttons .widget-toggle-button { width: auto; min-width: 4em; }
</style>"""


def regimen(key: str) -> DeckRegimen:
    """The deck regimen called ``key``; ValueError naming the known ones otherwise."""
    for r in REGIMENS:
        if r.key == key:
            return r
    raise ValueError(f"regimen must be one of {[r.key for r in REGIMENS]}, got {key!r}")
