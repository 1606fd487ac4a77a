/* Needle EMG simulator, browser implementation (no DOM): window.MMNEmg.
 *
 * It reads ONE table exported from Python at build time (window.MMN_EMG_TABLE, written by
 * book/_ext/mmn_book/emg_tables.py from widgets.emg) and computes what widgets.emg computes:
 * which units are lost or blocked, the drive of a slight contraction, firing rates (size principle),
 * MUP measurements (amplitude, duration, phases), the interference pattern, the screen signal,
 * its sound at 44.1 kHz, the findings and the caption in words, and the Awaji/Gold Coast regions rule.
 * A person's random draws (units, templates, discharge times) come from the table; only the
 * amplifier noise is drawn here (mulberry32), and it is never measured.
 * tests/browser/test_emg_parity.py holds every function to the Python model.
 */
(function (root) {
  "use strict";
  if (root.MMNEmg) return;

  /* ---------- numbers formatted as Python's format() does (ties to even on exact binary ties) ---------- */
  function pyFixed(x, d) {
    // toFixed and toPrecision use the exact binary value, as Python does; they differ only on exact ties
    var ax = Math.abs(x), s = ax.toPrecision(100), dot = s.indexOf(".");
    if (s.indexOf("e") < 0 && dot >= 0 && /^50*$/.test(s.slice(dot + 1 + d))) {
      var p = 10 ** d, k = Math.floor(ax * p), r = (k % 2 === 0) ? k : k + 1;
      return (x < 0 ? "-" : "") + (r / p).toFixed(d);
    }
    return x.toFixed(d);
  }
  function pyRound1(x) { return Math.round(x * 10) / 10; }

  /* ---------- table access ---------- */
  function screenKey(preset, muscle) { return preset + "/" + muscle; }
  function findScreen(T, preset, muscle) {
    for (var i = 0; i < T.screens.length; i++) {
      var s = T.screens[i];
      if (s.preset === preset && s.muscle === muscle) return s;
    }
    throw new Error("no EMG screen for " + screenKey(preset, muscle));
  }
  function templateLength(T) { return Math.round(T.reference.template_ms * T.reference.fs_hz / 1000); }

  function decode(T, enc) {
    var out = new Float64Array(templateLength(T)), step = T.reference.template_step_uv;
    var first = enc[0], d = 0, v = 0; // second differences, summed twice
    for (var i = 1; i < enc.length; i++) { d += enc[i]; v += d; out[first + i - 1] = v * step; }
    return out;
  }

  /* ---------- units: loss, block, force (widgets/emg/units.py availability, model._muscle) ---------- */
  function availability(pool, axonLoss, block) {
    var n = pool.u_loss.length, lost = [], blocked = [], any = false, i;
    for (i = 0; i < n; i++) {
      lost.push(pool.u_loss[i] < axonLoss);
      blocked.push(pool.u_block[i] < block && !lost[i]);
      if (!lost[i] && !blocked[i]) any = true;
    }
    if (!any) { lost[0] = false; blocked[0] = false; }
    return { lost: lost, blocked: blocked };
  }

  function muscleModel(_T, scr, state) {
    state = state || scr.state;
    var pool = scr.pool, n = pool.fibres.length, a = availability(pool, state.axon_loss, state.block);
    var enl = state === scr.state ? scr.enlargement : 1.0, my = state.myopathy;
    var available = [], surviving = [], force = [];
    for (var i = 0; i < n; i++) {
      if (!a.lost[i]) surviving.push(i);
      if (!a.lost[i] && !a.blocked[i]) available.push(i);
      force.push(pool.fibres[i] * enl * (1.0 - my) * (1.0 - 0.45 * my));
    }
    return { n: n, available: available, surviving: surviving, force: force };
  }

  function rate(pool, u, d) {
    var th = pool.threshold[u];
    if (!(th <= d)) return 0.0;
    return Math.min(pool.onset_hz[u] + pool.gain_hz * (d - th), pool.max_hz[u]);
  }

  var NORMAL = { denervation: 0, fasciculations_per_s: 0, axon_loss: 0, reinnervation: 0, instability: 0,
                 block: 0, myopathy: 0 };

  /* model._minimal_drive: a slight contraction */
  function minimalDrive(T, scr, m) {
    var R = T.reference, pool = scr.pool, normal = muscleModel(T, scr, NORMAL);
    var spacing = R.threshold_max / m.n;
    var dNormal = pool.threshold[normal.available[R.slight_units - 1]] + 0.3 * spacing;
    var target = 0, i, k;
    for (i = 0; i < normal.available.length; i++) {
      var u = normal.available[i];
      target += normal.force[u] * rate(pool, u, dNormal);
    }
    var nd = R.drives, step = 1.0 / (nd - 1), dForce = 1.0;
    for (k = 0; k < nd; k++) {
      var d = k === nd - 1 ? 1.0 : k * step, f = 0;
      for (i = 0; i < m.available.length; i++) f += rate(pool, m.available[i], d) * m.force[m.available[i]];
      if (f >= target) { dForce = d; break; }
    }
    var dSecond = m.available.length >= 2 ? pool.threshold[m.available[1]] + 0.3 * spacing : 0.0;
    return Math.min(Math.max(dNormal, dForce, dSecond), 1.0);
  }

  /* units firing voluntarily: [[unit, rate_hz (0.1)], ...], first recruited first */
  function firing(T, scr, phase) {
    if (phase !== "minimal" && phase !== "maximal") return [];
    var m = muscleModel(T, scr), d = phase === "maximal" ? 1.0 : minimalDrive(T, scr, m), out = [];
    for (var i = 0; i < m.available.length; i++) {
      var r = rate(scr.pool, m.available[i], d);
      if (r > 0) out.push([m.available[i], pyRound1(r)]);
    }
    return out;
  }

  /* potentials.measure_mup */
  function measureMup(T, v, unstable) {
    var thr = T.reference.duration_threshold_uv, lo = Infinity, hi = -Infinity, first = -1, last = -1, i;
    for (i = 0; i < v.length; i++) {
      if (v[i] < lo) lo = v[i];
      if (v[i] > hi) hi = v[i];
      if (Math.abs(v[i]) > thr) { if (first < 0) first = i; last = i; }
    }
    var amp = pyRound1(hi - lo);
    if (first < 0) return { amplitude_uv: amp, duration_ms: 0, phases: 0, unstable: !!unstable };
    var phases = 1, prev = 0;
    for (i = first; i <= last; i++) {
      if (Math.abs(v[i]) > thr) {
        var s = v[i] > 0 ? 1 : -1;
        if (prev && s !== prev) phases++;
        prev = s;
      }
    }
    var dur = Math.round((last - first) * 1000 / T.reference.fs_hz * 100) / 100;
    return { amplitude_uv: amp, duration_ms: dur, phases: phases, unstable: !!unstable };
  }

  function median(xs) {
    var s = xs.slice().sort(function (a, b) { return a - b; }), n = s.length;
    return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  function interference(T, nFiring, nPool, medianAmp) {
    var I = T.reference.interference, frac = nFiring / nPool;
    if (frac >= I.full) return medianAmp < I.low_amplitude_uv ? "full, low amplitude" : "full";
    if (frac >= I.reduced) return "reduced";
    return "discrete (single units firing fast)";
  }

  /* potentials.fibrillation / positive_sharp_wave */
  function hat(T, sigma, flank) {
    var dt = 1000 / T.reference.fs_hz, a = -5 * sigma, b = 5 * sigma + 1e-9, n = Math.ceil((b - a) / dt);
    var out = new Float64Array(n);
    for (var i = 0; i < n; i++) { var x = (a + i * dt) / sigma; out[i] = -(1 - flank * x * x) * Math.exp(-0.5 * x * x); }
    return out;
  }
  function psw(T) {
    var dt = 1000 / T.reference.fs_hz, n = Math.ceil(12.0 / dt), out = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      var t = i * dt;
      out[i] = Math.exp(-0.5 * ((t - 0.6) / 0.25) ** 2) - (t / 3.0) * Math.exp(1 - t / 3.0) * 0.3;
    }
    return out;
  }
  var shapes = null;
  function waveShapes(T) {
    if (!shapes) shapes = { fib: hat(T, 0.28, 1.0), psw: psw(T) };
    return shapes;
  }

  var decoded = typeof WeakMap === "function" ? new WeakMap() : null;
  function templates(T, scr) {
    var cached = decoded && decoded.get(scr);
    if (cached) return cached;
    var out = {};
    Object.keys(scr.templates).forEach(function (u) {
      out[u] = scr.templates[u].map(function (e) { return decode(T, e); });
    });
    if (decoded) decoded.set(scr, out);
    return out;
  }

  function add(signal, wave, start, scale) {
    var n = signal.length, i0 = Math.max(0, -start), i1 = Math.min(wave.length, n - start);
    for (var i = i0; i < i1; i++) signal[start + i] += scale * wave[i];
  }

  /* One screen of one phase: model.simulate without the noise */
  function recording(T, scr, phase) {
    var R = T.reference, n = Math.floor(R.epoch_ms[phase] * R.fs_hz / 1000);
    var signal = new Float64Array(n), ph = scr.phases[phase], tpl = templates(T, scr), S = waveShapes(T);
    var counts = { fibrillation: 0, psw: 0, fasciculation: 0, insertion: 0 }, lastIns = null, i, j;
    ph.units.forEach(function (e) {
      var w = tpl[String(e[0])][e[1]];
      for (j = 0; j < e[2].length; j++) add(signal, w, e[2][j], 1.0);
      if (phase === "insertion" || phase === "rest") counts.fasciculation += e[2].length;
    });
    ph.spont.forEach(function (e) {
      var kind = e[0], w = (kind === "psw" || kind === "ins_psw") ? S.psw : S.fib;
      add(signal, w, e[1], e[3]);
      if (kind === "fib") counts.fibrillation++;
      else if (kind === "psw") counts.psw++;
      else { counts.insertion++; lastIns = lastIns === null ? e[2] : Math.max(lastIns, e[2]); }
    });
    var fire = firing(T, scr, phase), mups = [], unstable = scr.state.instability > 0 && scr.enlargement > 1;
    for (i = 0; i < Math.min(6, fire.length); i++) mups.push(measureMup(T, tpl[String(fire[i][0])][0], unstable));
    var inter = "";
    if (phase === "maximal") {
      inter = interference(T, fire.length, scr.pool.fibres.length, median(mups.map(function (x) { return x.amplitude_uv; })));
    }
    var ratio = 0;
    if (fire.length) ratio = Math.max.apply(null, fire.map(function (f) { return f[1]; })) / fire.length;
    return {
      preset: scr.preset, muscle: scr.muscle, phase: phase, seed: scr.seed, state: scr.state, signal: signal,
      fs_hz: R.fs_hz, firing: fire, mups: mups, counts: counts, recruitment_ratio: ratio, interference: inter,
      insertional_ms: phase === "insertion" && lastIns !== null ? lastIns - 20.0 + 5.0 : 0.0,
      firstTemplate: fire.length ? tpl[String(fire[0][0])][0] : null
    };
  }

  /* amplifier noise: mulberry32 + Box-Muller, seeded by the screen (never measured) */
  function mulberry32(a) {
    return function () {
      a |= 0; a = (a + 0x6D2B79F5) | 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function hashString(s) {
    var h = 2166136261;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
    return h >>> 0;
  }
  function withNoise(T, rec) {
    var rnd = mulberry32(hashString(rec.preset + "/" + rec.muscle + "/" + rec.phase + "/" + rec.seed));
    var s = rec.signal, out = new Float64Array(s.length), sd = T.reference.noise_uv;
    for (var i = 0; i < s.length; i += 2) {
      var u1 = Math.max(rnd(), 1e-12), u2 = rnd(), r = Math.sqrt(-2 * Math.log(u1));
      out[i] = s[i] + sd * r * Math.cos(2 * Math.PI * u2);
      if (i + 1 < s.length) out[i + 1] = s[i + 1] + sd * r * Math.sin(2 * Math.PI * u2);
    }
    return out;
  }

  /* ---------- words: figures.findings_text and audio.caption ---------- */
  function phaseName(T, phase) { return T.phases[phase].split(" (")[0]; }

  function findingsText(T, rec) {
    var label = T.muscles[rec.muscle].label, body;
    if (rec.phase === "insertion" || rec.phase === "rest") {
      var c = rec.counts, fib = c.fibrillation, pw = c.psw, fasc = c.fasciculation, parts = [];
      if (rec.phase === "insertion") {
        parts.push("insertional activity about " + pyFixed(rec.insertional_ms, 0) + " ms" +
                   (rec.insertional_ms >= T.reference.insertional_max_ms ? " (prolonged)" : ""));
      }
      if (fib || pw) {
        parts.push("fibrillation potentials and positive sharp waves (grade " + rec.state.denervation + "+): " +
                   fib + " fibrillations and " + pw + " positive sharp waves in 1 s");
      }
      if (fasc) {
        parts.push(fasc + " fasciculation potential" + (fasc > 1 ? "s" : "") + " (whole motor units firing on their own)");
      } else if (rec.state.fasciculations_per_s > 0) {
        parts.push("no fasciculation on this screen (they are irregular: watch longer)");
      }
      if (!(fib || pw || fasc)) parts.push("no spontaneous activity");
      body = parts.join("; ");
    } else {
      var n = rec.firing.length;
      var rates = rec.firing.slice(0, 6).map(function (f) { return pyFixed(f[1], 0); }).join(", ");
      body = n + " unit" + (n !== 1 ? "s" : "") + " firing (" + rates + (n > 6 ? "…" : "") + " Hz); " +
             "recruitment ratio " + pyFixed(rec.recruitment_ratio, 1);
      if (rec.mups.length) {
        var m = rec.mups[0];
        body += "; first MUP " + pyFixed(m.amplitude_uv / 1000, 2) + " mV, " + pyFixed(m.duration_ms, 1) + " ms, " +
                m.phases + " phases" + (m.unstable ? ", unstable" : "");
      }
      if (rec.phase === "maximal") body += "; interference pattern " + rec.interference;
    }
    return label + ", " + phaseName(T, rec.phase).toLowerCase() + ": " + body + ".";
  }

  function caption(_T, rec) {
    if (rec.phase === "insertion" || rec.phase === "rest") {
      var parts = [];
      if (rec.phase === "insertion") parts.push("a short crackling burst as the needle moves");
      if (rec.counts.fibrillation || rec.counts.psw) {
        parts.push("regular, brief, high-pitched clicks and dull pops that keep a steady rhythm " +
                   "(fibrillation potentials and positive sharp waves)");
      }
      if (rec.counts.fasciculation) parts.push("occasional louder, irregular thumps (fasciculation potentials)");
      if (parts.length === (rec.phase === "insertion" ? 1 : 0)) {
        parts.push("then near silence: only a soft hiss of amplifier noise");
      }
      return "Sound: " + parts.join("; ") + ".";
    }
    var n = rec.firing.length;
    if (rec.phase === "minimal") {
      return "Sound: " + n + " motor unit" + (n !== 1 ? "s" : "") + " firing as regular thuds; the fastest at about " +
             pyFixed(Math.max.apply(null, rec.firing.map(function (f) { return f[1]; })), 0) + " per second.";
    }
    return "Sound: a " + rec.interference + " interference pattern: " +
           (rec.interference.indexOf("full") === 0 ? "a dense roar" : "separate rapid thuds, not a continuous roar") + ".";
  }

  /* ---------- screen data: figures.recording_layers (min/max envelope) ---------- */
  function envelope(y, nPoints) {
    var bins = Math.max(Math.floor(nPoints / 2), 1);
    if (y.length <= nPoints) return Array.prototype.slice.call(y);
    var out = new Array(2 * bins);
    for (var b = 0; b < bins; b++) {
      var a = Math.floor(b * y.length / bins), e = Math.floor((b + 1) * y.length / bins);
      var lo = Infinity, hi = -Infinity, ilo = a, ihi = a;
      for (var i = a; i < e; i++) {
        if (y[i] > hi) { hi = y[i]; ihi = i; }
        if (y[i] < lo) { lo = y[i]; ilo = i; }
      }
      var hiFirst = ihi < ilo;
      out[2 * b] = Math.round(hiFirst ? hi : lo);
      out[2 * b + 1] = Math.round(hiFirst ? lo : hi);
    }
    return out;
  }

  function layers(T, rec, signal, sweep, gain, nPoints) {
    sweep = sweep || T.sweep_default[rec.phase];
    gain = gain || T.gain_default[rec.phase];
    var span = Math.min(10 * sweep, signal.length * 1000 / rec.fs_hz), n = Math.floor(span * rec.fs_hz / 1000);
    var neg = new Float64Array(n);
    for (var i = 0; i < n; i++) neg[i] = -signal[i];
    var y = envelope(neg, nPoints || T.points), mupX = [], mupY = [];
    if (rec.phase === "minimal" && rec.firstTemplate) {
      for (var j = 0; j < rec.firstTemplate.length; j += 8) {
        mupY.push(Math.round(-rec.firstTemplate[j]));
        mupX.push(Math.round(j * 1000 / rec.fs_hz * 100) / 100);
      }
    }
    return { y: y, dx: span / Math.max(y.length - 1, 1), x_range: [0, span], y_range: [-4 * gain, 4 * gain],
             mup_x: mupX, mup_y: mupY, sweep: sweep, gain: gain };
  }

  /* ---------- sound: audio.audio_samples, as floats for Web Audio ---------- */
  function audioSamples(T, signal, fsHz, rateHz) {
    var R = T.reference;
    rateHz = rateHz || R.audio_rate_hz;
    var nOut = Math.round(signal.length * rateHz / fsHz), out = new Float32Array(nOut), peak = 0, i;
    var y = new Float64Array(nOut);
    for (i = 0; i < nOut; i++) {
      var x = i * fsHz / rateHz, k = Math.floor(x), f = x - k;
      y[i] = k + 1 < signal.length ? signal[k] * (1 - f) + signal[k + 1] * f : signal[signal.length - 1];
      if (Math.abs(y[i]) > peak) peak = Math.abs(y[i]);
    }
    var scale = R.audio_peak / Math.max(peak || 1, R.audio_floor_uv), fade = Math.floor(R.fade_ms * rateHz / 1000);
    for (i = 0; i < nOut; i++) {
      var g = 1;
      if (i < fade) g = fade > 1 ? i / (fade - 1) : 1;
      if (i >= nOut - fade) g = Math.min(g, fade > 1 ? (nOut - 1 - i) / (fade - 1) : 1);
      out[i] = y[i] * scale * g;
    }
    return out;
  }

  /* ---------- reading a muscle and the regions rule: widgets/emg/regions.py ---------- */
  function recruitment(T, f) {
    var R = T.reference;
    if (f.units_firing > R.slight_units + R.early_extra_units) return "early";
    if (f.ratio >= R.reduced_ratio || f.rec_hz > R.recruitment_upper_hz) return "reduced";
    return "normal";
  }
  /* upper normal limit of a muscle's mean MUP duration: published mean + 2 SD, else the common range's top */
  function durationUpper(T, muscle) {
    var mu = muscle && T.muscles[muscle];
    return mu && typeof mu.duration_upper_ms === "number" ? mu.duration_upper_ms : T.reference.duration_range_ms[1];
  }
  function reading(T, f) {
    var R = T.reference, rec = recruitment(T, f), d = f.dur;
    var chronic = d > durationUpper(T, f.muscle) ||
      (f.poly > R.polyphasic_fraction && d > R.polyphasic_duration_ms && rec !== "early");
    var myopathic = d < R.myopathic_duration_ms && rec === "early";
    var active = f.fib > 0 || (f.fasc && chronic);
    return { recruitment: rec, chronic: chronic, myopathic: myopathic, active: active, lmn: chronic && active };
  }
  function summary(T, f) {
    var r = reading(T, f), spont = [];
    if (f.fib) spont.push("fibrillations/positive sharp waves " + f.fib + "+");
    if (f.fasc) spont.push("fasciculations");
    var parts = [spont.length ? spont.join(", ") : "no spontaneous activity"];
    if (r.chronic) parts.push("long, large, polyphasic MUPs" + (f.unstable ? " (unstable)" : ""));
    else if (r.myopathic) parts.push("short, small, polyphasic MUPs");
    else parts.push("normal MUPs");
    parts.push(r.recruitment + " recruitment");
    return parts.join("; ");
  }
  function pairOk(T, a, b) {
    var ma = T.muscles[a], mb = T.muscles[b];
    return ma.nerve !== mb.nerve && ma.roots[0] !== mb.roots[0];
  }
  /* regions(preset, muscles): the Awaji muscle rule per region and the Gold Coast EMG requirement */
  function regions(T, preset, muscles) {
    if (!muscles || !muscles.length) throw new Error("muscles must name at least one muscle");
    var F = T.findings[preset], order = Object.keys(T.muscles), chosen = {}, lmnOf = {};
    muscles.forEach(function (m) { chosen[m] = true; });
    var sampledAll = order.filter(function (m) { return chosen[m]; });
    sampledAll.forEach(function (m) { lmnOf[m] = reading(T, F[m]).lmn; });
    var verdicts = T.regions.map(function (region) {
      var sampled = sampledAll.filter(function (m) { return T.muscles[m].region === region; });
      var lmn = sampled.filter(function (m) { return lmnOf[m]; }), ok = false, reason;
      if (!sampled.length) return { region: region, sampled: [], lmn_muscles: [], positive: false, reason: "not sampled" };
      if (T.one_muscle_regions.indexOf(region) >= 0) {
        ok = lmn.length >= 1;
        reason = ok ? "one muscle with LMN signs is enough" : "no muscle with LMN signs";
      } else {
        for (var i = 0; i < lmn.length && !ok; i++) {
          for (var j = i + 1; j < lmn.length && !ok; j++) ok = pairOk(T, lmn[i], lmn[j]);
        }
        if (ok) reason = "two muscles with LMN signs, different roots and nerves";
        else if (lmn.length >= 2) reason = "LMN signs only in muscles sharing a root or a nerve";
        else if (lmn.length === 1) reason = "LMN signs in only one muscle (a limb region needs two)";
        else reason = "no muscle with LMN signs";
      }
      return { region: region, sampled: sampled, lmn_muscles: lmn, positive: ok, reason: reason };
    });
    var lmnRegions = verdicts.filter(function (v) { return v.positive; }).map(function (v) { return v.region; });
    var umn = T.presets[preset].umn_regions;
    var meets = lmnRegions.length >= 2 || lmnRegions.some(function (r) { return umn.indexOf(r) >= 0; });
    var text = "Lower motor neuron signs on EMG in " + lmnRegions.length + " of 4 regions (" +
      (lmnRegions.length ? lmnRegions.join(", ") : "none") + "); upper motor neuron signs: " +
      (umn.length ? umn.join(", ") : "none") + ". This " + (meets ? "meets" : "does not meet") +
      " the Gold Coast requirement (LMN in ≥2 regions, or UMN + LMN in one region); other diseases must still be excluded.";
    return { preset: preset, sampled: sampledAll, regions: verdicts, lmn_regions: lmnRegions, meets: meets, text: text,
             lmn: lmnOf };
  }

  root.MMNEmg = {
    version: 1, pyFixed: pyFixed, findScreen: findScreen, decode: decode, availability: availability,
    muscleModel: muscleModel, minimalDrive: minimalDrive, firing: firing, measureMup: measureMup,
    recording: recording, withNoise: withNoise, findingsText: findingsText, caption: caption, layers: layers,
    envelope: envelope, audioSamples: audioSamples, recruitment: recruitment, reading: reading, summary: summary,
    regions: regions
  };
})(typeof window !== "undefined" ? window : this);
