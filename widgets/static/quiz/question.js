// Part of quiz.js: one question read from its markup, its buttons, the marks beside its
// options and the feedback under it.
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, quiz.js)
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
