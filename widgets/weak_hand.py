"""The weak, wasted hand: which muscles share a nerve or a root, and what a pattern of weakness points to.

Pure data and small functions for chapter 3b ("Approach to the weak, wasted hand").

* :data:`HAND_MUSCLES` — the muscles a student tests in a weak hand, each with its nerve (and branch) and
  its roots (textbook anatomy: Preston & Shapiro, ``preston2020``).
* :func:`localise` — given the weak muscles and the spared ones, the patterns the weakness fits (one nerve,
  several nerves, one root level, or the *split hand*) and the examination or test that separates them.

The rules are the chapter's teaching in code, so that a test can pin them: a split hand (abductor pollicis
brevis and first dorsal interosseous weak, abductor digiti minimi spared) fits no single nerve and no single
root, and points to ALS (``corcia2021split``, ``turner2013mimics``); weakness in two nerves that share a root
fits either several nerves (MMN, vasculitis) or that root, and sensation and the sensory nerve action
potentials separate them (``preston2020``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Muscle:
    """One muscle: its ``abbreviation``, full ``name``, ``nerve`` trunk, ``branch`` and spinal ``roots``."""

    abbreviation: str
    name: str
    nerve: str  # median | ulnar | radial
    branch: str
    roots: tuple[str, ...]
    action: str


#: Muscles tested in a weak hand (order: lateral hand, medial hand, forearm). Source: ``preston2020``.
HAND_MUSCLES: tuple[Muscle, ...] = (
    Muscle("APB", "abductor pollicis brevis", "median", "recurrent thenar branch", ("C8", "T1"),
           "lifts the thumb away from the palm"),
    Muscle("FPL", "flexor pollicis longus", "median", "anterior interosseous nerve", ("C7", "C8"),
           "bends the tip of the thumb"),
    Muscle("FDI", "first dorsal interosseous", "ulnar", "deep motor branch", ("C8", "T1"),
           "spreads the index finger away from the middle finger"),
    Muscle("ADM", "abductor digiti minimi", "ulnar", "hypothenar branch", ("C8", "T1"),
           "spreads the little finger"),
    Muscle("EDC", "extensor digitorum communis", "radial", "posterior interosseous nerve", ("C7", "C8"),
           "straightens the fingers at the knuckles"),
    Muscle("BR", "brachioradialis", "radial", "main trunk, above the elbow", ("C5", "C6"),
           "bends the elbow with the forearm half turned"),
)

_BY_ABBREVIATION = {m.abbreviation: m for m in HAND_MUSCLES}

SPLIT_HAND = "split hand"
SINGLE_NERVE = "single nerve"
SEVERAL_NERVES = "several nerves"
ROOT = "root or myotome"


@dataclass(frozen=True)
class Localisation:
    """What a pattern of weakness fits.

    ``patterns`` lists the fitting patterns (:data:`SPLIT_HAND`, :data:`SINGLE_NERVE`,
    :data:`SEVERAL_NERVES`, :data:`ROOT`), most specific first; ``nerves`` and ``shared_roots`` are those
    of the weak muscles; ``next_step`` says what separates the candidates.
    """

    patterns: tuple[str, ...]
    nerves: tuple[str, ...]
    shared_roots: tuple[str, ...]
    next_step: str


def muscle(abbreviation: str) -> Muscle:
    """The :class:`Muscle` with this abbreviation (``"APB"``, ``"FDI"``...); ``ValueError`` if unknown."""
    if not isinstance(abbreviation, str) or abbreviation.upper() not in _BY_ABBREVIATION:
        raise ValueError(f"abbreviation must be one of {', '.join(_BY_ABBREVIATION)}, got {abbreviation!r}")
    return _BY_ABBREVIATION[abbreviation.upper()]


def _muscles(values: Iterable[str], parameter: str) -> tuple[Muscle, ...]:
    if isinstance(values, str) or values is None:
        raise ValueError(f"{parameter} must be a list of muscle abbreviations, got {values!r}")
    out = []
    for value in values:
        if not isinstance(value, str) or value.upper() not in _BY_ABBREVIATION:
            raise ValueError(f"{parameter} must contain only {', '.join(_BY_ABBREVIATION)}, got {value!r}")
        out.append(_BY_ABBREVIATION[value.upper()])
    return tuple(dict.fromkeys(out))


def localise(weak: Iterable[str], spared: Iterable[str] = ()) -> Localisation:
    """The patterns a set of weak (and spared) hand muscles fits.

    Parameters
    ----------
    weak : iterable of str
        Abbreviations of the weak or wasted muscles (see :data:`HAND_MUSCLES`); at least one.
    spared : iterable of str
        Abbreviations of muscles examined and found strong (may be empty).

    Returns
    -------
    Localisation
        The fitting patterns, most specific first, and the test that separates them.

    Raises
    ------
    ValueError
        An unknown abbreviation, no weak muscle, or a muscle both weak and spared.
    """
    weak_m = _muscles(weak, "weak")
    spared_m = _muscles(spared, "spared")
    if not weak_m:
        raise ValueError("weak must name at least one muscle")
    both = sorted({m.abbreviation for m in weak_m} & {m.abbreviation for m in spared_m})
    if both:
        raise ValueError(f"spared must not repeat a weak muscle, got {', '.join(both)} in both")

    nerves = tuple(dict.fromkeys(m.nerve for m in weak_m))
    shared = set(weak_m[0].roots)
    for m in weak_m[1:]:
        shared &= set(m.roots)
    shared_roots = tuple(r for r in ("C5", "C6", "C7", "C8", "T1") if r in shared)
    weak_set = {m.abbreviation for m in weak_m}
    spared_set = {m.abbreviation for m in spared_m}

    if {"APB", "FDI"} <= weak_set and "ADM" in spared_set:
        # APB (median) and FDI (ulnar) share C8-T1 with ADM (ulnar): no nerve and no root explains sparing ADM.
        return Localisation(
            (SPLIT_HAND,), nerves, shared_roots,
            "Look for upper motor neuron signs and for fasciculations beyond the hand, then needle EMG of "
            "several regions (ALS); the split hand fits neither one nerve nor one root.",
        )
    # Spared muscles that share the whole root level of the weak ones argue against a root lesion.
    root_fits = bool(shared_roots) and not any(set(shared_roots) <= set(m.roots) for m in spared_m)
    if len(nerves) == 1:
        patterns = (SINGLE_NERVE, ROOT) if root_fits else (SINGLE_NERVE,)
        step = ("Nerve conduction along that nerve (look for a focal lesion or conduction block) and "
                "sensation in its territory.")
        return Localisation(patterns, nerves, shared_roots, step)
    patterns = (SEVERAL_NERVES, ROOT) if root_fits else (SEVERAL_NERVES,)
    step = ("Map sensation and study the sensory nerve action potentials: normal SNAPs with sensory symptoms "
            "suggest a root lesion; motor conduction block with normal sensory studies suggests MMN; "
            "painful sensory and motor loss in several nerves suggests vasculitis.")
    return Localisation(patterns, nerves, shared_roots, step)


def muscle_rows() -> list[tuple[str, str, str, str]]:
    """Rows (muscle, nerve and branch, roots, action) of :data:`HAND_MUSCLES`, for a table."""
    return [
        (f"{m.name} ({m.abbreviation})", f"{m.nerve} ({m.branch})", "–".join((m.roots[0], m.roots[-1])), m.action)
        for m in HAND_MUSCLES
    ]


#: Worked examples shown in the chapter: (weak muscles, muscles found strong).
EXAMPLES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("APB", "FPL"), ("FDI", "ADM", "EDC")),
    (("EDC", "APB"), ("FDI", "ADM")),
    (("FDI", "ADM", "FPL"), ("BR",)),
    (("APB", "FDI"), ("ADM",)),
)


def describe(result: Localisation) -> str:
    """The patterns of a :class:`Localisation` in words, e.g. ``"several nerves (ulnar, median) or root C8"``."""
    words = []
    for pattern in result.patterns:
        if pattern == SPLIT_HAND:
            words.append("split hand: no single nerve or root explains it (think of ALS)")
        elif pattern == SINGLE_NERVE:
            words.append(f"one nerve ({result.nerves[0]})")
        elif pattern == SEVERAL_NERVES:
            words.append(f"several nerves ({', '.join(result.nerves)})")
        else:
            roots = result.shared_roots
            words.append(f"root {roots[0]}" if len(roots) == 1 else f"roots {roots[0]}–{roots[-1]}")
    return " or ".join(words)


def examples_html(examples: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = EXAMPLES) -> str:
    """An accessible HTML table: for each example, the weak and strong muscles and the patterns they fit."""
    from html import escape

    rows = []
    for weak, spared in examples:
        fits = describe(localise(weak, spared))
        rows.append(
            f"<tr><td>{escape(', '.join(weak))}</td><td>{escape(', '.join(spared) or 'none tested')}</td>"
            f"<td>{escape(fits)}</td></tr>"
        )
    return (
        '<table class="mmn-weak-hand"><caption>Which pattern does the weakness fit?</caption>'
        '<thead><tr><th scope="col">Weak</th><th scope="col">Strong</th><th scope="col">Fits</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
