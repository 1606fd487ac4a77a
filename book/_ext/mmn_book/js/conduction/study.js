// A study from the traces: measured sites, segment verdicts, pitfall checks and the SNAP.
// Part of the browser conduction model: mmn_book.model_tables joins js/conduction/*.js (in CONDUCTION_PARTS order)
// into the one served script conduction-model.js. Python reference: widgets.conduction.interpret.
(function (root) {
  "use strict";
  root.MMNConductionParts = root.MMNConductionParts || {};
  var parts = root.MMNConductionParts;

  parts.study = function (T, M) {
    var C = T.criteria;
    var fixed = M.fixed, pyRound = M.pyRound, g = M.g, pctf = M.pctf, pct = M.pct, fin = M.fin,
      personNerve = M.personNerve, segmentLengths = M.segmentLengths, measure = M.measure, velocity = M.velocity,
      ratio = M.ratio, classifyBlock = M.classifyBlock, isBlock = M.isBlock, exclude = M.exclude,
      withReason = M.withReason, axonLossPattern = M.axonLossPattern, cidpAssessment = M.cidpAssessment,
      describe = M.describe;
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
    return {
      present: present, segmentVerdict: segmentVerdict, resolvePitfalls: resolvePitfalls, snapResult: snapResult,
      cidpComparisons: cidpComparisons, buildStudy: buildStudy
    };
  };
})(typeof window !== "undefined" ? window : globalThis);
