/* The book's IVIg explorer: native controls + a plotly figure, computed in the page by ivig-model.js.
 *
 * Every element <div class="mmn-ivig" data-start='{"state": {...}, "label": "..."}'> (written by
 * widgets.ivig.static.explorer_html) becomes one explorer. Ranges, presets, people, notes and the figure's
 * layout come from window.MMN_IVIG_TABLE (exported from Python at build time); the model from MMNIvigModel.
 *
 * Rules: every control acts on every regimen it applies to, and a control that does not apply is hidden;
 * the heading names the regimen shown; a preset sets the treatment controls, and moving one of them afterwards
 * shows "Custom (changed: ...)"; keyboard operable native controls with labels; nothing acts on focus.
 * After each update the explorer's element carries data-updates (a count) and data-update-ms (the time of
 * the last update, model + drawing), read by the tests and the benchmark (benchmarks/bench_ivig_js.py).
 * Fast redraw: the figure is drawn first (before any text of the page changes: plotly measures the page), the time
 * axes have fixed margins (no automargin: no second drawing when a tick label moves), its
 * daily curves are reduced to the lowest and highest day of each bucket as wide as the line (every peak and
 * trough kept; the worn-off band to the days it starts and ends, exactly), the layout object is kept and
 * changed in place, and plotly's configuration is given once. Every number in words comes from the model.
 */
