// Part of plotly-a11y.js: no empty band where a figure's left-out controls were.
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, plotly-a11y.js)
// ---- a figure whose controls were left out (the printable course): no empty band where they were
var FIT_PAD_PX = 12;

function fitToContent(gd) {
  var meta = gd.layout && gd.layout.meta;
  if (!meta || !meta.mmnFitToContent || gd.__mmnFittingMargins || !gd._fullLayout || !window.Plotly) return;
  var full = gd._fullLayout, size = full._size;
  if (!gd.__mmnMargins) gd.__mmnMargins = { t: size.t, b: size.b };
  var box = gd.getBoundingClientRect();
  var plotTop = box.top + size.t, plotBottom = plotTop + size.h;
  // The title stays where it is; everything else (axis titles, annotations, legend) moves with
  // the plot: the plot may rise to just below the title, less what sticks out above it.
  var title = box.top, overhang = 0, below = plotBottom;
  Array.prototype.forEach.call(gd.querySelectorAll(".main-svg text, .main-svg .legend"), function (el) {
    var r = el.getBoundingClientRect();
    if (!r.width || !r.height) return;
    if (el.closest(".g-gtitle")) title = Math.max(title, r.bottom);
    else if (r.top < plotTop) overhang = Math.max(overhang, plotTop - r.top);
    if (r.bottom > plotBottom) below = Math.max(below, r.bottom);
  });
  // never more than the figure had: the fit only removes empty space
  var t = Math.min(gd.__mmnMargins.t, Math.ceil(title - box.top + overhang + FIT_PAD_PX));
  var b = Math.min(gd.__mmnMargins.b, Math.ceil(below - plotBottom + FIT_PAD_PX));
  if (Math.abs(t - size.t) < 4 && Math.abs(b - size.b) < 4) return;
  var height = full.height - (size.t - t) - (size.b - b);
  var wrapper = fixedHeightWrapper(gd);
  gd.__mmnFittingMargins = true;
  // autosize stays on: setting a height alone would fix the width at today's, and a phone could not narrow it
  window.Plotly.relayout(gd, { "margin.t": t, "margin.b": b, height: height, autosize: true }).then(function () {
    if (wrapper) wrapper.style.height = height + "px";
  }).catch(function () {}).then(function () { gd.__mmnFittingMargins = false; });
}
