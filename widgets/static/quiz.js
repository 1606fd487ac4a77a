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
 */
(function () {
  "use strict";
  if (window.MMNQuiz && window.MMNQuiz.version) {
    window.MMNQuiz.scan();
    return;
  }

  var VERSION = "2";
  var STORE = "mmn-quiz/v2";
  var READY = "data-mmn-quiz-ready";
  var ICON_RIGHT = "\u2714"; // heavy check mark
  var ICON_WRONG = "\u2718"; // heavy ballot x
  var MINUTE = 60 * 1000;
  var DAY = 24 * 60 * MINUTE;
  /** Review intervals by Leitner box: box 0 after a wrong answer, then up while answered right. */
  var INTERVALS = [10 * MINUTE, DAY, 3 * DAY, 7 * DAY];

  function now() {
    return Date.now() + (window.MMNQuiz && window.MMNQuiz.clockOffset ? window.MMNQuiz.clockOffset : 0);
  }

  // -- storage ---------------------------------------------------------------------------------------
  var memory = null; // used when localStorage is unavailable (privacy mode): the quiz still works

  function readStore() {
    var data = null;
    try {
      var raw = window.localStorage.getItem(STORE);
      data = raw ? JSON.parse(raw) : null;
    } catch {
      data = memory;
    }
    if (!data || typeof data !== "object" || !data.items || typeof data.items !== "object") {
      data = { version: 2, items: {} };
    }
    return data;
  }

  function writeStore(data) {
    memory = data;
    try {
      window.localStorage.setItem(STORE, JSON.stringify(data));
    } catch {
      /* kept in memory only */
    }
  }

  function record(qid) {
    return readStore().items[qid] || null;
  }

  function updateRecord(qid, fn) {
    var data = readStore();
    var rec = data.items[qid] || {};
    fn(rec);
    data.items[qid] = rec;
    writeStore(data);
    return rec;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function verdict(right) {
    var strong = el("strong", "mmn-quiz__verdict");
    var icon = el("span", "mmn-quiz__icon", right ? ICON_RIGHT : ICON_WRONG);
    icon.setAttribute("aria-hidden", "true");
    strong.appendChild(icon);
    strong.appendChild(document.createTextNode(right ? " Correct \u2014 " : " Not quite \u2014 "));
    return strong;
  }

  // -- one question ------------------------------------------------------------------------------------
  /** The data of one question, read from its markup. */
  function readQuestion(section) {
    var items = section.querySelectorAll(".mmn-quiz__key li[data-option]");
    var options = [];
    Array.prototype.forEach.call(items, function (li) {
      options.push({
        text: li.querySelector(".mmn-quiz__key-text").textContent,
        explanation: li.querySelector(".mmn-quiz__explanation").textContent,
        correct: li.getAttribute("data-correct") === "true",
      });
    });
    var sources = section.querySelector(".mmn-quiz__key .mmn-quiz__sources");
    var teaching = section.querySelector(".mmn-quiz__key .mmn-quiz__teaching");
    return {
      id: section.getAttribute("data-question-id"),
      chapter: section.getAttribute("data-chapter") || "",
      objective: section.getAttribute("data-objective") || "",
      bloom: section.getAttribute("data-bloom") || "",
      multiple: section.getAttribute("data-type") === "multiple",
      review: section.hasAttribute("data-review"),
      options: options,
      sources: sources ? sources.textContent : "",
      teaching: teaching ? teaching.textContent : "",
      inputs: Array.prototype.slice.call(section.querySelectorAll(".mmn-quiz__options input")),
      labels: Array.prototype.slice.call(section.querySelectorAll(".mmn-quiz__option")),
      feedback: section.querySelector(".mmn-quiz__feedback"),
      check: section.querySelector(".mmn-quiz__check"),
      show: section.querySelector(".mmn-quiz__show"),
    };
  }

  function button(className, text) {
    var b = el("button", className, text);
    b.type = "button";
    return b;
  }

  /** "Check answer" and "Show the answer", before the feedback region (the markup does not carry them). */
  function addActions(section) {
    if (section.querySelector(".mmn-quiz__actions")) return;
    var feedback = section.querySelector(".mmn-quiz__feedback");
    if (!feedback) return;
    var actions = el("div", "mmn-quiz__actions");
    actions.appendChild(button("mmn-quiz__check", "Check answer"));
    actions.appendChild(document.createTextNode(" "));
    var show = button("mmn-quiz__show", "Show the answer");
    show.hidden = true;
    actions.appendChild(show);
    feedback.parentNode.insertBefore(actions, feedback);
  }

  function isRight(q, chosen) {
    return q.options.every(function (o, i) {
      return o.correct === chosen.indexOf(i) >= 0;
    });
  }

  function clearMarks(q) {
    q.labels.forEach(function (label) {
      label.classList.remove("is-right", "is-wrong", "is-answer");
      var mark = label.querySelector(".mmn-quiz__mark");
      if (mark) mark.textContent = "";
    });
  }

  /** Marks beside the options; the correct ones are marked only when `reveal` is true. */
  function markOptions(q, chosen, reveal) {
    clearMarks(q);
    q.options.forEach(function (o, i) {
      var label = q.labels[i];
      var mark = label.querySelector(".mmn-quiz__mark");
      var picked = chosen.indexOf(i) >= 0;
      if (picked && o.correct && reveal) {
        label.classList.add("is-right");
        mark.textContent = " " + ICON_RIGHT + " correct";
      } else if (picked && !o.correct) {
        label.classList.add("is-wrong");
        mark.textContent = " " + ICON_WRONG + " incorrect";
      } else if (o.correct && reveal && !picked) {
        label.classList.add("is-answer");
        mark.textContent = q.multiple ? " " + ICON_RIGHT + " correct, not selected" : " " + ICON_RIGHT + " correct answer";
      }
    });
  }

  function explanationLine(label, option) {
    var p = el("p", "mmn-quiz__why");
    p.appendChild(el("span", "mmn-quiz__why-label", label));
    p.appendChild(document.createTextNode(" \u201C" + option.text + "\u201D: " + option.explanation));
    return p;
  }

  function resetFeedback(q, kind) {
    q.feedback.textContent = "";
    q.feedback.classList.remove("is-right", "is-wrong", "is-prompt");
    if (kind) q.feedback.classList.add(kind);
  }

  function firstLine(q, rec) {
    if (!rec || rec.first === undefined || q.review) return null;
    return el(
      "p",
      "mmn-quiz__first",
      rec.first
        ? "Your first answer was correct: it counts in your score."
        : "Your first answer was incorrect: that is what counts in your score; retrying is for learning."
    );
  }

  /**
   * Feedback for `chosen`. When the answer is wrong and not yet revealed, only the chosen options are
   * explained (so a retry still tests); `reveal` explains every option.
   */
  function showFeedback(q, chosen, reveal) {
    var right = isRight(q, chosen);
    var full = right || reveal;
    resetFeedback(q, right ? "is-right" : "is-wrong");
    var box = q.feedback;
    var lead = el("p", "mmn-quiz__lead");
    lead.appendChild(verdict(right));
    if (!chosen.length) {
      resetFeedback(q, "is-prompt");
      box.appendChild(el("p", "mmn-quiz__lead", "The answer:"));
      q.options.forEach(function (o) {
        if (o.correct) box.appendChild(explanationLine("Correct:", o));
      });
    } else if (!q.multiple) {
      lead.appendChild(document.createTextNode(q.options[chosen[0]].explanation));
      box.appendChild(lead);
      if (!right && full) {
        q.options.forEach(function (o) {
          if (o.correct) box.appendChild(explanationLine("The correct answer:", o));
        });
      }
    } else {
      var nRight = q.options.filter(function (o) { return o.correct; }).length;
      var hits = chosen.filter(function (i) { return q.options[i].correct; }).length;
      var misses = chosen.length - hits;
      lead.appendChild(
        document.createTextNode(
          right
            ? "you selected exactly the " + nRight + " correct option" + (nRight === 1 ? "." : "s.")
            : "you selected " + hits + " of the " + nRight + " correct option" + (nRight === 1 ? "" : "s") +
                " and " + misses + " incorrect one" + (misses === 1 ? "." : "s.")
        )
      );
      box.appendChild(lead);
      q.options.forEach(function (o, i) {
        var picked = chosen.indexOf(i) >= 0;
        if (picked && !o.correct) box.appendChild(explanationLine("Incorrect, you selected it:", o));
        else if (full && picked) box.appendChild(explanationLine("Correct, you selected it:", o));
        else if (full && o.correct) box.appendChild(explanationLine("Correct, you did not select it:", o));
      });
    }
    if (full && q.teaching) box.appendChild(el("p", "mmn-quiz__teaching", q.teaching));
    if (!full) {
      box.appendChild(
        el(
          "p",
          "mmn-quiz__retry",
          "Choose again and press \u201CCheck answer\u201D to retry, or press \u201CShow the answer\u201D."
        )
      );
    }
    var first = firstLine(q, record(q.id));
    if (first) box.appendChild(first);
    if (full && q.sources) box.appendChild(el("p", "mmn-quiz__sources", q.sources));
    markOptions(q, chosen, full);
    if (q.show) q.show.hidden = full;
    return right;
  }

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

  // -- step-by-step disclosure (cases) ----------------------------------------------------------------------
  function target(block) {
    var id = block.getAttribute("data-reveals");
    var node = id ? document.getElementById(id) : null;
    // Sphinx may put a label's id on an empty span at the start of its section.
    if (node && node.tagName === "SPAN" && !node.textContent.trim() && node.parentElement) node = node.parentElement;
    return node;
  }

  function blockAnswered(block) {
    var items = readStore().items;
    return Array.prototype.some.call(block.querySelectorAll(".mmn-quiz__question"), function (section) {
      var rec = items[section.getAttribute("data-question-id")];
      return !!(rec && rec.first !== undefined);
    });
  }

  /** The element `reveals` names and its later siblings: the rest of the case after this decision point. */
  function lockedBy(block) {
    var node = target(block);
    var out = [];
    while (node) {
      if (node.nodeType === 1) out.push(node);
      node = node.nextElementSibling;
    }
    return out;
  }

  function note(block) {
    var next = block.nextElementSibling;
    return next && next.classList.contains("mmn-quiz__locked") ? next : null;
  }

  /** Hide, on screen, every step behind a decision point not yet answered; show the rest. */
  function lockAll() {
    // the printable whole course shows every step: it is read (and printed) as a whole, answer key included
    if (document.body && document.body.classList.contains("mmn-print-body")) return;
    var gates = document.querySelectorAll(".mmn-quiz[data-reveals]");
    var hide = [];
    Array.prototype.forEach.call(gates, function (block) {
      var open = blockAnswered(block);
      var n = note(block);
      if (!open) {
        hide = hide.concat(lockedBy(block));
        if (!n && block.parentNode && target(block)) {
          n = el("p", "mmn-quiz__locked", "The next step of this case appears when you have answered the question above.");
          block.parentNode.insertBefore(n, block.nextSibling);
        }
      } else if (n) {
        n.parentNode.removeChild(n);
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".mmn-quiz-step-locked"), function (node) {
      if (hide.indexOf(node) < 0) node.classList.remove("mmn-quiz-step-locked");
    });
    hide.forEach(function (node) {
      node.classList.add("mmn-quiz-step-locked");
    });
  }

  function revealSteps(section) {
    var block = section.closest ? section.closest(".mmn-quiz[data-reveals]") : null;
    if (!block) return;
    var node = target(block);
    var was = node && node.classList.contains("mmn-quiz-step-locked");
    lockAll();
    if (was && !node.classList.contains("mmn-quiz-step-locked")) {
      section.querySelector(".mmn-quiz__feedback").appendChild(
        el("p", "mmn-quiz__revealed", "The next step of the case is now shown below.")
      );
      // a figure drawn while its step was hidden was laid out at plotly's default width: fit it to the page now
      if (window.Plotly && window.Plotly.Plots) {
        lockedBy(block).forEach(function (shown) {
          Array.prototype.forEach.call(shown.querySelectorAll(".js-plotly-plot"), function (gd) {
            try { window.Plotly.Plots.resize(gd); } catch { /* not drawn yet: drawn when reached */ }
          });
        });
      }
    }
  }

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
})();
