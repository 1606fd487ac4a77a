// Part of plotly-a11y.js: its sizes, and keyboard proxies for a figure's sliders and menus.
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, plotly-a11y.js)
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
