// The conduction explorer's figure (conduction-explorer.js): the study's motor responses, one above the other, with
// their onset and amplitude marks and a label each, drawn with plotly. Only the picture is made here: every number
// the reader is told (labels, verdict, measurements) comes from the model's study, never from the drawn points.
// Fast redraw (benchmarks/bench_conduction_js.py): the traces are reduced to the minimum and maximum of each
// bucket of samples as wide as the line (every peak and trough kept), the labels are one text trace (plotly draws
// it in less time than as many annotations), one layout object is kept and changed in place, and
// plotly's configuration is given once; a study that draws the same picture as the last one is not drawn again.
(function () {
  "use strict";
  if (window.MMNConductionDraw) return;
  var LINE_PX = 2; // trace width: a bucket of samples narrower than this cannot be seen apart
  var MARGIN = { l: 30, r: 10, t: 20, b: 50 };

  /** Points of ``values[i] * sign + offset`` at ``i * dt`` reduced to at most 2 * buckets, in time order: the
   * first, the last, and the lowest and highest sample of each bucket (every peak and trough stays). */
  function decimate(values, dt, buckets, sign, offset) {
    var n = values.length, x = [], y = [], size = Math.max(1, Math.ceil(n / Math.max(1, buckets)));
    var i, lo, hi, j, end;
    if (size <= 2) {
      for (i = 0; i < n; i++) { x.push(i * dt); y.push(sign * values[i] + offset); }
      return { x: x, y: y };
    }
    for (i = 0; i < n; i += size) {
      end = Math.min(n, i + size);
      lo = i; hi = i;
      for (j = i + 1; j < end; j++) {
        if (values[j] < values[lo]) lo = j;
        if (values[j] > values[hi]) hi = j;
      }
      var a = Math.min(lo, hi), b = Math.max(lo, hi);
      if (i === 0 && a !== 0) { x.push(0); y.push(sign * values[0] + offset); }
      x.push(a * dt); y.push(sign * values[a] + offset);
      if (b !== a) { x.push(b * dt); y.push(sign * values[b] + offset); }
    }
    if (x[x.length - 1] !== (n - 1) * dt) { x.push((n - 1) * dt); y.push(sign * values[n - 1] + offset); }
    return { x: x, y: y };
  }

  /** One explorer's figure in ``plot`` (a div), drawn with ``palette`` (the table's colours and line styles). */
  function Figure(plot, palette, format) {
    this.plot = plot;
    this.palette = palette;
    this.format = format;
    this.layout = null;
    this.width = 0;
  }

  /** Draw ``study`` (conduction-model.js simulate). */
  Figure.prototype.draw = function (study) {
    if (!window.Plotly) return;
    var P = this.palette, f = this.format, n = study.n_samples, dt = study.time_dt_ms, tEnd = (n - 1) * dt;
    var sites = study.sites, traces = [], shapes = [], labels = { x: [], y: [], text: [], color: [] };
    // the plot's width sets the buckets; read before anything on the page changes (no forced layout)
    var width = this.plot.clientWidth || this.width || 390;
    this.width = width;
    var buckets = Math.max(60, Math.round((width - MARGIN.l - MARGIN.r) / LINE_PX));
    var tallest = 0;
    sites.forEach(function (s) {
      var lo = 0, hi = 0, v = s.cmap_mv;
      for (var i = 0; i < n; i++) { if (v[i] < lo) lo = v[i]; if (v[i] > hi) hi = v[i]; }
      tallest = Math.max(tallest, hi - lo);
    });
    var spacing = Math.max(tallest * 1.15, 1);
    sites.forEach(function (s, k) {
      var off = (sites.length - 1 - k) * spacing, st = P.traces[k], pts = decimate(s.cmap_mv, dt, buckets, -1, off);
      traces.push({ type: "scatter", mode: "lines", x: pts.x, y: pts.y, name: s.label,
        line: { color: st.color, dash: st.dash, width: LINE_PX }, hovertemplate: "%{x:.1f} ms<extra>" + s.label + "</extra>" });
      var label = "<b>" + s.label + "</b>  ";
      if (Number.isFinite(s.latency_ms)) {
        var h = 0.18 * spacing;
        shapes.push({ type: "line", x0: s.latency_ms, x1: s.latency_ms, y0: off - h, y1: off + h, line: { color: st.color, width: 2 } });
        shapes.push({ type: "line", x0: s.peak_ms - 0.8, x1: s.peak_ms + 0.8, y0: off + s.amplitude_mv, y1: off + s.amplitude_mv,
          line: { color: st.color, width: 2 } });
        label += f.fixed(s.latency_ms, 1) + " ms  " + f.fixed(s.amplitude_mv, 1) + " mV";
      } else label += "no response";
      if (s.note) label += "  (submaximal)";
      labels.x.push(tEnd); labels.y.push(off + 0.12 * spacing); labels.text.push(label); labels.color.push(st.color);
    });
    // each response's label above its trace's right end, in the trace's colour
    traces.push({ type: "scatter", mode: "text", x: labels.x, y: labels.y, text: labels.text, textposition: "top left",
      textfont: { size: 12, color: labels.color }, hoverinfo: "skip", showlegend: false, cliponaxis: false });
    // a change the motor responses do not show (sensory fibres, a setting already in effect): the same picture,
    // not drawn again (plotly would redraw the whole figure for nothing: most of an update's time)
    var key = JSON.stringify([width, tEnd, spacing, traces, shapes]);
    if (key === this.key) return;
    this.key = key;
    var L = this.layout, first = !L;
    if (first) {
      L = this.layout = {
        title: { text: "", font: { size: 14 } }, showlegend: false, margin: MARGIN,
        paper_bgcolor: P.background, plot_bgcolor: P.background, font: { color: P.text, size: 13 },
        xaxis: { title: { text: "Time after the stimulus (ms)" }, gridcolor: P.grid, zeroline: false },
        yaxis: { title: { text: "CMAP (mV, negative up)" }, showticklabels: false, showgrid: false, zeroline: false },
        datarevision: 0,
      };
    }
    // the same layout object each time: only what changed is new (ranges only when they move)
    L.height = 420 + 40 * sites.length;
    if (!L.xaxis.range || L.xaxis.range[1] !== tEnd) L.xaxis.range = [0, tEnd];
    var yr = [-spacing * 0.6, (sites.length - 1) * spacing + spacing * 1.05];
    if (!L.yaxis.range || L.yaxis.range[0] !== yr[0] || L.yaxis.range[1] !== yr[1]) L.yaxis.range = yr;
    L.shapes = shapes;
    L.datarevision += 1;
    // the configuration once: giving it again makes plotly compare it and measure the page
    if (first) window.Plotly.react(this.plot, traces, L, { displayModeBar: false, responsive: true, displaylogo: false });
    else window.Plotly.react(this.plot, traces, L);
  };

  window.MMNConductionDraw = { Figure: Figure, decimate: decimate };
})();
