// Part of quiz.js: the progress dashboard, its export and import.
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, quiz.js)
// -- progress dashboard --------------------------------------------------------------------------------
function pct(a, b) {
  return b ? Math.round((100 * a) / b) + "%" : "\u2013";
}

function table(caption, head, rows) {
  var t = el("table", "mmn-quiz-progress__table");
  t.appendChild(el("caption", null, caption));
  var thead = el("thead");
  var tr = el("tr");
  head.forEach(function (h) {
    var th = el("th", null, h);
    th.setAttribute("scope", "col");
    tr.appendChild(th);
  });
  thead.appendChild(tr);
  t.appendChild(thead);
  var tbody = el("tbody");
  rows.forEach(function (r) {
    var row = el("tr");
    r.forEach(function (cell, i) {
      var c = el(i === 0 ? "th" : "td", null, String(cell));
      if (i === 0) c.setAttribute("scope", "row");
      row.appendChild(c);
    });
    tbody.appendChild(row);
  });
  t.appendChild(tbody);
  return t;
}

function renderProgress() {
  var panels = document.querySelectorAll(".mmn-quiz-progress[" + READY + "]");
  if (!panels.length) return;
  var items = readStore().items;
  Array.prototype.forEach.call(panels, function (panel) {
    var catalogue = panel._catalogue || [];
    var byChapter = {};
    var byObjective = {};
    Object.keys(items).forEach(function (qid) {
      var rec = items[qid];
      if (!rec || rec.first === undefined) return;
      if (!byChapter[rec.c]) byChapter[rec.c] = { answered: 0, right: 0, due: 0 };
      var c = byChapter[rec.c];
      c.answered += 1;
      if (rec.first) c.right += 1;
      if (rec.due !== undefined && rec.due <= now()) c.due += 1;
      var key = rec.c + "|" + rec.o;
      if (!byObjective[key]) byObjective[key] = { answered: 0, right: 0 };
      var o = byObjective[key];
      o.answered += 1;
      if (rec.first) o.right += 1;
    });
    var chapterRows = [];
    var objectiveRows = [];
    var total = { n: 0, answered: 0, right: 0 };
    catalogue.forEach(function (ch) {
      var c = byChapter[ch.id] || { answered: 0, right: 0, due: 0 };
      total.n += ch.n;
      total.answered += c.answered;
      total.right += c.right;
      chapterRows.push([ch.title, c.answered + " of " + ch.n, c.right, pct(c.right, c.answered), c.due]);
      ch.objectives.forEach(function (ob) {
        var o = byObjective[ch.id + "|" + ob.text];
        if (o) objectiveRows.push([ob.text, ch.title, o.answered + " of " + ob.n, pct(o.right, o.answered)]);
      });
    });
    chapterRows.push(["Whole course", total.answered + " of " + total.n, total.right, pct(total.right, total.answered), ""]);
    var box = panel.querySelector(".mmn-quiz-progress__tables");
    box.textContent = "";
    box.appendChild(
      table("First-attempt scores by chapter", ["Chapter", "Answered", "Correct first time", "Score", "Due for review"], chapterRows)
    );
    if (objectiveRows.length) {
      box.appendChild(
        table("First-attempt scores by learning objective (objectives you have practised)", ["Objective", "Chapter", "Answered", "Score"], objectiveRows)
      );
    }
  });
}

function exportProgress(status) {
  var data = readStore();
  data.exported = new Date(now()).toISOString();
  var blob = new Blob([JSON.stringify(data, null, 1)], { type: "application/json" });
  var a = el("a");
  a.href = URL.createObjectURL(blob);
  a.download = "mmn-course-progress.json";
  document.body.appendChild(a);
  a.click();
  window.setTimeout(function () {
    URL.revokeObjectURL(a.href);
    a.parentNode.removeChild(a);
  }, 1000);
  status.textContent = "Progress exported for " + Object.keys(data.items).length + " questions (mmn-course-progress.json).";
}

/** Merge an exported file: a question's newer record (by its first-answer time) wins. */
function importProgress(text, status) {
  var data;
  try {
    data = JSON.parse(text);
  } catch {
    status.textContent = "This file is not a progress file of this course (it is not JSON).";
    return;
  }
  if (!data || typeof data.items !== "object" || data.version !== 2) {
    status.textContent = "This file is not a progress file of this course.";
    return;
  }
  var mine = readStore();
  var n = 0;
  Object.keys(data.items).forEach(function (qid) {
    var rec = data.items[qid];
    if (!rec || typeof rec !== "object" || typeof rec.first !== "boolean") return;
    var old = mine.items[qid];
    if (!old || old.first === undefined || (rec.at || 0) >= (old.at || 0)) {
      mine.items[qid] = rec;
      n += 1;
    }
  });
  writeStore(mine);
  questions.filter(connected).forEach(function (q) {
    resetQuestion(q);
    restore(q);
  });
  lockAll();
  updateScores();
  status.textContent = "Imported progress for " + n + " questions.";
}

function initProgress(panel) {
  panel.setAttribute(READY, VERSION);
  try {
    panel._catalogue = JSON.parse(panel.querySelector(".mmn-quiz-progress__data").textContent);
  } catch {
    panel._catalogue = [];
  }
  var status = panel.querySelector(".mmn-quiz__status");
  var actions = panel.querySelector(".mmn-quiz-progress__actions");
  actions.hidden = false;
  panel.querySelector(".mmn-quiz-progress__export").addEventListener("click", function () {
    exportProgress(status);
  });
  var input = panel.querySelector(".mmn-quiz-progress__import");
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      importProgress(String(reader.result), status);
      input.value = "";
    };
    reader.readAsText(file);
  });
  confirmable(
    panel.querySelector(".mmn-quiz-progress__reset"),
    panel.querySelector(".mmn-quiz-progress__confirm"),
    function () {
      writeStore({ version: 2, items: {} });
      questions.filter(connected).forEach(resetQuestion);
      lockAll();
      updateScores();
      status.textContent = "All progress in this course was deleted.";
    }
  );
}
