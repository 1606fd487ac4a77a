// Criteria: EFNS/PNS 2010 conduction block grades and the EAN/PNS 2021 CIDP items and category.
// Part of the browser conduction model: mmn_book.model_tables joins js/conduction/*.js (in CONDUCTION_PARTS order)
// into the one served script conduction-model.js. Python reference: widgets.conduction.criteria and widgets.conduction.cidp.
(function (root) {
  "use strict";
  root.MMNConductionParts = root.MMNConductionParts || {};
  var parts = root.MMNConductionParts;

  parts.criteria = function (T, M) {
    var C = T.criteria;
    var EPS = M.EPS, fixed = M.fixed, pyRound = M.pyRound, g = M.g, pct = M.pct, roundFraction = M.roundFraction,
      fin = M.fin;
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
        text: "F-waves are not part of this study (the F-wave view simulates them): not assessed (the 2021 item needs a latency \u2265" + pct(t.f_wave_above_uln)
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
    return {
      classifyBlock: classifyBlock, isBlock: isBlock, outcomeKey: outcomeKey, exclude: exclude,
      withReason: withReason, axonLossPattern: axonLossPattern, verdictWord: verdictWord,
      cidpAssessment: cidpAssessment, cidpMet: cidpMet, cidpItem: cidpItem, cidpCategory: cidpCategory
    };
  };
})(typeof window !== "undefined" ? window : globalThis);
