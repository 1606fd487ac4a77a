// Records of the browser conduction model for the parity tests (mmn_book.conduction_parity): a function for
// page.evaluate taking a list of configurations and returning, for each, the same record as python_record.
(configs) => {
  if (!window.__mmnNcsModel) window.__mmnNcsModel = MMNConduction.create(window.MMN_NCS_TABLE);
  const model = window.__mmnNcsModel;
  const num = (x) => (typeof x === "number" && Number.isFinite(x) ? x : null);
  const SITE = ["latency_ms", "amplitude_mv", "area_mv_ms", "duration_ms", "peak_ms", "end_ms"];
  const site = (s) => Object.assign(Object.fromEntries(SITE.map((f) => [f, num(s[f])])), { note: s.note, label: s.label });
  const seg = (s) => {
    const b = s.block;
    return {
      cv_m_s: num(s.cv_m_s), amplitude_ratio: num(s.amplitude_ratio), area_ratio: num(s.area_ratio),
      duration_ratio: num(s.duration_ratio), area_reduction: num(b.area_reduction),
      duration_increase: num(b.duration_increase), distal_amplitude_mv: num(b.distal_amplitude_mv), grade: b.grade,
      criteria_grade: b.criteria_grade, excluded_by: b.excluded_by, rule: b.rule, reasons: b.reasons,
      gradable: b.gradable, outcome: model.outcomeKey(b),
    };
  };
  return configs.map((cfg) => {
    const c = cfg.preset ? model.presetConfig(cfg.nerve, cfg.preset, cfg.seed || 0) : cfg;
    let st;
    try {
      st = model.simulate(c);
    } catch (err) {
      return { error: String(err && err.stack || err) };
    }
    const sn = st.snap;
    return {
      n_samples: st.n_samples,
      sites: st.sites.map(site),
      checks: st.checks.map(site),
      segments: st.segments.map(seg),
      snap: {
        amplitude_uv: num(sn.amplitude_uv), latency_ms: num(sn.latency_ms), cv_m_s: num(sn.cv_m_s),
        area_uv_ms: num(sn.area_uv_ms), abnormal: sn.abnormal, reasons: sn.reasons,
        sites: sn.sites.map((s) => ({ latency_ms: num(s.latency_ms), amplitude_uv: num(s.amplitude_uv),
          area_uv_ms: num(s.area_uv_ms), duration_ms: num(s.duration_ms) })),
        segments: sn.segments.map((s) => ({ cv_m_s: num(s.cv_m_s), amplitude_ratio: num(s.amplitude_ratio),
          area_ratio: num(s.area_ratio), normal_area_ratio: num(s.normal_area_ratio), abnormal: s.abnormal })),
      },
      cidp: st.cidp.items.map((i) => ({ key: i.key, met: i.met, text: i.text })),
      axon: { present: st.axon_loss_pattern.present, reasons: st.axon_loss_pattern.reasons },
      findings: st.findings.map((f) => [f.kind, f.text]),
      pattern: st.pattern,
      interpretation: st.interpretation,
      verdict: model.verdictText(st),
      checklist: model.checklist(st).lines,
    };
  });
}
