// The verdict in words: findings, the pattern classifier and the sentence templates.
// Part of the browser conduction model: mmn_book.model_tables joins js/conduction/*.js (in CONDUCTION_PARTS order)
// into the one served script conduction-model.js. Python reference: widgets.conduction.describe and widgets.conduction.patterns.
(function (root) {
  "use strict";
  root.MMNConductionParts = root.MMNConductionParts || {};
  var parts = root.MMNConductionParts;

  parts.describe = function (T, M) {
    var C = T.criteria, dt = T.dt_ms;
    var fixed = M.fixed, pyRound = M.pyRound, g = M.g, pctf = M.pctf, pct = M.pct, fin = M.fin, signed = M.signed,
      shortLabel = M.shortLabel, capitalize = M.capitalize, isBlock = M.isBlock, outcomeKey = M.outcomeKey,
      cidpMet = M.cidpMet, cidpItem = M.cidpItem, cidpCategory = M.cidpCategory;
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
    return {
      dispersedProbable: dispersedProbable, areaDuration: areaDuration, limitFindings: limitFindings,
      describe: describe, recordingSuspect: recordingSuspect, recordingWords: recordingWords,
      recordingFindings: recordingFindings, classifyPattern: classifyPattern, writePattern: writePattern,
      overall: overall
    };
  };
})(typeof window !== "undefined" ? window : globalThis);
