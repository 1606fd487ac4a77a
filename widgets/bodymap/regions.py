"""Body regions of the schematic body map: outline polygons and which regions are neighbours.

Pure data, no plotting. The figure faces the reader, so the patient's right
side is drawn on the reader's left, as in a clinical examination.

Coordinates are arbitrary drawing units (x from about −4 to 4, y from 0 at the
feet to about 14 at the top of the head).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Side = Literal["right", "left", "midline"]


@dataclass(frozen=True)
class Region:
    """One region of the body map.

    ``segment`` is the side-independent name (``"hand"``, ``"bulbar"``, ...),
    so ``right_hand`` and ``left_hand`` share the segment ``"hand"``.
    ``outline`` is a closed polygon; ``anchor`` is where markers for sensory
    loss or upper motor neuron signs are drawn, beside the region.
    """

    id: str
    label: str
    side: Side
    segment: str
    limb: Literal["arm", "leg", "head", "trunk"]
    outline: tuple[tuple[float, float], ...]
    anchor: tuple[float, float]

    @property
    def centre(self) -> tuple[float, float]:
        """Mean of the outline's vertices (where the weakness grade is written)."""
        xs, ys = zip(*self.outline, strict=True)
        return (sum(xs) / len(xs), sum(ys) / len(ys))


def _mirror(points: tuple[tuple[float, float], ...]) -> tuple[tuple[float, float], ...]:
    return tuple((-x, y) for x, y in points)


def _circle(cx: float, cy: float, r: float, n: int = 24) -> tuple[tuple[float, float], ...]:
    return tuple(
        (round(cx + r * math.cos(2 * math.pi * k / n), 3), round(cy + r * 1.15 * math.sin(2 * math.pi * k / n), 3))
        for k in range(n)
    )


# Right-side outlines (drawn on the reader's left, negative x); the left side mirrors them.
_RIGHT: dict[str, tuple[tuple[tuple[float, float], ...], tuple[float, float]]] = {
    "shoulder": (((-1.7, 11.0), (-2.4, 11.0), (-2.9, 10.6), (-3.05, 9.9), (-2.15, 9.9), (-1.7, 10.4)), (-3.55, 10.5)),
    "upper_arm": (((-3.05, 9.9), (-2.15, 9.9), (-2.25, 7.9), (-3.15, 7.9)), (-3.7, 8.9)),
    "forearm": (((-3.15, 7.9), (-2.25, 7.9), (-2.4, 5.9), (-3.3, 5.9)), (-3.85, 6.9)),
    "hand": (((-3.3, 5.9), (-2.4, 5.9), (-2.45, 4.9), (-2.85, 4.55), (-3.35, 4.9)), (-3.9, 5.2)),
    "leg_proximal": (((-1.55, 6.6), (-0.1, 6.6), (-0.3, 3.6), (-1.35, 3.6)), (-1.9, 3.95)),
    "leg_distal": (((-1.35, 3.6), (-0.3, 3.6), (-0.4, 0.7), (-0.2, 0.3), (-1.2, 0.3), (-1.2, 0.7)), (-1.8, 1.7)),
}

_LABELS = {
    "shoulder": "shoulder",
    "upper_arm": "upper arm",
    "forearm": "forearm",
    "hand": "hand",
    "leg_proximal": "thigh and hip (proximal leg)",
    "leg_distal": "lower leg and foot (distal leg)",
}


def _build() -> tuple[Region, ...]:
    regions = [
        Region("bulbar", "bulbar muscles (speech, swallowing)", "midline", "bulbar", "head", _circle(0.0, 12.6, 0.95), (1.6, 12.9)),
        Region(
            "trunk",
            "trunk",
            "midline",
            "trunk",
            "trunk",
            ((-1.7, 11.0), (1.7, 11.0), (1.7, 10.4), (1.55, 6.6), (-1.55, 6.6), (-1.7, 10.4)),
            (0.0, 7.3),
        ),
    ]
    for side, sign in (("right", 1), ("left", -1)):
        for segment, (outline, anchor) in _RIGHT.items():
            shape = outline if sign == 1 else _mirror(outline)
            anchor_xy = anchor if sign == 1 else (-anchor[0], anchor[1])
            limb = "leg" if segment.startswith("leg") else "arm"
            regions.append(
                Region(f"{side}_{segment}", f"{side} {_LABELS[segment]}", side, segment, limb, shape, anchor_xy)
            )
    return tuple(regions)


#: Every region of the body map, in drawing order.
REGIONS: tuple[Region, ...] = _build()
REGION_IDS: tuple[str, ...] = tuple(r.id for r in REGIONS)
_BY_ID = {r.id: r for r in REGIONS}

#: Limb segments from the top of the limb to its end (used for neighbours).
ARM = ("shoulder", "upper_arm", "forearm", "hand")
LEG = ("leg_proximal", "leg_distal")


def region(region_id: str) -> Region:
    """The region called ``region_id`` (ValueError naming the parameter if unknown)."""
    try:
        return _BY_ID[region_id]
    except KeyError:
        raise ValueError(f"region_id must be one of {REGION_IDS}, got {region_id!r}") from None


def _neighbour_pairs() -> frozenset[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for side in ("right", "left"):
        for chain in (ARM, LEG):
            for a, b in zip(chain, chain[1:]):
                pairs.add(frozenset((f"{side}_{a}", f"{side}_{b}")))
        pairs.add(frozenset(("bulbar", f"{side}_shoulder")))  # through the neck
        pairs.add(frozenset(("trunk", f"{side}_shoulder")))
        pairs.add(frozenset(("trunk", f"{side}_leg_proximal")))
    # The same segment of both sides is served by the same levels of the spinal cord.
    for segment in ARM + LEG:
        pairs.add(frozenset((f"right_{segment}", f"left_{segment}")))
    return frozenset(pairs)


#: Unordered pairs of neighbouring regions: adjacent along a limb, across the neck
#: and trunk, or the same segment on the other side (same spinal cord levels).
NEIGHBOURS: frozenset[frozenset[str]] = _neighbour_pairs()


def are_neighbours(a: str, b: str) -> bool:
    """True if regions ``a`` and ``b`` are neighbours on the body map."""
    region(a), region(b)
    return frozenset((a, b)) in NEIGHBOURS


def mirror_id(region_id: str) -> str:
    """The same region on the other side (midline regions are their own mirror)."""
    r = region(region_id)
    if r.side == "midline":
        return r.id
    other = "left" if r.side == "right" else "right"
    return f"{other}_{r.segment}"
