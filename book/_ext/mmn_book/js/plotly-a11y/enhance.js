// Part of plotly-a11y.js: each figure of the page enhanced once (scan).
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, plotly-a11y.js)
function enhance(gd) {
  if (gd.__mmnA11y || !gd.layout || !gd._fullLayout || typeof gd.on !== "function") return;
  describe(gd);
  narrowLayout(gd);
  fitTexts(gd);
  fitToContent(gd);
  gd.on("plotly_relayout", function () { narrowLayout(gd); fitTexts(gd); });
  gd.on("plotly_update", function () { narrowLayout(gd); fitTexts(gd); });
  gd.on("plotly_buttonclicked", function () { window.setTimeout(function () { narrowLayout(gd); }, 0); });
  gd.on("plotly_afterplot", function () { fitToContent(gd); thinTicks(gd); if (gd.__mmnNarrow) narrowLayout(gd); });
  thinTicks(gd);
  var sliders = gd.layout.sliders || [];
  var menus = gd.layout.updatemenus || [];
  gd.__mmnA11y = true;
  if (!sliders.length && !menus.length) return;
  var box = document.createElement("div");
  box.className = "mmn-kbd-controls";
  box.setAttribute("role", "group");
  var title = figureTitle(gd);
  box.setAttribute("aria-label", title ? "Controls of the figure: " + title : "Figure controls");
  var syncs = [];
  sliders.forEach(function (_, i) { syncs.push(makeSlider(gd, box, i, sliders.length)); });
  menus.forEach(function (_, i) { syncs.push(makeMenu(gd, box, i, menus.length)); });
  if (!box.children.length) return;
  if (!gd.id) gd.id = "mmn-figure-" + ++counter;
  box.setAttribute("data-for", gd.id);
  gd.__mmnControls = box;
  // After the figure's own box: plotly's HTML wraps the plot in a div of fixed height, and the
  // proxies, once shown, must push the caption down rather than overlap it.
  var after = fixedHeightWrapper(gd) || gd;
  after.parentNode.insertBefore(box, after.nextSibling);
  var syncAll = function () {
    syncs.forEach(function (s) { if (s) s(); });
  };
  ["plotly_sliderchange", "plotly_buttonclicked", "plotly_relayout", "plotly_update", "plotly_animated"].forEach(
    function (ev) { gd.on(ev, syncAll); }
  );
}

function figures() {
  return Array.prototype.slice.call(document.querySelectorAll(".js-plotly-plot"));
}

function scan() {
  if (!window.Plotly) return;
  figures().forEach(function (gd) {
    if (gd.__mmnA11y) return;
    if (gd._fullLayout) enhance(gd);
    else if (typeof gd.once === "function" && !gd.__mmnA11yWaiting) {
      gd.__mmnA11yWaiting = true;
      gd.once("plotly_afterplot", function () { enhance(gd); });
    }
  });
}
