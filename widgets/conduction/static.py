"""Kernel-free explorer of the conduction simulator for the book (no Python kernel).

:func:`explorer` / :func:`explorer_html` (what chapter 4 uses): a mount point that the book's browser port of
the model (``book/_ext/mmn_book/js/conduction/*.js``, served joined as ``conduction-model.js``, and
``conduction-explorer.js``, reading the table ``mmn_book.model_tables`` exports at build time) turns into the
full simulator, every control of the live widget, computed in the page; parity tests hold it to this package.
The older precomputed figure is :func:`widgets.conduction.precomputed.kernel_free_figure`.
"""

from __future__ import annotations

import html

from widgets.conduction.model import simulate
from widgets.conduction.precomputed import preset_nerve
from widgets.conduction.presets import PRESETS, get_preset
from widgets.conduction.reference_values import get_nerve

#: Class of the mount point the book's conduction-explorer.js fills (``mmn_book.model_tables.MARKER``).
EXPLORER_CLASS = "mmn-ncs-explorer"


def explorer_html(nerve: str = "ulnar", preset: str | None = "mmn", *, seed: int = 0) -> str:
    """Mount point of the in-page simulator.

    Holds the nerve, preset and person it starts from, and (for a reader without JavaScript) the verdict of that
    starting study in words.

    Parameters
    ----------
    nerve : str, default "ulnar"
        The nerve it starts on (replaced by the preset's typical nerve if the preset does not apply to it).
    preset : str or None, default "mmn"
        The teaching preset it starts from; ``None`` for custom settings.
    seed : int, default 0
        The simulated person.

    Returns
    -------
    str
        An HTML ``<div>`` of class :data:`EXPLORER_CLASS` that the book's script fills.
    """
    get_nerve(nerve)
    if preset is not None:
        nerve = preset_nerve(preset, nerve)
    study = simulate(nerve, preset=preset, seed=seed)
    spec = study.nerve
    what = spec.label if preset is None else f"{spec.label} · {PRESETS[preset].title}"
    return (
        f'<div class="{EXPLORER_CLASS}" data-nerve="{html.escape(nerve)}" data-preset="{html.escape(preset or "custom")}"'
        f' data-seed="{int(seed)}"><p class="mmn-ncs-fallback"><strong>{html.escape(what)}.</strong> Verdict: '
        f"{html.escape(study.interpretation)}</p><p class=\"mmn-ncs-fallback\">The simulator runs in your browser "
        "once the page's scripts have loaded (JavaScript is needed for its controls).</p></div>"
    )


def explorer(nerve: str = "ulnar", preset: str | None = "mmn", *, presenter: bool = False, seed: int = 0):
    """The conduction simulator for a notebook cell.

    The live widget with a kernel, the in-page simulator (:func:`explorer_html`, every control) in the book.

    Parameters
    ----------
    nerve : str, default "ulnar"
        The nerve it starts on.
    preset : str or None, default "mmn"
        The teaching preset it starts from; ``None`` for custom settings.
    presenter : bool, default False
        Whether the live widget starts in presenter mode.
    seed : int, default 0
        The simulated person.

    Returns
    -------
    ConductionExplorable
        The explorable, with a text alternative describing the traces and controls.
    """
    from widgets.conduction.views import ConductionExplorable, ConductionExplorer

    spec = get_nerve(nerve)
    if preset is not None:
        get_preset(preset)
    alt = (
        f"Nerve conduction simulator, starting from the {spec.label.lower()} (recording {spec.muscle}): stacked "
        "compound muscle action potentials, one trace per stimulation site from distal (top) to proximal (bottom), "
        "each labelled with its onset latency and amplitude. Controls: nerve, teaching preset, person, block, "
        "slowing and dispersion in every segment, motor axon loss, reinnervation, sensory axon loss, limb "
        "temperature, submaximal stimulation, a Martin–Gruber anastomosis, the recording electrodes' positions and the "
        "low-frequency filter. Under the traces the verdict in "
        "words, the EFNS/PNS 2010 MMN block rules and the EAN/PNS 2021 CIDP items with the measured numbers."
    )
    return ConductionExplorable(
        live=lambda presenter=presenter: ConductionExplorer(nerve, preset, presenter=presenter, seed=seed).widget,
        static=lambda: explorer_html(nerve, preset, seed=seed),
        alt=alt,
    )
