// Nerve conduction model in the browser: a port of widgets.conduction (the Python package is the reference).
// Every number comes from the table the book exports at build time (window.MMN_NCS_TABLE, written by
// mmn_book.model_tables); parity tests (tests/browser/test_conduction_parity.py) hold this file to Python.
// Public: MMNConduction.create(table) -> {simulate(config), presetConfig(nerve, preset), verdictText(study),
// checklist(study), defaultConfig(nerve)}.
(function (root) {
  "use strict";
  var EPS = 1e-9;

  // ---- Python-like formatting (f"{x:.Nf}", round(), :g, :%)
  function fixed(x, d) {
    if (Number.isNaN(x)) return "nan";
    if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
    var a = Math.abs(x), s = a.toFixed(d), exact = a.toFixed(Math.min(d + 60, 100));
    var rest = exact.slice(exact.length - (Math.min(d + 60, 100) - d));
    if (/^50*$/.test(rest)) {  // an exact tie: Python rounds half to even, toFixed rounds up
      var digits = s.replace(".", ""), last = Number(digits[digits.length - 1]);
      if (last % 2 === 1) s = (a - Math.pow(10, -d) / 2).toFixed(d);
    }
    var neg = x < 0 || Object.is(x, -0);
    return (neg ? "-" : "") + s;
  }
  function pyRound(x, d) {
    if (!Number.isFinite(x)) return x;
    return Number(fixed(x, d || 0));
  }
  function g(x) {
    return String(Number(x.toPrecision(6)));
  }
  function pctf(x, d) { return fixed(100 * x, d) + "%"; }  // f"{x:.d%}"
  function pct(x) {
    var v = 100 * x;
    var near = [20, 30, 50, 100].some(function (t) { return Math.abs(Math.abs(v) - t) < 1.5; });
    if (Math.abs(v - Math.round(v)) > 0.05 && near) return fixed(v, 1) + "%";
    return fixed(v, 0) + "%";
  }
  function roundFraction(x) { return Number.isFinite(x) ? pyRound(x, 3) : x; }
  function fin(x) { return typeof x === "number" && Number.isFinite(x); }
  function signed(x) { return (x >= 0 ? "+" : "\u2212") + pct(Math.abs(x)); }
  function shortLabel(label) { return label.split(" (")[0]; }
  function capitalize(s) { return s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s; }

  // ---- decoding the exported people
  function b64bytes(s) {
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }
  function f32(s) { return Float64Array.from(new Float32Array(b64bytes(s))); }
  function u16(s) { return new Uint16Array(b64bytes(s)); }

  function create(T) {
    var P = T.pool, C = T.criteria, dt = T.dt_ms;
    var poolCache = {}, templateCache = {}, nerveCache = {};

    function decodePool(raw, nSeg, motor) {
      var n = raw.n, cs = T.compare_steps;
      var cmp = function (q) { return Float64Array.from(q, function (v) { return (v + 0.5) / cs; }); };
      var ub = u16(raw.u_block), ud = f32(raw.u_disp);
      var pool = {
        n: n, cv: f32(raw.cv), size: f32(raw.size), u_block: [], u_disp: [],
        u_loss: cmp(u16(raw.u_loss)),
        nmj: motor ? f32(raw.nmj) : new Float64Array(n),
      };
      for (var k = 0; k < nSeg; k++) {
        pool.u_block.push(cmp(ub.subarray(k * n, (k + 1) * n)));
        pool.u_disp.push(ud.slice(k * n, (k + 1) * n));
      }
      if (motor) {
        pool.u_cross = cmp(u16(raw.u_cross));
        pool.threshold = Float64Array.from(u16(raw.rank), function (r) { return (r + 0.5) / n; });
      }
      var s = 0;
      for (var i = 0; i < n; i++) s += pool.size[i];
      pool.size_sum = s;
      return pool;
    }
    function person(nerveName, seed) {
      var key = nerveName + "/" + seed;
      if (!poolCache[key]) {
        var nerve = T.nerves[nerveName], people = peopleOf(nerveName);
        if (!people) throw new Error("the people of the " + nerveName + " nerve are not loaded yet");
        var who = people.find(function (p) { return p.seed === seed; });
        if (!who) throw new Error("seed must be one of " + JSON.stringify(T.seeds) + ", got " + seed);
        var nSeg = nerve.segments.length;
        poolCache[key] = { who: who, motor: decodePool(who.motor, nSeg, true),
          sensory: decodePool(who.sensory, nSeg, false) };
      }
      return poolCache[key];
    }

    // the exported people of a nerve: in the table itself, or loaded later from its own script (the book)
    function peopleOf(nerveName) {
      var n = T.nerves[nerveName];
      if (n && n.people) return n.people;
      return (root.MMN_NCS_PEOPLE || {})[nerveName] || null;
    }
    function hasPeople(nerveName) { return !!peopleOf(nerveName); }

    // the nerve as studied in the person of cfg.seed (their height scales the distances between sites)
    function personNerve(cfg) {
      var key = cfg.nerve + "/" + cfg.seed;
      if (!nerveCache[key]) {
        var nerve = T.nerves[cfg.nerve], who = person(cfg.nerve, cfg.seed).who, dist = who.distances_mm;
        nerveCache[key] = Object.assign({}, nerve, { sites: nerve.sites.map(function (s, k) {
          return Object.assign({}, s, { distance_mm: dist ? dist[k] : s.distance_mm });
        }) });
      }
      return nerveCache[key];
    }

    // ---- temperature, waveforms
    function temperatureFactors(t) {
      var m = T.temperature, delta = m.reference_c - t, cooling = delta / 10;
      return {
        speed: 1 - m.speed_slope_per_c * delta - 0.5 * m.speed_slope_gain_per_c * delta * delta,
        duration: Math.pow(m.q10_potential_duration, cooling),
        amplitude: Math.pow(m.q10_potential_amplitude, cooling),
      };
    }
    function gammaBump(t, k, theta) {
      if (!(t > 0)) return 0;
      var x = t / theta;
      return Math.exp(k * Math.log(x > 0 ? x : 1) - x - k * Math.log(k) + k);
    }
    function mupTemplate(ts) {
      var key = "m" + ts;
      if (templateCache[key]) return templateCache[key];
      var s = T.mup, n = pyRound(s.length_ms * ts / dt, 0), out = new Float64Array(n), mn = Infinity;
      for (var i = 0; i < n; i++) {
        var t = (i * dt) / ts;
        out[i] = -gammaBump(t, s.neg_k, s.neg_theta) + s.pos_gain * gammaBump(t - s.pos_delay, s.pos_k, s.pos_theta);
        if (out[i] < mn) mn = out[i];
      }
      if (n && mn < 0) for (var j = 0; j < n; j++) out[j] = out[j] / -mn;
      templateCache[key] = out;
      return out;
    }
    function sfapTemplate(ts) {
      var key = "s" + ts;
      if (templateCache[key]) return templateCache[key];
      var s = T.sfap, n = pyRound(s.length_ms * ts / dt, 0), out = new Float64Array(n);
      var gs = function (t, mu, sigma) { var z = (t - mu) / sigma; return Math.exp(-0.5 * z * z); };
      for (var i = 0; i < n; i++) {
        var t = (i * dt) / ts;
        out[i] = t >= 0 ? s.lead_height * gs(t, s.lead_time_ms, s.lead_width_ms) - gs(t, s.neg_time_ms, s.neg_width_ms)
          + s.tail_height * gs(t, s.tail_time_ms, s.tail_width_ms) : 0;
      }
      templateCache[key] = out;
      return out;
    }

    // ---- recording pitfalls (widgets.conduction.recording): electrode off the motor point, reference electrode over
    // active muscle, low-frequency filter
    function shift(a, delay) {
      var n = a.length, out = new Float64Array(n), last = n - 1;
      for (var i = 0; i < n; i++) {
        var t = i * dt - delay;
        if (t < 0) { out[i] = 0; continue; }
        if (t >= last * dt) { out[i] = a[last]; continue; }
        var j = Math.floor(t / dt);
        if (j * dt > t) j--;
        if ((j + 1) * dt <= t) j++;
        var x0 = j * dt, x1 = (j + 1) * dt;
        out[i] = (a[j + 1] - a[j]) / (x1 - x0) * (t - x0) + a[j];
      }
      return out;
    }
    function shapeTemplate(m, off, pick) {
      if (!off && !pick) return m;
      var key = "r" + m.length + "/" + m[1] + "/" + off + "/" + pick;
      if (templateCache[key]) return templateCache[key];
      var R = T.recording, out = m, i;
      if (off) {
        var delay = off * R.offset_delay_ms_per_mm, gg = Math.exp(-off / R.offset_space_constant_mm);
        var p = R.leading_positivity * Math.min(off / 10, 1) * gg, sh = shift(m, delay);
        out = new Float64Array(m.length);
        for (i = 0; i < m.length; i++) out[i] = gg * sh[i] + p * gammaBump(i * dt, 2.0, delay / 2.0 / 2.0);
      }
      if (pick) {
        var later = shift(out, R.reference_delay_ms), o2 = new Float64Array(out.length);
        for (i = 0; i < out.length; i++) o2[i] = out[i] - pick * later[i];
        out = o2;
      }
      templateCache[key] = out;
      return out;
    }
    function highPass(rows, corner) {
      if (corner === null || corner === undefined) return rows;
      var tau = 1000 / (2 * Math.PI * corner), a = tau / (tau + dt);
      return rows.map(function (x) {
        var y = new Float64Array(x.length), px = 0, py = 0;
        for (var i = 0; i < x.length; i++) { y[i] = a * x[i] - a * px + a * py; px = x[i]; py = y[i]; }
        return y;
      });
    }

    // ---- lesions and arrival times
    function segmentLengths(nerve) {
      var d = nerve.sites.map(function (s) { return s.distance_mm; });
      return d.map(function (x, k) { return k === 0 ? x : x - d[k - 1]; });
    }
    function segmentEffects(nerve, lesions, pool, sensory) {
      var nSeg = nerve.segments.length, names = nerve.segments.map(function (s) { return s.name; });
      var block = new Array(nSeg).fill(0), keep = new Array(nSeg).fill(1), disp = new Array(nSeg).fill(0);
      lesions.forEach(function (les) {
        if (sensory && !les.sensory) return;
        var rows = les.segment === "all" ? names.map(function (_, k) { return k; }) : [names.indexOf(les.segment)];
        rows.forEach(function (k) {
          block[k] = 1 - (1 - block[k]) * (1 - les.block);
          keep[k] *= 1 - les.slowing;
          disp[k] = Math.min(disp[k] + les.dispersion, T.max_slowing);
        });
      });
      var speed = [], blocked = [];
      for (var k = 0; k < nSeg; k++) {
        var sp = new Float64Array(pool.n), bl = new Uint8Array(pool.n);
        for (var i = 0; i < pool.n; i++) {
          sp[i] = keep[k] * (1 - disp[k] * pool.u_disp[k][i]);
          bl[i] = pool.u_block[k][i] < block[k] ? 1 : 0;
        }
        speed.push(sp); blocked.push(bl);
      }
      return { speed: speed, blocked: blocked };
    }
    function arrivals(nerve, pool, lesions, tf, residual, sensory) {
      var eff = segmentEffects(nerve, lesions, pool, sensory), L = segmentLengths(nerve);
      var nSeg = nerve.segments.length, n = pool.n, arrival = [], passes = [];
      var acc = new Float64Array(n), ok = new Uint8Array(n).fill(1);
      for (var k = 0; k < nSeg; k++) {
        var prox = nerve.segments[k].proximal ? 1 : 0, row = new Float64Array(n), prow = new Uint8Array(n);
        for (var i = 0; i < n; i++) {
          var base = (pool.cv[i] + P.proximal_cv_gain_m_s * prox) * tf.speed;
          var speed = Math.max(base * eff.speed[k][i], P.min_cv_m_s);
          var t = L[k] / speed;
          if (k === 0 && residual) t += residual / (tf.speed * eff.speed[0][i]);
          acc[i] += t;
          ok[i] = ok[i] && !eff.blocked[k][i] ? 1 : 0;
          prow[i] = ok[i];
        }
        for (var j = 0; j < n; j++) row[j] = acc[j] + pool.nmj[j] / tf.speed;
        arrival.push(row); passes.push(prow);
      }
      return { arrival: arrival, passes: passes };
    }
    // sum of template copies starting at each arrival (rows of arrival times, one weight per unit)
    function spikeConvolve(rows, weights, template, n, leadMs) {
      var pad = Math.ceil((leadMs || 0) / dt), nAll = n + pad, shift = pad * dt - (leadMs || 0), L = template.length;
      return rows.map(function (arr, r) {
        var w = weights[r], spikes = new Float64Array(nAll), out = new Float64Array(n);
        for (var i = 0; i < arr.length; i++) {
          if (w[i] === 0) continue;
          var pos = (arr[i] + shift) / dt, i0 = Math.floor(pos), f = pos - i0;
          if (i0 < 0 || i0 >= nAll - 1) continue;
          spikes[i0] += w[i] * (1 - f);
          spikes[i0 + 1] += w[i] * f;
        }
        for (var j = 0; j < nAll; j++) {
          var s = spikes[j];
          if (s === 0) continue;
          var end = Math.min(L, nAll - j);
          for (var q = Math.max(0, pad - j); q < end; q++) out[j + q - pad] += s * template[q];
        }
        return out;
      });
    }

    function run(cfg) {
      var nerve = personNerve(cfg), cal = nerve.calibration, tf = temperatureFactors(cfg.temperature_c);
      var pp = person(cfg.nerve, cfg.seed), who = pp.who, mp = pp.motor, sp = pp.sensory;
      var nSites = nerve.sites.length, n = mp.n, i, k;
      var residual = cal.residual_ms ? Math.max(cal.residual_ms + who.dml_shift_ms, 0.3 - P.nmj_delay_ms) : 0;
      var m = arrivals(nerve, mp, cfg.lesions, tf, residual, false);
      var alive = new Uint8Array(n), anyAlive = false;
      for (i = 0; i < n; i++) { alive[i] = mp.u_loss[i] >= cfg.axon_loss ? 1 : 0; anyAlive = anyAlive || alive[i]; }
      var enlarge = 1;
      if (cfg.axon_loss > 0 && cfg.reinnervation > 0 && anyAlive) {
        var fl = cfg.axon_loss;
        enlarge = Math.min(1 + cfg.reinnervation * fl / Math.max(1 - fl, 1e-9), P.max_enlargement);
      }
      var reach = m.passes.map(function (row) { return row.map(function (v, j) { return v && alive[j] ? 1 : 0; }); });
      var crossing = new Uint8Array(n);
      for (i = 0; i < n; i++) crossing[i] = mp.u_cross[i] < cfg.martin_gruber ? 1 : 0;
      if (cfg.martin_gruber > 0) for (k = 1; k < nSites; k++) for (i = 0; i < n; i++) if (crossing[i]) reach[k][i] = 0;
      var rowsT = m.arrival.slice(), rowsR = reach.slice(), checks = [], excitedFraction = 1;
      if (cfg.submaximal_site !== null && cfg.submaximal_site !== undefined) {
        var s = nerve.sites.findIndex(function (x) { return x.name === cfg.submaximal_site; });
        rowsT.push(m.arrival[s]);
        rowsR.push(Uint8Array.from(reach[s]));
        checks.push("supramaximal:" + cfg.submaximal_site);
        var nAlive = 0, nEx = 0;
        for (i = 0; i < n; i++) {
          var ex = mp.threshold[i] < cfg.submaximal_fraction;
          if (!ex) reach[s][i] = 0;
          if (alive[i]) { nAlive++; if (ex) nEx++; }
        }
        excitedFraction = nAlive ? nEx / nAlive : 0;
      }
      if (nerve.name === "ulnar" && nSites > 1) {
        rowsT.push(m.arrival[1]);
        rowsR.push(m.passes[0].map(function (v, j) { return v && alive[j] && crossing[j] ? 1 : 0; }));
        checks.push("median_elbow_adm");
      }
      var mv = cal.mv_per_size * who.amplitude_factor * nerve.reference_size / Math.max(mp.size_sum, 1e-9);
      var weights = rowsR.map(function (row) {
        return Float64Array.from(row, function (v, j) { return v * (mp.size[j] * enlarge * mv * tf.amplitude); });
      });
      var stretch = nerve.mup_duration_scale * tf.duration * (1 + T.reinnervation_stretch * (enlarge - 1));
      var latest = -Infinity;
      rowsT.forEach(function (row, r) { for (var j = 0; j < n; j++) if (rowsR[r][j] && row[j] > latest) latest = row[j]; });
      if (latest === -Infinity) latest = 10;

      var sa = arrivals(nerve, sp, cfg.lesions, tf, 0, true), sr = arrivals(nerve, sp, [], tf, 0, true);
      var sAlive = Float64Array.from(sp.u_loss, function (u) { return u >= cfg.sensory_axon_loss ? 1 : 0; });
      var lead = T.sfap_onset_ms * tf.duration;
      var sAll = sa.arrival.concat(sr.arrival);
      var sReach = sa.passes.map(function (row) { return row.map(function (v, j) { return v && sAlive[j] ? 1 : 0; }); })
        .concat(sr.passes.map(function (row) { return row.map(function () { return 1; }); }));
      var sLatest = 0;
      sAll.forEach(function (row, r) { for (var j = 0; j < sp.n; j++) if (sReach[r][j] && row[j] > sLatest) sLatest = row[j]; });
      latest = Math.max(latest, sLatest);
      var sWeights = sReach.map(function (row) {
        return Float64Array.from(row, function (v, j) { return v * (sp.size[j] * cal.uv_per_size * tf.amplitude); });
      });
      var off = cfg.electrode_offset_mm || 0, pick = cfg.reference_pickup || 0, lff = cfg.low_frequency_filter_hz;
      if (off || pick) latest += off * T.recording.offset_delay_ms_per_mm + (pick ? T.recording.reference_delay_ms : 0);
      var tEnd = Math.max(30, Math.ceil((latest + 20 * stretch) / 5) * 5);
      var ns = pyRound(tEnd / dt, 0);
      var motor = highPass(spikeConvolve(rowsT, weights, shapeTemplate(mupTemplate(pyRound(stretch, 4)), off, pick), ns, 0), lff);
      var sens = spikeConvolve(sAll, sWeights, sfapTemplate(pyRound(tf.duration, 4)), ns, lead);
      return { dt_ms: dt, motor: motor, sensory: sens, check_names: checks, excited_fraction: excitedFraction };
    }

    // ---- measurement (one row at a time, as widgets.conduction.measure)
    function measure(v, absentBelow, firstReturnFallback) {
      var n = v.length, y = new Float64Array(n), peak = 0, j;
      for (j = 0; j < n; j++) { y[j] = -v[j]; if (y[j] > y[peak]) peak = j; }
      var amp = y[peak], present = amp > Math.max(absentBelow, 0), thr = present ? T.measure.onset_fraction * amp : Infinity;
      var on = 0;
      for (j = 0; j < n; j++) if (y[j] >= thr) { on = j; break; }
      var prev = Math.max(on - 1, 0), y0 = y[prev], y1 = y[on];
      var frac = on > 0 && y1 > y0 ? (thr - y0) / (y1 - y0) : 0;
      var onsetIdx = prev + (on > 0 ? Math.min(Math.max(frac, 0), 1) : 0);
      var hi = present ? T.measure.last_peak_fraction * amp : Infinity, last = -1;
      for (j = n - 1; j >= 0; j--) if (y[j] >= hi) { last = j; break; }
      if (last < 0) last = peak;
      var from = Math.max(last, peak), end = -1;
      for (j = from + 1; j < n; j++) if (y[j] <= 0) { end = j; break; }
      var hasEnd = end >= 0;
      if (!hasEnd) end = n - 1;
      if (firstReturnFallback && !hasEnd) {  // a raised low-frequency filter: the first return after the main peak
        for (j = peak + 1; j < n; j++) if (y[j] <= 0) { end = j; hasEnd = true; break; }
      }
      var e0 = Math.max(end - 1, 0), ya = y[e0], yb = y[end];
      var efrac = hasEnd && ya > yb ? ya / (ya - yb) : 1;
      var endIdx = e0 + Math.min(Math.max(efrac, 0), 1);
      var c = new Float64Array(n), run = 0;
      for (j = 1; j < n; j++) { run += 0.5 * (y[j] + y[j - 1]); c[j] = run * dt; }
      var interp = function (pos) {
        var i0 = Math.min(Math.max(Math.floor(pos), 0), n - 1), i1 = Math.min(i0 + 1, n - 1), f = pos - i0;
        return c[i0] * (1 - f) + c[i1] * f;
      };
      var ok = present && hasEnd;
      return {
        latency_ms: present ? onsetIdx * dt : NaN,
        amplitude: present ? amp : NaN,
        area: ok ? interp(endIdx) - interp(onsetIdx) : NaN,
        duration_ms: ok ? (endIdx - onsetIdx) * dt : NaN,
        peak_ms: present ? peak * dt : NaN,
        end_ms: ok ? endIdx * dt : NaN,
      };
    }
    function velocity(len, dLat, pLat) { var d = pLat - dLat; return d > 0 ? len / d : NaN; }
    function ratio(p, d) { return d > 0 ? p / d : NaN; }

    // ---- criteria (widgets.conduction.criteria)
    function classifyBlock(a) {
      var t = C.block;
      var areaDrop = roundFraction(1 - a.proximal_area / a.distal_area);
      var durInc = roundFraction(a.proximal_duration_ms / a.distal_duration_ms - 1);
      var amp = pyRound(a.distal_amplitude_mv, 2), floorLln = t.distal_amplitude_fraction_of_lln * a.lln_mv;
      var p50 = pct(t.definite_area_reduction), p30 = pct(t.probable_area_reduction_long_segment);
      var pDur = pct(t.max_duration_increase), grade, rule;
      var reasons = [
        "Negative-peak area fell " + pct(areaDrop) + " from the distal to the proximal site (" + fixed(a.distal_area, 1)
          + " \u2192 " + fixed(a.proximal_area, 1) + " mV\u00b7ms).",
        "Negative-peak duration changed by " + (durInc >= 0 ? "+" : "\u2212") + pct(Math.abs(durInc)) + " ("
          + fixed(a.distal_duration_ms, 1) + " \u2192 " + fixed(a.proximal_duration_ms, 1) + " ms).",
      ];
      var bigDrop = areaDrop >= t.definite_area_reduction - EPS;
      var longDrop = a.long_segment && areaDrop >= t.probable_area_reduction_long_segment - EPS;
      var shortDur = durInc <= t.max_duration_increase + EPS;
      var floorOk = amp > floorLln + EPS && amp > t.distal_amplitude_min_mv + EPS;
      if (!floorOk) {
        grade = "none"; rule = "cannot be graded (distal CMAP too small)";
        reasons.push("The distal CMAP (" + fixed(amp, 2) + " mV) is not above both " + pct(t.distal_amplitude_fraction_of_lln)
          + " of the lower limit of normal (" + fixed(floorLln, 2) + " mV) and " + g(t.distal_amplitude_min_mv)
          + " mV: a block cannot be graded here (distal CMAP too small). This is not evidence against a block.");
      } else {
        reasons.push("The distal CMAP (" + fixed(amp, 2) + " mV) is above " + pct(t.distal_amplitude_fraction_of_lln)
          + " of the lower limit of normal (" + fixed(floorLln, 2) + " mV) and above " + g(t.distal_amplitude_min_mv)
          + " mV, so a block can be graded.");
        if (bigDrop && shortDur) {
          grade = "definite"; rule = "definite CB: area reduction \u2265" + p50 + " with duration increase \u2264" + pDur;
          reasons.push("Area fell by at least " + p50 + " without a duration increase above " + pDur + ": definite conduction block.");
        } else if (longDrop && shortDur) {
          grade = "probable";
          rule = "probable CB: area reduction \u2265" + p30 + " over a long upper-limb segment, duration increase \u2264" + pDur;
          reasons.push("Area fell by at least " + p30 + " (but less than " + p50 + ") over a long upper-limb segment without a "
            + "duration increase above " + pDur + ": probable conduction block.");
        } else if (bigDrop) {
          grade = "probable"; rule = "probable CB: area reduction \u2265" + p50 + " with duration increase >" + pDur;
          reasons.push("Area fell by at least " + p50 + ", but duration rose by more than " + pDur + ": part of the loss may be phase "
            + "cancellation from temporal dispersion, so the block is only probable.");
        } else {
          grade = "none"; rule = "no CB: area reduction below the thresholds";
          if (areaDrop >= t.probable_area_reduction_long_segment - EPS && !shortDur) {
            reasons.push("Area fell by less than " + p50 + " and duration rose by more than " + pDur + ": temporal dispersion, "
              + "not conduction block.");
          } else if (areaDrop >= t.probable_area_reduction_long_segment - EPS && !a.long_segment) {
            reasons.push("Area fell by less than " + p50 + " over a segment that is not a long upper-limb segment: "
              + "not enough for conduction block.");
          } else {
            var need = a.long_segment ? p30 + " (long upper-limb segment) or " + p50 : p50;
            reasons.push("Area fell by less than " + need + ": no conduction block.");
          }
        }
      }
      var criteriaGrade = grade, excluded = null;
      if (a.entrapment_site && grade !== "none") {
        excluded = "entrapment site";
        reasons.push("This segment crosses a common entrapment site: the drop would meet the " + grade + " rule, but the 2010 "
          + "criteria only count a block found away from entrapment sites. Think of a focal entrapment neuropathy.");
        grade = "none";
        rule = "excluded: entrapment site (" + rule + ")";
      }
      return { grade: grade, reasons: reasons, rule: rule, area_reduction: areaDrop, duration_increase: durInc,
        distal_amplitude_mv: amp, criteria_grade: criteriaGrade, excluded_by: excluded, gradable: floorOk };
    }
    function isBlock(v) { return v.grade === "definite" || v.grade === "probable"; }
    function outcomeKey(v) {
      if (isBlock(v)) return "block";
      if (!v.gradable || v.rule === "no distal response") return "not_gradeable";
      return "no_block";
    }
    function exclude(v, by, reason) {
      return Object.assign({}, v, { grade: "none", excluded_by: by, rule: "excluded: " + by + " (" + v.rule + ")",
        reasons: v.reasons.concat([reason]) });
    }
    function withReason(v, reason) { return Object.assign({}, v, { reasons: v.reasons.concat([reason]) }); }

    function axonLossPattern(a) {
      var t = C.cidp;
      var low = fin(a.distal_amplitude_mv) && a.distal_amplitude_mv < a.amplitude_lln_mv;
      var absent = !fin(a.distal_amplitude_mv);
      var dmlLim = (1 + t.dml_above_uln) * a.dml_uln_ms, cvLim = (1 - t.cv_below_lln) * a.cv_lln_m_s;
      var dmlOk = !fin(a.dml_ms) || a.dml_ms < dmlLim, cvOk = !fin(a.min_cv_m_s) || a.min_cv_m_s > cvLim;
      var r = [];
      if (absent) r.push("No distal CMAP: the muscle does not respond (complete axon loss or distal block).");
      else r.push("Distal CMAP " + fixed(a.distal_amplitude_mv, 1) + " mV is " + (low ? "" : "not ") + "below the typical lower "
        + "limit (" + g(a.amplitude_lln_mv) + " mV).");
      r.push(!a.any_block ? "No proximal drop that could be a conduction block."
        : "There is a conduction block, or a proximal drop too large for pure axon loss.");
      if (fin(a.dml_ms)) r.push("Distal latency " + fixed(a.dml_ms, 1) + " ms is " + (dmlOk ? "below" : "in")
        + " the demyelinating range (\u2265" + fixed(dmlLim, 1) + " ms).");
      if (fin(a.min_cv_m_s)) r.push("Slowest CV " + fixed(a.min_cv_m_s, 0) + " m/s is " + (cvOk ? "above" : "in")
        + " the demyelinating range (\u2264" + fixed(cvLim, 1) + " m/s).");
      var present = (low || absent) && !a.any_block && dmlOk && cvOk;
      r.push(present ? "Axon-loss pattern." : "Not an axon-loss pattern.");
      return { present: present, reasons: r };
    }

    // ---- CIDP (widgets.conduction.cidp)
    function verdictWord(met) { return met ? "met" : "not met"; }
    function cidpAssessment(a) {
      var t = C.cidp, uln = a.dml_uln_ms, lln = a.amplitude_lln_mv, cvLln = a.cv_lln_m_s, items = [];
      var label = "distal motor latency \u2265" + pct(t.dml_above_uln) + " above the upper limit";
      var lim = (1 + t.dml_above_uln) * uln, met, text;
      if (!fin(a.dml_ms)) items.push({ key: "dml", label: label, met: null, text: "No distal response: distal latency not assessed." });
      else {
        var dml = pyRound(a.dml_ms, 2), above = dml / uln - 1;
        met = dml >= lim - EPS;
        text = "Distal motor latency " + fixed(dml, 2) + " ms, " + pct(above) + " " + (above >= 0 ? "above" : "below")
          + " the upper limit " + g(uln) + " ms (needs \u2265" + pct(t.dml_above_uln) + ", \u2265" + fixed(lim, 1) + " ms): "
          + verdictWord(met) + ".";
        if (met && a.nerve === "median" && a.carpal_tunnel) {
          met = false;
          text += " But the slowing is confined to the carpal tunnel: the criterion excludes median neuropathy at "
            + "the wrist, so it does not count.";
        } else if (!met && above > 0) {
          text += " A mildly prolonged distal latency is non-specific (for example carpal tunnel syndrome), not "
            + "in the demyelinating range.";
        }
        items.push({ key: "dml", label: label, met: met, text: text, value: dml, unit: "ms", digits: 2 });
      }
      label = "motor conduction velocity \u2265" + pct(t.cv_below_lln) + " below the lower limit";
      lim = (1 - t.cv_below_lln) * cvLln;
      if (fin(a.min_cv_m_s)) {
        var mc = pyRound(a.min_cv_m_s, 1);
        met = mc <= lim + EPS;
        items.push({ key: "cv", label: label, met: met, text: "Slowest segment " + fixed(mc, 1) + " m/s (" + (met ? "\u2264" : ">")
          + " " + fixed(lim, 1) + " m/s, " + pct(t.cv_below_lln) + " below the lower limit " + g(cvLln) + " m/s): "
          + verdictWord(met) + ".", value: mc, unit: "m/s", digits: 1 });
      } else items.push({ key: "cv", label: label, met: null, text: "No segment velocity could be measured." });
      items.push({ key: "f_wave", label: "F-wave latency or absent F-waves", met: null,
        text: "F-waves are not simulated: not assessed (the 2021 item needs a latency \u2265" + pct(t.f_wave_above_uln)
          + " above the upper limit, \u2265" + pct(t.f_wave_above_uln_low_cmap) + " if the distal CMAP is below "
          + pct(t.f_wave_low_cmap_fraction_of_lln) + " of the lower limit)." });
      var comps = a.comparisons.filter(function (c) { return fin(c.reference_amplitude_mv) && c.reference_amplitude_mv > 0; });
      var suffix = a.note ? " " + a.note : "";
      var blockLabel = "motor conduction block (\u2265" + pct(t.block_amplitude_reduction) + " amplitude reduction)";
      var tib = a.nerve === "tibial", dispNeed = tib ? t.dispersion_duration_increase_tibial : t.dispersion_duration_increase;
      var dispSign = tib ? "\u2265" : ">";
      var dispLabel = "abnormal temporal dispersion (" + dispSign + pct(dispNeed) + " duration increase)";
      var floor = t.block_distal_fraction_of_lln * lln;
      if (!comps.length) {
        items.push({ key: "block", label: blockLabel, met: null, text: "Needs a distal and a proximal response." });
        items.push({ key: "dispersion", label: dispLabel, met: null, text: "Needs a distal and a proximal response." });
      } else {
        var drops = comps.map(function (c) { return roundFraction(1 - (fin(c.amplitude_mv) ? c.amplitude_mv : 0) / c.reference_amplitude_mv); });
        var k = 0;
        drops.forEach(function (d, j) { if (d > drops[k]) k = j; });
        var head = "Largest amplitude reduction " + pct(drops[k]) + " (" + comps[k].label + ")";
        if (t.block_excluded_nerves.indexOf(a.nerve) >= 0) {
          items.push({ key: "block", label: blockLabel, met: null,
            text: head + ": not graded: the 2021 block item excludes the " + a.nerve + " nerve." + suffix,
            value: drops[k], unit: "fraction" });
        } else if (comps[k].reference_amplitude_mv < floor - EPS) {
          items.push({ key: "block", label: blockLabel, met: null,
            text: head + ": cannot be graded (distal CMAP too small): " + fixed(comps[k].reference_amplitude_mv, 2)
              + " mV is below " + pct(t.block_distal_fraction_of_lln) + " of the lower limit (" + fixed(floor, 2) + " mV)." + suffix,
            value: drops[k], unit: "fraction" });
        } else {
          met = drops[k] >= t.block_amplitude_reduction - EPS;
          items.push({ key: "block", label: blockLabel, met: met,
            text: head + "; needs \u2265" + pct(t.block_amplitude_reduction) + " with a distal CMAP \u2265" + fixed(floor, 1)
              + " mV (" + pct(t.block_distal_fraction_of_lln) + " of the lower limit): " + verdictWord(met) + "." + suffix,
            value: drops[k], unit: "fraction" });
        }
        var incs = comps.map(function (c) {
          return fin(c.duration_ms) && fin(c.reference_duration_ms) && c.reference_duration_ms > 0
            ? roundFraction(c.duration_ms / c.reference_duration_ms - 1) : NaN;
        });
        var jb = -1;
        incs.forEach(function (x, j) { if (fin(x) && (jb < 0 || x > incs[jb])) jb = j; });
        if (jb >= 0) {
          met = tib ? incs[jb] >= dispNeed - EPS : incs[jb] > dispNeed + EPS;
          items.push({ key: "dispersion", label: dispLabel, met: met,
            text: "Largest duration increase " + pct(incs[jb]) + " (" + comps[jb].label + "; needs " + dispSign
              + pct(dispNeed) + "): " + verdictWord(met) + ".", value: incs[jb], unit: "fraction" });
        } else items.push({ key: "dispersion", label: dispLabel, met: null, text: "No proximal duration could be measured." });
      }
      var dur = fin(a.distal_duration_ms) ? fixed(a.distal_duration_ms, 1) + " ms" : "not measurable";
      var lff = a.low_frequency_filter_hz;
      var why = "the 2021 cut-offs depend on the filter setting and were not verified for this course";
      var durText;
      if (lff === null || lff === undefined) durText = "Distal CMAP duration " + dur + ": not graded (" + why + ").";
      else durText = "Distal CMAP duration " + dur + " (low-frequency filter " + g(lff) + " Hz): not graded (" + why + "); a "
        + "raised filter shortens the CMAP, so a duration is read only against limits measured with the same filter.";
      items.push({ key: "distal_duration", label: "distal CMAP duration prolonged", met: null, text: durText,
        value: fin(a.distal_duration_ms) ? a.distal_duration_ms : null, unit: "ms", digits: 1 });
      return { nerve: a.nerve, items: items };
    }
    function cidpMet(c) { return c.items.filter(function (i) { return i.met; }).map(function (i) { return i.key; }); }
    function cidpItem(c, key) { return c.items.find(function (i) { return i.key === key; }); }
    function cidpCategory(list) {
      var need = C.cidp.nerves_needed, graded = ["dml", "cv", "block", "dispersion"], reasons = [], level;
      var count = {};
      graded.forEach(function (k) { count[k] = list.filter(function (a) { return cidpMet(a).indexOf(k) >= 0; }).length; });
      var strong = graded.filter(function (k) { return count[k] >= need; });
      var blockPlus = list.some(function (a, i) {
        return cidpMet(a).indexOf("block") >= 0 && list.some(function (b, j) {
          return j !== i && cidpMet(b).some(function (x) { return x !== "f_wave"; });
        });
      });
      if (strong.length || blockPlus) {
        level = "CIDP";
        var what = strong.length ? strong.join(", ") : "block in one nerve plus another item in another nerve";
        reasons.push("EAN/PNS 2021 motor criteria met in \u2265" + need + " nerves (" + what + "): electrodiagnostic level "
          + "'CIDP' (the diagnosis also needs the clinical criteria).");
      } else if (graded.some(function (k) { return count[k]; })) {
        level = "possible CIDP";
        var metIn = list.filter(function (a) { return cidpMet(a).length; }).map(function (a) { return a.nerve; });
        if (metIn.length === 1) reasons.push("EAN/PNS 2021 motor criteria met in one nerve only (" + metIn[0] + "): compatible with "
          + "possible CIDP; the level 'CIDP' needs them in \u2265" + need + " nerves.");
        else reasons.push("EAN/PNS 2021 motor items met in " + metIn.join(", ") + ", but no item in \u2265" + need + " nerves "
          + "(each item is worded 'in two nerves'; a block counts with another item elsewhere): possible CIDP.");
        if (list.length === 1) reasons.push("A single-nerve study cannot show more: study at least " + need + " nerves.");
      } else {
        level = "not met";
        reasons.push("No EAN/PNS 2021 motor criterion of demyelination is met in the nerves studied.");
      }
      return { level: level, n_nerves: list.length, reasons: reasons, text: reasons.join(" ") };
    }

    // ---- interpretation (widgets.conduction.interpret)
    function present(s) { return fin(s.amplitude_mv) && fin(s.area_mv_ms) && s.area_mv_ms > 0; }
    function segmentVerdict(cfg, seg, d, p, lln) {
      if (!present(d)) {
        return { grade: "none", reasons: ["No response at " + d.label + ": a block in the " + seg.label + " cannot be judged."],
          rule: "no distal response", area_reduction: NaN, duration_increase: NaN,
          distal_amplitude_mv: fin(d.amplitude_mv) ? d.amplitude_mv : 0, criteria_grade: "none", excluded_by: null, gradable: false };
      }
      var absent = !present(p);
      var v = classifyBlock({ distal_amplitude_mv: d.amplitude_mv, distal_area: d.area_mv_ms,
        proximal_area: absent ? 0 : p.area_mv_ms, distal_duration_ms: d.duration_ms,
        proximal_duration_ms: absent ? d.duration_ms : p.duration_ms, lln_mv: lln, long_segment: seg.long_segment,
        entrapment_site: seg.entrapment_site });
      if (absent) v.reasons = ["No response at " + p.label + "."].concat(v.reasons);
      var graded = C.block.graded_nerves;
      if (graded.indexOf(cfg.nerve) < 0 && v.grade !== "none") {
        v = exclude(v, "nerve not graded", "The 2010 criteria define conduction block in the " + graded.join(", ")
          + " nerves only: this " + cfg.nerve + " drop is reported but not graded.");
      }
      return v;
    }
    function resolvePitfalls(cfg, nerve, k, d, p, verdict, check, raw, lln, longSegment) {
      var sub = cfg.submaximal_site, half = C.block.probable_area_reduction_long_segment;
      if (sub !== null && sub !== undefined) {
        var sIdx = nerve.sites.findIndex(function (x) { return x.name === sub; }), rep = check.supramaximal_repeat;
        var suspicious = verdict.criteria_grade !== "none" || (fin(verdict.area_reduction) && verdict.area_reduction >= half);
        if (sIdx === k && rep && suspicious && present(rep)) {
          var again = classifyBlock({ distal_amplitude_mv: d.amplitude_mv, distal_area: d.area_mv_ms, proximal_area: rep.area_mv_ms,
            distal_duration_ms: d.duration_ms, proximal_duration_ms: rep.duration_ms, lln_mv: lln, long_segment: longSegment,
            entrapment_site: false });
          if (again.criteria_grade === "none") {
            return exclude(verdict, T.excluded_by.submaximal, "The stimulus at " + p.label + " was submaximal (about "
              + pctf(raw.excited_fraction, 0) + " of the axons excited). Repeated with a supramaximal stimulus the CMAP is "
              + fixed(rep.amplitude_mv, 1) + " mV (area " + fixed(rep.area_mv_ms, 1) + " mV\u00b7ms, a fall of only "
              + pct(again.area_reduction) + "): the drop was technical, not a conduction block.");
          }
        }
        var grew = fin(p.area_mv_ms) && fin(d.area_mv_ms) && p.area_mv_ms > d.area_mv_ms;
        if (sIdx === k - 1 && grew) {
          return withReason(verdict, "The CMAP is larger at " + p.label + " than at " + d.label + ": a sign that " + d.label
            + " was not stimulated supramaximally.");
        }
      }
      var mga = check.median_elbow_adm;
      if (nerve.name === "ulnar" && k === 1 && mga && verdict.criteria_grade !== "none") {
        var extra = present(mga) ? mga.area_mv_ms : 0, pArea = present(p) ? p.area_mv_ms : 0;
        var left = 1 - (pArea + extra) / d.area_mv_ms;
        if (extra > 0 && left < half) {
          return exclude(verdict, T.excluded_by.mga, "Stimulating the median nerve at the elbow while recording ADM evokes a CMAP of "
            + fixed(mga.amplitude_mv, 1) + " mV (area " + fixed(extra, 1) + " mV\u00b7ms): these axons run in the median nerve at the "
            + "elbow and cross to the ulnar nerve in the forearm. Added to the below-elbow response, the area loss is only "
            + pct(Math.max(left, 0)) + ": a Martin\u2013Gruber anastomosis, not a conduction block.");
        }
        return withReason(verdict, "Median-nerve stimulation at the elbow evokes "
          + (extra > 0 ? "only " + fixed(mga.amplitude_mv, 1) + " mV" : "no response")
          + " at ADM: a Martin\u2013Gruber anastomosis does not explain this drop.");
      }
      return verdict;
    }
    function snapResult(cfg, nerve, raw, sm, lengths) {
      var sv = nerve.sensory, nSites = nerve.sites.length, rows = [], segs = [], reasons = [], k;
      for (k = 0; k < nSites; k++) {
        var s = nerve.sites[k];
        rows.push({ name: s.name, label: s.label, distance_mm: s.distance_mm, snap_uv: raw.sensory[k],
          latency_ms: sm[k].latency_ms, amplitude_uv: sm[k].amplitude, area_uv_ms: sm[k].area, duration_ms: sm[k].duration_ms });
      }
      var frac = C.model.snap_segment_fraction_of_normal;
      var nz = function (x) { return Number.isNaN(x) ? 0 : x; };
      for (k = 1; k < nSites; k++) {
        var seg = nerve.segments[k];
        var cv = velocity(lengths[k], sm[k - 1].latency_ms, sm[k].latency_ms);
        var ar = ratio(nz(sm[k].area), sm[k - 1].area), nr = ratio(sm[nSites + k].area, sm[nSites + k - 1].area);
        var amr = ratio(nz(sm[k].amplitude), sm[k - 1].amplitude);
        var abnormal = fin(nr) && (!fin(ar) || ar < frac * nr);
        segs.push({ name: seg.name, label: seg.label, length_mm: lengths[k], cv_m_s: cv, amplitude_ratio: amr,
          area_ratio: ar, normal_area_ratio: nr, abnormal: abnormal });
        if (abnormal) {
          var kept = !fin(ar) ? "none" : pctf(ar, 0);
          reasons.push("Across the " + seg.label + " the SNAP keeps " + kept + " of its area, against " + pctf(nr, 0)
            + " in the same nerve without lesions (below " + pctf(frac, 0) + " of that): sensory conduction fails there.");
        }
      }
      var d = rows[0];
      var cvd = fin(d.latency_ms) && d.latency_ms > 0 ? d.distance_mm / d.latency_ms : NaN;
      if (!fin(d.amplitude_uv)) reasons.unshift("No distal SNAP.");
      else {
        if (pyRound(d.amplitude_uv, 0) < sv.amplitude_lln_uv) reasons.unshift("Distal SNAP " + fixed(d.amplitude_uv, 0)
          + " \u00b5V is below the model's lower limit (" + g(sv.amplitude_lln_uv) + " \u00b5V).");
        if (fin(cvd) && pyRound(cvd, 0) < sv.cv_lln_m_s) reasons.unshift("Sensory conduction velocity " + fixed(cvd, 0)
          + " m/s is below the model's lower limit (" + g(sv.cv_lln_m_s) + " m/s).");
      }
      var abn = reasons.length > 0;
      if (!abn) reasons.push("Normal SNAP: " + fixed(d.amplitude_uv, 0) + " \u00b5V, " + fixed(cvd, 0) + " m/s, and sensory "
        + "conduction across every segment like that of a nerve without lesions.");
      return { label: sv.label, amplitude_uv: d.amplitude_uv, latency_ms: d.latency_ms, cv_m_s: cvd, area_uv_ms: d.area_uv_ms,
        sites: rows, segments: segs, abnormal: abn, reasons: reasons };
    }
    function cidpComparisons(cfg, nerve, sites, segments, check) {
      var ref = sites[0], notes = [], out = [], skipped = [];
      var mga = segments.length > 0 && segments[0].block.excluded_by === T.excluded_by.mga;
      var standard = nerve.standard_sites;
      for (var k = 1; k < sites.length; k++) {
        var s = sites[k];
        if (standard.indexOf(s.name) < 0) { skipped.push(s.label); continue; }
        var r = ref;
        if (mga) { if (k === 1) continue; r = sites[1]; }
        var amp = s.amplitude_mv, dur = s.duration_ms, rep = check.supramaximal_repeat;
        if (cfg.submaximal_site === s.name && rep) { amp = rep.amplitude_mv; dur = rep.duration_ms; }
        out.push({ label: s.label + " vs " + r.label, reference_amplitude_mv: r.amplitude_mv, amplitude_mv: amp,
          reference_duration_ms: r.duration_ms, duration_ms: dur });
      }
      if (cfg.submaximal_site !== null && cfg.submaximal_site !== undefined && check.supramaximal_repeat)
        notes.push("The submaximal site is counted with its supramaximal repeat.");
      if (mga) notes.push("Drops explained by the Martin\u2013Gruber anastomosis are not counted.");
      if (skipped.length) notes.push("Responses at " + skipped.join(" and ") + " are not standard sites and are not counted (normal "
        + "velocity spread over long proximal distances prolongs and lowers them).");
      return { comparisons: out, note: notes.join(" ") };
    }

    function buildStudy(cfg, raw) {
      var nerve = personNerve(cfg), rules = C.model, nSites = nerve.sites.length, dt0 = raw.dt_ms;
      var lffSet = cfg.low_frequency_filter_hz !== null && cfg.low_frequency_filter_hz !== undefined;
      var mm = raw.motor.map(function (r) { return measure(r, rules.cmap_absent_below_mv, lffSet); });
      var sm = raw.sensory.map(function (r) { return measure(r, rules.snap_absent_below_uv); });
      var site = function (name, label, dist, k, note) {
        return { name: name, label: label, distance_mm: dist, cmap_mv: raw.motor[k], latency_ms: mm[k].latency_ms,
          amplitude_mv: mm[k].amplitude, area_mv_ms: mm[k].area, duration_ms: mm[k].duration_ms, peak_ms: mm[k].peak_ms,
          end_ms: mm[k].end_ms, note: note || "" };
      };
      var sites = nerve.sites.map(function (s, k) {
        var note = cfg.submaximal_site === s.name ? "submaximal stimulus (about " + pctf(raw.excited_fraction, 0)
          + " of the axons excited)" : "";
        return site(s.name, s.label, s.distance_mm, k, note);
      });
      var checks = raw.check_names.map(function (name, j) {
        var k = nSites + j;
        if (name.indexOf("supramaximal:") === 0) {
          var sn = name.split(":")[1], st = nerve.sites.find(function (x) { return x.name === sn; });
          return site("supramaximal_repeat", st.label + ", supramaximal repeat", st.distance_mm, k);
        }
        return site("median_elbow_adm", "Median nerve at the elbow, recording ADM", nerve.sites[1].distance_mm, k);
      });
      var check = {};
      checks.forEach(function (c) { check[c.name] = c; });
      var lengths = segmentLengths(nerve), lln = nerve.limits.amplitude_lln_mv, segments = [], k;
      for (k = 1; k < nSites; k++) {
        var seg = nerve.segments[k], d = sites[k - 1], p = sites[k];
        var v = segmentVerdict(cfg, seg, d, p, lln);
        v = resolvePitfalls(cfg, nerve, k, d, p, v, check, raw, lln, seg.long_segment);
        segments.push({ name: seg.name, label: seg.label, distal_site: d.name, proximal_site: p.name, length_mm: lengths[k],
          cv_m_s: velocity(lengths[k], mm[k - 1].latency_ms, mm[k].latency_ms),
          amplitude_ratio: ratio(mm[k].amplitude, mm[k - 1].amplitude), area_ratio: ratio(mm[k].area, mm[k - 1].area),
          duration_ratio: ratio(mm[k].duration_ms, mm[k - 1].duration_ms), block: v, long_segment: seg.long_segment,
          entrapment_site: seg.entrapment_site });
      }
      var snap = snapResult(cfg, nerve, raw, sm, lengths);
      var finiteCvs = segments.map(function (s) { return s.cv_m_s; }).filter(fin);
      var minCv = finiteCvs.length ? Math.min.apply(null, finiteCvs) : NaN;
      var d0 = sites[0], lim = nerve.limits;
      var cc = cidpComparisons(cfg, nerve, sites, segments, check);
      var carpal = nerve.name === "median" && nerve.segments[0].entrapment_site && fin(d0.latency_ms)
        && pyRound(d0.latency_ms, 1) > lim.dml_uln_ms && finiteCvs.length > 0 && minCv >= lim.cv_lln_m_s;
      var cidp = cidpAssessment({ nerve: nerve.name, dml_ms: d0.latency_ms, dml_uln_ms: lim.dml_uln_ms,
        distal_amplitude_mv: d0.amplitude_mv, amplitude_lln_mv: lln, distal_duration_ms: d0.duration_ms,
        comparisons: cc.comparisons, min_cv_m_s: minCv, cv_lln_m_s: lim.cv_lln_m_s, note: cc.note, carpal_tunnel: carpal,
        low_frequency_filter_hz: lffSet ? cfg.low_frequency_filter_hz : null });
      var half = C.block.probable_area_reduction_long_segment;
      var axon = axonLossPattern({ distal_amplitude_mv: d0.amplitude_mv, amplitude_lln_mv: lln,
        any_block: segments.some(function (s) { return isBlock(s.block) || (!s.block.gradable && s.area_ratio < 1 - half); }),
        dml_ms: d0.latency_ms, dml_uln_ms: lim.dml_uln_ms, min_cv_m_s: minCv, cv_lln_m_s: lim.cv_lln_m_s });
      var desc = describe(cfg, nerve, sites, segments, snap, cidp, axon, minCv);
      return { nerve: nerve, preset: cfg.preset || null, settings: cfg, time_dt_ms: dt0, n_samples: raw.motor[0].length,
        sites: sites, segments: segments, snap: snap, checks: checks, cidp: cidp, axon_loss_pattern: axon,
        findings: desc.findings, pattern: desc.pattern, interpretation: desc.text };
    }

    // ---- the verdict in words (widgets.conduction.describe, patterns)
    function dispersedProbable(s) { return s.block.grade === "probable" && s.block.duration_increase > C.block.max_duration_increase; }
    function areaDuration(s) { return "area \u2212" + pct(s.block.area_reduction) + ", duration " + signed(s.block.duration_increase); }
    function limitFindings(nerve, d, segments) {
      var lim = nerve.limits, outside = [];
      if (fin(d.latency_ms) && pyRound(d.latency_ms, 1) > lim.dml_uln_ms)
        outside.push("distal latency " + fixed(d.latency_ms, 1) + " ms (typical upper limit " + g(lim.dml_uln_ms) + " ms)");
      if (!fin(d.amplitude_mv)) outside.push("no distal CMAP");
      else if (pyRound(d.amplitude_mv, 1) < lim.amplitude_lln_mv)
        outside.push("distal CMAP " + fixed(d.amplitude_mv, 1) + " mV (typical lower limit " + g(lim.amplitude_lln_mv) + " mV)");
      var slow = segments.filter(function (s) {
        return fin(s.cv_m_s) && pyRound(s.cv_m_s, 0) < lim.cv_lln_m_s && nerve.standard_sites.indexOf(s.proximal_site) >= 0;
      });
      slow.forEach(function (s) {
        outside.push("CV " + fixed(s.cv_m_s, 0) + " m/s in the " + s.label + " (typical lower limit " + g(lim.cv_lln_m_s) + " m/s)");
      });
      return { outside: outside, slow: slow };
    }
    function describe(cfg, nerve, sites, segments, snap, cidp, axon, minCv) {
      var lim = nerve.limits, d = sites[0], f = [], br = C.block, category = cidpCategory([cidp]);
      var add = function (kind, text) { f.push({ kind: kind, text: text }); };
      var lf = limitFindings(nerve, d, segments), outside = lf.outside, slow = lf.slow;
      if (outside.length) add("limits", "Outside the typical laboratory limits: " + outside.join("; ") + ".");
      else add("limits", "Distal latency, CMAP amplitude and every segment velocity are within the typical laboratory limits.");
      var dml = cidpItem(cidp, "dml");
      if (fin(d.latency_ms) && pyRound(d.latency_ms, 1) > lim.dml_uln_ms && dml.met === false) {
        var above = d.latency_ms / lim.dml_uln_ms - 1;
        var why = above < C.cidp.dml_above_uln ? "below the demyelinating range (\u2265" + pct(C.cidp.dml_above_uln) + " above, EAN/PNS 2021)"
          : "not counted: the slowing is confined to the carpal tunnel";
        add("dml_mild", "Distal latency " + fixed(d.latency_ms, 2) + " ms is " + pct(above) + " above the upper limit: " + why
          + ". A mildly prolonged distal latency is non-specific (for example carpal tunnel syndrome).");
      }
      var distalEntrapment = nerve.segments[0].entrapment_site && fin(d.latency_ms) && pyRound(d.latency_ms, 1) > lim.dml_uln_ms
        && segments.length > 0 && !slow.length;
      if (distalEntrapment) add("entrapment", "Distal latency " + fixed(d.latency_ms, 1) + " ms is prolonged while the segments above "
        + "the wrist conduct normally: the slowing lies in the " + nerve.segments[0].label + ", a common entrapment site.");
      var blocks = segments.filter(function (s) { return isBlock(s.block); });
      blocks.forEach(function (s) {
        var extra = dispersedProbable(s) ? " The duration rose by more than " + pct(br.max_duration_increase) + ": phase cancellation "
          + "from temporal dispersion cannot be excluded, so this is a probable block only." : "";
        if (snap.abnormal) extra += " With abnormal sensory conduction this is not an MMN block: the CIDP amplitude rules "
          + "(EAN/PNS 2021) apply.";
        add("block", capitalize(s.block.grade) + " conduction block by the MMN area rules (EFNS/PNS 2010) in the " + s.label + ": "
          + areaDuration(s) + " (" + s.block.rule + ")." + extra);
      });
      var ungradable = segments.filter(function (s) {
        return !s.block.gradable && fin(s.block.area_reduction) && s.block.area_reduction >= br.probable_area_reduction_long_segment;
      });
      ungradable.forEach(function (s) {
        add("ungradable", "In the " + s.label + " the area falls " + pct(s.block.area_reduction) + ", but a block cannot be graded "
          + "(distal CMAP too small: " + fixed(s.block.distal_amplitude_mv, 2) + " mV). This is neither evidence of a block nor of its absence.");
      });
      var excluded = segments.filter(function (s) { return s.block.excluded_by; });
      excluded.forEach(function (s) {
        add("excluded", "The drop in the " + s.label + " (area \u2212" + pct(s.block.area_reduction) + ") meets the "
          + s.block.criteria_grade + " rule but does not count: " + s.block.excluded_by + ". " + s.block.reasons[s.block.reasons.length - 1]);
      });
      var dispLimit = nerve.name === "tibial" ? C.cidp.dispersion_duration_increase_tibial : C.cidp.dispersion_duration_increase;
      var dispersed = segments.filter(function (s) { return fin(s.block.duration_increase) && s.block.duration_increase > dispLimit; });
      dispersed.forEach(function (s) {
        add("dispersion", "Temporal dispersion in the " + s.label + ": duration " + signed(s.block.duration_increase) + ", amplitude \u2212"
          + pct(1 - s.amplitude_ratio) + " but area only \u2212" + pct(s.block.area_reduction) + ": phase cancellation costs amplitude more "
          + "than area.");
      });
      var cidpBlock = cidpItem(cidp, "block").met;
      var cidp30 = pct(C.cidp.block_amplitude_reduction), mmn50 = pct(br.definite_area_reduction);
      if (cidpBlock && !blocks.length) {
        add("rules", "The amplitude falls enough for the conduction-block item of the EAN/PNS 2021 CIDP criteria (amplitude "
          + "reduction \u2265" + cidp30 + "), but no segment meets an EFNS/PNS 2010 MMN block grade, which is judged on negative-peak "
          + "area (definite \u2265" + mmn50 + ") with a limit on the duration increase. The two guidelines measure different things: "
          + "MMN rules for MMN, CIDP rules for CIDP.");
      } else if (blocks.length && cidpBlock) {
        add("rules", "This drop meets both the EFNS/PNS 2010 MMN block rule (negative-peak area) and the EAN/PNS 2021 CIDP block "
          + "item (amplitude \u2265" + cidp30 + "). Which guideline applies is a clinical question: a pure motor picture with normal "
          + "sensory conduction points to MMN, sensory involvement to CIDP.");
      } else if (blocks.length && cidpBlock === false) {
        add("rules", "The MMN area rules grade a block here, but the amplitude falls by less than the " + cidp30 + " of the EAN/PNS "
          + "2021 CIDP block item: the guidelines measure different things.");
      }
      var items = cidp.items.filter(function (i) { return i.met; }).map(function (i) { return i.label; }).join("; ");
      if (cidpMet(cidp).length) add("cidp", "EAN/PNS 2021 CIDP motor items met in this nerve: " + items + ". " + category.text);
      if (axon.present) add("axon_loss", "Axon-loss pattern: " + axon.reasons.slice(0, -1).join(" "));
      add("snap", (snap.abnormal ? "Abnormal SNAP: " : "") + snap.reasons.join(" "));
      var margin = C.model.temperature_note_below_reference_c, ref = T.reference_temperature_c;
      var cold = cfg.temperature_c < ref - margin;
      if (cold) add("temperature", "Limb temperature " + g(cfg.temperature_c) + " \u00b0C, below the " + g(ref) + " \u00b0C reference: "
        + "cooling slows conduction and makes CMAPs larger and longer. Warm the limb and repeat before calling slowing abnormal.");
      else if (cfg.temperature_c > ref + margin) add("temperature", "Limb temperature " + g(cfg.temperature_c) + " \u00b0C, above the "
        + g(ref) + " \u00b0C reference: conduction is faster and potentials slightly smaller and shorter.");
      sites.forEach(function (s) { if (s.note) add("pitfall", s.label + ": " + s.note + "."); });
      if (cfg.martin_gruber > 0) add("pitfall", T.excluded_by.mga + ": about " + pctf(cfg.martin_gruber, 0) + " of the ADM motor axons "
        + "cross from the median to the ulnar nerve in the forearm.");
      var rec = recordingFindings(cfg, d);
      rec.forEach(function (x) { f.push(x); });
      var o = overall({ cfg: cfg, nerve: nerve, d: d, segments: segments, snap: snap, cidp: cidp, category: category, axon: axon,
        minCv: minCv, outside: outside, slow: slow, cold: cold, blocks: blocks, ungradable: ungradable, excluded: excluded,
        dispersed: dispersed, distalEntrapment: distalEntrapment, items: items });
      var text = o.text;
      if (recordingSuspect(cfg)) text = "Check the recording first: " + recordingWords(cfg) + ". " + text;
      return { findings: f, pattern: o.pattern, text: text };
    }
    function recordingSuspect(cfg) {
      var lff = cfg.low_frequency_filter_hz, raised = lff !== null && lff !== undefined && lff > T.recording.raised_filter_hz;
      return !!(cfg.electrode_offset_mm || cfg.reference_pickup || raised);
    }
    function recordingWords(cfg) {
      var parts = [];
      if (cfg.electrode_offset_mm) parts.push("active electrode " + g(cfg.electrode_offset_mm) + " mm off the motor point");
      if (cfg.reference_pickup) parts.push("reference electrode over active muscle (" + pctf(cfg.reference_pickup, 0) + " pickup)");
      if (cfg.low_frequency_filter_hz !== null && cfg.low_frequency_filter_hz !== undefined)
        parts.push("low-frequency filter " + g(cfg.low_frequency_filter_hz) + " Hz");
      return parts.join("; ");
    }
    function recordingFindings(cfg, d) {
      var out = [];
      if (cfg.electrode_offset_mm) {
        var onset = fin(d.latency_ms) ? Math.trunc(d.latency_ms / dt) : 0, lead = 0;
        if (onset > 0) { lead = -Infinity; for (var i = 0; i < onset; i++) lead = Math.max(lead, d.cmap_mv[i]); }
        var dip = lead >= 0.05 ? "an initial positive deflection of " + fixed(lead, 1) + " mV" : "a changed shape";
        out.push({ kind: "pitfall", text: "The active electrode is " + g(cfg.electrode_offset_mm) + " mm off the motor point: "
          + "the distal CMAP shows " + dip + ", is smaller and starts later than over the motor point. Move the electrode "
          + "until the CMAP starts with a negative deflection, then measure amplitude and latency." });
      }
      if (cfg.reference_pickup) out.push({ kind: "pitfall", text: "The reference electrode lies over active muscle, not the "
        + "tendon: the amplifier shows the difference of two muscle potentials, so amplitude, duration and area change. Put "
        + "the reference electrode on the tendon." });
      if (cfg.low_frequency_filter_hz !== null && cfg.low_frequency_filter_hz !== undefined) {
        var dur = fin(d.duration_ms) ? fixed(d.duration_ms, 1) + " ms" : "not measurable";
        out.push({ kind: "pitfall", text: "Low-frequency filter " + g(cfg.low_frequency_filter_hz) + " Hz: a higher setting "
          + "shortens the negative phase and lowers amplitude and area (distal duration here " + dur + "). Duration limits "
          + "hold only for the filter setting they were measured with." });
      }
      return out;
    }
    function classifyPattern(f) {
      if (f.block_grades.length) {
        if (f.sensory_abnormal) return "sensorimotor_block";
        if (f.block_grades.indexOf("definite") >= 0) return "motor_block_definite";
        if (f.dispersed_probable.every(Boolean)) return "motor_block_dispersed";
        return "motor_block_probable";
      }
      if (f.cold_only) return "cold";
      if (f.cidp_any && f.sensory_abnormal && !f.entrapment_only) return "demyelinating_sensory";
      if (f.pseudo_block) return "dispersion";
      if (f.entrapment_only) return "entrapment";
      if (f.ungradable) return "ungradable";
      if (f.axon_loss) return "axon_loss";
      if (f.technical) return "technical";
      if (f.cidp_any) return "demyelinating";
      if (f.subthreshold_drop) return "subthreshold_drop";
      if (f.outside_limits || f.sensory_abnormal) return "abnormal";
      return "normal";
    }
    function writePattern(key, values) {
      var tpl = T.templates[key], fields = Object.assign({}, T.threshold_fields, values);
      var text = tpl[1].replace(/\{(\w+)\}/g, function (_, name) {
        if (!(name in fields)) throw new Error("template field " + name + " was not supplied");
        return fields[name];
      });
      return { pattern: tpl[0], text: text };
    }
    function overall(a) {
      var br = C.block, lim = a.nerve.limits, half0 = br.probable_area_reduction_long_segment;
      var focal = a.segments.filter(function (s) {
        return s.block.criteria_grade !== "none" || a.slow.indexOf(s) >= 0 || (fin(s.area_ratio) && s.area_ratio < 1 - half0);
      });
      var entrapmentOnly = (focal.length > 0 && focal.every(function (s) { return s.entrapment_site; })) || (a.distalEntrapment && !focal.length);
      var technical = a.excluded.filter(function (s) {
        return s.block.excluded_by === T.excluded_by.submaximal || s.block.excluded_by === T.excluded_by.mga;
      });
      var half = 1 - br.definite_area_reduction;
      var pseudo = a.dispersed.filter(function (s) { return fin(s.amplitude_ratio) && s.amplitude_ratio <= half && !isBlock(s.block); });
      var demyelSlowing = a.cidp.items.some(function (i) { return i.met && (i.key === "dml" || i.key === "cv"); });
      var coldOnly = a.outside.length > 0 && a.cold && !a.excluded.length && !demyelSlowing && fin(a.d.amplitude_mv)
        && a.d.amplitude_mv >= lim.amplitude_lln_mv;
      var drops = a.segments.filter(function (s) {
        return outcomeKey(s.block) === "no_block" && !s.entrapment_site && fin(s.block.area_reduction) && s.block.area_reduction >= half0;
      });
      var key = classifyPattern({
        block_grades: a.blocks.map(function (s) { return s.block.grade; }),
        dispersed_probable: a.blocks.map(dispersedProbable), sensory_abnormal: a.snap.abnormal, cold_only: coldOnly,
        cidp_any: cidpMet(a.cidp).length > 0, pseudo_block: pseudo.length > 0, entrapment_only: entrapmentOnly,
        ungradable: a.ungradable.length > 0, axon_loss: a.axon.present, technical: technical.length > 0,
        subthreshold_drop: drops.length > 0, outside_limits: a.outside.length > 0 });
      var v = { category: a.category.text, items: a.items }, s;
      if (/block$/.test(key)) {
        // no proximal response (a complete block): the amplitude fell 100% (the Python reference raises here, see the
        // parity test)
        v.drops = a.blocks.map(function (x) {
          return "amplitude \u2212" + pct(1 - (fin(x.amplitude_ratio) ? x.amplitude_ratio : 0)) + " in the " + shortLabel(x.label);
        }).join("; ");
        v.cidp_block_text = cidpItem(a.cidp, "block").text;
      }
      if (key.indexOf("motor_block") === 0) {
        v.grades = a.blocks.map(function (x) { return x.block.grade + " in the " + shortLabel(x.label) + ": " + areaDuration(x); }).join("; ");
      }
      if (key === "cold") { v.outside = a.outside.join("; "); v.temperature = g(a.cfg.temperature_c); }
      if (key === "dispersion") {
        s = pseudo[0];
        v.pseudo_segment = s.label; v.pseudo_amplitude = pct(1 - s.amplitude_ratio);
        v.pseudo_area = pct(s.block.area_reduction); v.pseudo_duration = pct(s.block.duration_increase);
      }
      if (key === "entrapment") v.where = focal.length ? focal.map(function (x) { return x.label; }).join(", ") : a.nerve.segments[0].label;
      if (key === "ungradable") {
        s = a.ungradable[0];
        v.distal_mv = fixed(a.d.amplitude_mv, 2); v.ungradable_area = pct(s.block.area_reduction); v.ungradable_segment = s.label;
      }
      if (key === "axon_loss") {
        var gradable = a.segments.every(function (x) { return x.block.gradable; });
        // no distal response: 0 mV, and "—" for a velocity that cannot be measured (the Python reference prints
        // "nan" here; see conduction_parity.compare)
        v.distal_mv_short = fin(a.d.amplitude_mv) ? fixed(a.d.amplitude_mv, 1) : "0.0";
        v.no_block = gradable ? "no conduction block"
          : "no drop between sites (with a distal CMAP this small a block cannot be formally graded)";
        v.min_cv = fin(a.minCv) ? fixed(a.minCv, 0) : "\u2014"; v.snap_word = a.snap.abnormal ? "abnormal" : "normal";
      }
      if (key === "technical") {
        var causes = technical.map(function (x) {
          return "the drop in the " + x.label + " is explained by " + (x.block.excluded_by === T.excluded_by.mga ? "a " : "") + x.block.excluded_by;
        }).join("; ");
        v.technical = causes[0].toUpperCase() + causes.slice(1);
      }
      if (key === "subthreshold_drop") {
        s = drops.reduce(function (b, x) { return x.block.area_reduction > b.block.area_reduction ? x : b; });
        v.drop_area = pct(s.block.area_reduction); v.drop_segment = s.label;
      }
      if (key === "demyelinating") v.snap_article = a.snap.abnormal ? "an abnormal" : "a normal";
      if (key === "abnormal") {
        v.outside_or_snap = a.outside.length ? a.outside.join("; ") : "abnormal SNAP";
        var mildly = cidpItem(a.cidp, "dml").met === false && fin(a.d.latency_ms) && pyRound(a.d.latency_ms, 1) > lim.dml_uln_ms;
        v.mild = mildly ? " The distal latency is only mildly prolonged: non-specific (for example carpal tunnel syndrome)." : "";
      }
      return writePattern(key, v);
    }

    // ---- checklist (widgets.conduction.checklist) and short verdict (widgets.conduction.figures)
    function shownSegment(study) {
      var segs = study.segments.filter(function (s) { return fin(s.area_ratio); });
      if (!segs.length) return study.segments[0];
      var minBy = function (list, key) {
        return list.reduce(function (b, x) {
          var kb = key(b), kx = key(x);
          for (var i = 0; i < kb.length; i++) { if (kx[i] < kb[i]) return x; if (kx[i] > kb[i]) return b; }
          return b;
        });
      };
      var rank = { definite: 0, probable: 1 };
      var blocked = segs.filter(function (s) { return s.block.grade in rank; });
      if (blocked.length) return minBy(blocked, function (s) { return [rank[s.block.grade], s.area_ratio]; });
      var excl = segs.filter(function (s) { return s.block.excluded_by; });
      if (excl.length) return minBy(excl, function (s) { return [s.area_ratio]; });
      var ung = segs.filter(function (s) { return !s.block.gradable && s.area_ratio < 1; });
      if (ung.length) return minBy(ung, function (s) { return [s.area_ratio]; });
      return minBy(segs, function (s) { return [s.area_ratio]; });
    }
    function segmentOutcome(seg) {
      var b = seg.block;
      if (!b.gradable) return "not gradeable";
      if (b.excluded_by) return "not counted (" + b.excluded_by + ")";
      if (isBlock(b)) return b.grade + " block";
      return "no block";
    }
    function mark(met) { return met === true ? T.marks["true"] : met === false ? T.marks["false"] : T.marks["null"]; }
    // the measured value a CIDP item was judged on, as printed (CidpItem.value_text)
    function valueText(item) {
      if (item.value === null || item.value === undefined || !fin(item.value)) return "";
      if (item.unit === "fraction") return pct(item.value);
      return (fixed(item.value, item.digits === undefined ? 1 : item.digits) + " " + item.unit).trim();
    }
    function checklist(study) {
      var t = C.block, c = C.cidp, seg = shownSegment(study), b = seg.block, lln = study.nerve.limits.amplitude_lln_mv;
      var floor = Math.max(t.distal_amplitude_fraction_of_lln * lln, t.distal_amplitude_min_mv);
      var area = fin(b.area_reduction) ? b.area_reduction : 1 - seg.area_ratio;
      var dur = fin(b.duration_increase) ? b.duration_increase : seg.duration_ratio - 1;
      var amp = b.distal_amplitude_mv, gradable = b.gradable;
      var mmn = [{ rule: "distal CMAP >" + fixed(floor, 1) + " mV (" + pct(t.distal_amplitude_fraction_of_lln) + " of LLN, >"
        + g(t.distal_amplitude_min_mv) + " mV)", value: fin(amp) ? fixed(amp, 1) + " mV" : "\u2014", met: gradable },
        { rule: "area drop \u2265" + pct(t.definite_area_reduction), value: fin(area) ? pct(area) : "\u2014",
          met: !gradable || !fin(area) ? null : area >= t.definite_area_reduction - 1e-9 }];
      if (seg.long_segment) mmn.push({ rule: "or \u2265" + pct(t.probable_area_reduction_long_segment) + " (long segment, probable)",
        value: fin(area) ? pct(area) : "\u2014", met: !gradable || !fin(area) ? null : area >= t.probable_area_reduction_long_segment - 1e-9 });
      mmn.push({ rule: "duration increase \u2264" + pct(t.max_duration_increase), value: fin(dur) ? signed(dur) : "\u2014",
        met: !gradable || !fin(dur) ? null : dur <= t.max_duration_increase + 1e-9 });
      mmn.push({ rule: "away from entrapment sites and pitfalls", value: b.excluded_by || (seg.entrapment_site ? "entrapment site" : "yes"),
        met: !(b.excluded_by || seg.entrapment_site) });
      var disp = study.nerve.name === "tibial" ? c.dispersion_duration_increase_tibial : c.dispersion_duration_increase;
      var labels = { dml: "distal latency \u2265" + pct(c.dml_above_uln) + " above ULN", cv: "velocity \u2265" + pct(c.cv_below_lln) + " below LLN",
        f_wave: "F-wave latency / absent F-waves", block: "amplitude drop \u2265" + pct(c.block_amplitude_reduction) + " (block)",
        dispersion: "duration increase " + (study.nerve.name === "tibial" ? "\u2265" : ">") + pct(disp) + " (dispersion)",
        distal_duration: "distal CMAP duration" };
      var cidp = study.cidp.items.map(function (item) {
        var value = valueText(item);
        if (item.met === null) value = item.text.indexOf("not simulated") >= 0 || !value ? "not simulated" : value + ", not graded";
        return { rule: labels[item.key] || item.label, value: value, met: item.met };
      });
      var line = function (k) { return mark(k.met) + " " + k.rule + ": " + k.value; };
      var segment = shortLabel(seg.label), outcome = segmentOutcome(seg);
      var lines = ["MMN block rules (EFNS/PNS 2010), " + segment + ": " + outcome.toUpperCase()]
        .concat(mmn.map(function (k) { return "  " + line(k); }))
        .concat(["CIDP motor items (EAN/PNS 2021), this nerve:"])
        .concat(cidp.map(function (k) { return "  " + line(k); }));
      return { segment: segment, outcome: outcome, mmn: mmn, cidp: cidp, lines: lines, line: line };
    }
    function verdictText(study) {
      var sentences = study.interpretation.trim().split(/(?<=[.!?])\s+(?=[A-Z(])/), out = sentences[0];
      for (var i = 1; i < sentences.length; i++) {
        if (out.length + 1 + sentences[i].length > T.verdict_max_chars) break;
        out = out + " " + sentences[i];
      }
      return out;
    }

    // ---- configurations
    function defaultConfig(nerve) {
      return { nerve: nerve, seed: 0, preset: null, lesions: [], axon_loss: 0, reinnervation: 0, sensory_axon_loss: 0,
        temperature_c: T.reference_temperature_c, submaximal_site: null, submaximal_fraction: 0.5, martin_gruber: 0,
        electrode_offset_mm: 0, reference_pickup: 0, low_frequency_filter_hz: null };
    }
    function presetConfig(nerve, name, seed) {
      var p = T.presets[name];
      if (p.nerves.indexOf(nerve) < 0) throw new Error("nerve must be one of " + p.nerves.join(", ") + " for preset " + name);
      var cfg = defaultConfig(nerve), pit = p.pitfalls[nerve] || {};
      cfg.seed = seed || 0;
      cfg.preset = name;
      cfg.lesions = p.lesions[nerve].map(function (l) { return Object.assign({}, l); });
      cfg.axon_loss = p.axon_loss; cfg.reinnervation = p.reinnervation; cfg.sensory_axon_loss = p.sensory_axon_loss;
      cfg.temperature_c = p.temperature_c;
      if (pit.submaximal_site) cfg.submaximal_site = pit.submaximal_site;
      if ("submaximal_fraction" in pit) cfg.submaximal_fraction = pit.submaximal_fraction;
      if ("martin_gruber" in pit) cfg.martin_gruber = pit.martin_gruber;
      return cfg;
    }
    function simulate(cfg) {
      var full = Object.assign(defaultConfig(cfg.nerve), cfg);
      if (!T.nerves[full.nerve]) throw new Error("nerve must be one of " + Object.keys(T.nerves).join(", ") + ", got " + full.nerve);
      return buildStudy(full, run(full));
    }
    return { table: T, simulate: simulate, hasPeople: hasPeople, run: run, presetConfig: presetConfig, defaultConfig: defaultConfig,
      checklist: checklist, verdictText: verdictText, segmentOutcome: segmentOutcome, outcomeKey: outcomeKey,
      format: { fixed: fixed, pct: pct, g: g, round: pyRound },
      internal: { arrivals: arrivals, person: person, temperatureFactors: temperatureFactors, measure: measure } };
  }

  root.MMNConduction = { create: create };
})(typeof window !== "undefined" ? window : globalThis);
