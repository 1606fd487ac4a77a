"""Needle EMG of one muscle in one phase of the examination: :func:`simulate` returns a :class:`Recording`.

Phases (as an electromyographer does them): ``insertion`` (the burst as the
needle moves, then rest), ``rest`` (spontaneous activity: fibrillation
potentials, positive sharp waves, fasciculation potentials), ``minimal`` (a
slight contraction: the first units are recruited and their MUPs measured) and
``maximal`` (the interference pattern).

Recruitment: the patient's drive rises until the force of a normal person's
slight contraction is reached *and* at least two units fire (the examiner asks
for a little more until a second unit appears). Units that are lost or blocked
cannot be recruited, so the first units must fire faster before the next one
joins: reduced recruitment. Myopathic units are weak, so more of them are
needed for the same force: early recruitment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy.fft import irfft, next_fast_len, rfft

from widgets.emg.potentials import (
    FS_HZ,
    TEMPLATE_MS,
    MupMeasure,
    calibrate_templates,
    fibrillation,
    measure_mup,
    positive_sharp_wave,
    unit_templates,
)
from widgets.emg.reference_values import check_phase, get_muscle
from widgets.emg.state import MuscleState
from widgets.emg.units import PARAMETERS, availability, check_seed, check_site, rng_for, unit_pool

#: Length of each phase's recording (ms).
EPOCH_MS: dict[str, float] = {"insertion": 1000.0, "rest": 1000.0, "minimal": 1000.0, "maximal": 500.0}
#: Fibrillating fibres in the pick-up per grade 0..4.
GENERATORS_PER_GRADE = (0, 1, 3, 6, 12)
#: Baseline noise of the amplifier (µV RMS).
NOISE_UV = 4.0
#: Coefficient of variation of voluntary inter-spike intervals and of fibrillation intervals.
VOLUNTARY_CV = 0.1
FIBRILLATION_CV = 0.02


@dataclass(frozen=True)
class Recording:
    """One screen of needle EMG and what an electromyographer reads from it.

    ``signal_uv``: the trace (µV, negative = up), sampled at ``fs_hz``;
    ``firing``: ``(unit, rate_hz)`` of each voluntarily firing unit, first
    recruited first; ``mups``: measurements of the firing units' potentials
    (minimal contraction), ``templates``: their waveforms (µV, 40 ms each);
    ``spikes``: ``(time_ms, kind)`` of every discharge on the screen, kind one
    of ``"mup"``, ``"fibrillation"``, ``"psw"``, ``"fasciculation"``,
    ``"insertion"``; ``insertional_ms``: length of the insertion burst; ``events``: where every waveform
    was placed, as plain data for the browser implementation (``book/_ext/mmn_book/emg_tables.py``):
    ``("unit", unit, variant, start_samples)`` for a unit's template (voluntary and fasciculation discharges,
    ``start_samples`` a tuple of first-sample indices), ``(kind, start_sample, time_ms, amplitude_uv)`` for a
    fibrillation (``"fib"``), positive sharp wave (``"psw"``) or insertion potential (``"ins_fib"``,
    ``"ins_psw"``).
    """

    muscle: str
    state: MuscleState
    phase: str
    seed: int
    signal_uv: np.ndarray
    fs_hz: int
    firing: tuple[tuple[int, float], ...] = ()
    mups: tuple[MupMeasure, ...] = ()
    templates: tuple[np.ndarray, ...] = ()
    spikes: tuple[tuple[float, str], ...] = ()
    insertional_ms: float = 0.0
    interference: str = ""
    preset: str | None = None
    notes: tuple[str, ...] = field(default=())
    events: tuple = field(default=(), repr=False, compare=False)

    @property
    def time_ms(self) -> np.ndarray:
        """Time of each sample of ``signal_uv`` (ms)."""
        return np.arange(self.signal_uv.size) * 1000.0 / self.fs_hz

    @property
    def recruitment_rate_hz(self) -> float:
        """Firing rate of the first recruited unit (Hz), 0 if none fires."""
        return self.firing[0][1] if self.firing else 0.0

    @property
    def recruitment_ratio(self) -> float:
        """Fastest firing rate ÷ number of units firing (about 5 normally, above 10 = reduced)."""
        if not self.firing:
            return 0.0
        return max(r for _, r in self.firing) / len(self.firing)

    def count(self, kind: str) -> int:
        """Number of discharges of one kind on the screen.

        Parameters
        ----------
        kind : str
            ``"mup"``, ``"fibrillation"``, ``"psw"``, ``"fasciculation"``… as in ``spikes``.

        Returns
        -------
        int
            How many entries of ``spikes`` have that kind.
        """
        return sum(1 for _, k in self.spikes if k == kind)


@dataclass(frozen=True)
class _Muscle:
    """Cached per (muscle, state, seed): templates and forces of the units."""

    available: np.ndarray  # indices of recruitable units, by threshold
    surviving: np.ndarray  # indices of units with an axon (available or blocked)
    templates: dict
    measures: dict
    force: np.ndarray
    spectra: dict = field(default_factory=dict)  # template spectra per FFT length (filled on first use)


def _enlargement(state: MuscleState) -> float:
    if state.axon_loss <= 0 or state.reinnervation <= 0:
        return 1.0
    e = 1.0 + state.reinnervation * state.axon_loss / (1.0 - state.axon_loss)
    return float(min(e, PARAMETERS.max_enlargement))


@lru_cache(maxsize=1024)
def _muscle(muscle: str, state: MuscleState, seed: int, site: int = 0) -> _Muscle:
    pool = unit_pool(muscle, seed, site)
    cal = get_muscle(muscle)
    lost, blocked = availability(pool, state.axon_loss, state.block)
    enl = _enlargement(state)
    variants = 4 if state.instability > 0 and enl > 1 else 1
    surviving = np.flatnonzero(~lost)
    templates, measures = {}, {}
    for i in surviving:
        time_scale = cal.mup_scale * pool.person_time * float(pool.time_factor[i])
        tpl = calibrate_templates(unit_templates(pool, int(i), state, enl, variants),
                                  float(np.clip(time_scale, 0.5, 2.0)), cal.mup_amplitude_scale * pool.person_amplitude)
        templates[int(i)] = tpl
        measures[int(i)] = measure_mup(tpl[0], unstable=variants > 1)
    force = pool.fibres * enl * (1.0 - state.myopathy) * (1.0 - 0.45 * state.myopathy)
    return _Muscle(np.flatnonzero(~lost & ~blocked), surviving, templates, measures, force)


def _rates(pool, units: np.ndarray, drive) -> np.ndarray:
    """Firing rates (Hz) of ``units`` at ``drive`` (scalar, or an array: one row per drive)."""
    d = np.asarray(drive, dtype=float)[..., None]
    th = pool.threshold[units]
    r = pool.onset_hz[units] + pool.gain_hz * (d - th)
    return np.where(th <= d, np.minimum(r, pool.max_hz[units]), 0.0)


#: Units firing in a normal muscle during the "minimal" (slight) contraction at which recruitment is judged.
SLIGHT_UNITS = 4
_DRIVES = np.linspace(0.0, 1.0, 1001)


def _minimal_drive(muscle: str, state: MuscleState, seed: int, site: int, pool, m: _Muscle) -> float:
    """Drive of a slight contraction.

    At least the drive at which a normal person fires :data:`SLIGHT_UNITS` units, enough for that person's
    force (weak units need more drive), and at least two units if the muscle has them.
    """
    normal = _muscle(muscle, MuscleState(), seed, site)
    spacing = PARAMETERS.threshold_max / pool.n
    drive_normal = pool.threshold[normal.available[SLIGHT_UNITS - 1]] + 0.3 * spacing
    target = float(np.sum(normal.force[normal.available] * _rates(pool, normal.available, drive_normal)))
    forces = _rates(pool, m.available, _DRIVES) @ m.force[m.available]
    reach = np.flatnonzero(forces >= target)
    drive_force = _DRIVES[reach[0]] if reach.size else 1.0
    drive_second = pool.threshold[m.available[1]] + 0.3 * spacing if m.available.size >= 2 else 0.0
    return float(min(max(drive_normal, drive_force, drive_second), 1.0))


def recruitment_frequency(muscle: str, state: MuscleState | None = None, *, seed: int = 0, site: int = 0) -> float:
    """Recruitment frequency: firing rate of the first unit when the next one is recruited.

    Parameters
    ----------
    muscle : str
        Key of a muscle in the reference table.
    state : MuscleState, optional
        The muscle's state; a normal muscle when omitted.
    seed : int
        The person.
    site : int
        The needle position in the muscle.

    Returns
    -------
    float
        Firing rate (Hz) of the first recruited unit at the moment the next available unit is recruited; the
        first unit's maximal rate if no other unit is available (infinite drive needed).
    """
    get_muscle(muscle)
    state = MuscleState() if state is None else state
    pool = unit_pool(muscle, check_seed(seed), check_site(site))
    m = _muscle(muscle, state, int(seed), int(site))
    if m.available.size < 2:
        return float(pool.max_hz[m.available[0]])
    return float(_rates(pool, m.available[:1], pool.threshold[m.available[1]])[0])


def _spike_times(rng, rate_hz: float, epoch_ms: float, cv: float) -> np.ndarray:
    if rate_hz <= 0:
        return np.empty(0)
    mean = 1000.0 / rate_hz
    n = int(epoch_ms / mean) + 3
    intervals = mean * np.clip(1.0 + cv * rng.standard_normal(n), 0.3, None)
    return rng.uniform(0, mean) + np.concatenate([[0.0], np.cumsum(intervals[:-1])])


def _place(n: int, times_ms: np.ndarray, waves: list[np.ndarray], offset_ms: float) -> np.ndarray:
    """Sum ``waves`` starting at ``times_ms - offset_ms`` into a signal of ``n`` samples (bincount, no loops)."""
    if not waves:
        return np.zeros(n)
    starts = np.round((np.asarray(times_ms) - offset_ms) * FS_HZ / 1000.0).astype(int)
    lengths = {w.size for w in waves}
    if len(lengths) == 1:
        idx = (starts[:, None] + np.arange(waves[0].size)).ravel()
        val = np.stack(waves).ravel()
    else:
        idx = np.concatenate([s + np.arange(w.size) for s, w in zip(starts, waves)])
        val = np.concatenate(waves)
    ok = (idx >= 0) & (idx < n)
    return np.bincount(idx[ok], weights=val[ok], minlength=n)


def _convolve_trains(n: int, rows: list[np.ndarray], row_tpl: list[tuple[int, int]], m: _Muscle,
                     offset_ms: float) -> np.ndarray:
    """Sum of spike trains convolved with their units' templates, in one pass in the frequency domain."""
    width = next(iter(m.templates.values())).shape[1]
    nfft = next_fast_len(n + width)
    key = (nfft, tuple(row_tpl))
    spectra = m.spectra.get(key)
    if spectra is None:
        spectra = rfft(np.stack([m.templates[u][v] for u, v in row_tpl]), nfft, axis=1)
        if len(m.spectra) < 16:
            m.spectra[key] = spectra
    trains = np.zeros((len(rows), nfft))
    for k, idx in enumerate(_starts(rows, n, offset_ms)):
        np.add.at(trains[k], idx, 1.0)
    return irfft(np.sum(rfft(trains, nfft, axis=1) * spectra, axis=0), nfft)[:n]


