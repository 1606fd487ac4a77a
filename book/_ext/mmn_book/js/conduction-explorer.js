// Kernel-free nerve conduction explorer: every control of the live widget (widgets.conduction.views), computed in
// the page by conduction-model.js from the exported table (window.MMN_NCS_TABLE), drawn by conduction-draw.js and
// put in words by conduction-words.js; the table loads when the reader comes near (lazy-table.js).
// Mount points: <div class="mmn-ncs-explorer" data-nerve="ulnar" data-preset="mmn" data-seed="0"> written by
// widgets.conduction.static. Native, labelled controls (keyboard operable, nothing acts on focus); a preset sets
// the controls, and moving a control after that shows "Custom (changed: ...)"; title and verdict always describe
// the traces drawn.
(function () {
  "use strict";
  if (window.MMNConductionExplorer) return;
  var CUSTOM = "custom";
  var model = null;
  var uid = 0;
  var Words = window.MMNConductionWords, Draw = window.MMNConductionDraw;
  var el = Words.el;
  function cap(s) { return s ? s[0].toUpperCase() + s.slice(1) : s; }
  function shortMuscle(m) { var i = m.lastIndexOf("("); return i >= 0 && m.slice(-1) === ")" ? m.slice(i + 1, -1) : m; }

  function Explorer(root) {
    var T = model.table;
    this.root = root;
    this.T = T;
    this.id = "mmn-ncs-" + (++uid);
    var nerve = root.getAttribute("data-nerve") || "ulnar";
    var preset = root.getAttribute("data-preset") || CUSTOM;
    if (preset !== CUSTOM && T.presets[preset].nerves.indexOf(nerve) < 0) nerve = T.presets[preset].nerve;
    this.seed = Number(root.getAttribute("data-seed") || 0);
    // arrow keys move a slider or a menu here; the page's own key bindings (previous/next chapter) must not see them
    root.addEventListener("keydown", function (e) {
      if (e.target && e.target.matches && e.target.matches("input, select")) e.stopPropagation();
    });
    this.build(nerve);
    this.controls.nerve.value = nerve;
    if (preset !== CUSTOM) this.applyPreset(preset); else this.setPresetValue(CUSTOM);
    this.update();
  }

  Explorer.prototype.range = function (key, label, min, max, step, unit, value) {
    var id = this.id + "-" + key.replace(/[^a-z0-9]+/gi, "-");
    var input = el("input", { type: "range", id: id, min: String(min), max: String(max), step: String(step),
      value: String(value), "data-control": key });
    var out = el("output", { for: id, class: "mmn-ncs-value", text: value + unit });
    var self = this;
    input.addEventListener("input", function () { out.textContent = input.value + unit; self.changed(key); });
    this.inputs[key] = input;
    this.units[key] = unit;
    this.labels[key] = label;
    return el("div", { class: "mmn-ncs-control" }, [el("label", { for: id, text: label }), input, out]);
  };
  Explorer.prototype.select = function (key, label, options, onChange) {
    var id = this.id + "-" + key;
    var s = el("select", { id: id, "data-control": key });
    options.forEach(function (o) { s.appendChild(el("option", { value: o[0], text: o[1] })); });
    s.addEventListener("change", onChange);
    return { box: el("div", { class: "mmn-ncs-control mmn-ncs-select" }, [el("label", { for: id, text: label }), s]), input: s };
  };

  Explorer.prototype.build = function (nerve) {
    var T = this.T, self = this;
    this.root.textContent = "";
    this.inputs = {}; this.units = {}; this.labels = {};
    this.controls = {};
    var nerveSel = this.select("nerve", "Nerve", Object.keys(T.nerves).map(function (k) { return [k, T.nerves[k].label]; }),
      function () { self.onNerve(); });
    var presetSel = this.select("preset", "Preset", [[CUSTOM, "Custom settings"]].concat(Object.keys(T.presets).map(function (k) {
      return [k, T.presets[k].title];
    })), function () { self.onPreset(); });
    var personSel = this.select("person", "Person", T.seeds.map(function (s) {
      return [String(s), s === 0 ? "Reference person (published means)" : "Person " + s + " of the normal population"];
    }), function () { self.seed = Number(personSel.input.value); self.changed(null); });
    personSel.input.value = String(this.seed);
    this.controls.nerve = nerveSel.input;
    this.controls.preset = presetSel.input;
    this.controls.person = personSel.input;
    this.status = el("p", { class: "mmn-ncs-status", "aria-live": "polite" });
    this.teaching = el("div", { class: "mmn-ncs-teaching" });
    this.lesionBox = el("div", { class: "mmn-ncs-lesions" });
    var axons = el("fieldset", {}, [el("legend", { text: "Axons and temperature" }),
      this.range("axon_loss", "Motor axon loss", 0, 100, 5, "%", 0),
      this.range("reinnervation", "Reinnervation (of orphaned fibres)", 0, 100, 5, "%", 0),
      this.range("sensory_axon_loss", "Sensory axon loss", 0, 100, 5, "%", 0),
      this.range("temperature_c", "Limb temperature", T.temperature_range_c[0], T.temperature_range_c[1], 0.5, " \u00b0C",
        T.reference_temperature_c)]);
    this.subSel = this.select("submaximal_site", "Submaximal stimulation at", [["", "none"]], function () { self.changed("submaximal_site"); });
    this.inputs.submaximal_site = this.subSel.input;
    this.labels.submaximal_site = "submaximal stimulation at";
    var pit = el("fieldset", {}, [el("legend", { text: "Pitfalls" }), this.subSel.box,
      this.range("submaximal_fraction", "Axons excited there", 5, 100, 5, "%", 50),
      this.range("martin_gruber", "Martin\u2013Gruber crossover (of ADM axons)", 0, 90, 5, "%", 0)]);
    var R = T.recording;
    if (R) {  // recording pitfalls: electrode position, reference electrode, amplifier filter
      var lff = this.select("low_frequency_filter_hz", "Low-frequency filter", R.filter_choices_hz.map(function (f) {
        return f === null ? ["", "none (reference recording)"] : [String(f), f + " Hz"];
      }), function () { self.changed("low_frequency_filter_hz"); });
      this.inputs.low_frequency_filter_hz = lff.input;
      this.labels.low_frequency_filter_hz = "low-frequency filter";
      pit.appendChild(this.range("electrode_offset_mm", "Active electrode off the motor point", R.offset_range_mm[0],
        R.offset_range_mm[1], 5, " mm", 0));
      pit.appendChild(this.range("reference_pickup", "Reference electrode over muscle (pickup)", 0,
        Math.round(100 * R.pickup_range[1]), 10, "%", 0));
      pit.appendChild(lff.box);
    }
    var controls = el("div", { class: "mmn-ncs-controls" }, [
      // a person menu only when the table holds more than the reference person
      el("div", { class: "mmn-ncs-row" }, [nerveSel.box, presetSel.box, T.seeds.length > 1 ? personSel.box : null]),
      el("details", { open: "" }, [el("summary", { text: "Lesions per segment" }), this.lesionBox]),
      el("details", {}, [el("summary", { text: "Axons and temperature" }), axons]),
      el("details", {}, [el("summary", { text: "Pitfalls" }), pit])]);
    this.title = el("p", { class: "mmn-ncs-title", id: this.id + "-title" });
    this.plot = el("div", { class: "mmn-ncs-plot", role: "img", "aria-labelledby": this.id + "-title" });
    this.verdict = el("div", { class: "mmn-ncs-verdict mmn-verdict", role: "status", "aria-live": "polite" });
    this.short = el("p", { class: "mmn-ncs-short", "aria-hidden": "true" });
    var selectors = controls.firstChild;
    this.root.appendChild(selectors);
    this.root.appendChild(this.status);
    this.root.appendChild(this.title);
    this.root.appendChild(this.plot);
    this.root.appendChild(this.short);
    this.root.appendChild(controls);
    this.root.appendChild(this.teaching);
    this.root.appendChild(this.verdict);
    this.buildSegments(nerve);
  };

  Explorer.prototype.buildSegments = function (nerve) {
    var T = this.T, spec = T.nerves[nerve], self = this;
    Object.keys(this.inputs).forEach(function (k) { if (k.indexOf("seg:") === 0) delete self.inputs[k]; });
    this.lesionBox.textContent = "";
    this.segments = spec.segments.map(function (s) { return s.name; }).concat(["all"]);
    this.segments.forEach(function (name) {
      var seg = spec.segments.find(function (s) { return s.name === name; });
      var label = seg ? cap(seg.label) : "Whole nerve (diffuse)";
      var short = seg ? seg.label.split(" (")[0] : "whole nerve";
      var fs = el("fieldset", { class: "mmn-ncs-segment" }, [el("legend", { text: label })]);
      var block = self.range("seg:" + name + ":block", "Block (" + short + ")", 0, 100, 5, "%", 0);
      if (name === "distal" || name === "all") {
        block.querySelector("input").disabled = true;
        block.querySelector("input").title = "A block is graded between two stimulation sites";
      }
      fs.appendChild(block);
      fs.appendChild(self.range("seg:" + name + ":slowing", "Slowing (" + short + ")", 0, 90, 5, "%", 0));
      fs.appendChild(self.range("seg:" + name + ":dispersion", "Dispersion (" + short + ")", 0, 90, 5, "%", 0));
      var id = self.id + "-seg-" + name + "-sensory";
      var cb = el("input", { type: "checkbox", id: id, "data-control": "seg:" + name + ":sensory" });
      cb.addEventListener("change", function () { self.changed("seg:" + name + ":sensory"); });
      self.inputs["seg:" + name + ":sensory"] = cb;
      self.labels["seg:" + name + ":sensory"] = "sensory fibres too (" + short + ")";
      fs.appendChild(el("div", { class: "mmn-ncs-control mmn-ncs-check" }, [cb, el("label", { for: id, text: "Sensory fibres too" })]));
      self.lesionBox.appendChild(fs);
    });
    var sub = this.subSel.input;
    sub.textContent = "";
    sub.appendChild(el("option", { value: "", text: "none" }));
    spec.sites.forEach(function (s) { sub.appendChild(el("option", { value: s.name, text: s.label })); });
    this.inputs.martin_gruber.disabled = nerve !== "ulnar";
    if (nerve !== "ulnar") this.setInput("martin_gruber", 0);
  };

  Explorer.prototype.setInput = function (key, value) {
    var input = this.inputs[key];
    if (input.type === "checkbox") input.checked = !!value;
    else input.value = String(value);
    var out = input.parentNode.querySelector("output");
    if (out) out.textContent = input.value + this.units[key];
  };
  Explorer.prototype.value = function (key) {
    var input = this.inputs[key];
    if (input.type === "checkbox") return input.checked;
    if (input.tagName === "SELECT") return input.value;
    return Number(input.value);
  };
  Explorer.prototype.snapshot = function () {
    var self = this, out = {};
    Object.keys(this.inputs).forEach(function (k) { out[k] = self.value(k); });
    out.person = this.seed;
    return out;
  };
  Explorer.prototype.resetControls = function () {
    var self = this;
    Object.keys(this.inputs).forEach(function (k) {
      if (k.indexOf("seg:") === 0) self.setInput(k, /sensory$/.test(k) ? false : 0);
    });
    ["axon_loss", "reinnervation", "sensory_axon_loss", "martin_gruber"].forEach(function (k) { self.setInput(k, 0); });
    this.setInput("temperature_c", this.T.reference_temperature_c);
    this.setInput("submaximal_site", "");
    this.setInput("submaximal_fraction", 50);
    if (this.inputs.electrode_offset_mm) {
      this.setInput("electrode_offset_mm", 0);
      this.setInput("reference_pickup", 0);
      this.setInput("low_frequency_filter_hz", "");
    }
  };
  Explorer.prototype.setPresetValue = function (name) {
    this.preset = name;
    this.controls.preset.value = name;
  };

  Explorer.prototype.applyPreset = function (name) {
    var T = this.T, p = T.presets[name], nerve = this.controls.nerve.value;
    if (p.nerves.indexOf(nerve) < 0) {
      nerve = p.nerve;
      this.controls.nerve.value = nerve;
      this.buildSegments(nerve);
    }
    var cfg = model.presetConfig(nerve, name, this.seed), self = this;
    this.resetControls();
    cfg.lesions.forEach(function (l) {
      self.setInput("seg:" + l.segment + ":block", Math.round(100 * l.block));
      self.setInput("seg:" + l.segment + ":slowing", Math.round(100 * l.slowing));
      self.setInput("seg:" + l.segment + ":dispersion", Math.round(100 * l.dispersion));
      self.setInput("seg:" + l.segment + ":sensory", l.sensory);
    });
    this.setInput("axon_loss", Math.round(100 * cfg.axon_loss));
    this.setInput("reinnervation", Math.round(100 * cfg.reinnervation));
    this.setInput("sensory_axon_loss", Math.round(100 * cfg.sensory_axon_loss));
    this.setInput("temperature_c", cfg.temperature_c);
    this.setInput("submaximal_site", cfg.submaximal_site || "");
    this.setInput("submaximal_fraction", Math.round(100 * cfg.submaximal_fraction));
    this.setInput("martin_gruber", Math.round(100 * cfg.martin_gruber));
    this.setPresetValue(name);
    this.presetSnapshot = this.snapshot();
    this.presetNerve = nerve;
    this.teaching.textContent = "";
    this.teaching.appendChild(el("p", {}, [el("strong", { text: p.title + ". " }), document.createTextNode(p.teaching)]));
    this.teaching.appendChild(el("p", {}, [el("em", { text: "Expected: " }), document.createTextNode(p.expected)]));
  };

  Explorer.prototype.onPreset = function () {
    var v = this.controls.preset.value;
    if (v === CUSTOM) {
      this.preset = CUSTOM;
      this.teaching.textContent = "";
    } else this.applyPreset(v);
    this.update();
  };
  Explorer.prototype.onNerve = function () {
    var nerve = this.controls.nerve.value;
    this.buildSegments(nerve);
    if (this.preset !== CUSTOM && this.T.presets[this.preset].nerves.indexOf(nerve) >= 0) this.applyPreset(this.preset);
    else {
      // a preset that does not apply to this nerve: a custom study of the new nerve with the settings that carry over
      this.preset = CUSTOM;
      this.controls.preset.value = CUSTOM;
      this.presetSnapshot = null;
      this.teaching.textContent = "";
    }
    this.update();
  };
  Explorer.prototype.changed = function () {
    if (this.preset !== CUSTOM) {
      this.preset = CUSTOM;
      this.controls.preset.value = CUSTOM;
    }
    this.schedule();
  };
  Explorer.prototype.schedule = function () {
    var self = this;
    if (this.pending) return;
    this.pending = true;
    (window.requestAnimationFrame || setTimeout)(function () { self.pending = false; self.update(); });
  };

  // what the controls describe (the live widget's ConductionExplorer.simulate)
  Explorer.prototype.config = function () {
    var nerve = this.controls.nerve.value, self = this;
    if (this.preset !== CUSTOM) return model.presetConfig(nerve, this.preset, this.seed);
    var lesions = [];
    this.segments.forEach(function (name) {
      var b = self.value("seg:" + name + ":block") / 100, s = self.value("seg:" + name + ":slowing") / 100;
      var d = self.value("seg:" + name + ":dispersion") / 100;
      if (b || s || d) lesions.push({ segment: name, block: b, slowing: s, dispersion: d, sensory: self.value("seg:" + name + ":sensory") });
    });
    var site = this.value("submaximal_site") || null;
    return { nerve: nerve, seed: this.seed, preset: null, lesions: lesions, axon_loss: this.value("axon_loss") / 100,
      reinnervation: this.value("reinnervation") / 100, sensory_axon_loss: this.value("sensory_axon_loss") / 100,
      temperature_c: this.value("temperature_c"), submaximal_site: site,
      submaximal_fraction: site ? this.value("submaximal_fraction") / 100 : 0.5,
      martin_gruber: nerve === "ulnar" ? this.value("martin_gruber") / 100 : 0,
      electrode_offset_mm: this.inputs.electrode_offset_mm ? this.value("electrode_offset_mm") : 0,
      reference_pickup: this.inputs.reference_pickup ? this.value("reference_pickup") / 100 : 0,
      low_frequency_filter_hz: this.inputs.low_frequency_filter_hz && this.value("low_frequency_filter_hz") !== ""
        ? Number(this.value("low_frequency_filter_hz")) : null };
  };
  // "Custom (changed: ...)": what differs from the preset the controls came from
  Explorer.prototype.changes = function () {
    var before = this.presetSnapshot, now = this.snapshot(), self = this, out = [];
    if (!before || this.controls.nerve.value !== this.presetNerve) return out;
    Object.keys(now).forEach(function (k) {
      if (before[k] === now[k] || !(k in before)) return;
      var unit = self.units[k] || "", label = k === "person" ? "person" : (self.labels[k] || k).toLowerCase();
      var fmt = function (v) { return typeof v === "boolean" ? (v ? "yes" : "no") : v === "" ? "none" : v + unit; };
      out.push(label + " " + fmt(before[k]) + " \u2192 " + fmt(now[k]));
    });
    return out;
  };

  // One whole update: the model, then the figure (drawn first, while nothing else on the page has changed: plotly
  // measures the page), then the words. The time of each part is kept for benchmarks/bench_conduction_js.py.
  Explorer.prototype.update = function () {
    var T = this.T, cfg = this.config(), study, t0 = performance.now(), t1, t2;
    if (!model.hasPeople(cfg.nerve)) {  // this nerve's people arrive in their own script: draw when they are here
      this.status.textContent = "Loading the " + T.nerves[cfg.nerve].label.toLowerCase() + "\u2026";
      loadPeople(cfg.nerve);
      return;
    }
    try {
      study = model.simulate(cfg);
      t1 = performance.now();
    } catch (err) {
      this.verdict.textContent = String(err.message || err);
      return;
    }
    this.study = study;
    var nerve = study.nerve, who = nerve.label + " (" + shortMuscle(nerve.muscle) + ")", title, status;
    if (this.preset !== CUSTOM) {
      title = who + " \u00b7 " + T.presets[this.preset].title;
      status = "Preset: " + T.presets[this.preset].title + ".";
    } else {
      var ch = this.changes();
      title = who + " \u00b7 Custom";
      status = ch.length ? "Custom (changed: " + ch.join("; ") + ")." : "Custom settings.";
      if (ch.length) title += " (changed: " + ch.join("; ") + ")";
    }
    if (this.seed) title += " \u00b7 person " + this.seed;
    if (!this.figure) this.figure = new Draw.Figure(this.plot, T.palette, model.format);
    this.figure.draw(study);
    t2 = performance.now();
    var verdict = model.verdictText(study);
    this.title.textContent = title;
    this.status.textContent = status;
    if (this.preset === CUSTOM) this.teaching.textContent = "";
    this.short.textContent = verdict;
    this.plot.setAttribute("aria-label", title + ". " + verdict);
    Words.writeVerdict(model, study, this.verdict);
    this.timings = { model_ms: t1 - t0, draw_ms: t2 - t1, words_ms: performance.now() - t2 };
  };

  var CSS = ".mmn-ncs-explorer{font-size:.95rem;margin:1rem 0}.mmn-ncs-row{display:flex;flex-wrap:wrap;gap:.5rem 1rem}"
    + ".mmn-ncs-control{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem .5rem;margin:.2rem 0}"
    + ".mmn-ncs-control label{flex:1 1 11rem}.mmn-ncs-control input[type=range]{flex:1 1 9rem;min-width:7rem;max-width:100%}"
    + ".mmn-ncs-check label{flex:0 1 auto}.mmn-ncs-value{min-width:3.5rem;font-variant-numeric:tabular-nums}"
    + ".mmn-ncs-select{flex:1 1 14rem;min-width:0;max-width:100%}.mmn-ncs-select label{flex:1 1 100%}"
    + ".mmn-ncs-select select{width:100%;max-width:100%;font-size:inherit}.mmn-ncs-explorer fieldset{border:1px solid "
    + "var(--pst-color-border,#ccc);padding:.3rem .6rem;margin:.3rem 0;min-width:0}.mmn-ncs-explorer summary{cursor:pointer;"
    + "font-weight:600;padding:.3rem 0}.mmn-ncs-title{font-weight:600;margin:.5rem 0 0}.mmn-ncs-plot{width:100%;min-height:300px}"
    + ".mmn-ncs-explorer .mmn-ncs-table{width:100%;table-layout:auto;overflow-wrap:anywhere}.mmn-ncs-status{font-style:italic}.mmn-ncs-short{font-weight:600}";
  function injectStyle() {
    if (document.getElementById("mmn-ncs-style")) return;
    var st = document.createElement("style");
    st.id = "mmn-ncs-style";
    st.textContent = CSS;
    document.head.appendChild(st);
  }

  // each nerve's people are a script beside the table (mmn_book.model_tables.people_file): a script tag, so that it
  // loads from file:// too
  var tableBase = null, requested = {};
  // The table and the people load when the reader comes near a simulator (or touches it), not with the page.
  var selfBase = document.currentScript && document.currentScript.src
    ? document.currentScript.src.replace(/conduction-explorer\.js.*$/, "") : null;
  (function () {
    var scripts = document.getElementsByTagName("script");
    for (var i = 0; i < scripts.length; i++) {
      var src = scripts[i].getAttribute("src") || "";
      if (/conduction-table\.js/.test(src)) tableBase = scripts[i].src.replace(/conduction-table\.js.*$/, "");
    }
  })();
  function loadPeople(nerve) {
    if (requested[nerve] || !model.table.people_files) return;
    requested[nerve] = true;
    var s = document.createElement("script");
    s.src = (tableBase || "") + model.table.people_files[nerve];
    document.head.appendChild(s);
  }
  function peopleLoaded() {
    document.querySelectorAll(".mmn-ncs-explorer[data-mmn-ready]").forEach(function (root) {
      if (root.__mmnExplorer) root.__mmnExplorer.update();
    });
  }

  function mountAll() {
    injectStyle();
    if (!window.MMNConduction) return;
    if (!window.MMN_NCS_TABLE) {
      if (!tableBase) tableBase = selfBase;
      if (selfBase && window.MMNLazyTable) {
        window.MMNLazyTable.whenNear(".mmn-ncs-explorer:not([data-mmn-ready])", selfBase + "conduction-table.js", mountAll);
      }
      return;
    }
    if (!model) model = window.MMNConduction.create(window.MMN_NCS_TABLE);
    document.querySelectorAll(".mmn-ncs-explorer:not([data-mmn-ready])").forEach(function (root) {
      root.setAttribute("data-mmn-ready", "1");
      root.__mmnExplorer = new Explorer(root);
    });
  }
  window.MMNConductionExplorer = { mountAll: mountAll, peopleLoaded: peopleLoaded };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
