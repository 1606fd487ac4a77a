// Part of plotly-a11y.js: fitting again after a resize, the print events, the
// window.mmnPlotlyA11y interface, and the scans as the page loads.
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, plotly-a11y.js)
// A new window width (a phone turned, a window resized): fit the texts again once plotly has resized.
var resizeTimer = null;
window.addEventListener("resize", function () {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(function () {
    figures().forEach(function (gd) {
      if (!gd.__mmnA11y || printing) return;
      // plotly's own resize first (a phone layout applied before it kept the old width)
      var P = window.Plotly;
      var resized = gd.offsetParent !== null && P && P.Plots && P.Plots.resize ? P.Plots.resize(gd) : null;
      Promise.resolve(resized).catch(function () {}).then(function () { narrowLayout(gd); fitTexts(gd); thinTicks(gd); });
    });
  }, 300);
});

window.addEventListener("beforeprint", toPrint);
window.addEventListener("afterprint", fromPrint);
if (window.matchMedia) {
  var mq = window.matchMedia("print");
  var onChange = function (e) { if (e.matches) toPrint(); else fromPrint(); };
  if (mq.addEventListener) mq.addEventListener("change", onChange);
  else if (mq.addListener) mq.addListener(onChange);
}

var api = { scan: scan, toPrint: toPrint, fromPrint: fromPrint, PRINT_WIDTH_PX: PRINT_WIDTH_PX, printed: 0 };
window.mmnPlotlyA11y = api;

// Figures are drawn by inline scripts as the page parses, some later (quizzes, tabs): scan on
// DOMContentLoaded, on load, and whenever new nodes arrive.
function start() {
  scan();
  if (window.MutationObserver) {
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; scan(); });
    }).observe(document.body, { childList: true, subtree: true });
  }
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
window.addEventListener("load", scan);
