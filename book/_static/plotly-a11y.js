/* Keyboard and print support for every plotly figure of the MMN course book.
 *
 * plotly draws its sliders and dropdown/button menus (layout.sliders,
 * layout.updatemenus) in SVG: they cannot be reached with Tab or operated with
 * the keyboard, and a screen reader does not announce them. For every figure
 * on the page that has them, this script adds native, labelled proxies right
 * after the figure:
 *
 *   - one <input type="range"> per slider (ArrowLeft/ArrowRight, Home/End),
 *     announcing the step's label as its value;
 *   - one <select> per menu with several buttons, one <button> per
 *     single-button menu (e.g. "Play").
 *
 * A proxy runs exactly the step's or button's own `method`/`args` (the same
 * call plotly makes when the SVG control is clicked), then stores the new
 * `active` index in the layout so the SVG control moves too; moving the SVG
 * control with the mouse updates the proxy. The proxies are visually hidden
 * until one of them has keyboard focus (then they appear under the figure).
 *
 * Small screens: a title, annotation or x-axis title wider than the figure
 * is shrunk a little or, if that is not enough, wrapped onto more lines, so it
 * is not cut off at the edge (a wrapped title gets a taller top margin, an axis
 * title is shrunk before it is wrapped, a vertical axis title is shrunk to its
 * axis's height); on a wider screen it gets its text and size back. A figure
 * may also carry its own phone layout (layout.meta.mmnNarrow, see narrowLayout).
 *
 * Names: a figure without an accessible name gets role="figure" and its
 * plotly title as aria-label.
 *
 * Print: figures wider than PRINT_WIDTH_PX are narrowed while the page is
 * printed (and restored afterwards), so no figure is cut at the paper's edge;
 * course.css hides the interactive-only controls in print.
 *
 * Labels: a slider proxy is named after the slider's `currentvalue.prefix`
 * (or its `name`), a menu proxy after the menu's `name`, each followed by the
 * figure's title. Give sliders a prefix and menus a `name` for good labels.
 *
 * Idempotent and safe to load more than once; needs window.Plotly only when a
 * figure exists.
 */
