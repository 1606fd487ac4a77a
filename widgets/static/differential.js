/* Differential diagnosis explorer of the MMN course (kernel-free view).
 *
 * Initialises every element with the class "mmn-differential": reads the rule
 * table that Python embedded as JSON in <script class="mmn-ddx-data">, and
 * re-evaluates it whenever a finding (a native radio group) changes. The rules
 * have one source, widgets/differential/findings.py; this file only applies
 * them, exactly as widgets/differential/model.py does (with the MMN categories
 * of widgets/differential/categories.py), and renders the result list with the
 * same markup as widgets/differential/views.py.
 *
 * Idempotent: loading it twice (book page + inline copy in JupyterLab) defines
 * it once, and each explorer is initialised once.
 */
(function () {
  "use strict";
  if (window.mmnDifferential) {
    window.mmnDifferential.initAll();
    return;
  }

  var SYMBOLS = { compatible: "\u2713", argues_against: "\u25BC", excludes: "\u2715" };

  /* Same as widgets.differential.categories.mmn_category: the first rule that holds, else the fallback. */
  function category(table, findings) {
    var cats = table.categories;
    var rule = cats.rules.filter(function (r) {
      return Object.keys(r.when).every(function (k) { return r.when[k].indexOf(findings[k]) >= 0; });
    })[0] || cats.fallback;
    return { key: rule.category, label: cats.labels[rule.category], text: rule.text, cites: rule.cites };
  }

  /* Same as widgets.differential.categories.summary_sentence. */
  function categorySentence(table, cat) {
    if (table.categories.diagnostic.indexOf(cat.key) >= 0) {
      return "By the EFNS/PNS 2010 criteria: " + cat.label + ".";
    }
    if (cat.key === "no_block") return "No block found: MMN is not excluded.";
    return "";
  }

  /* Same as widgets.differential.model.evaluation_json. */
  function evaluate(table, findings) {
    var rank = {};
    table.levels.forEach(function (level, i) { rank[level] = i; });
    var out = {};
    table.diagnoses.forEach(function (d) {
      var applied = table.rules.filter(function (r) {
        if (r.diagnosis !== d.key) return false;
        return Object.keys(r.when).every(function (k) { return findings[k] === r.when[k]; });
      });
      // Array.prototype.sort is stable: table order is kept within a level.
      applied.sort(function (a, b) { return rank[b.level] - rank[a.level]; });
      out[d.key] = {
        level: applied.length ? applied[0].level : table.levels[0],
        reasons: applied.map(function (r) {
          return { when: r.when, level: r.level, text: r.text, cites: r.cites };
        }),
      };
      if (d.key === table.categories.diagnosis) out[d.key].category = category(table, findings);
    });
    return out;
  }

  function capitalize(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

  function findingByKey(table, key) {
    return table.findings.filter(function (f) { return f.key === key; })[0];
  }

  function whenText(table, when) {
    return Object.keys(when).map(function (fk) {
      var f = findingByKey(table, fk);
      var v = f.values.filter(function (x) { return x.key === when[fk]; })[0];
      return f.label.replace(/\?+$/, "") + ": " + v.label;
    }).join("; ") + ".";
  }

  function summaryText(table, verdicts) {
    var groups = {};
    table.levels.forEach(function (level) { groups[level] = []; });
    table.diagnoses.forEach(function (d) { groups[verdicts[d.key].level].push(d.short); });
    if (!groups.compatible.length && !groups.argues_against.length) {
      return "Every diagnosis in the list is excluded by these findings.";
    }
    var parts = [];
    table.levels.forEach(function (level) {
      if (groups[level].length) {
        parts.push(capitalize(table.level_labels[level]) + ": " + groups[level].join(", ") + ".");
      }
    });
    table.diagnoses.forEach(function (d) {
      var cat = verdicts[d.key].category;
      if (cat && categorySentence(table, cat)) parts.push(categorySentence(table, cat));
    });
    return parts.join(" ");
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function symbol(level) { return el("span", { "aria-hidden": "true" }, [SYMBOLS[level] + " "]); }

  function citeText(table, keys) {
    return "(" + keys.map(function (k) { return table.sources[k]; }).join("; ") + ")";
  }

  /* Same markup as widgets.differential.views.category_html. */
  function renderCategory(table, cat) {
    return el("p", { class: "mmn-ddx-category", "data-category": cat.key }, [
      el("span", { class: "mmn-ddx-catname" }, [table.categories.name + ":"]),
      " ",
      el("strong", {}, [cat.label]),
      ". " + cat.text + " ",
      el("cite", { class: "mmn-ddx-cite" }, [citeText(table, cat.cites)]),
    ]);
  }

  function renderList(table, verdicts) {
    var list = el("ul", { class: "mmn-ddx-list" });
    table.diagnoses.forEach(function (d) {
      var v = verdicts[d.key];
      var detail;
      if (v.reasons.length) {
        detail = el("ul", { class: "mmn-ddx-reasons" }, v.reasons.map(function (r) {
          var cite = citeText(table, r.cites);
          return el("li", { "data-level": r.level }, [
            el("span", { class: "mmn-ddx-tag" }, [symbol(r.level), table.rule_labels[r.level]]),
            " ",
            el("span", { class: "mmn-ddx-when" }, [whenText(table, r.when)]),
            " " + r.text + " ",
            el("cite", { class: "mmn-ddx-cite" }, [cite]),
          ]);
        }));
      } else {
        detail = el("p", { class: "mmn-ddx-none" }, ["No rule applies to the findings set so far."]);
      }
      var children = [
        el("p", { class: "mmn-ddx-head" }, [
          el("span", { class: "mmn-ddx-name" }, [d.label]),
          " ",
          el("span", { class: "mmn-ddx-badge" }, [symbol(v.level), table.level_labels[v.level]]),
        ]),
      ];
      if (v.category) children.push(renderCategory(table, v.category));
      children.push(detail);
      list.appendChild(el("li", { class: "mmn-ddx-dx", "data-diagnosis": d.key, "data-level": v.level }, children));
    });
    return list;
  }

  function currentFindings(root, table) {
    var findings = {};
    table.findings.forEach(function (f) {
      var checked = root.querySelector(
        'fieldset[data-finding="' + f.key + '"] input[type="radio"]:checked'
      );
      findings[f.key] = checked ? checked.value : table.unknown;
    });
    return findings;
  }

  function update(root, table) {
    var verdicts = evaluate(table, currentFindings(root, table));
    var results = root.querySelector(".mmn-ddx-results");
    var summary = root.querySelector(".mmn-ddx-summary");
    var text = summaryText(table, verdicts);
    // Keep the live region element itself and change only its text, so it is announced.
    if (summary.textContent !== text) summary.textContent = text;
    var old = results.querySelector(".mmn-ddx-list");
    results.replaceChild(renderList(table, verdicts), old);
    return verdicts;
  }

  function init(root) {
    if (root.getAttribute("data-mmn-ready") === "1") return;
    // An explorer carries the rule table, or uses the page's copy (the book embeds it once per page).
    var data = root.querySelector("script.mmn-ddx-data") || document.querySelector("script.mmn-ddx-data");
    var form = root.querySelector("form.mmn-ddx-form");
    if (!data || !form) return;
    var table = JSON.parse(data.textContent);
    root.mmnTable = table;
    form.addEventListener("change", function () { update(root, table); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    // A reset restores the preset findings after the event: update on the next tick.
    form.addEventListener("reset", function () { window.setTimeout(function () { update(root, table); }, 0); });
    root.setAttribute("data-mmn-ready", "1");
    update(root, table);
  }

  function initAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".mmn-differential"), init);
  }

  window.mmnDifferential = {
    evaluate: evaluate,
    summaryText: summaryText,
    init: init,
    initAll: initAll,
    update: update,
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
