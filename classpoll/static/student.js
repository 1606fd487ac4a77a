// The student's page: the current question, one answer (changeable while open), the key once revealed.
"use strict";
(function () {
  const code = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop()).toUpperCase();
  const api = "../api/s/" + encodeURIComponent(code) + "/";
  const $ = (id) => document.getElementById(id);
  let current = null; // id of the question on screen
  let mine = null;    // this browser's recorded answer (option positions) to it
  let state = null;

  function say(text) { $("status").textContent = text; }
  function letters(list) { return list.map(Poll.letter).join(", "); }

  function build(q) {
    $("stem").textContent = q.stem;
    $("study").innerHTML = q.study_html || ""; // tables made by the course's own code, not user text
    $("legend").textContent = q.type === "multiple" ? "Your answer (select all that apply)" : "Your answer";
    const box = $("options");
    box.replaceChildren();
    q.options.forEach(function (text, i) {
      const row = Poll.el("div", {"class": "option", "id": "row-" + i});
      const input = Poll.el("input", {type: q.type === "multiple" ? "checkbox" : "radio", name: "opt",
                                      id: "opt-" + i, value: String(i)});
      const label = Poll.el("label", {"for": "opt-" + i});
      label.append(Poll.el("span", {"class": "letter"}, Poll.letter(i) + "."), " ", text);
      const mark = Poll.el("span", {"class": "mark", id: "mark-" + i});
      const why = Poll.el("p", {"class": "explanation", id: "why-" + i, hidden: ""});
      row.append(input, label, mark, why);
      box.append(row);
    });
  }

  function render(v) {
    $("title").textContent = v.session.title;
    $("code").textContent = v.session.code;
    document.title = "Class poll: " + v.session.title;
    if (!v.question) {
      current = null; state = null;
      $("answer").hidden = true; $("key").hidden = true;
      say("Waiting for the lecturer to open a question.");
      return;
    }
    if (v.question.id !== current) {
      build(v.question);
      current = v.question.id;
      if (v.mine === undefined) { refresh(); return; } // a new question from the stream: ask for our own answer
      mine = v.mine;
    } else if (v.mine !== undefined) {
      mine = v.mine;
    }
    state = v.state;
    $("answer").hidden = false;
    const open = state === "open";
    document.querySelectorAll("#options input").forEach(function (input) {
      input.disabled = !open;
      input.checked = !!mine && mine.includes(Number(input.value));
    });
    $("send").hidden = !open;
    $("send").textContent = mine ? "Change answer" : "Send answer";
    if (open) {
      say(mine ? "Answer recorded: " + letters(mine) + ". You can change it until the lecturer closes the question."
               : "Choose an answer, then press “Send answer”.");
    } else if (state === "closed") {
      say("Answers are closed. " + (mine ? "Your answer: " + letters(mine) + "." : "You did not answer."));
    }
    const key = v.key;
    $("key").hidden = !key;
    document.querySelectorAll(".option").forEach(function (row, i) {
      const mark = $("mark-" + i), why = $("why-" + i);
      row.classList.toggle("correct", !!key && key.correct.includes(i));
      mark.textContent = key ? (key.correct.includes(i) ? "✓ Correct" : "✗ Not correct") : "";
      why.hidden = !key;
      why.textContent = key ? key.explanations[i] : "";
    });
    if (key) {
      $("teaching").textContent = key.teaching_point;
      say("Correct: " + letters(key.correct) + "." + (mine ? " Your answer: " + letters(mine) + "." : ""));
    }
  }

  async function refresh() {
    try {
      render(await Poll.request("GET", api + "state"));
    } catch (e) {
      say(e.status === 404 ? "No session has the code " + code + "." : "Cannot reach the poll: " + e.message);
    }
  }

  $("answer").addEventListener("submit", async function (ev) {
    ev.preventDefault();
    if (state !== "open") return;
    const chosen = Array.from(document.querySelectorAll("#options input:checked")).map((i) => Number(i.value));
    if (!chosen.length) { say("Choose an option first."); return; }
    $("send").disabled = true;
    try {
      const res = await Poll.request("POST", api + "answer", {question: current, options: chosen});
      mine = res.recorded;
      $("send").textContent = "Change answer";
      say("Answer recorded: " + letters(mine) + ". You can change it until the lecturer closes the question.");
    } catch (e) {
      say("Not recorded: " + e.message);
    } finally {
      $("send").disabled = false;
    }
  });

  refresh().then(function () {
    const events = new EventSource(api + "events");
    events.onmessage = function (ev) { render(JSON.parse(ev.data)); };
  });
})();