(function () {
  "use strict";
  if (window.mmnPlotlyA11y) {
    window.mmnPlotlyA11y.scan();
    return;
  }

  /** Widest figure (CSS px) that fits A4 and US Letter portrait with 12 mm margins. */
  var PRINT_WIDTH_PX = 680;
  /** Smallest font sizes a title and other figure texts are shrunk to on a narrow screen. */
  var MIN_TITLE_PX = 11;
  var MIN_TEXT_PX = 10;
  var counter = 0;

  function text(s) {
    // Plotly titles and labels may hold a little HTML (<b>, <br>); keep the words.
    var div = document.createElement("div");
    div.innerHTML = String(s == null ? "" : s).replace(/<br\s*\/?>/gi, " ");
    return (div.textContent || "").replace(/\s+/g, " ").trim();
  }

  function figureTitle(gd) {
    // The author's title only: plotly fills _fullLayout.title.text with a placeholder
    // ("Click to enter Plot title") when there is none.
    var t = gd.layout && gd.layout.title;
    if (t && typeof t === "object") t = t.text;
    return text(typeof t === "string" ? t : "");
  }

  // Control labels name the control; the group around them names the figure (screen readers
  // announce the group when focus enters it).
  function sliderLabel(slider, i, count) {
    var prefix = slider.currentvalue && slider.currentvalue.prefix;
    var base = text(prefix || slider.name || "").replace(/[:=\s]+$/, "");
    return base || (count > 1 ? "Slider " + (i + 1) : "Slider");
  }

  function menuLabel(menu, i, count) {
    var base = text(menu.name || "").replace(/[:=\s]+$/, "");
    return base || (count > 1 ? "Figure options " + (i + 1) : "Figure options");
  }

  /** Run one step/button command as plotly itself does (Plots.executeAPICommand). */
  function execute(gd, method, args) {
    var P = window.Plotly;
    if (!method || method === "skip") return Promise.resolve();
    args = Array.isArray(args) ? args.slice() : [];
    if (P.Plots && typeof P.Plots.executeAPICommand === "function") {
      return Promise.resolve(P.Plots.executeAPICommand(gd, method, args));
    }
    if (typeof P[method] !== "function") return Promise.resolve();
    return Promise.resolve(P[method].apply(null, [gd].concat(args)));
  }

  function setActive(gd, key, index) {
    var update = {};
    update[key + ".active"] = index;
    return window.Plotly.relayout(gd, update);
  }

  function visibleIndices(items) {
    var out = [];
    (items || []).forEach(function (item, k) {
      if (item && item.visible !== false) out.push(k);
    });
    return out;
  }

  function makeSlider(gd, box, i, count) {
    var slider = gd.layout.sliders[i];
    var full = (gd._fullLayout.sliders || [])[i] || slider;
    if (full.visible === false) return null;
    var steps = slider.steps || [];
    var shown = visibleIndices(steps);
    if (!shown.length) return null;
    var id = "mmn-kbd-" + ++counter;
    var wrap = document.createElement("div");
    wrap.className = "mmn-kbd-control";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = sliderLabel(full, i, count);
    var input = document.createElement("input");
    input.type = "range";
    input.id = id;
    input.min = "0";
    input.max = String(shown.length - 1);
    input.step = "1";
    input.className = "mmn-kbd-slider";
    input.setAttribute("data-slider-index", String(i));

    function sync() {
      var active = ((gd._fullLayout.sliders || [])[i] || {}).active;
      if (active == null) active = slider.active || 0;
      var pos = Math.max(0, shown.indexOf(active));
      input.value = String(pos);
      var step = steps[shown[pos]] || {};
      input.setAttribute("aria-valuetext", text(step.label != null ? step.label : step.value) || String(pos + 1));
    }

    input.addEventListener("input", function () {
      var k = shown[Number(input.value)];
      var step = steps[k] || {};
      var run = step.execute === false ? Promise.resolve() : execute(gd, step.method, step.args);
      run.then(function () { return setActive(gd, "sliders[" + i + "]", k); }).then(sync, sync);
      var stepText = text(step.label != null ? step.label : step.value);
      if (stepText) input.setAttribute("aria-valuetext", stepText);
    });
    wrap.appendChild(label);
    wrap.appendChild(input);
    box.appendChild(wrap);
    sync();
    return sync;
  }

  function makeMenu(gd, box, i, count) {
    var menu = gd.layout.updatemenus[i];
    var full = (gd._fullLayout.updatemenus || [])[i] || menu;
    if (full.visible === false) return null;
    var buttons = menu.buttons || [];
    var shown = visibleIndices(buttons);
    if (!shown.length) return null;
    var name = menuLabel(full, i, count);
    var wrap = document.createElement("div");
    wrap.className = "mmn-kbd-control";

    function activeIndex() {
      var a = ((gd._fullLayout.updatemenus || [])[i] || {}).active;
      return a == null ? (menu.active == null ? 0 : menu.active) : a;
    }

    if (shown.length === 1) {
      // A lone button ("Play", a toggle with args2): a native button.
      var k = shown[0];
      var b = buttons[k];
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "mmn-kbd-button";
      btn.setAttribute("data-menu-index", String(i));
      btn.textContent = text(b.label) || name;
      if (!text(b.label)) btn.setAttribute("aria-label", name);
      var toggled = false;
      if (b.args2) btn.setAttribute("aria-pressed", "false");
      btn.addEventListener("click", function () {
        var args = b.args2 && toggled ? b.args2 : b.args;
        toggled = b.args2 ? !toggled : toggled;
        if (b.args2) btn.setAttribute("aria-pressed", String(toggled));
        if (b.execute === false) return;
        // An animation interrupted by the next command rejects its promise: nothing to report.
        execute(gd, b.method, args).catch(function () {});
      });
      wrap.appendChild(btn);
      box.appendChild(wrap);
      return null;
    }

    var id = "mmn-kbd-" + ++counter;
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = name;
    var select = document.createElement("select");
    select.id = id;
    select.className = "mmn-kbd-menu";
    select.setAttribute("data-menu-index", String(i));
    shown.forEach(function (k, pos) {
      var opt = document.createElement("option");
      opt.value = String(k);
      opt.textContent = text(buttons[k].label) || "Option " + (pos + 1);
      select.appendChild(opt);
    });

    function sync() {
      select.value = String(activeIndex());
    }

    select.addEventListener("change", function () {
      var k = Number(select.value);
      var b = buttons[k] || {};
      var run = b.execute === false ? Promise.resolve() : execute(gd, b.method, b.args);
      run.then(function () { return setActive(gd, "updatemenus[" + i + "]", k); }).then(sync, sync);
    });
    wrap.appendChild(label);
    wrap.appendChild(select);
    box.appendChild(wrap);
    sync();
    return sync;
  }

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
})();
