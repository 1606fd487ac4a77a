// Part of plotly-a11y.js: a figure named after its title, and texts that would run past a
// narrow figure's edges shrunk or wrapped.
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, plotly-a11y.js)
/** Name the figure after its title (role="figure"), unless its author already named it. */
function describe(gd) {
  if (gd.hasAttribute("role") || gd.hasAttribute("aria-label") || gd.hasAttribute("aria-labelledby")) return;
  var title = figureTitle(gd);
  if (!title) return;
  gd.setAttribute("role", "figure");
  gd.setAttribute("aria-label", title);
}

/** A font size in the layout, by path ("annotations[2].font.size"), from the full layout. */
function fullValue(full, path) {
  return path.replace(/\[(\d+)\]/g, ".$1").split(".").reduce(function (o, k) { return o == null ? o : o[k]; }, full);
}

/** The texts a figure lays out itself (title, annotations, horizontal axis titles): their element,
 *  the layout path of their text and of their font size, and the smallest size they may shrink to. */
function fittableTexts(gd) {
  var full = gd._fullLayout, items = [];
  var title = gd.querySelector(".g-gtitle .gtitle");
  if (title && full.title && full.title.font) {
    items.push({ el: title, text: "title.text", path: "title.font.size", min: MIN_TITLE_PX });
  }
  (full.annotations || []).forEach(function (a, i) {
    var el = gd.querySelector('.annotation[data-index="' + i + '"] .annotation-text');
    if (el && a.font && a.visible !== false) {
      // Room is measured from the side the annotation is anchored to (its text is centred in its box).
      var anchor = a.xanchor;
      if (anchor === "auto" || !anchor) anchor = a.xref === "paper" && a.x <= 1 / 3 ? "left" : a.xref === "paper" && a.x >= 2 / 3 ? "right" : "center";
      // over one of side-by-side subplots (a subplot title): the width of that subplot
      var span = null;
      var axes = Object.keys(full).filter(function (n) { return /^xaxis\d*$/.test(n) && full[n] && full[n].visible && full[n]._length; });
      if (axes.length > 1 && a.xref === "paper") {
        axes.forEach(function (n) {
          var d = full[n].domain;
          if (d && a.x >= d[0] - 0.01 && a.x <= d[1] + 0.01) span = [full[n]._offset - 4, full[n]._offset + full[n]._length + 4];
        });
      }
      items.push({ el: el, text: "annotations[" + i + "].text", path: "annotations[" + i + "].font.size", min: MIN_TEXT_PX,
                   anchor: { left: "start", right: "end", center: "middle" }[anchor] || "middle", span: span });
    }
  });
  // Controls only shrink: a slider's current value and a dropdown menu (its width is its widest label).
  var sliderGroups = gd.querySelectorAll(".slider-container .slider-group");
  (full.sliders || []).forEach(function (sl, i) {
    var el = sliderGroups[i] && sliderGroups[i].querySelector(":scope > text.slider-label");
    if (el && sl.visible !== false && sl.currentvalue && sl.currentvalue.font) {
      items.push({ el: el, text: null, path: "sliders[" + i + "].currentvalue.font.size", min: MIN_TEXT_PX });
    }
  });
  var menuHeaders = gd.querySelectorAll(".updatemenu-container .updatemenu-header-group");
  (full.updatemenus || []).forEach(function (m, i) {
    var el = menuHeaders[i];
    if (el && m.font && m.visible !== false && m.type !== "buttons") {
      items.push({ el: el, text: null, path: "updatemenus[" + i + "].font.size", min: MIN_TEXT_PX });
    }
  });
  var legend = gd.querySelector(".legend");
  if (legend && full.showlegend && full.legend && full.legend.font) {
    items.push({ el: legend, text: null, path: "legend.font.size", min: MIN_TEXT_PX });
  }
  Object.keys(full).forEach(function (k) {
    var m = /^xaxis(\d*)$/.exec(k);
    if (!m || !full[k] || !full[k].title || !full[k].title.font) return;
    var el = gd.querySelector(".g-x" + m[1] + "title text");
    // side by side subplots: a title has the width of its own axis (else it ran into its neighbour's)
    var xs = Object.keys(full).filter(function (n) { return /^xaxis\d*$/.test(n) && full[n] && full[n].visible; }).length;
    var span = xs > 1 && full[k]._length ? [full[k]._offset - 8, full[k]._offset + full[k]._length + 8] : null;
    if (el) items.push({ el: el, text: k + ".title.text", path: k + ".title.font.size", min: MIN_TEXT_PX, shrinkFirst: true, span: span });
  });
  // Vertical axis titles only shrink, to the height of their axis (taller, they ran into the title).
  Object.keys(full).forEach(function (k) {
    var m = /^yaxis(\d*)$/.exec(k);
    var ax = full[k];
    if (!m || !ax || !ax.title || !ax.title.font || !ax.visible) return;
    var el = gd.querySelector(".g-y" + m[1] + "title text");
    if (el) items.push({ el: el, text: null, path: k + ".title.font.size", min: MIN_TEXT_PX, vertical: ax._length });
  });
  return items;
}

