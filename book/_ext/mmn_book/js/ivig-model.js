/* The IVIg model of the MMN course in the browser: a line-by-line port of widgets.ivig (the reference).
 *
 * Every number comes from the table the book exports from Python at build time (window.MMN_IVIG_TABLE,
 * written by mmn_book.ivig_tables); nothing here is a model constant. Python modules mirrored:
 *   explorer_state.py  the explorer's state -> regimen and patient
 *   regimens.py        phases, doses, labels
 *   pharmacokinetics.py  serum IgG: production, FcRn-saturable catabolism, exchange, SCIg depot
 *                      (the same fixed-step Strang splitting with exact exponentials)
 *   response.py        effect delay, block relief, axon loss, strength, wear-off
 *   course.py          simulate() and Course.summary()
 * tests/browser/test_ivig_parity.py checks the two agree on >= 1,000 random states.
 */
(function (root) {
  "use strict";

  // ------------------------------------------------------------------ number formatting (as Python's)
  /** Python's format(x, "g"): six significant digits, no trailing zeros. */
  function fmtG(x) {
    return String(Number(x.toPrecision(6)));
  }

  /** Python's format(x, ",.0f"): nearest whole number (exact halves to even), thousands separated by commas.
   * Callers round to micrograms first (static.grams_text), so a sum's last bit cannot flip a half. */
  function fmtGrams(x) {
    var r = Math.round(x);
    if (Math.abs(x - Math.trunc(x)) === 0.5) r = 2 * Math.round(x / 2);
    return String(r).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  // ------------------------------------------------------------------ regimens (regimens.py)
  function phaseLabel(p) {
    if (p.kind === "induction") return "induction " + fmtG(p.total) + " g/kg over " + p.days + " days";
    if (p.kind === "maintenance") return "IVIg " + fmtG(p.dose) + " g/kg every " + fmtG(p.everyDays / 7) + " weeks";
    if (p.kind === "scig") return "SCIg " + fmtG(p.weekly) + " g/kg weekly";
    return "no treatment";
  }

  function regimenLabel(phases) {
    var parts = [phaseLabel(phases[0][1])];
    for (var i = 1; i < phases.length; i++) parts.push("from week " + fmtG(phases[i][0] / 7) + " " + phaseLabel(phases[i][1]));
    return parts.join(", then ");
  }

  function phaseDoses(p, start, end, out) {
    var d, first;
    if (p.kind === "induction") {
      for (d = start; d < Math.min(start + p.days, end); d++) out.push({ day: d, gPerKg: p.total / p.days, route: "iv" });
    } else if (p.kind === "maintenance") {
      for (first = start; first < end; first += p.everyDays) {
        for (d = first; d < Math.min(first + p.infusionDays, end); d++) {
          out.push({ day: d, gPerKg: p.dose / p.infusionDays, route: "iv" });
        }
      }
    } else if (p.kind === "scig") {
      for (d = start; d < end; d += 7) out.push({ day: d, gPerKg: p.weekly, route: "sc" });
    }
  }

  function regimenDoses(phases, nDays) {
    var out = [];
    for (var i = 0; i < phases.length; i++) {
      var end = i + 1 < phases.length ? phases[i + 1][0] : nDays;
      phaseDoses(phases[i][1], phases[i][0], Math.min(end, nDays), out);
    }
    return out;
  }

  // ------------------------------------------------------------------ the explorer's state (explorer_state.py)
  function weeksShown(state) {
    return 52 * state.years;
  }

  function stops(table, state) {
    var from = table.regimens.maintenance_from_week;
    return state.route !== "none" && state.stop_week > 0 && from < state.stop_week && state.stop_week <= weeksShown(state);
  }

  function noteKey(table, state) {
    if (state.route === "none") return state.induction ? "induction" : "none";
    return stops(table, state) ? "stopped" : state.route;
  }

  /** The regimen of a state: [[startDay, phase], ...] as Regimen.phases. */
  function regimen(table, state) {
    var r = table.regimens;
    var maintain = null;
    if (state.route === "iv") {
      var needed = Math.ceil(state.dose_g_per_kg / r.daily_g_per_kg - 1e-9);
      maintain = { kind: "maintenance", dose: state.dose_g_per_kg, everyDays: Math.round(7 * state.every_weeks), infusionDays: needed };
    } else if (state.route === "sc") {
      maintain = { kind: "scig", weekly: state.scig_weekly_g_per_kg };
    }
    var phases;
    if (state.induction) {
      phases = [[0, { kind: "induction", total: r.induction.total_g_per_kg, days: r.induction.days }]];
      if (maintain) phases.push([Math.round(7 * r.maintenance_from_week), maintain]);
    } else {
      phases = [[0, maintain || { kind: "none" }]];
    }
    if (stops(table, state)) phases.push([Math.round(7 * state.stop_week), { kind: "none" }]);
    return phases;
  }

  /** The chosen person with the explorer's four traits applied (ExplorerState.patient). */
  function patient(table, state) {
    var p = Object.assign({}, table.people[state.person]);
    ["weight_kg", "baseline_igg_g_l", "responder", "disease_years"].forEach(function (k) {
      if (state[k] !== null && state[k] !== undefined) p[k] = state[k];
    });
    p.max_relief = table.response.max_relief[p.responder];
    return p;
  }

  // ------------------------------------------------------------------ serum IgG (pharmacokinetics.py)
  function salvaged(pk, c, sat) {
    var x = sat / c;
    var m = pk.fcrn_sharpness;
    return (pk.fcrn_max_salvage * x) / (1.0 + x ** m) ** (1.0 / m);
  }

  function kinetics(pk, p) {
    var volume = pk.intravascular_l_per_kg * p.weight_kg;
    var kept = 1.0 - salvaged(pk, p.baseline_igg_g_l, p.fcrn_saturation_g_l);
    return {
      volume: volume,
      baseline: p.baseline_igg_g_l,
      uptake: p.uptake_per_day,
      production: p.uptake_per_day * kept * volume * p.baseline_igg_g_l,
      saturation: p.fcrn_saturation_g_l,
    };
  }

  /** Serum IgG (g/L) at the end of every step, given grams infused (iv) or injected (sc) in each step. */
  function serumIgg(pk, kin, iv, sc) {
    var dt = pk.step_days;
    var half = 0.5 * dt;
    var vol = kin.volume;
    var a = kin.uptake;
    var prod = kin.production;
    var sat = kin.saturation;
    var ratio = pk.extravascular_ratio;
    var kSum = pk.exchange_per_day;
    var kOut = (kSum * ratio) / (1.0 + ratio);
    var kIn = kSum / (1.0 + ratio);
    var e = Math.exp(-kSum * dt);
    var m11 = (kIn + kOut * e) / kSum;
    var m12 = (kIn * (1.0 - e)) / kSum;
    var m21 = (kOut * (1.0 - e)) / kSum;
    var m22 = (kOut + kIn * e) / kSum;
    var bio = pk.scig_bioavailability;
    var stay = Math.exp(-pk.scig_absorption_per_day * dt);
    var n = iv.length;
    var out = new Float64Array(n + 1);
    var aC = vol * kin.baseline;
    var aE = ratio * aC;
    var depot = 0.0;
    var k, eq, next;
    out[0] = kin.baseline;
    for (var i = 0; i < n; i++) {
      var rateIn = prod + iv[i] / dt;
      if (sc[i] !== 0 || depot !== 0) {
        depot += sc[i];
        var absorbed = depot * (1.0 - stay);
        depot -= absorbed;
        rateIn += (bio * absorbed) / dt;
      }
      k = a * (1.0 - salvaged(pk, aC / vol, sat));
      eq = rateIn / k;
      aC = eq + (aC - eq) * Math.exp(-k * half);
      next = m11 * aC + m12 * aE;
      aE = m21 * aC + m22 * aE;
      aC = next;
      k = a * (1.0 - salvaged(pk, aC / vol, sat));
      eq = rateIn / k;
      aC = eq + (aC - eq) * Math.exp(-k * half);
      out[i + 1] = aC / vol;
    }
    return out;
  }

  // ------------------------------------------------------------------ response.py and course.py
  /** Simulate one state: daily IgG, strength, untreated strength, relief, worn-off days, doses and summary. */
  function simulate(table, state) {
    var pk = table.pk;
    var rsp = table.response;
    var p = patient(table, state);
    var phases = regimen(table, state);
    var weeks = weeksShown(state);
    var nDays = Math.round(7 * weeks);
    var perDay = Math.round(1.0 / pk.step_days);
    var nSteps = nDays * perDay;
    var dt = pk.step_days;

    var doses = regimenDoses(phases, nDays);
    var iv = new Float64Array(nSteps);
    var sc = new Float64Array(nSteps);
    var grams = 0.0;
    var infusions = doses.map(function (d) {
      var g = d.gPerKg * p.weight_kg;
      if (d.route === "iv") iv[d.day * perDay] += g;
      else sc[d.day * perDay] += g;
      grams += g;
      return { day: d.day, grams: g, route: d.route };
    });

    var igg = serumIgg(pk, kinetics(pk, p), iv, sc);
    var n = igg.length;
    var q = Math.exp(-rsp.effect_delay_per_day * dt);
    var b0 = 1.0 - q;
    var hill = rsp.hill;
    var lossPerDay = rsp.axon_loss_per_year / rsp.days_per_year;
    var axonsBefore = -rsp.axon_loss_per_year * p.disease_years;
    var block = p.conduction_block;
    var maxRelief = p.max_relief;
    var nOut = nDays + 1;
    var out = {
      iggGL: new Float64Array(nOut),
      strengthPct: new Float64Array(nOut),
      untreatedPct: new Float64Array(nOut),
      relief: new Float64Array(nOut),
      wornOff: new Uint8Array(nOut),
    };
    var ce = 0.0;
    var lost = 0.0;
    var lostUntreated = 0.0;
    var untreatedRate = lossPerDay * (1.0 - rsp.axon_protection * 0.0);
    var wornThreshold = rsp.wear_off_fraction * maxRelief;
    var seenAbove = false;
    for (var i = 0; i < n; i++) {
      var excess = Math.max(igg[i] - p.baseline_igg_g_l, 0.0);
      ce = i === 0 ? b0 * excess : b0 * excess + q * ce;
      var r = (ce / p.response_threshold_g_l) ** hill;
      var relief = (maxRelief * r) / (1.0 + r);
      if (i > 0) {
        lost += lossPerDay * (1.0 - rsp.axon_protection * relief) * dt;
        lostUntreated += untreatedRate * dt;
      }
      if (i % perDay === 0) {
        var j = i / perDay;
        var axons = Math.exp(axonsBefore - lost);
        out.iggGL[j] = igg[i];
        out.relief[j] = relief;
        out.strengthPct[j] = 100.0 * axons * (1.0 - block * (1.0 - relief));
        out.untreatedPct[j] = 100.0 * Math.exp(axonsBefore - lostUntreated) * (1.0 - block * (1.0 - 0.0));
        if (maxRelief > 0.0) {
          var above = relief >= wornThreshold;
          if (above) seenAbove = true;
          out.wornOff[j] = !above && seenAbove ? 1 : 0;
        }
      }
    }

    // cycles: a run of consecutive dose days starts one (course.py _cycle_starts)
    var days = Array.from(new Set(infusions.map(function (d) { return d.day; }))).sort(function (x, y) { return x - y; });
    var starts = days.filter(function (d, k) { return k === 0 || d - days[k - 1] > 1; });
    var wearOffDays = starts.map(function (s, k) {
      var end = k + 1 < starts.length ? starts[k + 1] : nOut;
      var count = 0;
      for (var t = s; t < end; t++) count += out.wornOff[t];
      return count;
    });

    var shownWeeks = (nOut - 1) / 7.0;
    var gramsPerYear = grams / ((shownWeeks * 7.0) / rsp.days_per_year);
    var label = regimenLabel(phases);
    return Object.assign(out, {
      patient: p,
      phases: phases,
      label: label,
      title: label.charAt(0).toUpperCase() + label.slice(1),
      gramsText: "about " + fmtGrams(Math.round(grams * 1e6) / 1e6) + " g in " + fmtG(shownWeeks) + " weeks",
      noteKey: noteKey(table, state),
      nDays: nDays,
      weeks: shownWeeks,
      infusions: infusions,
      grams: grams,
      gramsPerYear: gramsPerYear,
      cycleStartDays: starts,
      wearOffDays: wearOffDays,
      summary: summary(out, starts, wearOffDays, gramsPerYear),
    });
  }

  /** Course.summary() without its rounding: the second half of the course. */
  function summary(out, starts, wearOffDays, gramsPerYear) {
    var n = out.iggGL.length;
    var half = Math.floor(n / 2);
    var s = { grams_per_year: gramsPerYear };
    var iggSum = 0, iggMax = -Infinity, iggMin = Infinity, sSum = 0, sMax = -Infinity, sMin = Infinity, worn = 0;
    for (var i = half; i < n; i++) {
      var g = out.iggGL[i];
      var st = out.strengthPct[i];
      iggSum += g;
      if (g > iggMax) iggMax = g;
      if (g < iggMin) iggMin = g;
      sSum += st;
      if (st > sMax) sMax = st;
      if (st < sMin) sMin = st;
      worn += out.wornOff[i];
    }
    var late = [];
    starts.forEach(function (d, k) { if (d >= half) late.push(wearOffDays[k]); });
    s.igg_mean_g_l = iggSum / (n - half);
    s.igg_peak_g_l = iggMax;
    s.igg_trough_g_l = iggMin;
    s.strength_mean_pct = sSum / (n - half);
    s.strength_swing_pct = sMax - sMin;
    s.worn_off_days = worn;
    s.worn_off_days_per_cycle = late.length ? late.reduce(function (a, b) { return a + b; }, 0) / late.length : 0.0;
    return s;
  }

  root.MMNIvigModel = {
    simulate: simulate,
    regimen: regimen,
    regimenLabel: regimenLabel,
    patient: patient,
    noteKey: noteKey,
    fmtG: fmtG,
    fmtGrams: fmtGrams,
  };
})(typeof window !== "undefined" ? window : globalThis);