(function () {
  "use strict";

  var TREATMENT = ["induction", "route", "dose_g_per_kg", "every_weeks", "scig_weekly_g_per_kg", "stop_week"];
  var NAMES = {
    induction: "induction",
    route: "maintenance",
    dose_g_per_kg: "dose",
    every_weeks: "interval",
    scig_weekly_g_per_kg: "SCIg dose",
    stop_week: "stop",
  };
  var PATIENT = ["person", "weight_kg", "baseline_igg_g_l", "responder", "disease_years"];
  var ROUTE_TEXT = { iv: "IVIg every few weeks", sc: "SCIg every week", none: "None" };
  var counter = 0;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function fixed(x, digits) {
    return Number(x).toFixed(digits);
  }

  /** Day ``i`` of ``values`` at week ``i / 7``, at most two days per bucket of ``size`` days: the first, the last,
   * and each bucket's lowest and highest, in time order. */
  function minMax(values, size) {
    var n = values.length, x = [], y = [], i, j, lo, hi, end;
    for (i = 0; i < n; i += size) {
      end = Math.min(n, i + size);
      lo = i; hi = i;
      for (j = i + 1; j < end; j++) {
        if (values[j] < values[lo]) lo = j;
        if (values[j] > values[hi]) hi = j;
      }
      if (i === 0 && Math.min(lo, hi) !== 0) { x.push(0); y.push(values[0]); }
      x.push(Math.min(lo, hi) / 7); y.push(values[Math.min(lo, hi)]);
      if (hi !== lo) { x.push(Math.max(lo, hi) / 7); y.push(values[Math.max(lo, hi)]); }
    }
    if (n && x[x.length - 1] !== (n - 1) / 7) { x.push((n - 1) / 7); y.push(values[n - 1]); }
    return { x: x, y: y };
  }

  /** A 0/100 band drawn as steps ("hv"): only the days where it changes, the first and the last (the same drawing). */
  function steps(flags) {
    var n = flags.length, x = [], y = [];
    for (var i = 0; i < n; i++) {
      if (i === 0 || i === n - 1 || !flags[i] !== !flags[i - 1]) { x.push(i / 7); y.push(flags[i] ? 100 : 0); }
    }
    return { x: x, y: y };
  }

  function Explorer(root, table, model) {
    this.root = root;
    this.t = table;
    this.m = model;
    this.uid = root.id || "mmn-ivig-" + ++counter;
    var start = {};
    try {
      start = JSON.parse(root.getAttribute("data-start") || "{}");
    } catch (_err) {
      start = {};
    }
    this.presets = [];
    this.startLabel = start.label || "";
    this.startGiven = start.given || [];
    if (start.label) this.presets.push({ label: start.label, state: pick(start.state, TREATMENT) });
    this.presets = this.presets.concat(table.presets);
    this.state = Object.assign({}, table.default_state, start.state || {});
    this.applyPerson(this.state.person, start.state || {});
    this.build();
    this.preset = this.matchingPreset();
    this.sync();
    this.update();
  }

  function pick(obj, keys) {
    var out = {};
    keys.forEach(function (k) { if (obj && k in obj) out[k] = obj[k]; });
    return out;
  }

  Explorer.prototype.applyPerson = function (index, keep) {
    var p = this.t.people[index];
    this.state.person = index;
    ["weight_kg", "baseline_igg_g_l", "responder", "disease_years"].forEach(function (k) {
      if (!keep || keep[k] === null || keep[k] === undefined) this.state[k] = p[k];
    }, this);
  };

  Explorer.prototype.id = function (name) {
    return this.uid + "-" + name;
  };

  Explorer.prototype.range = function (box, name, label) {
    var c = this.t.controls[name];
    var row = el("div", { class: "mmn-ivig__row", "data-control": name });
    var lab = el("label", { for: this.id(name) }, label + ": ");
    var out = el("output", { for: this.id(name), id: this.id(name) + "-value" });
    lab.appendChild(out);
    var input = el("input", { type: "range", id: this.id(name), min: c[0], max: c[1], step: c[2], "data-k": name });
    row.appendChild(lab);
    row.appendChild(input);
    box.appendChild(row);
    return row;
  };

  Explorer.prototype.select = function (box, name, label, options) {
    var row = el("div", { class: "mmn-ivig__row", "data-control": name });
    row.appendChild(el("label", { for: this.id(name) }, label));
    var s = el("select", { id: this.id(name), "data-k": name });
    options.forEach(function (o) { s.appendChild(el("option", { value: o[0] }, o[1])); });
    row.appendChild(s);
    box.appendChild(row);
    return row;
  };

  Explorer.prototype.checkbox = function (box, name, label) {
    var row = el("div", { class: "mmn-ivig__row mmn-ivig__check", "data-control": name });
    var input = el("input", { type: "checkbox", id: this.id(name), "data-k": name });
    row.appendChild(input);
    row.appendChild(el("label", { for: this.id(name) }, label));
    box.appendChild(row);
    return row;
  };

  Explorer.prototype.build = function () {
    var t = this.t;
    var root = this.root;
    root.textContent = "";
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", "IVIg simulator");
    this.heading = el("p", { class: "mmn-ivig__title", id: this.id("title"), "aria-live": "polite" });
    this.sub = el("p", { class: "mmn-ivig__sub" });
    root.appendChild(this.heading);
    root.appendChild(this.sub);

    var controls = el("div", { class: "mmn-ivig__controls" });
    var treat = el("fieldset", { class: "mmn-ivig__box" });
    treat.appendChild(el("legend", {}, "Treatment"));
    var presetOptions = this.presets.map(function (p, i) { return [String(i), p.label]; });
    presetOptions.push(["custom", "Custom"]);
    this.select(treat, "preset", "Preset", presetOptions);
    var ind = t.regimens.induction;
    this.checkbox(treat, "induction", "Start with induction (" + ind.total_g_per_kg + " g/kg over " + ind.days + " days)");
    this.select(treat, "route", "Maintenance" + " (from week " + t.regimens.maintenance_from_week + " after induction)",
      t.routes.map(function (r) { return [r, ROUTE_TEXT[r] || r]; }));
    this.range(treat, "dose_g_per_kg", "IVIg dose per infusion");
    this.range(treat, "every_weeks", "IVIg every");
    this.range(treat, "scig_weekly_g_per_kg", "SCIg dose per week");
    this.checkbox(treat, "stop", "Stop maintenance (placebo from a chosen week)");
    this.range(treat, "stop_week", "Stop at week");
    this.range(treat, "years", "Years shown");

    // an exercise that does not ask about the patient starts with the patient's controls folded away
    var given = this.startGiven;
    var fold = !!this.startLabel && !PATIENT.some(function (k) { return given.indexOf(k) >= 0; });
    var pat = el(fold ? "details" : "fieldset", { class: "mmn-ivig__box" });
    pat.appendChild(fold ? el("summary", {}, "Patient (open to change)") : el("legend", {}, "Patient"));
    this.select(pat, "person", "Person", t.people.map(function (p, i) { return [String(i), p.label]; }));
    this.range(pat, "weight_kg", "Weight");
    this.range(pat, "baseline_igg_g_l", "Own IgG before treatment");
    this.select(pat, "responder", "Responder type", t.responders.map(function (r) { return [r, r]; }));
    this.range(pat, "disease_years", "Years untreated before the start");
    controls.appendChild(treat);
    controls.appendChild(pat);
    root.appendChild(controls);

    this.plot = el("div", { class: "mmn-ivig__plot", id: this.id("plot") });
    root.appendChild(this.plot);
    this.summary = el("p", { class: "mmn-ivig__summary", "aria-live": "polite" });
    this.note = el("p", { class: "mmn-ivig__note" });
    root.appendChild(this.summary);
    root.appendChild(this.note);

    var self = this;
    root.querySelectorAll("[data-k]").forEach(function (input) {
      var ev = input.type === "range" ? "input" : "change";
      input.addEventListener(ev, function () { self.onControl(input); });
    });
  };

  Explorer.prototype.input = function (name) {
    return this.root.querySelector('[data-k="' + name + '"]');
  };

  Explorer.prototype.onControl = function (input) {
    var k = input.getAttribute("data-k");
    var s = this.state;
    if (k === "preset") {
      if (input.value === "custom") return;
      this.preset = Number(input.value);
      Object.assign(s, this.presets[this.preset].state);
    } else if (k === "person") {
      this.applyPerson(Number(input.value));
    } else if (k === "induction") {
      s.induction = input.checked;
    } else if (k === "stop") {
      s.stop_week = input.checked ? Number(this.input("stop_week").value) : 0;
    } else if (k === "route" || k === "responder") {
      s[k] = input.value;
    } else {
      s[k] = Number(input.value);
    }
    this.sync();
    this.schedule();
  };

  /** Draw at most once a frame: a slider dragged fires many events, each sets the state, the next frame shows the
   * last. data-latency-ms: from the first change of the burst to the drawn update (the frame's wait included). */
  Explorer.prototype.schedule = function () {
    var self = this;
    if (this.pendingSince) return;
    this.pendingSince = performance.now();
    (window.requestAnimationFrame || setTimeout)(function () {
      var since = self.pendingSince;
      self.pendingSince = 0;
      self.update();
      self.root.setAttribute("data-latency-ms", fixed(performance.now() - since, 2));
    });
  };

  /** The preset whose treatment values the state has, or null (custom). The current one wins a tie. */
  Explorer.prototype.matchingPreset = function () {
    var s = this.state;
    var same = function (p) { return TREATMENT.every(function (k) { return p.state[k] === s[k]; }); };
    if (this.preset !== null && this.preset !== undefined && same(this.presets[this.preset])) return this.preset;
    for (var i = 0; i < this.presets.length; i++) if (same(this.presets[i])) return i;
    return null;
  };

  /** Controls show the state: values, outputs, which controls apply, the preset or "Custom (changed: ...)". */
  Explorer.prototype.sync = function () {
    var s = this.state;
    var t = this.t;
    var weeks = 52 * s.years;
    var stopRange = this.input("stop_week");
    stopRange.max = String(weeks);
    if (s.stop_week > weeks) s.stop_week = weeks;
    var p = t.people[s.person];
    var set = function (name, value) { var i = this.input(name); if (i) i.value = String(value); }.bind(this);
    ["dose_g_per_kg", "every_weeks", "scig_weekly_g_per_kg", "years", "weight_kg", "baseline_igg_g_l",
      "disease_years"].forEach(function (k) { set(k, s[k]); });
    if (s.stop_week) set("stop_week", s.stop_week);
    set("route", s.route);
    set("responder", s.responder);
    set("person", s.person);
    this.input("induction").checked = !!s.induction;
    this.input("stop").checked = !!s.stop_week;
    stopRange.disabled = !s.stop_week;

    var show = function (name, on) { this.root.querySelector('[data-control="' + name + '"]').hidden = !on; }.bind(this);
    show("dose_g_per_kg", s.route === "iv");
    show("every_weeks", s.route === "iv");
    show("scig_weekly_g_per_kg", s.route === "sc");
    show("stop", s.route !== "none");
    show("stop_week", s.route !== "none" && !!s.stop_week);
    var given = s.induction || s.route !== "none";
    show("weight_kg", given); // doses are per kg: with nothing given, weight changes nothing
    show("responder", given);

    var out = function (name, text) { document.getElementById(this.id(name) + "-value").textContent = text; }.bind(this);
    var fmt = this.m.fmtG;
    out("dose_g_per_kg", fmt(s.dose_g_per_kg) + " g/kg (" + fixed(s.dose_g_per_kg * s.weight_kg, 0) + " g)");
    out("every_weeks", s.every_weeks === 1 ? "1 week" : s.every_weeks + " weeks");
    out("scig_weekly_g_per_kg", fmt(s.scig_weekly_g_per_kg) + " g/kg (" + fixed(s.scig_weekly_g_per_kg * s.weight_kg, 0) + " g)");
    out("stop_week", "week " + (s.stop_week || Number(stopRange.value)));
    out("years", s.years === 1 ? "1 year" : s.years + " years");
    out("weight_kg", fmt(s.weight_kg) + " kg");
    out("baseline_igg_g_l", fmt(s.baseline_igg_g_l) + " g/L" + (s.baseline_igg_g_l === p.baseline_igg_g_l ? " (this person's own)" : ""));
    out("disease_years", fmt(s.disease_years) + (s.disease_years === 1 ? " year" : " years"));

    this.preset = this.matchingPreset();
    var sel = this.input("preset");
    var custom = sel.querySelector('option[value="custom"]');
    if (this.preset === null) {
      var base = this.lastPreset !== undefined ? this.presets[this.lastPreset] : null;
      var changed = base ? TREATMENT.filter(function (k) { return base.state[k] !== s[k]; }).map(function (k) { return NAMES[k]; }) : [];
      custom.textContent = changed.length ? "Custom (changed: " + changed.join(", ") + ")" : "Custom";
      custom.hidden = false;
      sel.value = "custom";
    } else {
      this.lastPreset = this.preset;
      custom.textContent = "Custom";
      custom.hidden = true;
      sel.value = String(this.preset);
    }
  };

  Explorer.prototype.update = function () {
    var t0 = performance.now();
    var c = this.m.simulate(this.t, this.state);
    var s = this.state;
    var who = this.t.people[s.person].label;
    this.draw(c);
    this.heading.textContent = c.title;
    this.sub.textContent = c.gramsText + "; " + who + ", " + this.m.fmtG(s.weight_kg) + " kg, " + s.responder;
    var sm = c.summary;
    var cycles = c.wearOffDays.length > 1 ? c.wearOffDays.slice(1) : c.wearOffDays;
    var worn = cycles.length ? cycles.reduce(function (a, b) { return a + b; }, 0) / cycles.length : 0;
    this.summary.textContent =
      "About " + this.m.fmtGrams(Math.round(c.gramsPerYear * 1e6) / 1e6) + " g of immunoglobulin a year. " +
      "Second half of the time shown: serum IgG " + fixed(sm.igg_trough_g_l, 1) + "–" + fixed(sm.igg_peak_g_l, 1) +
      " g/L (mean " + fixed(sm.igg_mean_g_l, 1) + "); strength " + fixed(sm.strength_mean_pct, 0) +
      "% of normal on average, swing " + fixed(sm.strength_swing_pct, 1) + " points; worn-off days " +
      sm.worn_off_days + ", per cycle " + fixed(sm.worn_off_days_per_cycle, 1) + ". " +
      "Worn-off days per cycle after the first, whole time: " + fixed(worn, 1) + ".";
    this.note.innerHTML = this.t.notes[c.noteKey];
    this.root.setAttribute("data-regimen", c.label);
    this.plot.setAttribute("role", "img");
    this.plot.setAttribute("aria-label", "Charts over " + this.m.fmtG(c.weeks) + " weeks for " + c.title +
      ": serum IgG in g/L with the infusions (top), strength in % of normal with the untreated course and the worn-off days (bottom). " +
      this.summary.textContent);
    var ms = performance.now() - t0;
    this.root.setAttribute("data-update-ms", fixed(ms, 2));
    this.root.setAttribute("data-updates", String(Number(this.root.getAttribute("data-updates") || 0) + 1));
  };

  Explorer.prototype.draw = function (c) {
    var fig = this.t.figure;
    var n = c.iggGL.length;
    // the plot's width (read before anything on the page changes) sets the buckets: two days a pixel at most
    var width = this.plot.clientWidth;
    var size = Math.max(1, Math.floor(n / Math.max(60, (width || 800) / 2)));
    var curve = function (values) {
      if (size > 1) return minMax(values, size);
      var x = new Array(values.length);
      for (var i = 0; i < values.length; i++) x[i] = i / 7;
      return { x: x, y: Array.from(values) };
    };
    var data = {
      igg: curve(c.iggGL),
      infusions: {
        x: c.infusions.map(function (d) { return d.day / 7; }),
        y: c.infusions.map(function () { return 0; }),
        text: c.infusions.map(function (d) { return "day " + d.day + ": " + fixed(d.grams, 0) + " g " + (d.route === "sc" ? "SCIg" : "IVIg"); }),
        name: fig.traces[fig.trace_keys.indexOf("infusions")].name,
      },
      strength: curve(c.strengthPct),
      worn_off: steps(c.wornOff),
      untreated: curve(c.untreatedPct),
    };
    var traces = fig.traces.map(function (style, k) { return Object.assign({}, style, data[fig.trace_keys[k]]); });
    var layout = this.layout;
    if (!layout) {
      layout = this.layout = JSON.parse(JSON.stringify(fig.layout));
      layout.autosize = true;
      delete layout.width;
      this.narrow = null;
    }
    // a phone-width layout (shorter axis titles, smaller font) from the table, chosen by the box's width
    var narrow = width > 0 && width < fig.narrow.below_px;
    if (narrow !== this.narrow) {
      this.narrow = narrow;
      var src = narrow ? fig.narrow : fig.wide;
      layout.font = Object.assign({}, layout.font, { size: src.font_size });
      layout.xaxis2.title = { text: src.xaxis2_title };
      layout.yaxis.title = { text: src.yaxis_title };
      layout.yaxis2.title = { text: src.yaxis2_title };
      // The time axes' margins are fixed, not measured: with automargin plotly measures the new tick labels and,
      // when the last one pokes out by a pixel or two, draws the whole figure twice (the "years" control). The
      // right margin holds half of a three-digit label (about one font size); below, the legend's own push keeps
      // the axis title and the legend clear. The IgG axis's short numbers (and its title) always fit in the left
      // margin that the strength axis's longer labels ("60% · 31 kg", changing with the person) keep measuring.
      layout.margin = Object.assign({}, src.margin, { r: Math.max(src.margin.r, src.font_size) });
      layout.xaxis.automargin = false;
      layout.xaxis2.automargin = false;
      layout.yaxis.automargin = false;
    }
    // only what changed: the time axis and the grip tick labels (a new array only when they change)
    if (!layout.xaxis.range || layout.xaxis.range[1] !== c.weeks) {
      layout.xaxis.range = [0, c.weeks];
      layout.xaxis2.range = [0, c.weeks];
    }
    var ticks = this.t.people[this.state.person].ticktext;
    if (layout.yaxis2.ticktext !== ticks) layout.yaxis2.ticktext = ticks;
    this.revision = (this.revision || 0) + 1;
    layout.datarevision = this.revision;
    // the configuration once: giving it again makes plotly compare it and measure the page
    if (this.revision === 1) window.Plotly.react(this.plot, traces, layout, { displaylogo: false, responsive: true, displayModeBar: false });
    else window.Plotly.react(this.plot, traces, layout);
  };

  function start() {
    var table = window.MMN_IVIG_TABLE;
    var model = window.MMNIvigModel;
    if (!table || !model) return;
    if (!window.Plotly) {
      document.querySelectorAll(".mmn-ivig .mmn-ivig__noscript").forEach(function (p) {
        p.textContent = "The IVIg simulator could not load its charting library (plotly.js) on this page.";
      });
      return;
    }
    document.querySelectorAll(".mmn-ivig").forEach(function (root) {
      if (root.mmnIvig) return;
      root.mmnIvig = new Explorer(root, table, model);
    });
  }

  window.MMNIvigExplorer = { start: start };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
