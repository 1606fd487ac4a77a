// Part of quiz.js: constants, the clock, the answers kept in localStorage, two markup helpers.
// biome-ignore-all lint/correctness/noUnusedVariables: the parts share one scope in the bundled script (see the frame, quiz.js)
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
