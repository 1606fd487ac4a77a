// The conduction explorer's words (conduction-explorer.js): the verdict, the criteria checklists, the findings, the
// measurement tables and the segment-by-segment reasons of a study, as the live widget writes them. Everything is
// read from the model's study (conduction-model.js), never from the drawn figure.
(function () {
  "use strict";
  if (window.MMNConductionWords) return;

  /** An element ``tag`` with attributes (``text``: its text, ``class``: its class) and children. */
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "class") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  // the measurement table of the live widget: motor and sensory responses per site, velocity per segment
  function measurements(model, study) {
    var f = model.format, num = function (x, d) { return Number.isFinite(x) ? f.fixed(x, d) : "\u2014"; };
    var grid = function (caption, head, rows) {
      var t = el("table", { class: "mmn-ncs-table mmn-ncs-measures" }, [el("caption", { text: caption }),
        el("thead", {}, [el("tr", {}, head.map(function (h) { return el("th", { scope: "col", text: h }); }))])]);
      var body = el("tbody");
      rows.forEach(function (r) {
        body.appendChild(el("tr", {}, r.map(function (c, i) { return el(i ? "td" : "th", i ? { text: c } : { scope: "row", text: c }); })));
      });
      t.appendChild(body);
      return t;
    };
    var motor = grid("Motor responses (CMAP)", ["Site", "Latency (ms)", "Amplitude (mV)", "Area (mV\u00b7ms)", "Duration (ms)"],
      study.sites.map(function (s) {
        return [s.label, num(s.latency_ms, 1), num(s.amplitude_mv, 1), num(s.area_mv_ms, 1), num(s.duration_ms, 1)];
      }));
    var segs = grid("Segments", ["Segment", "CV (m/s)", "Amplitude ratio", "Area ratio", "SNAP area ratio"],
      study.segments.map(function (s, k) {
        var sn = study.snap.segments[k];
        return [s.label, num(s.cv_m_s, 0), num(s.amplitude_ratio, 2), num(s.area_ratio, 2), sn ? num(sn.area_ratio, 2) : "\u2014"];
      }));
    var sens = grid(study.snap.label, ["Site", "Latency (ms)", "Amplitude (\u00b5V)", "Area (\u00b5V\u00b7ms)"],
      study.snap.sites.map(function (s) {
        return [s.label, num(s.latency_ms, 2), num(s.amplitude_uv, 1), num(s.area_uv_ms, 2)];
      }));
    return el("details", {}, [el("summary", { text: "Measurements" }), motor, segs, sens]);
  }

  /** Write the verdict block of ``study`` into ``v`` (replacing what was there). */
  function writeVerdict(model, study, v) {
    var c = model.checklist(study), marks = { "true": "met", "false": "not met", "null": "not assessed" };
    v.textContent = "";
    v.appendChild(el("p", {}, [el("strong", { text: "Verdict: " }), document.createTextNode(study.interpretation)]));
    var table = function (caption, checks) {
      var t = el("table", { class: "mmn-ncs-table mmn-checklist" });
      t.appendChild(el("caption", {}, [document.createTextNode(caption)]));
      t.appendChild(el("thead", {}, [el("tr", {}, ["Rule", "Measured", "Result"].map(function (h) { return el("th", { scope: "col", text: h }); }))]));
      var body = el("tbody");
      checks.forEach(function (k) {
        var key = String(k.met);
        var mark = model.table.marks[key === "true" || key === "false" ? key : "null"];
        body.appendChild(el("tr", {}, [el("th", { scope: "row", text: k.rule }), el("td", { text: k.value }),
          el("td", { text: mark + " " + marks[key] })]));
      });
      t.appendChild(body);
      return t;
    };
    var t1 = table("MMN conduction block rules (EFNS/PNS 2010), " + c.segment + ": ", c.mmn);
    t1.querySelector("caption").appendChild(el("strong", { text: c.outcome }));
    v.appendChild(t1);
    v.appendChild(table("CIDP motor items (EAN/PNS 2021) in this nerve", c.cidp));
    v.appendChild(el("ul", {}, study.findings.map(function (f) { return el("li", { text: f.text }); })));
    v.appendChild(measurements(model, study));
    v.appendChild(el("details", {}, [el("summary", { text: "Why: segment by segment" }), el("ul", {}, study.segments.map(function (s) {
      return el("li", {}, [el("strong", { text: s.label }), document.createTextNode(": " + model.segmentOutcome(s) + ". " + s.block.reasons.join(" "))]);
    }))]));
  }

  window.MMNConductionWords = { el: el, writeVerdict: writeVerdict, measurements: measurements };
})();
