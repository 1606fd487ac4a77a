// Python-like number formatting (f"{x:.Nf}", round(), :g, :%) and decoding of the exported people.
// Part of the browser conduction model: mmn_book.model_tables joins js/conduction/*.js (in CONDUCTION_PARTS order)
// into the one served script conduction-model.js. Python reference: Python formatting; widgets.conduction.criteria.pct.
(function (root) {
  "use strict";
  root.MMNConductionParts = root.MMNConductionParts || {};
  var parts = root.MMNConductionParts;
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

  parts.format = {
    EPS: EPS, fixed: fixed, pyRound: pyRound, g: g, pctf: pctf, pct: pct, roundFraction: roundFraction, fin: fin,
    signed: signed, shortLabel: shortLabel, capitalize: capitalize, b64bytes: b64bytes, f32: f32, u16: u16
  };
})(typeof window !== "undefined" ? window : globalThis);