def _starts(rows: list[np.ndarray], n: int, offset_ms: float) -> list[np.ndarray]:
    """First-sample index of each discharge of each row (times in ms), kept if it falls on the screen."""
    out = []
    for t in rows:
        idx = np.round((t - offset_ms) * FS_HZ / 1000.0).astype(int)
        out.append(idx[(idx >= 0) & (idx < n)])
    return out


def simulate(muscle: str = "fdi", state: MuscleState | None = None, phase: str = "minimal", *,
             seed: int = 0, preset: str | None = None, site: int = 0) -> Recording:
    """Needle EMG of ``muscle`` in ``phase`` for person ``seed``.

    Parameters
    ----------
    muscle
        Key of :data:`~widgets.emg.reference_values.MUSCLES`.
    state
        What disease has done to the muscle (default normal). With ``preset``, the state comes from the preset.
    phase
        ``"insertion"``, ``"rest"``, ``"minimal"`` or ``"maximal"``.
    seed
        The person (non-negative integer): the same seed gives the same units and the same trace.
    preset
        Name of a disease preset (:data:`~widgets.emg.presets.PRESETS`); the muscle's state is taken from it.
    site
        Needle position in the muscle (0 to 3): each position samples different units of the same person.
    """
    get_muscle(muscle)
    check_phase(phase)
    seed = check_seed(seed)
    site = check_site(site)
    if preset is not None:
        from widgets.emg.presets import get_preset

        if state is not None:
            raise ValueError("give either state or preset, not both")
        state = get_preset(preset).state(muscle)
    if state is None:
        state = MuscleState()
    if not isinstance(state, MuscleState):
        raise ValueError(f"state must be a MuscleState, got {type(state).__name__}")

    pool = unit_pool(muscle, seed, site)
    m = _muscle(muscle, state, seed, site)
    epoch = EPOCH_MS[phase]
    n = int(epoch * FS_HZ / 1000)
    rng = rng_for(get_muscle(muscle), seed, f"trace/{site}/{phase}/{hash(state) & 0xFFFFFFFF}")
    signal = NOISE_UV * rng.standard_normal(n)
    spikes: list[tuple[float, str]] = []
    offset = TEMPLATE_MS * 0.35
    firing: list[tuple[int, float]] = []
    mups: list[MupMeasure] = []
    templates: list[np.ndarray] = []
    insertional = 0.0
    interference = ""
    events: list[tuple] = []

    if phase in ("insertion", "rest"):
        sig, sp, insertional, events = _spontaneous(rng, pool, m, state, epoch, phase == "insertion")
        signal += sig
        spikes += sp
    else:
        drive = 1.0 if phase == "maximal" else _minimal_drive(muscle, state, seed, site, pool, m)
        rates = _rates(pool, m.available, drive)
        rows, row_tpl = [], []
        for u, r in zip(m.available, rates):
            if r <= 0:
                continue
            firing.append((int(u), round(float(r), 1)))
            t = _spike_times(rng, float(r), epoch, VOLUNTARY_CV)
            tpl = m.templates[int(u)]
            pick = rng.integers(0, tpl.shape[0], t.size)
            for v in range(tpl.shape[0]):
                rows.append(t[pick == v])
                row_tpl.append((int(u), v))
            spikes += [(float(x), "mup") for x in t if x < epoch]
        if rows:
            signal += _convolve_trains(n, rows, row_tpl, m, offset)
            events = [("unit", u, v, tuple(int(i) for i in idx))
                      for (u, v), idx in zip(row_tpl, _starts(rows, n, offset)) if idx.size]
        mups = [m.measures[u] for u, _ in firing[:6]]
        templates = [m.templates[u][0] for u, _ in firing[:3]]
        if phase == "maximal":
            interference = _interference(len(firing), pool.n, np.median([x.amplitude_uv for x in mups]))
    spikes.sort()
    return Recording(muscle, state, phase, seed, signal, FS_HZ, tuple(firing), tuple(mups), tuple(templates),
                     tuple(spikes), insertional, interference, preset, events=tuple(events))