/** How far (px) the figure's title reaches into what lies below it: the plot, a subplot title. */
function titleOverlap(gd) {
  var title = gd.querySelector(".g-gtitle text");
  if (!title || !gd._fullLayout) return 0;
  var tb = title.getBoundingClientRect(), box = gd.getBoundingClientRect();
  var depth = tb.bottom - (box.top + gd._fullLayout._size.t);
  Array.prototype.forEach.call(gd.querySelectorAll(".infolayer .annotation .annotation-text, .legend"), function (el) {
    var r = el.getBoundingClientRect();
    if (!r.width || r.right < tb.left || r.left > tb.right || r.top > tb.bottom || r.bottom < tb.top) return;
    depth = Math.max(depth, tb.bottom - r.top);
  });
  return Math.ceil(depth);
}

function lines(html) { return String(html).split(/<br\s*\/?>/i).length; }

function plain(html) { return String(html).replace(/<br\s*\/?>/gi, "\n").replace(/<[^>]*>/g, ""); }

/** ``html`` re-broken at spaces into lines of at most ``chars`` visible characters (its own line
 *  breaks kept); a line with markup other than simple tags is left whole. */
function wrap(html, chars) {
  return String(html).split(/<br\s*\/?>/i).map(function (line) {
    if (/<(?!\/?(b|i|em|strong|sub|sup)>)/i.test(line) || plain(line).length <= chars) return line;
    var out = [], cur = "";
    line.split(" ").forEach(function (word) {
      var next = cur ? cur + " " + word : word;
      if (cur && plain(next).length > chars) { out.push(cur); cur = word; } else cur = next;
    });
    if (cur) out.push(cur);
    return out.join("<br>");
  }).join("<br>");
}

/** Small screens: a title, annotation or axis title that would run past the figure's edges
 *  (plotly never wraps them) is first shrunk a little, then wrapped onto more lines at 85% of its
 *  size (never below a readable minimum); on a wider screen it gets its own text and size back.
 *  A text a control rewrites (a slider step) is fitted again. */
