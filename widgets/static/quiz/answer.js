// Part of quiz.js: answering a question (Check answer, Show the answer, reset), the review
// schedule it sets, and setting a question up from its markup and the stored record.
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, quiz.js)
function chosenIndices(q) {
  var out = [];
  q.inputs.forEach(function (input, i) {
    if (input.checked) out.push(i);
  });
  return out;
}

/** Schedule a question for spaced review after an answer (`right`) given at time `t`. */
function schedule(rec, right, t) {
  if (right) {
    if (rec.box === undefined) return; // never wrong: not in the review queue
    rec.box += 1;
    if (rec.box >= INTERVALS.length) {
      delete rec.box;
      delete rec.due;
      rec.learned = t;
    } else {
      rec.due = t + INTERVALS[rec.box];
    }
  } else {
    rec.box = 0;
    rec.due = t + INTERVALS[0];
  }
}

/** The student presses "Check answer". */
function submit(q) {
  var chosen = chosenIndices(q);
  if (!chosen.length) {
    resetFeedback(q, "is-prompt");
    q.feedback.appendChild(
      el("p", "mmn-quiz__lead", "Select " + (q.multiple ? "at least one option" : "an option") + ", then press \u201CCheck answer\u201D.")
    );
    return;
  }
  var right = isRight(q, chosen);
  var t = now();
  var firstTime = false;
  updateRecord(q.id, function (rec) {
    rec.c = q.chapter;
    rec.o = q.objective;
    if (q.bloom) rec.b = q.bloom;
    if (rec.first === undefined) {
      rec.first = right;
      rec.fc = chosen;
      rec.at = t;
      firstTime = true;
      schedule(rec, right, t);
    } else if (q.review && !q.reviewed) {
      q.reviewed = true; // the first answer of this review round reschedules the question
      rec.reviews = (rec.reviews || 0) + 1;
      schedule(rec, right, t);
    }
    rec.last = right;
    rec.lc = chosen;
    if (right) rec.shown = true;
    if (rec.box !== undefined && q.snapshot) rec.html = q.snapshot;
    if (rec.box === undefined) delete rec.html;
  });
  showFeedback(q, chosen, false);
  if (firstTime || q.review) revealSteps(q.section);
  updateScores();
}

function showAnswer(q) {
  updateRecord(q.id, function (rec) {
    rec.shown = true;
    if (rec.first === undefined) {
      // Showing the answer before answering counts as a wrong first attempt.
      var t = now();
      rec.c = q.chapter;
      rec.o = q.objective;
      rec.first = false;
      rec.fc = [];
      rec.at = t;
      schedule(rec, false, t);
      if (q.snapshot) rec.html = q.snapshot;
    }
  });
  showFeedback(q, chosenIndices(q), true);
  if (q.feedback.focus) {
    q.feedback.setAttribute("tabindex", "-1");
    q.feedback.focus();
  }
  revealSteps(q.section);
  updateScores();
}

function resetQuestion(q) {
  q.inputs.forEach(function (input) {
    input.checked = false;
  });
  clearMarks(q);
  resetFeedback(q, null);
  if (q.show) q.show.hidden = true;
  q.reviewed = false;
}

var questions = []; // every initialised question of the page

function restore(q) {
  if (q.review) return; // a review round starts afresh
  var rec = record(q.id);
  if (!rec || rec.first === undefined) return;
  var chosen = (rec.lc || []).filter(function (i) {
    return typeof i === "number" && i >= 0 && i < q.inputs.length;
  });
  chosen.forEach(function (i) {
    q.inputs[i].checked = true;
  });
  if (chosen.length) showFeedback(q, q.multiple ? chosen : [chosen[0]], !!rec.shown);
  else if (rec.shown) showFeedback(q, [], true);
}

/**
 * The question's markup as the page served it, for the review panel on another page: without figures
 * (their tables are the text alternative) or scripts. Stored only for questions in the review queue.
 */
function snapshot(section) {
  var copy = section.cloneNode(true);
  copy.removeAttribute(READY);
  Array.prototype.forEach.call(copy.querySelectorAll("script, .mmn-quiz__trace > :not(.mmn-quiz__table):not(figcaption)"), function (node) {
    node.parentNode.removeChild(node);
  });
  return copy.outerHTML;
}

function initQuestion(section) {
  var pristine = section.hasAttribute("data-review") ? null : snapshot(section);
  addActions(section);
  var q = readQuestion(section);
  q.section = section;
  if (!q.id || !q.feedback || q.inputs.length !== q.options.length || !q.check) return;
  q.snapshot = pristine;
  questions.push(q);
  if (pristine) {
    var rec = record(q.id);
    if (rec && rec.html && rec.html !== pristine) {
      updateRecord(q.id, function (r) {
        r.html = pristine; // the page's current wording replaces an older copy
      });
    }
  }
  var key = section.querySelector(".mmn-quiz__key");
  if (key) key.hidden = true; // the script gives the feedback now
  q.check.hidden = false;
  q.check.addEventListener("click", function () {
    submit(q);
  });
  if (q.show) {
    q.show.addEventListener("click", function () {
      showAnswer(q);
    });
  }
  q.inputs.forEach(function (input) {
    input.addEventListener("change", function () {
      clearMarks(q); // the marks described the previous choice; choosing does not answer
    });
  });
  restore(q);
}

function connected(q) {
  return document.documentElement.contains(q.section);
}
