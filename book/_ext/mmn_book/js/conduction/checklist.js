// The criteria checklist beside the traces and the short verdict.
// Part of the browser conduction model: mmn_book.model_tables joins js/conduction/*.js (in CONDUCTION_PARTS order)
// into the one served script conduction-model.js. Python reference: widgets.conduction.checklist and widgets.conduction.figures.
(function (root) {
  "use strict";
  root.MMNConductionParts = root.MMNConductionParts || {};
  var parts = root.MMNConductionParts;

  parts.checklist = function (T, M) {
    var C = T.criteria;
    var fixed = M.fixed, g = M.g, pct = M.pct, fin = M.fin, signed = M.signed, shortLabel = M.shortLabel,
      isBlock = M.isBlock;
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
        if (item.met === null) value = item.text.indexOf("not part of this study") >= 0 || !value ? "not in this study" : value + ", not graded";
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
    return {
      shownSegment: shownSegment, segmentOutcome: segmentOutcome, mark: mark, valueText: valueText,
      checklist: checklist, verdictText: verdictText
    };
  };
})(typeof window !== "undefined" ? window : globalThis);
