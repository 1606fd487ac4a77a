// Part of quiz.js: the page's score and the confirmed reset of its footer.
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, quiz.js)
// -- scores -------------------------------------------------------------------------------------------
/** Score of the page: distinct questions (review rounds excluded) and their first attempts. */
function score() {
  questions = questions.filter(connected);
  var seen = {};
  var s = { total: 0, answered: 0, right: 0 };
  var items = readStore().items;
  questions.forEach(function (q) {
    if (q.review || seen[q.id]) return;
    seen[q.id] = true;
    s.total += 1;
    var rec = items[q.id];
    if (rec && rec.first !== undefined) {
      s.answered += 1;
      if (rec.first) s.right += 1;
    }
  });
  return s;
}

function updateScores() {
  var s = score();
  var text = s.right + " of " + s.total + " correct at the first attempt on this page (" + s.answered + " answered)";
  Array.prototype.forEach.call(document.querySelectorAll(".mmn-quiz__score-text"), function (node) {
    node.textContent = text;
  });
  renderProgress();
  renderReviewStatus();
  return s;
}

// -- confirmation before a reset ------------------------------------------------------------------------
function confirmable(button, box, onYes) {
  var yes = box.querySelector(".mmn-quiz__confirm-yes");
  var no = box.querySelector(".mmn-quiz__confirm-no");
  function close(focusBack) {
    box.hidden = true;
    button.setAttribute("aria-expanded", "false");
    if (focusBack) button.focus();
  }
  button.addEventListener("click", function () {
    box.hidden = false;
    button.setAttribute("aria-expanded", "true");
    no.focus(); // the safe choice has the focus
  });
  no.addEventListener("click", function () {
    close(true);
  });
  yes.addEventListener("click", function () {
    close(true);
    onYes();
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close(true);
  });
}

function resetPage(statusNode) {
  var live = questions.filter(connected).filter(function (q) { return !q.review; });
  var data = readStore();
  live.forEach(function (q) {
    delete data.items[q.id];
  });
  writeStore(data);
  live.forEach(resetQuestion);
  lockAll();
  updateScores();
  if (statusNode) statusNode.textContent = "Your answers on this page were deleted.";
}

/** The confirmation a reset asks for, after its button (focus goes to Cancel, the safe choice). */
function confirmBox(after, question, yesText) {
  var box = el("div", "mmn-quiz__confirm");
  box.hidden = true;
  box.appendChild(el("p", null, question));
  box.appendChild(button("mmn-quiz__confirm-yes", yesText));
  box.appendChild(document.createTextNode(" "));
  box.appendChild(button("mmn-quiz__confirm-no", "Cancel"));
  after.parentNode.insertBefore(box, after.nextSibling);
  return box;
}

function initFooter(footer) {
  footer.setAttribute(READY, VERSION);
  footer.hidden = false;
  var reset = footer.querySelector(".mmn-quiz__reset");
  var box = footer.querySelector(".mmn-quiz__confirm") ||
    (reset && confirmBox(reset, "Delete your answers to the questions on this page? This cannot be undone.", "Yes, delete my answers"));
  var status = footer.querySelector(".mmn-quiz__status");
  if (reset && box) {
    confirmable(reset, box, function () {
      resetPage(status);
    });
  }
}
