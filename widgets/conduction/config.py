"""Settings of one simulation: validation of every argument of :func:`~widgets.conduction.model.simulate`.

:func:`make_config` checks each argument (``ValueError`` naming the parameter
and its allowed range) and merges it with the preset; :class:`Config` is the
result, :class:`Raw` the simulated traces before measurement. Kept apart from
:mod:`widgets.conduction.model` so that the measuring and interpreting modules
need not import the model (no import cycles).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from widgets.conduction.lesions import Lesion, check_lesions
from widgets.conduction.person import check_seed, person_nerve
from widgets.conduction.presets import get_preset
from widgets.conduction.reference_values import Nerve, get_nerve
from widgets.conduction.recording import REFERENCE, Recording, check_recording
from widgets.conduction.temperature import check_temperature
from widgets.conduction.validate import number

#: Pitfall keywords accepted by :func:`simulate` and what they mean.
PITFALLS: dict[str, str] = {
    "submaximal_site": "name of a stimulation site stimulated submaximally (or None)",
    "submaximal_fraction": "fraction of axons (0.05–1) a submaximal stimulus excites (default 0.5)",
    "martin_gruber": "fraction (0–0.9) of ADM motor axons crossing from the median to the ulnar nerve in the forearm "
    "(ulnar nerve only)",
    "electrode_offset_mm": "active recording electrode this far (0–30 mm) off the motor point: smaller CMAP with an "
    "initial positive deflection (default 0)",
    "reference_pickup": "fraction (0–0.6) of the muscle potential under a reference electrode placed over active "
    "muscle instead of the tendon (default 0)",
    "low_frequency_filter_hz": "low-frequency (high-pass) filter corner, 0.5–200 Hz, or None for the reference "
    "recording (default None)",
}


@dataclass(frozen=True)
class Config:
    """Validated settings of one simulation (after applying a preset)."""

    nerve: Nerve
    preset: str | None
    lesions: tuple[Lesion, ...]
    axon_loss: float
    reinnervation: float
    sensory_axon_loss: float
    temperature_c: float
    seed: int
    submaximal_site: str | None
    submaximal_fraction: float
    martin_gruber: float
    recording: Recording = REFERENCE


@dataclass(frozen=True)
class Raw:
    """Simulated traces before measurement.

    ``motor``: (rows, samples) mV, rows = sites then extra checks
    (``check_names``); ``sensory``: (2 × sites, samples) µV, rows = sites with
    the lesions, then the same sites without lesions (reference).
    """

    dt_ms: float
    motor: np.ndarray
    sensory: np.ndarray
    check_names: tuple[str, ...]
    excited_fraction: float


def _fraction(name: str, value: object, lo: float = 0.0, hi: float = 1.0, what: str = "") -> float:
    return number(name, value, lo, hi, what)


def make_config(
    nerve: str,
    *,
    preset: str | None = None,
    lesions=(),
    axon_loss: float = 0.0,
    reinnervation: float = 0.0,
    sensory_axon_loss: float = 0.0,
    temperature_c: float = 34.0,
    seed: int = 0,
    **pitfalls,
) -> Config:
    """Validate every argument of :func:`simulate` and merge them with the preset.

    A preset supplies lesions, axon loss, temperature and pitfalls; explicit
    lesions are added to the preset's, and any other explicit argument that
    differs from its default replaces the preset's value.
    """
    spec = get_nerve(nerve)
    for key in pitfalls:
        if key not in PITFALLS:
            raise ValueError(f"unknown pitfall keyword {key!r}: allowed pitfalls are {tuple(PITFALLS)}")
    base = dict(axon_loss=0.0, reinnervation=0.0, sensory_axon_loss=0.0, temperature_c=34.0)
    merged_pitfalls: dict[str, object] = {}
    preset_lesions: tuple[Lesion, ...] = ()
    if preset is not None:
        p = get_preset(preset)
        if spec.name not in p.nerves:
            raise ValueError(f"nerve must be one of {p.nerves} for preset {preset!r}, got {spec.name!r}")
        preset_lesions = p.lesions_for(spec.name)
        base.update(
            axon_loss=p.axon_loss,
            reinnervation=p.reinnervation,
            sensory_axon_loss=p.sensory_axon_loss,
            temperature_c=p.temperature_c,
        )
        merged_pitfalls.update(p.pitfalls_for(spec))
    explicit = dict(
        axon_loss=axon_loss,
        reinnervation=reinnervation,
        sensory_axon_loss=sensory_axon_loss,
        temperature_c=temperature_c,
    )
    defaults = dict(axon_loss=0.0, reinnervation=0.0, sensory_axon_loss=0.0, temperature_c=34.0)
    for k, v in explicit.items():
        if v is None or isinstance(v, bool):
            differs = True  # None and booleans are not numbers: let the validation below name them
        else:
            try:
                differs = float(v) != defaults[k]
            except (TypeError, ValueError):
                differs = True  # let the validation below name the bad value
        if differs:
            base[k] = v
    merged_pitfalls.update(pitfalls)

    lesions_all = preset_lesions + check_lesions(spec, lesions)
    check_lesions(spec, lesions_all)
    ax = _fraction("axon_loss", base["axon_loss"], what=" (fraction of motor axons lost)")
    rein = _fraction("reinnervation", base["reinnervation"], what=" (fraction of orphaned muscle fibres adopted)")
    sens = _fraction("sensory_axon_loss", base["sensory_axon_loss"], what=" (fraction of sensory axons lost)")
    temp = check_temperature(base["temperature_c"])
    sd = check_seed(seed)

    site = merged_pitfalls.get("submaximal_site")
    if site is not None:
        if site not in spec.site_names:
            raise ValueError(f"submaximal_site must be one of {spec.site_names} (or None), got {site!r}")
    frac = merged_pitfalls.get("submaximal_fraction", 0.5)
    frac = _fraction("submaximal_fraction", frac, 0.05, 1.0, " (fraction of axons excited)")
    mga = _fraction(
        "martin_gruber", merged_pitfalls.get("martin_gruber", 0.0), 0.0, 0.9, " (fraction of crossing axons)"
    )
    rec = check_recording(
        merged_pitfalls.get("electrode_offset_mm", 0.0),
        merged_pitfalls.get("reference_pickup", 0.0),
        merged_pitfalls.get("low_frequency_filter_hz"),
    )
    if mga > 0 and spec.name != "ulnar":
        raise ValueError(
            f"martin_gruber applies to the ulnar nerve study (median-to-ulnar crossover to ADM), "
            f"got nerve {spec.name!r}"
        )
    return Config(
        nerve=person_nerve(spec.name, sd),  # the person's distances (height)
        preset=preset,
        lesions=lesions_all,
        axon_loss=ax,
        reinnervation=rein,
        sensory_axon_loss=sens,
        temperature_c=temp,
        seed=sd,
        submaximal_site=site,
        submaximal_fraction=frac,
        martin_gruber=mga,
        recording=rec,
    )


def segment_lengths_mm(nerve: Nerve) -> np.ndarray:
    """Length (mm) of every segment: the distal distance, then the distance between adjacent sites."""
    d = np.array([s.distance_mm for s in nerve.sites])
    return np.concatenate(([d[0]], np.diff(d)))