function fitTexts(gd, pass) {
  var full = gd._fullLayout;
  pass = pass || 0;
  if (!full || gd.__mmnFitting || !window.Plotly || pass > 3) return;
  if (!gd.__mmnBaseSizes) gd.__mmnBaseSizes = {};
  var bases = gd.__mmnBaseSizes;
  if (!gd.__mmnTexts) gd.__mmnTexts = {};
  var texts = gd.__mmnTexts;
  var box = gd.getBoundingClientRect();
  var left = box.left + 2, right = box.left + full.width - 2;
  var update = {}, changed = false, titleLines = null;
  fittableTexts(gd).forEach(function (item) {
    var cur = fullValue(full, item.path);
    var text = item.text ? fullValue(full, item.text) : null;
    if (typeof cur !== "number" || (item.text && typeof text !== "string")) return;
    if (bases[item.path] == null) bases[item.path] = cur;
    var base = bases[item.path];
    var r = item.el.getBoundingClientRect();
    if (!r.width) return;
    if (item.vertical) {
      var tall = Math.max(item.min, Math.min(base, Math.floor(cur * (item.vertical - 4) / r.height)));
      if (tall !== cur) { update[item.path] = tall; changed = true; }
      return;
    }
    var anchor = item.anchor || item.el.getAttribute("text-anchor") || "start";
    var mid = (r.left + r.right) / 2;
    if (item.span) { left = box.left + item.span[0]; right = box.left + item.span[1]; }
    else { left = box.left + 2; right = box.left + full.width - 2; }
    var room = anchor === "middle" ? 2 * Math.min(mid - left, right - mid) : anchor === "end" ? r.right - left : right - r.left;
    room = Math.min(room, right - left);
    if (!item.text) {
      var fit = Math.max(item.min, Math.min(base, Math.floor(cur * room / r.width)));
      if (fit !== cur) { update[item.path] = fit; changed = true; }
      return;
    }
    // The text as the figure (or a control) set it, and its natural width at the base size.
    var t = texts[item.text];
    if (!t || (text !== t.original && text !== t.shown)) {
      t = texts[item.text] = { original: text, shown: text, natural: null, chars: null };
    }
    if (t.natural == null) {
      if (text !== t.original) return;
      t.natural = r.width * base / cur;
    }
    var ratio = room / t.natural;
    var size = base, shown = t.original;
    // An axis title grows downwards when wrapped (into a legend below it): shrink it as far as is readable first.
    var floor = item.shrinkFirst ? Math.max(0.5, item.min / base) : 0.8;
    if (ratio < 1 && ratio >= floor) {
      size = Math.max(item.min, Math.floor(base * ratio));
    } else if (ratio < 0.8) {
      size = Math.max(item.min, Math.floor(base * 0.85));
      var longest = Math.max.apply(null, plain(t.original).split("\n").map(function (l) { return l.length; }));
      var chars = Math.max(12, Math.floor(0.95 * longest * ratio * base / size));
      // Character counts only estimate widths: a wrapped text still too wide is wrapped tighter.
      if (text === t.shown && t.chars && size === cur && r.width > room + 1) chars = Math.max(12, Math.min(chars, t.chars - 3));
      else if (t.chars && text === t.shown) chars = Math.min(chars, t.chars);
      t.chars = chars;
      shown = wrap(t.original, chars);
    } else {
      t.chars = null;
    }
    if (size !== cur) { update[item.path] = size; changed = true; }
    if (shown !== text) { update[item.text] = shown; changed = true; }
    t.shown = shown;
    if (item.text === "title.text") titleLines = { added: lines(shown) - lines(t.original), size: size };
  });
  // A title wrapped onto more lines gets the room it needs above the plot (else its last lines ran
  // into the subplot titles and axis titles); its own margin comes back when it is whole again.
  var meta = gd.layout.meta || {};
  if (titleLines && !meta.mmnFitToContent && typeof (fullValue(full, "margin.t")) === "number") {
    if (bases["margin.t"] == null) bases["margin.t"] = full.margin.t;
    if (titleLines.added <= 0) gd.__mmnTitleExtra = 0;
    else if (!changed) {
      // measured once the wrapped title is drawn: what still reaches into it from below
      var depth = titleOverlap(gd);
      if (depth > 0) gd.__mmnTitleExtra = (gd.__mmnTitleExtra || 0) + 2 * depth + 4;
    }
    var grow = Math.max(0, titleLines.added) * Math.ceil(titleLines.size * 1.3) + (gd.__mmnTitleExtra || 0);
    var wantTop = bases["margin.t"] + grow;
    if (Math.abs(wantTop - full.margin.t) > 1 && !gd.__mmnFittingMargins) {
      update["margin.t"] = wantTop;
      changed = true;
      // the plot keeps its height: the figure (and plotly's fixed-height box around it) grows instead
      var wrapper = fixedHeightWrapper(gd);
      if (typeof gd.layout.height === "number" && !(meta.mmnNarrow && gd.__mmnNarrow)) {
        if (bases.height == null) bases.height = gd.layout.height;
        update.height = bases.height + grow;
        update.autosize = true;
        if (wrapper) wrapper.style.height = update.height + "px";
      }
    }
  }
  if (!changed) return;
  gd.__mmnFitting = true;
  // Measure again once drawn: a wrapped text may still be too wide, a shrunk one may now fit.
  window.Plotly.relayout(gd, update).then(
    function () { gd.__mmnFitting = false; fitTexts(gd, pass + 1); }, function () { gd.__mmnFitting = false; });
}

/** The div of fixed height plotly's HTML wraps a figure in, if it holds this figure alone. */
function fixedHeightWrapper(gd) {
  var parent = gd.parentElement;
  return parent && parent.style && parent.style.height && parent.querySelectorAll(".js-plotly-plot").length === 1
    ? parent : null;
}
