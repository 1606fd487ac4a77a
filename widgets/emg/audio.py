"""Sound of a needle EMG recording: the loudspeaker of an EMG machine, generated from the simulated signal.

:func:`wav_bytes` resamples a :class:`~widgets.emg.model.Recording` to 44.1 kHz
16-bit mono PCM with no gaps (one continuous buffer, short fades at both ends
so the clip starts and stops without a click). :func:`audio_html` wraps it in a
native ``<audio controls>`` element — keyboard operable, never autoplaying,
``preload="none"`` — with a visible caption describing what is heard, so
the sound is optional and captioned.
"""

from __future__ import annotations

import base64
import html
import io
import wave

import numpy as np

from widgets.emg.model import Recording

AUDIO_RATE_HZ = 44_100
FADE_MS = 5.0


def audio_samples(rec: Recording, rate_hz: int = AUDIO_RATE_HZ) -> np.ndarray:
    """The recording resampled to ``rate_hz`` as int16, scaled so the loudest sample uses 80% of the range."""
    if isinstance(rate_hz, bool) or not isinstance(rate_hz, int) or not 8_000 <= rate_hz <= 96_000:
        raise ValueError(f"rate_hz must be an integer 8000 to 96000, got {rate_hz!r}")
    t_in = np.arange(rec.signal_uv.size) / rec.fs_hz
    n_out = int(round(rec.signal_uv.size * rate_hz / rec.fs_hz))
    t_out = np.arange(n_out) / rate_hz
    y = np.interp(t_out, t_in, rec.signal_uv)
    peak = float(np.max(np.abs(y))) or 1.0
    y = y / max(peak, 500.0) * 0.8  # quiet noise stays quiet; a big unit sounds loud
    fade = int(FADE_MS * rate_hz / 1000)
    ramp = np.linspace(0.0, 1.0, fade)
    y[:fade] *= ramp
    y[-fade:] *= ramp[::-1]
    return np.round(y * 32767).astype(np.int16)


def wav_bytes(rec: Recording, rate_hz: int = AUDIO_RATE_HZ) -> bytes:
    """A WAV file (PCM 16-bit mono) of the recording."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate_hz)
        w.writeframes(audio_samples(rec, rate_hz).tobytes())
    return buf.getvalue()


def caption(rec: Recording) -> str:
    """What the clip sounds like, for people who cannot hear it (described from the model, not a quotation)."""
    if rec.phase in ("insertion", "rest"):
        parts = []
        if rec.phase == "insertion":
            parts.append("a short crackling burst as the needle moves")
        if rec.count("fibrillation") or rec.count("psw"):
            parts.append("regular, brief, high-pitched clicks and dull pops that keep a steady rhythm "
                         "(fibrillation potentials and positive sharp waves)")
        if rec.count("fasciculation"):
            parts.append("occasional louder, irregular thumps (fasciculation potentials)")
        if len(parts) == (1 if rec.phase == "insertion" else 0):
            parts.append("then near silence: only a soft hiss of amplifier noise")
        return "Sound: " + "; ".join(parts) + "."
    n = len(rec.firing)
    if rec.phase == "minimal":
        return (f"Sound: {n} motor unit{'s' if n != 1 else ''} firing as regular thuds; the fastest at "
                f"about {max(r for _, r in rec.firing):.0f} per second.")
    return f"Sound: a {rec.interference} interference pattern: " + (
        "a dense roar" if rec.interference.startswith("full") else "separate rapid thuds, not a continuous roar") + "."


def audio_html(rec: Recording, rate_hz: int = AUDIO_RATE_HZ) -> str:
    """A captioned, keyboard-operable audio player (never autoplays) with the clip as a WAV data URI."""
    data = base64.b64encode(wav_bytes(rec, rate_hz)).decode()
    cap = html.escape(caption(rec))
    return (f'<figure class="mmn-emg-audio"><audio controls preload="none" src="data:audio/wav;base64,{data}">'
            f"</audio><figcaption>{cap}</figcaption></figure>")


#: Clips of the chapter's listening exercise: (title, muscle, preset, phase).
GALLERY: tuple[tuple[str, str, str, str], ...] = (
    ("Fibrillation potentials and positive sharp waves at rest (ALS, late: tongue)", "tongue", "als_late", "rest"),
    ("Fasciculation potentials at rest (ALS, bulbar onset: a strong hand muscle, the first dorsal interosseous)",
     "fdi", "als_bulbar", "rest"),
    ("Maximal contraction, normal first dorsal interosseous", "fdi", "normal", "maximal"),
    ("Maximal contraction behind a conduction block (MMN: first dorsal interosseous)", "fdi", "mmn_block", "maximal"),
)

#: Sampling rate of the book's clips: enough for the clicks and thuds, light enough for the page.
BOOK_RATE_HZ = 11_025


def audio_gallery_html(*, seed: int = 0, rate_hz: int = BOOK_RATE_HZ) -> str:
    """The listening exercise: one captioned player per :data:`GALLERY` clip (nothing plays until pressed).

    For each clip the first person (from ``seed`` on) whose screen shows the event is used, so a fasciculation
    clip always contains a fasciculation.
    """
    from widgets.emg.model import simulate

    items = []
    for title, muscle, preset, phase in GALLERY:
        rec = None
        for s in range(seed, seed + 50):
            rec = simulate(muscle, phase=phase, preset=preset, seed=s)
            if phase != "rest" or rec.count("fasciculation" if "Fasciculation" in title else "fibrillation"):
                break
        items.append(f"<h4>{html.escape(title)}</h4>{audio_html(rec, rate_hz)}")
    return ('<div class="mmn-emg-audio-gallery" role="group" aria-label="Sounds of the needle EMG">'
            + "".join(items) + "</div>")
