// Part of quiz.js: finding the quiz blocks of the page (also those added later) and the
// window.MMNQuiz interface.
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, quiz.js)
// -- scanning ----------------------------------------------------------------------------------------
/**
 * Initialise every question, footer and panel of the document not yet initialised, then mark their
 * blocks. Questions and footers are marked one by one, so a block that was still being parsed (or is
 * streamed in piece by piece) is completed by a later scan.
 */
function scan() {
  var fresh = document.querySelectorAll(".mmn-quiz .mmn-quiz__question:not([" + READY + "])");
  Array.prototype.forEach.call(fresh, function (section) {
    section.setAttribute(READY, VERSION);
    initQuestion(section);
  });
  var footers = document.querySelectorAll(".mmn-quiz .mmn-quiz__footer:not([" + READY + "])");
  Array.prototype.forEach.call(footers, initFooter);
  var progress = document.querySelectorAll(".mmn-quiz-progress:not([" + READY + "])");
  Array.prototype.forEach.call(progress, initProgress);
  var blocks = document.querySelectorAll(".mmn-quiz:not([" + READY + "])");
  Array.prototype.forEach.call(blocks, function (root) {
    root.setAttribute(READY, VERSION);
    if (root.classList.contains("mmn-quiz-review")) initReview(root);
  });
  if (document.querySelector(".mmn-quiz[data-reveals]") && (fresh.length || blocks.length)) lockAll();
  if (fresh.length || footers.length || blocks.length || progress.length) updateScores();
  return fresh.length;
}

var pending = null;
function scheduleScan() {
  if (pending) return;
  pending = window.setTimeout(function () {
    pending = null;
    // While the page is still being parsed, blocks may be incomplete: DOMContentLoaded will scan.
    if (document.readyState !== "loading") scan();
  }, 30);
}

window.MMNQuiz = {
  version: VERSION,
  storageKey: STORE,
  intervals: INTERVALS,
  clockOffset: 0, // milliseconds added to the clock (tests of the review schedule)
  scan: scan,
  score: function () {
    return updateScores();
  },
  progress: function () {
    return readStore();
  },
  reset: function () {
    resetPage(null);
  },
};

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", scan);
} else {
  scan();
}
if (window.MutationObserver) {
  new MutationObserver(function (mutations) {
    for (var i = 0; i < mutations.length; i++) {
      if (mutations[i].addedNodes.length) {
        scheduleScan();
        return;
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}
