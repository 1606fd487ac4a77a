// Part of quiz.js: step-by-step disclosure of the cases (a step shows once its decision point
// is answered).
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, quiz.js)
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
