// Part of plotly-a11y.js: wide figures narrowed while the page is printed.
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, plotly-a11y.js)
// ---- print: narrow wide figures while printing ---------------------------------------------
var printing = false;

function narrow(gd) {
  if (!printing || !gd._fullLayout || gd._fullLayout.width <= PRINT_WIDTH_PX) return;
  if (!gd.__mmnPrintResized) gd.__mmnScreenWidth = gd.layout.width == null ? null : gd.layout.width;
  gd.__mmnPrintResized = true;
  window.Plotly.relayout(gd, { width: PRINT_WIDTH_PX }).catch(function () {});
}

function toPrint() {
  if (printing || !window.Plotly) return;
  printing = true;
  api.printed += 1;
  figures().forEach(function (gd) {
    narrow(gd);
    // A responsive resize while printing (window resized) must not widen it again.
    if (!gd.__mmnPrintWatch && typeof gd.on === "function") {
      gd.__mmnPrintWatch = true;
      gd.on("plotly_relayout", function () { narrow(gd); });
    }
  });
}

function fromPrint() {
  if (!printing) return;
  printing = false;
  figures().forEach(function (gd) {
    if (!gd.__mmnPrintResized) return;
    gd.__mmnPrintResized = false;
    window.Plotly.relayout(gd, { width: gd.__mmnScreenWidth }).then(function () {
      // Back to the screen's responsive width (only a displayed figure can be resized).
      if (gd.__mmnScreenWidth == null && gd.offsetParent !== null) return window.Plotly.Plots.resize(gd);
    }).catch(function () {});
  });
}
