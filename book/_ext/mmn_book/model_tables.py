"""The conduction simulator's data table for the browser: ONE export of :mod:`widgets.conduction`'s numbers.

The book's kernel-free explorer runs the nerve conduction model in JavaScript
(``js/conduction/*.js``, served joined as ``conduction-model.js``). Everything that model needs is read from the
table written here at build time, never typed again in JavaScript: the nerve
table (sites, segments, limits, sensory values), the calibration of each nerve,
the criteria thresholds, the teaching presets, the pattern sentences, the model
parameters (unit pools, temperature, waveforms, measurement) and the people.

A seed is a person (:mod:`widgets.conduction.person`), and numpy's random
generator cannot be replayed in a browser, so the sampled people themselves are
exported: for each nerve and each seed of :data:`EXPORTED_SEEDS`, the person's
factors and the unit pools (per-unit velocity, size and delay as float32, the
uniform draws quantised). Draws that are only compared with a setting
(``u_block < block``, ``u_loss >= axon_loss``, ``u_cross < crossover``) are
stored as ``floor(1000 u)``: exact for every setting on a 0.001 grid (the
explorer's controls move in 1% steps). ``u_disp`` scales a slowing continuously
and is stored as float32 like the unit properties.

:func:`table` returns the plain dict, :func:`table_js` the script that sets
``window.MMN_NCS_TABLE`` (a script, not a JSON file, so that it loads from
``file://``), :func:`write_table` writes it into the built site.
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, fields
from pathlib import Path

import numpy as np

from widgets import assets

#: Seeds (people) exported per nerve for the book: 0, the reference person the chapters use (each further
#: person adds about 120 kB to chapter 4; the explorer offers a person menu when the table holds more than one).
EXPORTED_SEEDS = (0,)
#: People the parity tests export: the reference person and two people of the normal population (other heights,
#: unit counts and velocities).
PARITY_SEEDS = (0, 1, 2)
#: Name of the table script in the built site's ``_static`` folder.
TABLE_FILE = "conduction-table.js"
#: The browser model and explorer (``book/_ext/mmn_book/js``), in load order after the table.
SCRIPT_FILES = ("lazy-table.js", "conduction-model.js", "conduction-draw.js", "conduction-words.js", "conduction-explorer.js")
STATIC_DIR = Path(__file__).with_name("js")
#: Scripts of :data:`SCRIPT_FILES` kept in parts: name -> its frame, whose ``// @parts`` line names the parts
#: (``js/conduction/``, one module per thing modelled); the book serves them joined as ONE script
#: (:func:`widgets.assets.bundle`, the same joining as the quiz and plotly-a11y scripts).
JOINED_SCRIPTS = {"conduction-model.js": STATIC_DIR / "conduction" / "conduction-model.js"}
#: The browser conduction model's parts, in load order.
CONDUCTION_PARTS = assets.parts(JOINED_SCRIPTS["conduction-model.js"])
#: Quantisation of the uniform draws compared with a setting.
COMPARE_STEPS = 1000


def _b64(a: np.ndarray, dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(a, dtype=dtype).tobytes()).decode("ascii")


def _pool(pool, *, motor: bool) -> dict:
    out = {
        "n": pool.n,
        "cv": _b64(pool.cv_m_s, "<f4"),
        "size": _b64(pool.size, "<f4"),
        "u_block": _b64(np.floor(pool.u_block * COMPARE_STEPS), "<u2"),
        "u_disp": _b64(pool.u_disp, "<f4"),
        "u_loss": _b64(np.floor(pool.u_loss * COMPARE_STEPS), "<u2"),
    }
    if motor:
        out.update(
            nmj=_b64(pool.nmj_ms, "<f4"),
            u_cross=_b64(np.floor(pool.u_cross * COMPARE_STEPS), "<u2"),
            # threshold = (rank + 0.5) / n: the rank is exact
            rank=_b64(np.round(pool.threshold * pool.n - 0.5), "<u2"),
        )
    return out


def _people(nerve: str, seeds) -> list[dict]:
    from widgets.conduction.person import person
    from widgets.conduction.pool import motor_pool, sensory_pool

    try:  # the person's site distances (height-scaled, widgets.conduction.person.person_nerve)
        from widgets.conduction.person import person_nerve
    except ImportError:  # an older model: every person has the table's distances
        from widgets.conduction.reference_values import get_nerve

        def person_nerve(name, seed):
            return get_nerve(name)

    out = []
    for seed in seeds:
        who = person(nerve, seed)
        out.append({
            "distances_mm": [s.distance_mm for s in person_nerve(nerve, seed).sites],
            "seed": seed,
            "amplitude_factor": who.amplitude_factor,
            "cv_factor": who.cv_factor,
            # the person's speed multiplier of each segment (widgets.conduction.person.cv_split)
            "segment_cv_factors": list(getattr(who, "segment_cv_factors", ())),
            "dml_shift_ms": who.dml_shift_ms,
            "motor_units": who.motor_units,
            "age_years": who.age_years,
            "motor": _pool(motor_pool(nerve, seed), motor=True),
            "sensory": _pool(sensory_pool(nerve, seed), motor=False),
        })
    return out


def _nerve(spec, seeds) -> dict:
    from widgets.conduction.model import _reference_size, calibration

    cal = calibration(spec.name)
    d = asdict(spec)
    d.pop("spread", None)
    d.update(
        calibration={"residual_ms": cal.residual_ms, "mv_per_size": cal.mv_per_size, "uv_per_size": cal.uv_per_size},
        reference_size=_reference_size(spec.name),
        key_segment=spec.key_segment,
        standard_sites=list(spec.standard_sites),
        people=_people(spec.name, seeds),
    )
    return d


def _criteria() -> dict:
    from widgets.conduction.criteria import CRITERIA

    return {part.name: {f.name: getattr(getattr(CRITERIA, part.name), f.name)
                        for f in fields(getattr(CRITERIA, part.name))} for part in fields(CRITERIA)}


def _presets() -> dict:
    from widgets.conduction.presets import PRESETS
    from widgets.conduction.reference_values import get_nerve

    out = {}
    for name, p in PRESETS.items():
        out[name] = {
            "name": name, "title": p.title, "nerve": p.nerve, "nerves": list(p.nerves), "expected": p.expected,
            "teaching": p.teaching, "axon_loss": p.axon_loss, "reinnervation": p.reinnervation,
            "sensory_axon_loss": p.sensory_axon_loss, "temperature_c": p.temperature_c,
            "lesions": {n: [asdict(les) for les in p.lesions_for(n)] for n in p.nerves},
            "pitfalls": {n: p.pitfalls_for(get_nerve(n)) for n in p.nerves},
        }
    return out


def _recording() -> dict | None:
    """Recording pitfalls (electrode position, reference electrode, low-frequency filter), if the model has them."""
    try:
        from widgets.conduction import recording as r
    except ImportError:
        return None
    return {
        "offset_delay_ms_per_mm": r.OFFSET_DELAY_MS_PER_MM, "offset_space_constant_mm": r.OFFSET_SPACE_CONSTANT_MM,
        "leading_positivity": r.LEADING_POSITIVITY, "reference_delay_ms": r.REFERENCE_DELAY_MS,
        "offset_range_mm": list(r.OFFSET_RANGE_MM), "pickup_range": list(r.PICKUP_RANGE),
        "filter_range_hz": list(r.FILTER_RANGE_HZ), "raised_filter_hz": r.RAISED_FILTER_HZ,
        "filter_choices_hz": list(r.FILTER_CHOICES_HZ),
    }


def table(seeds=EXPORTED_SEEDS) -> dict:
    """Everything the browser model needs, from :mod:`widgets.conduction` (plain JSON types)."""
    from widgets import palette
    from widgets.conduction import describe, figures, measure, model, patterns, waveforms
    from widgets.conduction.checklist import MARKS
    from widgets.conduction.lesions import MAX_SLOWING
    from widgets.conduction.pool import PARAMETERS
    from widgets.conduction.reference_values import (
        NERVES,
        REFERENCE_TEMPERATURE_C,
        TEMPERATURE_RANGE_C,
    )
    from widgets.conduction.temperature import TEMPERATURE

    return {
        "version": 1,
        "seeds": list(seeds),
        "compare_steps": COMPARE_STEPS,
        "dt_ms": waveforms.DT_MS,
        "mup": asdict(waveforms.MUP),
        "sfap": asdict(waveforms.SFAP),
        "sfap_onset_ms": waveforms.sfap_onset_ms(1.0),
        "measure": {"onset_fraction": measure.ONSET_FRACTION, "last_peak_fraction": measure.LAST_PEAK_FRACTION},
        "pool": asdict(PARAMETERS),
        "reinnervation_stretch": model.REINNERVATION_STRETCH,
        "max_slowing": MAX_SLOWING,
        "temperature": asdict(TEMPERATURE),
        "reference_temperature_c": REFERENCE_TEMPERATURE_C,
        "temperature_range_c": list(TEMPERATURE_RANGE_C),
        "criteria": _criteria(),
        "templates": {k: list(v) for k, v in patterns.TEMPLATES.items()},
        "threshold_fields": patterns.threshold_fields(),
        "excluded_by": {"mga": describe.MGA, "submaximal": describe.SUBMAXIMAL},
        "marks": {"true": MARKS[True], "false": MARKS[False], "null": MARKS[None]},
        "verdict_max_chars": figures.VERDICT_MAX_CHARS,
        "max_sites": figures.MAX_SITES,
        "palette": {"text": palette.TEXT, "grid": palette.GRID, "background": palette.BACKGROUND,
                    "traces": [{"color": palette.style(k).color, "dash": palette.style(k).dash}
                               for k in range(figures.MAX_SITES)]},
        "recording": _recording(),
        "nerves": {name: _nerve(spec, seeds) for name, spec in NERVES.items()},
        "presets": _presets(),
    }


def table_js(seeds=EXPORTED_SEEDS) -> str:
    """The table as a script setting ``window.MMN_NCS_TABLE``."""
    body = json.dumps(table(seeds), separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return f"window.MMN_NCS_TABLE={body};\n"


def script_source(name: str) -> str:
    """Text of one of :data:`SCRIPT_FILES` (the browser model or explorer).

    A script of :data:`JOINED_SCRIPTS` is its parts joined in order (``conduction-model.js``: the files of
    ``js/conduction/``); any other is read from :data:`STATIC_DIR`.
    """
    if name not in SCRIPT_FILES:
        raise ValueError(f"name must be one of {SCRIPT_FILES}, got {name!r}")
    if name in JOINED_SCRIPTS:
        return assets.bundle(JOINED_SCRIPTS[name])
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def compact(source: str) -> str:
    """A script without its comment lines and indentation (the served copy; the source keeps them)."""
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def people_file(nerve: str) -> str:
    """Name of the script holding the exported people of ``nerve`` (loaded when the explorer first shows it)."""
    return f"conduction-people-{nerve}.js"


def people_js(nerve: str, people: list) -> str:
    """The script of :func:`people_file`: it adds the people to ``window.MMN_NCS_PEOPLE`` and tells the explorer."""
    body = json.dumps(people, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return (f"(window.MMN_NCS_PEOPLE=window.MMN_NCS_PEOPLE||{{}})[{json.dumps(nerve)}]={body};\n"
            f"if(window.MMNConductionExplorer)window.MMNConductionExplorer.peopleLoaded({json.dumps(nerve)});\n")


def write_table(static_dir: Path, seeds=EXPORTED_SEEDS) -> Path:
    """Write :data:`TABLE_FILE` and, beside it, each nerve's people (:func:`people_file`) into ``static_dir``.

    A page then loads only the nerves its reader looks at. Returns the table's path.
    """
    static_dir = Path(static_dir)
    static_dir.mkdir(parents=True, exist_ok=True)
    t = table(seeds)
    for name, spec in t["nerves"].items():
        (static_dir / people_file(name)).write_text(people_js(name, spec.pop("people")), encoding="utf-8")
    t["people_files"] = {name: people_file(name) for name in t["nerves"]}
    path = static_dir / TABLE_FILE
    body = json.dumps(t, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    path.write_text(f"window.MMN_NCS_TABLE={body};\n", encoding="utf-8")
    return path


def write_assets(static_dir: Path) -> None:
    """Write the table, each nerve's people and the compacted scripts into ``static_dir``."""
    write_table(static_dir)
    for name in SCRIPT_FILES:
        (Path(static_dir) / name).write_text(compact(script_source(name)), encoding="utf-8")


#: Class of the explorer's mount point: pages without it do not load the table and scripts.
MARKER = "mmn-ncs-explorer"
ASSETS = (TABLE_FILE, *SCRIPT_FILES)


def add_assets(app, config) -> None:
    """Sphinx ``config-inited``: write the table to a generated static folder and serve it with the scripts.

    The table and the scripts of :data:`STATIC_DIR` (without comment lines and indentation, :func:`compact`) go
    to ``<build>/conduction_static`` (next to the HTML output), which joins ``html_static_path``, so Sphinx
    copies it into ``_static``.
    :mod:`mmn_book.page_assets` drops them from pages without a conduction explorer (:data:`MARKER`);
    ``defer`` keeps their order and runs them once the page is parsed.
    """
    folder = Path(app.outdir).parent / "conduction_static"
    write_assets(folder)
    config.html_static_path.append(str(folder))
    # the table (and each nerve's people) is loaded by conduction-explorer.js when the reader comes near a simulator
    for i, name in enumerate(SCRIPT_FILES):
        app.add_js_file(name, priority=670 + i, defer="defer")