def _interference(n_firing: int, n_pool: int, median_amp_uv: float) -> str:
    frac = n_firing / n_pool
    if frac >= 0.7:
        return "full, low amplitude" if median_amp_uv < 250 else "full"
    if frac >= 0.35:
        return "reduced"
    return "discrete (single units firing fast)"


def _spontaneous(rng, pool, m: _Muscle, state: MuscleState, epoch: float, insertion: bool):
    """Fibrillations, positive sharp waves, fasciculations and (``insertion``) the insertion burst."""
    n = int(epoch * FS_HZ / 1000)
    times, waves, spikes, events = [], [], [], []
    start = 40.0 if insertion else 0.0
    for g in range(GENERATORS_PER_GRADE[state.denervation]):
        rate = rng.uniform(1.0, 12.0)
        psw = rng.random() < 0.5
        amp = float(np.exp(rng.uniform(np.log(30.0), np.log(200.0))))
        t = _spike_times(rng, rate, epoch, FIBRILLATION_CV)
        t = t[(t >= start) & (t < epoch)]
        w = positive_sharp_wave(amp) if psw else fibrillation(amp)
        times.append(t)
        waves += [w] * t.size
        spikes += [(float(x), "psw" if psw else "fibrillation") for x in t]
        events += [("psw" if psw else "fib", x, amp) for x in t]
    sig = _place(n, np.concatenate(times), waves, 0.0) if times else np.zeros(n)
    if state.fasciculations_per_s > 0 and m.surviving.size:
        k = rng.poisson(state.fasciculations_per_s * epoch / 1000.0)
        t = np.sort(rng.uniform(start, epoch, k))
        units = rng.choice(m.surviving, size=k)
        variants = [int(rng.integers(0, m.templates[int(u)].shape[0])) for u in units]
        w = [m.templates[int(u)][v] for u, v in zip(units, variants)]
        sig += _place(n, t, w, TEMPLATE_MS * 0.35)
        spikes += [(float(x), "fasciculation") for x in t]
        first = np.round((t - TEMPLATE_MS * 0.35) * FS_HZ / 1000.0).astype(int)  # may be < 0: drawn in part
        events += [("unit", int(u), v, (int(x),)) for x, u, v in zip(first, units, variants)]
    insertional = 0.0
    if insertion:
        base = rng.uniform(80.0, 220.0)
        length = base + (150.0 * state.denervation if state.denervation else 0.0)
        k = int(rng.poisson(length * 0.35))
        t = 20.0 + np.sort(rng.exponential(length / 3.0, k))
        t = t[t < 20.0 + length]
        amps = np.exp(rng.uniform(np.log(40.0), np.log(400.0), t.size))
        psw = (rng.random(t.size) < 0.15 * state.denervation)
        w = [positive_sharp_wave(a) if p else fibrillation(a) for a, p in zip(amps, psw)]
        sig += _place(n, t, w, 0.0)
        spikes += [(float(x), "insertion") for x in t]
        events += [("ins_psw" if p else "ins_fib", x, a) for x, a, p in zip(t, amps, psw)]
        insertional = float(t[-1] - 20.0 + 5.0) if t.size else 0.0
    # first sample of each placed waveform, as _place computes it
    events = [(e[0], int(np.round(e[1] * FS_HZ / 1000.0)), float(e[1]), float(e[2])) if e[0] != "unit" else e
              for e in events]
    return sig, spikes, insertional, tuple(events)
