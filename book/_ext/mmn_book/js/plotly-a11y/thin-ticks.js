// Part of plotly-a11y.js: every k-th x tick label on a narrow figure, so they do not overlap.
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, plotly-a11y.js)
// ---- x tick labels that run into each other on a narrow figure: every k-th of them -------------
var THIN_BELOW_PX = 600;

function thinTicks(gd) {
  var full = gd._fullLayout;
  if (!full || printing || gd.__mmnThinning || !window.Plotly) return;
  if (!gd.__mmnTicks) gd.__mmnTicks = {};
  var saved = gd.__mmnTicks;
  var narrow = full.width < THIN_BELOW_PX;
  var update = {}, changed = false;
  Object.keys(full).forEach(function (k) {
    var ax = full[k];
    if (!/^xaxis\d*$/.test(k) || !ax || !ax.visible || !ax._mainSubplot) return;
    var own = gd.layout[k] || {};
    if (!narrow) {
      if (saved[k]) {
        ["tickvals", "ticktext", "nticks", "dtick"].forEach(function (p) { update[k + "." + p] = saved[k][p]; });
        delete saved[k];
        changed = true;
      }
      return;
    }
    var layer = gd.querySelector(".subplot." + ax._mainSubplot + " .xaxislayer-above");
    if (!layer) return;
    var boxes = Array.prototype.map.call(layer.querySelectorAll(".xtick text"), function (t) { return t.getBoundingClientRect(); })
      .filter(function (r) { return r.width > 0; }).sort(function (a, b) { return a.left - b.left; });
    var crowded = boxes.some(function (r, i) { return i > 0 && r.left < boxes[i - 1].right + 2; });
    if (!crowded || boxes.length < 3) return;
    var need = boxes.reduce(function (s, r) { return s + r.width + 6; }, 0);
    var step = Math.max(2, Math.ceil(need / Math.max(ax._length, 1)));
    if (!saved[k]) saved[k] = { tickvals: own.tickvals == null ? null : own.tickvals, dtick: own.dtick == null ? null : own.dtick,
                                 ticktext: own.ticktext == null ? null : own.ticktext, nticks: own.nticks == null ? null : own.nticks };
    if (Array.isArray(own.tickvals) && own.tickvals.length) {
      var keep = function (_v, i) { return i % step === 0; };
      update[k + ".tickvals"] = own.tickvals.filter(keep);
      if (Array.isArray(own.ticktext)) update[k + ".ticktext"] = own.ticktext.filter(keep);
    } else if (typeof own.dtick === "number" && ax.type === "linear") {
      update[k + ".dtick"] = own.dtick * step;
    } else {
      update[k + ".nticks"] = Math.max(2, Math.floor(boxes.length / step));
    }
    changed = true;
  });
  if (!changed) return;
  gd.__mmnThinning = true;
  window.Plotly.relayout(gd, update).catch(function () {}).then(function () { gd.__mmnThinning = false; });
}
