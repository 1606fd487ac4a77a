// A seed is a person: the exported people of a nerve (unit pools decoded from the table) and their distances.
// Part of the browser conduction model: mmn_book.model_tables joins js/conduction/*.js (in CONDUCTION_PARTS order)
// into the one served script conduction-model.js. Python reference: widgets.conduction.person and widgets.conduction.pool.
(function (root) {
  "use strict";
  root.MMNConductionParts = root.MMNConductionParts || {};
  var parts = root.MMNConductionParts;

  parts.people = function (T, M) {
    var poolCache = {}, nerveCache = {};
    var f32 = M.f32, u16 = M.u16;
    function decodePool(raw, nSeg, motor) {
      var n = raw.n, cs = T.compare_steps;
      var cmp = function (q) { return Float64Array.from(q, function (v) { return (v + 0.5) / cs; }); };
      var ub = u16(raw.u_block), ud = f32(raw.u_disp);
      var pool = {
        n: n, cv: f32(raw.cv), size: f32(raw.size), u_block: [], u_disp: [],
        u_loss: cmp(u16(raw.u_loss)),
        nmj: motor ? f32(raw.nmj) : new Float64Array(n),
      };
      for (var k = 0; k < nSeg; k++) {
        pool.u_block.push(cmp(ub.subarray(k * n, (k + 1) * n)));
        pool.u_disp.push(ud.slice(k * n, (k + 1) * n));
      }
      if (motor) {
        pool.u_cross = cmp(u16(raw.u_cross));
        pool.threshold = Float64Array.from(u16(raw.rank), function (r) { return (r + 0.5) / n; });
      }
      var s = 0;
      for (var i = 0; i < n; i++) s += pool.size[i];
      pool.size_sum = s;
      return pool;
    }
    function person(nerveName, seed) {
      var key = nerveName + "/" + seed;
      if (!poolCache[key]) {
        var nerve = T.nerves[nerveName], people = peopleOf(nerveName);
        if (!people) throw new Error("the people of the " + nerveName + " nerve are not loaded yet");
        var who = people.find(function (p) { return p.seed === seed; });
        if (!who) throw new Error("seed must be one of " + JSON.stringify(T.seeds) + ", got " + seed);
        var nSeg = nerve.segments.length;
        poolCache[key] = { who: who, motor: decodePool(who.motor, nSeg, true),
          sensory: decodePool(who.sensory, nSeg, false) };
      }
      return poolCache[key];
    }

    // the exported people of a nerve: in the table itself, or loaded later from its own script (the book)
    function peopleOf(nerveName) {
      var n = T.nerves[nerveName];
      if (n && n.people) return n.people;
      return (root.MMN_NCS_PEOPLE || {})[nerveName] || null;
    }
    function hasPeople(nerveName) { return !!peopleOf(nerveName); }

    // the nerve as studied in the person of cfg.seed (their height scales the distances between sites)
    function personNerve(cfg) {
      var key = cfg.nerve + "/" + cfg.seed;
      if (!nerveCache[key]) {
        var nerve = T.nerves[cfg.nerve], who = person(cfg.nerve, cfg.seed).who, dist = who.distances_mm;
        nerveCache[key] = Object.assign({}, nerve, { sites: nerve.sites.map(function (s, k) {
          return Object.assign({}, s, { distance_mm: dist ? dist[k] : s.distance_mm });
        }) });
      }
      return nerveCache[key];
    }
    return {
      decodePool: decodePool, person: person, peopleOf: peopleOf, hasPeople: hasPeople, personNerve: personNerve
    };
  };
})(typeof window !== "undefined" ? window : globalThis);
