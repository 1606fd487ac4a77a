"""The overall picture of one nerve study: a pure classifier and a table of sentence templates.

:func:`classify_pattern` takes the measured and graded facts (:class:`PatternFacts`,
plain booleans and grades, no text) and returns a template key, most specific
first. :data:`TEMPLATES` maps each key to the public pattern key of
:attr:`Study.pattern <widgets.conduction.study.Study.pattern>` and to the
sentence that says it; :func:`write_pattern` fills the sentence. Thresholds
in the sentences are fields (``{definite}``, ``{dur}``, ``{floor_pct}`` ...)
formatted from :data:`~widgets.conduction.criteria.CRITERIA` by
:func:`threshold_fields`, never typed by hand.

Three outcomes of a segment are kept apart (see ``BlockVerdict.outcome``):
a graded block, a segment that cannot be graded (distal CMAP below the floor:
the text says so and never "no block"), and no block.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.conduction.criteria import CRITERIA, pct


@dataclass(frozen=True)
class PatternFacts:
    """Measured facts of one study that decide its overall pattern.

    ``block_grades``: grade of every segment with a block (after exclusions);
    ``dispersed_probable``: per block, True when it is probable only because the
    duration rose by more than the limit (phase cancellation not excluded);
    the other fields are what their names say.
    """

    block_grades: tuple[str, ...] = ()
    dispersed_probable: tuple[bool, ...] = ()
    sensory_abnormal: bool = False
    cold_only: bool = False
    cidp_any: bool = False
    pseudo_block: bool = False
    entrapment_only: bool = False
    ungradable: bool = False
    axon_loss: bool = False
    technical: bool = False
    #: a gradable segment loses at least the long-segment area fraction without meeting a block rule there
    #: (a short or proximal segment, or a leg nerve): not a block by the rules, but not normal either
    subthreshold_drop: bool = False
    outside_limits: bool = False


def classify_pattern(f: PatternFacts) -> str:
    """Template key of the overall picture (a key of :data:`TEMPLATES`), most specific first."""
    if f.block_grades:
        if f.sensory_abnormal:
            return "sensorimotor_block"
        if "definite" in f.block_grades:
            return "motor_block_definite"
        if all(f.dispersed_probable):
            return "motor_block_dispersed"
        return "motor_block_probable"
    if f.cold_only:
        return "cold"
    if f.cidp_any and f.sensory_abnormal and not f.entrapment_only:
        return "demyelinating_sensory"
    if f.pseudo_block:
        return "dispersion"
    if f.entrapment_only:
        return "entrapment"
    if f.ungradable:
        return "ungradable"
    if f.axon_loss:
        return "axon_loss"
    if f.technical:
        return "technical"
    if f.cidp_any:
        return "demyelinating"
    if f.subthreshold_drop:
        return "subthreshold_drop"
    if f.outside_limits or f.sensory_abnormal:
        return "abnormal"
    return "normal"


#: template key -> (public pattern key, sentence template)
TEMPLATES: dict[str, tuple[str, str]] = {
    "sensorimotor_block": (
        "sensorimotor_block",
        "Proximal CMAP drops ({drops}) with abnormal sensory conduction. MMN requires normal sensory conduction in "
        "the segments with block, so this points to CIDP, in particular multifocal CIDP (Lewis–Sumner syndrome, "
        "MADSAM). Graded by the CIDP rules (EAN/PNS 2021, amplitude reduction ≥{cidp_block}): {cidp_block_text} "
        "{category}",
    ),
    "motor_block_definite": (
        "motor_block",
        "Definite motor conduction block ({grades}), away from entrapment sites, with normal sensory conduction. "
        "A definite block in at least one nerve is the conduction finding the EFNS/PNS 2010 criteria require for "
        "definite MMN; the diagnosis also needs the clinical criteria.",
    ),
    "motor_block_dispersed": (
        "motor_block",
        "Probable conduction block ({grades}): the area falls by {definite} or more, but the duration rises by more "
        "than {dur}, so phase cancellation from temporal dispersion cannot be excluded. A probable block is not a "
        "definite block; dispersion also points to demyelination of the CIDP kind. Study more nerves and segments.",
    ),
    "motor_block_probable": (
        "motor_block",
        "Probable motor conduction block ({grades}) with normal sensory conduction: it supports MMN but is not a "
        "definite block. Probable MMN needs a probable block in two nerves, or in one nerve with two supportive "
        "criteria (EFNS/PNS 2010).",
    ),
    "cold": (
        "cold",
        "Slowing ({outside}) with CMAP amplitude not reduced in a limb at {temperature} °C: cooling explains it. "
        "Warm the limb and repeat.",
    ),
    "demyelinating_sensory": ("demyelinating", "Demyelinating features ({items}) with an abnormal SNAP. {category}"),
    "dispersion": (
        "dispersion",
        "Across the {pseudo_segment} amplitude falls {pseudo_amplitude} but area only {pseudo_area}, while duration "
        "rises {pseudo_duration}: temporal dispersion with phase cancellation, not a conduction block by the MMN "
        "area rules (a drop in amplitude alone does not prove a block).",
    ),
    "entrapment": (
        "entrapment",
        "The abnormality is confined to the {where}, a common entrapment site: a focal entrapment neuropathy. It "
        "does not count as conduction block for MMN.",
    ),
    "ungradable": (
        "ungradable",
        "The distal CMAP ({distal_mv} mV) is too small for the block criteria (it must exceed {floor_pct} of the "
        "lower limit and {floor_mv} mV). The area falls {ungradable_area} across the {ungradable_segment}, but the "
        "block cannot be graded (distal CMAP too small): neither a block nor its absence can be claimed. Study "
        "other nerves or muscles.",
    ),
    "axon_loss": (
        "axon_loss",
        "Low CMAP ({distal_mv_short} mV) with {no_block} and velocities outside the demyelinating range (slowest "
        "{min_cv} m/s), {snap_word} SNAP: an axon-loss pattern, as in ALS (but not specific to it).",
    ),
    "technical": ("technical", "{technical}: no conduction block."),
    "demyelinating": ("demyelinating", "Demyelinating features ({items}) with {snap_article} SNAP. {category}"),
    "subthreshold_drop": (
        "abnormal",
        "The CMAP area falls {drop_area} across the {drop_segment}: no block grade applies there (a {definite} "
        "loss is needed outside the long upper-limb segments), but a normal nerve does not lose that much. Look "
        "for a block with more stimulation sites (inching) and check the stimulus was supramaximal.",
    ),
    "abnormal": ("abnormal", "Abnormal study: {outside_or_snap}.{mild}"),
    "normal": ("normal", "A normal study: values within the typical limits, no conduction block and a normal SNAP."),
}


def threshold_fields() -> dict[str, str]:
    """Thresholds of the criteria table, formatted for the templates."""
    b, c = CRITERIA.block, CRITERIA.cidp
    return {
        "definite": pct(b.definite_area_reduction),
        "long": pct(b.probable_area_reduction_long_segment),
        "dur": pct(b.max_duration_increase),
        "floor_pct": pct(b.distal_amplitude_fraction_of_lln),
        "floor_mv": f"{b.distal_amplitude_min_mv:g}",
        "cidp_block": pct(c.block_amplitude_reduction),
    }


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        raise ValueError(f"template field {key!r} was not supplied")


def write_pattern(key: str, **values: str) -> tuple[str, str]:
    """(public pattern key, sentence) of template ``key`` filled with ``values`` and the thresholds."""
    try:
        pattern, template = TEMPLATES[key]
    except KeyError:
        raise ValueError(f"key must be one of {tuple(TEMPLATES)}, got {key!r}") from None
    fields = _Blank(threshold_fields())
    fields.update(values)
    return pattern, template.format_map(fields)
