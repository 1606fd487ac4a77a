// Measurement of one trace: onset latency, negative-peak amplitude, area and duration.
// Part of the browser conduction model: mmn_book.model_tables joins js/conduction/*.js (in CONDUCTION_PARTS order)
// into the one served script conduction-model.js. Python reference: widgets.conduction.measure.
(function (root) {
  "use strict";
  root.MMNConductionParts = root.MMNConductionParts || {};
  var parts = root.MMNConductionParts;

  parts.measure = function (T) {
    var dt = T.dt_ms;
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
    return { measure: measure, velocity: velocity, ratio: ratio };
  };
})(typeof window !== "undefined" ? window : globalThis);
