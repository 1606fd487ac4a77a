// Part of plotly-a11y.js: a figure's own phone layout (layout.meta.mmnNarrow).
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, plotly-a11y.js)
// ---- narrow screens: a figure's own phone layout ---------------------------------------------
/* A figure may carry its phone layout in layout.meta.mmnNarrow = {maxWidth: px, relayout: {...}}:
 * while the figure's box is narrower than maxWidth the relayout is applied (and applied again after
 * a control of the figure replaced a part of it, e.g. a button that sets new sliders); on a wider
 * screen the values it replaced come back (or those of spec.restore: axis ranges plotly widened to
 * keep an aspect ratio). A height in it also resizes plotly's fixed-height box. */
function layoutValue(layout, path) {
  return path.replace(/\[(\d+)\]/g, ".$1").split(".").reduce(function (o, k) { return o == null ? undefined : o[k]; }, layout);
}

function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

function narrowLayout(gd) {
  var meta = gd.layout && gd.layout.meta, spec = meta && meta.mmnNarrow;
  if (!spec || !spec.relayout || printing || gd.__mmnNarrowing || !window.Plotly) return;
  var wrapper = fixedHeightWrapper(gd);
  var width = (wrapper || gd.parentElement || gd).getBoundingClientRect().width;
  if (!width) return;
  var want = width < (spec.maxWidth || 600);
  if (!gd.__mmnWide) gd.__mmnWide = {};
  var saved = gd.__mmnWide;
  var update = {}, changed = false;
  Object.keys(spec.relayout).forEach(function (k) {
    var cur = layoutValue(gd.layout, k);
    if (want) {
      // ranges plotly widened to keep an aspect ratio come back as the figure set them (spec.restore)
      if (!(k in saved)) saved[k] = spec.restore && k in spec.restore ? spec.restore[k]
        : cur === undefined ? null : JSON.parse(JSON.stringify(cur));
      if (!same(cur, spec.relayout[k])) { update[k] = spec.relayout[k]; changed = true; }
    } else if (k in saved && !same(cur === undefined ? null : cur, saved[k])) {
      update[k] = saved[k]; changed = true;
    }
  });
  gd.__mmnNarrow = want;
  if (!changed) return;
  var height = want ? spec.relayout.height : saved.height;
  // a height alone would fix today's width too: autosize stays on, so the figure can still follow the screen
  if ("height" in update) update.autosize = true;
  gd.__mmnNarrowing = true;
  if (wrapper && typeof height === "number") wrapper.style.height = height + "px";
  window.Plotly.relayout(gd, update).catch(function () {}).then(function () {
    gd.__mmnNarrowing = false;
    if (!want) gd.__mmnWide = {};
    fitTexts(gd);
  });
}
