"""Results of one simulated nerve conduction study (what the EMG machine shows and what it means).

Plain frozen dataclasses: traces are read-only numpy arrays, every number has
its unit in its name (``_ms``, ``_mv``, ``_uv``, ``_mm``, ``_m_s``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from widgets.conduction.cidp import CidpAssessment
from widgets.conduction.criteria import AxonLossVerdict, BlockVerdict
from widgets.conduction.reference_values import Nerve

if TYPE_CHECKING:
    from widgets.conduction.config import Config


@dataclass(frozen=True)
class SiteResult:
    """Motor response (CMAP) to stimulation at one site.

    ``cmap_mv`` is the potential at the active electrode (mV): the negative
    peak is negative; EMG screens and :func:`study_figure` plot it upward.
    ``time_ms`` starts at the stimulus. Measures are NaN if there is no response.
    """

    name: str
    label: str
    distance_mm: float
    time_ms: np.ndarray
    cmap_mv: np.ndarray
    latency_ms: float
    amplitude_mv: float
    area_mv_ms: float
    duration_ms: float
    peak_ms: float
    end_ms: float
    note: str = ""


@dataclass(frozen=True)
class SegmentResult:
    """A segment between two adjacent sites: velocity, proximal/distal ratios and the block verdict."""

    name: str
    label: str
    distal_site: str
    proximal_site: str
    length_mm: float
    cv_m_s: float
    amplitude_ratio: float
    area_ratio: float
    duration_ratio: float
    block: BlockVerdict
    long_segment: bool
    entrapment_site: bool


@dataclass(frozen=True)
class SnapSite:
    """Sensory response (SNAP) to stimulation at one site (µV, µV·ms, ms)."""

    name: str
    label: str
    distance_mm: float
    time_ms: np.ndarray
    snap_uv: np.ndarray
    latency_ms: float
    amplitude_uv: float
    area_uv_ms: float
    duration_ms: float


@dataclass(frozen=True)
class SnapSegment:
    """Sensory conduction across one segment, compared with the same nerve without lesions."""

    name: str
    label: str
    length_mm: float
    cv_m_s: float
    amplitude_ratio: float
    area_ratio: float
    normal_area_ratio: float
    abnormal: bool


@dataclass(frozen=True)
class SnapResult:
    """Sensory nerve action potential of the studied nerve.

    ``amplitude_uv``/``latency_ms``/``cv_m_s``: distal site (CV = distance /
    onset latency); ``sites``/``segments``: every stimulation site, to show the
    loss of SNAP area over distance (phase cancellation).
    """

    label: str
    amplitude_uv: float
    latency_ms: float
    cv_m_s: float
    area_uv_ms: float
    sites: tuple[SnapSite, ...]
    segments: tuple[SnapSegment, ...]
    abnormal: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One statement of the interpretation: its ``kind`` and the sentence itself (``text``).

    ``kind`` is one of block, excluded, cidp, axon_loss, snap, limits, temperature, pitfall, dispersion, normal.
    """

    kind: str
    text: str


@dataclass(frozen=True)
class Study:
    """One simulated motor and sensory conduction study of a nerve, measured and interpreted.

    ``sites``: one CMAP per stimulation site (distal first); ``segments``: one
    per pair of adjacent sites; ``snap``: the sensory response;
    ``checks``: extra responses a neurophysiologist would record to resolve a
    pitfall (a supramaximal repeat, median-nerve stimulation at the elbow
    recording ADM); ``cidp``: EAN/PNS 2021 CIDP motor items in this nerve (:mod:`widgets.conduction.cidp`);
    ``axon_loss_pattern``; ``findings`` and ``interpretation``: the verdict in
    words; ``pattern``: a short key of the overall picture (normal,
    motor_block, sensorimotor_block, demyelinating, dispersion, entrapment,
    axon_loss, ungradable, technical, cold, abnormal).
    """

    nerve: Nerve
    preset: str | None
    settings: Config  # what was simulated, after applying the preset
    sites: tuple[SiteResult, ...]
    segments: tuple[SegmentResult, ...]
    snap: SnapResult
    checks: tuple[SiteResult, ...]
    cidp: CidpAssessment
    axon_loss_pattern: AxonLossVerdict
    findings: tuple[Finding, ...]
    pattern: str
    interpretation: str

    @property
    def time_ms(self) -> np.ndarray:
        """Common time axis of every trace (ms after the stimulus)."""
        return self.sites[0].time_ms

    @property
    def distal(self) -> SiteResult:
        """The response to distal stimulation (the first site)."""
        return self.sites[0]

    @property
    def blocks(self) -> tuple[SegmentResult, ...]:
        """Segments with a definite or probable conduction block (after exclusions)."""
        return tuple(s for s in self.segments if s.block.is_block)

    def site(self, name: str) -> SiteResult:
        """The response at the site called ``name``; ValueError naming the sites if there is none."""
        for s in self.sites:
            if s.name == name:
                return s
        raise ValueError(f"site must be one of {tuple(s.name for s in self.sites)}, got {name!r}")

    def segment(self, name: str) -> SegmentResult:
        """The segment called ``name``; ValueError naming the segments if there is none."""
        for s in self.segments:
            if s.name == name:
                return s
        raise ValueError(f"segment must be one of {tuple(s.name for s in self.segments)}, got {name!r}")

    def findings_of(self, kind: str) -> tuple[Finding, ...]:
        """The findings of one ``kind`` (see :class:`Finding`), in order."""
        return tuple(f for f in self.findings if f.kind == kind)
