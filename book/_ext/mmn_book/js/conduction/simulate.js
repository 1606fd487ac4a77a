// Nerve conduction model in the browser: a port of widgets.conduction (the Python package is the reference).
// Every number comes from the table the book exports at build time (window.MMN_NCS_TABLE, written by
// mmn_book.model_tables); parity tests (tests/browser/test_conduction_parity.py) hold this model to Python.
// Public: MMNConduction.create(table) -> {simulate(config), presetConfig(nerve, preset), verdictText(study),
// checklist(study), defaultConfig(nerve)}. This part wires the parts of js/conduction/ together (each registers
// a factory on MMNConductionParts; they are joined into the one script conduction-model.js at build time).
(function (root) {
  "use strict";
  var parts = root.MMNConductionParts;
  // the parts, in dependency order: each factory reads what the earlier ones export
  var ORDER = ["people", "arrivals", "measure", "criteria", "describe", "study", "checklist"];

  function create(T) {
    var M = Object.assign({}, parts.format);
    ORDER.forEach(function (name) { Object.assign(M, parts[name](T, M)); });
    var fixed = M.fixed, pyRound = M.pyRound, g = M.g, pct = M.pct, person = M.person, hasPeople = M.hasPeople,
      temperatureFactors = M.temperatureFactors, arrivals = M.arrivals, run = M.run, measure = M.measure,
      outcomeKey = M.outcomeKey, buildStudy = M.buildStudy, segmentOutcome = M.segmentOutcome,
      checklist = M.checklist, verdictText = M.verdictText;

    // ---- configurations
    function defaultConfig(nerve) {
      return { nerve: nerve, seed: 0, preset: null, lesions: [], axon_loss: 0, reinnervation: 0, sensory_axon_loss: 0,
        temperature_c: T.reference_temperature_c, submaximal_site: null, submaximal_fraction: 0.5, martin_gruber: 0,
        electrode_offset_mm: 0, reference_pickup: 0, low_frequency_filter_hz: null };
    }
    function presetConfig(nerve, name, seed) {
      var p = T.presets[name];
      if (p.nerves.indexOf(nerve) < 0) throw new Error("nerve must be one of " + p.nerves.join(", ") + " for preset " + name);
      var cfg = defaultConfig(nerve), pit = p.pitfalls[nerve] || {};
      cfg.seed = seed || 0;
      cfg.preset = name;
      cfg.lesions = p.lesions[nerve].map(function (l) { return Object.assign({}, l); });
      cfg.axon_loss = p.axon_loss; cfg.reinnervation = p.reinnervation; cfg.sensory_axon_loss = p.sensory_axon_loss;
      cfg.temperature_c = p.temperature_c;
      if (pit.submaximal_site) cfg.submaximal_site = pit.submaximal_site;
      if ("submaximal_fraction" in pit) cfg.submaximal_fraction = pit.submaximal_fraction;
      if ("martin_gruber" in pit) cfg.martin_gruber = pit.martin_gruber;
      return cfg;
    }
    function simulate(cfg) {
      var full = Object.assign(defaultConfig(cfg.nerve), cfg);
      if (!T.nerves[full.nerve]) throw new Error("nerve must be one of " + Object.keys(T.nerves).join(", ") + ", got " + full.nerve);
      return buildStudy(full, run(full));
    }
    return { table: T, simulate: simulate, hasPeople: hasPeople, run: run, presetConfig: presetConfig, defaultConfig: defaultConfig,
      checklist: checklist, verdictText: verdictText, segmentOutcome: segmentOutcome, outcomeKey: outcomeKey,
      format: { fixed: fixed, pct: pct, g: g, round: pyRound },
      internal: { arrivals: arrivals, person: person, temperatureFactors: temperatureFactors, measure: measure } };
  }

  root.MMNConduction = { create: create };
})(typeof window !== "undefined" ? window : globalThis);
