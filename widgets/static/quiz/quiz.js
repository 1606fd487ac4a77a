/*
 * MMN course quiz renderer: one small dependency-free script for every quiz of a page (book and JupyterLab).
 *
 * Markup: widgets/quiz/render.py (questions, answer key), widgets/quiz/review.py (progress and review panels).
 *   - Choosing an option never answers: arrow keys and Tab browse; the "Check answer" button answers.
 *   - The FIRST answer to a question is its score; after a wrong answer the student may try again or show
 *     the answer (for learning); the first-attempt score stays.
 *   - Progress is course-wide, in localStorage under one key (STORE), per question id (ids are unique across
 *     the bank), with chapter, objective and Bloom level, so a dashboard can sum it per chapter and objective;
 *     it can be exported to a JSON file and imported again; resets ask for confirmation.
 *   - Spaced retrieval: a wrong first answer schedules the question for review (Leitner boxes) and keeps a
 *     copy of its markup (no figure) with its record; the review panel (any page) rebuilds due questions from
 *     those copies, so no page carries the whole bank, and reschedules them.
 *   - A quiz block with data-reveals="<id>" keeps that element hidden on screen until one of its questions has
 *     been answered (decision points of the cases); print and no-script show everything.
 * Idempotent: loading it twice defines it once; blocks added later are picked up by a MutationObserver.
 * No shuffling: option order is the author's, stable for tests and screen-reader users.
 *
 * Kept in parts: the files named on the `// @parts` line below, beside this frame, in order;
 * widgets.assets.bundle joins them into the one script a page loads.
 */
(function () {
  "use strict";
  if (window.MMNQuiz && window.MMNQuiz.version) {
    window.MMNQuiz.scan();
    return;
  }

  // @parts store.js question.js answer.js score.js cases.js progress.js review.js scan.js
})();
