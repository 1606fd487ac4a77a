// The lecturer's console and hall display: sessions, question picker, live histogram, reveal, export.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const deck = params.get("view") === "deck";
  if (deck) document.body.classList.add("deck");
  let code = (params.get("s") || "").toUpperCase();
  let bank = [];
  let stream = null;
  let shownQuestion = null;
  const asked = params.get("q"); // a deck slide's question: "Ask this question" opens it

  function msg(text) { $("msg").textContent = text; }

  async function login(token) {
    await Poll.request("POST", "api/login", {token: token});
  }

  async function start() {
    const hash = new URLSearchParams(location.hash.slice(1));
    if (hash.get("token")) {
      try { await login(hash.get("token")); } catch { /* falls through to the form */ }
      history.replaceState(null, "", location.pathname + location.search);
    }
    const who = await Poll.request("GET", "api/whoami");
    if (!who.lecturer) {
      $("login").hidden = false;
      if (who.mode === "hub") {
        $("login-form").hidden = true;
        $("login-heading").after(Poll.el("p", {}, "Your hub account is not a lecturer of this poll."));
      }
      return;
    }
    $("login").hidden = true;
    $("lan-note").hidden = who.mode !== "lan";
    if (!deck) {
      await setup();
    } else if (!code) { // the deck names no session: the newest one
      const sessions = (await Poll.request("GET", "api/sessions")).sessions;
      if (sessions.length) code = sessions[0].code;
      else msg("No session yet: open the lecturer page and make one.");
    }
    if (code) show(code);
  }

  async function setup() {
    $("setup").hidden = false;
    bank = (await Poll.request("GET", "api/bank")).questions;
    const chapters = [...new Set(bank.map((q) => q.chapter))];
    $("chapter").replaceChildren(...chapters.map((c) => Poll.el("option", {value: c}, c.replace(/_/g, " "))));
    fillQuestions();
    await fillSessions();
  }

  function fillQuestions() {
    const chapter = $("chapter").value;
    $("question").replaceChildren(...bank.filter((q) => q.chapter === chapter).map(function (q) {
      const stem = q.stem.length > 90 ? q.stem.slice(0, 89) + "…" : q.stem;
      return Poll.el("option", {value: q.id}, q.id + (q.study ? " (study)" : "") + " — " + stem);
    }));
  }

  async function fillSessions() {
    const sessions = (await Poll.request("GET", "api/sessions")).sessions;
    $("session").replaceChildren(...sessions.map((s) => Poll.el("option", {value: s.code}, s.code + " · " + s.title)));
    if (!code && sessions.length) code = sessions[0].code;
    $("session").value = code;
  }

  function show(newCode) {
    code = newCode;
    const url = new URL(location.href);
    url.searchParams.set("s", code);
    history.replaceState(null, "", url.pathname + url.search);
    $("board").hidden = false;
    $("qr").src = "api/s/" + code + "/qr.svg";
    $("export").href = "api/s/" + code + "/export.csv";
    Poll.request("GET", "api/s/" + code + "/results").then(function (v) {
      $("join-url").textContent = v.join_url;
      $("join-url").href = v.join_url;
      render(v);
    }).catch((e) => msg(e.message));
    if (stream) stream.close();
    stream = new EventSource("api/s/" + code + "/live");
    stream.onmessage = (ev) => render(JSON.parse(ev.data));
  }

  function render(v) {
    $("title").textContent = v.session.title;
    $("code").textContent = v.session.code;
    const q = v.question;
    const bars = $("bars");
    if (!q) {
      $("ask").hidden = !asked;
      $("stem").textContent = "No question open yet.";
      $("study").replaceChildren(); bars.replaceChildren(); $("count").textContent = "";
      $("teaching").hidden = true;
      return;
    }
    if (q.id !== shownQuestion) {
      $("stem").textContent = q.stem;
      $("study").innerHTML = q.study_html || ""; // tables made by the course's own code, not user text
      $("grid").classList.toggle("with-study", !!q.study_html);
      bars.replaceChildren(...q.options.map(function (text, i) {
        const li = Poll.el("li", {"class": "bar", id: "bar-" + i});
        const label = Poll.el("span", {"class": "bar-label"});
        label.append(Poll.el("span", {"class": "letter"}, Poll.letter(i) + "."), " ", text);
        const track = Poll.el("span", {"class": "track", "aria-hidden": "true"});
        track.append(Poll.el("span", {"class": "fill", id: "fill-" + i}));
        li.append(label, track, Poll.el("span", {"class": "value", id: "value-" + i}),
                  Poll.el("span", {"class": "mark", id: "mark-" + i}),
                  Poll.el("p", {"class": "explanation", id: "why-" + i, hidden: ""}));
        return li;
      }));
      shownQuestion = q.id;
    }
    const counts = v.counts || q.options.map(() => 0);
    const voters = v.voters || 0;
    const stateText = {open: "answers open", closed: "answers closed", revealed: "answer revealed"}[v.state];
    $("count").textContent = voters + (voters === 1 ? " answer" : " answers") + " · " + stateText;
    const key = v.key;
    counts.forEach(function (n, i) {
      const pct = voters ? Math.round((100 * n) / voters) : 0;
      $("fill-" + i).style.width = pct + "%";
      $("value-" + i).textContent = n + " (" + pct + "%)";
      $("bar-" + i).classList.toggle("correct", !!key && key.correct.includes(i));
      $("mark-" + i).textContent = key ? (key.correct.includes(i) ? "✓ Correct" : "") : "";
      $("why-" + i).hidden = !key;
      $("why-" + i).textContent = key ? key.explanations[i] : "";
    });
    $("teaching").hidden = !key || !key.teaching_point;
    $("teaching").textContent = key ? key.teaching_point : "";
    $("ask").hidden = !asked || q.id === asked;
    $("close").disabled = v.state !== "open";
    $("reveal").disabled = v.state === "revealed";
  }

  async function act(action, body) {
    try {
      render(await Poll.request("POST", "api/s/" + code + "/" + action, body || {}));
      msg("");
    } catch (e) {
      msg(e.message);
    }
  }

  $("login-form").addEventListener("submit", async function (ev) {
    ev.preventDefault();
    try { await login($("token").value); start(); } catch (e) { msg(e.message); }
  });
  $("new-session").addEventListener("submit", async function (ev) {
    ev.preventDefault();
    const s = await Poll.request("POST", "api/sessions", {title: $("session-title").value});
    code = s.code;
    await fillSessions();
    show(code);
  });
  $("session").addEventListener("change", () => show($("session").value));
  $("chapter").addEventListener("change", fillQuestions);
  $("pick").addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (!code) { msg("Make a session first."); return; }
    act("open", {question: $("question").value});
  });
  $("ask").addEventListener("click", () => act("open", {question: asked}));
  $("close").addEventListener("click", () => act("close"));
  $("reveal").addEventListener("click", () => act("reveal"));
  $("reset").addEventListener("click", function () {
    if (window.confirm("Delete every answer to this question and open it again?")) act("reset");
  });
  start().catch((e) => msg(e.message));
})();
