// Arrival times and waveforms: temperature, unit potentials, recording pitfalls, lesions, and the traces of every site.
// Part of the browser conduction model: mmn_book.model_tables joins js/conduction/*.js (in CONDUCTION_PARTS order)
// into the one served script conduction-model.js. Python reference: widgets.conduction.model, temperature, waveforms, recording, lesions.
(function (root) {
  "use strict";
  root.MMNConductionParts = root.MMNConductionParts || {};
  var parts = root.MMNConductionParts;

  parts.arrivals = function (T, M) {
    var P = T.pool, dt = T.dt_ms, templateCache = {};
    var pyRound = M.pyRound, person = M.person, personNerve = M.personNerve;
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
    // factors: the person's speed multiplier of each segment (widgets.conduction.person.cv_split; ones if absent)
    function arrivals(nerve, pool, lesions, tf, residual, sensory, factors) {
      var eff = segmentEffects(nerve, lesions, pool, sensory), L = segmentLengths(nerve);
      var nSeg = nerve.segments.length, n = pool.n, arrival = [], passes = [];
      var acc = new Float64Array(n), ok = new Uint8Array(n).fill(1);
      for (var k = 0; k < nSeg; k++) {
        var prox = nerve.segments[k].proximal ? 1 : 0, row = new Float64Array(n), prow = new Uint8Array(n);
        var gain = (factors ? factors[k] : 1) * tf.speed;
        for (var i = 0; i < n; i++) {
          var base = (pool.cv[i] + P.proximal_cv_gain_m_s * prox) * gain;
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
      var seg = who.segment_cv_factors && who.segment_cv_factors.length ? who.segment_cv_factors : null;
      var m = arrivals(nerve, mp, cfg.lesions, tf, residual, false, seg);
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

      var sa = arrivals(nerve, sp, cfg.lesions, tf, 0, true, seg), sr = arrivals(nerve, sp, [], tf, 0, true, seg);
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
    return {
      temperatureFactors: temperatureFactors, gammaBump: gammaBump, mupTemplate: mupTemplate,
      sfapTemplate: sfapTemplate, shift: shift, shapeTemplate: shapeTemplate, highPass: highPass,
      segmentLengths: segmentLengths, segmentEffects: segmentEffects, arrivals: arrivals,
      spikeConvolve: spikeConvolve, run: run
    };
  };
})(typeof window !== "undefined" ? window : globalThis);
