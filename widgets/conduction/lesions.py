"""Lesions of a nerve segment: conduction block, demyelinative slowing and its per-axon spread.

A :class:`Lesion` acts on one segment of the studied nerve (see
``Nerve.lesion_segments``), or on every segment with ``segment="all"``
(diffuse slowing, as in CIDP). :func:`segment_effects` turns the lesions into
per-axon arrays (segments × axons) the model multiplies into conduction times.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from widgets.conduction.pool import UnitPool
from widgets.conduction.reference_values import Nerve
from widgets.conduction.validate import number

#: Largest allowed slowing or dispersion (fraction of conduction speed lost).
MAX_SLOWING = 0.9


def _fraction(name: str, value: object, hi: float, what: str) -> float:
    return number(name, value, 0.0, hi, f" ({what})")


@dataclass(frozen=True)
class Lesion:
    """A focal (or, with ``segment="all"``, diffuse) lesion of the studied nerve.

    Parameters
    ----------
    segment
        Segment name, e.g. ``"forearm"`` (see ``NERVES[nerve].lesion_segments``).
    block
        Fraction of motor axons (0–1) whose impulses fail in this segment.
    slowing
        Demyelinative slowing: fraction (0–0.9) of conduction velocity lost by
        every axon in this segment.
    dispersion
        Per-axon variability of the slowing: each axon loses a further random
        fraction between 0 and ``dispersion`` (0–0.9) of its speed, which
        spreads the arrival times (temporal dispersion).
    sensory
        Whether sensory fibres of the segment share the lesion (CIDP,
        Lewis–Sumner syndrome / MADSAM, entrapment) or are spared (MMN).
    """

    segment: str
    block: float = 0.0
    slowing: float = 0.0
    dispersion: float = 0.0
    sensory: bool = False

    def __post_init__(self):
        if not isinstance(self.segment, str) or not self.segment:
            raise ValueError(f"segment must be a segment name such as 'forearm', got {self.segment!r}")
        object.__setattr__(self, "block", _fraction("block", self.block, 1.0, "fraction of axons blocked"))
        object.__setattr__(
            self, "slowing", _fraction("slowing", self.slowing, MAX_SLOWING, "fraction of conduction velocity lost")
        )
        object.__setattr__(
            self,
            "dispersion",
            _fraction("dispersion", self.dispersion, MAX_SLOWING, "spread of per-axon slowing"),
        )
        if not isinstance(self.sensory, bool | np.bool_):
            raise ValueError(f"sensory must be True or False, got {self.sensory!r}")


def check_lesions(nerve: Nerve, lesions: object) -> tuple[Lesion, ...]:
    """Validate ``lesions`` (an iterable of :class:`Lesion`) against the segments of ``nerve``."""
    if isinstance(lesions, Lesion):
        lesions = (lesions,)
    try:
        items = tuple(lesions)  # type: ignore[arg-type]
    except TypeError:
        raise ValueError(f"lesions must be a sequence of Lesion objects, got {lesions!r}") from None
    for les in items:
        if not isinstance(les, Lesion):
            raise ValueError(f"lesions must be Lesion objects such as Lesion('forearm', block=0.6), got {les!r}")
        if les.segment not in nerve.lesion_segments:
            raise ValueError(
                f"segment must be one of {nerve.lesion_segments} for the {nerve.name} nerve, got {les.segment!r}"
            )
    return items


@dataclass(frozen=True)
class SegmentEffects:
    """Per-segment, per-axon effect of the lesions: ``speed`` factor (≤1) and ``blocked`` mask."""

    speed: np.ndarray  # (n_segments, n_axons)
    blocked: np.ndarray  # (n_segments, n_axons) bool


def segment_effects(nerve: Nerve, lesions: tuple[Lesion, ...], pool: UnitPool, *, sensory: bool) -> SegmentEffects:
    """Combine ``lesions`` into speed factors and block masks for each segment and axon.

    Several lesions on one segment combine: blocks and slowings as independent
    fractions (1 − Π(1 − x)), dispersions add (capped at 0.9). With
    ``sensory=True`` only lesions that involve sensory fibres count.
    """
    n_seg = len(nerve.segments)
    block = np.zeros(n_seg)
    keep_speed = np.ones(n_seg)
    disp = np.zeros(n_seg)
    names = [s.name for s in nerve.segments]
    for les in lesions:
        if sensory and not les.sensory:
            continue
        rows = range(n_seg) if les.segment == "all" else (names.index(les.segment),)
        for k in rows:
            block[k] = 1.0 - (1.0 - block[k]) * (1.0 - les.block)
            keep_speed[k] *= 1.0 - les.slowing
            disp[k] = min(disp[k] + les.dispersion, MAX_SLOWING)
    speed = keep_speed[:, None] * (1.0 - disp[:, None] * pool.u_disp)
    blocked = pool.u_block < block[:, None]
    return SegmentEffects(speed=speed, blocked=blocked)
