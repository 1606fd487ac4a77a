/*
 * MMN course quiz renderer: one small dependency-free script for every quiz of a page.
 *
 * The Python side (widgets/quiz/render.py) writes semantic markup: a `.mmn-quiz` block of
 * `<section class="mmn-quiz__question">` elements, each a `<fieldset>` of native radio buttons or
 * checkboxes plus a `<details class="mmn-quiz__key">` answer key (the no-script fallback and the data
 * this script reads). This script adds the behaviour:
 *   - instant feedback on choosing an answer (single) or on "Check answer" (multiple), announced through
 *     the question's aria-live region, with words and icons besides colour;
 *   - retry at will; the page score counts the LATEST answer to each question;
 *   - progress saved in localStorage (keyed by page path + question id) and a "Reset quiz progress" button.
 * Idempotent: loading it twice defines it once; blocks added later (JupyterLab outputs) are picked up by a
 * MutationObserver. No shuffling: option order is the author's, stable for tests and screen-reader users.
 */
(function () {
  "use strict";
  if (window.MMNQuiz && window.MMNQuiz.version) {
    window.MMNQuiz.scan();
    return;
  }

  var VERSION = "1";
  var PREFIX = "mmn-quiz/v1|";
  var READY = "data-mmn-quiz-ready";
  var ICON_RIGHT = "\u2714"; // heavy check mark
  var ICON_WRONG = "\u2718"; // heavy ballot x

  function pageKey() {
    return PREFIX + window.location.pathname + "|";
  }

  function loadState(qid) {
    try {
      var raw = window.localStorage.getItem(pageKey() + qid);
      var state = raw ? JSON.parse(raw) : null;
      return state && Array.isArray(state.chosen) ? state : null;
    } catch (e) {
      return null; // storage disabled (privacy mode, file:// in some browsers): the quiz still works
    }
  }

  function saveState(qid, state) {
    try {
      window.localStorage.setItem(pageKey() + qid, JSON.stringify(state));
    } catch (e) {
      /* not persisted */
    }
  }

  function clearPageStates() {
    try {
      var prefix = pageKey();
      var doomed = [];
      for (var i = 0; i < window.localStorage.length; i++) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf(prefix) === 0) doomed.push(key);
      }
      doomed.forEach(function (key) {
        window.localStorage.removeItem(key);
      });
    } catch (e) {
      /* nothing stored */
    }
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
    return {
      id: section.getAttribute("data-question-id"),
      multiple: section.getAttribute("data-type") === "multiple",
      options: options,
      sources: sources ? sources.textContent : "",
      inputs: Array.prototype.slice.call(section.querySelectorAll(".mmn-quiz__options input")),
      labels: Array.prototype.slice.call(section.querySelectorAll(".mmn-quiz__option")),
      feedback: section.querySelector(".mmn-quiz__feedback"),
    };
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

  function markOptions(q, chosen, right) {
    clearMarks(q);
    q.options.forEach(function (o, i) {
      var label = q.labels[i];
      var mark = label.querySelector(".mmn-quiz__mark");
      var picked = chosen.indexOf(i) >= 0;
      if (picked && o.correct) {
        label.classList.add("is-right");
        mark.textContent = " " + ICON_RIGHT + " correct";
      } else if (picked) {
        label.classList.add("is-wrong");
        mark.textContent = " " + ICON_WRONG + " incorrect";
      } else if (o.correct && !right) {
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

  /** Show the verdict and explanations for the answer `chosen` (indices). */
  function showFeedback(q, chosen) {
    var right = isRight(q, chosen);
    var box = q.feedback;
    box.textContent = "";
    box.classList.remove("is-right", "is-wrong", "is-prompt");
    box.classList.add(right ? "is-right" : "is-wrong");
    var lead = el("p", "mmn-quiz__lead");
    lead.appendChild(verdict(right));
    if (!q.multiple) {
      var picked = q.options[chosen[0]];
      lead.appendChild(document.createTextNode(picked.explanation));
      box.appendChild(lead);
      if (!right) {
        q.options.forEach(function (o) {
          if (o.correct) box.appendChild(explanationLine("The correct answer:", o));
        });
        box.appendChild(el("p", "mmn-quiz__retry", "You can choose another answer to try again."));
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
        if (picked && o.correct) box.appendChild(explanationLine("Correct, you selected it:", o));
        else if (picked) box.appendChild(explanationLine("Incorrect, you selected it:", o));
        else if (o.correct) box.appendChild(explanationLine("Correct, you did not select it:", o));
      });
      if (!right) box.appendChild(el("p", "mmn-quiz__retry", "Change your choices and check again if you like."));
    }
    if (q.sources) box.appendChild(el("p", "mmn-quiz__sources", q.sources));
    markOptions(q, chosen, right);
    return right;
  }

  function chosenIndices(q) {
    var out = [];
    q.inputs.forEach(function (input, i) {
      if (input.checked) out.push(i);
    });
    return out;
  }

  function answer(q, chosen) {
    var right = showFeedback(q, chosen);
    saveState(q.id, { chosen: chosen, correct: right });
    updateScores();
  }

  function resetQuestion(q) {
    q.inputs.forEach(function (input) {
      input.checked = false;
    });
    clearMarks(q);
    q.feedback.textContent = "";
    q.feedback.classList.remove("is-right", "is-wrong", "is-prompt");
  }

  var questions = []; // every initialised question of the page

  function initQuestion(section) {
    var q = readQuestion(section);
    q.section = section;
    if (!q.id || !q.feedback || q.inputs.length !== q.options.length) return;
    questions.push(q);
    var key = section.querySelector(".mmn-quiz__key");
    if (key) key.hidden = true; // the script gives the feedback now
    if (q.multiple) {
      var check = section.querySelector(".mmn-quiz__check");
      if (check) {
        check.hidden = false;
        check.addEventListener("click", function () {
          var chosen = chosenIndices(q);
          if (!chosen.length) {
            q.feedback.textContent = "";
            q.feedback.classList.remove("is-right", "is-wrong");
            q.feedback.classList.add("is-prompt");
            q.feedback.appendChild(el("p", "mmn-quiz__lead", "Select at least one option, then press \u201CCheck answer\u201D."));
            return;
          }
          answer(q, chosen);
        });
      }
      q.inputs.forEach(function (input) {
        input.addEventListener("change", function () {
          clearMarks(q); // the marks described the previous choice
        });
      });
    } else {
      q.inputs.forEach(function (input, i) {
        input.addEventListener("change", function () {
          if (input.checked) answer(q, [i]);
        });
      });
    }
    var state = loadState(q.id);
    if (state) {
      var valid = state.chosen.filter(function (i) {
        return typeof i === "number" && i >= 0 && i < q.inputs.length;
      });
      if (valid.length) {
        valid.forEach(function (i) {
          q.inputs[i].checked = true;
        });
        showFeedback(q, q.multiple ? valid : [valid[0]]);
      }
    }
  }

  function connected(q) {
    return document.documentElement.contains(q.section);
  }

  /** Score of the page: distinct questions, and those whose latest saved answer is right. */
  function score() {
    questions = questions.filter(connected);
    var seen = {};
    var total = 0;
    var right = 0;
    var answered = 0;
    questions.forEach(function (q) {
      if (seen[q.id]) return;
      seen[q.id] = true;
      total += 1;
      var state = loadState(q.id);
      if (state) {
        answered += 1;
        if (state.correct) right += 1;
      }
    });
    return { total: total, answered: answered, right: right };
  }

  function updateScores() {
    var s = score();
    var text = s.right + " of " + s.total + " answered correctly on this page";
    Array.prototype.forEach.call(document.querySelectorAll(".mmn-quiz__score-text"), function (node) {
      node.textContent = text;
    });
    return s;
  }

  function resetPage(statusNode) {
    clearPageStates();
    questions.filter(connected).forEach(resetQuestion);
    updateScores();
    if (statusNode) statusNode.textContent = "Quiz progress on this page was reset.";
  }

  function initFooter(footer) {
    footer.setAttribute(READY, VERSION);
    footer.hidden = false;
    var reset = footer.querySelector(".mmn-quiz__reset");
    var status = footer.querySelector(".mmn-quiz__status");
    if (reset) {
      reset.addEventListener("click", function () {
        resetPage(status);
      });
    }
  }

  /**
   * Initialise every question and footer of the document not yet initialised, then mark their blocks.
   * Questions and footers are marked one by one, so a block that was still being parsed (or is streamed
   * in piece by piece) is completed by a later scan.
   */
  function scan() {
    var fresh = document.querySelectorAll(".mmn-quiz .mmn-quiz__question:not([" + READY + "])");
    Array.prototype.forEach.call(fresh, function (section) {
      section.setAttribute(READY, VERSION);
      initQuestion(section);
    });
    var footers = document.querySelectorAll(".mmn-quiz .mmn-quiz__footer:not([" + READY + "])");
    Array.prototype.forEach.call(footers, initFooter);
    var blocks = document.querySelectorAll(".mmn-quiz:not([" + READY + "])");
    Array.prototype.forEach.call(blocks, function (root) {
      root.setAttribute(READY, VERSION);
    });
    if (fresh.length || footers.length || blocks.length) updateScores();
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
    scan: scan,
    score: function () {
      return updateScores();
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
