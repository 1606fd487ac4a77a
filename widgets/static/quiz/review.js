// Part of quiz.js: spaced review rounds of the questions that are due.
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, quiz.js)
// -- spaced review ------------------------------------------------------------------------------------
function dueIds() {
  var items = readStore().items;
  var t = now();
  var due = [];
  var later = 0;
  Object.keys(items).forEach(function (qid) {
    var rec = items[qid];
    if (!rec || rec.due === undefined || typeof rec.html !== "string") return;
    if (rec.due <= t) due.push([rec.due, qid]);
    else later += 1;
  });
  due.sort(function (a, b) { return a[0] - b[0]; });
  return { due: due.map(function (d) { return d[1]; }), later: later };
}

function renderReviewStatus() {
  Array.prototype.forEach.call(document.querySelectorAll(".mmn-quiz-review[" + READY + "]"), function (panel) {
    var d = dueIds();
    var text = d.due.length
      ? d.due.length + " question" + (d.due.length === 1 ? " is" : "s are") + " due for review"
      : "No question is due for review now";
    text += d.later ? " (" + d.later + " more later)." : ".";
    panel.querySelector(".mmn-quiz-review__due").textContent = text;
    panel.querySelector(".mmn-quiz-review__start").hidden = !d.due.length;
  });
}

function startRound(panel) {
  var size = parseInt(panel.getAttribute("data-round-size"), 10) || 10;
  var ids = dueIds().due.slice(0, size);
  var round = panel.querySelector(".mmn-quiz-review__round");
  round.textContent = "";
  var items = readStore().items;
  ids.forEach(function (qid, k) {
    var holder = document.createElement("template");
    holder.innerHTML = items[qid].html;
    var section = holder.content.querySelector("section.mmn-quiz__question");
    if (!section) return;
    section.setAttribute("data-review", "1");
    section.id = "mmnq-review-" + qid;
    Array.prototype.forEach.call(section.querySelectorAll("input"), function (input) {
      input.name = "mmnq-review-" + qid + "-answer";
    });
    var number = section.querySelector(".mmn-quiz__number");
    if (number) number.textContent = "Review question " + (k + 1) + " of " + ids.length + ".";
    round.appendChild(section);
  });
  scan();
  var first = round.querySelector("input");
  if (first) first.focus();
}

function initReview(panel) {
  var start = panel.querySelector(".mmn-quiz-review__start");
  start.addEventListener("click", function () {
    startRound(panel);
  });
}
